"""The transfer package's format: one student's whole ILP as plain JSON, and reading it back.

A transfer package (``.ilp``) is a ZIP archive holding ``manifest.json``, ``student.json`` and,
when the exporting computer could draw it, ``handout.pdf``; docs/transfer-format.md describes
every field. This module turns a student's records into the JSON documents and back. A package
that reaches the reader may be damaged, edited by hand or made by a newer version, so every
field is checked here before anything touches a database: its type, its choices, the rules the
tables' CHECK constraints hold, and what the app's readers rely on (ISO dates, answers to
statements the inventory has, snapshots that read back).

Ids in the document (``id`` of goals, steps and sessions; ``session`` of steps and snapshots)
only link records inside the document; the importer gives every record a new id.

Plain Python: no files, no SQL. Messages are for the counselor; :class:`TransferFormatError`
says where in the document the problem is.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .courses import PLAN_GRADES, PLAN_STATUSES, TERM_LABELS, PlannedCourse
from .dates import read_iso_date
from .interests import LANGUAGES
from .plans import (
    AREAS,
    GOAL_STATUSES,
    ROLES,
    STEP_KINDS,
    STEP_STATUSES,
    ActionStep,
    Assessment,
    Baseline,
    Goal,
    ProgressNote,
)
from .postsecondary import PATHWAYS, TARGET_KINDS, CareerLink, PostsecondaryPlan, Target
from .reviews import REVIEW_KINDS
from .self_exploration import (
    ACTIVITY_CATEGORIES,
    AGREEMENTS,
    ENTERED_BY,
    KINDS,
    MAX_HOURS_PER_WEEK,
    Activity,
    InventoryAttempt,
    ProfileItem,
    Support,
)
from .sessions import ACK_ROLES, ATTENDEE_ROLES, SESSION_KINDS, Acknowledgement, Attendee, Session
from .shortlist import MAX_ENTRIES, ShortlistEntry
from .snapshots import SnapshotError, read_snapshot
from .students import Guardian, Student, normalized, validate_student

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
MAX_TEXT = 100_000  # characters in one text field (session notes are at most 10,000)
MAX_ITEMS = 10_000  # records in one list
MAX_DEPTH = 32  # nesting of JSON lists and objects
REVIEW_YEARS = (1900, 2200)

SNAPSHOT_REASONS: tuple[str, ...] = ("review", "transfer", "other")
_ENTRY_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class TransferFormatError(ValueError):
    """A manifest or document that cannot be read; ``str()`` says what and where."""


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
    student = _out(doc.student, _STUDENT)
    student["guardians"] = [_out(g, _GUARDIAN) for g in doc.student.guardians]
    post = None
    if doc.postsecondary is not None:
        post = _out(doc.postsecondary, _POSTSECONDARY)
        post["targets"] = [_out(t, _TARGET) for t in doc.postsecondary.targets]
        post["careers"] = [_out(c, _CAREER) for c in doc.postsecondary.careers]
    return {
        "student": student,
        "inventory_attempts": [_out(a, _ATTEMPT) for a in doc.attempts],
        "profile_items": [_out(i, _ITEM) for i in doc.items],
        "activities": [_out(a, _ACTIVITY) for a in doc.activities],
        "supports": [_out(s, _SUPPORT) for s in doc.supports],
        "shortlist": [_out(e, _SHORTLIST) for e in doc.shortlist],
        "baselines": [_out(b, _BASELINE) for b in doc.baselines],
        "assessments": [_out(a, _ASSESSMENT) for a in doc.assessments],
        "goals": [
            _out(g, _GOAL)
            | {
                "notes": [_out(n, _NOTE) for n in g.notes],
                "steps": [_out(s, _STEP) for s in g.steps],
            }
            for g in doc.goals
        ],
        "steps": [_out(s, _STEP) for s in doc.steps],
        "course_plan": [_out(c, _COURSE) for c in doc.course_plan],
        "postsecondary": post,
        "sessions": [
            _out(s, _SESSION) | {"acknowledgements": [_out(a, _ACK) for a in s.acknowledgements]}
            for s in doc.sessions
        ],
        "snapshots": [_out(s, _SNAPSHOT) for s in doc.snapshots],
    }


def _out(record: object, fields: Mapping[str, _Field]) -> dict[str, Any]:
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
        raise TransferFormatError(f"{what} is not valid JSON ({_short(str(error), 80)}).") from None
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
    if not _is_int(version) or version < 1:
        raise TransferFormatError("Its manifest has no format version ILP Desktop knows.")
    if version > FORMAT_VERSION:
        raise TransferFormatError(
            f"It was made by a newer version of ILP Desktop (transfer format {version}; this "
            f"version reads format {FORMAT_VERSION}). Install the newer ILP Desktop to import it."
        )
    fields = _fields(raw, _MANIFEST, "the manifest")
    student = _fields(raw.get("student"), _MANIFEST_STUDENT, "the manifest's student")
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
    sessions = tuple(_session(r, n) for n, r in _numbered(raw, "sessions", "the record"))
    session_ids = _unique_ids([s.id for s in sessions], "session")
    goals = tuple(_goal(r, n, session_ids) for n, r in _numbered(raw, "goals", "the record"))
    _unique_ids([g.id for g in goals], "goal")
    steps = tuple(
        _step(r, f"step {n} under no goal", session_ids, under_goal=False)
        for n, r in _numbered(raw, "steps", "the record")
    )
    _unique_ids([s.id for g in goals for s in g.steps] + [s.id for s in steps], "step")
    attempts = tuple(
        _attempt(r, n, form_ids) for n, r in _numbered(raw, "inventory_attempts", "the record")
    )
    items = tuple(
        _item(r, f"profile item {n}") for n, r in _numbered(raw, "profile_items", "the record")
    )
    _unique([(i.kind, i.entry_id, i.other) for i in items], "profile item", "is on the list twice")
    shortlist = _shortlist(raw)
    return TransferDocument(
        student=_student(raw.get("student")),
        attempts=attempts,
        items=items,
        activities=tuple(
            _activity(r, f"activity {n}") for n, r in _numbered(raw, "activities", "the record")
        ),
        supports=tuple(
            _support(r, f"support {n}") for n, r in _numbered(raw, "supports", "the record")
        ),
        shortlist=shortlist,
        baselines=tuple(
            _make(Baseline, r, _BASELINE, f"baseline {n}")
            for n, r in _numbered(raw, "baselines", "the record")
        ),
        assessments=tuple(
            _make(Assessment, r, _ASSESSMENT, f"assessment {n}")
            for n, r in _numbered(raw, "assessments", "the record")
        ),
        goals=goals,
        steps=steps,
        course_plan=tuple(
            _make(PlannedCourse, r, _COURSE, f"course {n} of the course plan")
            for n, r in _numbered(raw, "course_plan", "the record")
        ),
        postsecondary=_postsecondary(raw.get("postsecondary")),
        sessions=sessions,
        snapshots=tuple(
            _snapshot(r, n, session_ids) for n, r in _numbered(raw, "snapshots", "the record")
        ),
    )


def _student(raw: object) -> Student:
    if raw is None:
        raise TransferFormatError("The record has no “student”.")
    values = _fields(raw, _STUDENT, "the student")
    assert isinstance(raw, Mapping)
    guardians = [
        Guardian(**_fields(g, _GUARDIAN, f"guardian {n}"))
        for n, g in _numbered(raw, "guardians", "the student")
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
    values = _fields(raw, _ATTEMPT, where)
    known = form_ids.get(values["form"])
    if known is None:
        raise TransferFormatError(
            f"{_cap(where)} used the “{_short(values['form'])}” form, which this version of "
            "ILP Desktop does not have."
        )
    strangers = [key for key in values["answers"] if key not in known]
    if strangers:
        raise TransferFormatError(
            f"{_cap(where)} answers statement “{_short(strangers[0])}”, which is not on the "
            f"{values['form']} form."
        )
    if values["finished_at"] is not None and values["finished_at"] < values["started_at"]:
        raise TransferFormatError(f"{_cap(where)} was finished before it was started.")
    values["updated_at"] = values["updated_at"] or values["finished_at"] or values["started_at"]
    return InventoryAttempt(student_id=None, **values)


def _item(raw: object, where: str) -> ProfileItem:
    values = _fields(raw, _ITEM, where)
    _one_of_entry_or_other(values, where)
    if values["confidence"] is not None and values["kind"] != "skill":
        raise TransferFormatError(f"{_cap(where)} has a confidence, which only skills have.")
    return ProfileItem(**values)


def _activity(raw: object, where: str) -> Activity:
    values = _fields(raw, _ACTIVITY, where)
    _in_order(values["start_on"], values["end_on"], where, "ends before it starts")
    return Activity(**values)


def _support(raw: object, where: str) -> Support:
    values = _fields(raw, _SUPPORT, where)
    _one_of_entry_or_other(values, where)
    _in_order(values["since"], values["ended_on"], where, "ended before it began")
    return Support(**values)


def _shortlist(raw: Mapping[str, Any]) -> tuple[ShortlistEntry, ...]:
    entries = [
        _fields(r, _SHORTLIST, f"shortlist entry {n}")
        for n, r in _numbered(raw, "shortlist", "the record")
    ]
    if len(entries) > MAX_ENTRIES:
        raise TransferFormatError(
            f"The shortlist holds {len(entries)} careers; ILP Desktop keeps up to {MAX_ENTRIES}."
        )
    _unique([e["code"] for e in entries], "career", "is on the shortlist twice")
    # The list's order is the ranking; ranks are renumbered 1..n as the store keeps them.
    return tuple(
        ShortlistEntry(None, **(e | {"rank": rank})) for rank, e in enumerate(entries, start=1)
    )


def _goal(raw: object, n: int, session_ids: set[int]) -> Goal:
    where = f"goal {n}"
    values = _fields(raw, _GOAL, where)
    if values["status"] == "dropped" and not values["dropped_reason"]:
        raise TransferFormatError(f"{_cap(where)} is dropped but says no reason why.")
    assert isinstance(raw, Mapping)
    notes = tuple(
        _make(ProgressNote, r, _NOTE, f"progress note {k} of {where}")
        for k, r in _numbered(raw, "notes", where)
    )
    steps = tuple(
        _step(r, f"step {k} of {where}", session_ids, under_goal=True)
        for k, r in _numbered(raw, "steps", where)
    )
    return Goal(**values, notes=notes, steps=steps)


def _step(raw: object, where: str, session_ids: set[int], *, under_goal: bool) -> ActionStep:
    values = _fields(raw, _STEP, where)
    if (values["status"] == "done") != bool(values["done_on"]):
        raise TransferFormatError(
            f"{_cap(where)} must have a date done exactly when its status is done."
        )
    _known_session(values["session_id"], session_ids, where)
    if under_goal:
        values["general"] = False  # only a step under no goal can be a general one
    return ActionStep(**values)


def _postsecondary(raw: object) -> PostsecondaryPlan | None:
    if raw is None:
        return None
    where = "the postsecondary plan"
    values = _fields(raw, _POSTSECONDARY, where)
    assert isinstance(raw, Mapping)
    targets = tuple(
        _make(Target, r, _TARGET, f"target {n} of {where}")
        for n, r in _numbered(raw, "targets", where)
    )
    careers = tuple(
        _make(CareerLink, r, _CAREER, f"career {n} of {where}")
        for n, r in _numbered(raw, "careers", where)
    )
    _unique([c.code for c in careers], "career", f"is linked twice in {where}")
    values["also_considering"] = tuple(values["also_considering"])
    return PostsecondaryPlan(**values, targets=targets, careers=careers)


def _session(raw: object, n: int) -> Session:
    where = f"session {n}"
    values = _fields(raw, _SESSION, where)
    if (values["review"] in ("", "adhoc")) != (values["review_year"] is None):
        raise TransferFormatError(
            f"{_cap(where)} must give a review year exactly when it is a fall, spring or "
            "transition review."
        )
    assert isinstance(raw, Mapping)
    acks = tuple(
        _make(Acknowledgement, r, _ACK, f"acknowledgement {k} of {where}")
        for k, r in _numbered(raw, "acknowledgements", where)
    )
    return Session(**values, acknowledgements=acks)


def _snapshot(raw: object, n: int, session_ids: set[int]) -> SnapshotRecord:
    where = f"plan snapshot {n}"
    values = _fields(raw, _SNAPSHOT, where)
    _known_session(values["session_id"], session_ids, where)
    try:
        read_snapshot(values["data"])  # what the Reviews tab and the handout will read
    except SnapshotError as error:
        raise TransferFormatError(f"{_cap(where)}: {error}") from None
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
                if is_id and _is_int(value) and not (key == "id" and id(item) in placed):
                    item[key] = None
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return result


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _mapped(value: object, ids: Mapping[int, int]) -> int | None:
    return ids.get(value) if _is_int(value) else None  # type: ignore[arg-type]


# --- Field checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    """How one field is written and checked. ``attr``: the record's attribute, when its name
    differs from the field's."""

    kind: str
    choices: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    required: bool = False
    default: Any = None
    attr: str = ""


