"""Building the demo school into a database: fills, refuses real data, replaces, cancels."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ilp_desktop import bundled
from ilp_desktop.demo_school import (
    DEMO_KEY,
    DemoCancelled,
    DemoRefused,
    build_demo_school,
    load_course_catalog,
    load_names,
    load_self_exploration_data,
)
from ilp_desktop.domain.courses import DEFAULT_RULES
from ilp_desktop.domain.demo_careers import generate_shortlists
from ilp_desktop.domain.demo_plans import DemoPlan, generate_plans
from ilp_desktop.domain.demo_reviews import DemoSession, generate_history
from ilp_desktop.domain.demo_self_exploration import generate_self_exploration
from ilp_desktop.domain.demo_students import generate_students
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR
from ilp_desktop.domain.self_exploration import (
    SelfExplorationProfile,
    validate_activity,
    validate_profile_item,
    validate_support,
)
from ilp_desktop.domain.snapshots import read_snapshot
from ilp_desktop.domain.students import Guardian, Student, validate_student
from ilp_desktop.store.courses import CourseStore
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.postsecondary import PostsecondaryStore
from ilp_desktop.store.self_exploration import SelfExplorationStore
from ilp_desktop.store.sessions import SessionStore
from ilp_desktop.store.settings import SettingsStore
from ilp_desktop.store.students import StudentStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "x.sqlite", tmp_path / "backups")
    yield opened
    opened.close()


def _dump(store: Store) -> list[str]:
    """Every row of every table, as SQL: equal dumps mean an unchanged database."""
    return list(store.conn.iterdump())


def _real_student() -> Student:
    return Student(
        sis_id="R-1001",
        first_name="Aoife",
        last_name="Ní Bhriain",
        grade="10",
        guardians=[Guardian(name="Máire Uí Bhriain", relationship="Mother")],
    )


def _sis_ids(store: Store) -> set[str]:
    return {entry.sis_id for entry in StudentStore(store).roster()}


def _orphan_guardians(store: Store) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM guardians WHERE student_id NOT IN (SELECT id FROM students)"
    ).fetchone()[0]


def test_builds_a_demo_school_into_an_empty_database(store: Store) -> None:
    built = build_demo_school(store, students=120, seed=5)

    assert built == 120
    students = StudentStore(store)
    assert students.count() == 120
    assert SettingsStore(store).get(DEMO_KEY) == {"students": 120, "seed": 5}
    expected = generate_students(120, 5, load_names())
    assert _sis_ids(store) == {s.sis_id for s in expected}
    for student in students.all():
        assert validate_student(student) == {}
    # Guardians, languages and flags survive the round trip through the database.
    by_sis = {s.sis_id: s for s in expected}
    for entry in students.roster()[:20]:
        stored = students.get(entry.id)
        assert stored is not None
        original = by_sis[stored.sis_id]
        assert stored.guardians == original.guardians
        assert stored.family_languages == original.family_languages
        assert stored.flag_labels() == original.flag_labels()
        assert (stored.first_name, stored.last_name) == (original.first_name, original.last_name)


def test_refuses_a_database_with_real_students_and_leaves_it_unchanged(store: Store) -> None:
    StudentStore(store).add(_real_student())
    before = _dump(store)

    with pytest.raises(DemoRefused) as refused:
        build_demo_school(store, students=50, seed=1)

    message = str(refused.value)
    assert "1 student" in message
    assert str(store.path) in message
    assert "never mixed" in message and "Nothing was changed" in message
    assert not isinstance(refused.value, DemoCancelled)
    assert _dump(store) == before
    assert _sis_ids(store) == {"R-1001"}
    assert SettingsStore(store).get(DEMO_KEY) is None


def test_an_archived_real_student_still_counts_as_real(store: Store) -> None:
    added = StudentStore(store).add(_real_student())
    assert added.id is not None
    StudentStore(store).set_archived(added.id, True)
    before = _dump(store)

    with pytest.raises(DemoRefused):
        build_demo_school(store, students=10)

    assert _dump(store) == before


def test_rebuilding_a_demo_replaces_it(store: Store) -> None:
    build_demo_school(store, students=80, seed=1)
    first_ids = _sis_ids(store)

    built = build_demo_school(store, students=40, seed=2)

    assert built == 40
    assert StudentStore(store).count(include_archived=True) == 40
    second_ids = _sis_ids(store)
    assert second_ids == {s.sis_id for s in generate_students(40, 2, load_names())}
    assert second_ids != first_ids
    assert SettingsStore(store).get(DEMO_KEY) == {"students": 40, "seed": 2}
    assert _orphan_guardians(store) == 0


def test_rebuilding_with_the_same_seed_gives_the_same_school(tmp_path: Path) -> None:
    rosters = []
    for name in ("a.sqlite", "b.sqlite"):
        store = open_store(tmp_path / name, tmp_path / "backups")
        try:
            build_demo_school(store, students=60, seed=9)
            rosters.append(
                sorted((s.sis_id, s.full_name, s.counselor) for s in StudentStore(store).all())
            )
        finally:
            store.close()
    assert rosters[0] == rosters[1]


def test_cancel_leaves_an_earlier_demo_unchanged(store: Store) -> None:
    build_demo_school(store, students=30, seed=3)
    before = _dump(store)
    reported: list[tuple[int, int]] = []

    def cancel_after_two_reports() -> bool:
        return len(reported) >= 2

    with pytest.raises(DemoCancelled, match="cancelled; nothing was changed"):
        build_demo_school(
            store,
            students=1000,
            seed=4,
            progress=lambda done, total: reported.append((done, total)),
            is_cancelled=cancel_after_two_reports,
        )

    assert reported[:2] == [(0, 1000), (250, 1000)]
    assert _dump(store) == before
    assert SettingsStore(store).get(DEMO_KEY) == {"students": 30, "seed": 3}


@pytest.mark.parametrize("checks_before_cancel", [0, 1, 3])
def test_cancel_at_any_point_leaves_an_empty_database_empty(
    store: Store, checks_before_cancel: int
) -> None:
    before = _dump(store)
    checks = 0

    def is_cancelled() -> bool:
        nonlocal checks
        checks += 1
        return checks > checks_before_cancel

    # 600 students: a check before starting, two during the inserts and one before commit.
    with pytest.raises(DemoCancelled):
        build_demo_school(store, students=600, is_cancelled=is_cancelled)

    assert _dump(store) == before
    assert StudentStore(store).count(include_archived=True) == 0
    assert SettingsStore(store).get(DEMO_KEY) is None


def test_a_failure_part_way_changes_nothing(store: Store) -> None:
    before = _dump(store)

    def progress(done: int, total: int) -> None:
        if done >= 250:
            raise RuntimeError("the progress dialog went away")

    with pytest.raises(RuntimeError):
        build_demo_school(store, students=600, progress=progress)

    assert _dump(store) == before


def test_progress_counts_up_to_the_total(store: Store) -> None:
    reported: list[tuple[int, int]] = []

    build_demo_school(
        store, students=700, progress=lambda done, total: reported.append((done, total))
    )

    assert reported[0] == (0, 700)
    assert reported[-1] == (700, 700)
    assert {total for _, total in reported} == {700}
    done = [d for d, _ in reported]
    assert done == sorted(done) and len(done) >= 4


def test_not_cancelled_builds_everything(store: Store) -> None:
    assert build_demo_school(store, students=300, is_cancelled=lambda: False) == 300
    assert StudentStore(store).count() == 300


def test_needs_at_least_one_student(store: Store) -> None:
    with pytest.raises(ValueError):
        build_demo_school(store, students=0)
    assert StudentStore(store).count(include_archived=True) == 0


# --- Self-exploration -----------------------------------------------------------------------

_SELF_EXPLORATION_TABLES = ("inventory_attempts", "profile_items", "activities", "supports")


def _profiles(store: Store) -> dict[str, SelfExplorationProfile]:
    """Every demo student's self-exploration, by SIS id."""
    selfx = SelfExplorationStore(store)
    return {entry.sis_id: selfx.profile(entry.id) for entry in StudentStore(store).roster()}


