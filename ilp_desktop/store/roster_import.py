"""Importing an SIS roster: the rows matched to the students by SIS id, then all written or none.

A row whose SIS id is already in the database updates that student in the fields the file
carries (blank cells and columns the file does not have leave what is there); any other row
adds a student. Before anything is written, every row is checked and the database is backed
up; the write is one transaction. See docs/roster-import.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.roster_csv import (
    Mapping,
    ParsedRoster,
    RosterRecord,
    RosterTable,
    RowProblem,
    guess_mapping,
    header_key,
    mapping_problem,
    parse_roster,
    usable_mapping,
)
from ..domain.students import Student, normalized
from ..domain.text import fold
from .backups import backup_before_import
from .db import Store
from .errors import StoreError
from .settings import SettingsStore
from .students import StudentStore

MAPPING_SETTING = "roster_import_mapping"
MAPPINGS_KEPT = 20  # the layouts of a school's few exports, not every file ever seen
BACKUP_REASON = "before-roster-import"
_CHUNK = 500  # rows written between progress reports and checks for Cancel

Progress = Callable[[int, int], None]


class RosterRejectedError(StoreError):
    """Rows that cannot be imported; nothing was written. ``problems`` lists them by row."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        rows = "1 row needs" if count == 1 else f"{count} rows need"
        super().__init__(
            f"Nothing was imported: {rows} fixing first. The roster is unchanged. Row numbers "
            "are the spreadsheet's, with the header as row 1."
        )


