"""The postsecondary plan in the database: choices, targets, linked careers, cascades."""

from __future__ import annotations

import pytest

from ilp_desktop.domain.postsecondary import CareerLink, PostsecondaryPlan, Target
from ilp_desktop.store import clock
from ilp_desktop.store.db import Store
from ilp_desktop.store.postsecondary import PostsecondaryStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student


@pytest.fixture
def two(students: StudentStore) -> tuple[int, int]:
    first, second = students.add_many([make_student(1), make_student(2)])
    assert first.id is not None and second.id is not None
    return first.id, second.id


def test_a_new_student_has_an_empty_plan(store: Store, two: tuple[int, int]) -> None:
    plan = PostsecondaryStore(store).plan(two[0])
    assert plan == PostsecondaryPlan()
    assert plan.is_empty


def test_choices_are_saved_then_changed_in_place(store: Store, two: tuple[int, int]) -> None:
    plans = PostsecondaryStore(store)
    first = plans.save_choices(
        two[0], "two_year", ["apprenticeship", "military"], "Work with my hands\n\n"
    )
    assert first.pathway == "two_year"
    assert first.also_considering == ("apprenticeship", "military")
    assert first.aspiration == "Work with my hands"
    assert first.updated_on == clock.today()
    assert not first.is_empty

    second = plans.save_choices(two[0], "four_year", [], "Nursing, like my aunt")
    assert (second.pathway, second.also_considering, second.aspiration) == (
        "four_year",
        (),
        "Nursing, like my aunt",
    )
    assert plans.plan(two[0]) == second
    assert store.conn.execute("SELECT count(*) FROM postsecondary").fetchone()[0] == 1
    assert plans.plan(two[1]).is_empty


def test_targets_keep_the_order_they_were_added(store: Store, two: tuple[int, int]) -> None:
    plans = PostsecondaryStore(store)
    college = plans.save_target(two[0], Target("school", " Valley Community College ", " RN "))
    program = plans.save_target(two[0], Target("program", "Nursing ADN"))
    employer = plans.save_target(two[0], Target("employer", "Valley Hospital"))
    plans.save_target(two[1], Target("school", "State University"))
    assert college == Target("school", "Valley Community College", "RN", college.id)
    assert [t.name for t in plans.plan(two[0]).targets] == [
        "Valley Community College",
        "Nursing ADN",
        "Valley Hospital",
    ]

    changed = plans.save_target(two[0], Target("program", "Nursing BSN ", "", program.id))
    assert changed == Target("program", "Nursing BSN", "", program.id)
    plans.delete_target(college.id)  # type: ignore[arg-type]
    plans.save_target(two[0], Target("school", "Tech Institute"))
    assert [t.name for t in plans.plan(two[0]).targets] == [
        "Nursing BSN",
        "Valley Hospital",
        "Tech Institute",
    ]
    assert plans.plan(two[0]).targets[1] == employer
    assert [t.name for t in plans.plan(two[1]).targets] == ["State University"]


def test_set_careers_replaces_the_earlier_choice(store: Store, two: tuple[int, int]) -> None:
    plans = PostsecondaryStore(store)
    nurse = CareerLink("29-1141.00", "Registered Nurses")
    welder = CareerLink("51-4121.00", "Welders, Cutters, Solderers, and Brazers")
    chef = CareerLink("35-1011.00", "Chefs and Head Cooks")
    plans.set_careers(two[0], [welder, nurse, nurse])  # the same career twice is kept once
    assert plans.plan(two[0]).careers == (nurse, welder)  # by title
    plans.set_careers(two[0], [chef])
    assert plans.plan(two[0]).careers == (chef,)
    plans.set_careers(two[1], [nurse])
    plans.set_careers(two[0], [])
    assert plans.plan(two[0]).careers == ()
    assert plans.plan(two[1]).careers == (nurse,)


def test_deleting_a_student_takes_their_postsecondary_plan(
    store: Store, two: tuple[int, int]
) -> None:
    plans = PostsecondaryStore(store)
    for sid in two:
        plans.save_choices(sid, "military", [], "Serve, then college")
        plans.save_target(sid, Target("employer", "US Navy"))
        plans.set_careers(sid, [CareerLink("55-3016.00", "Infantry")])
    kept = plans.plan(two[1])

    with store.action() as db:
        db.execute("DELETE FROM students WHERE id = ?", [two[0]])

    assert plans.plan(two[0]) == PostsecondaryPlan()
    assert plans.plan(two[1]) == kept
    for table in ("postsecondary", "postsecondary_targets", "postsecondary_careers"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1, table


def test_add_plans_for_many_students(store: Store, two: tuple[int, int]) -> None:
    plan = PostsecondaryPlan(
        pathway="certificate",
        also_considering=("workforce",),
        aspiration="Electrician",
        targets=(Target("program", "Electrical apprenticeship", id=7), Target("school", "IBEW")),
        careers=(CareerLink("47-2111.00", "Electricians"),),
        updated_on="2026-10-01",
    )
    PostsecondaryStore(store).add_plans((sid, plan) for sid in two)
    for sid in two:
        stored = PostsecondaryStore(store).plan(sid)
        assert stored.pathway == "certificate" and stored.also_considering == ("workforce",)
        assert stored.updated_on == "2026-10-01"
        assert [t.name for t in stored.targets] == ["Electrical apprenticeship", "IBEW"]
        assert stored.careers == plan.careers
