"""Adding or editing a goal: area, statement, measure, target date, status, and the shortlisted
career it leads to. The SMART hints show as the counselor types; they advise, never block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...domain.plans import (
    AREA_LABELS,
    AREAS,
    GOAL_STATUS_LABELS,
    GOAL_STATUSES,
    Goal,
    goal_with_status,
    smart_hints,
    validate_goal,
)
from ...domain.shortlist import ShortlistEntry
from .activity_dialog import DATE_HINT, RecordDialog, line, note_edit

HINT_STYLE = "color: #7a4f01; background: #fff6df; border: 1px solid #ecd9a8; padding: 6px;"


class GoalDialog(RecordDialog):
    def __init__(
        self,
        save: Callable[[Goal], Any],
        goal: Goal | None = None,
        *,
        area: str = "academic",
        shortlist: Sequence[ShortlistEntry] = (),
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit the goal" if goal else "Add a goal", save, parent)
        self.today = today or dt.date.today()
        self.original = goal
        current = goal or Goal(area=area, statement="")
        self.area = QComboBox(self)
        for key in AREAS:
            self.area.addItem(AREA_LABELS[key], key)
        self.area.setCurrentIndex(max(0, self.area.findData(current.area)))
        self.add_row("Area:", "area", self.area)
        self.statement = note_edit(current.statement, self)
        self.statement.setPlaceholderText(
            "What the student will do, in their words: e.g. “Raise my Algebra I grade from a "
            "D to a C by the end of the semester.”"
        )
        self.add_row("Goal:", "statement", self.statement)
        self.measure = self.add_row(
            "Measured by:",
            "measure",
            line(current.measure, "e.g. grade on each progress report", self),
        )
        self.target = self.add_row(
            "Target date:", "target_date", line(current.target_date, DATE_HINT, self)
        )
        self.status = QComboBox(self)
        for key in GOAL_STATUSES:
            self.status.addItem(GOAL_STATUS_LABELS[key], key)
        self.status.setCurrentIndex(max(0, self.status.findData(current.status)))
        self.add_row("Status:", "status", self.status)
        self.reason = self.add_row(
            "Why dropped:",
            "dropped_reason",
            line(current.dropped_reason, "e.g. changed schedule; replaced by a new goal", self),
        )
        self.career = QComboBox(self)
        self.career.addItem("No particular career", "")
        for entry in shortlist:
            self.career.addItem(entry.title, entry.code)
        if current.career_code and self.career.findData(current.career_code) < 0:
            self.career.addItem(
                f"{current.career_code} (no longer on the shortlist)", current.career_code
            )
        self.career.setCurrentIndex(max(0, self.career.findData(current.career_code)))
        self.career.setToolTip("A shortlisted career this goal leads towards, if any.")
        self.add_row("Leads to:", "career_code", self.career)
        self.hints = QLabel(self)
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet(HINT_STYLE)
        self.form.addRow(self.hints)
        for edit in (self.measure, self.target, self.reason):
            edit.textChanged.connect(self._update_hints)
        self.statement.textChanged.connect(self._update_hints)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.statement.setFocus()

    def _status_changed(self) -> None:
        self.reason.setEnabled(self.status.currentData() == "dropped")
        self._update_hints()

    def _update_hints(self) -> None:
        goal = self.build()
        hints = smart_hints(replace(goal, id=None), self.today)
        self.hints.setText(
            "To make it specific and measurable: " + " ".join(hints) if hints else ""
        )
        self.hints.setVisible(bool(hints))

    def build(self) -> Goal:
        base = self.original or Goal(area="academic", statement="")
        goal = replace(
            base,
            area=self.area.currentData(),
            statement=self.statement.toPlainText().strip(),
            measure=self.measure.text().strip(),
            target_date=self.target.text().strip(),
            career_code=self.career.currentData(),
        )
        return goal_with_status(goal, self.status.currentData(), self.reason.text().strip())

    def problems(self, record: Goal) -> dict[str, str]:
        return validate_goal(record)
