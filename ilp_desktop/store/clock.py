"""The times the store records, as ISO text (to the second, local time)."""

from __future__ import annotations

import datetime as dt


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()
