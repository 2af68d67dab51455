"""Reading what a conference handout needs: the school's details and one student's plan.

The school's details (name, address, phone, logo, paper size, each counselor's contact) are a
setting, so they travel with the database. :class:`HandoutSource` reads everything else for one
student and lets :mod:`ilp_desktop.domain.handout` choose what the family sees.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Mapping

from ..domain.handout import (
    MAX_ASSESSMENTS,
    MAX_CAREERS,
    MAX_CHANGES,
    MAX_GOALS,
    MAX_STEPS_PER_GROUP,
    MAX_SUPPORTS,
    CareerFacts,
    Handout,
    Interests,
    ReviewChanges,
    SchoolDetails,
    career_lines,
    check_school_details,
    family_changes,
    goal_lines,
    latest_assessments,
    latest_baseline,
    step_groups,
)
from ..domain.interests import Bilingual, Inventory
from ..domain.reviews import next_due, schedule
from ..domain.self_exploration import Checklists
from ..domain.snapshots import SnapshotError, what_changed
from ..domain.students import Student
from .db import Store
from .plans import PlanStore
from .postsecondary import PostsecondaryStore
from .school_calendar import load_calendar
from .self_exploration import SelfExplorationStore
from .sessions import ReviewSnapshot, SessionStore
from .settings import SettingsStore
from .shortlist import ShortlistStore
from .students import StudentStore

KEY = "handout_school"


class HandoutError(ValueError):
    """A handout that cannot be made (no such student); the message is for the counselor."""


def load_school_details(store: Store) -> SchoolDetails:
    """The saved details, or empty ones; a damaged setting reads as empty, never fails."""
    raw = SettingsStore(store).get(KEY, {})
    if not isinstance(raw, dict):
        return SchoolDetails()
    logo = None
    if isinstance(raw.get("logo"), str) and raw["logo"]:
        try:
            logo = base64.b64decode(raw["logo"], validate=True)
        except (binascii.Error, ValueError):
            logo = None
    contacts = raw.get("counselor_contacts")
    paper = raw.get("paper")
    return SchoolDetails(
        name=_text(raw.get("name")),
        address=_text(raw.get("address")),
        phone=_text(raw.get("phone")),
        logo=logo,
        paper=paper if paper in ("letter", "a4") else "letter",
        counselor_contacts={
            _text(name): _text(contact)
            for name, contact in (contacts.items() if isinstance(contacts, dict) else ())
            if _text(name) and _text(contact)
        },
    )


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def save_school_details(store: Store, details: SchoolDetails) -> None:
    """Save the details; raises ValueError (a message for the counselor) when they are refused."""
    problems = check_school_details(details)
    if problems:
        raise ValueError(" ".join(problems.values()))
    SettingsStore(store).set(
        KEY,
        {
            "name": details.name,
            "address": details.address,
            "phone": details.phone,
            "logo": base64.b64encode(details.logo).decode("ascii") if details.logo else "",
            "paper": details.paper,
            "counselor_contacts": dict(details.counselor_contacts),
        },
    )


def counselor_names(store: Store) -> list[str]:
    """The counselors named on the roster (archived students left out), sorted."""
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT DISTINCT counselor FROM students WHERE archived_at = '' AND counselor <> ''"
        ).fetchall()
    return sorted({" ".join(row[0].split()) for row in rows}, key=str.casefold)


def imported_career_letters(store: Store) -> dict[str, str]:
    """Interest codes of the imported O*NET careers, by code."""
    with store.reading() as conn:
        return dict(
            conn.execute("SELECT code, high_point FROM onet_occupations WHERE high_point <> ''")
        )


class HandoutSource:
    """Reads handouts one student at a time; the school's settings are read once."""

    def __init__(
        self,
        store: Store,
        inventory: Inventory,
        checklists: Checklists,
        careers: Mapping[str, CareerFacts],
    ) -> None:
        self.store = store
        self.inventory = inventory
        self.checklists = checklists
        self.careers = careers
        self.school = load_school_details(store)
        self.calendar = load_calendar(store)
        self._students = StudentStore(store)
        self._self = SelfExplorationStore(store)
        self._shortlist = ShortlistStore(store)
        self._plans = PlanStore(store)
        self._post = PostsecondaryStore(store)
        self._sessions = SessionStore(store)

    def student_id(self, sis_id: str) -> int:
        """The database id of the student with this SIS id; HandoutError if there is none."""
        found = self._students.id_of(sis_id)
        if found is None:
            raise HandoutError(f"No student has the SIS id “{sis_id.strip()}”.")
        return found

    def handout(self, student_id: int, today: dt.date) -> Handout:
        student = self._students.get(student_id)
        if student is None:
            raise HandoutError("That student is no longer in the database.")
        return self._handout(student, today)

    def _handout(self, student: Student, today: dt.date) -> Handout:
        assert student.id is not None
        sid = student.id
        profile = self._self.profile(sid)
        interests = None
        latest = next(iter(profile.finished_attempts), None)  # newest first
        if latest is not None:
            interests = Interests(
                result=latest.result(self.inventory),
                taken_on=(latest.finished_at or "")[:10],
                types=self.inventory.types,
            )
        code = (interests.result.code or "") if interests else ""
        entries = self._shortlist.entries(sid)
        careers = career_lines([(e.code, e.title, e.why) for e in entries], code, self.careers)
        records = self._plans.records(sid)
        held = self._sessions.held_reviews(sid)
        last = self._sessions.last_review(sid)
        since = last.session.held_on if last else ""
        goals = goal_lines(records.goals, today, since)
        checkpoints = schedule(student.grade, today, self.calendar, held, years_ahead=1)
        supports = [
            Bilingual(self.checklists.text(s, "en"), self.checklists.text(s, "es"))
            for s in profile.supports
            if s.active
        ]
        plan = self._post.plan(sid)
        return Handout(
            student=student,
            today=today,
            school=self.school,
            interests=interests,
            careers=tuple(careers[:MAX_CAREERS]),
            more_careers=max(0, len(careers) - MAX_CAREERS),
            baseline=latest_baseline(records.baselines),
            assessments=tuple(latest_assessments(records.assessments, MAX_ASSESSMENTS)),
            goals=tuple(goals[:MAX_GOALS]),
            more_goals=max(0, len(goals) - MAX_GOALS),
            steps=tuple(step_groups(records.all_steps(), today, MAX_STEPS_PER_GROUP)),
            supports=tuple(supports[:MAX_SUPPORTS]),
            pathway=plan.pathway if plan.pathway != "undecided" else "",
            aspiration=" ".join(plan.aspiration.split()),
            next_review=next_due(checkpoints, today),
            last_review=self._changes(sid, last),
        )

    def _changes(self, student_id: int, last: ReviewSnapshot | None) -> ReviewChanges | None:
        if last is None:
            return None
        try:
            changes = what_changed(last.data, self._sessions.current_snapshot(student_id))
        except SnapshotError:
            return None  # a damaged snapshot: the handout goes without the comparison
        return family_changes(last.session.held_on, changes, MAX_CHANGES)
