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


def m0002_self_exploration(db: Database) -> None:
    """Inventory attempts, profile items, activities and supports, all per student.

    Lists that the data files own (forms, languages, activity categories, list entry ids) are
    checked in Python, not by CHECK constraints: a constraint would need a table rebuild each
    time a list grows. What the design fixes (kinds, how an attempt was entered, the reflection
    answers, the ranges) is checked here too, so no bug can store what the app cannot read.
    """
    _run(
        db,
        [
            """
            CREATE TABLE inventory_attempts (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                form TEXT NOT NULL CHECK (form <> ''),
                language TEXT NOT NULL CHECK (language <> ''),
                entered_by TEXT NOT NULL CHECK (entered_by IN ('student', 'keyed')),
                started_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                finished_at TEXT,
                answers TEXT NOT NULL DEFAULT '{}'
                    CHECK (json_valid(answers) AND json_type(answers) = 'object'),
                agreement TEXT CHECK (agreement IN ('agree', 'partly', 'disagree')),
                reflection TEXT NOT NULL DEFAULT '',
                reflected_on TEXT NOT NULL DEFAULT '',
                CHECK (finished_at IS NULL OR finished_at >= started_at)
            )
            """,
            """
            CREATE INDEX inventory_attempts_student
                ON inventory_attempts (student_id, started_at)
            """,
            """
            CREATE TABLE profile_items (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('strength', 'skill', 'value', 'learning')),
                entry_id TEXT NOT NULL DEFAULT '',
                other TEXT NOT NULL DEFAULT '',
                confidence INTEGER CHECK (confidence BETWEEN 1 AND 4),
                note TEXT NOT NULL DEFAULT '',
                recorded_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK ((entry_id = '') <> (other = '')),
                CHECK (confidence IS NULL OR kind = 'skill')
            )
            """,
            # Each list entry, and each "other" text, once per student and kind; the same index
            # finds a student's items.
            """
            CREATE UNIQUE INDEX profile_items_once
                ON profile_items (student_id, kind, entry_id, other)
            """,
            """
            CREATE TABLE activities (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                category TEXT NOT NULL CHECK (category <> ''),
                name TEXT NOT NULL CHECK (name <> ''),
                role TEXT NOT NULL DEFAULT '',
                organisation TEXT NOT NULL DEFAULT '',
                start_on TEXT NOT NULL DEFAULT '',
                end_on TEXT NOT NULL DEFAULT '',
                hours_per_week REAL CHECK (hours_per_week BETWEEN 0 AND 80),
                note TEXT NOT NULL DEFAULT '',
                recorded_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK (end_on = '' OR start_on = '' OR end_on >= start_on)
            )
            """,
            "CREATE INDEX activities_student ON activities (student_id)",
            """
            CREATE TABLE supports (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                entry_id TEXT NOT NULL DEFAULT '',
                other TEXT NOT NULL DEFAULT '',
                provided_by TEXT NOT NULL DEFAULT '',
                since TEXT NOT NULL DEFAULT '',
                ended_on TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                recorded_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK ((entry_id = '') <> (other = '')),
                CHECK (ended_on = '' OR since = '' OR ended_on >= since)
            )
            """,
            "CREATE INDEX supports_student ON supports (student_id)",
        ],
    )


