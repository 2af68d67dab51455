"""The caseload dashboard's student list: every student of the caseload, with the proxy that
shows one list (overdue reviews, no goals, ...) for one grade and counselor.

Filtering is decided in Python once per change (a set of accepted rows), not per call of
filterAcceptsRow with fresh work each time: a school has thousands of students.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ...domain.caseload import CaseloadRow, caseload_list, review_text
from ...domain.grades import grade_order
from .list_model import ListTableModel
from .profile_models import long_date
from .steps_model import OVERDUE_COLOR

Index = QModelIndex | QPersistentModelIndex
STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

HEADERS = (
    "Student",
    "Grade",
    "Counselor",
    "Review",
    "Last review",
    "Open goals",
    "Overdue steps",
    "Inventory",
    "Family acknowledged",
)
NAME, GRADE, COUNSELOR, REVIEW, LAST_REVIEW, GOALS, STEPS, INVENTORY, FAMILY = range(len(HEADERS))


def _date(text: str) -> str:
    return long_date(text) if text else "—"


class CaseloadModel(ListTableModel[CaseloadRow]):
    HEADERS = HEADERS

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent=parent)
        self._today = today

    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        self._reset(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._item(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == STUDENT_ID_ROLE:
            return row.student_id
        if role == Qt.ItemDataRole.ForegroundRole:
            late = (column == REVIEW and row.overdue) or (
                column == STEPS and row.facts.overdue_steps
            )
            return QColor(OVERDUE_COLOR) if late else None
        if role == Qt.ItemDataRole.ToolTipRole and column == REVIEW:
            return "\n".join(
                f"{c.title()}: due {long_date(c.due_on.isoformat())} · {c.status(self._today())}"
                for c in row.checkpoints
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (GOALS, STEPS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: CaseloadRow, column: int) -> str:
        fact = row.facts
        if column == NAME:
            return fact.name
        if column == GRADE:
            return fact.grade
        if column == COUNSELOR:
            return fact.counselor
        if column == REVIEW:
            return review_text(row, self._today())
        if column == LAST_REVIEW:
            return _date(row.last_review_on)
        if column == GOALS:
            return str(fact.open_goals)
        if column == STEPS:
            return str(fact.overdue_steps) if fact.overdue_steps else ""
        if column == INVENTORY:
            return _date(fact.latest_inventory_on)
        if column == FAMILY:
            return _date(row.family_ack_on)
        return ""

    @staticmethod
    def _sort_key(row: CaseloadRow, column: int) -> Any:
        fact = row.facts
        name = fact.sort_name.casefold()
        keys: dict[int, Any] = {
            NAME: name,
            GRADE: (grade_order(fact.grade), name),
            COUNSELOR: (fact.counselor.casefold(), name),
            REVIEW: (
                not row.overdue,
                (row.overdue[0].due_on if row.overdue else None)
                or (row.next_due.due_on if row.next_due else dt.date.max),
                name,
            ),
            LAST_REVIEW: (row.last_review_on, name),
            GOALS: (fact.open_goals, name),
            STEPS: (fact.overdue_steps, name),
            INVENTORY: (fact.latest_inventory_on, name),
            FAMILY: (row.family_ack_on, name),
        }
        return keys[column]


class CaseloadProxy(QSortFilterProxyModel):
    """One list of the dashboard (or every student) for one grade and counselor."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.list_key: str | None = None
        self.grade: str | None = None
        self.counselor: str | None = None
        self._accepted: set[int] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filters(self, list_key: str | None, grade: str | None, counselor: str | None) -> None:
        self.list_key, self.grade, self.counselor = list_key, grade, counselor
        self.refilter()

    def setSourceModel(self, model: CaseloadModel) -> None:  # type: ignore[override]
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self._forget)

    def _forget(self) -> None:
        self._accepted = None

    def refilter(self) -> None:
        self._accepted = None
        self.invalidate()

    def _compute(self) -> set[int]:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        includes = caseload_list(self.list_key).includes if self.list_key else None
        accepted = set()
        for n, row in enumerate(model.rows()):
            if self.grade is not None and row.facts.grade != self.grade:
                continue
            if self.counselor is not None and row.facts.counselor != self.counselor:
                continue
            if includes is not None and not includes(row):
                continue
            accepted.add(n)
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepted is None:
            self._accepted = self._compute()
        return source_row in self._accepted

    def lessThan(self, left: Index, right: Index) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)

    def student_id(self, row: int) -> int | None:
        value = self.index(row, 0).data(STUDENT_ID_ROLE)
        return value if isinstance(value, int) else None
