"""StudentStore's lookups by SIS id and its bulk update: the one way every import, export
and purge finds a student, and the update an SIS import saves thousands with."""

from __future__ import annotations

import sqlite3

import pytest

from ilp_desktop.domain.students import Guardian
from ilp_desktop.store.audit import AuditStore
from ilp_desktop.store.db import Store
from ilp_desktop.store.students import StudentStore

from helpers import make_student


def test_id_of_finds_a_student_by_sis_id_archived_or_not(students: StudentStore) -> None:
    first, second = students.add_many([make_student(1), make_student(2)])
    assert first.id is not None and second.id is not None
    students.set_archived(second.id, True)
    assert students.id_of(first.sis_id) == first.id
    assert students.id_of(f"  {second.sis_id} ") == second.id  # as typed on a command line
    assert students.id_of("no-such-id") is None


def test_update_many_saves_every_field_and_only_the_guardians_that_changed(
    store: Store, students: StudentStore
) -> None:
    added = students.add_many(
        [
            make_student(1),
            make_student(2, guardians=[Guardian("Ana", "mother"), Guardian("Luis", "father")]),
        ]
    )
    before = {s.id: s for s in added}
    one, two = added
    assert one.id is not None and two.id is not None
    seen = {s.id: len(AuditStore(store).for_student(s.id)) for s in added}  # type: ignore[arg-type]
    changed = [
        one.with_changes(last_name="  Moreno ", grade="10"),  # stored trimmed
        two.with_changes(
            guardians=[
                Guardian("Ana", "mother"),
                Guardian("Luis", "father", phone="555-0199"),
                Guardian("Rosa", "grandmother"),
            ]
        ),
    ]
    students.update_many(changed, before)
    assert students.get(one.id) == changed[0].with_changes(last_name="Moreno")
    assert [g.phone for g in students.get(two.id).guardians] == ["", "555-0199", ""]  # type: ignore[union-attr]
    history = AuditStore(store).for_student(two.id)
    new = history[: len(history) - seen[two.id]]
    assert sorted((e.table, e.action, e.name) for e in new) == [
        ("guardians", "insert", "Rosa"),
        ("guardians", "update", "Luis"),
    ]


def test_update_many_is_all_or_nothing(store: Store, students: StudentStore) -> None:
    one, two = students.add_many([make_student(1), make_student(2)])
    before = {one.id: one, two.id: two}
    clash = [one.with_changes(grade="10"), two.with_changes(sis_id=one.sis_id)]
    with pytest.raises(sqlite3.IntegrityError):
        students.update_many(clash, before)  # type: ignore[arg-type]
    assert students.get(one.id) == one  # type: ignore[arg-type]
    assert students.get(two.id) == two  # type: ignore[arg-type]
