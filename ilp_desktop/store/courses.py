"""The school's course catalog and graduation rules, and each student's course plan.

The rules live in the settings table (one JSON value): they travel with the database and every
student's audit reads the same ones. A catalog import replaces or adds courses all in one
transaction, so a file with a bad row changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..domain.courses import (
    Course,
    GraduationRules,
    PlannedCourse,
    check_rules,
    rules_from_json,
)
from . import clock
from .db import Store
from .plans import _Table
from .settings import SettingsStore

RULES_KEY = "graduation_rules"
_CATALOG_COLUMNS = "code, title, area, credits, grades, description"
PLANNED = _Table(
    "course_plan",
    "student_id, grade, term, course_code, title, area, credits, status, mark, note, "
    "created_on, updated_on",
    PlannedCourse,
)
_PLAN_ORDER = "ORDER BY CAST(grade AS INTEGER), term, title COLLATE NOCASE, id"


class CourseStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.settings = SettingsStore(store)

    # Graduation rules -------------------------------------------------------------------------
    def rules(self) -> GraduationRules:
        """The school's rules; the app's defaults until the school sets its own."""
        return rules_from_json(self.settings.get(RULES_KEY))

    def rules_are_set(self) -> bool:
        return self.settings.get(RULES_KEY) is not None

    def set_rules(
        self, rules: GraduationRules, *, renamed: Mapping[str, str] | None = None
    ) -> None:
        """Save the rules; ``renamed`` maps an area's old name to its new one, and the catalog's
        and every plan's courses in that area move with it, in the same transaction."""
        check_rules(rules)
        with self.store.action() as db:
            self.settings.set(RULES_KEY, rules.to_json())
            for old, new in (renamed or {}).items():
                db.conn.execute("UPDATE course_catalog SET area = ? WHERE area = ?", [new, old])
                db.conn.execute("UPDATE course_plan SET area = ? WHERE area = ?", [new, old])

    # Catalog ----------------------------------------------------------------------------------
    def catalog(self) -> list[Course]:
        with self.store.reading() as conn:
            rows = conn.execute(
                f"SELECT {_CATALOG_COLUMNS} FROM course_catalog ORDER BY area, code"
            ).fetchall()
        return [Course(*r) for r in rows]

    def save_course(self, course: Course, *, old_code: str | None = None) -> Course:
        """Add a course, or change one (``old_code``: its code before the change)."""
        course = replace(course, code=course.code.strip())
        with self.store.action() as db:
            conn = db.conn
            key = old_code if old_code is not None else course.code
            taken = conn.execute(
                "SELECT code FROM course_catalog WHERE code = ?", [course.code]
            ).fetchone()
            if taken and (old_code is None or taken[0].casefold() != old_code.casefold()):
                raise ValueError(f"The catalog already has a course {taken[0]}.")
            if old_code is not None:
                conn.execute("DELETE FROM course_catalog WHERE code = ?", [key])
            conn.execute(
                f"INSERT INTO course_catalog ({_CATALOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                _catalog_row(course),
            )
        return course

    def delete_course(self, code: str) -> None:
        """Take a course out of the catalog; students' plans keep it as they had it."""
        with self.store.action() as db:
            db.conn.execute("DELETE FROM course_catalog WHERE code = ?", [code])

    def import_catalog(self, courses: Iterable[Course], *, replace_all: bool) -> tuple[int, int]:
        """Add the courses (a course already there by code is updated); with ``replace_all``
        the catalog becomes exactly these. One transaction. Returns (added, updated)."""
        added = updated = 0
        with self.store.action() as db:
            conn = db.conn
            existing = {r[0].casefold() for r in conn.execute("SELECT code FROM course_catalog")}
            if replace_all:
                conn.execute("DELETE FROM course_catalog")
            for course in courses:
                code = course.code.strip().casefold()
                if code in existing:
                    updated += 1
                else:
                    added += 1
                    existing.add(code)
                conn.execute(
                    f"INSERT OR REPLACE INTO course_catalog ({_CATALOG_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    _catalog_row(course),
                )
        return added, updated

    # A student's plan -------------------------------------------------------------------------
    def plan(self, student_id: int) -> list[PlannedCourse]:
        with self.store.reading() as conn:
            rows = conn.execute(PLANNED.select("student_id = ?", _PLAN_ORDER), [student_id])
            return [PLANNED.record(r) for r in rows]

    def save_planned(self, student_id: int, entry: PlannedCourse) -> PlannedCourse:
        """Add (no id) or change one validated course of the student's plan."""
        today = clock.today()
        record = replace(
            entry,
            student_id=student_id,
            title=" ".join(entry.title.split()),
            mark=entry.mark.strip(),
            note=entry.note.strip(),
            created_on=entry.created_on or today,
            updated_on=today,
        )
        with self.store.action() as db:
            if record.id is None:
                return PLANNED.insert(db.conn, record)
            return PLANNED.update(db.conn, record)

    def delete_planned(self, entry_id: int) -> None:
        with self.store.action() as db:
            PLANNED.delete(db.conn, entry_id)

    def add_plans(self, plans: Iterable[tuple[int, Iterable[PlannedCourse]]]) -> None:
        """Whole course plans for many students in one transaction (the demo school)."""
        today = clock.today()
        with self.store.action() as db:
            for student_id, entries in plans:
                for entry in entries:
                    PLANNED.insert(
                        db.conn,
                        replace(
                            entry,
                            id=None,
                            student_id=student_id,
                            created_on=entry.created_on or today,
                            updated_on=entry.updated_on or today,
                        ),
                    )


def _catalog_row(course: Course) -> list[object]:
    return [
        course.code.strip(),
        " ".join(course.title.split()),
        course.area,
        course.credits,
        course.grades.strip(),
        course.description.strip(),
    ]
