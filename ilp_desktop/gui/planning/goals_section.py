"""Goals by area, each as a card: the goal in the student's words, how progress is measured, the
target date and status, gentle SMART hints, the action steps (who does what, by when) and the
dated progress notes. Every change is one store call; there is nothing to save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.plans import (
    AREA_LABELS,
    AREAS,
    GOAL_STATUS_LABELS,
    GOAL_STATUSES,
    ActionStep,
    Goal,
    ProgressNote,
    goal_with_status,
    smart_hints,
    with_status,
)
from ...domain.shortlist import ShortlistEntry
from ...store.plans import PlanStore
from ..dialogs.goal_dialog import HINT_STYLE, GoalDialog
from ..dialogs.step_dialog import NoteDialog, StepDialog
from ..look import heading
from ..models.profile_models import RecordsModel, long_date
from ..models.steps_model import StepsModel
from ..saving import save_or_warn
from ..self_profile_sections import confirm_remove, fitted_table

STATUS_COLOURS = {
    "not_started": ("#eef0f3", "#3c4043"),
    "on_track": ("#e3f1e6", "#1e5631"),
    "at_risk": ("#fdecea", "#8c1d18"),
    "done": ("#e1ecf7", "#1d3557"),
    "dropped": ("#f1f1f1", "#5f6368"),
}
NOTES_SHOWN = 3


def status_style(status: str) -> str:
    background, text = STATUS_COLOURS.get(status, STATUS_COLOURS["not_started"])
    return (
        f"QComboBox {{ background: {background}; color: {text}; font-weight: bold;"
        " border: 1px solid #c4c7c5; border-radius: 4px; padding: 2px 8px; }"
    )


class GoalCard(QFrame):
    """One goal with its steps and notes; asks its section to do the saving."""

    def __init__(self, section: GoalsSection, goal: Goal, parent: QWidget) -> None:
        super().__init__(parent)
        self.section = section
        self.goal = goal
        today = section.today()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("goalCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)

        top = QHBoxLayout()
        statement = QLabel(goal.statement, self)
        statement.setTextFormat(Qt.TextFormat.PlainText)
        statement.setWordWrap(True)
        heading(statement, 1.1)
        if goal.status == "dropped":
            font = statement.font()
            font.setStrikeOut(True)
            statement.setFont(font)
        top.addWidget(statement, 1)
        self.status = QComboBox(self)
        for key in GOAL_STATUSES:
            self.status.addItem(GOAL_STATUS_LABELS[key], key)
        self.status.setCurrentIndex(self.status.findData(goal.status))
        self.status.setStyleSheet(status_style(goal.status))
        self.status.setToolTip("The goal's status; changes are saved at once.")
        self.status.setAccessibleName("Goal status")
        self.status.currentIndexChanged.connect(self._status_chosen)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        facts = []
        facts.append(f"Measured by: {goal.measure}" if goal.measure else "Measured by: not set")
        if goal.target_date:
            target = f"Target: {long_date(goal.target_date)}"
            if goal.is_overdue(today):
                target += " (passed)"
            facts.append(target)
        else:
            facts.append("Target: no date")
        if goal.career_code:
            facts.append(f"Leads to: {section.career_title(goal.career_code)}")
        if goal.status == "dropped" and goal.dropped_reason:
            facts.append(f"Dropped because: {goal.dropped_reason}")
        self.facts = QLabel("   ·   ".join(facts), self)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)

        hints = smart_hints(goal, today)
        self.hints = QLabel("Tip: " + " ".join(hints), self)
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet(HINT_STYLE)
        self.hints.setVisible(bool(hints))
        layout.addWidget(self.hints)

        self.steps = StepsModel(section.today, kind=False, parent=self)
        self.steps.set_records(list(goal.steps))
        self.steps_view = fitted_table(self.steps, self, 0)
        self.steps_view.doubleClicked.connect(lambda _index: self.edit_step())
        layout.addWidget(self.steps_view)
        if not goal.steps:
            none = QLabel("No action steps yet.", self)
            none.setStyleSheet("font-style: italic;")
            layout.addWidget(none)

        self.notes = RecordsModel(
            [("Progress note", lambda n: n.text), ("Date", lambda n: long_date(n.noted_on))],
            self,
        )
        self.notes.set_records(list(goal.notes[:NOTES_SHOWN]))
        self.notes_view = fitted_table(self.notes, self, 0)
        layout.addWidget(self.notes_view)
        if len(goal.notes) > NOTES_SHOWN:
            more = QLabel(f"{len(goal.notes) - NOTES_SHOWN} earlier notes: see “All notes…”.", self)
            layout.addWidget(more)

        buttons = QHBoxLayout()
        self.add_step_button = QPushButton("Add step…", self)
        self.edit_step_button = QPushButton("Edit step…", self)
        self.done_button = QPushButton("Step done", self)
        self.remove_step_button = QPushButton("Remove step", self)
        self.note_button = QPushButton("Progress note…", self)
        self.edit_button = QPushButton("Edit goal…", self)
        self.remove_button = QPushButton("Remove goal", self)
        for button in (
            self.add_step_button,
            self.edit_step_button,
            self.done_button,
            self.remove_step_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.note_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        if len(goal.notes) > NOTES_SHOWN:
            self.all_notes_button = QPushButton("All notes…", self)
            self.all_notes_button.clicked.connect(self.show_all_notes)
            buttons.insertWidget(buttons.count() - 3, self.all_notes_button)

        self.add_step_button.clicked.connect(lambda: self.edit_step(new=True))
        self.edit_step_button.clicked.connect(lambda: self.edit_step())
        self.done_button.clicked.connect(self.step_done)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.note_button.clicked.connect(self.add_note)
        self.edit_button.clicked.connect(lambda: section.edit_goal(self.goal))
        self.remove_button.clicked.connect(lambda: section.remove_goal(self.goal))
        self.steps_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def current_step(self) -> ActionStep | None:
        rows = self.steps_view.selectionModel().selectedRows()
        return self.steps.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        step = self.current_step()
        self.edit_step_button.setEnabled(step is not None)
        self.remove_step_button.setEnabled(step is not None)
        self.done_button.setEnabled(step is not None and step.is_open)

    def _status_chosen(self) -> None:
        status = self.status.currentData()
        if status == self.goal.status:
            return
        reason = ""
        if status == "dropped":
            reason, ok = QInputDialog.getText(
                self,
                "Drop the goal",
                "Why is the goal dropped? (The next review will want to know.)",
            )
            if not ok or not reason.strip():
                self.status.blockSignals(True)
                self.status.setCurrentIndex(self.status.findData(self.goal.status))
                self.status.blockSignals(False)
                return
        self.section.save_goal(goal_with_status(self.goal, status, reason.strip()))

    def edit_step(self, new: bool = False) -> None:
        step = None if new else self.current_step()
        if not new and step is None:
            return
        self.section.edit_step(step, self.goal)

    def step_done(self) -> None:
        step = self.current_step()
        if step is not None and step.is_open:
            self.section.save_step(with_status(step, "done", self.section.today()))

    def remove_step(self) -> None:
        step = self.current_step()
        if step is not None and confirm_remove(self, step.what):
            self.section.guarded(lambda: self.section.plans.delete_step(step.id))
            self.section.reload()

    def add_note(self) -> None:
        goal_id = self.goal.id
        assert goal_id is not None
        dialog = NoteDialog(
            lambda note: self.section.plans.add_note(goal_id, note),
            goal_id=goal_id,
            about=self.goal.statement,
            today=self.section.today(),
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            self.section.reload()

    def show_all_notes(self) -> None:
        text = "\n\n".join(f"{long_date(n.noted_on)}: {n.text}" for n in self.goal.notes)
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Progress notes", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


class GoalsSection(QWidget):
    """The goals of one student by area, with an Add goal… for each area."""

    changed = Signal()

    def __init__(
        self,
        plans: PlanStore,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.plans = plans
        self.today = today
        self.student_id: int | None = None
        self.goals: list[Goal] = []
        self.shortlist: list[ShortlistEntry] = []
        self.cards: list[GoalCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel("Goals and action steps", self)
        heading(title, 1.3)
        top.addWidget(title)
        top.addStretch(1)
        self.add_button = QPushButton("Add goal…", self)
        self.add_button.clicked.connect(lambda: self.edit_goal(None))
        top.addWidget(self.add_button)
        layout.addLayout(top)
        intro = QLabel(
            "Specific goals with a date and a way to measure them, and for each the steps that "
            "get there: what, who does it, by when.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(intro)
        self.areas: dict[str, QVBoxLayout] = {}
        self.empty: dict[str, QLabel] = {}
        for area in AREAS:
            header = QHBoxLayout()
            label = QLabel(AREA_LABELS[area], self)
            heading(label, 1.1)
            header.addWidget(label)
            header.addStretch(1)
            add = QPushButton(f"Add {AREA_LABELS[area].lower()} goal…", self)
            add.setFlat(True)
            add.setStyleSheet("color: #1f4e8c; text-decoration: underline;")
            add.clicked.connect(lambda _=False, a=area: self.edit_goal(None, a))
            header.addWidget(add)
            layout.addLayout(header)
            holder = QVBoxLayout()
            holder.setSpacing(8)
            layout.addLayout(holder)
            empty = QLabel(f"No {AREA_LABELS[area].lower()} goal yet.", self)
            empty.setStyleSheet("font-style: italic; color: palette(placeholder-text);")
            holder.addWidget(empty)
            self.areas[area] = holder
            self.empty[area] = empty

    def set_goals(
        self, student_id: int, goals: Sequence[Goal], shortlist: Sequence[ShortlistEntry]
    ) -> None:
        self.student_id = student_id
        self.goals = list(goals)
        self.shortlist = list(shortlist)
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        # Open goals first within each area, then done, then dropped.
        order = {status: n for n, status in enumerate(GOAL_STATUSES)}
        closed_last = sorted(
            self.goals, key=lambda g: (not g.is_open, order.get(g.status, 0), g.id or 0)
        )
        for area, holder in self.areas.items():
            mine = [g for g in closed_last if g.area == area]
            self.empty[area].setVisible(not mine)
            for goal in mine:
                card = GoalCard(self, goal, self)
                holder.addWidget(card)
                self.cards.append(card)

    def card_for(self, goal_id: int) -> GoalCard | None:
        return next((c for c in self.cards if c.goal.id == goal_id), None)

    def career_title(self, code: str) -> str:
        entry = next((e for e in self.shortlist if e.code == code), None)
        return entry.title if entry else code

    # Saving -----------------------------------------------------------------------------------
    def guarded(self, action: Callable[[], Any]) -> Any:
        return save_or_warn(self, action)[1]

    def reload(self) -> None:
        if self.student_id is None:
            return
        records = self.plans.records(self.student_id)
        self.set_goals(self.student_id, records.goals, self.shortlist)
        self.changed.emit()

    def save_goal(self, goal: Goal) -> None:
        student_id = self.student_id
        if student_id is not None:
            self.guarded(lambda: self.plans.save_goal(student_id, goal))
            self.reload()

    def save_step(self, step: ActionStep) -> None:
        student_id = self.student_id
        if student_id is not None:
            self.guarded(lambda: self.plans.save_step(student_id, step))
            self.reload()

    def edit_goal(self, goal: Goal | None, area: str = "academic") -> None:
        student_id = self.student_id
        if student_id is None:
            return
        dialog = GoalDialog(
            lambda record: self.plans.save_goal(student_id, record),
            goal,
            area=area,
            shortlist=self.shortlist,
            today=self.today(),
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            self.reload()

    def remove_goal(self, goal: Goal) -> None:
        steps, notes = len(goal.steps), len(goal.notes)
        also = [
            f"{n} {word}{'' if n == 1 else 's'}"
            for n, word in ((steps, "action step"), (notes, "progress note"))
            if n
        ]
        question = f"Remove the goal “{goal.statement}”"
        question += f" with its {' and '.join(also)}?" if also else "?"
        answer = QMessageBox.question(
            self,
            "Remove goal",
            question + " This cannot be undone. (A goal that is no longer pursued can be "
            "marked Dropped instead, which keeps its history.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.guarded(lambda: self.plans.delete_goal(goal.id))
            self.reload()

    def edit_step(self, step: ActionStep | None, goal: Goal) -> None:
        student_id = self.student_id
        if student_id is None:
            return
        dialog = StepDialog(
            lambda record: self.plans.save_step(student_id, record),
            step,
            goal_id=goal.id,
            today=self.today(),
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            self.reload()

    def add_note(self, goal: Goal, note: ProgressNote) -> None:
        goal_id = goal.id
        if goal_id is not None:
            self.guarded(lambda: self.plans.add_note(goal_id, note))
            self.reload()
