"""Errors the store raises, each with a message written for the counselor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

UNCHANGED = "The file has not been changed."


class StoreError(Exception):
    """A problem with the database that the user can act on. ``str()`` is the message."""


class NewerDatabaseError(StoreError):
    pass


class NotADatabaseError(StoreError):
    pass


class OlderDatabaseError(StoreError):
    pass


class CorruptDatabaseError(StoreError):
    pass


class LockedDatabaseError(StoreError):
    pass


class ReadOnlyLocationError(StoreError):
    pass


class AlreadyOpenError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


def newer(path: Path, unknown: list[str], version: str) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"{path} was saved by a newer version of ILP Desktop than this one ({version}); "
        f"it holds changes this version does not know ({', '.join(unknown)}). "
        f"Install the newer version of ILP Desktop to open it. {UNCHANGED}"
    )


def older(path: Path) -> OlderDatabaseError:
    return OlderDatabaseError(
        f"{path} was last opened by an older version of ILP Desktop and has not been brought up "
        f"to date yet. Open it in ILP Desktop once, then try again. {UNCHANGED}"
    )


def not_a_database(path: Path, what: str) -> NotADatabaseError:
    return NotADatabaseError(
        f"{path} {what}, so ILP Desktop cannot open it. Choose the database file ILP Desktop "
        f"made (it ends in .sqlite), or a new file name to start an empty database. {UNCHANGED}"
    )


def corrupt(path: Path, detail: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{path} is damaged and cannot be opened safely (SQLite reports: {detail}). "
        f"Keep the file as it is and restore the latest backup of it, or ask your IT support "
        f"to recover it. {UNCHANGED}"
    )


def locked(path: Path) -> LockedDatabaseError:
    return LockedDatabaseError(
        f"{path} is locked by another program that is writing to it. Close that program, or "
        f"wait for it to finish, then try again. {UNCHANGED}"
    )


def read_only(path: Path, folder: Path) -> ReadOnlyLocationError:
    return ReadOnlyLocationError(
        f"ILP Desktop cannot save changes to {path}: the folder {folder} is read-only for you. "
        f"Copy the database into a folder you can write to, such as your Documents folder, and "
        f"open it there. {UNCHANGED}"
    )


def already_open(path: Path) -> AlreadyOpenError:
    return AlreadyOpenError(
        f"{path} is already open in another ILP Desktop window. Use that window, or close it "
        f"first; the same database is never opened twice."
    )


def translate(error: sqlite3.Error, path: Path) -> StoreError | None:
    """Map an SQLite error met while working to a StoreError, or None if it is our bug."""
    text = str(error).lower()
    if "database or disk is full" in text:
        return DiskFullError(
            f"The disk holding {path} is full, so the last change was not saved. "
            f"Free some space, then try again."
        )
    if "readonly" in text or "read-only" in text:
        return read_only(path, path.parent)
    if "locked" in text or "busy" in text:
        return locked(path)
    if "malformed" in text or "not a database" in text or "disk i/o error" in text:
        return corrupt(path, str(error))
    if "unable to open" in text:
        return read_only(path, path.parent)
    return None
