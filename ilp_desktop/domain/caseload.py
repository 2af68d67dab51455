"""The counselor's caseload at a glance: who needs a review, whose plan needs attention.

The store reads a few facts per student in bulk (StudentFacts); the rules here turn them into the
dashboard's lists and the compliance export's rows. Archived students are not in a caseload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .grades import grade_order
from .reviews import (
    REVIEW_KIND_LABELS,
    Checkpoint,
    HeldReview,
    due_this_month,
    last_held,
    next_due,
    overdue,
    schedule,
)
from .school_year import SchoolCalendar, year_label


@dataclass(frozen=True)
class StudentFacts:
    """What the dashboard needs to know about one student, read in bulk by the store."""

    student_id: int
    sis_id: str
    name: str  # the name to call the student by
    sort_name: str
    grade: str
    counselor: str = ""
    last_name: str = ""  # as on the roster (the export lists legal names)
    first_name: str = ""
    goals: int = 0
    open_goals: int = 0
    open_steps: int = 0
    overdue_steps: int = 0
    latest_inventory_on: str = ""  # ISO date of the latest finished inventory
    held: tuple[HeldReview, ...] = ()
    last_session_on: str = ""
    family_ack_dates: tuple[str, ...] = ()  # when a parent or guardian acknowledged a review


@dataclass(frozen=True)
class CaseloadRow:
    facts: StudentFacts
    checkpoints: tuple[Checkpoint, ...]  # this school year's
    last_review_on: str
    next_due: Checkpoint | None
    overdue: tuple[Checkpoint, ...]
    due_this_month: tuple[Checkpoint, ...]
    family_ack_on: str  # the latest family acknowledgement this school year, "" if none

    @property
    def student_id(self) -> int:
        return self.facts.student_id


@dataclass(frozen=True)
class CaseloadList:
    key: str
    title: str
    description: str
    includes: Callable[[CaseloadRow], bool]


LISTS: tuple[CaseloadList, ...] = (
    CaseloadList(
        "due_this_month",
        "Reviews due this month",
        "A checkpoint review falls due before the end of this month and has not been held.",
        lambda row: bool(row.due_this_month),
    ),
    CaseloadList(
        "overdue_reviews",
        "Overdue reviews",
        "A checkpoint review of this school year is past its due date and was not held.",
        lambda row: bool(row.overdue),
    ),
    CaseloadList(
        "no_goals",
        "No open goals",
        "No goal in the plan is being worked on (none set, or all done or dropped).",
        lambda row: row.facts.open_goals == 0,
    ),
    CaseloadList(
        "overdue_steps",
        "Overdue steps",
        "At least one action step is past its date and not done.",
        lambda row: row.facts.overdue_steps > 0,
    ),
    CaseloadList(
        "no_inventory",
        "No interest inventory",
        "The student has not finished an interest inventory yet.",
        lambda row: not row.facts.latest_inventory_on,
    ),
    CaseloadList(
        "no_family_ack",
        "No family acknowledgement this year",
        "No parent or guardian has acknowledged a review of the plan this school year.",
        lambda row: not row.family_ack_on,
    ),
)
LIST_KEYS: tuple[str, ...] = tuple(item.key for item in LISTS)


def caseload_list(key: str) -> CaseloadList:
    for item in LISTS:
        if item.key == key:
            return item
    raise KeyError(key)


def caseload_rows(
    facts: Iterable[StudentFacts], today: dt.date, calendar: SchoolCalendar
) -> list[CaseloadRow]:
    """One row per student, in roster order (last name, first name)."""
    year = calendar.year_of(today)
    year_start = calendar.starts(year).isoformat()
    year_end = calendar.starts(year + 1).isoformat()
    rows = []
    for fact in facts:
        checkpoints = tuple(schedule(fact.grade, today, calendar, fact.held))
        latest = last_held(fact.held)
        this_year = [d for d in fact.family_ack_dates if year_start <= d < year_end]
        rows.append(
            CaseloadRow(
                facts=fact,
                checkpoints=checkpoints,
                last_review_on=latest.held_on if latest else "",
                next_due=next_due(checkpoints, today),
                overdue=tuple(overdue(checkpoints, today)),
                due_this_month=tuple(due_this_month(checkpoints, today)),
                family_ack_on=max(this_year, default=""),
            )
        )
    rows.sort(key=lambda row: (row.facts.sort_name.casefold(), row.facts.sis_id))
    return rows


def filtered(
    rows: Iterable[CaseloadRow], *, grade: str | None = None, counselor: str | None = None
) -> list[CaseloadRow]:
    """The rows of one grade and/or one counselor ("" = students with no counselor set)."""
    return [
        row
        for row in rows
        if (grade is None or row.facts.grade == grade)
        and (counselor is None or row.facts.counselor == counselor)
    ]


def counts(rows: Sequence[CaseloadRow]) -> dict[str, int]:
    return {item.key: sum(1 for row in rows if item.includes(row)) for item in LISTS}


def grades_in(rows: Iterable[CaseloadRow]) -> list[str]:
    return sorted({row.facts.grade for row in rows}, key=grade_order)


def counselors_in(rows: Iterable[CaseloadRow]) -> list[str]:
    return sorted({row.facts.counselor for row in rows}, key=str.casefold)


def review_text(row: CaseloadRow, today: dt.date) -> str:
    """What the review schedule asks of this student now, in a few words."""
    if row.overdue:
        first = row.overdue[0]
        return f"{_short_title(first)} overdue since {_day(first.due_on)}"
    if row.next_due is not None:
        return f"{_short_title(row.next_due)} due {_day(row.next_due.due_on)}"
    return "All reviews held this school year"


def _short_title(checkpoint: Checkpoint) -> str:
    return REVIEW_KIND_LABELS.get(checkpoint.kind, checkpoint.kind)


def _day(day: dt.date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


# --- The compliance export ---------------------------------------------------------------------

# (column, what it holds): docs/compliance-export.md explains each; a test keeps the two in step.
COMPLIANCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("sis_id", "The student's id in the student information system."),
    ("last_name", "Family name as on the roster."),
    ("first_name", "Given name as on the roster (legal name, not the preferred one)."),
    ("grade", "Current grade: K, 1-12 or PS."),
    ("counselor", "The counselor on the roster; empty when none is set."),
    ("school_year", "The school year the export describes, e.g. 2026-27."),
    ("last_review", "Date of the latest review held (any kind); empty when none."),
    ("reviews_this_year", "Checkpoint reviews held for this school year, e.g. fall;spring."),
    ("reviews_required", "Checkpoints this school year: fall, spring and any transition review."),
    ("next_review_due", "Due date of the next checkpoint not yet held; empty when all are held."),
    ("next_review", "Which checkpoint that is: transition, fall or spring."),
    ("overdue_reviews", "How many of this year's checkpoints are past due and not held."),
    ("goals", "Goals in the plan, in any status."),
    ("open_goals", "Goals not done or dropped."),
    ("open_steps", "Action steps to do or in progress."),
    ("overdue_steps", "Open action steps whose date has passed."),
    ("latest_inventory", "Date of the latest finished interest inventory; empty when none."),
    ("family_acknowledged", "yes when a parent or guardian acknowledged a review this year."),
    ("family_acknowledged_on", "Date of that acknowledgement (the latest this year)."),
    ("last_session", "Date of the latest session of any kind; empty when none."),
)


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (a name typed as "=1+2" stays text)."""
    if cell[:1] in ("=", "+", "@", "\t", "\r") or (
        cell[:1] == "-" and not cell[1:].replace(".", "", 1).isdigit()
    ):
        return "'" + cell
    return cell


