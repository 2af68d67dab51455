"""Action steps as a read-only table: what, (goal), (kind), who, due, status.

Used for the postsecondary plan's steps and for a goal's steps. An open step whose due date
has passed is shown in dark red and bold, and its due cell says "overdue", so a late step
stands out on a screen shared with a student or a parent. "Today" is asked of a callable each
time, so a model left open overnight and the tests (with a fixed day) both get it right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from ...domain.plans import STEP_KIND_LABELS, STEP_STATUS_LABELS, ActionStep
from .profile_models import Column, Index, RecordsModel, long_date

OVERDUE_COLOR = "#b3261e"  # the same dark red as the error labels (look.error_label)


def due_text(step: ActionStep, today: dt.date) -> str:
    """ "Oct 3, 2026", "Oct 3, 2026 · overdue", or "" when no date is set."""
    if not step.due_on:
        return ""
    shown = long_date(step.due_on)
    return f"{shown} · overdue" if step.is_overdue(today) else shown


def status_text(step: ActionStep) -> str:
    """ "In progress", or "Done Oct 3, 2026" for a finished step."""
    label = STEP_STATUS_LABELS.get(step.status, step.status)
    if step.status == "done" and step.done_on:
        return f"{label} {long_date(step.done_on)}"
    return label


class StepsModel(RecordsModel[ActionStep]):
    """Steps, one per row; ``kind`` adds the Kind column (postsecondary steps), ``goals``
    (goal id -> statement) adds a Goal column first (every step of the plan)."""

    def __init__(
        self,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        kind: bool = True,
        goals: Mapping[int, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        self._today = today
        self._goals: dict[int, str] = dict(goals or {})
        columns: list[Column] = []
        if goals is not None:
            columns.append(("Goal", self._goal_text))
        columns.append(("What", lambda s: s.what))
        if kind:
            columns.append(("Kind", lambda s: STEP_KIND_LABELS.get(s.kind, s.kind)))
        columns.append(("Who", lambda s: s.who()))
        columns.append(("Due", lambda s: due_text(s, self._today())))
        columns.append(("Status", status_text))
        super().__init__(columns, parent)
        self.headers = tuple(header for header, _text in columns)

    def column_of(self, header: str) -> int:
        """The column titled ``header`` ("What", "Due", ...), or -1."""
        return self.headers.index(header) if header in self.headers else -1

    def set_goals(self, goals: Mapping[int, str]) -> None:
        """The goal statements the Goal column shows (goal id -> statement)."""
        self._goals = dict(goals)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def _goal_text(self, step: ActionStep) -> str:
        if step.goal_id is None:
            return "General next step" if step.general else "Postsecondary plan"
        return self._goals.get(step.goal_id, "")

    def is_overdue(self, row: int) -> bool:
        step = self.record(row)
        return step is not None and step.is_overdue(self._today())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(OVERDUE_COLOR) if self.is_overdue(index.row()) else None
        if role == Qt.ItemDataRole.FontRole:
            if not self.is_overdue(index.row()):
                return None
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
