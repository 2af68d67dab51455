"""An editable table of a student's parents and guardians."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.students import Guardian

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("name", "Name"),
    ("relationship", "Relationship"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("language", "Language"),
)


class GuardiansModel(QAbstractTableModel):
    def __init__(self, guardians: list[Guardian], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [replace(g) for g in guardians]

    def guardians(self) -> list[Guardian]:
        return [replace(g) for g in self._rows]

    def add(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(Guardian(name=""))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return getattr(self._rows[index.row()], COLUMNS[index.column()][0])
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        attribute = COLUMNS[index.column()][0]
        guardian = self._rows[index.row()]
        text = str(value).strip()
        if getattr(guardian, attribute) == text:
            return False
        setattr(guardian, attribute, text)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable
