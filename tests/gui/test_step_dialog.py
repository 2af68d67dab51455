"""The action step form and the progress note form the Planning tab shares."""

from __future__ import annotations

import datetime as dt

from ilp_desktop.domain.plans import ActionStep, ProgressNote
from ilp_desktop.gui.dialogs.step_dialog import NoteDialog, StepDialog

from qt_helpers import type_text

TODAY = dt.date(2026, 10, 5)


def _dialog(qtbot: object, saved: list[object], **options: object) -> StepDialog:
    dialog = StepDialog(saved.append, today=TODAY, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    return dialog


def test_other_needs_a_name(qtbot: object) -> None:
    saved: list[ActionStep] = []
    dialog = _dialog(qtbot, saved, with_kind=True)
    type_text(dialog.what, "Ask about the Nguyễn family scholarship")
    dialog.role.setCurrentIndex(dialog.role.findData("other"))
    assert "needed" in dialog.who_name.placeholderText()

    assert not dialog.try_save()
    assert saved == []
    assert dialog.errors["who_name"].text() == "Name the person who does this step."

    type_text(dialog.who_name, "Tía Lupe")
    assert dialog.try_save()
    step = saved[0]
    assert (step.role, step.who_name, step.kind, step.goal_id) == (
        "other",
        "Tía Lupe",
        "application",
        None,
    )
    assert step.what == "Ask about the Nguyễn family scholarship"


def test_name_hint_follows_the_role(qtbot: object) -> None:
    dialog = _dialog(qtbot, [])
    dialog.role.setCurrentIndex(dialog.role.findData("teacher"))
    assert dialog.who_name.placeholderText() == "e.g. Ms. Okafor"
    dialog.role.setCurrentIndex(dialog.role.findData("guardian"))
    assert dialog.who_name.placeholderText() == "e.g. Mom, Mr. Nguyễn"


def test_switching_to_done_fills_today_and_back_clears(qtbot: object) -> None:
    dialog = _dialog(qtbot, [])
    assert not dialog.done_on.isEnabled()
    dialog.set_status("done")
    assert dialog.done_on.text() == "2026-10-05"
    assert dialog.done_on.isEnabled()
    dialog.set_status("in_progress")
    assert dialog.done_on.text() == ""
    assert not dialog.done_on.isEnabled()


def test_done_needs_a_date(qtbot: object) -> None:
    saved: list[ActionStep] = []
    dialog = _dialog(qtbot, saved)
    type_text(dialog.what, "Register for the SAT")
    dialog.set_status("done")
    dialog.done_on.clear()
    assert not dialog.try_save()
    assert dialog.errors["done_on"].text() == "Enter the date the step was done."
    type_text(dialog.done_on, "2026-10-09")  # after today
    assert not dialog.try_save()
    assert "future" in dialog.errors["done_on"].text()
    dialog.done_on.setText("2026-10-01")
    assert dialog.try_save()
    assert (saved[0].status, saved[0].done_on) == ("done", "2026-10-01")


def test_editing_keeps_goal_id_and_dates_of_the_original(qtbot: object) -> None:
    original = ActionStep(
        what="Meet with the math tutor",
        role="tutor",
        due_on="2026-11-02",
        goal_id=7,
        student_id=3,
        created_on="2026-09-01",
        updated_on="2026-09-10",
        id=41,
    )
    saved: list[ActionStep] = []
    dialog = _dialog(qtbot, saved, step=original, goal_id=99)
    assert dialog.kind is None  # goal steps have no kind
    assert dialog.due_on.text() == "2026-11-02"
    dialog.due_on.setText("2026-11-09")
    assert dialog.try_save()
    step = saved[0]
    assert (step.goal_id, step.created_on, step.id, step.student_id) == (7, "2026-09-01", 41, 3)
    assert (step.due_on, step.role, step.kind) == ("2026-11-09", "tutor", "")


def test_a_bad_due_date_is_explained(qtbot: object) -> None:
    saved: list[ActionStep] = []
    dialog = _dialog(qtbot, saved, goal_id=2)
    type_text(dialog.what, "Bring the planner")
    dialog.due_on.setText("next week")
    assert not dialog.try_save()
    assert "not a date" in dialog.errors["due_on"].text()


def test_note_dialog_defaults_to_today(qtbot: object) -> None:
    saved: list[ProgressNote] = []
    dialog = NoteDialog(saved.append, goal_id=5, about="Raise the Algebra grade", today=TODAY)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.noted_on.text() == "2026-10-05"
    assert not dialog.try_save()
    assert dialog.errors["text"].text()
    type_text(dialog.text, "Grade went from D to C+ — tutoring helps")
    assert dialog.try_save()
    assert saved == [ProgressNote("2026-10-05", "Grade went from D to C+ — tutoring helps", 5)]
