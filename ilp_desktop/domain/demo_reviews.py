"""Made-up review history for the demo school: three school years of checkpoint reviews,
family conferences and check-ins, who acknowledged each reviewed plan, and a snapshot of the
plan as it stood at each review.

Plain Python: the caller passes the generated students with their plans, self-exploration
profiles and shortlists, the school calendar and ``today``, and stores the result. The history
is made to fit the plans: a session held on the day steps were set is where they were agreed,
and each snapshot is the plan rebuilt as it stood that day (goals not yet set are left out,
steps done since were still in progress), so "what changed since the last review" has real
differences to show. Nothing is dated after ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .demo_plans import DemoPlan
from .interests import Inventory
from .plans import CLOSED_GOAL, ActionStep, Goal
from .reviews import Checkpoint, checkpoints_for_year, grade_in_year
from .school_year import SchoolCalendar
from .self_exploration import Checklists, InventoryAttempt, SelfExplorationProfile
from .sessions import Acknowledgement, Attendee, Session
from .shortlist import ShortlistEntry
from .snapshots import take_snapshot
from .students import Guardian, Student

K = TypeVar("K")


@dataclass(frozen=True)
class DemoSession:
    """One generated session of a student's history.

    ``step_indexes`` are the steps agreed at it, as positions in the student's plan steps in
    PlanRecords.all_steps() order (goal steps goal by goal, then the postsecondary plan's);
    ``snapshot`` is the plan as it stood, for a review (None otherwise).
    """

    session: Session
    step_indexes: tuple[int, ...] = ()
    snapshot: dict[str, Any] | None = None


# --- Rates ------------------------------------------------------------------------------------

YEARS_BACK = 2  # the current school year and the two before it
MISSED_RATE = 0.08  # a checkpoint never held
LATE_RATE = 0.10  # held after its due date
LATE_DAYS = (1, 35)
# Current year: students whose every checkpoint is held already, the ones not yet open held
# early (the family is moving, say), so the dashboard shows some "all reviews held".
ALL_HELD_RATE = 0.04
ADHOC_RATE = 0.06  # a year with a review outside the schedule
CONFERENCE_RATE = 0.45  # a review with the family (when the roster lists a guardian)
BOTH_GUARDIANS_RATE = 0.3
STUDENT_AWAY_RATE = 0.1  # a conference held without the student
# Where a review falls on a day goals were set, most of the time the goals were set at it.
SET_AT_REVIEW_RATE = 0.5
LINK_RATE = 0.85  # steps set on a day with a session were agreed at it (else typed in later)
CHECK_IN_WEIGHTS: dict[int, int] = {0: 30, 1: 35, 2: 25, 3: 10}  # a year, besides reviews
ACK_RATE = 0.93  # reviews where anyone acknowledged the plan
STUDENT_ACK_RATE = 0.95
COUNSELOR_ACK_RATE = 0.95
# A parent or guardian acknowledges about 60 % of reviews: in person at a conference, on a
# signed copy sent home after a one-on-one (about half of them on paper in all).
FAMILY_ACK_RATE: dict[str, float] = {"conference": 0.85, "one_on_one": 0.4}
ON_PAPER_RATE: dict[str, float] = {"conference": 0.25, "one_on_one": 0.9}
PAPER_BACK_DAYS = (2, 12)  # a signed copy comes back days after the review
REASON_RATE = 0.5  # a late review whose note says why
EXTRA_SENTENCES: dict[int, int] = {0: 25, 1: 45, 2: 30}  # after the first sentence

# --- What counselors write ----------------------------------------------------------------------

# The first sentence of a session's notes. {name}: the student's first name; {guardian}: the
# family member who came; {goal}: a goal set by then.
OPENINGS: dict[str, tuple[str, ...]] = {
    "fall": (
        "Fall check-in with {name}.",
        "Fall review of the plan with {name}.",
        "Met with {name} for the fall checkpoint.",
        "Went through the plan with {name} for the fall review.",
    ),
    "spring": (
        "Spring review with {name}.",
        "Spring checkpoint: went through the whole plan with {name}.",
        "Met with {name} for the spring check-in.",
        "Spring review. We looked back at the year so far and ahead to next year.",
    ),
    "entering_6": (
        "Welcome meeting for sixth grade. We talked about the move to middle school: lockers, "
        "the bell schedule and who to ask for help.",
        "Transition review for sixth grade. {name} is settling in and knows where to find me.",
    ),
    "entering_9": (
        "Transition to high school: went over the four-year course plan and what it takes to "
        "graduate.",
        "Start-of-high-school review with {name}: credits, graduation requirements and why "
        "ninth-grade grades count.",
    ),
    "final_12": (
        "Final-year review with {name}: life after high school, this year's deadlines and who "
        "will help with each one.",
        "Senior review. We went over the plan for after graduation and the steps left to take.",
    ),
    "final_other": (
        "Final-year review: talked about the move to the next school and what to sign up for.",
        "Last review in this building. {name} had questions about the next school's schedule.",
    ),
    "adhoc": (
        "{guardian} asked for a meeting about how the year is going.",
        "Extra review: {name} had a rough few weeks, so we looked at the plan again.",
        "Reviewed the plan again after progress reports came out.",
    ),
    "check_in": (
        "Quick check-in with {name}.",
        "{name} stopped by at lunch to check in.",
        "Short check-in between reviews.",
        "Pulled {name} from study hall for a few minutes to see how things are going.",
    ),
    "set_goal": (
        'Set a goal with {name}: "{goal}". We wrote down the first steps together.',
        'Met with {name} to plan the next steps for "{goal}".',
        'Worked out with {name} how to start on "{goal}".',
    ),
}
EARLY = (
    "Held early: the family is moving out of the area over winter break.",
    "Held early because {name} will be away for part of the spring.",
    "Held this review early since {name} is changing schools in January.",
)
LATE = (
    "Held after the due date; we could not find a time before it.",
    "Held late because {name} was out sick for a week.",
    "Rescheduled twice, so this one is late.",
)
CONFERENCE = (
    "{guardian} came in for the meeting.",
    "{guardian} joined us and asked good questions about next year.",
    "{guardian} came to the conference; we went over the plan together.",
)
# Sentences after the first, each needing the fields it names.
BODY: tuple[str, ...] = (
    'We went over "{goal}" and {name} feels good about where it stands.',
    'Most of our time went to "{goal}".',
    '{name} is finding "{goal}" harder than expected, so we talked about what would help.',
    "Done since last time: {done_step}.",
    "Still to do: {open_step}.",
    "{name} finished {done_count} since the last review.",
    "{name} is still interested in {career} and wants to learn more.",
    "Talked about what {career} do day to day.",
    "Looked at the training it takes to work in jobs like {career}.",
    "Talked about classes and how things are going with friends.",
    "Teachers report no concerns.",
    "Reminded {name} that my door is open.",
    "Grades look steady; attendance is fine.",
)
# The fields each text needs.
_FIELDS: dict[str, frozenset[str]] = {
    text: frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)
    for text in (*BODY, *(t for texts in OPENINGS.values() for t in texts))
}


# --- The generator ------------------------------------------------------------------------------


def generate_history(
    students: Sequence[Student],
    plans: Sequence[DemoPlan],
    profiles: Sequence[SelfExplorationProfile],
    shortlists: Sequence[Sequence[ShortlistEntry]],
    calendar: SchoolCalendar,
    seed: int,
    today: dt.date,
    *,
    inventory: Inventory | None = None,
    checklists: Checklists | None = None,
) -> list[list[DemoSession]]:
    """One list of sessions per student, oldest first, in the students' order.

    The same inputs always give the same history. ``inventory`` scores the interest inventory
    for the snapshots and ``checklists`` words the supports; without them the snapshots leave
    the interest code and the supports out.
    """
    dates = _Calendar(calendar)
    return [
        _History(
            random.Random(f"history:{seed}:{student.sis_id}"),
            student,
            plan,
            profile,
            shortlist,
            dates,
            today,
            inventory,
            checklists,
        ).sessions()
        for student, plan, profile, shortlist in zip(
            students, plans, profiles, shortlists, strict=True
        )
    ]


class _Calendar:
    """The school calendar's dates, each worked out once: the generator asks for them for every
    session of every student."""

    def __init__(self, calendar: SchoolCalendar) -> None:
        self.calendar = calendar
        self.final_grade = calendar.final_grade
        self._starts: dict[int, dt.date] = {}
        self._ends: dict[int, dt.date] = {}
        self._checkpoints: dict[tuple[str, int], list[Checkpoint]] = {}

    def starts(self, year: int) -> dt.date:
        if year not in self._starts:
            self._starts[year] = self.calendar.starts(year)
        return self._starts[year]

    def ends(self, year: int) -> dt.date:
        if year not in self._ends:
            self._ends[year] = self.calendar.ends(year)
        return self._ends[year]

    def year_of(self, day: dt.date) -> int:
        return day.year if day >= self.starts(day.year) else day.year - 1

    def checkpoints(self, grade: str, year: int) -> list[Checkpoint]:
        if (grade, year) not in self._checkpoints:
            self._checkpoints[grade, year] = checkpoints_for_year(grade, year, self.calendar)
        return self._checkpoints[grade, year]


@dataclass
class _Planned:
    """A session decided on, before its words are written."""

    day: dt.date
    review: str = ""  # "" for a check-in; else a REVIEW_KINDS value
    year: int | None = None  # the school year of the checkpoint (None: not a checkpoint)
    purpose: str = ""  # "entering_9", "final_12" ... for a transition review
    how: str = ""  # "early" | "late" | ""


class _History:
    def __init__(
        self,
        rng: random.Random,
        student: Student,
        plan: DemoPlan,
        profile: SelfExplorationProfile,
        shortlist: Sequence[ShortlistEntry],
        calendar: _Calendar,
        today: dt.date,
        inventory: Inventory | None,
        checklists: Checklists | None,
    ) -> None:
        self.rng = rng
        self.student = student
        self.plan = plan
        self.profile = profile
        self.shortlist = shortlist
        self.cal = calendar
        self.today = today
        self.inventory = inventory
        self.checklists = checklists
        self.year_now = calendar.year_of(today)
        self.steps: list[ActionStep] = [s for g in plan.goals for s in g.steps]
        self.steps += plan.plan_steps
        self.taken: set[dt.date] = set()  # days with a session
        self.codes: dict[int, str | None] = {}  # interest codes by attempt position
        self.name = student.preferred_name or student.first_name
        self.display_name = student.display_name  # worked out once: it looks at every letter

    # The plan of sessions -------------------------------------------------------------------------
    def sessions(self) -> list[DemoSession]:
        if not self.plan.goals and self.profile.is_empty:
            return []  # the counselor has not sat down with this student yet
        years = self._years()
        if not years:
            return []
        rng = self.rng
        agreed = self._agreed_days(years[0][0])
        all_held = (
            years[-1][0] == self.year_now
            and self.today >= self.cal.starts(self.year_now) + dt.timedelta(days=14)
            and rng.random() < ALL_HELD_RATE
        )
        planned: list[_Planned] = []
        for year, grade in years:
            for checkpoint in self.cal.checkpoints(grade, year):
                found = self._review(checkpoint, agreed, all_held and year == self.year_now)
                if found is not None:
                    planned.append(found)
            if rng.random() < ADHOC_RATE:
                day = self._day_in(year)
                if day is not None:
                    planned.append(_Planned(day, "adhoc"))
        # Steps set on a day with no review were agreed at a check-in that day.
        for day in agreed:
            if day not in self.taken:
                self.taken.add(day)
                planned.append(_Planned(day))
        for year, _ in years:
            have = sum(1 for p in planned if not p.review and self.cal.year_of(p.day) == year)
            for _ in range(_pick(rng, CHECK_IN_WEIGHTS) - have):
                day = self._day_in(year)
                if day is not None:
                    planned.append(_Planned(day))
            # Every year the student was here they met the counselor at least once.
            if not any(self.cal.year_of(p.day) == year for p in planned):
                day = self._day_in(year)
                if day is not None:
                    planned.append(_Planned(day))
        planned.sort(key=lambda p: p.day)
        made: list[DemoSession] = []
        last_review: dt.date | None = None
        for item in planned:
            made.append(self._session(item, agreed.get(item.day, ()), last_review))
            if item.review:
                last_review = item.day
        return made

    def _years(self) -> list[tuple[int, str]]:
        """(school year, grade) of the years to cover: only those in grade 6 or above."""
        found = []
        for year in range(self.year_now - YEARS_BACK, self.year_now + 1):
            grade = grade_in_year(self.student.grade, self.year_now, year)
            if grade is not None and grade.isdigit() and int(grade) >= 6:
                found.append((year, grade))
        return found

    def _agreed_days(self, first_year: int) -> dict[dt.date, tuple[int, ...]]:
        """Days steps were set on at a session, with those steps' indexes.

        The last such day is one whose steps are partly done and partly open by now, when
        there is one: "last time we agreed" then has both to show. Steps set after it were
        typed into the plan without a session.
        """
        by_day: dict[dt.date, list[int]] = {}
        start = self.cal.starts(first_year)
        for index, step in enumerate(self.steps):
            if not step.created_on:
                continue
            day = dt.date.fromisoformat(step.created_on)
            if start <= day <= self.today and self._in_term(day):
                by_day.setdefault(day, []).append(index)
        mixed = [
            day
            for day, indexes in by_day.items()
            if any(self.steps[i].status == "done" for i in indexes)
            and any(self.steps[i].is_open for i in indexes)
        ]
        last = max(mixed, default=None)
        agreed: dict[dt.date, tuple[int, ...]] = {}
        for day in sorted(by_day):
            if last is not None and day > last:
                break
            # Counselors meet on school days; the plans set some goals on a weekend, and the
            # one day that makes "last time we agreed" worth showing is kept even then.
            if day == last or (day.weekday() < 5 and self.rng.random() < LINK_RATE):
                agreed[day] = tuple(by_day[day])
        return agreed

    def _review(
        self, checkpoint: Checkpoint, agreed: Mapping[dt.date, object], all_held: bool
    ) -> _Planned | None:
        """When the checkpoint's review was held, if it was (and by today)."""
        rng = self.rng
        low, high = self._window(checkpoint)
        draw = rng.random()
        day: dt.date | None
        how = ""
        if draw < MISSED_RATE:
            day = None
        elif draw < MISSED_RATE + LATE_RATE:
            late = checkpoint.due_on + dt.timedelta(days=LATE_DAYS[0])
            end = self.cal.ends(checkpoint.school_year)
            day = _between(rng, min(late, end), min(late + dt.timedelta(days=LATE_DAYS[1]), end))
            how = "late"
        else:
            set_then = [d for d in agreed if low <= d <= high and d not in self.taken]
            if set_then and rng.random() < SET_AT_REVIEW_RATE:
                day = rng.choice(set_then)
            else:
                day = _between(rng, low, high)
        if all_held and (day is None or day > self.today):
            start = self.cal.starts(self.year_now) + dt.timedelta(days=7)
            day = _between(rng, start, self.today)
            if day < checkpoint.opens_on:
                how = "early"
            elif day > checkpoint.due_on:
                how = "late"
        if day is None or day > self.today:
            return None  # missed, or not held yet: the dashboard shows it due or overdue
        day = self._free(day)
        if day is None:
            return None
        purpose = ""
        if checkpoint.kind == "transition":
            if checkpoint.grade == self.cal.final_grade:
                purpose = "final_12" if checkpoint.grade == "12" else "final_other"
            else:
                purpose = f"entering_{checkpoint.grade}"
        return _Planned(day, checkpoint.kind, checkpoint.school_year, purpose, how)

    def _window(self, checkpoint: Checkpoint) -> tuple[dt.date, dt.date]:
        """The days a review on time falls on: not in the first days of school, though."""
        settle = 3 if checkpoint.kind == "transition" and checkpoint.grade != "12" else 7
        low = checkpoint.opens_on
        if low == self.cal.starts(checkpoint.school_year):
            low += dt.timedelta(days=settle)
        return min(low, checkpoint.due_on), checkpoint.due_on

    def _in_term(self, day: dt.date) -> bool:
        """Whether school is in on ``day`` (not the summer break)."""
        return day <= self.cal.ends(self.cal.year_of(day))

    def _day_in(self, year: int) -> dt.date | None:
        """A school day of ``year`` with no session yet, by today; None in the first days of the
        school year."""
        low = self.cal.starts(year) + dt.timedelta(days=5)
        high = min(self.cal.ends(year), self.today)
        if high < low:
            return None
        return self._free(_between(self.rng, low, high))

    def _free(self, day: dt.date) -> dt.date | None:
        """``day``, or the nearest school day after it with no session, by today; None if
        there is none within a week."""
        for _ in range(8):
            if day > self.today:
                break
            if day.weekday() < 5 and day not in self.taken and self._in_term(day):
                self.taken.add(day)
                return day
            day += dt.timedelta(days=1)
        return None

    # One session ------------------------------------------------------------------------------
    def _session(
        self, item: _Planned, step_indexes: tuple[int, ...], last_review: dt.date | None
    ) -> DemoSession:
        rng = self.rng
        s = self.student
        on = item.day.isoformat()
        kind = "one_on_one"
        family: list[Guardian] = []
        if item.review and s.guardians and rng.random() < CONFERENCE_RATE:
            kind = "conference"
            count = 2 if len(s.guardians) > 1 and rng.random() < BOTH_GUARDIANS_RATE else 1
            family = list(s.guardians[:count])
        attendees = []
        if kind != "conference" or rng.random() >= STUDENT_AWAY_RATE:
            attendees.append(Attendee("student", self.display_name))
        attendees += [Attendee("guardian", g.name) for g in family]
        attendees.append(Attendee("counselor", s.counselor))
        acks: tuple[Acknowledgement, ...] = ()
        snapshot = None
        if item.review:
            acks = self._acknowledgements(item.day, kind, family)
            grade = grade_in_year(s.grade, self.year_now, self.cal.year_of(item.day)) or s.grade
            snapshot = self._snapshot(item.day, grade)
        session = Session(
            held_on=on,
            kind=kind,
            attendees=tuple(attendees),
            notes=self._notes(item, family, step_indexes, last_review),
            review=item.review,
            review_year=item.year if item.review not in ("", "adhoc") else None,
            created_on=on,
            updated_on=on,
            acknowledgements=acks,
        )
        return DemoSession(session, step_indexes, snapshot)

    def _acknowledgements(
        self, day: dt.date, kind: str, family: Sequence[Guardian]
    ) -> tuple[Acknowledgement, ...]:
        rng = self.rng
        s = self.student
        if rng.random() >= ACK_RATE:
            return ()
        on = day.isoformat()
        acks = []
        if rng.random() < STUDENT_ACK_RATE:
            acks.append(Acknowledgement("student", on, self.display_name))
        guardian = family[0] if family else (s.guardians[0] if s.guardians else None)
        if guardian is not None and rng.random() < FAMILY_ACK_RATE[kind]:
            signed = day
            paper = rng.random() < ON_PAPER_RATE[kind]
            if paper:
                signed += dt.timedelta(days=rng.randint(*PAPER_BACK_DAYS))
            if signed <= self.today:  # a copy not back yet is not acknowledged yet
                acks.append(Acknowledgement("guardian", signed.isoformat(), guardian.name, paper))
        if rng.random() < COUNSELOR_ACK_RATE:
            acks.append(Acknowledgement("counselor", on, s.counselor))
        return tuple(acks)

    def _notes(
        self,
        item: _Planned,
        family: Sequence[Guardian],
        step_indexes: tuple[int, ...],
        last_review: dt.date | None,
    ) -> str:
        """One to three sentences about the session, from what the plan held that day."""
        rng = self.rng
        on = item.day.isoformat()
        goals = [g for g in self.plan.goals if g.created_on <= on]
        fill: dict[str, str] = {"name": self.name}
        if family:
            fill["guardian"] = " and ".join(g.name for g in family)
        elif self.student.guardians:
            fill["guardian"] = self.student.guardians[0].name
        else:
            fill["guardian"] = "The family"
        set_today = [g for g in goals if g.created_on == on and g.steps]
        if set_today:
            fill["goal"] = _sentence_part(rng.choice(set_today).statement)
        elif goals:
            fill["goal"] = _sentence_part(rng.choice(goals).statement)
        since = last_review.isoformat() if last_review else ""
        done = [s for s in self.steps if s.done_on and since < s.done_on <= on]
        if done:
            fill["done_step"] = _sentence_part(rng.choice(done).what)
            fill["done_count"] = f"{len(done)} step{'s' if len(done) > 1 else ''}"
        still = [s for s in self.steps if s.created_on <= on and (s.is_open or s.done_on > on)]
        if still:
            fill["open_step"] = _sentence_part(rng.choice(still).what)
        careers = [e for e in self.shortlist if e.added_on and e.added_on <= on]
        if careers:
            fill["career"] = _career_words(rng.choice(careers).title)

        if step_indexes and not item.review:
            opening = "set_goal" if "goal" in fill and set_today else "check_in"
        elif item.review == "transition":
            opening = item.purpose if item.purpose in OPENINGS else "fall"
        elif item.review:
            opening = item.review
        else:
            opening = "check_in"
        first = _choose(rng, OPENINGS[opening], fill)
        sentences = [first.format_map(fill)]
        if item.how == "early":
            sentences.append(_fill(rng, EARLY, fill))
        elif item.how == "late" and rng.random() < REASON_RATE:
            sentences.append(_fill(rng, LATE, fill))
        if family and rng.random() < 0.6:
            sentences.append(_fill(rng, CONFERENCE, fill))
        extra = _pick(rng, EXTRA_SENTENCES)
        # Each goal, step or career is named once: a sentence about the goal just named is left
        # out.
        named = {f for f in _FIELDS[first] if f != "name"}
        bank = [t for t in BODY if _FIELDS[t] <= fill.keys() and not _FIELDS[t] & named]
        for text in rng.sample(bank, min(extra, len(bank), 3 - len(sentences))):
            sentences.append(text.format_map(fill))
        return " ".join(sentences)

    # The plan as it stood -------------------------------------------------------------------------
    def _snapshot(self, day: dt.date, grade: str) -> dict[str, Any]:
        """The plan as it stood on ``day``, rebuilt from the plan as it stands today."""
        on = day.isoformat()
        plan = self.plan
        goals = [self._goal_then(g, on) for g in plan.goals if g.created_on <= on]
        code, inventory_on = self._interest_then(on)
        supports: list[str] = []
        if self.checklists is not None:
            supports = [
                self.checklists.text(support)
                for support in self.profile.supports
                if support.since <= on and (not support.ended_on or support.ended_on > on)
            ]
        return take_snapshot(
            taken_on=on,
            student=replace(self.student, grade=grade),
            goals=goals,
            other_steps=[_step_then(s, on) for s in plan.plan_steps if s.created_on <= on],
            baselines=[b for b in plan.baselines if (b.recorded_on or b.as_of) <= on],
            assessments=[a for a in plan.assessments if (a.recorded_on or a.taken_on) <= on],
            shortlist=[e for e in self.shortlist if e.added_on <= on],
            interest_code=code,
            inventory_on=inventory_on,
            postsecondary=plan.postsecondary,
            supports=supports,
        )

    def _goal_then(self, goal: Goal, on: str) -> Goal:
        """A goal as it stood on ``on``: one closed since was still on track then."""
        status, reason = goal.status, goal.dropped_reason
        if status in CLOSED_GOAL and _closed_on(goal) > on:
            status, reason = "on_track", ""
        return replace(
            goal,
            status=status,
            dropped_reason=reason,
            notes=tuple(n for n in goal.notes if n.noted_on <= on),
            steps=tuple(_step_then(s, on) for s in goal.steps if s.created_on <= on),
        )

    def _interest_then(self, on: str) -> tuple[str | None, str]:
        """The code and date of the latest inventory finished by ``on``."""
        for position, attempt in enumerate(self.profile.finished_attempts):
            finished = (attempt.finished_at or "")[:10]
            if finished and finished <= on:
                return self._code(position, attempt), finished
        return None, ""

    def _code(self, position: int, attempt: InventoryAttempt) -> str | None:
        if self.inventory is None:
            return None
        if position not in self.codes:  # scoring takes a moment: once per attempt
            self.codes[position] = attempt.result(self.inventory).code
        return self.codes[position]


# --- Small helpers --------------------------------------------------------------------------------


def _step_then(step: ActionStep, on: str) -> ActionStep:
    """A step as it stood on ``on``: one done since was in progress, one dropped since (before
    its due date) still to do."""
    if step.status == "done" and step.done_on > on:
        return replace(step, status="in_progress", done_on="")
    if step.status == "dropped" and step.due_on > on:
        return replace(step, status="to_do")
    return step


def _closed_on(goal: Goal) -> str:
    """About when a closed goal was closed: its last note or its last step done."""
    return max([goal.updated_on, *(s.done_on for s in goal.steps)])


def _between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A weekday from ``low`` to ``high`` (a weekend day when there is none)."""
    day = low + dt.timedelta(days=rng.randint(0, max(0, (high - low).days)))
    if day.weekday() < 5:
        return day
    friday = day - dt.timedelta(days=day.weekday() - 4)
    monday = day + dt.timedelta(days=7 - day.weekday())
    if friday >= low:
        return friday
    return monday if monday <= high else day


def _career_words(title: str) -> str:
    """A career title as it reads inside a sentence: "Registered Nurses" -> "registered nurses"."""
    words = title.split(",")[0].split()
    return " ".join(w if w.isupper() else w.lower() for w in words)


def _sentence_part(text: str) -> str:
    """A step as it reads inside a sentence: as typed, without its full stop."""
    return text.strip().rstrip(".")


def _choose(rng: random.Random, texts: Sequence[str], fill: Mapping[str, str]) -> str:
    """One of ``texts`` that ``fill`` has every field for (the first when none has)."""
    usable = [t for t in texts if _FIELDS[t] <= fill.keys()]
    return rng.choice(usable) if usable else texts[0]


def _fill(rng: random.Random, texts: Sequence[str], fill: Mapping[str, str]) -> str:
    return rng.choice(texts).format_map(fill)


def _pick(rng: random.Random, weights: Mapping[K, float]) -> K:
    names = list(weights)
    return rng.choices(names, [weights[n] for n in names])[0]
