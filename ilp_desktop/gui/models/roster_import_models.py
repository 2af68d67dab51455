"""Tables of the roster import wizard: the file's first rows, the rows to fix, the changes.

Each is handed its rows by the wizard and never reads the database or the file itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.grades import grade_label
from ...domain.roster_csv import RosterTable, RowProblem, column_letter, describe_changes
from ...domain.students import Student

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
PREVIEW_ROWS = 20


class _Table(QAbstractTableModel):
    """Rows of text with fixed column headers (row headers optional)."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._row_headers: list[str] = []

    def _reset(self, rows: list[list[str]], row_headers: list[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._row_headers = row_headers or []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return self._row_headers[section] if 0 <= section < len(self._row_headers) else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, TOOLTIP):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""


class PreviewModel(_Table):
    """The first rows below the header, with the spreadsheet's row numbers and column letters."""

    def set_table(self, table: RosterTable | None) -> None:
        if table is None:
            self.headers = ()
            self._reset([])
            return
        self.headers = tuple(
            f"{column_letter(i)}  {name}" if name else column_letter(i)
            for i, name in enumerate(table.header[: table.width])
        )
        rows, numbers = [], []
        for number, cells in table.data_rows():
            if len(rows) == PREVIEW_ROWS:
                break
            rows.append([" ".join(cell.split()) for cell in cells[: table.width]])
            numbers.append(str(number))
        self._reset(rows, numbers)


PROBLEM_ROW, PROBLEM_SIS_ID, PROBLEM_MESSAGE = range(3)


class ProblemsModel(_Table):
    """Every row that needs fixing: its row number, SIS id and what to fix."""

    headers = ("Row", "SIS id", "What to fix")

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self._reset([[str(p.row), p.sis_id, p.message] for p in problems])

    def message(self, row: int) -> str:
        return self._rows[row][PROBLEM_MESSAGE] if 0 <= row < len(self._rows) else ""

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == ALIGNMENT and index.isValid() and index.column() == PROBLEM_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class ChangesModel(_Table):
    """What the import will do to each student it touches (rows left unchanged not listed)."""

    headers = ("Change", "SIS id", "Name", "Grade", "What changes")

    def set_changes(
        self, added: Sequence[Student], updated: Sequence[Student], previous: dict[int, Student]
    ) -> None:
        # Updates first: they change what a counselor already has.
        rows = []
        for student in updated:
            before = previous.get(student.id)  # type: ignore[arg-type]
            what = describe_changes(before, student) if before is not None else ""
            rows.append(
                ["Update", student.sis_id, student.sort_name, grade_label(student.grade), what]
            )
        rows += [["New", s.sis_id, s.sort_name, grade_label(s.grade), ""] for s in added]
        self._reset(rows)
