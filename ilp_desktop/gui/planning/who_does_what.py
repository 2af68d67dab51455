"""Who does what: every open step of the plan grouped by role, the roles and responsibilities
a plan must state. Overdue steps come first in each group and stand out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.plans import ROLE_LABELS, STEP_KIND_LABELS, ActionStep, steps_by_role
from ..look import heading
from ..models.profile_models import long_date

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#b3261e")
GROUP_BACKGROUND = QColor("#e8eef7")
COLUMNS = ("Step", "Who", "Due", "Part of")


class WhoDoesWhatModel(QAbstractTableModel):
    """Rows are a role heading followed by that role's open steps."""

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._rows: list[tuple[str, Any]] = []  # ("role", (role, count)) or ("step", step)
        self._parts: Mapping[int | None, str] = {}

    def set_steps(self, steps: Sequence[ActionStep], parts: Mapping[int | None, str]) -> None:
        """``parts`` names what each step belongs to, by goal id (None: the postsecondary plan)."""
        self.beginResetModel()
        self._parts = parts
        self._rows = []
        for role, found in steps_by_role(steps, self.today()):
            self._rows.append(("role", (role, len(found))))
            self._rows.extend(("step", step) for step in found)
        self.endResetModel()

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row][0] == "role"

    def step(self, row: int) -> ActionStep | None:
        if 0 <= row < len(self._rows) and self._rows[row][0] == "step":
            return self._rows[row][1]
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, value = self._rows[index.row()]
        if kind == "role":
            who, count = value
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                steps = "1 open step" if count == 1 else f"{count} open steps"
                return f"{ROLE_LABELS[who]} — {steps}"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(GROUP_BACKGROUND)
            return None
        step: ActionStep = value
        overdue = step.is_overdue(self.today())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                kind_label = STEP_KIND_LABELS.get(step.kind, "")
                return f"{kind_label}: {step.what}" if kind_label else step.what
            if column == 1:
                return step.who_name or ROLE_LABELS.get(step.role, step.role)
            if column == 2:
                if not step.due_on:
                    return "no date"
                return long_date(step.due_on) + (" · overdue" if overdue else "")
            if step.general:
                return "Agreed at a session"
            return self._parts.get(step.goal_id, "")
        if overdue and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE)
        if overdue and role == Qt.ItemDataRole.FontRole and index.column() in (0, 2):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled


class WhoDoesWhatSection(QWidget):
    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = QLabel("Who does what", self)
        heading(title, 1.3)
        layout.addWidget(title)
        intro = QLabel(
            "Every open step, by who is responsible: the student, the family, the school and "
            "others. Overdue steps are shown first, in red.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(intro)
        self.model = WhoDoesWhatModel(today, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.verticalHeader().hide()
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setWordWrap(False)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.view.horizontalHeader()
        # The step and the goal it serves share the room; who and when fit their text.
        for column, mode in (
            (0, QHeaderView.ResizeMode.Stretch),
            (1, QHeaderView.ResizeMode.ResizeToContents),
            (2, QHeaderView.ResizeMode.ResizeToContents),
            (3, QHeaderView.ResizeMode.Stretch),
        ):
            header.setSectionResizeMode(column, mode)
        header.setHighlightSections(False)
        layout.addWidget(self.view)
        self.empty = QLabel("No open steps: add steps under the goals.", self)
        self.empty.setStyleSheet("font-style: italic;")
        layout.addWidget(self.empty)
        self.model.modelReset.connect(self._fit)

    def set_steps(self, steps: Sequence[ActionStep], parts: Mapping[int | None, str]) -> None:
        self.model.set_steps(steps, parts)

    def _fit(self) -> None:
        self.view.clearSpans()
        rows = self.model.rowCount()
        for row in range(rows):
            if self.model.is_heading(row):
                self.view.setSpan(row, 0, 1, len(COLUMNS))
        height = (
            self.view.horizontalHeader().sizeHint().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
        )
        self.view.setFixedHeight(height)
        self.view.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
