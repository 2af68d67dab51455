"""Two to four careers side by side: one column per career, one row per fact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...domain.career_clusters import CLASSIC, MODERN, classic_clusters, modern_clusters
from ...domain.career_matching import Match
from ...domain.careers import EDUCATION_LEVELS, JOB_ZONES, OUTLOOKS, Career
from ...domain.interests import TYPE_NAMES, TYPES
from ...domain.shortlist import ShortlistEntry
from .careers_model import money

Index = QModelIndex | QPersistentModelIndex

ROWS = (
    "Career",
    "Fit for the student",
    "Why it may suit",
    "Strongest interests (1–7)",
    "Preparation",
    "Typical education",
    "Median pay",
    "Job outlook",
    "Career clusters",
    "Why it interests me",
    "What I would need",
)


@dataclass(frozen=True)
class Compared:
    title: str
    career: Career | None
    found: Match | None
    entry: ShortlistEntry | None


def _ratings(career: Career) -> str:
    """The career's three strongest interest types with their ratings."""
    ratings = career.ratings
    if ratings is None:
        return "No interest profile"
    ranked = sorted(TYPES, key=lambda t: -ratings[t])[:3]
    return "\n".join(f"{TYPE_NAMES['en'][t]} {ratings[t]:.1f}" for t in ranked)


def cell(item: Compared, row: int) -> str:
    career, found, entry = item.career, item.found, item.entry
    notes = {9: entry.why if entry else "", 10: entry.need if entry else ""}
    if row == 0:
        return item.title
    if row in notes:
        return notes[row]
    if career is None:
        return "Not in this library" if row == 1 else ""
    values = {
        1: "—" if found is None or found.fit is None else f"{found.fit} of 100",
        2: found.reason if found else "",
        3: _ratings(career),
        4: "—"
        if career.job_zone is None
        else f"Zone {career.job_zone}: {JOB_ZONES[career.job_zone]}",
        5: EDUCATION_LEVELS.get(career.education or "", "—"),
        6: "—" if career.median_wage is None else f"{money(career.median_wage)} a year",
        7: OUTLOOKS.get(career.outlook or "", "—"),
        8: "\n".join(
            [CLASSIC[c] for c in classic_clusters(career)]
            + [f"2024: {MODERN[m]}" for m in modern_clusters(career)]
        ),
    }
    return values[row]


class CompareModel(QAbstractTableModel):
    def __init__(self, items: Sequence[Compared], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items = list(items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"Choice {section + 1}"
        return ROWS[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell(self._items[index.column()], index.row())
        if role == Qt.ItemDataRole.FontRole and index.row() == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
