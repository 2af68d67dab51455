"""The plan's records in the database: round trips, cascades, ownership and step order."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from ilp_desktop.domain.plans import ActionStep, Assessment, Baseline, Goal, ProgressNote
from ilp_desktop.store import clock, migrations
from ilp_desktop.store import db as db_module
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanRecords, PlanStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student, named_students


@pytest.fixture
def two(students: StudentStore) -> tuple[int, int]:
    first, second = students.add_many([make_student(1), make_student(2)])
    assert first.id is not None and second.id is not None
    return first.id, second.id


def algebra_goal(**changes: object) -> Goal:
    goal = Goal(
        area="academic",
        statement="  Raise my Algebra I grade from a C to a B  ",
        measure="Grade on each progress report ",
        target_date="2027-01-22",
        status="on_track",
        career_code="15-1252.00",
    )
    return replace(goal, **changes)  # type: ignore[arg-type]


def count(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_new_student_has_an_empty_plan(store: Store, two: tuple[int, int]) -> None:
    assert PlanStore(store).records(two[0]) == PlanRecords((), (), (), ())


def test_baselines_and_assessments_round_trip(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    sid = two[0]
    later = plans.save_baseline(sid, Baseline("2026-06-10", gpa=3.1, credits=12.5, note=" ok "))
    earlier = plans.save_baseline(sid, Baseline("2025-09-15", attendance=94.5))
    test = plans.save_assessment(
        sid, Assessment("  PSAT   10 ", "2026-10-14", score=" 1050 ", level="", note="")
    )
    assert later.id is not None and earlier.id is not None and test.id is not None
    assert later.recorded_on == clock.today() == later.updated_on
    assert (later.note, test.name, test.score) == ("ok", "PSAT 10", "1050")

    records = plans.records(sid)
    assert records.baselines == (earlier, later)  # oldest first
    assert records.assessments == (test,)
    assert records.baselines[1].gpa == 3.1 and records.baselines[0].gpa is None
    assert plans.records(two[1]).baselines == ()

    changed = plans.save_baseline(sid, replace(later, gpa=3.2, recorded_on="2026-06-11"))
    assert changed.recorded_on == "2026-06-11"  # kept: the day it was first recorded
    assert plans.records(sid).baselines[1].gpa == 3.2
    plans.delete_baseline(earlier.id)
    plans.delete_assessment(test.id)
    records = plans.records(sid)
    assert [b.id for b in records.baselines] == [later.id] and records.assessments == ()


def test_a_goal_with_notes_and_steps_round_trips(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    sid = two[0]
    goal = plans.save_goal(sid, algebra_goal())
    assert goal.id is not None
    assert (goal.statement, goal.measure) == (
        "Raise my Algebra I grade from a C to a B",
        "Grade on each progress report",
    )
    assert goal.created_on == clock.today() and goal.notes == () and goal.steps == ()
    first = plans.add_note(goal.id, ProgressNote("2026-10-01", " Started tutoring "))
    second = plans.add_note(goal.id, ProgressNote("2026-11-01", "C+ on the report"))
    step = plans.save_step(
        sid,
        ActionStep("Tutoring on Tuesdays", role="tutor", who_name=" Mr. Diaz ", goal_id=goal.id),
    )
    assert first.text == "Started tutoring" and step.who_name == "Mr. Diaz"

    stored = plans.goal(goal.id)
    assert stored is not None
    assert stored.notes == (second, first)  # newest note first
    assert stored.steps == (step,)
    assert stored.career_code == "15-1252.00"
    assert plans.records(sid).goals == (stored,)
    assert plans.records(sid).plan_steps == ()

    # Saving the goal's own fields keeps its notes and steps.
    saved = plans.save_goal(sid, replace(stored, status="at_risk", notes=(), steps=()))
    assert saved.status == "at_risk"
    assert saved.notes == (second, first) and saved.steps == (step,)
    assert saved.created_on == stored.created_on


def test_a_goal_that_is_not_dropped_loses_its_reason(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    dropped = plans.save_goal(
        two[0], algebra_goal(status="dropped", dropped_reason="  Changed classes ")
    )
    assert dropped.dropped_reason == "Changed classes"
    reopened = plans.save_goal(two[0], replace(dropped, status="on_track"))
    assert reopened.dropped_reason == ""


def test_a_goal_that_is_gone_cannot_be_changed(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    goal = plans.save_goal(two[0], algebra_goal())
    assert goal.id is not None
    plans.delete_goal(goal.id)
    with pytest.raises(LookupError):
        plans.save_goal(two[0], goal)
    assert plans.goal(goal.id) is None


def test_deleting_a_goal_takes_its_notes_and_steps(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    sid = two[0]
    goal = plans.save_goal(sid, algebra_goal())
    keep = plans.save_goal(sid, algebra_goal(statement="Join the robotics club this fall"))
    assert goal.id is not None and keep.id is not None
    plans.add_note(goal.id, ProgressNote("2026-10-01", "Started"))
    plans.save_step(sid, ActionStep("Tutoring", goal_id=goal.id))
    plans.add_note(keep.id, ProgressNote("2026-10-01", "Went to the first meeting"))
    plans.save_step(sid, ActionStep("Ask Ms. Ortiz", goal_id=keep.id))
    plan_step = plans.save_step(sid, ActionStep("FAFSA", kind="financial_aid", role="guardian"))

    plans.delete_goal(goal.id)

    records = plans.records(sid)
    assert [g.id for g in records.goals] == [keep.id]
    assert len(records.goals[0].notes) == 1 and len(records.goals[0].steps) == 1
    assert records.plan_steps == (plan_step,)
    assert count(store, "goal_notes") == 1
    assert count(store, "action_steps") == 2


def test_deleting_a_student_takes_their_whole_plan(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    for sid in two:
        plans.save_baseline(sid, Baseline("2026-09-15", gpa=3.0))
        plans.save_assessment(sid, Assessment("PSAT 10", "2026-10-14", score="1000"))
        goal = plans.save_goal(sid, algebra_goal())
        assert goal.id is not None
        plans.add_note(goal.id, ProgressNote("2026-10-01", "Started"))
        plans.save_step(sid, ActionStep("Tutoring", goal_id=goal.id))
        plans.save_step(sid, ActionStep("Campus visit", kind="visit"))
    before = plans.records(two[1])

    with store.action() as db:
        db.execute("DELETE FROM students WHERE id = ?", [two[0]])

    assert plans.records(two[0]) == PlanRecords((), (), (), ())
    assert plans.records(two[1]) == before
    for table, left in [
        ("baselines", 1),
        ("assessments", 1),
        ("goals", 1),
        ("goal_notes", 1),
        ("action_steps", 2),
    ]:
        assert count(store, table) == left, table


def test_a_step_cannot_go_under_another_students_goal(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    theirs = plans.save_goal(two[1], algebra_goal())
    with pytest.raises(LookupError, match="no longer in this student's plan"):
        plans.save_step(two[0], ActionStep("Tutoring", goal_id=theirs.id))
    with pytest.raises(LookupError):
        plans.save_step(two[0], ActionStep("Tutoring", goal_id=9999))
    assert count(store, "action_steps") == 0


def test_steps_come_open_by_due_date_undated_then_closed(
    store: Store, two: tuple[int, int]
) -> None:
    plans = PlanStore(store)
    sid = two[0]
    goal = plans.save_goal(sid, algebra_goal())
    for what, due, status in [
        ("done early", "2026-09-01", "done"),
        ("undated", "", "to_do"),
        ("december", "2026-12-01", "in_progress"),
        ("dropped", "2026-08-01", "dropped"),
        ("october", "2026-10-01", "to_do"),
        ("november", "2026-11-01", "to_do"),
    ]:
        done_on = "2026-09-02" if status == "done" else ""
        for goal_id in (goal.id, None):
            plans.save_step(
                sid, ActionStep(what, due_on=due, status=status, done_on=done_on, goal_id=goal_id)
            )
    # Closed steps come last, among themselves by due date too.
    expected = ["october", "november", "december", "undated", "dropped", "done early"]
    records = plans.records(sid)
    assert [s.what for s in records.goals[0].steps] == expected
    assert [s.what for s in records.plan_steps] == expected
    assert [s.what for s in records.all_steps()] == expected + expected


def test_a_step_changed_and_deleted(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    step = plans.save_step(two[0], ActionStep("Apply to Valley CC", kind="application"))
    assert step.id is not None and step.goal_id is None and step.student_id == two[0]
    done = plans.save_step(two[0], replace(step, status="done", done_on="2026-11-20"))
    assert plans.records(two[0]).plan_steps == (done,)
    plans.delete_step(step.id)
    assert plans.records(two[0]).plan_steps == ()


def test_the_tables_refuse_what_the_app_could_not_read_back(
    store: Store, two: tuple[int, int]
) -> None:
    plans = PlanStore(store)
    with pytest.raises(sqlite3.IntegrityError):
        plans.save_step(two[0], ActionStep("Done without a date", status="done"))
    with pytest.raises(sqlite3.IntegrityError):
        plans.save_goal(two[0], algebra_goal(status="dropped", dropped_reason=""))
    assert count(store, "action_steps") == count(store, "goals") == 0


def test_deleting_a_note(store: Store, two: tuple[int, int]) -> None:
    plans = PlanStore(store)
    goal = plans.save_goal(two[0], algebra_goal())
    assert goal.id is not None
    note = plans.add_note(goal.id, ProgressNote("2026-10-01", "Started"))
    assert note.id is not None
    plans.delete_note(note.id)
    stored = plans.goal(goal.id)
    assert stored is not None and stored.notes == ()


def test_add_plans_for_many_students_at_once(store: Store, students: StudentStore) -> None:
    ids = [s.id for s in students.add_many(named_students()[:3])]
    goal = Goal(
        "career",
        "Shadow a nurse for a day at Valley Hospital",
        notes=(ProgressNote("2026-10-01", "Asked the school nurse", id=99),),
        steps=(ActionStep("Email the hospital", id=5, goal_id=77),),
        created_on="2026-09-01",
        updated_on="2026-09-01",
        id=42,
    )
    plan = PlanRecords(
        (Baseline("2026-09-15", gpa=2.9, recorded_on="2026-09-15", updated_on="2026-09-15"),),
        (Assessment("PSAT 10", "2026-10-14", score="990", recorded_on="x", updated_on="x"),),
        (goal,),
        (ActionStep("FAFSA", kind="financial_aid", created_on="x", updated_on="x"),),
    )
    PlanStore(store).add_plans((sid, plan) for sid in ids if sid is not None)

    for sid in ids:
        assert sid is not None
        records = PlanStore(store).records(sid)
        assert len(records.baselines) == len(records.assessments) == len(records.goals) == 1
        stored = records.goals[0]
        assert stored.id != 42 and stored.student_id == sid
        assert [n.text for n in stored.notes] == ["Asked the school nurse"]
        assert [(s.what, s.goal_id, s.student_id) for s in stored.steps] == [
            ("Email the hospital", stored.id, sid)
        ]
        assert [s.what for s in records.plan_steps] == ["FAFSA"]


def test_a_database_at_0003_is_backed_up_then_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backups = tmp_path / "school.sqlite", tmp_path / "backups"
    with monkeypatch.context() as patch:  # this app as it was before the planning tables
        older = migrations.STEPS[: migrations.KNOWN_NAMES.index("0003_careers") + 1]
        patch.setattr(migrations, "STEPS", older)
        patch.setattr(db_module, "KNOWN_NAMES", tuple(name for name, _ in older))
        store = open_store(path, backups)
        StudentStore(store).add_many(named_students())
        store.close()
    conn = sqlite3.connect(path)
    old_tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "students" in old_tables and "goals" not in old_tables

    store = open_store(path, backups)
    try:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(migrations.KNOWN_NAMES)
        students = StudentStore(store)
        assert students.count() == 9
        first = next(s for s in students.all() if s.last_name == "Nguyễn")
        assert first.id is not None
        goal = PlanStore(store).save_goal(first.id, algebra_goal())
        assert PlanStore(store).records(first.id).goals == (goal,)
    finally:
        store.close()

    (copy_path,) = backups.glob("*.sqlite")
    assert "before-0004_planning" in copy_path.name
    copy = sqlite3.connect(copy_path)
    try:
        assert copy.execute("SELECT count(*) FROM students").fetchone()[0] == 9
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "goals" not in tables and "course_catalog" not in tables
        applied = [r[0] for r in copy.execute("SELECT name FROM _sqlite_migrations")]
        assert applied[-1] == "0003_careers"
    finally:
        copy.close()
