"""The Reviews and sessions tab: holding a review with next steps, last time's steps carried
forward, what changed since the last review, and the caseload dashboard around it."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ilp_desktop.domain.plans import Goal
from ilp_desktop.domain.sessions import Attendee, Session
from ilp_desktop.gui.caseload_page import PLANNING, REVIEWS
from ilp_desktop.gui.dialogs.school_calendar_dialog import SchoolCalendarDialog
from ilp_desktop.gui.dialogs.session_dialog import NextStepDialog, SessionDialog, qdate
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.tabs.reviews import ReviewsTab
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.school_calendar import load_calendar
from ilp_desktop.store.sessions import SessionStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student
from qt_helpers import fill_on_exec

TODAY = dt.date(2026, 11, 22)
MakeWindow = Callable[[Path], MainWindow]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "school.sqlite", tmp_path / "backups")
    student = StudentStore(opened).add(make_student(1, grade="9", counselor="Ms. Ortiz"))
    assert student.id == 1
    PlanStore(opened).save_goal(1, Goal(area="academic", statement="Raise math to a B by June"))
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: Any, store: Store) -> ReviewsTab:
    widget = ReviewsTab(store, today=lambda: TODAY)
    qtbot.addWidget(widget)
    student = StudentStore(store).get(1)
    assert student is not None
    widget.set_student(student)
    widget.resize(1000, 640)
    widget.show()
    return widget


def _add_step(what: str, goal_index: int = 0) -> Callable[[NextStepDialog], None]:
    def fill(dialog: NextStepDialog) -> None:
        dialog.what.setPlainText(what)
        dialog.due_on.setText("2026-12-05")
        dialog.goal.setCurrentIndex(goal_index)

    return fill


def test_holding_a_review_saves_session_steps_acknowledgement_and_snapshot(
    monkeypatch: pytest.MonkeyPatch, tab: ReviewsTab, store: Store
) -> None:
    cards = [tab.cards.itemAt(n).widget().text() for n in range(tab.cards.count())]
    assert any("Transition review" in c and "Overdue" in c for c in cards)  # grade 9

    step_fill = _add_step("Go to math tutoring on Tuesdays", goal_index=1)
    fill_on_exec(monkeypatch, NextStepDialog, step_fill)

    def fill(dialog: SessionDialog) -> None:
        assert dialog.is_review.isChecked() and dialog.ack_box.isVisibleTo(dialog)
        # The overdue transition review is offered first.
        assert dialog.checkpoint.currentData() == ("transition", 2026)
        dialog.held_on.setDate(qdate(dt.date(2026, 11, 20)))
        dialog.notes.setPlainText("Talked about <b>math</b> & tutoring.")
        dialog.attend_guardians[0][0].setChecked(True)
        dialog.teachers.setText("Mr. Chen, Ms. Ortiz")
        dialog.add_step.click()
        dialog.ack_guardian.setChecked(True)
        dialog.ack_paper.setChecked(True)

    shown = fill_on_exec(monkeypatch, SessionDialog, fill)
    tab.hold_button.click()
    assert shown and shown[0].result() == QDialog.DialogCode.Accepted

    sessions = SessionStore(store).sessions(1)
    assert len(sessions) == 1
    session = sessions[0]
    assert (session.review, session.review_year, session.held_on) == (
        "transition",
        2026,
        "2026-11-20",
    )
    assert [a.role for a in session.attendees] == [
        "student",
        "guardian",
        "counselor",
        "teacher",
        "teacher",
    ]
    assert {a.role for a in session.acknowledgements} == {"student", "guardian", "counselor"}
    assert all(a.on_paper for a in session.acknowledgements)
    steps = PlanStore(store).records(1).all_steps()
    assert [(s.what, s.session_id, s.goal_id is not None) for s in steps] == [
        ("Go to math tutoring on Tuesdays", session.id, True)
    ]
    assert SessionStore(store).last_review(1) is not None
    # The tab follows: the checkpoint is held, the session's page shows what was typed.
    cards = [tab.cards.itemAt(n).widget().text() for n in range(tab.cards.count())]
    assert any("Transition review" in c and "Held" in c for c in cards)
    text = tab.session_view.toPlainText()
    assert "Talked about <b>math</b> & tutoring." in text
    assert "Go to math tutoring on Tuesdays" in text


def test_last_time_we_agreed_comes_first_and_marks_steps_done(
    monkeypatch: pytest.MonkeyPatch, tab: ReviewsTab, store: Store
) -> None:
    goal = PlanStore(store).records(1).goals[0]
    from ilp_desktop.domain.plans import ActionStep

    SessionStore(store).save_session(
        1,
        Session(
            held_on="2026-10-02", attendees=(Attendee("student"),), review="fall", review_year=2026
        ),
        new_steps=[
            ActionStep(what="Finish the algebra packet", goal_id=goal.id, due_on="2026-10-20"),
            ActionStep(what="Ask about the robotics club", general=True),
        ],
    )
    tab.reload()
    seen: dict[str, Any] = {}

    def fill(dialog: SessionDialog) -> None:
        assert dialog.last_box.isVisibleTo(dialog)
        assert "Last time we agreed" in dialog.last_box.title()
        assert "Oct 2, 2026" in dialog.last_box.title()
        rows = [dialog.last_model.record(n) for n in range(dialog.last_model.rowCount())]
        seen["before"] = [(s.what, s.status) for s in rows]
        assert dialog.last_model.is_overdue(0)  # due Oct 20, not done
        dialog.last_view.selectRow(0)
        dialog.mark_done.click()
        seen["after"] = dialog.last_model.record(0).status
        dialog.notes.setPlainText("Checked in.")

    fill_on_exec(monkeypatch, SessionDialog, fill)
    tab.session_button.click()

    assert seen["before"] == [
        ("Finish the algebra packet", "to_do"),
        ("Ask about the robotics club", "to_do"),
    ]
    assert seen["after"] == "done"
    steps = {s.what: s for s in PlanStore(store).records(1).all_steps()}
    assert steps["Finish the algebra packet"].done_on == TODAY.isoformat()
    # The review's snapshot is compared with the plan now.
    changes = tab.changes_view.toPlainText()
    assert "Oct 2, 2026" in tab.details.tabText(0)
    assert "Finish the algebra packet" in changes
    assert len(SessionStore(store).sessions(1)) == 2


def test_marking_last_time_done_is_kept_even_if_the_session_is_cancelled(
    monkeypatch: pytest.MonkeyPatch, tab: ReviewsTab, store: Store
) -> None:
    from ilp_desktop.domain.plans import ActionStep

    SessionStore(store).save_session(
        1,
        Session(held_on="2026-10-02", attendees=(Attendee("student"),)),
        new_steps=[ActionStep(what="Read one chapter", general=True)],
    )
    tab.reload()

    def exec_(dialog: SessionDialog) -> int:
        dialog.last_view.selectRow(0)
        dialog.mark_done.click()
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SessionDialog, "exec", exec_)
    tab.session_button.click()
    assert [s.status for s in PlanStore(store).records(1).all_steps()] == ["done"]
    assert len(SessionStore(store).sessions(1)) == 1


def test_a_session_with_nobody_ticked_is_refused(
    monkeypatch: pytest.MonkeyPatch, tab: ReviewsTab, store: Store
) -> None:
    def fill(dialog: SessionDialog) -> None:
        dialog.attend_student.setChecked(False)
        dialog.attend_counselor.setChecked(False)

    shown = fill_on_exec(monkeypatch, SessionDialog, fill)
    tab.session_button.click()
    assert shown[0].result() != QDialog.DialogCode.Accepted
    assert "Tick who took part" in shown[0].who_error.text()
    assert SessionStore(store).sessions(1) == []


def test_deleting_a_session_asks_first(
    monkeypatch: pytest.MonkeyPatch, tab: ReviewsTab, store: Store
) -> None:
    SessionStore(store).save_session(
        1, Session(held_on="2026-10-02", attendees=(Attendee("student"),))
    )
    tab.reload()
    tab.view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    tab.delete_button.click()
    assert len(SessionStore(store).sessions(1)) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.delete_button.click()
    assert SessionStore(store).sessions(1) == []
    assert tab.empty_sessions.isVisibleTo(tab)


def test_school_calendar_refuses_dates_out_of_order(qtbot: Any, store: Store) -> None:
    dialog = SchoolCalendarDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.dates["fall_due"].setDate(qdate(dt.date(2026, 9, 1)))  # before the transition due
    assert not dialog.try_save()
    assert any(label.text() for label in dialog.errors.values())
    assert load_calendar(store).fall_due == "10-31"
    dialog.dates["fall_due"].setDate(qdate(dt.date(2026, 11, 15)))
    assert dialog.try_save()
    assert load_calendar(store).fall_due == "11-15"


# --- The dashboard in the main window ----------------------------------------------------------


def test_dashboard_counts_open_lists_and_students(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    page = window.dashboard
    assert window.stack.currentWidget() is page
    page.today = page.model._today = lambda: TODAY  # fall checkpoints are overdue then
    page.reload()
    rows = page.shown_rows()
    assert len(rows) == 9
    # Nobody has goals or an inventory in this roster.
    assert page.cards["no_goals"].count == 9
    assert page.cards["no_inventory"].count == 9
    page.cards["no_goals"].click()
    assert page.list_key == "no_goals" and page.proxy.rowCount() == 9
    grade_nine = page.grade.findData("9")
    page.grade.setCurrentIndex(grade_nine)
    assert page.cards["no_goals"].count == 2 and page.proxy.rowCount() == 2
    student_id = page.proxy.student_id(0)
    page.view.activated.emit(page.proxy.index(0, 0))
    assert window.stack.currentWidget() is window.student_page
    assert window.student_page.student.id == student_id
    assert window.student_page.tabs.currentIndex() == PLANNING
    window.show_dashboard()
    assert window.stack.currentWidget() is page
    assert window.roster.current_student_id() is None
    page.cards["overdue_reviews"].click()
    page.view.activated.emit(page.proxy.index(0, 0))
    assert window.student_page.tabs.currentIndex() == REVIEWS


def test_compliance_export_writes_one_row_per_student(
    monkeypatch: pytest.MonkeyPatch, make_window: MakeWindow, school_db: Path, tmp_path: Path
) -> None:
    window = make_window(school_db)
    target = tmp_path / "out" / "compliance"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)")
    )
    window.dashboard.export_button.click()
    written = target.with_suffix(".csv")
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads accents with a byte-order mark
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 10
    assert "Nguyễn" in {row[1] for row in rows}
    assert list(tmp_path.joinpath("out").iterdir()) == [written]
