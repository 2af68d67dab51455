"""Students and their guardians: load and save domain objects."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..domain.students import (
    Guardian,
    RosterEntry,
    Student,
    name_sort_key,
    normalized,
    search_key,
)
from . import clock
from .db import Store

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = (
    "id, sis_id, first_name, last_name, preferred_name, grade, homeroom, counselor, "
    "date_of_birth, family_languages, iep, plan_504, ell, gifted, cte, cte_pathway, notes, "
    "archived_at"
)
_FLAGS = ("iep", "plan_504", "ell", "gifted", "cte")


def _student(row: sqlite3.Row | tuple) -> Student:
    return Student(
        id=row[0],
        sis_id=row[1],
        first_name=row[2],
        last_name=row[3],
        preferred_name=row[4],
        grade=row[5],
        homeroom=row[6],
        counselor=row[7],
        date_of_birth=row[8],
        family_languages=json.loads(row[9]),
        iep=bool(row[10]),
        plan_504=bool(row[11]),
        ell=bool(row[12]),
        gifted=bool(row[13]),
        cte=bool(row[14]),
        cte_pathway=row[15],
        notes=row[16],
        archived_at=row[17],
    )


def _record(student: Student) -> dict[str, object]:
    return {
        "sis_id": student.sis_id,
        "first_name": student.first_name,
        "last_name": student.last_name,
        "preferred_name": student.preferred_name,
        "grade": student.grade,
        "homeroom": student.homeroom,
        "counselor": student.counselor,
        "date_of_birth": student.date_of_birth,
        "family_languages": json.dumps(student.family_languages, ensure_ascii=False),
        **{flag: int(getattr(student, flag)) for flag in _FLAGS},
        "cte_pathway": student.cte_pathway,
        "notes": student.notes,
        "archived_at": student.archived_at,
        "search_key": search_key(student),
        "sort_key": name_sort_key(student),
    }


class StudentStore:
    """Reads and writes students; every write method is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._insert_sql: str | None = None

    # Reading -------------------------------------------------------------------------------
    def roster(self) -> list[RosterEntry]:
        """Every student, archived ones included, for the roster list."""
        with self.store.reading() as conn:
            rows = conn.execute(
                "SELECT id, sis_id, first_name, last_name, preferred_name, grade, homeroom, "
                "counselor, archived_at, search_key, sort_key FROM students"
            ).fetchall()
        return [RosterEntry(*row) for row in rows]

    def entry(self, student: Student) -> RosterEntry:
        """The roster line for a student just saved (keys computed as the store computes them)."""
        return RosterEntry.of(student)

    def get(self, student_id: int) -> Student | None:
        with self.store.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM students WHERE id = ?", [student_id]
            ).fetchone()
            if row is None:
                return None
            student = _student(row)
            student.guardians = [
                Guardian(name=g[0], relationship=g[1], phone=g[2], email=g[3], language=g[4])
                for g in conn.execute(
                    "SELECT name, relationship, phone, email, language FROM guardians "
                    "WHERE student_id = ? ORDER BY position",
                    [student_id],
                )
            ]
        return student

    def all(self) -> list[Student]:
        """Every student with guardians, in SIS id order (exports, checks, tests)."""
        with self.store.reading() as conn:
            students = [
                _student(row)
                for row in conn.execute(f"SELECT {_COLUMNS} FROM students ORDER BY sis_id")
            ]
            by_id = {s.id: s for s in students}
            for row in conn.execute(
                "SELECT student_id, name, relationship, phone, email, language FROM guardians "
                "ORDER BY student_id, position"
            ):
                by_id[row[0]].guardians.append(Guardian(*row[1:]))
        return students

    def count(self, *, include_archived: bool = False) -> int:
        where = "" if include_archived else " WHERE archived_at = ''"
        with self.store.reading() as conn:
            return conn.execute(f"SELECT count(*) FROM students{where}").fetchone()[0]

    def sis_id_owner(self, sis_id: str, *, excluding: int | None = None) -> str | None:
        """Name of the student who already has ``sis_id`` (other than ``excluding``)."""
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT first_name, last_name FROM students WHERE sis_id = ? AND id IS NOT ?",
                [sis_id.strip(), excluding],
            ).fetchone()
        return f"{row[0]} {row[1]}" if row else None

    def id_of(self, sis_id: str) -> int | None:
        """The database id of the student with ``sis_id`` (archived or not), or None."""
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT id FROM students WHERE sis_id = ?", [sis_id.strip()]
            ).fetchone()
        return None if row is None else int(row[0])

    # Writing -------------------------------------------------------------------------------
    def add(self, student: Student) -> Student:
        """Insert a new student (validated by the caller); returns it with its id."""
        return self.add_many([student])[0]

    def add_many(self, students: Iterable[Student]) -> list[Student]:
        """Insert students in one transaction: all of them or none.

        Plain INSERTs rather than sqlite-utils' table.insert(): a demo school or an SIS import
        adds thousands, and the per-row introspection would dominate.
        """
        added = []
        now = clock.now()
        with self.store.action() as db:
            for student in students:
                clean = normalized(student)
                record = _record(clean) | {"created_at": now, "updated_at": now}
                if self._insert_sql is None:
                    names = ", ".join(record)
                    marks = ", ".join("?" * len(record))
                    self._insert_sql = f"INSERT INTO students ({names}) VALUES ({marks})"
                clean.id = db.execute(self._insert_sql, list(record.values())).lastrowid
                self._write_guardians(db, clean, replace=False)
                added.append(clean)
        return added

    def delete_all(self) -> int:
        """Remove every student (guardians go with them) and their change history. For
        rebuilding a demo school only: the caller runs it inside its own transaction.

        The history goes too: student ids are reused once the table is empty, and a new
        student must not show the changes of the one who had their id before.
        """
        with self.store.action() as db:
            removed = db.execute("DELETE FROM students").rowcount
            db.execute("DELETE FROM audit")  # every row of it was about those students
            return removed

    def update(self, student: Student) -> Student:
        """Save every field of an existing student, guardians included."""
        if student.id is None:
            raise ValueError("update() needs a student that has been added")
        clean = normalized(student)
        with self.store.action() as db:
            db["students"].update(clean.id, _record(clean) | {"updated_at": clock.now()})
            self._write_guardians(db, clean)
        return clean

    def update_many(self, students: Sequence[Student], previous: Mapping[int, Student]) -> None:
        """Save every field of many existing students in one transaction (an SIS import of
        thousands): executemany, not row by row.

        ``previous`` holds each student as read before the change (by id). Guardians are
        written only where they changed, position by position, and never removed, so the
        change history (audit triggers) names just the guardian that changed.
        """
        if not students:
            return
        now = clock.now()
        students = [normalized(s) for s in students]
        records = [_record(s) | {"updated_at": now} for s in students]
        names = list(records[0])
        changed, added = [], []
        for student in students:
            before = previous[student.id].guardians  # type: ignore[index]
            for position, g in enumerate(student.guardians):
                row = (g.name, g.relationship, g.phone, g.email, g.language, student.id, position)
                if position >= len(before):
                    added.append(row)
                elif before[position] != g:
                    changed.append(row)
        with self.store.action() as db:
            conn = db.conn
            conn.executemany(
                f"UPDATE students SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                [[*r.values(), s.id] for r, s in zip(records, students, strict=True)],
            )
            conn.executemany(
                "UPDATE guardians SET name = ?, relationship = ?, phone = ?, email = ?, "
                "language = ? WHERE student_id = ? AND position = ?",
                changed,
            )
            conn.executemany(
                "INSERT INTO guardians (name, relationship, phone, email, language, student_id, "
                "position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                added,
            )

    def set_archived(self, student_id: int, archived: bool) -> None:
        value = clock.now() if archived else ""
        with self.store.action() as db:
            db["students"].update(student_id, {"archived_at": value, "updated_at": clock.now()})

    @staticmethod
    def _write_guardians(db: Database, student: Student, *, replace: bool = True) -> None:
        wanted = [
            (n, g.name, g.relationship, g.phone, g.email, g.language)
            for n, g in enumerate(student.guardians)
        ]
        if not replace:  # a new student: in bulk, for imports of thousands
            db.conn.executemany(
                "INSERT INTO guardians (student_id, position, name, relationship, phone, email, "
                "language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(student.id, *row) for row in wanted],
            )
            return
        rows = db.execute(
            "SELECT position, name, relationship, phone, email, language FROM guardians "
            "WHERE student_id = ?",
            [student.id],
        ).fetchall()
        have = {row[0]: tuple(row) for row in rows}
        # Only what changed is written, so the change history names just that guardian.
        for row in wanted:
            if row[0] not in have:
                db.execute(
                    "INSERT INTO guardians (student_id, position, name, relationship, phone, "
                    "email, language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [student.id, *row],
                )
            elif have[row[0]] != row:
                db.execute(
                    "UPDATE guardians SET name = ?, relationship = ?, phone = ?, email = ?, "
                    "language = ? WHERE student_id = ? AND position = ?",
                    [*row[1:], student.id, row[0]],
                )
        extra = [position for position in have if position >= len(wanted)]
        if extra:
            db.execute(
                "DELETE FROM guardians WHERE student_id = ? AND position >= ?",
                [student.id, len(wanted)],
            )
