"""Each student's career shortlist. Every write method is one transaction.

Ranks are kept as 1..n with no gaps: every change renumbers the student's entries in the same
transaction, so the order on screen is always the order stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from ..domain.shortlist import MAX_ENTRIES, ShortlistEntry, ShortlistError, check_note
from . import clock
from .db import Store

_COLUMNS = "id, code, title, rank, why, need, added_on, updated_on"


def _entry(row: Sequence) -> ShortlistEntry:
    return ShortlistEntry(*row)


class ShortlistStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def entries(self, student_id: int) -> list[ShortlistEntry]:
        with self.store.reading() as conn:
            return self._entries(conn, student_id)

    def codes(self, student_id: int) -> set[str]:
        with self.store.reading() as conn:
            rows = conn.execute("SELECT code FROM shortlist WHERE student_id = ?", [student_id])
            return {r[0] for r in rows}

    def add(self, student_id: int, code: str, title: str) -> ShortlistEntry:
        """Put a career at the end of the student's shortlist."""
        today = clock.today()
        with self.store.action() as db:
            conn = db.conn
            existing = self._entries(conn, student_id)
            if any(e.code == code for e in existing):
                raise ShortlistError(f"{title} is already on the shortlist.")
            if len(existing) >= MAX_ENTRIES:
                raise ShortlistError(
                    f"The shortlist holds up to {MAX_ENTRIES} careers; remove one first."
                )
            new_id = conn.execute(
                "INSERT INTO shortlist (student_id, code, title, rank, added_on, updated_on) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [student_id, code, title, len(existing) + 1, today, today],
            ).lastrowid
            return self._one(conn, new_id)

    def add_many(self, rows: Iterable[tuple[int, Sequence[ShortlistEntry]]]) -> None:
        """Whole shortlists for many students in one transaction (the demo school)."""
        today = clock.today()
        values = [
            (student_id, e.code, e.title, rank, e.why, e.need, e.added_on or today, today)
            for student_id, entries in rows
            for rank, e in enumerate(entries, start=1)
        ]
        with self.store.action() as db:
            db.conn.executemany(
                "INSERT INTO shortlist (student_id, code, title, rank, why, need, added_on, "
                "updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )

    def remove(self, entry_id: int) -> None:
        with self.store.action() as db:
            conn = db.conn
            student_id = self._student_of(conn, entry_id)
            conn.execute("DELETE FROM shortlist WHERE id = ?", [entry_id])
            self._renumber(conn, [e.id for e in self._entries(conn, student_id)])

    def move(self, entry_id: int, rank: int) -> list[ShortlistEntry]:
        """Put the entry at ``rank`` (1 = favourite), shifting the others; returns the new order."""
        with self.store.action() as db:
            conn = db.conn
            student_id = self._student_of(conn, entry_id)
            ids = [e.id for e in self._entries(conn, student_id)]
            ids.remove(entry_id)
            rank = max(1, min(rank, len(ids) + 1))
            ids.insert(rank - 1, entry_id)
            self._renumber(conn, ids)
            return self._entries(conn, student_id)

    def set_notes(self, entry_id: int, why: str, need: str) -> ShortlistEntry:
        with self.store.action() as db:
            conn = db.conn
            current = self._one(conn, entry_id)
            why = check_note(why, f"why {current.title} interests the student")
            need = check_note(need, f"what {current.title} would take")
            conn.execute(
                "UPDATE shortlist SET why = ?, need = ?, updated_on = ? WHERE id = ?",
                [why, need, clock.today(), entry_id],
            )
            return self._one(conn, entry_id)

    # Inside a transaction ----------------------------------------------------------------------
    @staticmethod
    def _entries(conn: sqlite3.Connection, student_id: int) -> list[ShortlistEntry]:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM shortlist WHERE student_id = ? ORDER BY rank, id",
            [student_id],
        )
        return [_entry(r) for r in rows]

    @staticmethod
    def _one(conn: sqlite3.Connection, entry_id: int) -> ShortlistEntry:
        row = conn.execute(f"SELECT {_COLUMNS} FROM shortlist WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise LookupError(f"no shortlist entry {entry_id}")
        return _entry(row)

    @staticmethod
    def _student_of(conn: sqlite3.Connection, entry_id: int) -> int:
        row = conn.execute("SELECT student_id FROM shortlist WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise LookupError(f"no shortlist entry {entry_id}")
        return row[0]

    @staticmethod
    def _renumber(conn: sqlite3.Connection, ids: Sequence[int | None]) -> None:
        conn.executemany(
            "UPDATE shortlist SET rank = ? WHERE id = ?",
            [(rank, entry_id) for rank, entry_id in enumerate(ids, start=1)],
        )