def _without_ids(profile: SelfExplorationProfile) -> list[object]:
    """The records as the demo made them, without the ids the database gave them."""
    records = [*profile.attempts, *profile.items, *profile.activities, *profile.supports]
    return [dataclasses.replace(r, id=None, student_id=None) for r in records]


def test_most_demo_students_have_self_exploration_records(store: Store) -> None:
    build_demo_school(store, students=250, seed=5)
    inventory, lists = load_self_exploration_data()
    roster = {s.sis_id: s for s in StudentStore(store).all()}
    profiles = _profiles(store)

    with_data = {sis: p for sis, p in profiles.items() if not p.is_empty}
    assert len(with_data) >= 0.75 * len(profiles)
    reflected = with_history = with_activities = 0
    for sis_id, profile in with_data.items():
        student = roster[sis_id]
        assert profile.attempts and profile.items_of("strength") and profile.items_of("skill")
        for attempt in profile.finished_attempts:
            result = attempt.result(inventory)
            reflected += bool(attempt.reflection)
            assert result.code is not None or not attempt.reflection
        with_history += len(profile.finished_attempts) >= 2
        with_activities += bool(profile.activities)
        for item in profile.items:
            assert validate_profile_item(item, lists) == {}
        for activity in profile.activities:
            assert validate_activity(activity) == {}
        for support in profile.supports:
            assert validate_support(support, lists) == {}
        if student.iep or student.plan_504 or student.ell:
            assert profile.supports, sis_id
    assert reflected >= 0.5 * len(with_data)
    assert with_history >= 0.2 * len(with_data)
    assert with_activities >= 0.7 * len(with_data)