def m0003_careers(db: Database) -> None:
    """The imported O*NET release (one at a time) and each student's career shortlist.

    The starter library lives in resources/, not here: the database holds only what the
    counselor imported, so a new app version can improve the starter library for everyone.
    Imported rows keep O*NET's codes as text. The shortlist keeps the title as it read when the
    career was added, so a later import that drops or renames a code loses nothing.
    """
    _run(
        db,
        [
            """
            CREATE TABLE onet_release (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                version TEXT NOT NULL CHECK (version <> ''),
                released TEXT NOT NULL DEFAULT '',
                source_name TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                occupations INTEGER NOT NULL,
                with_interests INTEGER NOT NULL,
                files TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
                clusters_source TEXT NOT NULL DEFAULT ''
            )
            """,
            """
            CREATE TABLE onet_occupations (
                code TEXT PRIMARY KEY,
                title TEXT NOT NULL CHECK (title <> ''),
                description TEXT NOT NULL DEFAULT '',
                r REAL, i REAL, a REAL, s REAL, e REAL, c REAL,
                high_point TEXT NOT NULL DEFAULT '',
                job_zone INTEGER CHECK (job_zone BETWEEN 1 AND 5),
                education TEXT,
                CHECK ((r IS NULL) = (i IS NULL) AND (i IS NULL) = (a IS NULL)
                    AND (a IS NULL) = (s IS NULL) AND (s IS NULL) = (e IS NULL)
                    AND (e IS NULL) = (c IS NULL))
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE onet_job_zones (
                zone INTEGER PRIMARY KEY CHECK (zone BETWEEN 1 AND 5),
                name TEXT NOT NULL,
                experience TEXT NOT NULL DEFAULT '',
                education TEXT NOT NULL DEFAULT '',
                training TEXT NOT NULL DEFAULT '',
                examples TEXT NOT NULL DEFAULT ''
            )
            """,
            """
            CREATE TABLE onet_related (
                code TEXT NOT NULL,
                related_code TEXT NOT NULL,
                tier TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL,
                PRIMARY KEY (code, related_code)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE onet_titles (
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('alternate', 'reported'))
            )
            """,
            "CREATE INDEX onet_titles_code ON onet_titles (code)",
            """
            CREATE TABLE onet_tasks (
                code TEXT NOT NULL,
                position INTEGER NOT NULL,
                task TEXT NOT NULL,
                core INTEGER NOT NULL DEFAULT 1 CHECK (core IN (0, 1)),
                PRIMARY KEY (code, position)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE onet_clusters (
                code TEXT NOT NULL,
                cluster TEXT NOT NULL,
                pathway TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (code, cluster, pathway)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE shortlist (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                code TEXT NOT NULL CHECK (code <> ''),
                title TEXT NOT NULL,
                rank INTEGER NOT NULL CHECK (rank >= 1),
                why TEXT NOT NULL DEFAULT '',
                need TEXT NOT NULL DEFAULT '',
                added_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                UNIQUE (student_id, code)
            )
            """,
        ],
    )


def m0004_planning(db: Database) -> None:
    """The plan: baselines, assessments, goals with progress notes, action steps, the course
    catalog and each student's course plan, and the postsecondary plan.

    Statuses, roles and areas are fixed by the design, so they are CHECKed here. Subject areas
    belong to the school's graduation rules (a setting), so they are checked in Python. Steps
    with no goal are the postsecondary plan's steps; a goal's steps go with it.
    """
    _run(
        db,
        [
            """
            CREATE TABLE baselines (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                as_of TEXT NOT NULL CHECK (as_of <> ''),
                gpa REAL CHECK (gpa BETWEEN 0 AND 5),
                credits REAL CHECK (credits BETWEEN 0 AND 60),
                attendance REAL CHECK (attendance BETWEEN 0 AND 100),
                note TEXT NOT NULL DEFAULT '',
                recorded_on TEXT NOT NULL,
                updated_on TEXT NOT NULL
            )
            """,
            "CREATE INDEX baselines_student ON baselines (student_id, as_of)",
            """
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                name TEXT NOT NULL CHECK (name <> ''),
                taken_on TEXT NOT NULL CHECK (taken_on <> ''),
                score TEXT NOT NULL DEFAULT '',
                level TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                recorded_on TEXT NOT NULL,
                updated_on TEXT NOT NULL
            )
            """,
            "CREATE INDEX assessments_student ON assessments (student_id, taken_on)",
            """
            CREATE TABLE goals (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                area TEXT NOT NULL
                    CHECK (area IN ('academic', 'career', 'personal', 'postsecondary')),
                statement TEXT NOT NULL CHECK (statement <> ''),
                measure TEXT NOT NULL DEFAULT '',
                target_date TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'on_track', 'at_risk', 'done', 'dropped')),
                dropped_reason TEXT NOT NULL DEFAULT '',
                career_code TEXT NOT NULL DEFAULT '',
                created_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK (status <> 'dropped' OR dropped_reason <> '')
            )
            """,
            "CREATE INDEX goals_student ON goals (student_id)",
            """
            CREATE TABLE goal_notes (
                id INTEGER PRIMARY KEY,
                goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
                noted_on TEXT NOT NULL CHECK (noted_on <> ''),
                text TEXT NOT NULL CHECK (text <> '')
            )
            """,
            "CREATE INDEX goal_notes_goal ON goal_notes (goal_id, noted_on)",
            """
            CREATE TABLE action_steps (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                goal_id INTEGER REFERENCES goals (id) ON DELETE CASCADE,
                kind TEXT NOT NULL DEFAULT '' CHECK (kind IN
                    ('', 'application', 'financial_aid', 'admission_test', 'visit', 'other')),
                what TEXT NOT NULL CHECK (what <> ''),
                role TEXT NOT NULL CHECK (role IN
                    ('student', 'guardian', 'teacher', 'counselor', 'tutor', 'mentor', 'other')),
                who_name TEXT NOT NULL DEFAULT '',
                due_on TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'to_do'
                    CHECK (status IN ('to_do', 'in_progress', 'done', 'dropped')),
                done_on TEXT NOT NULL DEFAULT '',
                created_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK ((status = 'done') = (done_on <> ''))
            )
            """,
            "CREATE INDEX action_steps_student ON action_steps (student_id)",
            "CREATE INDEX action_steps_goal ON action_steps (goal_id)",
            """
            CREATE TABLE course_catalog (
                code TEXT PRIMARY KEY COLLATE NOCASE CHECK (code <> ''),
                title TEXT NOT NULL CHECK (title <> ''),
                area TEXT NOT NULL CHECK (area <> ''),
                credits REAL NOT NULL CHECK (credits > 0 AND credits <= 10),
                grades TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT ''
            )
            """,
            """
            CREATE TABLE course_plan (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                grade TEXT NOT NULL CHECK (grade <> ''),
                term TEXT NOT NULL CHECK (term <> ''),
                course_code TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL CHECK (title <> ''),
                area TEXT NOT NULL CHECK (area <> ''),
                credits REAL NOT NULL CHECK (credits >= 0 AND credits <= 10),
                status TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'enrolled', 'completed', 'no_credit')),
                mark TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                created_on TEXT NOT NULL,
                updated_on TEXT NOT NULL
            )
            """,
            "CREATE INDEX course_plan_student ON course_plan (student_id)",
            """
            CREATE TABLE postsecondary (
                student_id INTEGER PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
                pathway TEXT NOT NULL DEFAULT 'undecided' CHECK (pathway IN ('undecided',
                    'four_year', 'two_year', 'apprenticeship', 'military', 'workforce',
                    'certificate')),
                also_considering TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid(also_considering)),
                aspiration TEXT NOT NULL DEFAULT '',
                updated_on TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE postsecondary_targets (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('program', 'school', 'employer')),
                name TEXT NOT NULL CHECK (name <> ''),
                note TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL
            )
            """,
            "CREATE INDEX postsecondary_targets_student ON postsecondary_targets (student_id)",
            """
            CREATE TABLE postsecondary_careers (
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                code TEXT NOT NULL CHECK (code <> ''),
                title TEXT NOT NULL,
                PRIMARY KEY (student_id, code)
            ) WITHOUT ROWID
            """,
        ],
    )


