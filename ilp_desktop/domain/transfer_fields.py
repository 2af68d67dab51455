"""Every field of the transfer package's format, and how each is checked when read.

Each record of the document (docs/transfer-format.md) has a table here: its fields, their
kind (text, date, choice, number, …), the choices and ranges the tables' CHECK constraints and
the app's readers hold. :func:`read_fields` checks a decoded JSON object against such a table
and returns the values by the record's attribute names; every refusal is one
:class:`TransferFormatError` whose message says where in the document the problem is, in the
counselor's words. transfer_format.py builds the records and their rules across fields.

Plain Python: no files, no SQL.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .courses import PLAN_GRADES, PLAN_STATUSES, TERM_LABELS
from .dates import read_iso_date
from .interests import LANGUAGES
from .plans import AREAS, GOAL_STATUSES, ROLES, STEP_KINDS, STEP_STATUSES
from .postsecondary import PATHWAYS, TARGET_KINDS
from .reviews import REVIEW_KINDS
from .self_exploration import (
    ACTIVITY_CATEGORIES,
    AGREEMENTS,
    ENTERED_BY,
    KINDS,
    MAX_HOURS_PER_WEEK,
)
from .sessions import ACK_ROLES, ATTENDEE_ROLES, SESSION_KINDS, Attendee

MAX_TEXT = 100_000  # characters in one text field (session notes are at most 10,000)
MAX_ITEMS = 10_000  # records in one list
REVIEW_YEARS = (1900, 2200)
SNAPSHOT_REASONS: tuple[str, ...] = ("review", "transfer", "other")
_ENTRY_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class TransferFormatError(ValueError):
    """A manifest or document that cannot be read; ``str()`` says what and where."""


@dataclass(frozen=True)
class Field:
    """How one field is written and checked. ``attr``: the record's attribute, when its name
    differs from the field's."""

    kind: str
    choices: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    required: bool = False
    default: Any = None
    attr: str = ""


TEXT = Field("text", default="")
TEXT1 = Field("text", required=True)  # present and not blank
DATE = Field("date", default="")  # "" or YYYY-MM-DD
DATE1 = Field("date", required=True)
STAMP = Field("stamp", default="")  # "" or an ISO date or date and time
STAMP1 = Field("stamp", required=True)
STAMP_OR_NULL = Field("stamp", default=None)
FLAG = Field("flag", default=False)
TEXTS = Field("texts", default=list)
ID = Field("ref", required=True)
SESSION_REF = Field("ref", default=None, attr="session_id")
ENTRY = Field("entry", default="")


def _choice(*choices: str, default: str | None = None) -> Field:
    return Field("choice", choices=choices, required=default is None, default=default)


def _number(low: float, high: float, *, required: bool = False) -> Field:
    return Field("number", low=low, high=high, required=required)


def _integer(low: float, high: float) -> Field:
    return Field("integer", low=low, high=high)