def test_the_same_seed_gives_the_same_self_exploration(tmp_path: Path) -> None:
    built = []
    for name in ("a.sqlite", "b.sqlite"):
        store = open_store(tmp_path / name, tmp_path / "backups")
        try:
            build_demo_school(store, students=80, seed=9)
            built.append({sis: _without_ids(p) for sis, p in _profiles(store).items()})
        finally:
            store.close()
    assert built[0] == built[1]
    assert any(built[0].values())


def test_rebuilding_a_demo_replaces_its_self_exploration(store: Store) -> None:
    build_demo_school(store, students=60, seed=1)
    first = {sis: _without_ids(p) for sis, p in _profiles(store).items()}

    build_demo_school(store, students=30, seed=2)

    second = {sis: _without_ids(p) for sis, p in _profiles(store).items()}
    assert second != first and any(second.values())
    for table in _SELF_EXPLORATION_TABLES:
        orphans = store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE student_id NOT IN (SELECT id FROM students)"
        ).fetchone()[0]
        assert orphans == 0, table


# --- Plans ----------------------------------------------------------------------------------

PLAN_TABLES = (
    "baselines",
    "assessments",
    "goals",
    "goal_notes",
    "action_steps",
    "course_plan",
    "postsecondary",
    "postsecondary_targets",
    "postsecondary_careers",
)
TODAY = dt.date(2026, 11, 22)


