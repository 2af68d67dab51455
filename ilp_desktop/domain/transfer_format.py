"""The transfer package's format: one student's whole ILP as plain JSON, and reading it back.

A transfer package (``.ilp``) is a ZIP archive holding ``manifest.json``, ``student.json`` and,
when the exporting computer could draw it, ``handout.pdf``; docs/transfer-format.md describes
every field. This module turns a student's records into the JSON documents and back. A package
that reaches the reader may be damaged, edited by hand or made by a newer version, so every
field is checked before anything touches a database: its type, its choices and the rules the
tables' CHECK constraints hold (transfer_fields.py, field by field), and here the rules across
fields and what the app's readers rely on (answers to statements the inventory has, links
between records, snapshots that read back).

Ids in the document (``id`` of goals, steps and sessions; ``session`` of steps and snapshots)
only link records inside the document; the importer gives every record a new id.

Plain Python: no files, no SQL. Messages are for the counselor; :class:`TransferFormatError`
says where in the document the problem is.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from .courses import PlannedCourse
from .plans import (
    ActionStep,
    Assessment,
    Baseline,
    Goal,
    ProgressNote,
)
from .postsecondary import CareerLink, PostsecondaryPlan, Target
from .self_exploration import (
    Activity,
    InventoryAttempt,
    ProfileItem,
    Support,
)
from .sessions import Acknowledgement, Session
from .shortlist import MAX_ENTRIES, ShortlistEntry
from .snapshots import SnapshotError, read_snapshot
from .students import Guardian, Student, normalized, validate_student
from .transfer_fields import (
    ACK_FIELDS,
    ACTIVITY_FIELDS,
    ASSESSMENT_FIELDS,
    ATTEMPT_FIELDS,
    BASELINE_FIELDS,
    CAREER_FIELDS,
    COURSE_FIELDS,
    GOAL_FIELDS,
    GUARDIAN_FIELDS,
    ITEM_FIELDS,
    MANIFEST_FIELDS,
    MANIFEST_STUDENT_FIELDS,
    MAX_ITEMS,
    MAX_TEXT,
    NOTE_FIELDS,
    POSTSECONDARY_FIELDS,
    SESSION_FIELDS,
    SHORTLIST_FIELDS,
    SNAPSHOT_FIELDS,
    SNAPSHOT_REASONS,
    STEP_FIELDS,
    STUDENT_FIELDS,
    SUPPORT_FIELDS,
    TARGET_FIELDS,
    Field,
    TransferFormatError,
    cap,
    in_order,
    is_int,
    known_session,
    numbered,
    one_of_entry_or_other,
    read_fields,
    read_record,
    short,
    unique,
    unique_ids,
)

# Importable from here too: the format's limits and its one error.
__all__ = [
    "FORMAT_MINOR",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "HANDOUT_FILE",
    "MANIFEST_FILE",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "MAX_TEXT",
    "SNAPSHOT_REASONS",
    "STUDENT_FILE",
    "SUFFIX",
    "Manifest",
    "SnapshotRecord",
    "TransferDocument",
    "TransferFormatError",
    "document_json",
    "encode",
    "manifest_json",
    "parse_json",
    "read_document",
    "read_manifest",
    "record_counts",
    "remap_snapshot",
]

FORMAT_NAME = "ilp-desktop-transfer"
# The major version: a reader refuses a package of a newer major version. The minor version
# counts additions an older reader can ignore (new optional fields, new sections).
FORMAT_VERSION = 1
FORMAT_MINOR = 0
SUFFIX = ".ilp"
MANIFEST_FILE = "manifest.json"
STUDENT_FILE = "student.json"
HANDOUT_FILE = "handout.pdf"

# Sizes that refuse a "zip bomb" or a file that is not a package at all, long before memory
# runs out. One student's ILP is a few hundred kilobytes; its handout well under a megabyte.
MAX_PACKAGE_BYTES = 60_000_000  # the .ilp file itself
MAX_UNPACKED_BYTES = 50_000_000  # everything in it, unpacked
MAX_MANIFEST_BYTES = 1_000_000
MAX_HANDOUT_BYTES = 20_000_000
MAX_MEMBERS = 100  # files inside the archive
MAX_DEPTH = 32  # nesting of JSON lists and objects


# --- What the document holds ------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotRecord:
    """A stored plan snapshot: the session it belongs to (a document id), when and why."""

    taken_at: str
    reason: str
    data: dict[str, Any]
    session_id: int | None = None


@dataclass(frozen=True)
class TransferDocument:
    """One student's whole ILP. Ids of goals, steps and sessions are document ids."""

    student: Student
    attempts: tuple[InventoryAttempt, ...] = ()
    items: tuple[ProfileItem, ...] = ()
    activities: tuple[Activity, ...] = ()
    supports: tuple[Support, ...] = ()
    shortlist: tuple[ShortlistEntry, ...] = ()  # in rank order
    baselines: tuple[Baseline, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    goals: tuple[Goal, ...] = ()  # with their notes and steps
    steps: tuple[ActionStep, ...] = ()  # steps under no goal (postsecondary plan, general)
    course_plan: tuple[PlannedCourse, ...] = ()
    postsecondary: PostsecondaryPlan | None = None  # None: no pathway or aspiration recorded
    sessions: tuple[Session, ...] = ()  # with their acknowledgements
    snapshots: tuple[SnapshotRecord, ...] = ()

    def all_steps(self) -> list[ActionStep]:
        return [s for g in self.goals for s in g.steps] + list(self.steps)


@dataclass(frozen=True)
class Manifest:
    """What the package says about itself."""

    format_version: int
    format_minor: int
    app_version: str
    exported_at: str  # ISO timestamp
    school_name: str  # "" when the exporting school had not set it
    sis_id: str
    student_name: str
    grade: str
    handout_file: str | None  # None: no handout in the package
    handout_note: str = ""  # why there is none


def record_counts(doc: TransferDocument) -> list[tuple[str, int]]:
    """(what, how many) for every kind of record, in the order the app's tabs show them."""
    sessions = doc.sessions
    return [
        ("Guardians", len(doc.student.guardians)),
        ("Interest inventory attempts", len(doc.attempts)),
        ("Strengths, skills, values and learning preferences", len(doc.items)),
        ("Activities", len(doc.activities)),
        ("Supports", len(doc.supports)),
        ("Careers on the shortlist", len(doc.shortlist)),
        ("Grades, credits and attendance records", len(doc.baselines)),
        ("Assessment results", len(doc.assessments)),
        ("Goals", len(doc.goals)),
        ("Progress notes", sum(len(g.notes) for g in doc.goals)),
        ("Action steps", len(doc.all_steps())),
        ("Courses in the course plan", len(doc.course_plan)),
        ("Postsecondary targets", len(doc.postsecondary.targets) if doc.postsecondary else 0),
        ("Sessions", len(sessions)),
        ("Reviews among them", sum(1 for s in sessions if s.review)),
        ("Acknowledgements", sum(len(s.acknowledgements) for s in sessions)),
        ("Plan snapshots", len(doc.snapshots)),
    ]


# --- Writing ------------------------------------------------------------------------------------


def manifest_json(manifest: Manifest) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": manifest.format_version,
        "format_minor": manifest.format_minor,
        "app_version": manifest.app_version,
        "exported_at": manifest.exported_at,
        "school_name": manifest.school_name,
        "student": {
            "sis_id": manifest.sis_id,
            "name": manifest.student_name,
            "grade": manifest.grade,
        },
        "handout_file": manifest.handout_file,
        "handout_note": manifest.handout_note,
    }


