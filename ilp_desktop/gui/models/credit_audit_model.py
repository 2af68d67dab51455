"""The credit audit as a table: per subject area and in total, what is required, earned,
enrolled and planned, what is still needed, and whether the plan covers it, in words.

A row the plan does not cover is dark red and bold: that warning is the point of the audit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.courses import AuditLine, CreditAudit, credit_text
from .course_grid_model import SHORT_COLOUR

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Subject area", "Required", "Earned", "Enrolled", "Planned", "Still needed", "Status")
AREA, REQUIRED, EARNED, ENROLLED, PLANNED, NEEDED, STATUS = range(len(HEADERS))
MET_COLOUR = "#1e6b34"
TO_PLAN_COLOUR = "#7a4f01"  # dark amber: missing, but years remain to plan it


def credits_words(value: float) -> str:
    return f"{credit_text(value)} credit" + ("" if value == 1 else "s")


def still_needed(line: AuditLine) -> float:
    """Credits not yet earned (what enrolled and planned courses still have to bring)."""
    return round(max(0.0, line.required - line.earned), 4)


def status_words(line: AuditLine) -> str:
    if line.state == "short":
        return f"{credits_words(line.short)} short"
    if line.state == "to_plan":
        return f"{credits_words(line.short)} to plan"
    if line.required == 0:
        return "Nothing required"
    if line.state == "met":
        return "Met"
    return "Met once the plan is passed"


class CreditAuditModel(QAbstractTableModel):
    """One row per subject area of the rules, then the total."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[AuditLine] = []

    def set_audit(self, audit: CreditAudit | None) -> None:
        self.beginResetModel()
        self._lines = [*audit.lines, audit.total] if audit else []
        self.endResetModel()

    def line(self, row: int) -> AuditLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                EARNED: "Credits from completed courses",
                ENROLLED: "Credits from courses the student is taking now",
                PLANNED: "Credits from courses planned for later terms",
                NEEDED: "Required credits not yet earned",
            }.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        total = index.row() == len(self._lines) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column, total)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return self._explain(line)
        if role == Qt.ItemDataRole.FontRole and (total or line.state == "short"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.state == "short":
                return QBrush(QColor(SHORT_COLOUR))
            if line.state == "to_plan" and column in (AREA, STATUS):
                return QBrush(QColor(TO_PLAN_COLOUR))
            if column == STATUS and line.state == "met" and line.required > 0:
                return QBrush(QColor(MET_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (AREA, STATUS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    @staticmethod
    def _text(line: AuditLine, column: int, total: bool) -> str:
        if column == AREA:
            return "Total" if total else line.area
        if column == STATUS:
            return status_words(line)
        value = {
            REQUIRED: line.required,
            EARNED: line.earned,
            ENROLLED: line.enrolled,
            PLANNED: line.planned,
            NEEDED: still_needed(line),
        }[column]
        return credit_text(value)

    @staticmethod
    def _explain(line: AuditLine) -> str:
        if line.state == "short":
            return (
                f"Even if every enrolled and planned course is passed, {line.area} is "
                f"{credits_words(line.short)} short: plan more courses here."
            )
        if line.state == "to_plan":
            return (
                f"{line.area} needs {credits_words(line.short)} more than the plan holds; some "
                "years have no courses planned yet."
            )
        if line.state == "on_plan":
            return "Covered once the enrolled and planned courses are passed."
        return "Earned in full."

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled
