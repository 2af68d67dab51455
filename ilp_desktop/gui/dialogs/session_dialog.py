"""Recording a session: last time's steps first, then who came, the notes, the next steps agreed
and, at a review, who acknowledged the plan. Saved in one action with Save.

"Last time we agreed" is the conversation's opening: each step can be marked done or still open
right there, and that change saves at once (it is the plan, not this session's record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.plans import ActionStep, Goal, with_status
from ...domain.reviews import Checkpoint, open_checkpoints, suggested_checkpoint
from ...domain.sessions import (
    SESSION_KIND_LABELS,
    SESSION_KINDS,
    Acknowledgement,
    Attendee,
    Session,
    split_names,
    validate_acknowledgement,
    validate_session,
)
from ...domain.students import Student
from ...domain.text import shortened
from ...store.errors import StoreError
from ..look import error_label, heading, show_error
from ..models.profile_models import long_date
from ..models.steps_model import StepsModel
from .step_dialog import StepDialog

ADHOC = "adhoc"
GENERAL = "general"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def checkpoint_choice(checkpoint: Checkpoint, today: dt.date) -> str:
    status = checkpoint.status(today)
    when = {"overdue": "was due", "due": "due", "upcoming": "due"}.get(status, "due")
    return f"{checkpoint.title()} ({when} {long_date(checkpoint.due_on.isoformat())})"


class NextStepDialog(StepDialog):
    """A step agreed at the session: a StepDialog that also says which goal it serves."""

    def __init__(
        self,
        goals: Sequence[Goal],
        step: ActionStep | None = None,
        *,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lambda s: s, step, today=today, parent=parent)
        self.setWindowTitle("A next step agreed" if step is None else "Edit the next step")
        self.goal = QComboBox(self)
        self.goal.addItem("No goal: a general next step", GENERAL)
        for goal in goals:
            if goal.id is not None and goal.is_open:
                self.goal.addItem(_short(goal.statement), goal.id)
        if step is not None and step.goal_id is not None:
            self.goal.setCurrentIndex(max(0, self.goal.findData(step.goal_id)))
        self.add_row("For goal:", "goal", self.goal)

    def build(self) -> ActionStep:
        step = super().build()
        chosen = self.goal.currentData() if hasattr(self, "goal") else GENERAL
        if chosen == GENERAL:
            return replace(step, goal_id=None, general=True)
        return replace(step, goal_id=chosen, general=False)


def _short(text: str, limit: int = 70) -> str:
    return shortened(text, limit)


class SessionDialog(QDialog):
    """A new session (``session`` None) or an existing one to edit."""

    def __init__(
        self,
        *,
        student: Student,
        save: Callable[[Session, list[ActionStep], list[Acknowledgement] | None], Session],
        update_step: Callable[[ActionStep], ActionStep],
        goals: Sequence[Goal],
        last_time: tuple[Session | None, list[ActionStep]],
        checkpoints: Sequence[Checkpoint],
        counselor_name: str,
        today: dt.date,
        session: Session | None = None,
        as_review: bool = False,
        agreed_count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.student = student
        self.save_session = save
        self.update_step = update_step
        self.goals = list(goals)
        self.today = today
        self.original = session
        self.saved: Session | None = None
        self.new_steps: list[ActionStep] = []
        name = student.display_name
        self.setWindowTitle(
            f"Session with {name}" if session is None else f"Session of {session.held_on}"
        )

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setSpacing(10)

        # Last time -----------------------------------------------------------------------------
        last_session, last_steps = last_time
        self.last_box = QGroupBox(body)
        self.last_model = StepsModel(lambda: self.today, kind=False, goals=None, parent=self)
        self.last_model.set_records(last_steps)
        if last_session is not None:
            self.last_box.setTitle(
                f"Last time we agreed ({last_session.kind_text()}, "
                f"{long_date(last_session.held_on)})"
            )
        self.last_view = _table(self.last_model, body)
        self.last_view.setAccessibleName("Steps agreed last time")
        last_buttons = QVBoxLayout()
        self.mark_done = QPushButton("Mark done", body)
        self.mark_in_progress = QPushButton("In progress", body)
        self.mark_to_do = QPushButton("Still to do", body)
        for button, status in (
            (self.mark_done, "done"),
            (self.mark_in_progress, "in_progress"),
            (self.mark_to_do, "to_do"),
        ):
            button.clicked.connect(lambda _c=False, s=status: self._set_last_status(s))
            last_buttons.addWidget(button)
        last_buttons.addStretch(1)
        self.last_error = QLabel(body)
        self.last_error.setWordWrap(True)
        error_label(self.last_error)
        last_row = QHBoxLayout(self.last_box)
        last_left = QVBoxLayout()
        last_left.addWidget(self.last_view)
        last_left.addWidget(self.last_error)
        last_row.addLayout(last_left, 1)
        last_row.addLayout(last_buttons)
        self.last_box.setVisible(bool(last_steps))
        self.last_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        if last_steps:
            self.last_view.selectRow(0)
        column.addWidget(self.last_box)

        # The meeting ---------------------------------------------------------------------------
        current = session or Session(held_on=today.isoformat())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.held_on = QDateEdit(body)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("MMM d, yyyy")
        self.held_on.setMaximumDate(qdate(today))
        self.held_on.setDate(qdate(dt.date.fromisoformat(current.held_on)))
        self.kind = QComboBox(body)
        for kind in SESSION_KINDS:
            self.kind.addItem(SESSION_KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
        when_row = QHBoxLayout()
        when_row.addWidget(self.held_on)
        when_row.addSpacing(12)
        when_row.addWidget(QLabel("Meeting:", body))
        when_row.addWidget(self.kind, 1)
        form.addRow("Date:", when_row)
        self.held_error = _error(body)
        form.addRow("", self.held_error)

        self.is_review = QCheckBox("This meeting reviews the plan", body)
        self.checkpoint = QComboBox(body)
        self.checkpoint.setAccessibleName("Which review")
        self._fill_checkpoints(checkpoints, current)
        review_row = QHBoxLayout()
        review_row.addWidget(self.is_review)
        review_row.addWidget(self.checkpoint, 1)
        form.addRow("Review:", review_row)
        self.review_note = QLabel(
            "Saving a review keeps a snapshot of the whole plan as it stands, so the next "
            "review can show what changed.",
            body,
        )
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", self.review_note)
        column.addLayout(form)

        # Who took part -------------------------------------------------------------------------
        who_box = QGroupBox("Who took part", body)
        who = QGridLayout(who_box)
        present = {(a.role, a.name) for a in current.attendees}
        roles_present = {a.role for a in current.attendees}
        self.attend_student = QCheckBox(f"Student ({name})", who_box)
        self.attend_student.setChecked(session is None or "student" in roles_present)
        self.attend_counselor = QCheckBox(
            f"Counselor ({counselor_name})" if counselor_name else "Counselor", who_box
        )
        self.attend_counselor.setChecked(session is None or "counselor" in roles_present)
        self.counselor_name = counselor_name
        who.addWidget(self.attend_student, 0, 0)
        who.addWidget(self.attend_counselor, 0, 1)
        self.attend_guardians: list[tuple[QCheckBox, str]] = []
        for n, guardian in enumerate(student.guardians):
            label = guardian.name + (f" ({guardian.relationship})" if guardian.relationship else "")
            box = QCheckBox(label, who_box)
            box.setChecked(("guardian", guardian.name) in present)
            self.attend_guardians.append((box, guardian.name))
            who.addWidget(box, 1 + n // 2, n % 2)
        next_row = 2 + (len(student.guardians) - 1) // 2 if student.guardians else 1
        known = {g.name for g in student.guardians}
        self.other_guardians = QLineEdit(
            ", ".join(
                a.name for a in current.attendees if a.role == "guardian" and a.name not in known
            ),
            who_box,
        )
        self.other_guardians.setPlaceholderText("other family members, separated by commas")
        self.teachers = QLineEdit(
            ", ".join(a.name for a in current.attendees if a.role == "teacher"), who_box
        )
        self.teachers.setPlaceholderText("e.g. Mr. Chen, Ms. Ortiz")
        self.others = QLineEdit(
            ", ".join(a.name for a in current.attendees if a.role == "other"), who_box
        )
        self.others.setPlaceholderText("e.g. interpreter, coach, case worker")
        for offset, (label, edit) in enumerate(
            (
                ("Family:", self.other_guardians),
                ("Teachers:", self.teachers),
                ("Others:", self.others),
            )
        ):
            row = QHBoxLayout()
            row.addWidget(QLabel(label, who_box))
            row.addWidget(edit, 1)
            who.addLayout(row, next_row + offset, 0, 1, 2)
        self.who_error = _error(who_box)
        who.addWidget(self.who_error, next_row + 3, 0, 1, 2)
        column.addWidget(who_box)

        # Notes ---------------------------------------------------------------------------------
        notes_label = QLabel("Notes", body)
        heading(notes_label, 1.0)
        column.addWidget(notes_label)
        self.notes = QPlainTextEdit(current.notes, body)
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(
            "What you talked about, what the student said, what was decided."
        )
        self.notes.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 9 + 12)
        column.addWidget(self.notes)
        self.notes_error = _error(body)
        column.addWidget(self.notes_error)

        # Next steps ----------------------------------------------------------------------------
        steps_box = QGroupBox("Next steps agreed", body)
        steps_layout = QHBoxLayout(steps_box)
        self.steps_model = StepsModel(lambda: self.today, kind=False, goals={}, parent=self)
        self.steps_model.set_goals({g.id: _short(g.statement, 50) for g in self.goals if g.id})
        self.steps_view = _table(self.steps_model, steps_box)
        self.steps_view.setAccessibleName("Next steps agreed")
        steps_buttons = QVBoxLayout()
        self.add_step = QPushButton("Add a step…", steps_box)
        self.edit_step = QPushButton("Edit…", steps_box)
        self.remove_step = QPushButton("Remove", steps_box)
        for button in (self.add_step, self.edit_step, self.remove_step):
            steps_buttons.addWidget(button)
        steps_buttons.addStretch(1)
        left = QVBoxLayout()
        if agreed_count:
            earlier = QLabel(
                f"{agreed_count} step{'s were' if agreed_count > 1 else ' was'} agreed at this "
                "session already; they are in the plan (Planning tab). Steps added here join "
                "them.",
                steps_box,
            )
            earlier.setWordWrap(True)
            left.addWidget(earlier)
        left.addWidget(self.steps_view)
        steps_layout.addLayout(left, 1)
        steps_layout.addLayout(steps_buttons)
        self.add_step.clicked.connect(self._add_step)
        self.edit_step.clicked.connect(self._edit_step)
        self.remove_step.clicked.connect(self._remove_step)
        self.steps_view.doubleClicked.connect(self._edit_step)
        column.addWidget(steps_box)

        # Acknowledgement -----------------------------------------------------------------------
        self.ack_box = QGroupBox("Who reviewed the plan", body)
        acks = {a.role: a for a in current.acknowledgements}
        ack_layout = QGridLayout(self.ack_box)
        self.ack_student = QCheckBox("Student", self.ack_box)
        self.ack_student_name = QLineEdit(acks["student"].name if "student" in acks else name)
        self.ack_guardian = QCheckBox("Parent or guardian", self.ack_box)
        self.ack_guardian_name = QComboBox(self.ack_box)
        self.ack_guardian_name.setEditable(True)
        self.ack_guardian_name.addItems([g.name for g in student.guardians])
        if "guardian" in acks:
            self.ack_guardian_name.setEditText(acks["guardian"].name)
        self.ack_counselor = QCheckBox("Counselor", self.ack_box)
        self.ack_counselor_name = QLineEdit(
            acks["counselor"].name if "counselor" in acks else counselor_name
        )
        for n, (box, field) in enumerate(
            (
                (self.ack_student, self.ack_student_name),
                (self.ack_guardian, self.ack_guardian_name),
                (self.ack_counselor, self.ack_counselor_name),
            )
        ):
            box.setChecked(box is self.ack_student and "student" in acks)
            ack_layout.addWidget(box, n, 0)
            ack_layout.addWidget(field, n, 1)
        self.ack_guardian.setChecked("guardian" in acks)
        self.ack_counselor.setChecked("counselor" in acks)
        first = next(iter(acks.values()), None)
        self.ack_on = QDateEdit(self.ack_box)
        self.ack_on.setCalendarPopup(True)
        self.ack_on.setDisplayFormat("MMM d, yyyy")
        self.ack_on.setMaximumDate(qdate(today))
        self.ack_on.setDate(
            qdate(dt.date.fromisoformat(first.signed_on if first else current.held_on))
        )
        self.ack_paper = QCheckBox("On paper (a signed copy is kept)", self.ack_box)
        self.ack_paper.setChecked(any(a.on_paper for a in acks.values()))
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("On:", self.ack_box))
        date_row.addWidget(self.ack_on)
        date_row.addSpacing(12)
        date_row.addWidget(self.ack_paper)
        date_row.addStretch(1)
        ack_layout.addLayout(date_row, 3, 0, 1, 2)
        self.ack_error = _error(self.ack_box)
        ack_layout.addWidget(self.ack_error, 4, 0, 1, 2)
        ack_layout.setColumnStretch(1, 1)
        column.addWidget(self.ack_box)
        column.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.general_error = _error(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.is_review.setChecked(bool(current.review) or as_review)
        self.is_review.toggled.connect(self._review_toggled)
        self._review_toggled()
        self._update_buttons()
        self._update_step_buttons()
        self.steps_view.selectionModel().currentRowChanged.connect(self._update_step_buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(960, int(screen.width() * 0.9)) if screen else 900
        height = min(820, int(screen.height() * 0.92)) if screen else 700
        self.resize(width, height)
        self.notes.setFocus()

    # Checkpoints -------------------------------------------------------------------------------
    def _fill_checkpoints(self, checkpoints: Sequence[Checkpoint], current: Session) -> None:
        choices = open_checkpoints(checkpoints, self.today)
        held_by_this = [
            c
            for c in checkpoints
            if c.held is not None and current.id is not None and c.held.session_id == current.id
        ]
        for checkpoint in held_by_this + choices:
            self.checkpoint.addItem(
                checkpoint_choice(checkpoint, self.today), (checkpoint.kind, checkpoint.school_year)
            )
        self.checkpoint.addItem("A review outside the schedule (ad hoc)", (ADHOC, None))
        if current.review:
            wanted = (current.review, current.review_year)
            self.checkpoint.setCurrentIndex(max(0, self.checkpoint.findData(wanted)))
        else:
            suggested = suggested_checkpoint(checkpoints, self.today)
            if suggested is not None:
                index = self.checkpoint.findData((suggested.kind, suggested.school_year))
                self.checkpoint.setCurrentIndex(max(0, index))

    def _review_toggled(self) -> None:
        review = self.is_review.isChecked()
        self.checkpoint.setEnabled(review)
        self.review_note.setVisible(review and self.original is None)
        self.ack_box.setVisible(review)
        if review and self.original is None and not self.original_acks_set():
            self.ack_student.setChecked(True)
            self.ack_counselor.setChecked(True)

    def original_acks_set(self) -> bool:
        return bool(self.original and self.original.acknowledgements)

    # Last time's steps -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        step = self.last_model.record(self.last_view.currentIndex().row())
        for button, status in (
            (self.mark_done, "done"),
            (self.mark_in_progress, "in_progress"),
            (self.mark_to_do, "to_do"),
        ):
            button.setEnabled(step is not None and step.status != status)

    def _set_last_status(self, status: str) -> None:
        row = self.last_view.currentIndex().row()
        step = self.last_model.record(row)
        if step is None:
            return
        try:
            saved = self.update_step(with_status(step, status, self.today))
        except (LookupError, ValueError, StoreError) as error:
            show_error(self.last_error, f"Not saved: {error}")
            return
        show_error(self.last_error, None)
        steps = self.last_model.records()
        steps[row] = saved
        self.last_model.set_records(steps)
        self.last_view.selectRow(row)
        self._update_buttons()

    # This session's steps ----------------------------------------------------------------------
    def _update_step_buttons(self) -> None:
        has = self.steps_view.currentIndex().isValid()
        self.edit_step.setEnabled(has)
        self.remove_step.setEnabled(has)

    def _add_step(self) -> None:
        dialog = NextStepDialog(self.goals, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.new_steps.append(dialog.saved)
            self.steps_model.set_records(self.new_steps)
            self.steps_view.selectRow(len(self.new_steps) - 1)
            self._update_step_buttons()

    def _edit_step(self) -> None:
        row = self.steps_view.currentIndex().row()
        if not 0 <= row < len(self.new_steps):
            return
        dialog = NextStepDialog(self.goals, self.new_steps[row], today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.new_steps[row] = dialog.saved
            self.steps_model.set_records(self.new_steps)
            self.steps_view.selectRow(row)

    def _remove_step(self) -> None:
        row = self.steps_view.currentIndex().row()
        if 0 <= row < len(self.new_steps):
            del self.new_steps[row]
            self.steps_model.set_records(self.new_steps)
            self._update_step_buttons()

    # Saving ------------------------------------------------------------------------------------
    def attendees(self) -> tuple[Attendee, ...]:
        people: list[Attendee] = []
        if self.attend_student.isChecked():
            people.append(Attendee("student", self.student.display_name))
        for box, guardian in self.attend_guardians:
            if box.isChecked():
                people.append(Attendee("guardian", guardian))
        people += [Attendee("guardian", n) for n in split_names(self.other_guardians.text())]
        if self.attend_counselor.isChecked():
            people.append(Attendee("counselor", self.counselor_name))
        people += [Attendee("teacher", n) for n in split_names(self.teachers.text())]
        people += [Attendee("other", n) for n in split_names(self.others.text())]
        return tuple(people)

    def build(self) -> Session:
        review, year = ("", None)
        if self.is_review.isChecked():
            review, year = self.checkpoint.currentData() or (ADHOC, None)
        base = self.original or Session(held_on="")
        return replace(
            base,
            held_on=pydate(self.held_on.date()).isoformat(),
            kind=self.kind.currentData(),
            attendees=self.attendees(),
            notes=self.notes.toPlainText().strip(),
            review=review,
            review_year=year,
        )

    def acknowledgements(self) -> list[Acknowledgement]:
        signed_on = pydate(self.ack_on.date()).isoformat()
        paper = self.ack_paper.isChecked()
        acks = []
        for role, box, name in (
            ("student", self.ack_student, self.ack_student_name.text()),
            ("guardian", self.ack_guardian, self.ack_guardian_name.currentText()),
            ("counselor", self.ack_counselor, self.ack_counselor_name.text()),
        ):
            if box.isChecked():
                acks.append(Acknowledgement(role, signed_on, name.strip(), paper))
        return acks

    def try_save(self) -> bool:
        session = self.build()
        problems = validate_session(session, today=self.today)
        acks = self.acknowledgements() if session.is_review else []
        for ack in acks:
            for key, message in validate_acknowledgement(
                ack, today=self.today, held_on=session.held_on
            ).items():
                problems.setdefault(f"ack_{key}", message)
        show_error(self.held_error, problems.get("held_on") or problems.get("kind"))
        show_error(self.who_error, problems.get("attendees"))
        show_error(self.notes_error, problems.get("notes"))
        show_error(
            self.ack_error,
            " ".join(m for k, m in problems.items() if k.startswith("ack_")) or None,
        )
        show_error(self.general_error, problems.get("review"))
        if problems:
            return False
        try:
            self.saved = self.save_session(
                session, list(self.new_steps), acks if session.is_review else None
            )
        except (LookupError, ValueError, StoreError) as error:
            show_error(self.general_error, f"Not saved: {error}")
            return False
        self.accept()
        return True


def _table(model: StepsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.column_of("What"), QHeaderView.ResizeMode.Stretch)
    # Who is often long ("Parent or guardian (name)"): a fixed share, the whole text on hover.
    who = model.column_of("Who")
    header.setSectionResizeMode(who, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(who, view.fontMetrics().horizontalAdvance("Parent or guardian (Ingeborg)"))
    rows = view.fontMetrics().height() + 8
    view.verticalHeader().setDefaultSectionSize(rows)
    view.setMinimumHeight(rows * 4 + 6)
    view.setMaximumHeight(rows * 7 + 6)
    return view


def _error(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    error_label(label)
    return label
