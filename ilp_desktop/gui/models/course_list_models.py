"""Course lists as sortable read-only tables: a student's planned courses and the school's
catalog, with a proxy that sorts grades and credits as numbers and filters without caring
about case or accents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.courses import PLAN_STATUS_LABELS, TERM_LABELS, Course, PlannedCourse, credit_text
from ...domain.grades import grade_order
from ...domain.text import fold
from .course_grid_model import STATUS_MARKS, cell_order
from .profile_models import RecordsModel

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SortColumn = tuple[str, Callable[[Any], str], Callable[[Any], Any]]


class SortableRecordsModel(RecordsModel[Any]):
    """A RecordsModel whose columns also give a sort key (SORT_ROLE)."""

    def __init__(self, columns: Sequence[SortColumn], parent: QObject | None = None) -> None:
        super().__init__([(header, text) for header, text, _key in columns], parent)
        self._keys = [key for _header, _text, key in columns]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE:
            record = self.record(index.row()) if index.isValid() else None
            return None if record is None else self._keys[index.column()](record)
        return super().data(index, role)


def _plan_key(entry: PlannedCourse) -> tuple[int, int, str]:
    term, title = cell_order(entry)
    return grade_order(entry.grade), term, title


class PlannedCoursesModel(SortableRecordsModel):
    """Every course of one student's plan, one per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                ("Grade", lambda e: e.grade, _plan_key),
                ("Term", lambda e: TERM_LABELS.get(e.term, e.term), _plan_key),
                ("Course", lambda e: e.title, lambda e: fold(e.title)),
                ("Subject area", lambda e: e.area, lambda e: (fold(e.area), _plan_key(e))),
                ("Credits", lambda e: credit_text(e.credits), lambda e: e.credits),
                (
                    "Status",
                    lambda e: (
                        f"{STATUS_MARKS.get(e.status, '')} "
                        + PLAN_STATUS_LABELS.get(e.status, e.status)
                    ),
                    lambda e: (e.status, _plan_key(e)),
                ),
                ("Mark", lambda e: e.mark, lambda e: fold(e.mark)),
                ("Note", lambda e: e.note, lambda e: fold(e.note)),
            ],
            parent,
        )


class CatalogModel(SortableRecordsModel):
    """The school's catalog: code, title, area, credits, grades, description."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                ("Code", lambda c: c.code, lambda c: fold(c.code)),
                ("Title", lambda c: c.title, lambda c: fold(c.title)),
                ("Subject area", lambda c: c.area, lambda c: (fold(c.area), fold(c.code))),
                ("Credits", lambda c: credit_text(c.credits), lambda c: c.credits),
                ("Grades", lambda c: c.grades, lambda c: c.grades),
                ("Description", lambda c: c.description, lambda c: fold(c.description)),
            ],
            parent,
        )

    def row_of_code(self, code: str) -> int:
        wanted = code.casefold()
        codes = [c.code.casefold() if isinstance(c, Course) else "" for c in self.records()]
        return codes.index(wanted) if wanted in codes else -1


class CourseFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; keeps rows where any cell holds every typed word (folded)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        self._words = fold(text).split()
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        cells = " ".join(
            str(model.index(source_row, column, source_parent).data() or "")
            for column in range(model.columnCount())
        )
        folded = fold(cells)
        return all(word in folded for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
