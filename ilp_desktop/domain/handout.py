"""What a conference handout tells a family about one student, decided before any layout.

A handout is one or two pages a family takes home from a parent conference. These rules choose
what goes on it (open goals before finished ones, next steps grouped by who does them, the
changes a family cares about since the last review) and cap each list so that a rich plan still
fits; the reports package only lays the choices out. Plain Python: no layout, no SQL, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .interests import Bilingual, InventoryResult, TypeInfo
from .plans import ActionStep, Assessment, Baseline, Goal, ProgressNote
from .reviews import Checkpoint
from .snapshots import Change
from .students import Student

# Who does a step, as a family reads it: the student, the family, or someone at school.
GROUPS: tuple[str, ...] = ("student", "family", "school")
_GROUP_OF_ROLE = {"student": "student", "guardian": "family"}

PAPER_SIZES: tuple[str, ...] = ("letter", "a4")

# Caps that keep a rich plan on two pages. Careers, goals, steps and changes left out are
# counted on the handout ("and 3 more"); only the newest results and current supports show.
MAX_CAREERS = 5
MAX_GOALS = 6
MAX_STEPS_PER_GROUP = 6
MAX_ASSESSMENTS = 3
MAX_SUPPORTS = 8
MAX_CHANGES = 6  # lines, each for one kind of change
MAX_PER_CHANGE_LINE = 3
MAX_NOTE_CHARS = 240  # a goal's latest progress note, cut at a word beyond this
# A handout that still runs past its pages loses one item a list, down to this many a list.
MIN_SHOWN = 2

_T = TypeVar("_T")

# The changes a family hears about, in this order; the counselor's finer detail (a goal
# reworded, a measure changed) stays in the app.
_FAMILY_CHANGES: tuple[str, ...] = (
    "goal_completed",
    "goal_added",
    "goal_status",
    "goal_dropped",
    "step_done",
    "career_added",
    "career_removed",
    "interest_taken",
    "interest_changed",
    "interest_again",
    "figures",
    "assessment",
    "pathway",
    "target_added",
)


def group_of(role: str) -> str:
    """ "student", "family" (a parent or guardian) or "school" (everyone else who helps)."""
    return _GROUP_OF_ROLE.get(role, "school")


@dataclass(frozen=True)
class SchoolDetails:
    """What the school prints at the top of every handout (kept in the settings)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    logo: bytes | None = None  # PNG or JPEG, as chosen by the counselor
    paper: str = "letter"  # one of PAPER_SIZES
    # How families reach each counselor, by the counselor's name as the roster spells it.
    counselor_contacts: Mapping[str, str] = field(default_factory=dict)

    def contact_for(self, counselor: str) -> str:
        return self.counselor_contacts.get(" ".join(counselor.split()), "")


def check_school_details(details: SchoolDetails) -> dict[str, str]:
    """Problems by field, in words for the counselor; empty when the details can be saved."""
    problems: dict[str, str] = {}
    if len(details.name) > 120:
        problems["name"] = "The school's name is too long (120 characters at most)."
    if len(details.address) > 200:
        problems["address"] = "The address is too long for one line (200 characters at most)."
    if len(details.phone) > 60:
        problems["phone"] = "The phone number is too long (60 characters at most)."
    if details.paper not in PAPER_SIZES:
        problems["paper"] = "Choose Letter or A4 paper."
    if details.logo is not None and len(details.logo) > 2_000_000:
        problems["logo"] = "The logo file is too large (2 MB at most); choose a smaller picture."
    for name, contact in details.counselor_contacts.items():
        if len(contact) > 200:
            problems["contacts"] = f"The contact for {name} is too long (200 characters at most)."
    return problems


@dataclass(frozen=True)
class Interests:
    """The latest interest inventory: six scores and what the code means, for the chart."""

    result: InventoryResult
    taken_on: str  # ISO date
    types: Mapping[str, TypeInfo]  # the six types' names and plain descriptions

    @property
    def top(self) -> tuple[str, ...]:
        """The code's letters, strongest first (empty when there is no code)."""
        return tuple(self.result.code or "")

    def name(self, letter: str, lang: str) -> str:
        return self.types[letter].name.get(lang)


@dataclass(frozen=True)
class CareerFacts:
    """What a handout needs to know about a career beyond the shortlist's title."""

    letters: str = ""  # interest code, strongest first
    title_es: str = ""


@dataclass(frozen=True)
class CareerLine:
    """A shortlisted career and one line on why: the student's words, or the shared interests."""

    title: str
    why: str = ""  # as the student said it (user text)
    shared: tuple[str, ...] = ()  # interest letters the career and the student share
    title_es: str = ""  # the library's Spanish title, when it has one

    def title_in(self, lang: str) -> str:
        return self.title_es if lang == "es" and self.title_es else self.title


