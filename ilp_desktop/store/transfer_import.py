"""Importing a transfer package: read and check it, preview what it would do, then import it.

:func:`read_package` checks everything before anything else happens: the archive, its sizes
(a package that would unpack to more than 50 MB is refused unread), the manifest and its format
version, every field of the student's record. Every refusal is one :class:`TransferError` whose
message names the file and says what to do.

:func:`import_package` backs the database up, then writes the whole student in one
transaction: all of it or nothing. A student is found again by SIS id. When this database
already has the SIS id, the counselor either cancels or replaces: the existing student keeps
their place on the roster (one record per student, also for a student who moves back), their
roster details are updated from the package, and their whole plan here is replaced by the
package's. Ids in the package only link its records; every record gets a new id here.
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from .. import bundled
from ..domain.grades import grade_label
from ..domain.plans import ActionStep
from ..domain.self_exploration import SelfExplorationProfile
from ..domain.text import fold
from ..domain.transfer_format import (
    HANDOUT_FILE,
    MANIFEST_FILE,
    MAX_HANDOUT_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_PACKAGE_BYTES,
    MAX_UNPACKED_BYTES,
    STUDENT_FILE,
    Manifest,
    TransferDocument,
    TransferFormatError,
    parse_json,
    read_document,
    read_manifest,
    record_counts,
    remap_snapshot,
)
from . import clock
from .backups import backup_before_import
from .courses import PLANNED, CourseStore
from .db import Store
from .plans import ASSESSMENTS, BASELINES, GOALS, NOTES, STEPS
from .self_exploration import SelfExplorationStore
from .sessions import SessionStore
from .students import StudentStore
from .transfer_export import (
    TransferError,
    form_ids,
    one_reading,
    student_document,
)

log = logging.getLogger(__name__)

UNCHANGED = "Nothing was changed."
BACKUP_REASON = "before-student-import"
# Every table that holds a part of a student's plan (with goal_notes and acknowledgements,
# reached through goals and sessions): what "replace" empties before writing the package's.
# Guardians are the roster record's, rewritten with it.
PLAN_TABLES: tuple[str, ...] = (
    "inventory_attempts",
    "profile_items",
    "activities",
    "supports",
    "shortlist",
    "baselines",
    "assessments",
    "goals",
    "action_steps",
    "course_plan",
    "postsecondary",
    "postsecondary_targets",
    "postsecondary_careers",
    "sessions",
    "snapshots",
)
OnConflict = Literal["refuse", "replace"]


@dataclass(frozen=True)
class Package:
    """A transfer package read and checked in full."""

    path: Path
    manifest: Manifest
    document: TransferDocument
    handout_pdf: bytes | None


@dataclass(frozen=True)
class ExistingStudent:
    """The student of this database who has the package's SIS id."""

    id: int
    name: str
    grade: str
    archived: bool
    counts: list[tuple[str, int]]


