from __future__ import annotations

import sqlite3

import pytest

from ilp_desktop.domain.students import Guardian
from ilp_desktop.store.students import StudentStore

from helpers import make_student


def test_add_get_round_trip(students: StudentStore) -> None:
    added = students.add(
        make_student(
            1,
            first_name=" Văn An ",
            last_name="Nguyễn",
            preferred_name="An",
            grade="09",
            family_languages=["Vietnamese", " English "],
            guardians=[
                Guardian("Thị Lan Nguyễn", "mother", "555-0101", "lan@example.org", "Vietnamese"),
                Guardian("Minh Nguyễn", "father"),
            ],
            iep=True,
            cte=True,
            cte_pathway="Health Science",
            date_of_birth="2011-03-14",
            notes="Likes <b>robotics</b> & art",
        )
    )
    assert added.id is not None
    loaded = students.get(added.id)
    assert loaded == added
    assert loaded.first_name == "Văn An" and loaded.grade == "9"
    assert loaded.family_languages == ["Vietnamese", "English"]
    assert [g.name for g in loaded.guardians] == ["Thị Lan Nguyễn", "Minh Nguyễn"]
    assert loaded.flag_labels() == ["IEP", "CTE: Health Science"]


def test_roster_carries_folded_keys(students: StudentStore) -> None:
    students.add(make_student(1, first_name="Łukasz", last_name="Żółć"))
    (entry,) = students.roster()
    assert entry.first_name == "Łukasz"
    assert "lukasz zolc" in entry.search_key
    assert entry.sort_key == "zolc\tlukasz"


def test_update_replaces_guardians_in_one_transaction(students: StudentStore) -> None:
    student = students.add(make_student(1))
    student.guardians = [Guardian("New Guardian", "aunt")]
    student.last_name = "Changed"
    students.update(student)
    loaded = students.get(student.id)
    assert loaded.last_name == "Changed"
    assert [g.name for g in loaded.guardians] == ["New Guardian"]


def test_archive_and_restore(students: StudentStore) -> None:
    student = students.add(make_student(1))
    students.set_archived(student.id, True)
    assert students.get(student.id).archived_at
    assert students.count() == 0 and students.count(include_archived=True) == 1
    students.set_archived(student.id, False)
    assert students.get(student.id).archived_at == ""
    assert students.count() == 1


def test_duplicate_sis_id_is_found_and_refused_by_the_schema(students: StudentStore) -> None:
    first = students.add(make_student(1, sis_id="204518", first_name="Ana", last_name="Peña"))
    assert students.sis_id_owner("204518") == "Ana Peña"
    assert students.sis_id_owner(" 204518 ") == "Ana Peña"
    assert students.sis_id_owner("204518", excluding=first.id) is None
    with pytest.raises(sqlite3.IntegrityError):
        students.add(make_student(2, sis_id="204518"))


def test_add_many_is_all_or_nothing(students: StudentStore) -> None:
    batch = [make_student(1), make_student(2), make_student(3, sis_id=make_student(1).sis_id)]
    with pytest.raises(sqlite3.IntegrityError):
        students.add_many(batch)
    assert students.count(include_archived=True) == 0