def document_json(doc: TransferDocument) -> dict[str, Any]:
    """The document as JSON-ready data: the format's field names, lists for tuples."""
    student = _out(doc.student, STUDENT_FIELDS)
    student["guardians"] = [_out(g, GUARDIAN_FIELDS) for g in doc.student.guardians]
    post = None
    if doc.postsecondary is not None:
        post = _out(doc.postsecondary, POSTSECONDARY_FIELDS)
        post["targets"] = [_out(t, TARGET_FIELDS) for t in doc.postsecondary.targets]
        post["careers"] = [_out(c, CAREER_FIELDS) for c in doc.postsecondary.careers]
    return {
        "student": student,
        "inventory_attempts": [_out(a, ATTEMPT_FIELDS) for a in doc.attempts],
        "profile_items": [_out(i, ITEM_FIELDS) for i in doc.items],
        "activities": [_out(a, ACTIVITY_FIELDS) for a in doc.activities],
        "supports": [_out(s, SUPPORT_FIELDS) for s in doc.supports],
        "shortlist": [_out(e, SHORTLIST_FIELDS) for e in doc.shortlist],
        "baselines": [_out(b, BASELINE_FIELDS) for b in doc.baselines],
        "assessments": [_out(a, ASSESSMENT_FIELDS) for a in doc.assessments],
        "goals": [
            _out(g, GOAL_FIELDS)
            | {
                "notes": [_out(n, NOTE_FIELDS) for n in g.notes],
                "steps": [_out(s, STEP_FIELDS) for s in g.steps],
            }
            for g in doc.goals
        ],
        "steps": [_out(s, STEP_FIELDS) for s in doc.steps],
        "course_plan": [_out(c, COURSE_FIELDS) for c in doc.course_plan],
        "postsecondary": post,
        "sessions": [
            _out(s, SESSION_FIELDS)
            | {"acknowledgements": [_out(a, ACK_FIELDS) for a in s.acknowledgements]}
            for s in doc.sessions
        ],
        "snapshots": [_out(s, SNAPSHOT_FIELDS) for s in doc.snapshots],
    }