def compliance_csv(table: Sequence[Sequence[str]]) -> str:
    """The table as CSV text (comma-separated, CRLF line ends as spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def compliance_table(
    rows: Sequence[CaseloadRow], today: dt.date, calendar: SchoolCalendar
) -> list[list[str]]:
    """The export as rows of text, header first."""
    year = calendar.year_of(today)
    label = year_label(year).replace("–", "-")  # an en dash trips some spreadsheet imports
    table = [[name for name, _ in COMPLIANCE_COLUMNS]]
    for row in rows:
        fact = row.facts
        held_this_year = [c.kind for c in row.checkpoints if c.held is not None]
        table.append(
            [
                fact.sis_id,
                fact.last_name,
                fact.first_name,
                fact.grade,
                fact.counselor,
                label,
                row.last_review_on,
                ";".join(held_this_year),
                ";".join(c.kind for c in row.checkpoints),
                row.next_due.due_on.isoformat() if row.next_due else "",
                row.next_due.kind if row.next_due else "",
                str(len(row.overdue)),
                str(fact.goals),
                str(fact.open_goals),
                str(fact.open_steps),
                str(fact.overdue_steps),
                fact.latest_inventory_on,
                "yes" if row.family_ack_on else "no",
                row.family_ack_on,
                fact.last_session_on,
            ]
        )
    return table