def m0005_reviews(db: Database) -> None:
    """Sessions (one-on-ones and conferences; a session may be a review of the plan), the
    acknowledgements given at a review, and snapshots of the whole plan taken when one is held.

    A review counts for one checkpoint of the schedule: its kind (fall, spring, transition) and
    school year (the calendar year the school year starts in); an ad hoc review counts for none.
    Steps agreed at a session keep the session's id; a step with no goal agreed at a session
    is a general step (``general``), not one of the postsecondary plan's.
    """
    _run(
        db,
        [
            """
            CREATE TABLE sessions (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                held_on TEXT NOT NULL CHECK (held_on <> ''),
                kind TEXT NOT NULL CHECK (kind IN
                    ('one_on_one', 'conference', 'call', 'group', 'other')),
                attendees TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid(attendees) AND json_type(attendees) = 'array'),
                notes TEXT NOT NULL DEFAULT '',
                review TEXT NOT NULL DEFAULT ''
                    CHECK (review IN ('', 'transition', 'fall', 'spring', 'adhoc')),
                review_year INTEGER,
                created_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                CHECK ((review IN ('', 'adhoc')) = (review_year IS NULL))
            )
            """,
            "CREATE INDEX sessions_student ON sessions (student_id, held_on)",
            """
            CREATE TABLE acknowledgements (
                id INTEGER PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('student', 'guardian', 'counselor')),
                name TEXT NOT NULL DEFAULT '',
                signed_on TEXT NOT NULL CHECK (signed_on <> ''),
                on_paper INTEGER NOT NULL DEFAULT 0 CHECK (on_paper IN (0, 1))
            )
            """,
            "CREATE INDEX acknowledgements_session ON acknowledgements (session_id)",
            """
            CREATE TABLE snapshots (
                id INTEGER PRIMARY KEY,
                student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
                session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
                taken_at TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (reason IN ('review', 'transfer', 'other')),
                data TEXT NOT NULL CHECK (json_valid(data))
            )
            """,
            "CREATE INDEX snapshots_student ON snapshots (student_id, taken_at)",
            "CREATE INDEX snapshots_session ON snapshots (session_id)",
            "ALTER TABLE action_steps ADD COLUMN session_id INTEGER "
            "REFERENCES sessions (id) ON DELETE SET NULL",
            "ALTER TABLE action_steps ADD COLUMN general INTEGER NOT NULL DEFAULT 0 "
            "CHECK (general IN (0, 1))",
            "CREATE INDEX action_steps_session ON action_steps (session_id)",
        ],
    )