@dataclass(frozen=True)
class GoalLine:
    goal: Goal
    steps_done: int
    steps_total: int
    latest_note: ProgressNote | None
    overdue: bool

    @property
    def progress(self) -> float | None:
        """Share of the goal's steps done (dropped steps left out); None with no steps."""
        if self.steps_total == 0:
            return 1.0 if self.goal.status == "done" else None
        return self.steps_done / self.steps_total


@dataclass(frozen=True)
class StepLine:
    step: ActionStep
    overdue: bool


@dataclass(frozen=True)
class StepGroup:
    group: str  # one of GROUPS
    steps: tuple[StepLine, ...]
    more: int  # open steps left off the handout


@dataclass(frozen=True)
class ChangeLine:
    """Changes of one kind in one line: "Done: A; B; C" (subjects as typed)."""

    key: str  # one of snapshots.CHANGE_KEYS
    subjects: tuple[str, ...]  # empty for a change about nothing typed (the interest survey)
    value: str = ""  # a goal's new status, a pathway
    more: int = 0  # further subjects of this kind left off the line


@dataclass(frozen=True)
class ReviewChanges:
    """What changed since the last review, as a family hears it."""

    held_on: str  # ISO date of the last review
    lines: tuple[ChangeLine, ...]
    more: int  # lines left off the handout


@dataclass(frozen=True)
class Handout:
    """Everything one student's handout shows, chosen and ordered."""

    student: Student
    today: dt.date
    school: SchoolDetails
    interests: Interests | None
    careers: tuple[CareerLine, ...]
    more_careers: int
    baseline: Baseline | None
    assessments: tuple[Assessment, ...]
    goals: tuple[GoalLine, ...]
    more_goals: int
    steps: tuple[StepGroup, ...]
    supports: tuple[Bilingual, ...]
    pathway: str  # a key of postsecondary.PATHWAYS; "" when not chosen or undecided
    aspiration: str  # the student's own words
    next_review: Checkpoint | None
    last_review: ReviewChanges | None

    @property
    def counselor_contact(self) -> str:
        return self.school.contact_for(self.student.counselor)

    def user_texts(self) -> list[str]:
        """Every piece of text typed by someone, to check that the fonts can draw it all."""
        s = self.student
        texts = [s.first_name, s.last_name, s.preferred_name, s.counselor, self.counselor_contact]
        texts += [self.school.name, self.school.address, self.school.phone, self.aspiration]
        for career in self.careers:
            texts += [career.title, career.why]
        if self.baseline is not None:
            texts.append(self.baseline.note)
        for assessment in self.assessments:
            texts += [assessment.name, assessment.score, assessment.level]
        for line in self.goals:
            texts += [line.goal.statement, line.goal.measure]
            if line.latest_note is not None:
                texts.append(line.latest_note.text)
        for group in self.steps:
            for step in group.steps:
                texts += [step.step.what, step.step.who_name]
        for support in self.supports:
            texts.append(support.en)
        if self.last_review is not None:
            texts += [text for line in self.last_review.lines for text in line.subjects]
        return [text for text in texts if text]


# --- Choosing -----------------------------------------------------------------------------------


def career_lines(
    entries: Sequence[tuple[str, str, str]], student_code: str, careers: Mapping[str, CareerFacts]
) -> list[CareerLine]:
    """``entries`` are (O*NET code, title, why) in the shortlist's order.

    A career the library does not know shares no interests and keeps its English title.
    """
    lines = []
    for code, title, why in entries:
        facts = careers.get(code, CareerFacts())
        shared = tuple(letter for letter in student_code if letter in facts.letters)
        lines.append(
            CareerLine(
                title=title or code,
                why=" ".join(why.split()),
                shared=shared,
                title_es=facts.title_es,
            )
        )
    return lines


def _goal_order(goal: Goal) -> tuple[int, str, str]:
    rank = {"at_risk": 0, "on_track": 1, "not_started": 2, "done": 3}.get(goal.status, 4)
    return (rank, goal.target_date or "9999", goal.statement.casefold())


def goal_lines(goals: Iterable[Goal], today: dt.date, since: str = "") -> list[GoalLine]:
    """Open goals (at risk first), then goals done since ``since`` (the last review, ISO date).

    Dropped goals and goals finished before the last review stay in the app.
    """
    chosen = []
    for goal in goals:
        if goal.status == "dropped":
            continue
        if goal.status == "done" and since and (goal.updated_on or goal.created_on) < since:
            continue
        counted = [s for s in goal.steps if s.status != "dropped"]
        notes = sorted(goal.notes, key=lambda n: (n.noted_on, n.id or 0))
        chosen.append(
            GoalLine(
                goal=goal,
                steps_done=sum(s.status == "done" for s in counted),
                steps_total=len(counted),
                latest_note=notes[-1] if notes else None,
                overdue=goal.is_overdue(today),
            )
        )
    return sorted(chosen, key=lambda line: _goal_order(line.goal))