class RosterCancelledError(StoreError):
    """The counselor pressed Cancel; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was changed.")


@dataclass
class RosterPlan:
    """What an import would do: students to add, students to update, rows that change nothing."""

    added: list[Student] = field(default_factory=list)
    updated: list[Student] = field(default_factory=list)  # with their ids, as they will be
    unchanged: int = 0
    restored: int = 0  # archived students the file brings back (among ``updated``)
    previous: dict[int, Student] = field(default_factory=dict)  # the updated, as they were
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> RosterSummary:
        return RosterSummary(len(self.added), len(self.updated), self.unchanged, self.restored)


@dataclass(frozen=True)
class RosterSummary:
    added: int
    updated: int
    unchanged: int
    restored: int = 0

    def sentence(self, *, dry_run: bool = False) -> str:
        """ "Added 12, updated 30, left 3 unchanged." (or "Would add …" for a dry run)"""
        if dry_run:
            text = (
                f"Would add {self.added}, update {self.updated}, leave {self.unchanged} unchanged"
            )
        else:
            text = f"Added {self.added}, updated {self.updated}, left {self.unchanged} unchanged"
        if self.restored:
            were = "would be" if dry_run else "were"
            text += f" ({self.restored} of the updated {were} archived and are back on the roster)"
        return text + "."


# --- Matching rows to students ---------------------------------------------------------------


def plan_changes(records: Iterable[RosterRecord], existing: Iterable[Student]) -> RosterPlan:
    """Match each checked row to the students by SIS id: add, update, or leave unchanged.

    A row is refused (a problem) when its SIS id belongs to a student whose first and last
    names both differ from the row's (another child, or the name columns swapped), and when
    it differs from a student's SIS id only by leading zeros (Excel drops them).
    """
    plan = RosterPlan()
    by_sis_id = {s.sis_id: s for s in existing}
    unpadded: dict[str, Student] = {}
    for student in by_sis_id.values():
        if student.sis_id.isdigit():
            unpadded.setdefault(student.sis_id.lstrip("0"), student)
    for record in records:
        current = by_sis_id.get(record.sis_id)
        if current is None:
            twin = unpadded.get(record.sis_id.lstrip("0")) if record.sis_id.isdigit() else None
            if twin is not None:
                plan.problems.append(_leading_zeros(record, twin))
            else:
                plan.added.append(normalized(record.new_student()))
            continue
        if _other_person(record, current):
            plan.problems.append(_someone_else(record, current))
            continue
        changed = normalized(record.applied_to(current))
        if current.archived:
            changed.archived_at = ""  # they are on the school's roster again
        if changed == current:
            plan.unchanged += 1
        else:
            plan.updated.append(changed)
            plan.previous[changed.id] = current  # type: ignore[index]
            plan.restored += current.archived
    return plan


def _other_person(record: RosterRecord, student: Student) -> bool:
    """Both names differ (ignoring case and accents: many SIS exports drop them)."""
    last, first = record.values["last_name"], record.values["first_name"]
    if last == student.last_name or first == student.first_name:
        return False
    given = {fold(student.first_name), fold(student.preferred_name)} - {""}
    return fold(last) != fold(student.last_name) and fold(first) not in given


def _someone_else(record: RosterRecord, student: Student) -> RowProblem:
    named = record.new_student().full_name
    return RowProblem(
        record.row,
        f"SIS id {record.sis_id} belongs to {student.full_name} in ILP Desktop, but this row "
        f"names {named}. Check the SIS id, and that the first and last name columns are the "
        "right way round.",
        record.sis_id,
    )


def _leading_zeros(record: RosterRecord, student: Student) -> RowProblem:
    return RowProblem(
        record.row,
        f"SIS id {record.sis_id} is not in ILP Desktop, but {student.sis_id} "
        f"({student.full_name}) is: the ids differ only in leading zeros, which Excel drops "
        "when it opens and saves a CSV file. Export the roster from the SIS again and import "
        "it without saving it from Excel, or correct the SIS id of that student.",
        record.sis_id,
    )


# --- Checking and writing --------------------------------------------------------------------


def check_roster(
    store: Store | None, table: RosterTable, mapping: Mapping, *, today: dt.date | None = None
) -> RosterPlan:
    """Every row checked and matched against the database, nothing written (a dry run).

    ``store`` None stands for a database not made yet: every good row is a new student.
    """
    parsed = _parsed(table, mapping, today)
    existing = StudentStore(store).all() if store is not None else []
    plan = plan_changes(parsed.records, existing)
    plan.problems = sorted([*parsed.problems, *plan.problems], key=lambda p: p.row)
    return plan


def import_roster(
    store: Store,
    table: RosterTable,
    mapping: Mapping,
    backups: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    today: dt.date | None = None,
) -> RosterSummary:
    """Import every row of ``table`` or none: backup first, then one transaction.

    Raises RosterRejectedError (listing every bad row) before writing anything if any row is
    wrong, RosterCancelledError if ``is_cancelled`` turns true, and StoreError for the
    database's own problems; in each case the students are as they were.
    """
    parsed = _parsed(table, mapping, today)
    _checked(parsed, StudentStore(store).all())  # refused before a backup is made
    backup_before_import(store, backups, BACKUP_REASON)
    with store.action():
        # Matched again inside the transaction: what is written is what was checked.
        plan = _checked(parsed, StudentStore(store).all())
        total = len(plan.added) + len(plan.updated)
        done = 0

        def step(count: int) -> None:
            nonlocal done
            if is_cancelled is not None and is_cancelled():
                raise RosterCancelledError()
            done += count
            if progress is not None:
                progress(done, total)

        step(0)
        students = StudentStore(store)
        for start in range(0, len(plan.added), _CHUNK):
            chunk = plan.added[start : start + _CHUNK]
            students.add_many(chunk)  # nested: a savepoint inside this transaction
            step(len(chunk))
        for start in range(0, len(plan.updated), _CHUNK):
            chunk = plan.updated[start : start + _CHUNK]
            students.update_many(chunk, plan.previous)  # a savepoint too
            step(len(chunk))
    return plan.summary()


def _parsed(table: RosterTable, mapping: Mapping, today: dt.date | None) -> ParsedRoster:
    problem = mapping_problem(table, mapping)
    if problem:
        raise RosterRejectedError([RowProblem(table.header_index + 1, problem)])
    return parse_roster(table, mapping, today=today)


def _checked(parsed: ParsedRoster, existing: list[Student]) -> RosterPlan:
    plan = plan_changes(parsed.records, existing)
    problems = sorted([*parsed.problems, *plan.problems], key=lambda p: p.row)
    if problems:
        raise RosterRejectedError(problems)
    return plan


# --- Remembering the mapping --------------------------------------------------------------------


def mapping_for(store: Store | None, table: RosterTable) -> tuple[Mapping, bool]:
    """The mapping last used for this export's header, else the guess; True if remembered."""
    if store is not None:
        saved = SettingsStore(store).get(MAPPING_SETTING, {})
        entry = saved.get(header_key(table.header)) if isinstance(saved, dict) else None
        if isinstance(entry, dict):
            remembered = usable_mapping(table, entry)
            if remembered:
                return remembered, True
    return guess_mapping(table.header), False


def remember_mapping(store: Store, table: RosterTable, mapping: Mapping) -> None:
    """Keep ``mapping`` for files with this header (the most recent MAPPINGS_KEPT headers)."""
    settings = SettingsStore(store)
    saved = settings.get(MAPPING_SETTING, {})
    if not isinstance(saved, dict):
        saved = {}
    key = header_key(table.header)
    saved.pop(key, None)
    saved[key] = dict(mapping)  # last in the dict = most recently used
    while len(saved) > MAPPINGS_KEPT:
        saved.pop(next(iter(saved)))
    settings.set(MAPPING_SETTING, saved)
