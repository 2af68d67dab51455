"""The review schedule: which plan reviews a student is due, and which have been held.

Every student in K to 12 has a fall and a spring checkpoint each school year. Students in
grades 1 to 12 also have a transition review when entering grade 6, when entering grade 9, and
in their final year at the school (the calendar's final grade), about life after school.
Post-secondary students have no checkpoints.

A review the counselor holds counts for the checkpoint they choose, whenever it is held (a
spring review held in February of the year before still counts for it); an "adhoc" review counts
for no checkpoint but is still the last review held.

Plain Python; ``today`` is always passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .school_year import SchoolCalendar

CHECKPOINT_KINDS: tuple[str, ...] = ("transition", "fall", "spring")
REVIEW_KINDS: tuple[str, ...] = ("transition", "fall", "spring", "adhoc")
REVIEW_KIND_LABELS: dict[str, str] = {
    "transition": "Transition review",
    "fall": "Fall checkpoint",
    "spring": "Spring checkpoint",
    "adhoc": "Review (not scheduled)",
}
CHECKPOINT_STATUSES: tuple[str, ...] = ("done", "overdue", "due", "upcoming")
CHECKPOINT_STATUS_LABELS: dict[str, str] = {
    "done": "Done",
    "overdue": "Overdue",
    "due": "Due",
    "upcoming": "Upcoming",
}

# K to 12 in order; grade_in_year steps along it. "PS" is left out: a student who has left
# school has no checkpoints, and a grade 12 student's next year is not known.
_SCHOOL_GRADES: tuple[str, ...] = ("K", *(str(n) for n in range(1, 13)))
_ENTERING = frozenset({"6", "9"})
_KIND_ORDER = {kind: index for index, kind in enumerate(CHECKPOINT_KINDS)}


@dataclass(frozen=True)
class HeldReview:
    """A review the counselor held (a session marked as a review)."""

    session_id: int | None
    held_on: str  # ISO date
    kind: str  # one of REVIEW_KINDS
    school_year: int | None  # school year of the checkpoint it counts for; None for adhoc


@dataclass(frozen=True)
class Checkpoint:
    school_year: int
    kind: str  # transition | fall | spring
    grade: str  # the student's grade in that school year
    opens_on: dt.date  # from this day on it is "due"
    due_on: dt.date
    purpose: str  # "Entering grade 9", "Final year: life after school", "Fall checkpoint"
    held: HeldReview | None = None

    def status(self, today: dt.date) -> str:
        """done | overdue | due | upcoming; the due day itself is not overdue yet."""
        if self.held is not None:
            return "done"
        if today > self.due_on:
            return "overdue"
        if self.opens_on <= today:
            return "due"
        return "upcoming"

    @property
    def key(self) -> tuple[int, str]:
        return (self.school_year, self.kind)

    def title(self) -> str:
        """ "Transition review: entering grade 9", "Fall checkpoint", "Spring checkpoint"."""
        if self.kind != "transition":
            return REVIEW_KIND_LABELS[self.kind]
        subject = self.purpose.replace(": ", ", ")
        return f"{REVIEW_KIND_LABELS['transition']}: {subject[:1].lower()}{subject[1:]}"


def grade_in_year(grade_now: str, year_now: int, year: int) -> str | None:
    """The grade a student in ``grade_now`` during school year ``year_now`` was or will be in
    during ``year``, a grade a year; None when that falls outside K to 12."""
    if grade_now not in _SCHOOL_GRADES:
        return None
    index = _SCHOOL_GRADES.index(grade_now) + (year - year_now)
    if not 0 <= index < len(_SCHOOL_GRADES):
        return None
    return _SCHOOL_GRADES[index]


def final_year_purpose(final_grade: str) -> str:
    """What the final-year review is about: life after school for a school that ends at 12,
    the move to the next school otherwise."""
    if final_grade == "12":
        return "Final year: life after school"
    return f"Final year: moving on to grade {int(final_grade) + 1}"


def checkpoints_for_year(grade: str, year: int, cal: SchoolCalendar) -> list[Checkpoint]:
    """The checkpoints of school year ``year`` for a student in ``grade``, in date order."""
    return list(_checkpoints_for_year(grade, year, cal))


# The caseload asks for the same few (grade, year) pairs for every student of a school.
@functools.lru_cache(maxsize=256)
def _checkpoints_for_year(grade: str, year: int, cal: SchoolCalendar) -> tuple[Checkpoint, ...]:
    if grade not in _SCHOOL_GRADES:
        return ()
    starts = cal.starts(year)
    found = [
        Checkpoint(year, "fall", grade, starts, cal.date_in(year, cal.fall_due), "Fall checkpoint"),
        Checkpoint(
            year,
            "spring",
            grade,
            cal.date_in(year, cal.spring_opens),
            cal.date_in(year, cal.spring_due),
            "Spring checkpoint",
        ),
    ]
    # Only numbered grades have transition reviews, and only one a year: leaving the school
    # outweighs entering a grade in it.
    if grade == cal.final_grade and grade.isdigit():
        due = cal.date_in(year, cal.final_year_due)
        found.append(Checkpoint(year, "transition", grade, starts, due, final_year_purpose(grade)))
    elif grade in _ENTERING:
        due = cal.date_in(year, cal.transition_due)
        found.append(Checkpoint(year, "transition", grade, starts, due, f"Entering grade {grade}"))
    return tuple(sorted(found, key=_date_order))


def schedule(
    grade_now: str,
    today: dt.date,
    cal: SchoolCalendar,
    held: Sequence[HeldReview],
    *,
    years_back: int = 0,
    years_ahead: int = 0,
) -> list[Checkpoint]:
    """The checkpoints of the school year holding ``today`` (where the student is in
    ``grade_now``), with ``years_back`` earlier and ``years_ahead`` later years, each marked with
    the review held for it (the earliest, if several were)."""
    year_now = cal.year_of(today)
    counted: dict[tuple[int, str], HeldReview] = {}
    for review in sorted(held, key=lambda review: review.held_on):
        if review.kind in _KIND_ORDER and review.school_year is not None:
            counted.setdefault((review.school_year, review.kind), review)
    result: list[Checkpoint] = []
    for year in range(year_now - years_back, year_now + years_ahead + 1):
        grade = grade_in_year(grade_now, year_now, year)
        if grade is None:
            continue
        for checkpoint in checkpoints_for_year(grade, year, cal):
            result.append(replace(checkpoint, held=counted.get(checkpoint.key)))
    return result


def next_due(checkpoints: Sequence[Checkpoint], today: dt.date) -> Checkpoint | None:
    """The earliest checkpoint not yet held and not yet past its due date."""
    ahead = [c for c in checkpoints if c.held is None and c.due_on >= today]
    return min(ahead, key=_date_order, default=None)


def overdue(checkpoints: Sequence[Checkpoint], today: dt.date) -> list[Checkpoint]:
    """Checkpoints past their due date with no review held, oldest first."""
    return sorted((c for c in checkpoints if c.status(today) == "overdue"), key=_date_order)


def due_this_month(checkpoints: Sequence[Checkpoint], today: dt.date) -> list[Checkpoint]:
    """Checkpoints not yet held that fall due between today and the end of this month."""
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return sorted(
        (c for c in checkpoints if c.held is None and today <= c.due_on <= month_end),
        key=_date_order,
    )


def open_checkpoints(checkpoints: Sequence[Checkpoint], today: dt.date) -> list[Checkpoint]:
    """What a review held now could count for: every checkpoint not yet held, overdue first,
    then by due date."""
    return sorted(
        (c for c in checkpoints if c.held is None),
        key=lambda c: (c.status(today) != "overdue", *_date_order(c)),
    )


def suggested_checkpoint(checkpoints: Sequence[Checkpoint], today: dt.date) -> Checkpoint | None:
    """The checkpoint a review held today most likely counts for: the oldest overdue one, else
    the one due soonest, else the next upcoming one in this school year; None when none fits."""
    waiting = open_checkpoints(checkpoints, today)
    for status in ("overdue", "due"):
        for checkpoint in waiting:
            if checkpoint.status(today) == status:
                return checkpoint
    # This school year is the latest one that has begun: its fall checkpoint opens on day one.
    begun = [c.school_year for c in checkpoints if c.opens_on <= today]
    if not begun:
        return None
    this_year = max(begun)
    return next((c for c in waiting if c.school_year == this_year), None)


def last_held(held: Sequence[HeldReview]) -> HeldReview | None:
    """The most recent review held, scheduled or not; of two on one day, the later in ``held``."""
    latest: HeldReview | None = None
    for review in held:
        if latest is None or review.held_on >= latest.held_on:
            latest = review
    return latest


def _date_order(checkpoint: Checkpoint) -> tuple[dt.date, int]:
    return (checkpoint.due_on, _KIND_ORDER[checkpoint.kind])
