"""Removing one student for good: every row, every snapshot, their history; then VACUUM."""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass

from . import errors
from .db import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeResult:
    sis_id: str
    name: str
    rows: int  # rows removed, the student's own included
    compacted: bool = True  # False: the file could not be rewritten now (see purge_student)


class PurgeError(errors.StoreError):
    pass


def purge_student(store: Store, student_id: int) -> PurgeResult:
    """Delete the student and everything hanging off them, then rewrite the file.

    Foreign keys cascade to every plan table and snapshot; the audit rows (no foreign key,
    written by triggers even for the cascade) go by student id. The delete runs with SQLite's
    secure_delete, which overwrites the freed space with zeros; VACUUM and a truncating WAL
    checkpoint then leave no copy of the deleted pages in the database file or its log.

    Raises a StoreError when nothing could be removed. Once the delete is committed the
    student is gone: a compaction that fails then (the disk full: VACUUM needs room for a
    copy) is logged and reported as ``compacted=False``, never raised as if nothing happened.
    """
    with store.reading() as conn:
        row = conn.execute(
            "SELECT sis_id, first_name, last_name FROM students WHERE id = ?", [student_id]
        ).fetchone()
    if row is None:
        raise PurgeError("That student is no longer in the database; nothing was removed.")
    sis_id, first, last = row
    before = store.conn.total_changes
    secure = store.conn.execute("PRAGMA secure_delete").fetchone()[0]
    store.conn.execute("PRAGMA secure_delete = ON")
    try:
        with store.action() as db:
            db.execute("DELETE FROM students WHERE id = ?", [student_id])
            db.execute("DELETE FROM audit WHERE student_id = ?", [student_id])
    finally:
        store.conn.execute(f"PRAGMA secure_delete = {int(secure)}")
    removed = store.conn.total_changes - before
    try:
        compacted = compact(store)
    except errors.StoreError as error:
        log.warning("removed student %s; compacting %s failed: %s", sis_id, store.path, error)
        compacted = False
    name = f"{first} {last}".strip()
    return PurgeResult(sis_id=sis_id, name=name, rows=removed, compacted=compacted)


def compact(store: Store) -> bool:
    """VACUUM, then fold the log back into the file and empty it, so no freed page keeps the
    removed rows. False when another connection kept the log busy (it empties on close)."""
    try:
        store.conn.execute("VACUUM")
        for _attempt in range(20):
            busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return True
            time.sleep(0.05)
        return False
    except sqlite3.Error as error:
        mapped = errors.translate(error, store.path)
        if mapped is None:
            raise
        raise mapped from error
