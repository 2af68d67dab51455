"""The student's shortlist as a table: rank, career, fit and the student's notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.shortlist import ShortlistEntry

Index = QModelIndex | QPersistentModelIndex

RANK, TITLE, FIT, WHY, NEED = range(5)
HEADERS = ("#", "Career", "Fit", "Why it interests me", "What I would need")
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ShortlistModel(QAbstractTableModel):
    """Entries in the student's order. ``fit_of(code)`` gives the current fit (or None) and
    ``in_library(code)`` whether the current library still has the career."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ShortlistEntry] = []
        self.fit_of: Callable[[str], int | None] = lambda _code: None
        self.in_library: Callable[[str], bool] = lambda _code: True

    def set_entries(self, entries: Sequence[ShortlistEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def replace(self, entry: ShortlistEntry) -> None:
        for row, current in enumerate(self._entries):
            if current.id == entry.id:
                self._entries[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return

    def refresh_fits(self) -> None:
        """The fit column again, after the student's interests or the library changed."""
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, NEED))

    def entries(self) -> list[ShortlistEntry]:
        return list(self._entries)

    def entry(self, row: int) -> ShortlistEntry:
        return self._entries[row]

    def row_of(self, entry_id: int | None) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == RANK:
                return str(entry.rank)
            if column == TITLE:
                missing = "" if self.in_library(entry.code) else " (not in this library)"
                return entry.title + missing
            if column == FIT:
                fit = self.fit_of(entry.code)
                return "—" if fit is None else str(fit)
            if column == WHY:
                return _one_line(entry.why)
            if column == NEED:
                return _one_line(entry.need)
        elif role == TOOLTIP:
            if column == WHY and entry.why:
                return entry.why
            if column == NEED and entry.need:
                return entry.need
            if column == TITLE:
                return f"{entry.title}\nO*NET-SOC {entry.code}\nAdded {entry.added_on}"
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (RANK, FIT):
            return CENTER
        elif role == ENTRY_ID_ROLE:
            return entry.id
        elif role == CODE_ROLE:
            return entry.code
        return None


class ShortlistProxy(QSortFilterProxyModel):
    """The shortlist keeps the student's order; the proxy is there so the view can be sorted
    by another column for a moment without touching that order."""
