"""Copies of a live database made with the SQLite backup API (never a file copy).

A file copy of a database in WAL mode can miss committed pages that are still in the
write-ahead log; the backup API reads through SQLite and so copies exactly what is committed.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from ..domain.backup_rotation import backup_name, parse_backup_name

MAX_SAME_SECOND = 1000


def backup_to(conn: sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent copy of ``conn``'s database to ``destination`` (owner-only).

    Never overwrites: raises FileExistsError if ``destination`` exists (or another writer is
    making it right now). The copy is built beside its final name and moved into place, so a
    crash never leaves a half-written copy under the real name. The copy is a single file
    (rollback journal, not WAL): it opens read-only without companions.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        raise FileExistsError(destination)
    partial = destination.with_name(destination.name + ".partial")
    # O_EXCL: two writers that picked the same name cannot both build it.
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        place_new(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination


def backup_into(
    conn: sqlite3.Connection,
    folder: Path,
    stem: str,
    reason: str,
    now: dt.datetime | None = None,
) -> Path:
    """A copy of ``conn``'s database in ``folder`` under a new time-stamped name; returns it.

    Two backups in the same second get different names (``…T101500-…``, ``…T101500_2-…``).
    """
    now = now or dt.datetime.now()
    folder = Path(folder)
    # Numbered after every backup of that second, whatever it was made for, so that the
    # numbers keep their order.
    taken = [
        stamp.sequence
        for stamp in map(parse_backup_name, _names(folder))
        if stamp is not None and stamp.made_at == now.replace(microsecond=0)
    ]
    for sequence in range(max(taken, default=0) + 1, MAX_SAME_SECOND + 1):
        try:
            return backup_to(conn, folder / backup_name(stem, reason, now, sequence))
        except FileExistsError:  # taken meanwhile, or left half made by a crash
            continue
    raise FileExistsError(f"{folder}: no free backup name for {now:%Y-%m-%d %H:%M:%S}")


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def timestamped_name(stem: str, reason: str, now: dt.datetime | None = None) -> str:
    """A backup file name that sorts by time: ``ilp-2026-11-22T101500-before-0002_x.sqlite``."""
    return backup_name(stem, reason, now or dt.datetime.now())


def place_new(source: Path, destination: Path) -> None:
    """Move ``source`` to ``destination``, which must not exist: FileExistsError rather than
    overwrite, even if another process takes the name at the same moment."""
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if destination.exists():
            raise FileExistsError(destination) from None
        os.replace(source, destination)
        return
    os.unlink(source)