def _count(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _generated_plans(count: int, seed: int) -> dict[str, DemoPlan]:
    """The plans the demo makes for these students, by SIS id, made again from the seed."""
    roster = generate_students(count, seed, load_names())
    profiles = list(generate_self_exploration(roster, seed, *load_self_exploration_data()))
    shortlists = list(
        generate_shortlists(profiles, bundled.starter_library().careers, bundled.inventory(), seed)
    )
    catalog = load_course_catalog(DEFAULT_RULES)
    plans = generate_plans(roster, profiles, shortlists, catalog, DEFAULT_RULES, seed, TODAY)
    return {s.sis_id: plan for s, plan in zip(roster, plans, strict=True)}


def _bare(records: Iterable[Any]) -> list[Any]:
    """Records without the ids the database gave them, in a fixed order."""
    fields = ("id", "student_id", "goal_id")
    bare = [dataclasses.replace(r, **{f: None for f in fields if hasattr(r, f)}) for r in records]
    return sorted(bare, key=repr)


def test_demo_students_get_plans(store: Store) -> None:
    build_demo_school(store, students=60, seed=5, today=TODAY)

    for table in PLAN_TABLES:
        assert _count(store, table) > 0, table
    catalog = CourseStore(store).catalog()
    assert len(catalog) == len(load_course_catalog(DEFAULT_RULES)) > 60
    expected = _generated_plans(60, 5)
    roster = {s.sis_id: s for s in StudentStore(store).all()}
    tenth = [s for sis, s in sorted(roster.items()) if s.grade == "10" and expected[sis].goals]
    assert tenth
    student = tenth[0]
    assert student.id is not None
    plan = expected[student.sis_id]

    records = PlanStore(store).records(student.id)
    assert _bare(records.baselines) == _bare(plan.baselines)
    assert _bare(records.assessments) == _bare(plan.assessments)
    assert [g.statement for g in records.goals] == [g.statement for g in plan.goals]
    for stored, made in zip(records.goals, plan.goals, strict=True):
        assert _bare(stored.steps) == _bare(made.steps)
        assert _bare(stored.notes) == _bare(made.notes)
        own = dataclasses.replace(stored, id=None, student_id=None, notes=(), steps=())
        assert own == dataclasses.replace(made, notes=(), steps=())
    assert _bare(records.plan_steps) == _bare(plan.plan_steps)
    courses = CourseStore(store).plan(student.id)
    assert _bare(courses) == _bare(plan.courses)
    ninth = [c for c in courses if c.grade == "9"]
    assert ninth and all(c.status in ("completed", "no_credit") for c in ninth)
    post = PostsecondaryStore(store).plan(student.id)
    assert post.pathway == plan.postsecondary.pathway
    assert post.aspiration == plan.postsecondary.aspiration
    assert [(t.kind, t.name) for t in post.targets] == [
        (t.kind, t.name) for t in plan.postsecondary.targets
    ]
    assert set(post.careers) == set(plan.postsecondary.careers)


def test_rebuilding_a_demo_replaces_its_plans(store: Store) -> None:
    build_demo_school(store, students=40, seed=1, today=TODAY)
    first = {table: _count(store, table) for table in PLAN_TABLES}

    build_demo_school(store, students=20, seed=2, today=TODAY)

    second = {table: _count(store, table) for table in PLAN_TABLES}
    assert second != first
    for table in PLAN_TABLES:
        column = "goal_id" if table == "goal_notes" else "student_id"
        parent = "goals" if table == "goal_notes" else "students"
        orphans = store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})"
        ).fetchone()[0]
        assert orphans == 0, table


def test_cancel_after_the_plans_are_written_leaves_nothing(store: Store) -> None:
    before = _dump(store)
    checks = 0

    def cancel_at_the_last_look() -> bool:
        nonlocal checks
        checks += 1
        return checks > 1  # 60 students: one look before starting, one before the commit

    with pytest.raises(DemoCancelled):
        build_demo_school(store, students=60, is_cancelled=cancel_at_the_last_look)

    assert checks == 2
    assert _dump(store) == before
    for table in (*PLAN_TABLES, "course_catalog"):
        assert _count(store, table) == 0, table


def test_a_catalog_that_does_not_fit_the_rules_is_refused_clearly(store: Store) -> None:
    # A demo database whose school renamed an area: the bundled catalog no longer fits it.
    build_demo_school(store, students=10, seed=1, today=TODAY)
    areas = tuple(
        dataclasses.replace(a, name="Arts") if a.name == "Fine arts" else a
        for a in DEFAULT_RULES.areas
    )
    CourseStore(store).set_rules(dataclasses.replace(DEFAULT_RULES, areas=areas))
    before = _dump(store)

    with pytest.raises(DemoRefused, match=r"course_catalog\.csv") as refused:
        build_demo_school(store, students=10, seed=2, today=TODAY)

    assert "Fine arts" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert _dump(store) == before


# --- Reviews and sessions -----------------------------------------------------------------------

REVIEW_TABLES = ("sessions", "acknowledgements", "snapshots")


def _generated_history(count: int, seed: int) -> dict[str, tuple[DemoPlan, list[DemoSession]]]:
    """The plans and sessions the demo makes for these students, by SIS id, made again from
    the seed."""
    roster = generate_students(count, seed, load_names())
    inventory, checklists = load_self_exploration_data()
    profiles = list(generate_self_exploration(roster, seed, inventory, checklists))
    shortlists = list(
        generate_shortlists(profiles, bundled.starter_library().careers, inventory, seed)
    )
    catalog = load_course_catalog(DEFAULT_RULES)
    plans = generate_plans(roster, profiles, shortlists, catalog, DEFAULT_RULES, seed, TODAY)
    history = generate_history(
        roster,
        plans,
        profiles,
        shortlists,
        DEFAULT_CALENDAR,
        seed,
        TODAY,
        inventory=inventory,
        checklists=checklists,
    )
    return {s.sis_id: (plan, items) for s, plan, items in zip(roster, plans, history, strict=True)}


