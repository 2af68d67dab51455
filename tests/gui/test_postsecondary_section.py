"""The "After high school" part of the Planning tab, on a real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ilp_desktop.domain.plans import ActionStep
from ilp_desktop.domain.postsecondary import CareerLink
from ilp_desktop.domain.students import Student
from ilp_desktop.gui.dialogs.step_dialog import StepDialog
from ilp_desktop.gui.dialogs.target_dialog import TargetDialog
from ilp_desktop.gui.models.steps_model import StepsModel
from ilp_desktop.gui.planning.postsecondary_section import (
    NO_SHORTLIST,
    SAVE_DELAY_MS,
    PostsecondarySection,
)
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.postsecondary import PostsecondaryStore
from ilp_desktop.store.shortlist import ShortlistStore
from ilp_desktop.store.students import StudentStore

from helpers import named_students
from qt_helpers import in_dialog, type_text

TODAY = dt.date(2026, 10, 5)
NURSE = ("29-1141.00", "Registered Nurses")
PT = ("29-1123.00", "Physical Therapists")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "school.sqlite", tmp_path / "backups")
    StudentStore(opened).add_many(named_students())
    yield opened
    opened.close()


@pytest.fixture
def section(qtbot: Any, store: Store) -> PostsecondarySection:
    widget = PostsecondarySection(store, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(950, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _student(store: Store, student_id: int) -> Student:
    student = StudentStore(store).get(student_id)
    assert student is not None
    return student


def _show(section: PostsecondarySection, store: Store, student_id: int) -> None:
    shortlist = ShortlistStore(store).entries(student_id)
    section.set_student(_student(store, student_id), shortlist)


def test_aspiration_saves_after_typing_stops(
    qtbot: Any, section: PostsecondarySection, store: Store
) -> None:
    _show(section, store, 1)
    assert section.isEnabled()
    with qtbot.waitSignal(section.changed, timeout=SAVE_DELAY_MS + 2000):
        type_text(section.aspiration, "Làm y tá ở bệnh viện, like my aunt")
        assert PostsecondaryStore(store).plan(1).aspiration == ""  # not yet: still typing
    assert PostsecondaryStore(store).plan(1).aspiration == "Làm y tá ở bệnh viện, like my aunt"
    assert section.aspiration_status.text() == "Saved"


def test_flush_saves_at_once(section: PostsecondarySection, store: Store) -> None:
    _show(section, store, 1)
    type_text(section.aspiration, "Electrician — union apprenticeship")
    section.flush()
    assert PostsecondaryStore(store).plan(1).aspiration == "Electrician — union apprenticeship"


def test_leaving_the_box_saves(qtbot: Any, section: PostsecondarySection, store: Store) -> None:
    _show(section, store, 1)
    section.activateWindow()
    type_text(section.aspiration, "Marine biologist")
    section.pathway.setFocus()
    # Well before the debounce would have fired.
    qtbot.waitUntil(
        lambda: PostsecondaryStore(store).plan(1).aspiration == "Marine biologist",
        timeout=SAVE_DELAY_MS // 2,
    )


def test_switching_student_saves_for_the_student_it_was_typed_for(
    section: PostsecondarySection, store: Store
) -> None:
    _show(section, store, 2)
    type_text(section.aspiration, "Studere i Bergen")
    _show(section, store, 3)  # before the debounce has fired
    assert PostsecondaryStore(store).plan(2).aspiration == "Studere i Bergen"
    assert PostsecondaryStore(store).plan(3).aspiration == ""
    assert section.aspiration.toPlainText() == ""
    type_text(section.aspiration, "Żołnierz")
    _show(section, store, 2)
    assert PostsecondaryStore(store).plan(3).aspiration == "Żołnierz"
    assert section.aspiration.toPlainText() == "Studere i Bergen"


def test_pathway_and_also_considering_are_saved_on_change(
    section: PostsecondarySection, store: Store
) -> None:
    _show(section, store, 1)
    section.pathway.setCurrentIndex(section.pathway.findData("two_year"))
    assert PostsecondaryStore(store).plan(1).pathway == "two_year"
    assert not section.also["two_year"].isEnabled()  # the main pathway is not "also"
    section.also["apprenticeship"].click()
    section.also["military"].click()
    assert PostsecondaryStore(store).plan(1).also_considering == ("apprenticeship", "military")
    # Choosing a considered pathway as the main one takes it out of "also considering".
    section.pathway.setCurrentIndex(section.pathway.findData("military"))
    plan = PostsecondaryStore(store).plan(1)
    assert (plan.pathway, plan.also_considering) == ("military", ("apprenticeship",))


def test_career_links_follow_the_ticks(section: PostsecondarySection, store: Store) -> None:
    shortlist = ShortlistStore(store)
    for code, title in (NURSE, PT):
        shortlist.add(1, code, title)
    PostsecondaryStore(store).set_careers(1, [CareerLink("15-1252.00", "Software Developers")])
    _show(section, store, 1)
    assert not section.no_careers.isVisible()
    gone = section.career_box("15-1252.00")
    assert gone is not None and gone.isChecked()
    assert "not on the shortlist now" in gone.text()

    nurse = section.career_box(NURSE[0])
    assert nurse is not None and not nurse.isChecked()
    nurse.click()
    assert set(PostsecondaryStore(store).plan(1).careers) == {
        CareerLink(*NURSE),
        CareerLink("15-1252.00", "Software Developers"),
    }
    gone.click()
    assert PostsecondaryStore(store).plan(1).careers == (CareerLink(*NURSE),)


def test_an_empty_shortlist_says_where_to_add_careers(
    section: PostsecondarySection, store: Store
) -> None:
    _show(section, store, 4)
    assert section.no_careers.isVisible()
    assert section.no_careers.text() == NO_SHORTLIST


def test_adding_a_target(section: PostsecondarySection, store: Store) -> None:
    _show(section, store, 1)

    def fill(dialog: TargetDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("school"))
        assert not dialog.try_save()  # no name yet
        type_text(dialog.name, "Trường Cao đẳng Valley")
        type_text(dialog.note, "Visit in spring")
        assert dialog.try_save()

    seen = in_dialog(TargetDialog, fill)
    with_signal = []
    section.changed.connect(lambda: with_signal.append(True))
    section.targets.add_button.click()
    assert seen
    targets = PostsecondaryStore(store).plan(1).targets
    assert [(t.kind, t.name, t.note) for t in targets] == [
        ("school", "Trường Cao đẳng Valley", "Visit in spring")
    ]
    assert section.targets.model.rowCount() == 1
    assert section.targets.current() == targets[0]
    assert with_signal


def test_adding_a_step_and_marking_it_done(
    qtbot: Any, section: PostsecondarySection, store: Store
) -> None:
    _show(section, store, 1)

    def fill(dialog: StepDialog) -> None:
        assert dialog.kind is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData("financial_aid"))
        type_text(dialog.what, "Submit the FAFSA")
        dialog.role.setCurrentIndex(dialog.role.findData("guardian"))
        type_text(dialog.who_name, "Mẹ")
        dialog.due_on.setText("2026-12-01")
        assert dialog.try_save()

    in_dialog(StepDialog, fill)
    with qtbot.waitSignal(section.steps_changed):
        section.steps.add_button.click()
    steps = PlanStore(store).records(1).plan_steps
    assert [(s.what, s.kind, s.role, s.who_name, s.due_on, s.goal_id) for s in steps] == [
        ("Submit the FAFSA", "financial_aid", "guardian", "Mẹ", "2026-12-01", None)
    ]
    assert section.steps.current() == steps[0]
    assert section.mark_done_button.isEnabled()

    with qtbot.waitSignal(section.steps_changed):
        section.mark_done_button.click()
    done = PlanStore(store).records(1).plan_steps[0]
    assert (done.status, done.done_on) == ("done", "2026-10-05")
    assert not section.mark_done_button.isEnabled()  # already done


def _step(what: str, due_on: str, status: str = "to_do", **more: Any) -> ActionStep:
    done_on = "2026-10-01" if status == "done" else ""
    return ActionStep(what=what, due_on=due_on, status=status, done_on=done_on, **more)


def test_overdue_steps_stand_out(section: PostsecondarySection, store: Store) -> None:
    plans = PlanStore(store)
    plans.save_step(1, _step("Take the ACT", "2026-10-03", kind="admission_test"))
    plans.save_step(1, _step("Campus tour", "2026-10-02", "done", kind="visit"))
    plans.save_step(1, _step("Ask for letters", "2026-10-05", kind="application"))
    _show(section, store, 1)
    model = section.steps.model
    assert isinstance(model, StepsModel)
    due = model.column_of("Due")
    rows = {model.record(r).what: r for r in range(model.rowCount())}

    late = model.index(rows["Take the ACT"], due)
    assert late.data() == "Oct 3, 2026 · overdue"
    assert late.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b3261e")
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(rows["Take the ACT"], 0).data(Qt.ItemDataRole.FontRole).bold()

    for what in ("Campus tour", "Ask for letters"):  # done; due today
        cell = model.index(rows[what], due)
        assert "overdue" not in cell.data()
        assert cell.data(Qt.ItemDataRole.ForegroundRole) is None
        assert cell.data(Qt.ItemDataRole.FontRole) is None
    status = model.index(rows["Campus tour"], model.column_of("Status")).data()
    assert status == "Done Oct 1, 2026"


def test_steps_model_columns_are_configurable() -> None:
    model = StepsModel(lambda: TODAY, kind=False, goals={7: "Pass Algebra I"})
    assert model.headers == ("Goal", "What", "Who", "Due", "Status")
    model.set_records(
        [_step("See the tutor", "2026-10-01", goal_id=7, role="tutor", who_name="Ms. Lee")]
    )
    assert model.index(0, 0).data() == "Pass Algebra I"
    assert model.index(0, 2).data() == "Tutor (Ms. Lee)"
    assert model.is_overdue(0)
