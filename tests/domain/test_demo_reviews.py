"""The demo school's review history: three school years of sessions that fit the plans."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache

import pytest

from ilp_desktop import bundled
from ilp_desktop.demo_school import load_course_catalog, load_names, load_self_exploration_data
from ilp_desktop.domain.courses import DEFAULT_RULES
from ilp_desktop.domain.demo_careers import generate_shortlists
from ilp_desktop.domain.demo_plans import DemoPlan, generate_plans
from ilp_desktop.domain.demo_reviews import DemoSession, generate_history
from ilp_desktop.domain.demo_self_exploration import generate_self_exploration
from ilp_desktop.domain.demo_students import generate_students
from ilp_desktop.domain.plans import ActionStep
from ilp_desktop.domain.reviews import (
    HeldReview,
    checkpoints_for_year,
    due_this_month,
    grade_in_year,
    overdue,
    schedule,
)
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR, SchoolCalendar
from ilp_desktop.domain.self_exploration import SelfExplorationProfile
from ilp_desktop.domain.sessions import validate_acknowledgement, validate_session
from ilp_desktop.domain.shortlist import ShortlistEntry
from ilp_desktop.domain.snapshots import read_snapshot, what_changed
from ilp_desktop.domain.students import Student

TODAY = dt.date(2026, 11, 22)  # school year 2026-27, after the fall checkpoint's due date
SEED = 4
COUNT = 160


@dataclass(frozen=True)
class School:
    students: list[Student]
    plans: list[DemoPlan]
    profiles: list[SelfExplorationProfile]
    shortlists: list[list[ShortlistEntry]]
    today: dt.date
    calendar: SchoolCalendar
    history: list[list[DemoSession]]

    def rows(self) -> list[tuple[Student, DemoPlan, SelfExplorationProfile, list[DemoSession]]]:
        return list(zip(self.students, self.plans, self.profiles, self.history, strict=True))

    def again(self, seed: int = SEED) -> list[list[DemoSession]]:
        return _history(self, seed)


def _history(school: School, seed: int) -> list[list[DemoSession]]:
    inventory, checklists = load_self_exploration_data()
    return generate_history(
        school.students,
        school.plans,
        school.profiles,
        school.shortlists,
        school.calendar,
        seed,
        school.today,
        inventory=inventory,
        checklists=checklists,
    )


@cache
def _school(
    count: int = COUNT, today: dt.date = TODAY, calendar: SchoolCalendar = DEFAULT_CALENDAR
) -> School:
    roster = generate_students(count, SEED, load_names())
    inventory, checklists = load_self_exploration_data()
    profiles = list(generate_self_exploration(roster, SEED, inventory, checklists))
    shortlists = list(
        generate_shortlists(profiles, bundled.starter_library().careers, inventory, SEED)
    )
    catalog = load_course_catalog(DEFAULT_RULES)
    plans = generate_plans(roster, profiles, shortlists, catalog, DEFAULT_RULES, SEED, today)
    school = School(roster, plans, profiles, shortlists, today, calendar, [])
    return School(roster, plans, profiles, shortlists, today, calendar, _history(school, SEED))


@pytest.fixture(scope="module")
def school() -> School:
    return _school()


def _steps(plan: DemoPlan) -> list[ActionStep]:
    """The plan's steps in PlanRecords.all_steps() order, which step_indexes point into."""
    return [s for g in plan.goals for s in g.steps] + list(plan.plan_steps)


def _reviews(items: list[DemoSession]) -> list[DemoSession]:
    return [item for item in items if item.session.review]


def _held(items: list[DemoSession]) -> list[HeldReview]:
    return [
        HeldReview(None, i.session.held_on, i.session.review, i.session.review_year)
        for i in _reviews(items)
    ]


def _grade_then(student: Student, day: str, calendar: SchoolCalendar = DEFAULT_CALENDAR) -> str:
    year = calendar.year_of(dt.date.fromisoformat(day))
    grade = grade_in_year(student.grade, calendar.year_of(TODAY), year)
    assert grade is not None
    return grade


