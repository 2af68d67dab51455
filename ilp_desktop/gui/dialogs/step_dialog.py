"""Adding or editing one action step (what, who, by when, how far along), and adding a dated
progress note to a goal: the two small forms the whole Planning tab shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from ...domain.plans import (
    ROLE_LABELS,
    ROLES,
    STEP_KIND_LABELS,
    STEP_KINDS,
    STEP_STATUS_LABELS,
    STEP_STATUSES,
    ActionStep,
    ProgressNote,
    validate_note,
    validate_step,
    with_status,
)
from .activity_dialog import DATE_HINT, RecordDialog, line, note_edit

# What to write in the name box for each role: an example, or that a name is needed.
NAME_HINTS: dict[str, str] = {
    "student": "optional",
    "guardian": "e.g. Mom, Mr. Nguyễn",
    "teacher": "e.g. Ms. Okafor",
    "counselor": "e.g. Mr. Díaz",
    "tutor": "e.g. Writing Center, Ms. Lee",
    "mentor": "e.g. Coach Bell",
    "other": "Name the person (needed)",
}


def _lines_edit(text: str, placeholder: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class StepDialog(RecordDialog):
    """What will be done, (what kind of step), who does it, by when, and how far along it is.

    Switching the status to done fills "Done on" with today (the counselor can change it);
    any other status clears it. A new step goes under ``goal_id`` (None: the postsecondary
    plan); an edited step keeps its goal, id and the date it was added.
    """

    def __init__(
        self,
        save: Callable[[ActionStep], Any],
        step: ActionStep | None = None,
        *,
        goal_id: int | None = None,
        with_kind: bool = False,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit the step" if step else "Add a step", save, parent)
        self.original = step
        self.today = today or dt.date.today()
        current = step or ActionStep(
            what="", goal_id=goal_id, kind="application" if with_kind else ""
        )
        self.goal_id = current.goal_id if step else goal_id
        self.what = self.add_row(
            "What:",
            "what",
            _lines_edit(current.what, "e.g. Submit the FAFSA with a parent", 2, self),
        )

        self.kind: QComboBox | None = None
        if with_kind:
            self.kind = QComboBox(self)
            for kind in STEP_KINDS:
                if kind:
                    self.kind.addItem(STEP_KIND_LABELS[kind], kind)
            self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
            self.add_row("Kind:", "kind", self.kind)

        who = QWidget(self)
        who_row = QHBoxLayout(who)
        who_row.setContentsMargins(0, 0, 0, 0)
        self.role = QComboBox(who)
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        self.role.setCurrentIndex(max(0, self.role.findData(current.role)))
        self.who_name = line(current.who_name, "", who)
        who_row.addWidget(self.role)
        who_row.addWidget(self.who_name, 1)
        self.add_row("Who:", "role", who, "who_name")
        self.fields["role"] = self.role  # a message puts the cursor in the box it is about
        self.fields["who_name"] = self.who_name

        self.due_on = self.add_row("Due:", "due_on", line(current.due_on, DATE_HINT, self))

        self.status = QComboBox(self)
        for status in STEP_STATUSES:
            self.status.addItem(STEP_STATUS_LABELS[status], status)
        self.status.setCurrentIndex(max(0, self.status.findData(current.status)))
        self.add_row("Status:", "status", self.status)
        self.done_on = self.add_row(
            "Done on:", "done_on", line(current.done_on, "filled in when the step is done", self)
        )

        self.role.currentIndexChanged.connect(self._role_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._role_changed()
        self.done_on.setEnabled(current.status == "done")
        self.what.setFocus()

    def _role_changed(self) -> None:
        self.who_name.setPlaceholderText(NAME_HINTS.get(self.role.currentData(), ""))

    def _status_changed(self) -> None:
        status = self.status.currentData()
        # The domain rule: done gets today's date unless one is typed, others have none.
        shown = with_status(self.build(), status, self.today)
        self.done_on.setText(shown.done_on)
        self.done_on.setEnabled(status == "done")

    def set_status(self, status: str) -> None:
        """Choose ``status`` in the list, as the counselor would."""
        self.status.setCurrentIndex(self.status.findData(status))

    def build(self) -> ActionStep:
        base = self.original
        kind = self.kind.currentData() if self.kind is not None else (base.kind if base else "")
        step = ActionStep(
            what=self.what.toPlainText().strip(),
            role=self.role.currentData(),
            who_name=self.who_name.text().strip(),
            due_on=self.due_on.text().strip(),
            status=self.status.currentData(),
            done_on=self.done_on.text().strip(),
            kind=kind,
            goal_id=self.goal_id,
        )
        if base is None:
            return step
        return replace(
            step,
            student_id=base.student_id,
            created_on=base.created_on,
            updated_on=base.updated_on,
            id=base.id,
        )

    def problems(self, record: ActionStep) -> dict[str, str]:
        return validate_step(record, today=self.today)


class NoteDialog(RecordDialog):
    """A dated progress note on a goal: progress, a setback, a change of plan."""

    def __init__(
        self,
        save: Callable[[ProgressNote], Any],
        *,
        goal_id: int | None = None,
        about: str = "",
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add a progress note", save, parent)
        self.goal_id = goal_id
        self.today = today or dt.date.today()
        if about:
            goal = QLabel(f"Goal: {about}", self)
            goal.setWordWrap(True)
            goal.setStyleSheet("color: palette(placeholder-text);")
            self.form.addRow(goal)
        self.noted_on = self.add_row(
            "Date:", "noted_on", line(self.today.isoformat(), DATE_HINT, self)
        )
        self.text = self.add_row("Note:", "text", note_edit("", self))
        self.text.setPlaceholderText("What happened: progress, a setback, a change of plan.")
        self.text.setFocus()

    def build(self) -> ProgressNote:
        return ProgressNote(
            noted_on=self.noted_on.text().strip(),
            text=self.text.toPlainText().strip(),
            goal_id=self.goal_id,
        )

    def problems(self, record: ProgressNote) -> dict[str, str]:
        return validate_note(record, today=self.today)