def step_groups(steps: Iterable[ActionStep], today: dt.date, cap: int) -> list[StepGroup]:
    """Open steps by who does them (student, family, school): overdue first, then by due date."""
    found: dict[str, list[ActionStep]] = {group: [] for group in GROUPS}
    for step in steps:
        if step.is_open:
            found[group_of(step.role)].append(step)

    def order(step: ActionStep) -> tuple[bool, bool, str, str]:
        return (not step.is_overdue(today), not step.due_on, step.due_on, step.what.casefold())

    groups = []
    for group, open_steps in found.items():
        if not open_steps:
            continue
        ordered = sorted(open_steps, key=order)
        groups.append(
            StepGroup(
                group=group,
                steps=tuple(StepLine(s, s.is_overdue(today)) for s in ordered[:cap]),
                more=max(0, len(ordered) - cap),
            )
        )
    return groups


def family_changes(
    held_on: str, changes: Sequence[Change], cap: int, per_line: int = MAX_PER_CHANGE_LINE
) -> ReviewChanges:
    """The changes a family hears about, most telling first: one line per kind (and new
    status), at most ``cap`` lines of at most ``per_line`` subjects each."""
    order = {key: index for index, key in enumerate(_FAMILY_CHANGES)}
    grouped: dict[tuple[str, str], list[str]] = {}
    for change in sorted((c for c in changes if c.key in order), key=lambda c: order[c.key]):
        if change.key == "pathway" and change.value == "undecided":
            continue  # "now thinking about: undecided" tells a family nothing
        # A goal's new status tells lines apart ("Now on track", "Now needs attention").
        value = change.value if change.key in ("goal_status", "pathway") else ""
        subjects = grouped.setdefault((change.key, value), [])
        if change.subject and not change.key.startswith("interest_"):
            subjects.append(change.subject)
    lines = [
        ChangeLine(key, tuple(subjects[:per_line]), value, max(0, len(subjects) - per_line))
        for (key, value), subjects in grouped.items()
    ]
    return ReviewChanges(held_on=held_on, lines=tuple(lines[:cap]), more=max(0, len(lines) - cap))


def with_shorter_lists(handout: Handout) -> Handout | None:
    """The handout with one item fewer in each list longer than MIN_SHOWN, counted in that
    list's "and N more" line: for a handout that ran past its pages. None when no list can be
    cut any further."""

    def cut(items: tuple[_T, ...], more: int) -> tuple[tuple[_T, ...], int]:
        return (items[:-1], more + 1) if len(items) > MIN_SHOWN else (items, more)

    careers, more_careers = cut(handout.careers, handout.more_careers)
    goals, more_goals = cut(handout.goals, handout.more_goals)
    steps = []
    for group in handout.steps:
        lines, more = cut(group.steps, group.more)
        steps.append(replace(group, steps=lines, more=more))
    last = handout.last_review
    if last is not None:
        lines, more = cut(last.lines, last.more)
        last = replace(last, lines=lines, more=more)
    shorter = replace(
        handout,
        careers=careers,
        more_careers=more_careers,
        goals=goals,
        more_goals=more_goals,
        steps=tuple(steps),
        last_review=last,
    )
    return None if shorter == handout else shorter


def latest_baseline(baselines: Iterable[Baseline]) -> Baseline | None:
    ordered = sorted(baselines, key=lambda b: (b.as_of, b.id or 0))
    return ordered[-1] if ordered else None


def latest_assessments(assessments: Iterable[Assessment], cap: int) -> list[Assessment]:
    """The newest result of each assessment, newest first."""
    newest: dict[str, Assessment] = {}
    for a in sorted(assessments, key=lambda a: (a.taken_on, a.id or 0)):
        newest[" ".join(a.name.casefold().split())] = a
    return sorted(newest.values(), key=lambda a: a.taken_on, reverse=True)[:cap]


HANDOUT_LANGUAGES: tuple[str, ...] = ("en", "es")  # English first: the fallback
_SPANISH = frozenset({"spanish", "español", "espanol", "castellano", "es"})


def family_language(student: Student) -> str:
    """The handout language for this family: the first of the home's languages on the roster
    (the student's, then each guardian's) that a handout comes in, "es" or "en"; English when
    neither is listed. The counselor can always choose the other one.
    """
    spoken = [*student.family_languages, *(g.language for g in student.guardians)]
    for language in spoken:
        folded = " ".join(language.casefold().split())
        if folded in _SPANISH:
            return "es"
        if folded in ("english", "inglés", "ingles", "en"):
            return "en"
    return "en"
