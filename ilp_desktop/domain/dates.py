"""Dates as counselors type them: ISO year-month-day, with a plain message when not."""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_iso_date(text: str, example: str = "2026-09-14") -> tuple[dt.date | None, str | None]:
    """(the date, None), or (None, a message saying how to write it, with ``example``)."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None, f"“{text}” is not a date. Write it as year-month-day, for example {example}."
    if not _ISO_DATE.match(text):  # fromisoformat also takes 20110314
        return None, f"Write the date as year-month-day, for example {example}."
    return day, None