def test_the_same_inputs_give_the_same_history(school: School) -> None:
    assert school.again() == school.history
    assert school.again(SEED + 1) != school.history
    assert sum(len(items) for items in school.history) > 4 * COUNT


def test_every_session_is_valid_and_none_is_after_today(school: School) -> None:
    for _, _, _, items in school.rows():
        held_on = [item.session.held_on for item in items]
        assert held_on == sorted(held_on)
        assert len(set(held_on)) == len(held_on)  # one meeting a day at most
        for item in items:
            session = item.session
            assert validate_session(session, today=TODAY) == {}
            assert dt.date.fromisoformat(session.held_on).weekday() < 5 or item.step_indexes
            assert session.held_on <= TODAY.isoformat()
            for ack in session.acknowledgements:
                assert validate_acknowledgement(ack, today=TODAY, held_on=session.held_on) == {}
            if not session.review:
                assert session.acknowledgements == () and item.snapshot is None


def test_reviews_count_only_for_checkpoints_of_the_students_grade_that_year(
    school: School,
) -> None:
    year_now = DEFAULT_CALENDAR.year_of(TODAY)
    kinds: Counter[str] = Counter()
    for student, _, _, items in school.rows():
        for item in items:
            session = item.session
            grade = _grade_then(student, session.held_on)
            assert int(grade) >= 6  # nothing from before the student came to the school
            kinds[session.review or "none"] += 1
            if session.review in ("", "adhoc"):
                assert session.review_year is None
                continue
            assert session.review_year is not None
            assert year_now - 2 <= session.review_year <= year_now
            grade_that_year = grade_in_year(student.grade, year_now, session.review_year)
            assert grade_that_year is not None and int(grade_that_year) >= 6
            keys = {
                c.key
                for c in checkpoints_for_year(
                    grade_that_year, session.review_year, DEFAULT_CALENDAR
                )
            }
            assert (session.review_year, session.review) in keys
        # One review per checkpoint.
        keys_held = [(i.session.review_year, i.session.review) for i in _reviews(items)]
        counted = [key for key in keys_held if key[1] != "adhoc"]
        assert len(counted) == len(set(counted))
    assert kinds["fall"] and kinds["spring"] and kinds["transition"] and kinds["adhoc"]
    assert kinds["none"] > 0


def test_every_review_has_a_snapshot_of_the_plan_that_day(school: School) -> None:
    for student, _, _, items in school.rows():
        for item in _reviews(items):
            assert item.snapshot is not None
            stored = read_snapshot(json.loads(json.dumps(item.snapshot)))
            assert stored["taken_on"] == item.session.held_on
            assert stored["student"]["name"] == student.full_name
            assert stored["student"]["grade"] == _grade_then(student, item.session.held_on)


def test_snapshots_show_the_plan_as_it_stood(school: School) -> None:
    closed_since = done_since = 0
    for _, plan, profile, items in school.rows():
        for item in _reviews(items):
            day = item.session.held_on
            assert item.snapshot is not None
            snap = item.snapshot
            set_by_then = [g for g in plan.goals if g.created_on <= day]
            assert [g["statement"] for g in snap["goals"]] == [g.statement for g in set_by_then]
            for goal, then in zip(set_by_then, snap["goals"], strict=True):
                if goal.status in ("done", "dropped") and then["status"] != goal.status:
                    closed_since += 1
                    assert then["status"] == "on_track" and then["dropped_reason"] == ""
                for step, step_then in zip(goal.steps, then["steps"], strict=True):
                    if step.done_on > day:
                        done_since += 1
                        assert step_then["status"] == "in_progress"
                        assert step_then["done_on"] == ""
                    elif step.status == "done":
                        assert step_then["status"] == "done"
                assert all(n["noted_on"] <= day for n in then["notes"])
            assert all(b["as_of"] <= day for b in snap["baselines"])
            assert {b["as_of"] for b in snap["baselines"]} == {
                b.as_of for b in plan.baselines if b.recorded_on <= day
            }
            assert all(a["taken_on"] < day for a in snap["assessments"])
            finished = [(a.finished_at or "")[:10] for a in profile.finished_attempts]
            assert snap["interest"]["taken_on"] == max(
                (on for on in finished if on <= day), default=""
            )
    assert closed_since > 0 and done_since > 0


