"""The clusters of one framework with how many careers of the library each holds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.career_clusters import cluster_names, clusters_in
from ...domain.career_library import CareerLibrary

Index = QModelIndex | QPersistentModelIndex
CLUSTER_ROLE = Qt.ItemDataRole.UserRole + 1


class ClusterModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, int]] = []
        self.framework = "classic"

    def set_library(self, library: CareerLibrary, framework: str) -> None:
        self.beginResetModel()
        self.framework = framework
        counts: Counter[str] = Counter()
        for career in library.careers:
            counts.update(clusters_in(career, framework))
        self._rows = [(key, name, counts[key]) for key, name in cluster_names(framework).items()]
        self.endResetModel()

    def cluster(self, row: int) -> str:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, name, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} ({count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{name}: {count} careers in the library"
        if role == CLUSTER_ROLE:
            return key
        return None


class ClusterProxy(QSortFilterProxyModel):
    """Alphabetical, as the frameworks list them; kept as a proxy like every list on screen."""
