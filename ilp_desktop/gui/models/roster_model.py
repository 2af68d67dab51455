"""The roster list: a table model of students and the proxy that filters it.

Sorting is done by the source model with Python's sort on precomputed keys, not by the proxy:
the proxy would call back into Python for every comparison, which is far too slow for a
school of 5,000. The proxy forwards sort() to the source and filters rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ...domain.grades import grade_label, grade_order
from ...domain.students import RosterEntry
from ...domain.text import search_tokens

Index = QModelIndex | QPersistentModelIndex

NAME, GRADE, SIS_ID = range(3)
HEADERS = ("Name", "Grade", "SIS id")
STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FONT = Qt.ItemDataRole.FontRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
CENTER = int(Qt.AlignmentFlag.AlignCenter)


_SORT_KEYS: dict[int, Callable[[RosterEntry], Any]] = {
    NAME: lambda e: (e.sort_key, e.sis_id),
    GRADE: lambda e: (grade_order(e.grade), e.sort_key),
    SIS_ID: lambda e: (len(e.sis_id), e.sis_id),
}


class RosterModel(QAbstractTableModel):
    """Every student of the database, archived ones included, in the current sort order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[RosterEntry] = []
        self._active_count: int | None = None
        self.version = 0  # bumped before any change is signalled, so filters know to redo
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # Loading and editing -------------------------------------------------------------------
    def set_entries(self, entries: list[RosterEntry]) -> None:
        self.beginResetModel()
        self._active_count = None
        self.version += 1
        self._entries = list(entries)
        self._entries.sort(
            key=_SORT_KEYS[self._sort_column],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        self.endResetModel()

    def upsert(self, entry: RosterEntry) -> None:
        """Show a new or changed student, keeping the sort order."""
        self._active_count = None
        self.version += 1
        row = self.row_of(entry.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries))
            self._entries.append(entry)
            self.endInsertRows()
        else:
            self._entries[row] = entry
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.sort(self._sort_column, self._sort_order)

    def row_of(self, student_id: int | None) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.id == student_id:
                return row
        return None

    def entry(self, row: int) -> RosterEntry:
        return self._entries[row]

    def student_count(self, *, include_archived: bool = False) -> int:
        if include_archived:
            return len(self._entries)
        if self._active_count is None:
            self._active_count = sum(1 for e in self._entries if not e.archived_at)
        return self._active_count

    def counselors(self) -> list[str]:
        return sorted({e.counselor for e in self._entries if e.counselor})

    # Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint: cheapest checks first.
        if role == DISPLAY:
            student = self._entries[index.row()]
            column = index.column()
            if column == NAME:
                return _list_name(student)
            return student.grade if column == GRADE else student.sis_id
        if role == STUDENT_ID_ROLE:
            return self._entries[index.row()].id
        if role == ALIGNMENT:
            return CENTER if index.column() == GRADE else None
        if role == TOOLTIP:
            return _tooltip(self._entries[index.row()])
        if role in (FONT, FOREGROUND):
            if not self._entries[index.row()].archived_at:
                return None
            if role == FONT:
                font = QFont()
                font.setItalic(True)
                return font
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort_column, self._sort_order = column, order
        self.version += 1
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        ids_before = [self._entries[i.row()].id for i in old_persistent]
        self._entries.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        if old_persistent:
            row_by_id = {e.id: r for r, e in enumerate(self._entries)}
            new_persistent = [
                self.index(row_by_id[sid], old.column())
                for old, sid in zip(old_persistent, ids_before, strict=True)
            ]
            self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()


def _list_name(student: RosterEntry) -> str:
    name = student.sort_name
    if student.preferred_name and student.preferred_name != student.first_name:
        name += f" ({student.preferred_name})"
    if student.archived_at:
        name += " — archived"
    return name


def _tooltip(student: RosterEntry) -> str:
    parts = [grade_label(student.grade), f"SIS id {student.sis_id}"]
    if student.homeroom:
        parts.append(f"Homeroom {student.homeroom}")
    if student.counselor:
        parts.append(f"Counselor: {student.counselor}")
    return " · ".join(parts)


class RosterFilterProxy(QSortFilterProxyModel):
    """Filters the roster by typed words, grade and archived state; sorting goes to the source.

    Which rows pass is worked out in one Python pass per change (a list of booleans), so the
    per-row callback Qt makes is a list lookup: a keystroke over 5,000 students stays quick.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []
        self._grade: str | None = None
        self._show_archived = False
        self._accepted: list[bool] = []
        self._accepted_version = -1
        self._source: RosterModel | None = None

    def setSourceModel(self, model: RosterModel) -> None:  # type: ignore[override]
        self._source = model
        self._accepted_version = -1
        super().setSourceModel(model)

    def set_search(self, text: str) -> None:
        tokens = search_tokens(text)
        if tokens != self._tokens:
            self._change_filter("_tokens", tokens)

    def set_grade(self, grade: str | None) -> None:
        if grade != self._grade:
            self._change_filter("_grade", grade)

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self._change_filter("_show_archived", show)

    @property
    def filtering(self) -> bool:
        return bool(self._tokens) or self._grade is not None

    def _change_filter(self, attribute: str, value: object) -> None:
        setattr(self, attribute, value)
        self._accepted_version = -1
        # One layout change rather than a signal per removed range of rows: typing the first
        # letter can remove a thousand scattered ranges.
        self.invalidate()

    def _recompute(self) -> None:
        source = self._source
        entries = source._entries  # type: ignore[union-attr]
        tokens, grade, archived = self._tokens, self._grade, self._show_archived
        # The common cases written out: this runs on every keystroke over the whole school.
        accepted = [True] * len(entries) if archived else [not e.archived_at for e in entries]
        if grade is not None:
            accepted = [a and e.grade == grade for a, e in zip(accepted, entries, strict=True)]
        for token in tokens:
            accepted = [a and token in e.search_key for a, e in zip(accepted, entries, strict=True)]
        self._accepted = accepted
        self._accepted_version = source.version  # type: ignore[union-attr]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepted_version != self._source.version:  # type: ignore[union-attr]
            self._recompute()
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)  # type: ignore[union-attr]

    def student_id(self, row: int) -> int | None:
        return self.index(row, 0).data(STUDENT_ID_ROLE)

    def row_of(self, student_id: int) -> int | None:
        source = self._source
        source_row = source.row_of(student_id)  # type: ignore[union-attr]
        if source_row is None:
            return None
        row = self.mapFromSource(source.index(source_row, 0)).row()  # type: ignore[union-attr]
        return None if row < 0 else row
