"""The careers list: a table model of matched careers and the proxy that filters it.

As in the roster, the source model sorts (Python sort on precomputed keys) and the proxy only
filters, from a list of booleans worked out once per change: a keystroke over the 1,016
careers of a full O*NET release costs one pass of plain string tests.
"""

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

from ...domain.career_clusters import CLASSIC, classic_clusters, clusters_in
from ...domain.career_library import CareerLibrary
from ...domain.career_matching import CareerFilter, Match
from ...domain.careers import JOB_ZONES, Career
from ...domain.text import search_tokens

Index = QModelIndex | QPersistentModelIndex

FIT, TITLE, REASON, ZONE, WAGE = range(5)
HEADERS = ("Fit", "Career", "Why it may suit", "Preparation", "Pay")
HEADER_TIPS = (
    "How strongly the career draws on the student's top interests, 0 to 100",
    "Occupation title; ★ marks careers on the student's shortlist",
    "Which of the student's top interests the career shares",
    "Job zone: how much preparation the career takes, from 1 (little) to 5 (extensive)",
    "Median yearly pay in the United States, where the library has it",
)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def money(amount: int | None) -> str:
    return "—" if amount is None else f"${amount:,}"


_SORT_KEYS: dict[int, Callable[[Match], Any]] = {
    FIT: lambda m: m.sort_key,
    TITLE: lambda m: (m.career.title.casefold(), m.career.code),
    REASON: lambda m: (-len(m.shared), m.sort_key),
    ZONE: lambda m: (m.career.job_zone or 9, m.sort_key),
    WAGE: lambda m: (-(m.career.median_wage or -1), m.sort_key),
}


class CareersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self._shortlisted: set[str] = set()
        self._scored = True
        self.version = 0
        self._sort_column = FIT
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_matches(self, matches: Sequence[Match], *, scored: bool = True) -> None:
        """``scored`` False: no interests to match against (the Fit column then shows —)."""
        self.beginResetModel()
        self.version += 1
        self._matches = list(matches)
        self._scored = scored
        self._sort_now()
        self.endResetModel()

    def set_shortlisted(self, codes: set[str]) -> None:
        self._shortlisted = set(codes)
        if self._matches:
            self.dataChanged.emit(self.index(0, TITLE), self.index(len(self._matches) - 1, TITLE))

    def match(self, row: int) -> Match:
        return self._matches[row]

    def matches(self) -> list[Match]:
        return list(self._matches)

    def row_of(self, code: str) -> int | None:
        for row, found in enumerate(self._matches):
            if found.career.code == code:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return HEADERS[section]
        if role == TOOLTIP:
            return HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        found = self._matches[index.row()]
        career = found.career
        column = index.column()
        if role == DISPLAY:
            if column == FIT:
                return "—" if found.fit is None or not self._scored else str(found.fit)
            if column == TITLE:
                # Two lines: the title, then why it may suit (or its clusters, unscored).
                star = "★ " if career.code in self._shortlisted else ""
                second = found.reason if self._scored else _cluster_line(career)
                return f"{star}{career.title}\n{second}" if second else star + career.title
            if column == REASON:
                return found.reason if self._scored else ""
            if column == ZONE:
                if career.job_zone is None:
                    return "—"
                return f"Zone {career.job_zone}\n{JOB_ZONES[career.job_zone].split()[0]}"
            if column == WAGE:
                return money(career.median_wage)
        elif role == CODE_ROLE:
            return career.code
        elif role == ALIGNMENT:
            if column in (FIT, ZONE):
                return CENTER
            if column == WAGE:
                return RIGHT
        elif role == TOOLTIP:
            if column == TITLE:
                return _title_tip(career)
            if column == REASON:
                return found.reason
            if column == ZONE and career.job_zone is not None:
                return f"Job zone {career.job_zone}: {JOB_ZONES[career.job_zone]}"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self.version += 1
        self._sort_now()
        self.layoutChanged.emit()

    def _sort_now(self) -> None:
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        self._matches.sort(key=_SORT_KEYS[self._sort_column], reverse=reverse)


def _cluster_line(career: Career) -> str:
    return "; ".join(CLASSIC[c] for c in classic_clusters(career))


def _title_tip(career: Career) -> str:
    names = [career.title]
    if career.title_es:
        names.append(f"En español: {career.title_es}")
    names.append(f"O*NET-SOC {career.code}")
    return "\n".join(names)


class CareersProxy(QSortFilterProxyModel):
    """Filters careers by typed words (titles and alternate titles) and the filter panel."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []
        self._filter = CareerFilter()
        self._library: CareerLibrary | None = None
        self._accepted: list[bool] = []
        self._accepted_version = -1
        self._source: CareersModel | None = None

    def setSourceModel(self, model: CareersModel) -> None:  # type: ignore[override]
        self._source = model
        self._accepted_version = -1
        super().setSourceModel(model)

    def set_library(self, library: CareerLibrary) -> None:
        self._library = library
        self._accepted_version = -1

    def set_search(self, text: str) -> None:
        tokens = search_tokens(text)
        if tokens != self._tokens:
            self._tokens = tokens
            self._refilter()

    def set_filter(self, career_filter: CareerFilter) -> None:
        if career_filter != self._filter:
            self._filter = career_filter
            self._refilter()

    @property
    def career_filter(self) -> CareerFilter:
        return self._filter

    def _refilter(self) -> None:
        self._accepted_version = -1
        self.invalidate()

    def _recompute(self) -> None:
        source = self._source
        assert source is not None
        matches = source._matches
        tokens, chosen, library = self._tokens, self._filter, self._library
        accepted = [True] * len(matches)
        if tokens and library is not None:
            # One plain list pass per typed word: this runs on every keystroke.
            text = library.search_text
            texts = [text.get(m.career.code, "") for m in matches]
            for token in tokens:
                accepted = [a and token in t for a, t in zip(accepted, texts, strict=True)]
        if chosen != CareerFilter():
            framework = chosen.framework
            accepted = [
                a and chosen.passes(m.career, clusters_in(m.career, framework))
                for a, m in zip(accepted, matches, strict=True)
            ]
        self._accepted = accepted
        self._accepted_version = source.version

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepted_version != self._source.version:  # type: ignore[union-attr]
            self._recompute()
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)  # type: ignore[union-attr]

    def code(self, row: int) -> str | None:
        return self.index(row, 0).data(CODE_ROLE)

    def row_of(self, code: str) -> int | None:
        source = self._source
        assert source is not None
        source_row = source.row_of(code)
        if source_row is None:
            return None
        row = self.mapFromSource(source.index(source_row, 0)).row()
        return None if row < 0 else row
