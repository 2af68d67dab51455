"""The Reviews and sessions tab: this school year's checkpoints, the sessions held, what changed
since the last review, and each session's notes, steps and acknowledgements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.plans import STEP_STATUS_LABELS, ActionStep
from ...domain.reviews import Checkpoint, HeldReview, schedule
from ...domain.school_year import year_label
from ...domain.sessions import Acknowledgement, Session, agreed_last_time
from ...domain.snapshots import changes_by_category, what_changed
from ...domain.students import Student
from ...store.db import Store
from ...store.plans import PlanStore
from ...store.school_calendar import load_calendar
from ...store.sessions import SessionStore
from ..look import heading
from ..models.profile_models import long_date
from ..models.sessions_model import SessionsModel
from ..saving import save_or_warn

STATUS_LOOK: dict[str, tuple[str, str]] = {
    "done": ("#2e7d32", "Held"),
    "overdue": ("#b3261e", "Overdue"),
    "due": ("#8a5a00", "Due now"),
    "upcoming": ("#5f6368", "Coming up"),
}


def checkpoint_html(checkpoint: Checkpoint, today: dt.date) -> str:
    status = checkpoint.status(today)
    color, word = STATUS_LOOK[status]
    if checkpoint.held is not None:
        when = f"{word} {long_date(checkpoint.held.held_on)}"
    else:
        when = f"{word} · due {long_date(checkpoint.due_on.isoformat())}"
    return (
        f"<b>{escape(checkpoint.title())}</b><br>"
        f"<span style='color:{color}; font-weight:600'>{escape(when)}</span>"
    )


def changes_html(before: dict[str, Any], after: dict[str, Any], nothing: str) -> str:
    groups = changes_by_category(what_changed(before, after))
    if not groups:
        return f"<p>{escape(nothing)}</p>"
    parts = []
    for label, changes in groups:
        items = "".join(
            f"<li>{escape(c.text)}"
            + (f" <span style='color:#5f6368'>({escape(c.detail)})</span>" if c.detail else "")
            + "</li>"
            for c in changes
        )
        parts.append(f"<h4 style='margin-bottom:2px'>{escape(label)}</h4><ul>{items}</ul>")
    return "".join(parts)


def session_html(
    session: Session, steps: Sequence[ActionStep], changes: str | None, today: dt.date
) -> str:
    lines = [
        f"<h3 style='margin-bottom:2px'>{escape(session.kind_text())}, "
        f"{escape(long_date(session.held_on))}</h3>",
        f"<p><b>Who took part:</b> {escape(session.attendees_text()) or '—'}</p>",
    ]
    if session.notes:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in session.notes.split("\n") if p.strip())
        lines.append(f"<p><b>Notes</b></p>{paragraphs}")
    else:
        lines.append("<p><b>Notes:</b> none written</p>")
    if steps:
        rows = "".join(
            f"<li>{escape(s.what)} — {escape(s.who())}"
            + (f", by {escape(long_date(s.due_on))}" if s.due_on else "")
            + f" · <i>{escape(_step_status(s, today))}</i></li>"
            for s in steps
        )
        lines.append(f"<p><b>Next steps agreed</b></p><ul>{rows}</ul>")
    else:
        lines.append("<p><b>Next steps agreed:</b> none</p>")
    if session.is_review:
        if session.acknowledgements:
            acks = "".join(f"<li>{escape(a.text())}</li>" for a in session.acknowledgements)
            lines.append(f"<p><b>Who reviewed the plan</b></p><ul>{acks}</ul>")
        else:
            lines.append(
                "<p><b>Who reviewed the plan:</b> nobody recorded yet "
                "(Edit the session to record it).</p>"
            )
    if changes is not None:
        lines.append(f"<hr><p><b>What changed since the review before</b></p>{changes}")
    return "".join(lines)


def _step_status(step: ActionStep, today: dt.date) -> str:
    text = STEP_STATUS_LABELS.get(step.status, step.status)
    if step.status == "done" and step.done_on:
        text += f" {long_date(step.done_on)}"
    elif step.is_overdue(today):
        text += " · overdue"
    return text


class ReviewsTab(QWidget):
    changed = Signal()  # a session was saved or removed: the plan and caseload may differ

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.sessions_store = SessionStore(store)
        self.plans = PlanStore(store)
        self.student: Student | None = None
        self.checkpoints: list[Checkpoint] = []
        self.sessions: list[Session] = []
        self.steps: list[ActionStep] = []

        self.schedule_title = QLabel(self)
        heading(self.schedule_title, 1.25)
        self.hold_button = QPushButton("Hold a review…", self)
        self.hold_button.setToolTip(
            "Record a review of the plan: who came, notes, next steps, acknowledgement; "
            "a snapshot of the plan is kept"
        )
        self.session_button = QPushButton("Record a session…", self)
        self.session_button.setToolTip("A one-on-one, a call or a meeting that is not a review")
        self.cards = QHBoxLayout()
        self.cards.setSpacing(8)

        self.model = SessionsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("sessionsList")
        self.view.setAccessibleName("Sessions")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in enumerate(
            (
                "Sep 30, 2026 ",
                "Conference with the family · Fall",
                "Student, Parent or guardian",
                "Steps ",
            )
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        self.edit_button = QPushButton("Edit or acknowledge…", self)
        self.delete_button = QPushButton("Delete", self)
        self.empty_sessions = QLabel(
            "No sessions recorded yet. “Hold a review…” starts the first review of the plan.",
            self,
        )
        self.empty_sessions.setWordWrap(True)
        self.empty_sessions.setStyleSheet("color: palette(placeholder-text);")

        self.details = QTabWidget(self)
        self.changes_view = QTextBrowser(self)
        self.changes_view.setObjectName("whatChanged")
        self.changes_view.setOpenLinks(False)
        self.session_view = QTextBrowser(self)
        self.session_view.setObjectName("sessionDetails")
        self.session_view.setOpenLinks(False)
        self.details.addTab(self.changes_view, "What changed since the last review")
        self.details.addTab(self.session_view, "Session")

        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        sessions_title = QLabel("Sessions", left)
        heading(sessions_title, 1.1)
        left_column.addWidget(sessions_title)
        left_column.addWidget(self.view, 1)
        left_column.addWidget(self.empty_sessions)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.schedule_title, 1)
        top.addWidget(self.session_button)
        top.addWidget(self.hold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(self.cards)
        layout.addWidget(self.splitter, 1)

        self.hold_button.clicked.connect(lambda: self.record_session(as_review=True))
        self.session_button.clicked.connect(lambda: self.record_session(as_review=False))
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.view.doubleClicked.connect(self.edit_session)
        self.view.selectionModel().currentRowChanged.connect(self._session_chosen)

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student) -> None:
        self.student = student
        self.reload()
        self.details.setCurrentWidget(self.changes_view)

    def reload(self, keep: int | None = None) -> None:
        student = self.student
        if student is None or student.id is None:
            return
        today = self.today()
        calendar = load_calendar(self.store)
        held = self.sessions_store.held_reviews(student.id)
        self.checkpoints = schedule(student.grade, today, calendar, held)
        self.sessions = self.sessions_store.sessions(student.id)
        self.steps = self.plans.records(student.id).all_steps()
        agreed: dict[int, int] = {}
        for step in self.steps:
            if step.session_id is not None:
                agreed[step.session_id] = agreed.get(step.session_id, 0) + 1
        self.schedule_title.setText(
            f"Review schedule, {year_label(calendar.year_of(today))} school year"
        )
        self._show_cards(today, held)
        self.model.set_sessions(self.sessions, agreed)
        self.empty_sessions.setVisible(not self.sessions)
        self._show_changes()
        row = self.model.row_of(keep) if keep is not None else (0 if self.sessions else -1)
        if row >= 0:
            self.view.selectRow(row)
        else:
            self.session_view.setHtml("<p>Choose a session on the left to read it.</p>")
        self._update_buttons()

    def _show_cards(self, today: dt.date, held: list[HeldReview]) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for checkpoint in self.checkpoints:
            card = QLabel(checkpoint_html(checkpoint, today), self)
            card.setObjectName("checkpointCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setStyleSheet(
                "QLabel#checkpointCard { border: 1px solid #b8c7dd; border-radius: 6px; "
                "padding: 6px 10px; background: palette(base); }"
            )
            card.setToolTip(checkpoint.purpose)
            self.cards.addWidget(card, 1)
        if not self.checkpoints:
            note = QLabel("No checkpoints are scheduled for this grade.", self)
            self.cards.addWidget(note, 1)
        last = max(held, key=lambda r: r.held_on, default=None)
        if last is not None and last.kind == "adhoc":
            self.cards.addWidget(QLabel(f"Last review (ad hoc): {long_date(last.held_on)}", self))

    def _show_changes(self) -> None:
        student = self.student
        assert student is not None and student.id is not None
        last = self.sessions_store.last_review(student.id)
        if last is None:
            self.details.setTabText(0, "What changed since the last review")
            self.changes_view.setHtml(
                "<p>No review has been held yet.</p><p>Holding a review keeps a snapshot of the "
                "whole plan. From then on this page lists what changed since: goals added, "
                "completed or changed, steps done and added, careers shortlisted, a new "
                "interest code, new baselines.</p>"
            )
            return
        self.details.setTabText(
            0, f"What changed since the last review ({long_date(last.session.held_on)})"
        )
        now = self.sessions_store.current_snapshot(student.id)
        intro = (
            f"<p style='color:#5f6368'>Compared with the plan as it stood at the review of "
            f"{escape(long_date(last.session.held_on))}.</p>"
        )
        self.changes_view.setHtml(
            intro + changes_html(last.data, now, "Nothing in the plan has changed since then.")
        )

    def _session_chosen(self) -> None:
        session = self.model.record(self.view.currentIndex().row())
        self._update_buttons()
        if session is None:
            return
        steps = [s for s in self.steps if s.session_id == session.id]
        changes = None
        if session.is_review:
            mine = self.sessions_store.review_snapshot(session.id)
            before = self.sessions_store.previous_review(session)
            if mine is not None and before is not None:
                changes = changes_html(before.data, mine, "Nothing had changed.")
            elif mine is not None:
                changes = "<p>This was the first review with a snapshot of the plan.</p>"
        self.session_view.setHtml(session_html(session, steps, changes, self.today()))

    def _update_buttons(self) -> None:
        chosen = self.view.currentIndex().isValid()
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        enabled = self.student is not None
        self.hold_button.setEnabled(enabled)
        self.session_button.setEnabled(enabled)

    def show_session_details(self) -> None:
        self.details.setCurrentWidget(self.session_view)

    # Recording ----------------------------------------------------------------------------------
    def record_session(self, *, as_review: bool) -> Session | None:
        return self._open_dialog(None, as_review=as_review)

    def edit_session(self) -> Session | None:
        session = self.model.record(self.view.currentIndex().row())
        if session is None:
            return None
        return self._open_dialog(session, as_review=session.is_review)

    def _open_dialog(self, session: Session | None, *, as_review: bool) -> Session | None:
        from ..dialogs.session_dialog import SessionDialog

        student = self.student
        if student is None or student.id is None:
            return None
        student_id = student.id
        today = self.today()
        records = self.plans.records(student_id)
        steps = records.all_steps()

        def save(
            record: Session, new_steps: list[ActionStep], acks: list[Acknowledgement] | None
        ) -> Session:
            return self.sessions_store.save_session(
                student_id, record, new_steps=new_steps, acknowledgements=acks
            )

        dialog = SessionDialog(
            student=student,
            save=save,
            update_step=lambda step: self.plans.save_step(student_id, step),
            goals=records.goals,
            last_time=agreed_last_time(self.sessions, steps, before=session),
            checkpoints=self.checkpoints,
            counselor_name=student.counselor,
            today=today,
            session=session,
            as_review=as_review,
            agreed_count=sum(1 for s in steps if session and s.session_id == session.id),
            parent=self,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved
        dialog.deleteLater()
        # Last time's steps may have been marked done even when the session was cancelled.
        self.reload(keep=saved.id if saved is not None else (session.id if session else None))
        if accepted and saved is not None:
            self.show_session_details()
        self.changed.emit()
        return saved

    def delete_session(self) -> None:
        session = self.model.record(self.view.currentIndex().row())
        if session is None or session.id is None:
            return
        what = "review" if session.is_review else "session"
        extra = (
            " Its snapshot of the plan and its acknowledgements go with it."
            if session.is_review
            else ""
        )
        answer = QMessageBox.question(
            self,
            f"Delete {what}",
            f"Delete the {what} of {long_date(session.held_on)}?{extra} The steps agreed at it "
            "stay in the plan.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = save_or_warn(self, lambda: self.sessions_store.delete_session(session.id))
        if ok:
            self.reload()
            self.changed.emit()
