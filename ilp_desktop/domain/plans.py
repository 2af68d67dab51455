"""The plan: where the student stands now, their goals, and the steps that lead there.

Current performance is kept as dated baselines (GPA, credits earned, attendance rate) and
assessment results; goals belong to one of four areas and carry dated progress notes; action
steps say what, who (a role and a name) and by when. Steps with no goal are the steps of the
postsecondary plan (applications, financial aid, admission tests).

Plain Python. Dates are ISO strings ("2026-09-14"); an empty string means "not given". The
rules take ``today`` as an argument so that tests and the demo decide what "overdue" means.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .dates import read_iso_date

AREAS: tuple[str, ...] = ("academic", "career", "personal", "postsecondary")
AREA_LABELS: dict[str, str] = {
    "academic": "Academic",
    "career": "Career",
    "personal": "Personal and social-emotional",
    "postsecondary": "Postsecondary",
}

GOAL_STATUSES: tuple[str, ...] = ("not_started", "on_track", "at_risk", "done", "dropped")
GOAL_STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "done": "Done",
    "dropped": "Dropped",
}
CLOSED_GOAL = frozenset({"done", "dropped"})

STEP_STATUSES: tuple[str, ...] = ("to_do", "in_progress", "done", "dropped")
STEP_STATUS_LABELS: dict[str, str] = {
    "to_do": "To do",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
CLOSED_STEP = frozenset({"done", "dropped"})

ROLES: tuple[str, ...] = (
    "student",
    "guardian",
    "teacher",
    "counselor",
    "tutor",
    "mentor",
    "other",
)
ROLE_LABELS: dict[str, str] = {
    "student": "Student",
    "guardian": "Parent or guardian",
    "teacher": "Teacher",
    "counselor": "Counselor",
    "tutor": "Tutor",
    "mentor": "Mentor",
    "other": "Other",
}

# What a step of the postsecondary plan is; "" for an ordinary step under a goal.
STEP_KINDS: tuple[str, ...] = (
    "",
    "application",
    "financial_aid",
    "admission_test",
    "visit",
    "other",
)
STEP_KIND_LABELS: dict[str, str] = {
    "": "",
    "application": "Application",
    "financial_aid": "Financial aid",
    "admission_test": "Admission test",
    "visit": "Visit or tour",
    "other": "Other step",
}

MAX_SHORT_TEXT = 200  # a name, an assessment's name, score or level
MAX_TEXT = 1000  # a goal's statement or measure, a step
MAX_NOTE = 2000  # a note: a paragraph or two
GPA_RANGE = (0.0, 5.0)  # weighted GPAs reach 5.0
CREDITS_RANGE = (0.0, 60.0)
# A goal statement shorter than this many words rarely says what will change.
SHORT_STATEMENT_WORDS = 5

_NUMBER = re.compile(r"\d")
_PUNCTUATION = re.compile(r"[^\w\s]+")


@dataclass(frozen=True)
class Baseline:
    """Where the student stood on one date."""

    as_of: str
    gpa: float | None = None
    credits: float | None = None
    attendance: float | None = None  # percent of school days attended
    note: str = ""
    recorded_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Assessment:
    """One assessment result: a state test, the PSAT, a reading screener."""

    name: str
    taken_on: str
    score: str = ""
    level: str = ""
    note: str = ""
    recorded_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ProgressNote:
    noted_on: str
    text: str
    goal_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ActionStep:
    """Something someone will do by a date.

    ``goal_id`` None: a step of the postsecondary plan, or (``general``) a step agreed at a
    session that belongs to no goal.
    """

    what: str
    role: str = "student"
    who_name: str = ""
    due_on: str = ""
    status: str = "to_do"
    done_on: str = ""
    kind: str = ""
    goal_id: int | None = None
    student_id: int | None = None
    created_on: str = ""
    updated_on: str = ""
    id: int | None = None
    session_id: int | None = None  # the session at which it was agreed, if any
    general: bool = False  # no goal, and not the postsecondary plan's: agreed at a session

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STEP

    def is_overdue(self, today: dt.date) -> bool:
        """Open and due before ``today`` (a step due today is not late yet)."""
        return self.is_open and bool(self.due_on) and self.due_on < today.isoformat()

    def who(self) -> str:
        """ "Teacher (Ms. Ortiz)", or the role alone when no name is given."""
        role = ROLE_LABELS.get(self.role, self.role)
        return f"{role} ({self.who_name})" if self.who_name else role


@dataclass(frozen=True)
class Goal:
    area: str
    statement: str
    measure: str = ""
    target_date: str = ""
    status: str = "not_started"
    dropped_reason: str = ""
    career_code: str = ""  # a shortlisted career this goal leads towards
    created_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None
    notes: tuple[ProgressNote, ...] = ()
    steps: tuple[ActionStep, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_GOAL

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and bool(self.target_date) and self.target_date < today.isoformat()

    def open_steps(self) -> list[ActionStep]:
        return [s for s in self.steps if s.is_open]


# --- Checks -----------------------------------------------------------------------------------


def _date_problem(
    problems: dict[str, str], key: str, text: str, today: dt.date | None, *, future_ok: bool
) -> dt.date | None:
    day, message = read_iso_date(text)
    if message:
        problems[key] = message
        return None
    assert day is not None
    if not future_ok and today is not None and day > today:
        problems[key] = f"{text} is in the future; enter the date it happened."
        return None
    return day


def _length(problems: dict[str, str], key: str, text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        problems[key] = f"Keep {what} under {limit:,} characters (it has {len(text):,})."


def _number(
    problems: dict[str, str],
    key: str,
    value: float | None,
    low: float,
    high: float,
    what: str,
) -> None:
    if value is None:
        return
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        problems[key] = f"Enter {what} as a number, for example {high / 2:g}."
    elif not low <= value <= high:
        problems[key] = f"Enter {what} between {low:g} and {high:g}."


def validate_baseline(baseline: Baseline, *, today: dt.date | None = None) -> dict[str, str]:
    """Check a baseline; return {field: message} in the counselor's words."""
    problems: dict[str, str] = {}
    if not baseline.as_of.strip():
        problems["as_of"] = "Enter the date these figures are from, as year-month-day."
    else:
        _date_problem(problems, "as_of", baseline.as_of, today, future_ok=False)
    _number(problems, "gpa", baseline.gpa, *GPA_RANGE, "the GPA")
    _number(problems, "credits", baseline.credits, *CREDITS_RANGE, "the credits earned")
    _number(problems, "attendance", baseline.attendance, 0, 100, "the attendance rate (percent)")
    if (
        baseline.gpa is None
        and baseline.credits is None
        and baseline.attendance is None
        and not baseline.note.strip()
        and not problems
    ):
        problems[""] = "Enter at least one of GPA, credits earned, attendance or a note."
    _length(problems, "note", baseline.note, MAX_NOTE, "the note")
    return problems


