"""Copies of a live database made with the SQLite backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def backup_to(conn: sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent copy of ``conn``'s database to ``destination`` (owner-only).

    The copy is built beside its final name and moved into place, so a crash never leaves a
    half-written backup under the real name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
    finally:
        target.close()
    os.replace(partial, destination)
    return destination


def timestamped_name(stem: str, reason: str, now: dt.datetime | None = None) -> str:
    """A backup file name that sorts by time: ``ilp-2026-11-22T101500-before-0002_x.sqlite``."""
    now = now or dt.datetime.now()
    return f"{stem}-{now.strftime('%Y-%m-%dT%H%M%S')}-{reason}.sqlite"