def test_what_changed_between_reviews_is_real_progress(school: School) -> None:
    seen: Counter[str] = Counter()
    for _, _, _, items in school.rows():
        reviews = _reviews(items)
        for before, after in itertools.pairwise(reviews):
            assert before.snapshot is not None and after.snapshot is not None
            for change in what_changed(before.snapshot, after.snapshot):
                seen[change.category] += 1
            # Nothing is ever undone in a history made from today's plan.
            assert not [
                c
                for c in what_changed(after.snapshot, before.snapshot)
                if c.category in ("steps_done", "goals_completed")
            ]
    for category in ("goals_added", "goals_completed", "steps_done", "steps_added", "baselines"):
        assert seen[category] > 0, category


def test_steps_are_agreed_at_a_session_on_the_day_they_were_set(school: School) -> None:
    linked_students = 0
    for _, plan, _, items in school.rows():
        steps = _steps(plan)
        agreed = [i for item in items for i in item.step_indexes]
        assert len(agreed) == len(set(agreed))  # a step is agreed once
        for item in items:
            for index in item.step_indexes:
                assert steps[index].created_on == item.session.held_on
            if item.step_indexes:
                # Every step set that day was agreed at that day's session.
                that_day = {i for i, s in enumerate(steps) if s.created_on == item.session.held_on}
                assert set(item.step_indexes) == that_day
        linked_students += bool(agreed)
    with_steps = sum(1 for plan in school.plans if _steps(plan))
    assert linked_students >= 0.7 * with_steps


def test_last_time_we_agreed_has_done_and_open_steps_when_the_plan_allows(
    school: School,
) -> None:
    calendar = DEFAULT_CALENDAR
    start = calendar.starts(calendar.year_of(TODAY) - 2).isoformat()
    could = mixed = 0
    for _, plan, _, items in school.rows():
        steps = _steps(plan)
        by_day: dict[str, set[str]] = {}
        for step in steps:
            by_day.setdefault(step.created_on, set()).add(step.status)
        in_term = [
            day
            for day, statuses in by_day.items()
            if start <= day <= TODAY.isoformat()
            and calendar.starts(calendar.year_of(dt.date.fromisoformat(day)))
            <= dt.date.fromisoformat(day)
            <= calendar.ends(calendar.year_of(dt.date.fromisoformat(day)))
            and "done" in statuses
            and statuses & {"to_do", "in_progress"}
        ]
        if not in_term or not items:
            continue
        could += 1
        last = [item for item in items if item.step_indexes][-1]
        statuses = {steps[i].status for i in last.step_indexes}
        mixed += "done" in statuses and bool(statuses & {"to_do", "in_progress"})
    assert could > 0.3 * COUNT
    assert mixed == could


def test_history_spans_three_school_years_from_grade_8(school: School) -> None:
    year_now = DEFAULT_CALENDAR.year_of(TODAY)
    checked = 0
    for student, _, _, items in school.rows():
        if not items:
            continue
        years = {DEFAULT_CALENDAR.year_of(dt.date.fromisoformat(i.session.held_on)) for i in items}
        grade = int(student.grade)
        expected = set(range(year_now - min(2, grade - 6), year_now + 1))
        assert years == expected, (student.grade, years)
        checked += int(student.grade) >= 8
    assert checked > 0.3 * COUNT


def test_students_not_seen_yet_have_no_sessions(school: School) -> None:
    not_seen = 0
    for _, plan, profile, items in school.rows():
        if not plan.goals and profile.is_empty:
            not_seen += 1
            assert items == []
        else:
            assert items
    assert not_seen > 0


