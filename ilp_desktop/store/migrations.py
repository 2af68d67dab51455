"""The schema, as named migrations applied through sqlite-utils' Migrations.

Rules: a migration is never edited or renamed once it has landed; a change to the schema is a
new function appended to STEPS. Statements run one by one (never executescript, which commits).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "ilp_desktop"
# "ILPD": lets us tell our databases from other programs' SQLite files.
APPLICATION_ID = 0x494C5044


def _run(db: Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute(statement)


def m0001_students(db: Database) -> None:
    _run(
        db,
        [
            f"PRAGMA application_id = {APPLICATION_ID}",
            """
            CREATE TABLE students (
                id INTEGER PRIMARY KEY,
                sis_id TEXT NOT NULL UNIQUE,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                preferred_name TEXT NOT NULL DEFAULT '',
                grade TEXT NOT NULL,
                homeroom TEXT NOT NULL DEFAULT '',
                counselor TEXT NOT NULL DEFAULT '',
                date_of_birth TEXT NOT NULL DEFAULT '',
                family_languages TEXT NOT NULL DEFAULT '[]',
                iep INTEGER NOT NULL DEFAULT 0,
                plan_504 INTEGER NOT NULL DEFAULT 0,
                ell INTEGER NOT NULL DEFAULT 0,
                gifted INTEGER NOT NULL DEFAULT 0,
                cte INTEGER NOT NULL DEFAULT 0,
                cte_pathway TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                search_key TEXT NOT NULL DEFAULT '',
                sort_key TEXT NOT NULL DEFAULT '',
                archived_at TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX students_grade ON students (grade)",
            """
            CREATE TABLE guardians (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                relationship TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX guardians_student ON guardians (student_id)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ],
    )


# Append only. The name is what the database records; keep it forever.
STEPS: list[tuple[str, Callable[[Database], None]]] = [
    ("0001_students", m0001_students),
]
KNOWN_NAMES: tuple[str, ...] = tuple(name for name, _ in STEPS)


def build_migrations() -> Migrations:
    """The sqlite-utils Migrations set for STEPS (imported lazily: it is slow to import)."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        migrations(name=name)(step)
    return migrations
