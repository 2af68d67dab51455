"""The crosswalk from the classic 16 clusters to the 2024 framework, pathway by pathway."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.career_clusters import CLASSIC, MODERN, CrosswalkRow, crosswalk_table

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Classic cluster", "Pathway", "2024 cluster")


class CrosswalkModel(QAbstractTableModel):
    def __init__(self, rows: list[CrosswalkRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        return (
            CLASSIC[row.classic],
            row.pathway,
            MODERN[row.modern] if row.modern else row.note[:1].upper() + row.note[1:],
        )[index.column()]


class CrosswalkDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How the classic clusters map to the 2024 framework")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Each career is placed in the classic 16 clusters by its pathway. ILP Desktop "
            "moves each pathway to one of the 14 clusters of the 2024 framework as below; "
            "science and engineering careers go by the kind of occupation.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = CrosswalkModel(crosswalk_table(), self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        table = QTableView(self)
        table.setObjectName("crosswalkTable")
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 600)
