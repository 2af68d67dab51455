"""What the app's read-only table models share: a list of rows under fixed column headers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T`` under ``HEADERS``; a subclass says what each cell shows in ``data``."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rows: Iterable[T] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = list(rows)

    def _reset(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, row: int) -> T:
        return self._rows[row]

    def _item(self, index: Index) -> T | None:
        """The row ``index`` points at, or None for an index outside the list."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