# The tables that make up a student's plan, with how an audit row finds its student (for
# rows that hang off another row) and the columns that change too often to be history.
_AUDITED: dict[str, tuple[str, tuple[str, ...]]] = {
    "students": ("{row}.id", ()),
    "guardians": ("{row}.student_id", ()),
    "inventory_attempts": ("{row}.student_id", ("answers",)),  # one change per answer clicked
    "profile_items": ("{row}.student_id", ("updated_on",)),
    "activities": ("{row}.student_id", ("updated_on",)),
    "supports": ("{row}.student_id", ("updated_on",)),
    "shortlist": ("{row}.student_id", ()),
    "baselines": ("{row}.student_id", ()),
    "assessments": ("{row}.student_id", ()),
    "goals": ("{row}.student_id", ()),
    "goal_notes": ("(SELECT student_id FROM goals WHERE id = {row}.goal_id)", ()),
    "action_steps": ("{row}.student_id", ()),
    "course_plan": ("{row}.student_id", ()),
    "postsecondary": ("{row}.student_id", ()),
    "postsecondary_targets": ("{row}.student_id", ()),
    "postsecondary_careers": ("{row}.student_id", ()),
    "sessions": ("{row}.student_id", ()),
    "acknowledgements": ("(SELECT student_id FROM sessions WHERE id = {row}.session_id)", ()),
}


def _audit_triggers(db: Database, table: str) -> list[str]:
    """Insert, update and delete triggers writing one audit row per change to ``table``."""
    student, skipped = _AUDITED[table]
    columns = [c.name for c in db[table].columns if c.name not in skipped]
    key = "id" if "id" in columns else None  # postsecondary_careers has no row id of its own

    def row_json(row: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns) + ")"

    who = (
        "COALESCE((SELECT json_extract(value, '$') FROM settings WHERE key = 'counselor_name'), '')"
    )
    at = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"
    # A save that only touched the "last updated" stamps or the search keys changed nothing.
    stamps = {"updated_on", "updated_at", "search_key", "sort_key"}
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns if c not in stamps)
    statements = []
    for action, row, when, before, after in (
        ("insert", "NEW", "", "NULL", row_json("NEW")),
        ("update", "NEW", f"({changed})", row_json("OLD"), row_json("NEW")),
        ("delete", "OLD", "", row_json("OLD"), "NULL"),
    ):
        if student.startswith("(SELECT"):
            # A note or an acknowledgement deleted with its goal or session: the parent's own
            # row tells the story, and the student can no longer be found from it.
            found = f"{student.format(row=row)} IS NOT NULL"
            when = f"({when}) AND {found}" if when else found
        when = f"WHEN {when}" if when else ""
        statements.append(
            f"""
            CREATE TRIGGER audit_{table}_{action} AFTER {action.upper()} ON {table} {when}
            BEGIN
                INSERT INTO audit (student_id, at, who, tbl, row_id, action, before, after)
                VALUES ({student.format(row=row)}, {at}, {who}, '{table}',
                        {f"{row}.id" if key else "NULL"},
                        '{action}', {before}, {after});
            END
            """
        )
    return statements


def m0006_audit(db: Database) -> None:
    """Who changed what in a student's plan, and when, written by triggers.

    Triggers see every write (the GUI, imports, the command line) without each store having
    to remember. ``who`` is the counselor's name from settings at the time of the change.
    ``student_id`` has no foreign key: purging a student deletes their audit rows itself.
    """
    statements = [
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            student_id INTEGER,
            at TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            tbl TEXT NOT NULL,
            row_id INTEGER,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            before TEXT CHECK (before IS NULL OR json_valid(before)),
            after TEXT CHECK (after IS NULL OR json_valid(after))
        )
        """,
        "CREATE INDEX audit_student ON audit (student_id, id)",
    ]
    for table in _AUDITED:
        statements += _audit_triggers(db, table)
    _run(db, statements)


# Append only. The name is what the database records; keep it forever.
STEPS: list[tuple[str, Callable[[Database], None]]] = [
    ("0001_students", m0001_students),
    ("0002_self_exploration", m0002_self_exploration),
    ("0003_careers", m0003_careers),
    ("0004_planning", m0004_planning),
    ("0005_reviews", m0005_reviews),
    ("0006_audit", m0006_audit),
]
KNOWN_NAMES: tuple[str, ...] = tuple(name for name, _ in STEPS)


def build_migrations() -> Migrations:
    """The sqlite-utils Migrations set for STEPS (imported lazily: it is slow to import)."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        migrations(name=name)(step)
    return migrations
