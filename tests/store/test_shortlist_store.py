"""The shortlist: order kept as 1..n, notes saved, limits, cascade with the student."""

from __future__ import annotations

import pytest

from ilp_desktop.domain.shortlist import MAX_ENTRIES, MAX_NOTE, ShortlistEntry, ShortlistError
from ilp_desktop.store.db import Store
from ilp_desktop.store.shortlist import ShortlistStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student


@pytest.fixture
def student_id(students: StudentStore) -> int:
    added = students.add(make_student(1))
    assert added.id is not None
    return added.id


def titles(store: ShortlistStore, student_id: int) -> list[tuple[int, str]]:
    return [(e.rank, e.title) for e in store.entries(student_id)]


def test_add_move_remove_keep_ranks_without_gaps(store: Store, student_id: int) -> None:
    shortlist = ShortlistStore(store)
    nurse = shortlist.add(student_id, "29-1141.00", "Registered Nurses")
    welder = shortlist.add(student_id, "51-4121.00", "Welders")
    chef = shortlist.add(student_id, "35-1011.00", "Chefs and Head Cooks")
    assert titles(shortlist, student_id) == [
        (1, "Registered Nurses"),
        (2, "Welders"),
        (3, "Chefs and Head Cooks"),
    ]
    assert nurse.added_on and shortlist.codes(student_id) == {
        "29-1141.00",
        "51-4121.00",
        "35-1011.00",
    }
    shortlist.move(chef.id, 1)  # type: ignore[arg-type]
    assert [t for _, t in titles(shortlist, student_id)] == [
        "Chefs and Head Cooks",
        "Registered Nurses",
        "Welders",
    ]
    shortlist.move(chef.id, 99)  # type: ignore[arg-type]
    assert titles(shortlist, student_id)[-1] == (3, "Chefs and Head Cooks")
    shortlist.remove(nurse.id)  # type: ignore[arg-type]
    assert titles(shortlist, student_id) == [(1, "Welders"), (2, "Chefs and Head Cooks")]
    assert welder.id in {e.id for e in shortlist.entries(student_id)}


def test_a_career_is_on_the_shortlist_once(store: Store, student_id: int) -> None:
    shortlist = ShortlistStore(store)
    shortlist.add(student_id, "29-1141.00", "Registered Nurses")
    with pytest.raises(ShortlistError, match="already on the shortlist"):
        shortlist.add(student_id, "29-1141.00", "Registered Nurses")
    assert len(shortlist.entries(student_id)) == 1


def test_the_shortlist_has_a_sensible_limit(store: Store, student_id: int) -> None:
    shortlist = ShortlistStore(store)
    for n in range(MAX_ENTRIES):
        shortlist.add(student_id, f"11-{1000 + n}.00", f"Career {n}")
    with pytest.raises(ShortlistError, match="remove one first"):
        shortlist.add(student_id, "99-9999.00", "One too many")
    assert len(shortlist.entries(student_id)) == MAX_ENTRIES


def test_notes_are_saved_as_typed_and_long_ones_refused(store: Store, student_id: int) -> None:
    shortlist = ShortlistStore(store)
    entry = shortlist.add(student_id, "29-1141.00", "Registered Nurses")
    why = "Mi abuela era enfermera <b>& I want to help</b>\n"
    saved = shortlist.set_notes(entry.id, why, "An associate's degree first")  # type: ignore[arg-type]
    assert saved.why == why.rstrip() and saved.need == "An associate's degree first"
    with pytest.raises(ShortlistError, match="keep it under"):
        shortlist.set_notes(entry.id, "x" * (MAX_NOTE + 1), "")  # type: ignore[arg-type]
    assert shortlist.entries(student_id)[0].why == why.rstrip()


def test_shortlists_go_with_their_student(
    store: Store, students: StudentStore, student_id: int
) -> None:
    shortlist = ShortlistStore(store)
    shortlist.add_many(
        [(student_id, [ShortlistEntry(None, "29-1141.00", "Registered Nurses", 1, "why")])]
    )
    assert titles(shortlist, student_id) == [(1, "Registered Nurses")]
    students.delete_all()
    count = store.conn.execute("SELECT count(*) FROM shortlist").fetchone()[0]
    assert count == 0
