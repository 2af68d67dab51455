"""The Planning tab as a counselor uses it: goals with hints, steps, who does what, baselines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ilp_desktop.domain.plans import ActionStep, Baseline, Goal
from ilp_desktop.gui.dialogs.baseline_dialog import BaselineDialog
from ilp_desktop.gui.dialogs.goal_dialog import GoalDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.planning.who_does_what import OVERDUE
from ilp_desktop.gui.tabs.planning import PlanningTab
from ilp_desktop.store.plans import PlanStore

from qt_helpers import fill_on_exec, type_text

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def planning(
    school_db: Path, make_window: Callable[[Path], MainWindow]
) -> tuple[MainWindow, PlanningTab]:
    window = make_window(school_db)
    window._student_selected(1)
    window.student_page.tabs.setCurrentIndex(2)
    tab = window.planning()
    tab.today = lambda: TODAY
    for section in (tab.goals, tab.performance, tab.who_does_what.model):
        section.today = lambda: TODAY
    return window, tab


def test_a_new_student_gets_a_plan_that_says_where_to_start(
    planning: tuple[MainWindow, PlanningTab],
) -> None:
    _window, tab = planning
    assert tab.student is not None and tab.student.id == 1
    who = tab.summary.who.text()
    assert "No interest inventory yet" in who
    assert "none yet: start with one goal" in tab.summary.glance.text()
    assert all(label.isVisibleTo(tab) for label in tab.goals.empty.values())
    assert tab.who_does_what.empty.isVisibleTo(tab)
    assert not tab.who_does_what.view.isVisibleTo(tab)


def test_adding_a_vague_goal_saves_it_and_shows_gentle_hints(
    planning: tuple[MainWindow, PlanningTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tab = planning
    seen_hints: list[str] = []

    def fill(dialog: GoalDialog) -> None:
        dialog.area.setCurrentIndex(dialog.area.findData("personal"))
        type_text(dialog.statement, "Do better")
        seen_hints.append(dialog.hints.text() if dialog.hints.isVisibleTo(dialog) else "")

    fill_on_exec(monkeypatch, GoalDialog, fill)
    tab.goals.add_button.click()

    goals = PlanStore(window.store).records(1).goals
    assert [(g.area, g.statement) for g in goals] == [("personal", "Do better")]
    assert "target date" in seen_hints[0] and "measured" in seen_hints[0]
    card = tab.goals.card_for(goals[0].id)
    assert card is not None and card.hints.isVisibleTo(card)
    assert "first action step" in card.hints.text()
    assert not tab.goals.empty["personal"].isVisibleTo(tab)
    assert tab.goals.empty["academic"].isVisibleTo(tab)
    assert "1 (1 not started)" in tab.summary.glance.text()


def test_a_specific_goal_has_no_hint_and_steps_group_by_role_with_overdue_first(
    planning: tuple[MainWindow, PlanningTab],
) -> None:
    window, tab = planning
    plans = PlanStore(window.store)
    goal = plans.save_goal(
        1,
        Goal(
            "academic",
            "Raise my Algebra I grade from a D to a C by the end of the semester",
            measure="Grade on each progress report",
            target_date="2027-01-22",
            status="on_track",
        ),
    )
    assert goal.id is not None
    for what, role, due in (
        ("Go to math tutoring on Tuesdays", "student", "2026-12-01"),
        ("Check the grade portal every Friday", "guardian", "2026-11-20"),
        ("Send a progress note home", "teacher", ""),
        ("Turn in the missing homework", "student", "2026-11-15"),
    ):
        plans.save_step(1, ActionStep(what, role=role, due_on=due, goal_id=goal.id))
    plans.save_step(
        1,
        ActionStep(
            "Old step", role="student", status="done", done_on="2026-10-01", goal_id=goal.id
        ),
    )
    tab.reload()

    card = tab.goals.card_for(goal.id)
    assert card is not None and not card.hints.isVisibleTo(card)
    model = tab.who_does_what.model
    rows = [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]
    assert rows[0][0] == "Student — 2 open steps"
    # The overdue step comes first in its group and says so; the done step is not listed.
    assert rows[1] == ("Turn in the missing homework", "Nov 15, 2026 · overdue")
    assert rows[2][0] == "Go to math tutoring on Tuesdays"
    assert rows[3][0] == "Parent or guardian — 1 open step"
    assert "Old step" not in [r[0] for r in rows]
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 3).data().startswith("Raise my Algebra I grade")
    assert "2 overdue" in tab.summary.glance.text()


def test_marking_a_step_done_and_dropping_a_goal(
    planning: tuple[MainWindow, PlanningTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tab = planning
    plans = PlanStore(window.store)
    goal = plans.save_goal(1, Goal("career", "Job-shadow a nurse for a day before spring"))
    plans.save_step(1, ActionStep("Ask the school nurse", role="counselor", goal_id=goal.id))
    tab.reload()
    card = tab.goals.card_for(goal.id)
    assert card is not None
    card.steps_view.selectRow(0)
    card.done_button.click()
    step = plans.records(1).goals[0].steps[0]
    assert (step.status, step.done_on) == ("done", TODAY.isoformat())

    # Dropping asks why; cancelling keeps the goal as it was.
    card = tab.goals.card_for(goal.id)
    assert card is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    card.status.setCurrentIndex(card.status.findData("dropped"))
    assert plans.records(1).goals[0].status == "not_started"
    assert card.status.currentData() == "not_started"
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("The hospital stopped visits", True)
    )
    card.status.setCurrentIndex(card.status.findData("dropped"))
    saved = plans.records(1).goals[0]
    assert (saved.status, saved.dropped_reason) == ("dropped", "The hospital stopped visits")


def test_removing_a_goal_asks_first(
    planning: tuple[MainWindow, PlanningTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tab = planning
    plans = PlanStore(window.store)
    goal = plans.save_goal(1, Goal("academic", "Read twenty minutes every school night"))
    tab.reload()
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    tab.goals.card_for(goal.id).remove_button.click()  # type: ignore[union-attr]
    assert len(plans.records(1).goals) == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    tab.goals.card_for(goal.id).remove_button.click()  # type: ignore[union-attr]
    assert plans.records(1).goals == ()
    assert "Read twenty minutes" in asked[0]


def test_baselines_feed_the_trend_tiles(
    planning: tuple[MainWindow, PlanningTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tab = planning
    plans = PlanStore(window.store)
    plans.save_baseline(1, Baseline("2026-01-20", gpa=2.6, attendance=91.0))

    def fill(dialog: BaselineDialog) -> None:
        dialog.as_of.setText("2026-06-10")
        dialog.gpa.setText("2,9")  # a comma, as some keyboards type it
        dialog.attendance.setText("95 %")

    fill_on_exec(monkeypatch, BaselineDialog, fill)
    tab.performance.baselines.add_button.click()

    saved = plans.records(1).baselines
    assert [(b.as_of, b.gpa, b.attendance) for b in saved] == [
        ("2026-01-20", 2.6, 91.0),
        ("2026-06-10", 2.9, 95.0),
    ]
    gpa, credits, attendance = tab.performance.tiles
    assert gpa.trend.latest == 2.9
    assert gpa.trend.change() == "up 0.30 since 2026-01-20"
    assert credits.trend.latest is None
    assert attendance.trend.change() == "up 4.0% since 2026-01-20"
    # Newest first in the table.
    assert tab.performance.baselines.model.index(0, 0).data() == "Jun 10, 2026"


def test_a_bad_baseline_is_refused_in_the_dialog_and_nothing_is_saved(
    planning: tuple[MainWindow, PlanningTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tab = planning
    dialogs = fill_on_exec(
        monkeypatch, BaselineDialog, lambda d: (d.gpa.setText("7"), d.attendance.setText("abc"))
    )
    tab.performance.baselines.add_button.click()
    dialog = dialogs[0]
    assert "between 0 and 5" in dialog.errors["gpa"].text()
    assert "attendance" in dialog.errors["attendance"].text()
    assert PlanStore(window.store).records(1).baselines == ()


def test_the_plan_follows_the_selected_student(planning: tuple[MainWindow, PlanningTab]) -> None:
    window, tab = planning
    PlanStore(window.store).save_goal(
        2, Goal("academic", "Finish the science fair project on time")
    )
    window._student_selected(2)
    assert tab.student is not None and tab.student.id == 2
    assert len(tab.goals.cards) == 1
    window._student_selected(1)
    assert tab.goals.cards == []


def test_postsecondary_steps_join_who_does_what(planning: tuple[MainWindow, PlanningTab]) -> None:
    window, tab = planning
    PlanStore(window.store).save_step(
        1,
        ActionStep(
            "Submit the FAFSA together", role="guardian", kind="financial_aid", due_on="2027-01-15"
        ),
    )
    tab.postsecondary.steps_changed.emit()
    model = tab.who_does_what.model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["Parent or guardian — 1 open step", None, None, None],
        [
            "Financial aid: Submit the FAFSA together",
            "Parent or guardian",
            "Jan 15, 2027",
            "After high school",
        ],
    ]
    assert "1 open" in tab.summary.glance.text()