@dataclass(frozen=True)
class Preview:
    """Who is in the package and what importing it would do here."""

    name: str
    sis_id: str
    grade: str
    school_name: str
    exported_at: str
    app_version: str
    counts: list[tuple[str, int]]
    existing: ExistingStudent | None
    notes: tuple[str, ...]
    has_handout: bool

    @property
    def conflict(self) -> bool:
        return self.existing is not None

    def outcome(self) -> str:
        """What importing does, in one paragraph."""
        if self.existing is None:
            return (
                f"{self.name} is not in this database yet. Importing adds them to the roster "
                "with their whole plan."
            )
        here = self.existing
        return (
            f"This database already has {here.name} with SIS id {self.sis_id}. Replacing keeps "
            f"one record for the student: {here.name}'s roster details (name, grade, guardians, "
            "flags) are updated from the package, and their whole plan here — self-exploration, "
            "shortlist, goals and steps, course plan, postsecondary plan, sessions, reviews and "
            "snapshots — is replaced by the package's. Nothing of the plan here is kept. A "
            "backup of the database is made first."
        )

    def lines(self) -> list[str]:
        """The preview as plain text (the command line prints it)."""
        school = self.school_name or "a school that did not give its name"
        lines = [
            f"Transfer package of {self.name} (SIS id {self.sis_id}, {grade_label(self.grade)})",
            f"Exported {self.exported_at.replace('T', ' ')} by {school} "
            f"(ILP Desktop {self.app_version or 'unknown version'}).",
            "",
            "In the package:",
        ]
        width = max(len(label) for label, _ in self.counts)
        if self.existing is None:
            lines += [f"  {label:<{width}}  {count:>5}" for label, count in self.counts]
        else:  # beside what this database holds now, which replacing removes
            here = dict(self.existing.counts)
            lines[-1] = "In the package, and here now:"
            lines += [
                f"  {label:<{width}}  {count:>5}  {here.get(label, 0):>5}"
                for label, count in self.counts
            ]
        lines += ["", self.outcome()]
        lines += [f"Note: {note}" for note in self.notes]
        return lines


@dataclass(frozen=True)
class ImportResult:
    student_id: int
    name: str
    sis_id: str
    replaced: bool
    backup: Path


# --- Reading ------------------------------------------------------------------------------------