def validate_assessment(assessment: Assessment, *, today: dt.date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not assessment.name.strip():
        problems["name"] = "Enter the assessment's name, for example PSAT 10 or State math test."
    _length(problems, "name", assessment.name, MAX_SHORT_TEXT, "the name")
    if not assessment.taken_on.strip():
        problems["taken_on"] = "Enter the date of the assessment, as year-month-day."
    else:
        _date_problem(problems, "taken_on", assessment.taken_on, today, future_ok=False)
    if not assessment.score.strip() and not assessment.level.strip():
        problems["score"] = "Enter the score, the level, or both."
    _length(problems, "score", assessment.score, MAX_SHORT_TEXT, "the score")
    _length(problems, "level", assessment.level, MAX_SHORT_TEXT, "the level")
    _length(problems, "note", assessment.note, MAX_NOTE, "the note")
    return problems


def validate_goal(goal: Goal) -> dict[str, str]:
    """The rules a goal must meet to be saved. The SMART hints are advice, not rules."""
    problems: dict[str, str] = {}
    if goal.area not in AREAS:
        problems["area"] = (
            "Choose the goal's area: academic, career, personal and social-emotional, or "
            "postsecondary."
        )
    if not goal.statement.strip():
        problems["statement"] = "Write the goal in a sentence, in the student's words if you can."
    _length(problems, "statement", goal.statement, MAX_TEXT, "the goal")
    _length(problems, "measure", goal.measure, MAX_TEXT, "how progress is measured")
    if goal.target_date.strip():
        _date_problem(problems, "target_date", goal.target_date, None, future_ok=True)
    if goal.status not in GOAL_STATUSES:
        problems["status"] = "Choose the goal's status."
    elif goal.status == "dropped" and not goal.dropped_reason.strip():
        problems["dropped_reason"] = (
            "Say in a few words why the goal was dropped; the next review will want to know."
        )
    _length(problems, "dropped_reason", goal.dropped_reason, MAX_NOTE, "the reason")
    return problems


def validate_step(step: ActionStep, *, today: dt.date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not step.what.strip():
        problems["what"] = "Say what will be done, for example “Sign up for tutoring”."
    _length(problems, "what", step.what, MAX_TEXT, "the step")
    if step.role not in ROLES:
        problems["role"] = "Choose who does this step."
    elif step.role == "other" and not step.who_name.strip():
        problems["who_name"] = "Name the person who does this step."
    _length(problems, "who_name", step.who_name, MAX_SHORT_TEXT, "the name")
    if step.kind not in STEP_KINDS:
        problems["kind"] = "Choose what kind of step this is."
    if step.due_on.strip():
        _date_problem(problems, "due_on", step.due_on, None, future_ok=True)
    if step.status not in STEP_STATUSES:
        problems["status"] = "Choose the step's status."
    elif step.status == "done":
        if not step.done_on.strip():
            problems["done_on"] = "Enter the date the step was done."
        else:
            _date_problem(problems, "done_on", step.done_on, today, future_ok=False)
    elif step.done_on.strip():
        problems["done_on"] = "Only a step that is done has a date done; clear it or mark it done."
    return problems


def validate_note(note: ProgressNote, *, today: dt.date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not note.text.strip():
        problems["text"] = "Write what happened: progress, a setback, a change of plan."
    _length(problems, "text", note.text, MAX_NOTE, "the note")
    if not note.noted_on.strip():
        problems["noted_on"] = "Enter the date of the note, as year-month-day."
    else:
        _date_problem(problems, "noted_on", note.noted_on, today, future_ok=False)
    return problems


# --- Status rules -------------------------------------------------------------------------------


def with_status(step: ActionStep, status: str, today: dt.date) -> ActionStep:
    """The step with a new status: done gets today's date unless it has one, others lose it."""
    if status == "done":
        return replace(step, status=status, done_on=step.done_on or today.isoformat())
    return replace(step, status=status, done_on="")


def goal_with_status(goal: Goal, status: str, reason: str = "") -> Goal:
    """The goal with a new status; only a dropped goal keeps a reason."""
    return replace(goal, status=status, dropped_reason=reason if status == "dropped" else "")


# --- SMART hints --------------------------------------------------------------------------------

# Words that, with no number anywhere, usually mean "more" without saying how much.
_VAGUE = (
    "better",
    "more",
    "improve",
    "try",
    "work on",
    "work harder",
    "do well",
    "good",
)


def smart_hints(goal: Goal, today: dt.date) -> list[str]:
    """What keeps the goal from being specific, measurable and time-bound, as gentle advice.

    Never blocks a save: a goal in the student's rough words is still worth keeping.
    """
    if goal.status in CLOSED_GOAL:
        return []
    hints: list[str] = []
    statement = " ".join(goal.statement.split())
    measure = " ".join(goal.measure.split())
    if not measure:
        hints.append(
            "How will you both know it is working? Add how progress is measured, for example "
            "“grade in Algebra I on each progress report”."
        )
    if not goal.target_date:
        hints.append("Add a target date, so the goal has a point to check it by.")
    elif goal.target_date < today.isoformat():
        hints.append(
            "The target date has passed: mark the goal done, set a new date, or note what changed."
        )
    words = statement.split()
    # Punctuation as spaces, so "better!" and "(more" are found as words.
    lowered = f" {_PUNCTUATION.sub(' ', statement.casefold())} "
    if words and len(words) < SHORT_STATEMENT_WORDS:
        hints.append("Say a little more about what will change; a few more words make it specific.")
    elif (
        not _NUMBER.search(statement)
        and not _NUMBER.search(measure)
        and any(f" {word} " in lowered for word in _VAGUE)
    ):
        hints.append(
            "“Better” or “more” by how much? A number (a grade, a count, a percent) makes it "
            "measurable."
        )
    if goal.id is not None and not goal.steps:
        hints.append("Add a first action step: what happens next, and who does it.")
    return hints


# --- Views over the plan ------------------------------------------------------------------------


def steps_by_role(
    steps: Iterable[ActionStep], today: dt.date
) -> list[tuple[str, list[ActionStep]]]:
    """Every open step grouped by role (in ROLES order), overdue first, then by due date."""
    groups: dict[str, list[ActionStep]] = {role: [] for role in ROLES}
    for step in steps:
        if step.is_open and step.role in groups:
            groups[step.role].append(step)

    def order(step: ActionStep) -> tuple[bool, bool, str, str]:
        return (not step.is_overdue(today), not step.due_on, step.due_on, step.what.casefold())

    return [(role, sorted(found, key=order)) for role, found in groups.items() if found]


def all_steps(goals: Sequence[Goal], other_steps: Sequence[ActionStep] = ()) -> list[ActionStep]:
    """The steps under every goal, then the postsecondary plan's own steps."""
    return [step for goal in goals for step in goal.steps] + list(other_steps)


@dataclass(frozen=True)
class TrendPoint:
    on: str
    value: float


@dataclass(frozen=True)
class Trend:
    """One figure across the baselines, oldest first, with the change in words."""

    label: str
    points: tuple[TrendPoint, ...] = field(default=())
    unit: str = ""
    decimals: int = 1
    # The smallest range a chart of it should span, so a change of 0.05 GPA does not look
    # like a cliff.
    min_span: float = 1.0

    @property
    def latest(self) -> float | None:
        return self.points[-1].value if self.points else None

    def shown(self, value: float) -> str:
        return f"{value:.{self.decimals}f}{self.unit}"

    def change(self) -> str:
        """ "up 0.3 since 2025-09-15", "no change since …", or "" with fewer than two points."""
        if len(self.points) < 2:
            return ""
        first, last = self.points[0], self.points[-1]
        delta = round(last.value - first.value, self.decimals)
        if delta == 0:
            return f"no change since {first.on}"
        word = "up" if delta > 0 else "down"
        return f"{word} {abs(delta):.{self.decimals}f}{self.unit} since {first.on}"


def trends(baselines: Iterable[Baseline]) -> list[Trend]:
    """GPA, credits earned and attendance across the dated baselines, oldest first."""
    ordered = sorted(baselines, key=lambda b: b.as_of)

    def points(attr: str) -> tuple[TrendPoint, ...]:
        return tuple(
            TrendPoint(b.as_of, float(getattr(b, attr)))
            for b in ordered
            if getattr(b, attr) is not None
        )

    return [
        Trend("GPA", points("gpa"), "", 2, 1.0),
        Trend("Credits earned", points("credits"), "", 1, 6.0),
        Trend("Attendance", points("attendance"), "%", 1, 10.0),
    ]


def assessment_history(assessments: Iterable[Assessment]) -> dict[str, list[Assessment]]:
    """Each assessment's results, oldest first, keyed by name as first written."""
    by_name: dict[str, list[Assessment]] = {}
    names: dict[str, str] = {}
    for result in sorted(assessments, key=lambda a: (a.taken_on, a.name)):
        key = " ".join(result.name.split()).casefold()
        name = names.setdefault(key, result.name.strip())
        by_name.setdefault(name, []).append(result)
    return by_name
