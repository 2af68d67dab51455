"""The students of a conference day: who is listed, who is ticked for a handout, and the
proxy that sorts them and finds them by name.

Ticks are kept by student id, so sorting and searching never lose them; a ticked student the
search hides is still printed (the dialog says how many are ticked in all).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ...domain.caseload import CaseloadRow
from ...domain.grades import grade_order
from ...domain.handout import family_language
from ...domain.students import Student, name_sort_key, search_key
from ...domain.text import search_tokens
from ...reports.handout_words import LANGUAGE_NAMES
from .list_model import ListTableModel
from .profile_models import long_date
from .steps_model import OVERDUE_COLOR

Index = QModelIndex | QPersistentModelIndex
STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

HEADERS = ("Print", "Name", "Grade", "Counselor", "Next review", "Family language")
TICK, NAME, GRADE, COUNSELOR, REVIEW, LANGUAGE = range(len(HEADERS))


@dataclass(frozen=True)
class ConferenceStudent:
    """One student who could get a handout, with what the list shows about them."""

    student: Student
    overdue_since: dt.date | None  # due date of the oldest review not held in time
    next_due: dt.date | None  # the next review's due date (None: none left this year)
    language: str  # "en" | "es": the family's handout language

    @property
    def student_id(self) -> int:
        assert self.student.id is not None
        return self.student.id

    @functools.cached_property
    def search_key(self) -> str:
        return search_key(self.student)

    @property
    def roster_key(self) -> tuple[str, str]:
        """The roster's order: last name, then first name, accents folded."""
        return (name_sort_key(self.student), self.student.sis_id)

    @property
    def grade_key(self) -> tuple[int, tuple[str, str]]:
        return (grade_order(self.student.grade), self.roster_key)

    def review_due_by(self, day: dt.date) -> bool:
        """A review is overdue, or falls due on or before ``day``."""
        return self.overdue_since is not None or (
            self.next_due is not None and self.next_due <= day
        )


def conference_students(
    students: Iterable[Student], rows: Iterable[CaseloadRow]
) -> list[ConferenceStudent]:
    """The roster's students (archived ones left out) in roster order, with their reviews."""
    by_id = {row.student_id: row for row in rows}
    found = []
    for student in students:
        if student.archived or student.id is None:
            continue
        row = by_id.get(student.id)
        found.append(
            ConferenceStudent(
                student=student,
                overdue_since=row.overdue[0].due_on if row and row.overdue else None,
                next_due=row.next_due.due_on if row and row.next_due else None,
                language=family_language(student),
            )
        )
    found.sort(key=lambda item: item.roster_key)
    return found


def review_text(item: ConferenceStudent) -> str:
    if item.overdue_since is not None:
        return f"Overdue (due {long_date(item.overdue_since.isoformat())})"
    if item.next_due is not None:
        return long_date(item.next_due.isoformat())
    return "—"


def sort_key(item: ConferenceStudent, column: int, ticked: bool = False) -> Any:
    """What a column sorts by; the roster's order breaks ties."""
    name = item.roster_key
    s = item.student
    keys: dict[int, Any] = {
        TICK: (not ticked, name),
        NAME: name,
        GRADE: item.grade_key,
        COUNSELOR: (s.counselor.casefold(), name),
        REVIEW: (
            item.overdue_since is None,
            item.overdue_since or item.next_due or dt.date.max,
            name,
        ),
        LANGUAGE: (item.language, name),
    }
    return keys[column]


class ConferenceDayModel(ListTableModel[ConferenceStudent]):
    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._ticked: set[int] = set()

    # Contents ---------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ConferenceStudent], *, ticked: bool) -> None:
        """List ``rows``; every one ticked, or none."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ticked = {row.student_id for row in self._rows} if ticked else set()
        self.endResetModel()

    def is_ticked(self, student_id: int) -> bool:
        return student_id in self._ticked

    def ticked_rows(self) -> list[ConferenceStudent]:
        """The ticked students, in the model's (roster) order."""
        return [row for row in self._rows if row.student_id in self._ticked]

    def set_ticked(self, student_ids: Iterable[int], ticked: bool) -> None:
        changed = set(student_ids) & {row.student_id for row in self._rows}
        if ticked:
            changed -= self._ticked
            self._ticked |= changed
        else:
            changed &= self._ticked
            self._ticked -= changed
        for n, row in enumerate(self._rows):
            if row.student_id in changed:
                index = self.index(n, TICK)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    # Qt ---------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == TICK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == TICK:
            ticked = item.student_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return sort_key(item, column, item.student_id in self._ticked)
        if role == STUDENT_ID_ROLE:
            return item.student_id
        if role == Qt.ItemDataRole.ForegroundRole and column == REVIEW and item.overdue_since:
            return QColor(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TICK:
            ticked = item.student_id in self._ticked
            return f"{'Print' if ticked else 'Do not print'} {item.student.display_name}"
        return None

    @staticmethod
    def _text(item: ConferenceStudent, column: int) -> str:
        s = item.student
        if column == NAME:
            return s.display_name
        if column == GRADE:
            return s.grade
        if column == COUNSELOR:
            return s.counselor
        if column == REVIEW:
            return review_text(item)
        if column == LANGUAGE:
            return LANGUAGE_NAMES.get(item.language, item.language)
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TICK:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_ticked([self._rows[index.row()].student_id], ticked)
        return True


class ConferenceDayProxy(QSortFilterProxyModel):
    """Sorts by each column's own key and finds students by name or SIS id, accents folded."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        tokens = search_tokens(text)
        if tokens != self._tokens:
            self._tokens = tokens
            self.invalidate()  # invalidateFilter() is deprecated in this Qt

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._tokens:
            return True
        model = self.sourceModel()
        assert isinstance(model, ConferenceDayModel)
        key = model.row(source_row).search_key
        return all(token in key for token in self._tokens)

    def lessThan(self, left: Index, right: Index) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)

    def student_id(self, row: int) -> int | None:
        value = self.index(row, 0).data(STUDENT_ID_ROLE)
        return value if isinstance(value, int) else None

    def shown_ids(self) -> list[int]:
        """The students the table shows, in its order."""
        return [sid for n in range(self.rowCount()) if (sid := self.student_id(n)) is not None]