def _out(record: object, fields: Mapping[str, Field]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, spec in fields.items():
        value = getattr(record, spec.attr or key)
        if spec.kind == "attendees":
            value = [{"role": a.role, "name": a.name} for a in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif spec.kind == "answers" or spec.kind == "texts":
            value = copy.copy(value)
        data[key] = value
    return data


def encode(data: Mapping[str, Any]) -> bytes:
    """JSON as stored in the package: UTF-8, readable, keys in the order written."""
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


# --- Reading: JSON ------------------------------------------------------------------------------


def parse_json(data: bytes, what: str) -> Any:
    """Decode one JSON file of the package, refusing what no exporter writes: text that is not
    UTF-8, NaN or infinite numbers, nesting deeper than MAX_DEPTH, broken characters."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TransferFormatError(f"{what} is not text in UTF-8.") from None

    def refuse_constant(name: str) -> Any:
        raise TransferFormatError(f"{what} holds {name}, which is not a number.")

    def finite(number: str) -> float:
        value = float(number)
        if not math.isfinite(value):
            raise TransferFormatError(f"{what} holds a number too large to read ({number[:20]}).")
        return value

    try:
        value = json.loads(text, parse_constant=refuse_constant, parse_float=finite)
    except TransferFormatError:
        raise
    except RecursionError:
        raise TransferFormatError(f"{what} is nested too deeply to be a transfer file.") from None
    except ValueError as error:  # JSONDecodeError, or an integer with thousands of digits
        raise TransferFormatError(f"{what} is not valid JSON ({short(str(error), 80)}).") from None
    _check_tree(value, what)
    return value


def _check_tree(value: Any, what: str) -> None:
    """Depth and characters of every value, without recursion (a bad file cannot blow the
    stack here, nor later when the data is written back out)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _encodable(item, what)
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise TransferFormatError(f"{what} is nested too deeply to be a transfer file.")
            if isinstance(item, dict):
                for key, child in item.items():
                    _encodable(key, what)
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def _encodable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TransferFormatError(f"{what} holds a broken character (a lone surrogate).") from None
    if "\x00" in text:
        raise TransferFormatError(f"{what} holds a NUL character, which no text may hold.")


# --- Reading: the manifest ----------------------------------------------------------------------


def read_manifest(raw: object) -> Manifest:
    """Check the decoded manifest.json; TransferFormatError says what is wrong."""
    if not isinstance(raw, Mapping) or raw.get("format") != FORMAT_NAME:
        raise TransferFormatError("It is not an ILP Desktop transfer package.")
    version = raw.get("format_version")
    if not is_int(version) or version < 1:
        raise TransferFormatError("Its manifest has no format version ILP Desktop knows.")
    if version > FORMAT_VERSION:
        raise TransferFormatError(
            f"It was made by a newer version of ILP Desktop (transfer format {version}; this "
            f"version reads format {FORMAT_VERSION}). Install the newer ILP Desktop to import it."
        )
    fields = read_fields(raw, MANIFEST_FIELDS, "the manifest")
    student = read_fields(raw.get("student"), MANIFEST_STUDENT_FIELDS, "the manifest's student")
    handout = raw.get("handout_file")
    if handout is not None and handout != HANDOUT_FILE:
        raise TransferFormatError(f"The manifest names a handout other than {HANDOUT_FILE}.")
    return Manifest(
        format_version=version,
        format_minor=fields["format_minor"] or 0,
        app_version=fields["app_version"],
        exported_at=fields["exported_at"],
        school_name=fields["school_name"],
        sis_id=student["sis_id"],
        student_name=student["name"],
        grade=student["grade"],
        handout_file=handout,
        handout_note=fields["handout_note"],
    )


# --- Reading: the document ----------------------------------------------------------------------


def read_document(raw: object, *, form_ids: Mapping[str, Collection[str]]) -> TransferDocument:
    """Check the decoded student.json and build the records; TransferFormatError if any field
    is missing, of the wrong type or breaks a rule. Keys it does not know are ignored.

    ``form_ids`` are the statement ids of each inventory form this app has: an attempt on
    another form, or with answers to statements the form does not have, cannot be scored.
    """
    if not isinstance(raw, Mapping):
        raise TransferFormatError("The student's record is not a JSON object.")
    sessions = tuple(_session(r, n) for n, r in numbered(raw, "sessions", "the record"))
    session_ids = unique_ids([s.id for s in sessions], "session")
    goals = tuple(_goal(r, n, session_ids) for n, r in numbered(raw, "goals", "the record"))
    unique_ids([g.id for g in goals], "goal")
    steps = tuple(
        _step(r, f"step {n} under no goal", session_ids, under_goal=False)
        for n, r in numbered(raw, "steps", "the record")
    )
    unique_ids([s.id for g in goals for s in g.steps] + [s.id for s in steps], "step")
    attempts = tuple(
        _attempt(r, n, form_ids) for n, r in numbered(raw, "inventory_attempts", "the record")
    )
    items = tuple(
        _item(r, f"profile item {n}") for n, r in numbered(raw, "profile_items", "the record")
    )
    unique([(i.kind, i.entry_id, i.other) for i in items], "profile item", "is on the list twice")
    shortlist = _shortlist(raw)
    return TransferDocument(
        student=_student(raw.get("student")),
        attempts=attempts,
        items=items,
        activities=tuple(
            _activity(r, f"activity {n}") for n, r in numbered(raw, "activities", "the record")
        ),
        supports=tuple(
            _support(r, f"support {n}") for n, r in numbered(raw, "supports", "the record")
        ),
        shortlist=shortlist,
        baselines=tuple(
            read_record(Baseline, r, BASELINE_FIELDS, f"baseline {n}")
            for n, r in numbered(raw, "baselines", "the record")
        ),
        assessments=tuple(
            read_record(Assessment, r, ASSESSMENT_FIELDS, f"assessment {n}")
            for n, r in numbered(raw, "assessments", "the record")
        ),
        goals=goals,
        steps=steps,
        course_plan=tuple(
            read_record(PlannedCourse, r, COURSE_FIELDS, f"course {n} of the course plan")
            for n, r in numbered(raw, "course_plan", "the record")
        ),
        postsecondary=_postsecondary(raw.get("postsecondary")),
        sessions=sessions,
        snapshots=tuple(
            _snapshot(r, n, session_ids) for n, r in numbered(raw, "snapshots", "the record")
        ),
    )


def _student(raw: object) -> Student:
    if raw is None:
        raise TransferFormatError("The record has no “student”.")
    values = read_fields(raw, STUDENT_FIELDS, "the student")
    assert isinstance(raw, Mapping)
    guardians = [
        Guardian(**read_fields(g, GUARDIAN_FIELDS, f"guardian {n}"))
        for n, g in numbered(raw, "guardians", "the student")
    ]
    student = Student(**values, guardians=guardians)
    # The SIS id is how schools find a student again: it must be one this app can store.
    problems = validate_student(student)
    for key in ("sis_id", "first_name", "last_name", "grade"):
        if key in problems:
            raise TransferFormatError(f"The student: {problems[key]}")
    return normalized(student)  # as the store keeps it: trimmed, the grade as its code


def _attempt(raw: object, n: int, form_ids: Mapping[str, Collection[str]]) -> InventoryAttempt:
    where = f"inventory attempt {n}"
    values = read_fields(raw, ATTEMPT_FIELDS, where)
    known = form_ids.get(values["form"])
    if known is None:
        raise TransferFormatError(
            f"{cap(where)} used the “{short(values['form'])}” form, which this version of "
            "ILP Desktop does not have."
        )
    strangers = [key for key in values["answers"] if key not in known]
    if strangers:
        raise TransferFormatError(
            f"{cap(where)} answers statement “{short(strangers[0])}”, which is not on the "
            f"{values['form']} form."
        )
    if values["finished_at"] is not None and values["finished_at"] < values["started_at"]:
        raise TransferFormatError(f"{cap(where)} was finished before it was started.")
    values["updated_at"] = values["updated_at"] or values["finished_at"] or values["started_at"]
    return InventoryAttempt(student_id=None, **values)


def _item(raw: object, where: str) -> ProfileItem:
    values = read_fields(raw, ITEM_FIELDS, where)
    one_of_entry_or_other(values, where)
    if values["confidence"] is not None and values["kind"] != "skill":
        raise TransferFormatError(f"{cap(where)} has a confidence, which only skills have.")
    return ProfileItem(**values)


def _activity(raw: object, where: str) -> Activity:
    values = read_fields(raw, ACTIVITY_FIELDS, where)
    in_order(values["start_on"], values["end_on"], where, "ends before it starts")
    return Activity(**values)


def _support(raw: object, where: str) -> Support:
    values = read_fields(raw, SUPPORT_FIELDS, where)
    one_of_entry_or_other(values, where)
    in_order(values["since"], values["ended_on"], where, "ended before it began")
    return Support(**values)


def _shortlist(raw: Mapping[str, Any]) -> tuple[ShortlistEntry, ...]:
    entries = [
        read_fields(r, SHORTLIST_FIELDS, f"shortlist entry {n}")
        for n, r in numbered(raw, "shortlist", "the record")
    ]
    if len(entries) > MAX_ENTRIES:
        raise TransferFormatError(
            f"The shortlist holds {len(entries)} careers; ILP Desktop keeps up to {MAX_ENTRIES}."
        )
    unique([e["code"] for e in entries], "career", "is on the shortlist twice")
    # The list's order is the ranking; ranks are renumbered 1..n as the store keeps them.
    return tuple(
        ShortlistEntry(None, **(e | {"rank": rank})) for rank, e in enumerate(entries, start=1)
    )


def _goal(raw: object, n: int, session_ids: set[int]) -> Goal:
    where = f"goal {n}"
    values = read_fields(raw, GOAL_FIELDS, where)
    if values["status"] == "dropped" and not values["dropped_reason"]:
        raise TransferFormatError(f"{cap(where)} is dropped but says no reason why.")
    assert isinstance(raw, Mapping)
    notes = tuple(
        read_record(ProgressNote, r, NOTE_FIELDS, f"progress note {k} of {where}")
        for k, r in numbered(raw, "notes", where)
    )
    steps = tuple(
        _step(r, f"step {k} of {where}", session_ids, under_goal=True)
        for k, r in numbered(raw, "steps", where)
    )
    return Goal(**values, notes=notes, steps=steps)


def _step(raw: object, where: str, session_ids: set[int], *, under_goal: bool) -> ActionStep:
    values = read_fields(raw, STEP_FIELDS, where)
    if (values["status"] == "done") != bool(values["done_on"]):
        raise TransferFormatError(
            f"{cap(where)} must have a date done exactly when its status is done."
        )
    known_session(values["session_id"], session_ids, where)
    if under_goal:
        values["general"] = False  # only a step under no goal can be a general one
    return ActionStep(**values)


def _postsecondary(raw: object) -> PostsecondaryPlan | None:
    if raw is None:
        return None
    where = "the postsecondary plan"
    values = read_fields(raw, POSTSECONDARY_FIELDS, where)
    assert isinstance(raw, Mapping)
    targets = tuple(
        read_record(Target, r, TARGET_FIELDS, f"target {n} of {where}")
        for n, r in numbered(raw, "targets", where)
    )
    careers = tuple(
        read_record(CareerLink, r, CAREER_FIELDS, f"career {n} of {where}")
        for n, r in numbered(raw, "careers", where)
    )
    unique([c.code for c in careers], "career", f"is linked twice in {where}")
    values["also_considering"] = tuple(values["also_considering"])
    return PostsecondaryPlan(**values, targets=targets, careers=careers)


def _session(raw: object, n: int) -> Session:
    where = f"session {n}"
    values = read_fields(raw, SESSION_FIELDS, where)
    if (values["review"] in ("", "adhoc")) != (values["review_year"] is None):
        raise TransferFormatError(
            f"{cap(where)} must give a review year exactly when it is a fall, spring or "
            "transition review."
        )
    assert isinstance(raw, Mapping)
    acks = tuple(
        read_record(Acknowledgement, r, ACK_FIELDS, f"acknowledgement {k} of {where}")
        for k, r in numbered(raw, "acknowledgements", where)
    )
    return Session(**values, acknowledgements=acks)


def _snapshot(raw: object, n: int, session_ids: set[int]) -> SnapshotRecord:
    where = f"plan snapshot {n}"
    values = read_fields(raw, SNAPSHOT_FIELDS, where)
    known_session(values["session_id"], session_ids, where)
    try:
        read_snapshot(values["data"])  # what the Reviews tab and the handout will read
    except SnapshotError as error:
        raise TransferFormatError(f"{cap(where)}: {error}") from None
    return SnapshotRecord(**values)


# --- Snapshot ids -------------------------------------------------------------------------------


def remap_snapshot(
    data: Mapping[str, Any], goals: Mapping[int, int], steps: Mapping[int, int]
) -> dict[str, Any]:
    """A copy of a snapshot whose goal and step ids are those the importer gave the same
    records; every other id in it, and an id of a record the package does not hold, becomes
    null. No id from the other database is left to point at a wrong record here, and "what
    changed since the last review" still matches goals and steps by id (by their words where
    the id is null)."""
    result = copy.deepcopy(dict(data))
    placed: set[int] = set()  # records whose "id" was mapped here (by object identity)
    for goal in _dicts(result.get("goals")):
        goal["id"] = _mapped(goal.get("id"), goals)
        placed.add(id(goal))
        for step in _dicts(goal.get("steps")):
            step["id"] = _mapped(step.get("id"), steps)
            placed.add(id(step))
    for step in _dicts(result.get("steps")):
        step["id"] = _mapped(step.get("id"), steps)
        placed.add(id(step))
    stack: list[Any] = [result]
    while stack:  # any other row id of the old database: null
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                is_id = key == "id" or key.endswith("_id")
                if is_id and is_int(value) and not (key == "id" and id(item) in placed):
                    item[key] = None
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return result


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _mapped(value: object, ids: Mapping[int, int]) -> int | None:
    return ids.get(value) if is_int(value) else None  # type: ignore[arg-type]
