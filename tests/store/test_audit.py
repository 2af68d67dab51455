"""The change history: written by triggers for every write, read per student, in plain words."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.plans import ActionStep, Goal, ProgressNote
from ilp_desktop.domain.students import Guardian
from ilp_desktop.store.audit import AuditStore
from ilp_desktop.store.db import Store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.purge import purge_student
from ilp_desktop.store.students import StudentStore

from helpers import make_student


def _goal(plans: PlanStore, student_id: int) -> Goal:
    return plans.save_goal(
        student_id,
        Goal(area="academic", statement="Raise my math grade to a B by March", status="on_track"),
    )


def test_changes_are_recorded_with_who_when_and_what(store: Store, students: StudentStore) -> None:
    audit = AuditStore(store)
    audit.set_counselor_name("  Ana   Díaz ")
    student = students.add(make_student(1))
    assert student.id is not None
    plans = PlanStore(store)
    goal = _goal(plans, student.id)
    plans.save_goal(student.id, dataclasses.replace(goal, status="at_risk"))
    assert goal.id is not None
    plans.add_note(goal.id, ProgressNote(noted_on="2026-11-20", text="Missed two quizzes"))
    step = plans.save_step(
        student.id, ActionStep(what="Go to math lab on Tuesdays", role="student")
    )
    assert step.id is not None
    plans.delete_step(step.id)

    entries = AuditStore(store).for_student(student.id)
    lines = [e.summary() for e in entries]  # newest first
    assert lines[0] == "Step removed: “Go to math lab on Tuesdays”"
    assert lines[1] == "Step added: “Go to math lab on Tuesdays”"
    assert lines[2] == "Progress note added: “Missed two quizzes”"
    assert (
        lines[3]
        == "Goal changed: “Raise my math grade to a B by March” — status: On track → At risk"
    )
    assert lines[4] == "Goal added: “Raise my math grade to a B by March”"
    assert lines[-1].startswith("Profile added")
    assert {e.who for e in entries} == {"Ana Díaz"}
    assert all(len(e.at) == 19 and e.at[10] == "T" for e in entries)


def test_the_name_in_use_at_the_time_stays_with_each_change(
    store: Store, students: StudentStore
) -> None:
    audit = AuditStore(store)
    student = students.add(make_student(2))
    assert student.id is not None
    audit.set_counselor_name("Ana Díaz")
    first_grade = student.grade
    students.update(student.with_changes(grade="10"))
    audit.set_counselor_name("Sam Lee")
    students.update(student.with_changes(grade="11"))
    entries = audit.for_student(student.id)
    assert [(e.who, e.changes()) for e in entries[:2]] == [
        ("Sam Lee", [("grade", "10", "11")]),
        ("Ana Díaz", [("grade", first_grade, "10")]),
    ]
    assert entries[-1].who == ""  # added before any name was set


def test_a_save_that_changes_nothing_leaves_no_history(
    store: Store, students: StudentStore
) -> None:
    student = students.add(make_student(3))
    assert student.id is not None
    plans = PlanStore(store)
    goal = _goal(plans, student.id)
    before = len(AuditStore(store).for_student(student.id))
    plans.save_goal(student.id, goal)
    students.update(student)
    assert len(AuditStore(store).for_student(student.id)) == before


def test_history_is_per_student(store: Store) -> None:
    build_demo_school(store, students=12, seed=3)
    ids = [s.id for s in StudentStore(store).all()]
    audit = AuditStore(store)
    for student_id in ids:
        assert student_id is not None
        entries = audit.for_student(student_id)
        assert entries, student_id
        names = {e.after["sis_id"] for e in entries if e.table == "students" and e.after}
        assert len(names) == 1


def test_purge_removes_the_student_their_plan_and_their_history(
    store: Store, tmp_path: Path
) -> None:
    build_demo_school(store, students=15, seed=4)
    everyone = StudentStore(store).all()
    victim, other = everyone[3], everyone[4]
    assert victim.id is not None and other.id is not None
    other_history = len(AuditStore(store).for_student(other.id))
    result = purge_student(store, victim.id)
    assert result.sis_id == victim.sis_id

    conn = store.conn
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
            "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'student_id')"
        )
    ]
    assert "snapshots" in tables and "goals" in tables and "audit" in tables
    for table in tables:
        count = conn.execute(f"SELECT count(*) FROM {table} WHERE student_id = ?", [victim.id])
        assert count.fetchone()[0] == 0, table
    assert (
        conn.execute("SELECT count(*) FROM students WHERE id = ?", [victim.id]).fetchone()[0] == 0
    )
    assert len(AuditStore(store).for_student(other.id)) == other_history
    # Nothing of the student is left readable in the file or its log.
    raw = store.path.read_bytes() + Path(f"{store.path}-wal").read_bytes()
    assert victim.sis_id.encode() not in raw
    others = StudentStore(store).all()
    for name in (victim.first_name, victim.last_name):
        if not any(name in (s.first_name, s.last_name) for s in others):  # not shared
            assert name.encode() not in raw, name
    assert other.sis_id.encode() in raw
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_purge_whose_compaction_fails_still_leaves_no_trace_and_says_so(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VACUUM needs room for a copy of the file: on a full disk it fails after the delete is
    committed. The student is gone all the same (secure_delete zeroes what was freed), and
    the result says the file was not compacted rather than raising as if nothing happened."""
    from ilp_desktop.store import errors, purge

    unique = "Quillfeather-Zygmuntówna"
    students = StudentStore(store)
    students.add_many(make_student(n) for n in range(5))
    leaving = students.add(make_student(9, last_name=unique, notes="a private note " * 20))
    assert leaving.id is not None
    PlanStore(store).save_goal(leaving.id, Goal(area="academic", statement=f"{unique} goal"))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert unique.encode() in store.path.read_bytes()

    def full(_store: Store) -> bool:
        raise errors.DiskFullError("The disk is full.")

    monkeypatch.setattr(purge, "compact", full)
    # Some builds of SQLite (Debian's) zero freed space by default; the ones Python bundles on
    # Windows and macOS do not.
    store.conn.execute("PRAGMA secure_delete = OFF")
    result = purge_student(store, leaving.id)
    assert not result.compacted and result.sis_id == leaving.sis_id
    assert students.get(leaving.id) is None
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as closing the app does
    assert unique.encode() not in store.path.read_bytes()
    assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 0  # as it was


