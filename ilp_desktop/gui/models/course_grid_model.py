"""The course plan as a grid: one row per subject area, one column per grade, each cell listing
that area's courses in that grade, one per line, with a mark for how far along each one is.

The grid is for reading the plan at a glance (a counselor with a student, a family at a
conference); the course list beside it is where one course is picked to edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.courses import (
    PLAN_STATUS_LABELS,
    TERM_LABELS,
    TERMS,
    YEAR,
    CreditAudit,
    GraduationRules,
    PlannedCourse,
    credit_text,
)
from ...domain.grades import grade_label

Index = QModelIndex | QPersistentModelIndex
COURSES_ROLE = Qt.ItemDataRole.UserRole + 1  # the PlannedCourse list of a cell
SHORT_COLOUR = "#b3261e"
NOW_BACKGROUND = "#eef3fa"
NBSP = "\u00a0"
OTHER_AREA = "Other (not a subject area of the rules)"

# Glyphs DejaVu Sans has; on Windows, Qt takes ✓ and ✗ from Segoe UI Symbol when the interface
# font lacks them, so they never show as empty boxes.
STATUS_MARKS: dict[str, str] = {
    "completed": "✓",
    "enrolled": "●",
    "planned": "○",
    "no_credit": "✗",
}
LEGEND = "✓ completed (final mark)    ● enrolled now    ○ planned    ✗ taken, no credit"
_TERM_ORDER = {
    term: n for n, term in enumerate(dict.fromkeys(t for ts in TERMS.values() for t in ts))
}


def grade_number(grade: str) -> int | None:
    return int(grade) if grade.isdigit() else None


def year_word(grade: str, student_grade: str) -> str:
    """ "now" for the student's grade, "next year" for the one after, else ""."""
    this, theirs = grade_number(grade), grade_number(student_grade)
    if this is None or theirs is None:
        return ""
    return {0: "now", 1: "next year"}.get(this - theirs, "")


def term_short(term: str) -> str:
    """How a term reads inside a grid cell: "S1", "T2", "Year"."""
    return "Year" if term == YEAR else term


def course_line(entry: PlannedCourse) -> str:
    """ "✓ Biology · 1 · S1 (B+)": status mark, title, credits, term and the final mark."""
    # No-break spaces keep the mark with the title's first word and "· 1 · S1 (B+)" together
    # when a narrow column wraps the line.
    details = f"· {credit_text(entry.credits)} · {term_short(entry.term)}"
    if entry.mark:
        details += f" ({entry.mark})"
    mark = STATUS_MARKS.get(entry.status, "?")
    return f"{mark}{NBSP}{entry.title} {details.replace(' ', NBSP)}"


def course_details(entry: PlannedCourse) -> str:
    """Everything about one planned course in a sentence or two, for tooltips and choosers."""
    credits = credit_text(entry.credits)
    parts = [
        entry.title + (f" ({entry.course_code})" if entry.course_code else ""),
        f"{entry.area}, {credits} credit" + ("" if entry.credits == 1 else "s"),
        f"{grade_label(entry.grade)}, {TERM_LABELS.get(entry.term, entry.term)}",
        PLAN_STATUS_LABELS.get(entry.status, entry.status)
        + (f", final mark {entry.mark}" if entry.mark else ""),
    ]
    text = " — ".join(parts)
    return f"{text}\nNote: {entry.note}" if entry.note else text


def cell_order(entry: PlannedCourse) -> tuple[int, str]:
    return _TERM_ORDER.get(entry.term, 99), entry.title.casefold()


class CourseGridModel(QAbstractTableModel):
    """Rows: the school's subject areas (and "Other" when a course has an unknown area);
    column 0 names the area, the next columns are the plan's grades."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas: list[str] = []
        self._grades: list[str] = []
        self._cells: dict[tuple[str, str], list[PlannedCourse]] = {}
        self._student_grade = ""
        self._short: frozenset[str] = frozenset()

    def set_plan(
        self,
        entries: Sequence[PlannedCourse],
        rules: GraduationRules,
        student_grade: str = "",
        audit: CreditAudit | None = None,
    ) -> None:
        """Show ``entries`` in the rules' grades, plus any other grade a course is in (a
        high-school course taken in grade 8, say)."""
        self.beginResetModel()
        self._student_grade = student_grade
        grades = set(rules.grades) | {e.grade for e in entries}
        self._grades = sorted(grades, key=lambda g: (grade_number(g) or 99, g))
        self._areas = rules.area_names()
        self._cells = {}
        for entry in entries:
            area = rules.area_named(entry.area) or OTHER_AREA
            self._cells.setdefault((area, entry.grade), []).append(entry)
        for courses in self._cells.values():
            courses.sort(key=cell_order)
        if any(area == OTHER_AREA for area, _grade in self._cells):
            self._areas.append(OTHER_AREA)
        self._short = frozenset(
            line.area for line in (audit.lines if audit else ()) if line.state == "short"
        )
        self.endResetModel()

    # Looking things up ------------------------------------------------------------------------
    def grades(self) -> list[str]:
        return list(self._grades)

    def grade_at(self, column: int) -> str | None:
        return self._grades[column - 1] if 1 <= column <= len(self._grades) else None

    def area_at(self, row: int) -> str | None:
        return self._areas[row] if 0 <= row < len(self._areas) else None

    def courses_at(self, index: Index) -> list[PlannedCourse]:
        grade, area = self.grade_at(index.column()), self.area_at(index.row())
        if not index.isValid() or grade is None or area is None:
            return []
        return list(self._cells.get((area, grade), []))

    def index_of(self, entry_id: int | None) -> QModelIndex:
        """The cell holding the planned course ``entry_id`` (invalid if none)."""
        for (area, grade), courses in self._cells.items():
            if any(c.id == entry_id for c in courses):
                return self.index(self._areas.index(area), self._grades.index(grade) + 1)
        return QModelIndex()

    def heading(self, column: int) -> str:
        grade = self.grade_at(column)
        if grade is None:
            return "Subject area"
        word = year_word(grade, self._student_grade)
        return f"{grade_label(grade)}\n({word})" if word else grade_label(grade)

    # The Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._areas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grades) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.heading(section)
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            word = year_word(self.grade_at(section) or "", self._student_grade)
            return f"The student's grade {word}" if word else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._areas):
            return None
        area = self._areas[index.row()]
        if index.column() == 0:
            return self._area_data(area, role)
        courses = self.courses_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(course_line(c) for c in courses)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n\n".join(course_details(c) for c in courses) or None
        if role == COURSES_ROLE:
            return courses
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if role == Qt.ItemDataRole.BackgroundRole:
            grade = self.grade_at(index.column()) or ""
            if year_word(grade, self._student_grade) == "now":
                return QBrush(QColor(NOW_BACKGROUND))
        return None

    def _area_data(self, area: str, role: int) -> Any:
        short = area in self._short
        if role == Qt.ItemDataRole.DisplayRole:
            return area
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{area}: short of the credits required" if short else area
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and short:
            return QBrush(QColor(SHORT_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