def test_demo_students_get_reviews_sessions_and_snapshots(store: Store) -> None:
    build_demo_school(store, students=60, seed=5, today=TODAY)

    for table in REVIEW_TABLES:
        assert _count(store, table) > 0, table
    conn = store.conn
    # Each review has one snapshot, taken the day it was held; other sessions have none.
    per_session = conn.execute(
        "SELECT se.review, count(sn.id), coalesce(min(sn.taken_at = se.held_on), 1) "
        "FROM sessions se LEFT JOIN snapshots sn ON sn.session_id = se.id GROUP BY se.id"
    ).fetchall()
    assert {(bool(review), count, same) for review, count, same in per_session} == {
        (True, 1, 1),
        (False, 0, 1),
    }
    assert conn.execute("SELECT max(held_on) FROM sessions").fetchone()[0] <= TODAY.isoformat()
    # Some steps were agreed at a session, each at one of its own student's held the day the
    # step was set; the others were not.
    agreed = conn.execute(
        "SELECT st.created_on = se.held_on AND st.student_id = se.student_id "
        "FROM action_steps st JOIN sessions se ON se.id = st.session_id"
    ).fetchall()
    assert agreed and all(ok for (ok,) in agreed)
    assert conn.execute("SELECT count(*) FROM action_steps WHERE session_id IS NULL").fetchone()[0]

    # What the store reads back is what the generator made.
    expected = _generated_history(60, 5)
    sessions = SessionStore(store)
    plans = PlanStore(store)
    compared = 0
    for student in StudentStore(store).all():
        assert student.id is not None
        plan, made = expected[student.sis_id]
        stored = list(reversed(sessions.sessions(student.id)))  # newest first in the store
        assert [s.held_on for s in stored] == [i.session.held_on for i in made]
        steps = plans.records(student.id).all_steps()
        made_steps = [*(s for g in plan.goals for s in g.steps), *plan.plan_steps]
        for session, item in zip(stored, made, strict=True):
            bare = dataclasses.replace(
                session,
                id=None,
                student_id=None,
                acknowledgements=tuple(
                    dataclasses.replace(a, id=None, session_id=None)
                    for a in session.acknowledgements
                ),
            )
            assert bare == item.session
            assert session.id is not None
            snapshot = sessions.review_snapshot(session.id)
            if item.snapshot is None:
                assert snapshot is None
            else:
                assert snapshot == read_snapshot(item.snapshot)
            assert sorted(s.what for s in steps if s.session_id == session.id) == sorted(
                made_steps[i].what for i in item.step_indexes
            )
            compared += 1
        held = sessions.held_reviews(student.id)
        assert len(held) == sum(1 for i in made if i.session.review)
        last = sessions.last_review(student.id)
        assert (last is None) == (not held)
    assert compared > 4 * 60


def test_rebuilding_a_demo_replaces_its_sessions(store: Store) -> None:
    build_demo_school(store, students=40, seed=1, today=TODAY)
    first = {table: _count(store, table) for table in REVIEW_TABLES}

    build_demo_school(store, students=20, seed=2, today=TODAY)

    assert {table: _count(store, table) for table in REVIEW_TABLES} != first
    for table, parent, column in (
        ("sessions", "students", "student_id"),
        ("snapshots", "sessions", "session_id"),
        ("acknowledgements", "sessions", "session_id"),
    ):
        orphans = store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})"
        ).fetchone()[0]
        assert orphans == 0, table


def test_cancel_after_the_sessions_are_written_leaves_the_earlier_demo(store: Store) -> None:
    build_demo_school(store, students=30, seed=3, today=TODAY)
    before = _dump(store)
    sessions_before = _count(store, "sessions")
    checks = 0

    def cancel_at_the_last_look() -> bool:
        nonlocal checks
        checks += 1
        return checks > 1  # one look before starting, one before the commit

    with pytest.raises(DemoCancelled):
        build_demo_school(
            store, students=60, seed=4, today=TODAY, is_cancelled=cancel_at_the_last_look
        )

    assert checks == 2
    assert _dump(store) == before
    assert _count(store, "sessions") == sessions_before > 0
