"""Strengths, skills, values, learning, activities and supports in the real Self-exploration tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.self_exploration import Activity, ProfileItem, Support
from ilp_desktop.gui import self_profile_sections
from ilp_desktop.gui.dialogs.activity_dialog import ActivityDialog
from ilp_desktop.gui.dialogs.support_dialog import SupportDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.profile_models import (
    ActivitiesModel,
    ProfileItemsModel,
    SupportsModel,
)
from ilp_desktop.gui.self_profile_sections import (
    OTHER,
    ProfileItemDialog,
    ProfileSections,
    bundled_checklists,
)
from ilp_desktop.store.db import open_store
from ilp_desktop.store.self_exploration import SelfExplorationStore
from ilp_desktop.store.students import StudentStore

from qt_helpers import in_dialog, type_text

MakeWindow = Callable[[Path], MainWindow]


def _profile(db: Path, student_id: int) -> Any:
    store = open_store(db)
    try:
        return SelfExplorationStore(store).profile(student_id)
    finally:
        store.close()


def _sections(window: MainWindow, student_id: int) -> ProfileSections:
    assert window.roster.select_student(student_id)
    return window.self_exploration().profile_sections


def test_adding_a_strength_and_a_skill_with_confidence(
    qtbot: object, make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    sections = _sections(window, 3)

    def strength(dialog: ProfileItemDialog) -> None:
        assert dialog.choose("strength-curious")
        type_text(dialog.note, "Asks “why?” about everything")
        assert dialog.try_save()

    in_dialog(ProfileItemDialog, strength)
    sections.items["strength"].add_button.click()

    def skill(dialog: ProfileItemDialog) -> None:
        assert dialog.choose("skill-math")
        assert not dialog.try_save(), "a skill needs its confidence"
        assert "how sure" in dialog.errors["confidence"].text()
        assert dialog.errors["confidence"].isVisible()
        assert dialog.confidence is not None
        dialog.confidence.setCurrentIndex(dialog.confidence.findData(3))
        assert dialog.try_save()

    in_dialog(ProfileItemDialog, skill)
    sections.items["skill"].add_button.click()

    items = _profile(school_db, 3).items
    by_kind = {item.kind: item for item in items}
    assert by_kind["strength"].entry_id == "strength-curious"
    assert by_kind["strength"].note == "Asks “why?” about everything"
    assert (by_kind["skill"].entry_id, by_kind["skill"].confidence) == ("skill-math", 3)
    skills = sections.items["skill"].model
    assert skills.rowCount() == 1
    assert skills.index(0, 1).data() == "3 · Fairly"
    assert sections.items["skill"].current().entry_id == "skill-math"

    # A chosen entry is no longer offered; then edit the confidence of the skill.
    def offered(dialog: ProfileItemDialog) -> None:
        assert not dialog.choose("skill-math")

    in_dialog(ProfileItemDialog, offered)
    sections.items["skill"].add_button.click()

    def edit(dialog: ProfileItemDialog) -> None:
        assert dialog.confidence is not None
        dialog.confidence.setCurrentIndex(dialog.confidence.findData(4))
        assert dialog.try_save()

    in_dialog(ProfileItemDialog, edit)
    sections.items["skill"].edit_button.click()
    (skill_item,) = [i for i in _profile(school_db, 3).items if i.kind == "skill"]
    assert skill_item.confidence == 4


def test_other_in_the_students_words_and_removing(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(school_db)
    sections = _sections(window, 4)

    def other(dialog: ProfileItemDialog) -> None:
        assert dialog.choose(OTHER)
        assert not dialog.try_save()
        assert dialog.errors["entry_id"].isVisible()
        type_text(dialog.other, "Cuida a sus hermanos pequeños")
        assert dialog.try_save()

    in_dialog(ProfileItemDialog, other)
    sections.items["value"].add_button.click()
    (item,) = _profile(school_db, 4).items
    assert (item.kind, item.entry_id, item.other) == ("value", "", "Cuida a sus hermanos pequeños")
    assert sections.items["value"].model.index(0, 0).data() == "Cuida a sus hermanos pequeños"

    asked: list[str] = []
    monkeypatch.setattr(
        self_profile_sections, "confirm_remove", lambda parent, what: asked.append(what) or False
    )
    section = sections.items["value"]
    assert section.select(item.id)
    section.remove_button.click()
    assert asked == ["Cuida a sus hermanos pequeños"]
    assert _profile(school_db, 4).items, "cancelled: nothing removed"
    monkeypatch.setattr(self_profile_sections, "confirm_remove", lambda parent, what: True)
    section.remove_button.click()
    assert not _profile(school_db, 4).items
    assert section.model.rowCount() == 0 and not section.empty.isHidden()


def test_an_activity_with_impossible_hours_is_refused(
    qtbot: object, make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    sections = _sections(window, 5)

    def fill(dialog: ActivityDialog) -> None:
        type_text(dialog.name, "Fútbol")
        dialog.hours.setText("200")
        assert not dialog.try_save()
        message = dialog.errors["hours_per_week"]
        assert message.isVisible() and "0 to 80" in message.text()
        dialog.hours.setText("lots")
        assert not dialog.try_save()
        assert "number" in message.text()

    seen = in_dialog(ActivityDialog, fill)
    sections.activities.add_button.click()
    assert seen, "the dialog opened"
    assert not _profile(school_db, 5).activities


def test_an_activity_round_trips(qtbot: object, make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    sections = _sections(window, 6)

    def fill(dialog: ActivityDialog) -> None:
        dialog.category.setCurrentIndex(dialog.category.findData("job"))
        type_text(dialog.name, "Panadería")
        dialog.role.setText("Cashier")
        dialog.organisation.setText("Family bakery")
        dialog.start_on.setText("2025-06-01")
        dialog.end_on.setText("2024-01-01")
        assert not dialog.try_save()
        assert dialog.errors["end_on"].isVisible()
        dialog.end_on.setText("")
        dialog.hours.setText("7,5")
        assert dialog.try_save()

    in_dialog(ActivityDialog, fill)
    sections.activities.add_button.click()
    (saved,) = _profile(school_db, 6).activities
    assert (saved.category, saved.name, saved.role, saved.organisation) == (
        "job",
        "Panadería",
        "Cashier",
        "Family bakery",
    )
    assert (saved.start_on, saved.end_on, saved.hours_per_week) == ("2025-06-01", "", 7.5)
    model = sections.activities.model
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:4] == ["Job", "Panadería", "Cashier", "Family bakery"]
    assert row[4] == "Jun 1, 2025 – ongoing" and row[5] == "7.5"

    def edit(dialog: ActivityDialog) -> None:
        assert dialog.name.text() == "Panadería"
        dialog.end_on.setText("2025-08-31")
        assert dialog.try_save()

    in_dialog(ActivityDialog, edit)
    sections.activities.edit_button.click()
    (edited,) = _profile(school_db, 6).activities
    assert edited.id == saved.id and edited.end_on == "2025-08-31"


def test_a_support_round_trips(qtbot: object, make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    sections = _sections(window, 2)
    note = bundled_checklists().supports.note
    assert note is not None and sections.iep_note.text() == note.get("en")
    assert sections.flags_row.isHidden(), "no flags on this student"

    def fill(dialog: SupportDialog) -> None:
        assert not dialog.try_save()
        assert dialog.errors["entry_id"].isVisible()
        dialog.choice.setCurrentIndex(dialog.choice.findData("support-extra-time"))
        dialog.provided_by.setCurrentText("Math teacher")
        dialog.since.setText("2025-09-02")
        type_text(dialog.note, "Mostly for tests")
        assert dialog.try_save()

    in_dialog(SupportDialog, fill)
    sections.supports.add_button.click()
    (saved,) = _profile(school_db, 2).supports
    assert (saved.entry_id, saved.provided_by, saved.since, saved.note) == (
        "support-extra-time",
        "Math teacher",
        "2025-09-02",
        "Mostly for tests",
    )
    model = sections.supports.model
    assert model.index(0, 3).data() == "Active"

    def end(dialog: SupportDialog) -> None:
        dialog.ended_on.setText("2026-01-15")
        assert dialog.try_save()

    in_dialog(SupportDialog, end)
    sections.supports.edit_button.click()
    (ended,) = _profile(school_db, 2).supports
    assert ended.ended_on == "2026-01-15"
    assert model.index(0, 3).data() == "Ended Jan 15, 2026"


def test_switching_students_shows_their_own_records(
    qtbot: object, make_window: MakeWindow, tmp_path: Path
) -> None:
    db = tmp_path / "demo.sqlite"
    store = open_store(db, tmp_path / "backups")
    build_demo_school(store, students=40, seed=3)
    data = SelfExplorationStore(store)
    students = StudentStore(store).all()
    profiles = {s.id: data.profile(s.id) for s in students}
    store.close()
    with_items = [s for s in students if profiles[s.id].items and profiles[s.id].activities]
    assert len(with_items) >= 2
    first, second = with_items[:2]
    flagged = next(s for s in students if s.iep or s.plan_504 or s.ell)

    window = make_window(db)
    checklists = bundled_checklists()
    for student in (first, second, first):
        sections = _sections(window, student.id)  # type: ignore[arg-type]
        profile = profiles[student.id]
        for kind, section in sections.items.items():
            shown = [section.model.index(r, 0).data() for r in range(section.model.rowCount())]
            assert shown == [checklists.text(i) for i in profile.items_of(kind)]
        shown_activities = [a.id for a in sections.activities.model.records()]
        assert shown_activities == [a.id for a in profile.activities]
        assert [s.id for s in sections.supports.model.records()] == [s.id for s in profile.supports]
    sections = _sections(window, flagged.id)  # type: ignore[arg-type]
    assert not sections.flags_row.isHidden()
    texts = sections.flag_texts()
    assert ("IEP on file" in texts) == flagged.iep
    assert ("504 plan on file" in texts) == flagged.plan_504


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    checklists = bundled_checklists()
    for kind in ("strength", "skill"):
        items = ProfileItemsModel(checklists, kind)
        qtmodeltester.check(items)
        items.set_records(
            [
                ProfileItem(
                    kind=kind, entry_id="", other="Mine", note="n", recorded_on="2025-01-02"
                ),
                ProfileItem(
                    kind=kind,
                    other="Second",
                    confidence=2 if kind == "skill" else None,
                    recorded_on="2025-01-02",
                    updated_on="2025-03-04",
                ),
            ]
        )
        qtmodeltester.check(items)
        assert "changed Mar 4, 2025" in items.index(1, items.columnCount() - 1).data()
    activities = ActivitiesModel(checklists)
    activities.set_records([Activity(category="sport", name="Swim", start_on="2024-09-01")])
    qtmodeltester.check(activities)
    supports = SupportsModel(checklists)
    supports.set_records([Support(entry_id="support-extra-time", ended_on="2025-01-01")])
    qtmodeltester.check(supports)
