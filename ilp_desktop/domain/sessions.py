"""Sessions with the student: one-on-ones, family conferences, calls. A session may be a review
of the plan; at a review the student, a parent or guardian and the counselor acknowledge the plan.

The next steps agreed at a session are ordinary ActionSteps (plans.py) that remember the session;
at the next session they are shown first: "last time we agreed ...".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .plans import ActionStep
from .reviews import REVIEW_KIND_LABELS, REVIEW_KINDS

SESSION_KINDS: tuple[str, ...] = ("one_on_one", "conference", "call", "group", "other")
SESSION_KIND_LABELS: dict[str, str] = {
    "one_on_one": "One-on-one session",
    "conference": "Conference with the family",
    "call": "Phone or video call",
    "group": "Group session",
    "other": "Other meeting",
}

ATTENDEE_ROLES: tuple[str, ...] = ("student", "guardian", "counselor", "teacher", "other")
ATTENDEE_ROLE_LABELS: dict[str, str] = {
    "student": "Student",
    "guardian": "Parent or guardian",
    "counselor": "Counselor",
    "teacher": "Teacher",
    "other": "Other",
}

# Who acknowledges a reviewed plan.
ACK_ROLES: tuple[str, ...] = ("student", "guardian", "counselor")
ACK_ROLE_LABELS: dict[str, str] = {
    "student": "Student",
    "guardian": "Parent or guardian",
    "counselor": "Counselor",
}

MAX_NOTES = 10_000  # a page or two of session notes
MAX_NAME = 200
MAX_ATTENDEES = 30


@dataclass(frozen=True)
class Attendee:
    role: str
    name: str = ""

    def text(self) -> str:
        role = ATTENDEE_ROLE_LABELS.get(self.role, self.role)
        return f"{role} ({self.name})" if self.name else role


@dataclass(frozen=True)
class Acknowledgement:
    """Someone reviewed the plan with the counselor on a date, on paper or in the app."""

    role: str
    signed_on: str
    name: str = ""
    on_paper: bool = False
    session_id: int | None = None
    id: int | None = None

    def text(self) -> str:
        who = ACK_ROLE_LABELS.get(self.role, self.role)
        if self.name:
            who = f"{who} ({self.name})"
        how = "signed on paper" if self.on_paper else "reviewed"
        return f"{who}: {how} on {self.signed_on}"


@dataclass(frozen=True)
class Session:
    held_on: str
    kind: str = "one_on_one"
    attendees: tuple[Attendee, ...] = ()
    notes: str = ""
    # "" when the session is not a review; otherwise a REVIEW_KINDS value. ``review_year`` is
    # the school year of the checkpoint it counts for (None for an ad hoc review).
    review: str = ""
    review_year: int | None = None
    student_id: int | None = None
    created_on: str = ""
    updated_on: str = ""
    id: int | None = None
    acknowledgements: tuple[Acknowledgement, ...] = ()

    @property
    def is_review(self) -> bool:
        return bool(self.review)

    def kind_text(self) -> str:
        kind = SESSION_KIND_LABELS.get(self.kind, self.kind)
        if not self.review:
            return kind
        return f"{kind} · {REVIEW_KIND_LABELS.get(self.review, self.review)}"

    def attendees_text(self) -> str:
        return ", ".join(a.text() for a in self.attendees)

    def acknowledged_by(self, role: str) -> bool:
        return any(a.role == role for a in self.acknowledgements)


def validate_session(session: Session, *, today: dt.date) -> dict[str, str]:
    """Check a session before saving; {field: message} in the counselor's words."""
    problems: dict[str, str] = {}
    try:
        held = dt.date.fromisoformat(session.held_on)
    except ValueError:
        problems["held_on"] = "Enter the date of the session, as year-month-day."
    else:
        if held > today:
            problems["held_on"] = (
                "The session is dated in the future. Record a session once it has taken place."
            )
    if session.kind not in SESSION_KINDS:
        problems["kind"] = "Choose what kind of meeting this was."
    if session.review and session.review not in REVIEW_KINDS:
        problems["review"] = "Choose which review this was."
    elif session.review in ("transition", "fall", "spring") and session.review_year is None:
        problems["review"] = "Choose which checkpoint this review counts for."
    if not session.attendees:
        problems["attendees"] = "Tick who took part (at least one person)."
    elif len(session.attendees) > MAX_ATTENDEES:
        problems["attendees"] = f"List at most {MAX_ATTENDEES} people."
    elif any(a.role not in ATTENDEE_ROLES for a in session.attendees):
        problems["attendees"] = "Someone is listed with an unknown role."
    elif any(len(a.name) > MAX_NAME for a in session.attendees):
        problems["attendees"] = f"Keep each name under {MAX_NAME} characters."
    if len(session.notes) > MAX_NOTES:
        problems["notes"] = (
            f"Keep the notes under {MAX_NOTES:,} characters (they have {len(session.notes):,})."
        )
    return problems


def validate_acknowledgement(
    ack: Acknowledgement, *, today: dt.date, held_on: str = ""
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if ack.role not in ACK_ROLES:
        problems["role"] = "Choose who reviewed the plan."
    try:
        signed = dt.date.fromisoformat(ack.signed_on)
    except ValueError:
        problems["signed_on"] = "Enter the date, as year-month-day."
    else:
        if signed > today:
            problems["signed_on"] = "The date is in the future; enter the day it was signed."
        elif held_on and ack.signed_on < held_on:
            problems["signed_on"] = f"The review was held on {held_on}; enter that day or later."
    if len(ack.name) > MAX_NAME:
        problems["name"] = f"Keep the name under {MAX_NAME} characters."
    return problems


def split_names(text: str) -> list[str]:
    """ "Mr. Chen, Ms. Ortiz; Dr. Ba" -> three names (teachers and others are typed in one line)."""
    names = [part.strip() for part in text.replace(";", ",").split(",")]
    return [name for name in names if name]


def agreed_last_time(
    sessions: Sequence[Session], steps: Iterable[ActionStep], *, before: Session | None = None
) -> tuple[Session | None, list[ActionStep]]:
    """The latest earlier session at which steps were agreed, and those steps as they stand now.

    ``before`` is the session being written (None for a new one): sessions on or after its date
    (other than itself) are not "last time". Steps come in the order they were agreed.
    """
    by_session: dict[int, list[ActionStep]] = {}
    for step in steps:
        if step.session_id is not None:
            by_session.setdefault(step.session_id, []).append(step)
    earlier = [
        s
        for s in sessions
        if s.id is not None
        and s.id in by_session
        and (before is None or (s.id != before.id and _earlier(s, before)))
    ]
    if not earlier:
        return None, []
    last = max(earlier, key=lambda s: (s.held_on, s.id or 0))
    return last, sorted(by_session[last.id], key=lambda step: step.id or 0)


def _earlier(session: Session, than: Session) -> bool:
    if than.id is None:  # a new session: everything already recorded came before it
        return session.held_on <= than.held_on
    return (session.held_on, session.id or 0) < (than.held_on, than.id)
