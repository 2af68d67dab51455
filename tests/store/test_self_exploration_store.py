"""Storing self-exploration: answers saved one by one, resuming, round trips, cascades."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from ilp_desktop.domain.interests import Inventory, load_inventory
from ilp_desktop.domain.self_exploration import (
    Activity,
    InventoryAttempt,
    ProfileItem,
    SelfExplorationProfile,
    Support,
)
from ilp_desktop.paths import resource
from ilp_desktop.store import db as db_module
from ilp_desktop.store import migrations
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.self_exploration import SelfExplorationStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student

TODAY = dt.date.today().isoformat()
SELF_EXPLORATION_TABLES = ("inventory_attempts", "profile_items", "activities", "supports")


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    text = resource("inventory", "forms.json").read_text(encoding="utf-8")
    return load_inventory(json.loads(text))


@pytest.fixture
def selfx(store: Store) -> SelfExplorationStore:
    return SelfExplorationStore(store)


@pytest.fixture
def student_id(students: StudentStore) -> int:
    added = students.add(make_student(1))
    assert added.id is not None
    return added.id


def _rows(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- Inventory attempts ---------------------------------------------------------------------


def test_answers_saved_one_by_one_survive_closing_and_resume(
    tmp_path: Path, inventory: Inventory
) -> None:
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    student = StudentStore(store).add(make_student(2))
    assert student.id is not None
    selfx = SelfExplorationStore(store)
    attempt = selfx.start_attempt(student.id, "younger", "es", "student")
    assert attempt.id is not None
    ids = inventory.form("younger").ids
    given = {ids[0]: 5, ids[1]: 4, ids[2]: None, ids[3]: 1}
    for item_id, value in given.items():
        selfx.save_answer(attempt.id, item_id, value)
    selfx.save_answer(attempt.id, ids[1], 2)  # the student went Back and changed it
    store.close()  # the laptop lid closes mid-attempt

    store = open_store(path, tmp_path / "backups")
    try:
        resumed = SelfExplorationStore(store).unfinished_attempt(student.id)
        assert resumed is not None and resumed.id == attempt.id
        assert resumed.answers == {ids[0]: 5, ids[1]: 2, ids[2]: None, ids[3]: 1}
        assert list(resumed.answers) == list(ids[:4])  # in the order they were asked
        assert (resumed.form, resumed.language, resumed.entered_by) == ("younger", "es", "student")
        assert resumed.next_position(inventory) == 4
        assert not resumed.finished
    finally:
        store.close()
    assert not (tmp_path / "backups").exists()  # reopening migrates nothing, backs up nothing


def test_finishing_puts_the_result_on_record(
    selfx: SelfExplorationStore, student_id: int, inventory: Inventory
) -> None:
    attempt = selfx.start_attempt(student_id, "younger", "en", "keyed", at="2026-10-01T15:00:00")
    assert attempt.id is not None
    form = inventory.form("younger")
    for item in form.items:
        selfx.save_answer(attempt.id, item.id, 5 if item.type == "I" else 2)

    finished = selfx.finish_attempt(attempt.id, at="2026-10-01T15:03:10")

    assert finished.finished_at == "2026-10-01T15:03:10"
    assert finished.is_complete(inventory)
    assert finished.result(inventory).ranked[0] == "I"
    assert selfx.unfinished_attempt(student_id) is None
    # Finishing twice changes nothing; a finished attempt refuses new answers.
    assert selfx.finish_attempt(attempt.id, at="2026-10-02T09:00:00") == finished
    with pytest.raises(ValueError, match="finished"):
        selfx.save_answer(attempt.id, form.ids[0], 1)
    with pytest.raises(ValueError, match="finished"):
        selfx.clear_answer(attempt.id, form.ids[0])
    assert selfx.attempt(attempt.id) == finished


def test_bad_answers_are_refused_and_change_nothing(
    selfx: SelfExplorationStore, student_id: int
) -> None:
    attempt = selfx.start_attempt(student_id, "secondary", "en")
    assert attempt.id is not None
    selfx.save_answer(attempt.id, "S01", 3)
    for value in (0, 6, True, "4"):
        with pytest.raises(ValueError, match="from 1"):
            selfx.save_answer(attempt.id, "S02", value)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a statement id"):
        selfx.save_answer(attempt.id, '$."x', 3)
    with pytest.raises(LookupError):
        selfx.save_answer(attempt.id + 100, "S02", 3)
    stored = selfx.attempt(attempt.id)
    assert stored is not None and stored.answers == {"S01": 3}


def test_clearing_an_answer_makes_it_not_reached(
    selfx: SelfExplorationStore, student_id: int
) -> None:
    attempt = selfx.start_attempt(student_id, "secondary", "en", "keyed")
    assert attempt.id is not None
    selfx.save_answer(attempt.id, "S01", 3)
    selfx.save_answer(attempt.id, "S02", None)
    selfx.clear_answer(attempt.id, "S01")
    stored = selfx.attempt(attempt.id)
    assert stored is not None and stored.answers == {"S02": None}


def test_starting_refuses_an_unknown_form_or_language(
    selfx: SelfExplorationStore, student_id: int, store: Store
) -> None:
    with pytest.raises(ValueError, match="form"):
        selfx.start_attempt(student_id, "long", "en")
    with pytest.raises(ValueError, match="fr"):
        selfx.start_attempt(student_id, "younger", "fr")
    with pytest.raises(ValueError, match="student or keyed"):
        selfx.start_attempt(student_id, "younger", "en", "scanned")
    assert _rows(store, "inventory_attempts") == 0


def test_attempts_are_listed_newest_first(selfx: SelfExplorationStore, student_id: int) -> None:
    started = ["2024-09-20T10:00:00", "2026-09-15T09:00:00", "2025-10-01T11:00:00"]
    made = [selfx.start_attempt(student_id, "younger", "en", at=at) for at in started]
    for attempt in made[:2]:
        assert attempt.id is not None
        selfx.finish_attempt(attempt.id, at=attempt.started_at.replace("T", "T1"))

    listed = selfx.attempts(student_id)

    assert [a.started_at for a in listed] == sorted(started, reverse=True)
    assert [a.started_at for a in selfx.attempts(student_id, finished_only=True)] == [
        "2026-09-15T09:00:00",
        "2024-09-20T10:00:00",
    ]
    unfinished = selfx.unfinished_attempt(student_id)
    assert unfinished is not None and unfinished.started_at == "2025-10-01T11:00:00"
    assert selfx.attempts(student_id + 1) == []


def test_the_reflection_is_saved_with_its_date(
    selfx: SelfExplorationStore, student_id: int
) -> None:
    attempt = selfx.start_attempt(student_id, "younger", "es")
    assert attempt.id is not None
    selfx.finish_attempt(attempt.id)

    selfx.set_reflection(attempt.id, "partly", "  Más o menos. Me gusta ayudar, pero no siempre. ")

    stored = selfx.attempt(attempt.id)
    assert stored is not None
    assert stored.agreement == "partly"
    assert stored.reflection == "Más o menos. Me gusta ayudar, pero no siempre."
    assert stored.reflected_on == TODAY
    selfx.set_reflection(attempt.id, None, "", on="2026-10-02")
    stored = selfx.attempt(attempt.id)
    assert stored is not None
    assert (stored.agreement, stored.reflection, stored.reflected_on) == (None, "", "2026-10-02")
    with pytest.raises(ValueError, match="agree, partly or disagree"):
        selfx.set_reflection(attempt.id, "maybe", "")
    with pytest.raises(LookupError):
        selfx.set_reflection(attempt.id + 100, "agree", "")


def test_an_abandoned_attempt_can_be_deleted(selfx: SelfExplorationStore, student_id: int) -> None:
    attempt = selfx.start_attempt(student_id, "younger", "en")
    assert attempt.id is not None
    selfx.delete_attempt(attempt.id)
    assert selfx.attempt(attempt.id) is None
    assert selfx.unfinished_attempt(student_id) is None


# --- Profile items, activities, supports ----------------------------------------------------


def test_profile_items_round_trip_update_and_delete(
    selfx: SelfExplorationStore, student_id: int
) -> None:
    skill = selfx.add_profile_item(
        student_id, ProfileItem("skill", "skill-speaking", confidence=1, recorded_on="2025-09-10")
    )
    own = selfx.add_profile_item(
        student_id, ProfileItem("strength", other=" Can fix phones ", note=" Since grade 6 ")
    )
    assert skill.id is not None and own.id is not None
    assert skill.updated_on == "2025-09-10" and skill.student_id == student_id
    assert (own.other, own.note, own.recorded_on, own.updated_on) == (
        "Can fix phones",
        "Since grade 6",
        TODAY,
        TODAY,
    )

    skill.confidence = 3
    skill.note = "Did it in history class."
    updated = selfx.update_profile_item(skill, on="2026-10-01")

    assert updated.updated_on == "2026-10-01" and updated.recorded_on == "2025-09-10"
    assert selfx.profile_items(student_id, "skill") == [updated]
    assert {i.id for i in selfx.profile_items(student_id)} == {skill.id, own.id}
    selfx.delete_profile_item(own.id)
    assert selfx.profile_items(student_id) == [updated]


def test_an_entry_is_recorded_once_per_student(
    selfx: SelfExplorationStore, student_id: int, students: StudentStore
) -> None:
    selfx.add_profile_item(student_id, ProfileItem("value", "value-helping"))
    with pytest.raises(ValueError, match="already on the student's list"):
        selfx.add_profile_item(student_id, ProfileItem("value", "value-helping"))
    # Another student, or another kind, may have it.
    other = students.add(make_student(3))
    assert other.id is not None
    selfx.add_profile_item(other.id, ProfileItem("value", "value-helping"))
    assert len(selfx.profile_items(student_id)) == 1


def test_the_schema_refuses_what_the_app_could_not_read(store: Store, student_id: int) -> None:
    selfx = SelfExplorationStore(store)
    for bad in (
        ProfileItem("strength", "strength-kind", confidence=3),  # confidence is for skills
        ProfileItem("skill", "skill-math", confidence=7),
        ProfileItem("hobby", "x"),
        ProfileItem("value"),  # neither an entry nor own words
        ProfileItem("value", "value-helping", other="Helping"),  # both
    ):
        with pytest.raises(sqlite3.IntegrityError):
            selfx.add_profile_item(student_id, bad)
    with pytest.raises(sqlite3.IntegrityError):
        selfx.add_activity(student_id, Activity("sport", "Soccer", hours_per_week=100))
    with pytest.raises(sqlite3.IntegrityError):
        selfx.add_activity(
            student_id, Activity("sport", "Soccer", start_on="2026-09-01", end_on="2026-01-01")
        )
    with pytest.raises(sqlite3.IntegrityError):
        selfx.add_profile_item(student_id + 100, ProfileItem("value", "value-helping"))
    assert _rows(store, "profile_items") == _rows(store, "activities") == 0


def test_activities_round_trip_ongoing_first(selfx: SelfExplorationStore, student_id: int) -> None:
    ended = selfx.add_activity(
        student_id,
        Activity(
            "sport",
            "Soccer",
            role="Goalkeeper",
            organisation="City youth league",
            start_on="2024-08-26",
            end_on="2024-11-10",
            hours_per_week=8,
        ),
    )
    job = selfx.add_activity(
        student_id,
        Activity(
            "job",
            " Grocery store ",
            role="Cashier",
            organisation="Rosa's Market",
            start_on="2025-06-02",
            hours_per_week=12.5,
            note="Weekends only.",
            recorded_on="2025-09-10",
        ),
    )
    assert ended.hours_per_week == 8.0 and isinstance(ended.hours_per_week, float)
    assert job.name == "Grocery store" and job.updated_on == "2025-09-10"

    listed = selfx.activities(student_id)
    assert listed == [job, ended]  # ongoing first

    job.end_on = "2026-08-20"
    job.hours_per_week = None
    updated = selfx.update_activity(job, on="2026-09-01")
    assert updated.end_on == "2026-08-20" and updated.hours_per_week is None
    assert selfx.activities(student_id) == [updated, ended]  # most recently started first
    assert ended.id is not None
    selfx.delete_activity(ended.id)
    assert selfx.activities(student_id) == [updated]


def test_supports_round_trip_active_first(selfx: SelfExplorationStore, student_id: int) -> None:
    old = selfx.add_support(
        student_id,
        Support(
            "support-read-aloud",
            provided_by="Paraprofessional",
            since="2023-09-05",
            ended_on="2024-06-10",
        ),
    )
    current = selfx.add_support(
        student_id,
        Support(other="Rides to the library", provided_by="Aunt", since="2022-01-10", note="Sat."),
    )
    assert selfx.supports(student_id) == [current, old]
    assert current.active and not old.active

    current.ended_on = "2026-06-01"
    updated = selfx.update_support(current)
    assert updated.updated_on == TODAY and not updated.active
    assert selfx.supports(student_id) == [old, updated]  # both ended: most recent since first
    assert old.id is not None
    selfx.delete_support(old.id)
    assert selfx.supports(student_id) == [updated]


def test_updating_something_never_added_is_refused(selfx: SelfExplorationStore) -> None:
    with pytest.raises(ValueError, match="has been added"):
        selfx.update_profile_item(ProfileItem("value", "value-helping"))
    with pytest.raises(ValueError, match="has been added"):
        selfx.update_activity(Activity("club", "Chess"))
    with pytest.raises(ValueError, match="has been added"):
        selfx.update_support(Support("support-tutoring"))


def test_the_profile_brings_everything_for_one_student(
    selfx: SelfExplorationStore, student_id: int, students: StudentStore
) -> None:
    other = students.add(make_student(4))
    assert other.id is not None
    attempt = selfx.start_attempt(student_id, "younger", "en")
    item = selfx.add_profile_item(student_id, ProfileItem("learning", "learning-quiet"))
    activity = selfx.add_activity(student_id, Activity("family", "Caring for siblings"))
    support = selfx.add_support(student_id, Support("support-tutoring"))
    selfx.add_profile_item(other.id, ProfileItem("learning", "learning-quiet"))

    profile = selfx.profile(student_id)

    assert profile == SelfExplorationProfile(
        student_id, attempts=[attempt], items=[item], activities=[activity], supports=[support]
    )
    assert selfx.profile(other.id).items_of("learning")[0].student_id == other.id
    assert selfx.profile(other.id + 100).is_empty


def test_whole_profiles_go_in_at_once(selfx: SelfExplorationStore, students: StudentStore) -> None:
    ids = [s.id for s in students.add_many(make_student(n) for n in range(10, 13))]
    made = SelfExplorationProfile(
        None,
        attempts=[
            InventoryAttempt(
                None,
                "younger",
                "en",
                "2025-10-01T09:00:00",
                finished_at="2025-10-01T09:08:00",
                answers={"Y01": 4, "Y02": None},
                agreement="agree",
                reflection="Sounds like me.",
                reflected_on="2025-10-01",
            )
        ],
        items=[ProfileItem("skill", "skill-math", confidence=2, recorded_on="2025-10-01")],
        activities=[
            Activity("club", "Chess Club", start_on="2025-09-01", recorded_on="2025-10-01")
        ],
        supports=[Support("support-tutoring", since="2025-09-15", recorded_on="2025-10-01")],
    )

    selfx.add_profiles((student_id, made) for student_id in ids if student_id is not None)

    for student_id in ids:
        assert student_id is not None
        profile = selfx.profile(student_id)
        assert [a.answers for a in profile.attempts] == [{"Y01": 4, "Y02": None}]
        assert profile.attempts[0].updated_at == "2025-10-01T09:08:00"
        assert profile.attempts[0].reflection == "Sounds like me."
        assert [(i.student_id, i.entry_id, i.updated_on) for i in profile.items] == [
            (student_id, "skill-math", "2025-10-01")
        ]
        assert [a.name for a in profile.activities] == ["Chess Club"]
        assert [s.entry_id for s in profile.supports] == ["support-tutoring"]


def test_deleting_a_student_deletes_their_records_and_only_theirs(
    store: Store, selfx: SelfExplorationStore, students: StudentStore
) -> None:
    keep, gone = (s.id for s in students.add_many([make_student(5), make_student(6)]))
    assert keep is not None and gone is not None
    for student_id in (keep, gone):
        attempt = selfx.start_attempt(student_id, "younger", "en")
        assert attempt.id is not None
        selfx.save_answer(attempt.id, "Y01", 3)
        selfx.add_profile_item(student_id, ProfileItem("strength", "strength-kind"))
        selfx.add_activity(student_id, Activity("club", "Chess Club"))
        selfx.add_support(student_id, Support("support-tutoring"))

    with store.action() as db:
        db.execute("DELETE FROM students WHERE id = ?", [gone])

    assert selfx.profile(gone).is_empty
    kept = selfx.profile(keep)
    assert (len(kept.attempts), len(kept.items), len(kept.activities), len(kept.supports)) == (
        1,
        1,
        1,
        1,
    )
    students.delete_all()
    for table in SELF_EXPLORATION_TABLES:
        assert _rows(store, table) == 0, table


# --- The migration --------------------------------------------------------------------------


def test_a_database_from_before_self_exploration_is_backed_up_and_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "school.sqlite"
    backups = tmp_path / "backups"
    with monkeypatch.context() as only_0001:
        steps = migrations.STEPS[:1]
        names = tuple(name for name, _ in steps)
        only_0001.setattr(migrations, "STEPS", steps)
        only_0001.setattr(migrations, "KNOWN_NAMES", names)
        only_0001.setattr(db_module, "KNOWN_NAMES", names)
        old = open_store(path, backups)
        StudentStore(old).add_many(make_student(n) for n in range(20))
        tables = {r[0] for r in old.conn.execute("SELECT name FROM sqlite_master")}
        assert not tables & set(SELF_EXPLORATION_TABLES)
        old.close()
    assert "0002_self_exploration" in migrations.KNOWN_NAMES

    store = open_store(path, backups)
    try:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied[:2] == ["0001_students", "0002_self_exploration"]
        students = StudentStore(store)
        assert students.count() == 20
        first = students.roster()[0].id
        selfx = SelfExplorationStore(store)
        attempt = selfx.start_attempt(first, "secondary", "en")
        assert attempt.id is not None
        selfx.save_answer(attempt.id, "S01", 4)
        assert selfx.profile(first).attempts[0].answers == {"S01": 4}
    finally:
        store.close()

    copies = list(backups.glob("*.sqlite"))
    assert len(copies) == 1 and "before-0002_self_exploration" in copies[0].name
    copy = sqlite3.connect(copies[0])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM students").fetchone()[0] == 20
        copy_tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert not copy_tables & set(SELF_EXPLORATION_TABLES)
    finally:
        copy.close()