def read_package(path: Path | str) -> Package:
    """Read and check the package at ``path``; TransferError (one clear message) if it cannot
    be imported. Reads nothing but the file."""
    path = Path(path)
    if path.is_dir():
        raise _refused(path, "It is a folder, not a transfer package file.")
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise _refused(
                path,
                f"It is {size / 1e6:.0f} MB; a student's transfer package is far smaller "
                f"(at most {MAX_PACKAGE_BYTES // 1_000_000} MB). Check that you chose the right "
                "file.",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise TransferError(
            f"{path} does not exist. Check the name, or choose the file again. {UNCHANGED}"
        ) from None
    except OSError as error:
        raise TransferError(
            f"{path} cannot be read: {error.strerror or error}. {UNCHANGED}"
        ) from error
    try:
        manifest_bytes, student_bytes, pdf = _unpack(data)
        manifest = read_manifest(parse_json(manifest_bytes, "Its manifest (manifest.json)"))
        raw = parse_json(student_bytes, "Its student record (student.json)")
    except TransferFormatError as error:
        raise _refused(path, str(error)) from None
    try:
        document = read_document(raw, form_ids=form_ids())
    except TransferFormatError as error:
        raise _refused(
            path,
            f"The student's record in it is damaged: {error} Ask the sending school to "
            "export the student again.",
        ) from None
    if document.student.sis_id != manifest.sis_id.strip():
        raise _refused(
            path,
            f"Its manifest names SIS id {manifest.sis_id}, but the record in it is of SIS id "
            f"{document.student.sis_id}.",
        )
    if manifest.handout_file is not None and pdf is None:
        raise _refused(path, f"Its manifest lists {HANDOUT_FILE}, which is missing from it.")
    if pdf is not None and not pdf.startswith(b"%PDF-"):
        raise _refused(path, f"Its {HANDOUT_FILE} is not a PDF.")
    return Package(path, manifest, document, pdf)


def _refused(path: Path, reason: str) -> TransferError:
    return TransferError(f"{path} cannot be imported. {reason} {UNCHANGED}")


def _unpack(data: bytes) -> tuple[bytes, bytes, bytes | None]:
    """(manifest, student record, handout or None) from the archive's bytes."""
    not_a_package = (
        "It is not a transfer package made by ILP Desktop (those are ZIP archives ending in "
        ".ilp), or it is damaged."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # zipfile raises many kinds on bytes that are not an archive
        log.info("not a transfer package: %r", error)
        raise TransferFormatError(not_a_package) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise TransferFormatError(f"It holds {len(infos):,} files; a package holds three.")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED_BYTES:
            raise TransferFormatError(
                f"It would unpack to {declared / 1e6:,.0f} MB; a student's package is far "
                f"smaller (at most {MAX_UNPACKED_BYTES // 1_000_000} MB unpacked)."
            )
        by_name = {info.filename: info for info in infos}
        manifest = _member(archive, by_name, MANIFEST_FILE, MAX_MANIFEST_BYTES)
        student = _member(archive, by_name, STUDENT_FILE, MAX_UNPACKED_BYTES)
        pdf = _member(archive, by_name, HANDOUT_FILE, MAX_HANDOUT_BYTES)
    if manifest is None:
        raise TransferFormatError(f"{not_a_package} It has no {MANIFEST_FILE}.")
    if student is None:
        raise TransferFormatError(f"It has no student record ({STUDENT_FILE}).")
    if len(manifest) + len(student) + len(pdf or b"") > MAX_UNPACKED_BYTES:
        raise TransferFormatError(
            f"It unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB; a student's "
            "package is far smaller."
        )
    return manifest, student, pdf


def _member(
    archive: zipfile.ZipFile, by_name: Mapping[str, zipfile.ZipInfo], name: str, limit: int
) -> bytes | None:
    info = by_name.get(name)
    if info is None:
        return None
    too_big = TransferFormatError(
        f"Its {name} is larger than any ILP Desktop writes ({limit // 1_000_000 or 1} MB at most)."
    )
    if info.file_size > limit:
        raise too_big
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)  # never more, whatever the archive claims
    except Exception as error:  # a damaged archive: bad CRC, bad compressed data, encrypted...
        log.info("cannot unpack %s: %r", name, error)
        raise TransferFormatError(f"Its {name} is damaged and cannot be unpacked.") from None
    if len(data) > limit:
        raise too_big
    return data


# --- Preview ------------------------------------------------------------------------------------


def preview(store: Store, package: Package) -> Preview:
    """Who is in the package, how many of each record, and what importing would do here."""
    doc, manifest = package.document, package.manifest
    with one_reading(store):
        existing = _existing(store, doc.student.sis_id)
        notes = _notes(store, package, existing)
    return Preview(
        name=doc.student.full_name,
        sis_id=doc.student.sis_id,
        grade=doc.student.grade,
        school_name=manifest.school_name,
        exported_at=manifest.exported_at,
        app_version=manifest.app_version,
        counts=record_counts(doc),
        existing=existing,
        notes=tuple(notes),
        has_handout=package.handout_pdf is not None,
    )


def _existing(store: Store, sis_id: str) -> ExistingStudent | None:
    student_id = StudentStore(store).id_of(sis_id)
    if student_id is None:
        return None
    here = student_document(store, student_id)
    return ExistingStudent(
        id=student_id,
        name=here.student.full_name,
        grade=here.student.grade,
        archived=here.student.archived,
        counts=record_counts(here),
    )


def _notes(store: Store, package: Package, existing: ExistingStudent | None) -> list[str]:
    doc = package.document
    notes = []
    if existing is not None and fold(existing.name) != fold(doc.student.full_name):
        notes.append(
            f"The names differ: {existing.name} here, {doc.student.full_name} in the package. "
            "Make sure they are the same student before replacing."
        )
    if existing is not None and existing.archived:
        notes.append(f"{existing.name} is archived here; importing puts them back on the roster.")
    unknown = _careers_not_here(store, doc)
    if unknown:
        notes.append(
            f"{_count(len(unknown), 'career')} of the package ({_names(unknown)}) "
            f"{'is' if len(unknown) == 1 else 'are'} not in this computer's career library; "
            "they are kept with their titles and codes."
        )
    rules = CourseStore(store).rules()
    areas = sorted({c.area for c in doc.course_plan if rules.area_named(c.area) is None})
    if areas:
        notes.append(
            f"Courses in {_names(areas)} are in subject areas this school's graduation rules "
            "do not have; the credit audit lists them as unmatched until their area is changed."
        )
    terms = sorted({c.term for c in doc.course_plan if c.term not in rules.terms})
    if terms:
        notes.append(
            f"Some courses are planned in terms this school does not use ({', '.join(terms)})."
        )
    if package.handout_pdf is None:
        why = package.manifest.handout_note or "The sending school did not include it."
        notes.append(f"There is no handout in the package. {why}")
    if doc.student.homeroom or doc.student.counselor:
        notes.append(
            "The homeroom and counselor come from the sending school; check them after importing."
        )
    return notes


def _careers_not_here(store: Store, doc: TransferDocument) -> list[str]:
    wanted: dict[str, str] = {}
    if doc.postsecondary is not None:
        wanted |= {c.code: c.title for c in doc.postsecondary.careers}
    wanted |= {e.code: e.title for e in doc.shortlist}  # the shortlist's titles first
    if not wanted:
        return []
    known = {c.code for c in bundled.starter_library().careers}
    with store.reading() as conn:
        known |= {r[0] for r in conn.execute("SELECT code FROM onet_occupations")}
    return [title or code for code, title in wanted.items() if code not in known]


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _names(names: list[str], shown: int = 3) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


# --- Importing ----------------------------------------------------------------------------------


def import_package(
    store: Store,
    package: Package,
    *,
    backups_dir: Path,
    on_conflict: OnConflict = "refuse",
) -> ImportResult:
    """Back the database up into ``backups_dir``, then write the package's student in one
    transaction (all or nothing). A student already here with the same SIS id is refused
    (``on_conflict="refuse"``) or has their plan replaced (``"replace"``)."""
    doc = package.document
    sis_id = doc.student.sis_id
    students = StudentStore(store)
    if on_conflict != "replace" and students.id_of(sis_id) is not None:
        raise _conflict(package)
    backup = backup_before_import(store, backups_dir, BACKUP_REASON)
    try:
        with store.action() as db:
            conn = db.conn
            existing = students.id_of(sis_id)
            if existing is not None and on_conflict != "replace":  # added meanwhile elsewhere
                raise _conflict(package)
            student = replace(doc.student, archived_at="")  # arriving: on the roster here
            if existing is None:
                student_id = students.add(student).id
            else:
                student_id = existing
                _clear_plan(conn, student_id)
                students.update(replace(student, id=student_id))
            assert student_id is not None
            _write_plan(store, conn, student_id, doc)
    except sqlite3.Error as error:  # a record the database refuses: nothing was written
        log.warning("transfer import of %s refused by the database: %s", package.path, error)
        raise TransferError(
            f"{package.path} cannot be imported: this database refuses one of its records "
            "(the details are in the log file, Help ▸ Where is my data?). Ask the sending "
            f"school to export the student again with the newest ILP Desktop. {UNCHANGED}"
        ) from error
    return ImportResult(student_id, doc.student.full_name, sis_id, existing is not None, backup)


def _conflict(package: Package) -> TransferError:
    student = package.document.student
    return TransferError(
        f"This database already has a student with SIS id {student.sis_id}. Importing "
        f"{package.path.name} would replace their plan with the package's; choose Replace to do "
        f"that. {UNCHANGED}"
    )


def _clear_plan(conn: sqlite3.Connection, student_id: int) -> None:
    """Every row of the student's plan, children first (not left to cascades)."""
    conn.execute(
        "DELETE FROM goal_notes WHERE goal_id IN (SELECT id FROM goals WHERE student_id = ?)",
        [student_id],
    )
    conn.execute(
        "DELETE FROM acknowledgements WHERE session_id IN "
        "(SELECT id FROM sessions WHERE student_id = ?)",
        [student_id],
    )
    for table in dict.fromkeys(("snapshots", "action_steps", *PLAN_TABLES)):
        conn.execute(f"DELETE FROM {table} WHERE student_id = ?", [student_id])


def _write_plan(
    store: Store, conn: sqlite3.Connection, student_id: int, doc: TransferDocument
) -> None:
    SelfExplorationStore(store).add_profiles(
        [
            (
                student_id,
                SelfExplorationProfile(
                    student_id,
                    list(doc.attempts),
                    list(doc.items),
                    list(doc.activities),
                    list(doc.supports),
                ),
            )
        ]
    )
    today = clock.today()
    conn.executemany(
        "INSERT INTO shortlist (student_id, code, title, rank, why, need, added_on, "
        "updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (student_id, e.code, e.title, rank, e.why, e.need, e.added_on or today, e.updated_on)
            for rank, e in enumerate(doc.shortlist, start=1)
        ],
    )
    for baseline in doc.baselines:
        BASELINES.insert(conn, replace(baseline, id=None, student_id=student_id))
    for assessment in doc.assessments:
        ASSESSMENTS.insert(conn, replace(assessment, id=None, student_id=student_id))
    sessions: dict[int, int] = {}
    for session in doc.sessions:
        assert session.id is not None
        new_id = SessionStore.write_session(conn, replace(session, id=None, student_id=student_id))
        SessionStore.replace_acknowledgements(conn, new_id, session.acknowledgements)
        sessions[session.id] = new_id

    def add_steps(added: Iterable[ActionStep], goal_id: int | None) -> dict[int, int]:
        mapped = {}
        for step in added:
            session = sessions.get(step.session_id) if step.session_id is not None else None
            saved = STEPS.insert(
                conn,
                replace(step, id=None, goal_id=goal_id, student_id=student_id, session_id=session),
            )
            mapped[step.id] = saved.id
        return mapped

    goals: dict[int, int] = {}
    steps: dict[int, int] = {}
    for goal in doc.goals:
        saved = GOALS.insert(conn, replace(goal, id=None, student_id=student_id))
        goals[goal.id] = saved.id
        for note in goal.notes:
            NOTES.insert(conn, replace(note, id=None, goal_id=saved.id))
        steps |= add_steps(goal.steps, saved.id)
    steps |= add_steps(doc.steps, None)
    for course in doc.course_plan:
        PLANNED.insert(conn, replace(course, id=None, student_id=student_id))
    _write_postsecondary(conn, student_id, doc, today)
    conn.executemany(
        "INSERT INTO snapshots (student_id, session_id, taken_at, reason, data) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (
                student_id,
                sessions.get(s.session_id) if s.session_id is not None else None,
                s.taken_at,
                s.reason,
                json.dumps(remap_snapshot(s.data, goals, steps), ensure_ascii=False),
            )
            for s in doc.snapshots
        ],
    )


def _write_postsecondary(
    conn: sqlite3.Connection, student_id: int, doc: TransferDocument, today: str
) -> None:
    plan = doc.postsecondary
    if plan is None:
        return
    if plan.updated_on or plan.pathway != "undecided" or plan.also_considering or plan.aspiration:
        conn.execute(
            "INSERT INTO postsecondary (student_id, pathway, also_considering, aspiration, "
            "updated_on) VALUES (?, ?, ?, ?, ?)",
            [
                student_id,
                plan.pathway,
                json.dumps(list(plan.also_considering)),
                plan.aspiration,
                plan.updated_on or today,
            ],
        )
    conn.executemany(
        "INSERT INTO postsecondary_targets (student_id, kind, name, note, position) "
        "VALUES (?, ?, ?, ?, ?)",
        [(student_id, t.kind, t.name, t.note, n) for n, t in enumerate(plan.targets, start=1)],
    )
    conn.executemany(
        "INSERT INTO postsecondary_careers (student_id, code, title) VALUES (?, ?, ?)",
        [(student_id, c.code, c.title) for c in plan.careers],
    )