MANIFEST_FIELDS = {
    "format_minor": _integer(0, 1_000_000),
    "app_version": TEXT,
    "exported_at": STAMP1,
    "school_name": TEXT,
    "handout_note": TEXT,
}
MANIFEST_STUDENT_FIELDS = {"sis_id": TEXT1, "name": TEXT1, "grade": TEXT}
STUDENT_FIELDS = {
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
GUARDIAN_FIELDS = {
    "name": TEXT,
    "relationship": TEXT,
    "phone": TEXT,
    "email": TEXT,
    "language": TEXT,
}
ATTEMPT_FIELDS = {
    "form": TEXT1,
    "language": _choice(*LANGUAGES),
    "entered_by": _choice(*ENTERED_BY, default="student"),
    "started_at": STAMP1,
    "updated_at": STAMP,
    "finished_at": STAMP_OR_NULL,
    "answers": Field("answers", default=dict),
    "agreement": Field("choice", choices=AGREEMENTS, default=None),
    "reflection": TEXT,
    "reflected_on": DATE,
}
ITEM_FIELDS = {
    "kind": _choice(*KINDS),
    "entry_id": ENTRY,
    "other": TEXT,
    "confidence": _integer(1, 4),
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
ACTIVITY_FIELDS = {
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
SUPPORT_FIELDS = {
    "entry_id": ENTRY,
    "other": TEXT,
    "provided_by": TEXT,
    "since": DATE,
    "ended_on": DATE,
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
SHORTLIST_FIELDS = {
    "code": TEXT1,
    "title": TEXT,
    "rank": _integer(1, 10_000),  # for people reading the file: the list's order is the rank
    "why": TEXT,
    "need": TEXT,
    "added_on": DATE,
    "updated_on": DATE,
}
BASELINE_FIELDS = {
    "as_of": DATE1,
    "gpa": _number(0, 5),
    "credits": _number(0, 60),
    "attendance": _number(0, 100),
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
ASSESSMENT_FIELDS = {
    "name": TEXT1,
    "taken_on": DATE1,
    "score": TEXT,
    "level": TEXT,
    "note": TEXT,
    "recorded_on": DATE,
    "updated_on": DATE,
}
GOAL_FIELDS = {
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
NOTE_FIELDS = {"noted_on": DATE1, "text": TEXT1}
STEP_FIELDS = {
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
COURSE_FIELDS = {
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
POSTSECONDARY_FIELDS = {
    "pathway": _choice(*PATHWAYS, default="undecided"),
    "also_considering": Field("choices", choices=PATHWAYS, default=list),
    "aspiration": TEXT,
    "updated_on": DATE,
}
TARGET_FIELDS = {"kind": _choice(*TARGET_KINDS), "name": TEXT1, "note": TEXT}
CAREER_FIELDS = {"code": TEXT1, "title": TEXT}
SESSION_FIELDS = {
    "id": ID,
    "held_on": DATE1,
    "kind": _choice(*SESSION_KINDS),
    "attendees": Field("attendees", default=tuple),
    "notes": TEXT,
    "review": _choice("", *REVIEW_KINDS, default=""),
    "review_year": _integer(*REVIEW_YEARS),
    "created_on": DATE,
    "updated_on": DATE,
}
ATTENDEE_FIELDS = {"role": _choice(*ATTENDEE_ROLES), "name": TEXT}
ACK_FIELDS = {"role": _choice(*ACK_ROLES), "name": TEXT, "signed_on": DATE1, "on_paper": FLAG}
SNAPSHOT_FIELDS = {
    "session": SESSION_REF,
    "taken_at": STAMP1,
    "reason": _choice(*SNAPSHOT_REASONS),
    "data": Field("object", required=True),
}


def read_record(
    kind: Callable[..., Any], raw: object, fields: Mapping[str, Field], where: str
) -> Any:
    return kind(**read_fields(raw, fields, where))


def read_fields(raw: object, fields: Mapping[str, Field], where: str) -> dict[str, Any]:
    """The checked values of ``raw``'s known fields, by attribute name."""
    if not isinstance(raw, Mapping):
        raise TransferFormatError(f"{cap(where)} is not a record.")
    values: dict[str, Any] = {}
    for key, spec in fields.items():
        values[spec.attr or key] = _value(raw.get(key), spec, where, key)
    return values


def _value(value: Any, spec: Field, where: str, key: str) -> Any:
    if value is None:
        if spec.required:
            raise TransferFormatError(f"{cap(where)} has no “{key}”.")
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
            raise TransferFormatError(f"{cap(where)} has an empty “{key}”.")
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
            Attendee(**read_fields(a, ATTENDEE_FIELDS, f"attendee {n} of {where}"))
            for n, a in enumerate(_items(value, where, key), start=1)
        )
    if kind == "object":
        if not isinstance(value, dict):
            raise _wrong(where, key, "a JSON object", value)
        return value
    raise AssertionError(f"unknown field kind {kind}")


def _numeric(value: Any, spec: Field, where: str, key: str) -> Any:
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
        raise TransferFormatError(f"{cap(where)} has far more answers than any form.")
    for item_id, answer in value.items():
        if not isinstance(item_id, str) or not _ANSWER_ID.match(item_id):
            raise _wrong(where, key, "answers keyed by statement ids", item_id)
        if answer is not None and (
            isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5
        ):
            raise TransferFormatError(
                f"The answer to statement {item_id} in {where} is {short(repr(answer))}; "
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


def numbered(parent: Mapping[str, Any], key: str, where: str) -> Iterable[tuple[int, Any]]:
    value = parent.get(key)
    return enumerate([] if value is None else _items(value, where, key), start=1)


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_stamp(text: str) -> bool:
    if len(text) < 10 or read_iso_date(text[:10])[0] is None:
        return False
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def one_of_entry_or_other(values: Mapping[str, Any], where: str) -> None:
    if bool(values["entry_id"]) == bool(values["other"]):
        raise TransferFormatError(
            f"{cap(where)} must have either a list entry (“entry_id”) or its own words "
            "(“other”), not both and not neither."
        )


def in_order(start: str, end: str, where: str, problem: str) -> None:
    if start and end and end < start:
        raise TransferFormatError(f"{cap(where)} {problem}.")


def known_session(ref: int | None, session_ids: set[int], where: str) -> None:
    if ref is not None and ref not in session_ids:
        raise TransferFormatError(
            f"{cap(where)} belongs to session id {ref}, which is not in the package."
        )


def unique_ids(ids: list[int | None], what: str) -> set[int]:
    seen: set[int] = set()
    for value in ids:
        assert value is not None  # ids are required fields
        if value in seen:
            raise TransferFormatError(f"Two {what}s share the id {value}.")
        seen.add(value)
    return seen


def unique(keys: list[Any], what: str, problem: str) -> None:
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            shown = key if isinstance(key, str) else " ".join(str(k) for k in key if k)
            raise TransferFormatError(f"The {what} “{short(shown)}” {problem}.")
        seen.add(key)


def _not_a_choice(where: str, key: str, value: object, choices: tuple[str, ...]) -> Any:
    shown = ", ".join(c or "“”" for c in choices)
    raise TransferFormatError(
        f"The “{key}” of {where} is {short(repr(value))}; it should be one of: {shown}."
    )


def _wrong(where: str, key: str, what: str, value: object) -> TransferFormatError:
    return TransferFormatError(
        f"The “{key}” of {where} should be {what}; it is {short(_describe(value))}."
    )


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return repr(value)


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]