TEXT = _Field("text", default="")
TEXT1 = _Field("text", required=True)  # present and not blank
DATE = _Field("date", default="")  # "" or YYYY-MM-DD
DATE1 = _Field("date", required=True)
STAMP = _Field("stamp", default="")  # "" or an ISO date or date and time
STAMP1 = _Field("stamp", required=True)
STAMP_OR_NULL = _Field("stamp", default=None)
FLAG = _Field("flag", default=False)
TEXTS = _Field("texts", default=list)
ID = _Field("ref", required=True)
SESSION_REF = _Field("ref", default=None, attr="session_id")
ENTRY = _Field("entry", default="")


def _choice(*choices: str, default: str | None = None) -> _Field:
    return _Field("choice", choices=choices, required=default is None, default=default)


def _number(low: float, high: float, *, required: bool = False) -> _Field:
    return _Field("number", low=low, high=high, required=required)


def _integer(low: float, high: float) -> _Field:
    return _Field("integer", low=low, high=high)


_MANIFEST = {
    "format_minor": _integer(0, 1_000_000),
    "app_version": TEXT,
    "exported_at": STAMP1,
    "school_name": TEXT,
    "handout_note": TEXT,
}
_MANIFEST_STUDENT = {"sis_id": TEXT1, "name": TEXT1, "grade": TEXT}
_STUDENT = {
    "sis_id": TEXT1,
    "first_name": TEXT1,
    "last_name": TEXT1,
    "preferred_name": TEXT,
    "grade": TEXT1,
    "homeroom": TEXT,
    "counselor": TEXT,
    "date_of_birth": DATE,
    "family_languages": TEXTS,
    "iep": FLAG,
    "plan_504": FLAG,
    "ell": FLAG,
    "gifted": FLAG,
    "cte": FLAG,
    "cte_pathway": TEXT,
    "notes": TEXT,
    "archived_at": STAMP,
}
_GUARDIAN = {"name": TEXT, "relationship": TEXT, "phone": TEXT, "email": TEXT, "language": TEXT}
_ATTEMPT = {
    "form": TEXT1,
    "language": _choice(*LANGUAGES),
    "entered_by": _choice(*ENTERED_BY, default="student"),
    "started_at": STAMP1,
    "updated_at": STAMP,
    "finished_at": STAMP_OR_NULL,
    "answers": _Field("answers", default=dict),
    "agreement": _Field("choice", choices=AGREEMENTS, default=None),
    "reflection": TEXT,
    "reflected_on": DATE,
}
_ITEM = {
    "kind": _choice(*KINDS),
    "entry_id": ENTRY,
    "other": TEXT,
    "confidence": _integer(1, 4),
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
_ACTIVITY = {
    "category": _choice(*ACTIVITY_CATEGORIES),
    "name": TEXT1,
    "role": TEXT,
    "organisation": TEXT,
    "start_on": DATE,
    "end_on": DATE,
    "hours_per_week": _number(0, MAX_HOURS_PER_WEEK),
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
_SUPPORT = {
    "entry_id": ENTRY,
    "other": TEXT,
    "provided_by": TEXT,
    "since": DATE,
    "ended_on": DATE,
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
_SHORTLIST = {
    "code": TEXT1,
    "title": TEXT,
    "rank": _integer(1, 10_000),  # for people reading the file: the list's order is the rank
    "why": TEXT,
    "need": TEXT,
    "added_on": DATE,
    "updated_on": DATE,
}
_BASELINE = {
    "as_of": DATE1,
    "gpa": _number(0, 5),
    "credits": _number(0, 60),
    "attendance": _number(0, 100),
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
_ASSESSMENT = {
    "name": TEXT1,
    "taken_on": DATE1,
    "score": TEXT,
    "level": TEXT,
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
_GOAL = {
    "id": ID,
    "area": _choice(*AREAS),
    "statement": TEXT1,
    "measure": TEXT,
    "target_date": DATE,
    "status": _choice(*GOAL_STATUSES),
    "dropped_reason": TEXT,
    "career_code": TEXT,
    "created_on": DATE,
    "updated_on": DATE,
}
_NOTE = {"noted_on": DATE1, "text": TEXT1}
_STEP = {
    "id": ID,
    "kind": _choice(*STEP_KINDS, default=""),
    "what": TEXT1,
    "role": _choice(*ROLES),
    "who_name": TEXT,
    "due_on": DATE,
    "status": _choice(*STEP_STATUSES),
    "done_on": DATE,
    "created_on": DATE,
    "updated_on": DATE,
    "session": SESSION_REF,
    "general": FLAG,
}
_COURSE = {
    "grade": _choice(*PLAN_GRADES),
    "term": _choice(*TERM_LABELS),
    "course_code": TEXT,
    "title": TEXT1,
    "area": TEXT1,
    "credits": _number(0, 10, required=True),
    "status": _choice(*PLAN_STATUSES),
    "mark": TEXT,
    "note": TEXT,
    "created_on": DATE,
    "updated_on": DATE,
}
_POSTSECONDARY = {
    "pathway": _choice(*PATHWAYS, default="undecided"),
    "also_considering": _Field("choices", choices=PATHWAYS, default=list),
    "aspiration": TEXT,
    "updated_on": DATE,
}
_TARGET = {"kind": _choice(*TARGET_KINDS), "name": TEXT1, "note": TEXT}
_CAREER = {"code": TEXT1, "title": TEXT}
_SESSION = {
    "id": ID,
    "held_on": DATE1,
    "kind": _choice(*SESSION_KINDS),
    "attendees": _Field("attendees", default=tuple),
    "notes": TEXT,
    "review": _choice("", *REVIEW_KINDS, default=""),
    "review_year": _integer(*REVIEW_YEARS),
    "created_on": DATE,
    "updated_on": DATE,
}
_ATTENDEE = {"role": _choice(*ATTENDEE_ROLES), "name": TEXT}
_ACK = {"role": _choice(*ACK_ROLES), "name": TEXT, "signed_on": DATE1, "on_paper": FLAG}
_SNAPSHOT = {
    "session": SESSION_REF,
    "taken_at": STAMP1,
    "reason": _choice(*SNAPSHOT_REASONS),
    "data": _Field("object", required=True),
}


def _make(kind: Callable[..., Any], raw: object, fields: Mapping[str, _Field], where: str) -> Any:
    return kind(**_fields(raw, fields, where))


def _fields(raw: object, fields: Mapping[str, _Field], where: str) -> dict[str, Any]:
    """The checked values of ``raw``'s known fields, by attribute name."""
    if not isinstance(raw, Mapping):
        raise TransferFormatError(f"{_cap(where)} is not a record.")
    values: dict[str, Any] = {}
    for key, spec in fields.items():
        values[spec.attr or key] = _value(raw.get(key), spec, where, key)
    return values


def _value(value: Any, spec: _Field, where: str, key: str) -> Any:
    if value is None:
        if spec.required:
            raise TransferFormatError(f"{_cap(where)} has no “{key}”.")
        return spec.default() if callable(spec.default) else spec.default
    kind = spec.kind
    if kind in ("text", "date", "stamp", "entry", "choice"):
        if not isinstance(value, str):
            raise _wrong(where, key, "text", value)
        if len(value) > MAX_TEXT:
            raise TransferFormatError(
                f"The “{key}” of {where} is {len(value):,} characters long; the most ILP "
                f"Desktop keeps is {MAX_TEXT:,}."
            )
        if spec.required and not value.strip():
            raise TransferFormatError(f"{_cap(where)} has an empty “{key}”.")
        if kind == "date" and value and read_iso_date(value)[0] is None:
            raise _wrong(where, key, "a date written as year-month-day", value)
        if kind == "stamp" and value and not _is_stamp(value):
            raise _wrong(where, key, "a date and time such as 2026-09-14T10:05:00", value)
        if kind == "entry" and value and not _ENTRY_ID.match(value):
            raise _wrong(where, key, "the id of a list entry", value)
        if kind == "choice" and value not in spec.choices:
            return _not_a_choice(where, key, value, spec.choices)
        return value
    if kind == "flag":
        if not isinstance(value, bool):
            raise _wrong(where, key, "true or false", value)
        return value
    if kind in ("number", "integer", "ref"):
        return _numeric(value, spec, where, key)
    if kind in ("texts", "choices"):
        items = _items(value, where, key)
        for item in items:
            if not isinstance(item, str) or len(item) > MAX_TEXT:
                raise _wrong(where, key, "a list of text", item)
            if kind == "choices" and item not in spec.choices:
                _not_a_choice(where, key, item, spec.choices)
        return list(items)
    if kind == "answers":
        return _answers(value, where, key)
    if kind == "attendees":
        return tuple(
            Attendee(**_fields(a, _ATTENDEE, f"attendee {n} of {where}"))
            for n, a in enumerate(_items(value, where, key), start=1)
        )
    if kind == "object":
        if not isinstance(value, dict):
            raise _wrong(where, key, "a JSON object", value)
        return value
    raise AssertionError(f"unknown field kind {kind}")


def _numeric(value: Any, spec: _Field, where: str, key: str) -> Any:
    if spec.kind == "number":
        allowed: tuple[type, ...] = (int, float)
        what = f"a number from {spec.low:g} to {spec.high:g}"
    elif spec.kind == "integer":
        allowed, what = (int,), f"a whole number from {spec.low:g} to {spec.high:g}"
    else:
        allowed, what = (int,), "a whole number from 1 (an id inside the package)"
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise _wrong(where, key, what, value)
    low, high = (1, 2**53) if spec.kind == "ref" else (spec.low, spec.high)
    if not low <= value <= high:  # also refuses NaN
        raise _wrong(where, key, what, value)
    return float(value) if spec.kind == "number" else value


def _answers(value: Any, where: str, key: str) -> dict[str, int | None]:
    if not isinstance(value, dict):
        raise _wrong(where, key, "an object of answers", value)
    if len(value) > 1000:
        raise TransferFormatError(f"{_cap(where)} has far more answers than any form.")
    for item_id, answer in value.items():
        if not isinstance(item_id, str) or not _ANSWER_ID.match(item_id):
            raise _wrong(where, key, "answers keyed by statement ids", item_id)
        if answer is not None and (
            isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5
        ):
            raise TransferFormatError(
                f"The answer to statement {item_id} in {where} is {_short(repr(answer))}; "
                "answers go from 1 to 5, or null for a statement skipped."
            )
    return dict(value)


def _items(value: Any, where: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise _wrong(where, key, "a list", value)
    if len(value) > MAX_ITEMS:
        raise TransferFormatError(
            f"The “{key}” of {where} has {len(value):,} entries; the most read is {MAX_ITEMS:,}."
        )
    return value


def _numbered(parent: Mapping[str, Any], key: str, where: str) -> Iterable[tuple[int, Any]]:
    value = parent.get(key)
    return enumerate([] if value is None else _items(value, where, key), start=1)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_stamp(text: str) -> bool:
    if len(text) < 10 or read_iso_date(text[:10])[0] is None:
        return False
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _one_of_entry_or_other(values: Mapping[str, Any], where: str) -> None:
    if bool(values["entry_id"]) == bool(values["other"]):
        raise TransferFormatError(
            f"{_cap(where)} must have either a list entry (“entry_id”) or its own words "
            "(“other”), not both and not neither."
        )


def _in_order(start: str, end: str, where: str, problem: str) -> None:
    if start and end and end < start:
        raise TransferFormatError(f"{_cap(where)} {problem}.")


def _known_session(ref: int | None, session_ids: set[int], where: str) -> None:
    if ref is not None and ref not in session_ids:
        raise TransferFormatError(
            f"{_cap(where)} belongs to session id {ref}, which is not in the package."
        )


def _unique_ids(ids: list[int | None], what: str) -> set[int]:
    seen: set[int] = set()
    for value in ids:
        assert value is not None  # ids are required fields
        if value in seen:
            raise TransferFormatError(f"Two {what}s share the id {value}.")
        seen.add(value)
    return seen


def _unique(keys: list[Any], what: str, problem: str) -> None:
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            shown = key if isinstance(key, str) else " ".join(str(k) for k in key if k)
            raise TransferFormatError(f"The {what} “{_short(shown)}” {problem}.")
        seen.add(key)


def _not_a_choice(where: str, key: str, value: object, choices: tuple[str, ...]) -> Any:
    shown = ", ".join(c or "“”" for c in choices)
    raise TransferFormatError(
        f"The “{key}” of {where} is {_short(repr(value))}; it should be one of: {shown}."
    )


def _wrong(where: str, key: str, what: str, value: object) -> TransferFormatError:
    return TransferFormatError(
        f"The “{key}” of {where} should be {what}; it is {_short(_describe(value))}."
    )


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return repr(value)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