def test_conferences_and_acknowledgements(school: School) -> None:
    reviews = family = paper = conferences = students_acked = 0
    for student, _, _, items in school.rows():
        guardians = {g.name for g in student.guardians}
        for item in _reviews(items):
            session = item.session
            reviews += 1
            roles = [a.role for a in session.attendees]
            assert "counselor" in roles
            assert [a.name for a in session.attendees if a.role == "counselor"] == [
                student.counselor
            ]
            if session.kind == "conference":
                conferences += 1
                present = {a.name for a in session.attendees if a.role == "guardian"}
                assert present and present <= guardians
            else:
                assert session.kind == "one_on_one" and roles == ["student", "counselor"]
            students_acked += session.acknowledged_by("student")
            for ack in session.acknowledgements:
                if ack.role == "guardian":
                    family += 1
                    paper += ack.on_paper
                    assert ack.name in guardians
                    if ack.on_paper:
                        assert ack.signed_on > session.held_on
    assert 0.3 * reviews < conferences < 0.6 * reviews
    assert 0.45 * reviews < family < 0.75 * reviews
    assert 0.3 * family < paper < 0.7 * family
    assert students_acked > 0.8 * reviews


def test_notes_are_plain_sentences_about_the_students_plan(school: School) -> None:
    named_goal = 0
    for _, plan, _, items in school.rows():
        statements = [g.statement.rstrip(".") for g in plan.goals]
        for item in items:
            notes = item.session.notes
            assert notes.endswith(".") and "{" not in notes and "  " not in notes
            assert '.".' not in notes
            quoted = notes.split('"')[1::2]
            assert all(q in statements for q in quoted)
            named_goal += bool(quoted)
    assert named_goal > 0


def test_the_dashboard_has_overdue_all_held_and_missing_family_acknowledgements(
    school: School,
) -> None:
    year_start = DEFAULT_CALENDAR.starts(DEFAULT_CALENDAR.year_of(TODAY)).isoformat()
    overdue_students = all_held = no_family = with_family = 0
    for student, _, _, items in school.rows():
        if not items:
            continue
        checkpoints = schedule(student.grade, TODAY, DEFAULT_CALENDAR, _held(items))
        overdue_students += bool(overdue(checkpoints, TODAY))
        all_held += all(c.held is not None for c in checkpoints)
        acked = any(
            a.role == "guardian" and a.signed_on >= year_start
            for item in items
            for a in item.session.acknowledgements
        )
        with_family += acked
        no_family += not acked
    assert overdue_students > 0.05 * COUNT
    assert all_held > 0
    assert no_family > 0 and with_family > no_family


def test_reviews_fall_due_this_month_early_in_the_year() -> None:
    # In mid-September the transition reviews (due September 30) are due this month; reviews
    # are held in their windows, so some are still waiting.
    today = dt.date(2026, 9, 14)
    school = _school(80, today)
    waiting = held_in_window = 0
    for student, _, _, items in school.rows():
        checkpoints = schedule(student.grade, today, DEFAULT_CALENDAR, _held(items))
        waiting += bool(due_this_month(checkpoints, today))
        assert all(i.session.held_on <= today.isoformat() for i in items)
        for checkpoint in checkpoints:
            if checkpoint.held is not None:
                held_in_window += checkpoint.held.held_on >= checkpoint.opens_on.isoformat()
    assert waiting > 0 and held_in_window > 0


def test_another_school_calendar_is_followed() -> None:
    # A middle school that starts in September: grade 8 is its final year.
    calendar = SchoolCalendar(first_day="09-02", last_day="06-20", final_grade="8")
    school = _school(80, TODAY, calendar)
    year_now = calendar.year_of(TODAY)
    final_reviews = 0
    for student, _, _, items in school.rows():
        for item in _reviews(items):
            session = item.session
            day = dt.date.fromisoformat(session.held_on)
            assert calendar.starts(calendar.year_of(day)) <= day
            if session.review == "adhoc":
                continue
            assert session.review_year is not None
            grade = grade_in_year(student.grade, year_now, session.review_year)
            assert grade is not None
            keys = {c.key for c in checkpoints_for_year(grade, session.review_year, calendar)}
            assert (session.review_year, session.review) in keys
            final_reviews += session.review == "transition" and grade == "8"
    assert final_reviews > 0