def test_a_rebuilt_demo_school_shows_no_history_of_the_students_it_replaced(
    store: Store,
) -> None:
    """Student ids are reused once the students are gone: the new students must not inherit
    the change history (names, plans) of the ones who had their ids before."""
    build_demo_school(store, students=3, seed=1)
    replaced = {s.sis_id for s in StudentStore(store).all()}
    build_demo_school(store, students=3, seed=2)
    for student in StudentStore(store).all():
        assert student.id is not None
        entries = AuditStore(store).for_student(student.id)
        assert entries
        sis_ids = {
            (e.after or e.before or {}).get("sis_id") for e in entries if e.table == "students"
        }
        assert sis_ids == {student.sis_id}, (student.full_name, sis_ids & replaced)


def test_a_second_connection_sees_the_history_written_by_the_first(
    store: Store, students: StudentStore
) -> None:
    student = students.add(make_student(5))
    other = sqlite3.connect(store.path)
    try:
        rows = other.execute(
            "SELECT tbl, action FROM audit WHERE student_id = ?", [student.id]
        ).fetchall()
    finally:
        other.close()
    assert ("students", "insert") in rows


def test_only_the_guardian_that_changed_shows_in_the_history(
    store: Store, students: StudentStore
) -> None:
    first = Guardian(name="Rosa Fernández", relationship="mother", phone="555-0100")
    second = Guardian(name="Luis Fernández", relationship="father", phone="555-0101")
    student = students.add(make_student(6, guardians=[first, second]))
    assert student.id is not None
    audit = AuditStore(store)
    before = len(audit.for_student(student.id))
    moved = dataclasses.replace(second, phone="555-0199")
    students.update(student.with_changes(guardians=[first, moved]))
    entries = audit.for_student(student.id)
    assert len(entries) == before + 1
    assert entries[0].summary() == (
        "Parent or guardian changed: “Luis Fernández” — phone: 555-0101 → 555-0199"
    )
    students.update(student.with_changes(guardians=[first]))
    assert audit.for_student(student.id)[0].summary() == (
        "Parent or guardian removed: “Luis Fernández”"
    )
    reread = students.get(student.id)
    assert reread is not None and [g.name for g in reread.guardians] == ["Rosa Fernández"]
