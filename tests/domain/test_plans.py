"""The plan's rules: checks keyed to fields, status changes, SMART hints, overdue, views."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from ilp_desktop.domain.plans import (
    ROLES,
    ActionStep,
    Assessment,
    Baseline,
    Goal,
    ProgressNote,
    all_steps,
    assessment_history,
    goal_with_status,
    smart_hints,
    steps_by_role,
    trends,
    validate_assessment,
    validate_baseline,
    validate_goal,
    validate_note,
    validate_step,
    with_status,
)

TODAY = dt.date(2026, 11, 22)
YESTERDAY = "2026-11-21"
TOMORROW = "2026-11-23"

SPECIFIC = Goal(
    area="academic",
    statement="Raise my Algebra I grade from a C to a B by the end of semester 1",
    measure="Algebra I grade on each progress report",
    target_date="2027-01-22",
    status="on_track",
)


def goal(**changes: object) -> Goal:
    return replace(SPECIFIC, **changes)  # type: ignore[arg-type]


def step(what: str = "Sign up for tutoring", **changes: object) -> ActionStep:
    return replace(ActionStep(what), **changes)  # type: ignore[arg-type]


# --- Checks -----------------------------------------------------------------------------------


def test_a_good_goal_has_no_problems() -> None:
    assert validate_goal(SPECIFIC) == {}
    assert validate_goal(goal(measure="", target_date="", status="not_started")) == {}


def test_goal_problems_are_keyed_to_their_fields() -> None:
    problems = validate_goal(
        goal(area="sports", statement="  ", target_date="2027-02-30", status="later")
    )
    assert set(problems) == {"area", "statement", "target_date", "status"}
    assert "2027-02-30" in problems["target_date"]


def test_a_long_goal_statement_is_refused() -> None:
    problems = validate_goal(goal(statement="word " * 300))
    assert set(problems) == {"statement"}
    assert "1,000" in problems["statement"]


def test_a_dropped_goal_needs_a_reason() -> None:
    problems = validate_goal(goal(status="dropped", dropped_reason="  "))
    assert set(problems) == {"dropped_reason"}
    assert "why" in problems["dropped_reason"]
    assert validate_goal(goal(status="dropped", dropped_reason="Changed schools")) == {}


def test_a_good_step_has_no_problems() -> None:
    assert validate_step(step(), today=TODAY) == {}
    assert validate_step(step(due_on=TOMORROW, role="teacher", who_name="Ms. Ortiz")) == {}
    assert validate_step(step(status="done", done_on=TODAY.isoformat()), today=TODAY) == {}


def test_step_problems_are_keyed_to_their_fields() -> None:
    problems = validate_step(
        step(what=" ", role="coach", kind="party", due_on="soon", status="maybe"), today=TODAY
    )
    assert set(problems) == {"what", "role", "kind", "due_on", "status"}


def test_a_done_step_needs_the_date_it_was_done() -> None:
    problems = validate_step(step(status="done"), today=TODAY)
    assert set(problems) == {"done_on"}


def test_a_done_step_was_not_done_in_the_future() -> None:
    problems = validate_step(step(status="done", done_on=TOMORROW), today=TODAY)
    assert set(problems) == {"done_on"}
    assert "future" in problems["done_on"]
    assert validate_step(step(status="done", done_on=YESTERDAY), today=TODAY) == {}


@pytest.mark.parametrize("status", ["to_do", "in_progress", "dropped"])
def test_only_a_done_step_has_a_date_done(status: str) -> None:
    problems = validate_step(step(status=status, done_on=YESTERDAY), today=TODAY)
    assert set(problems) == {"done_on"}
    assert "Only a step that is done" in problems["done_on"]


def test_role_other_needs_a_name() -> None:
    problems = validate_step(step(role="other"), today=TODAY)
    assert set(problems) == {"who_name"}
    assert validate_step(step(role="other", who_name="Coach Reyes"), today=TODAY) == {}
    # Any other role may leave the name out.
    assert validate_step(step(role="guardian"), today=TODAY) == {}


def test_baseline_checks() -> None:
    assert validate_baseline(Baseline("2026-09-15", gpa=3.1), today=TODAY) == {}
    assert set(validate_baseline(Baseline("2026-09-15"), today=TODAY)) == {""}
    problems = validate_baseline(
        Baseline(TOMORROW, gpa=5.5, credits=-1, attendance=101.0), today=TODAY
    )
    assert set(problems) == {"as_of", "gpa", "credits", "attendance"}
    assert "future" in problems["as_of"]
    assert set(validate_baseline(Baseline("", note="x"), today=TODAY)) == {"as_of"}


def test_assessment_checks() -> None:
    good = Assessment("PSAT 10", "2026-10-14", score="1050")
    assert validate_assessment(good, today=TODAY) == {}
    assert validate_assessment(replace(good, score="", level="Proficient"), today=TODAY) == {}
    problems = validate_assessment(
        Assessment(" ", TOMORROW, score="", level=""),
        today=TODAY,
    )
    assert set(problems) == {"name", "taken_on", "score"}


def test_note_checks() -> None:
    assert validate_note(ProgressNote(YESTERDAY, "Met with tutor twice"), today=TODAY) == {}
    problems = validate_note(ProgressNote(TOMORROW, " "), today=TODAY)
    assert set(problems) == {"noted_on", "text"}


# --- Status rules -------------------------------------------------------------------------------


def test_marking_a_step_done_dates_it_today() -> None:
    done = with_status(step(), "done", TODAY)
    assert (done.status, done.done_on) == ("done", TODAY.isoformat())
    assert validate_step(done, today=TODAY) == {}


def test_a_step_done_earlier_keeps_its_date() -> None:
    done = with_status(step(done_on=YESTERDAY), "done", TODAY)
    assert done.done_on == YESTERDAY


@pytest.mark.parametrize("status", ["to_do", "in_progress", "dropped"])
def test_reopening_or_dropping_a_step_clears_its_date_done(status: str) -> None:
    changed = with_status(step(status="done", done_on=YESTERDAY), status, TODAY)
    assert (changed.status, changed.done_on) == (status, "")
    assert validate_step(changed, today=TODAY) == {}


def test_only_a_dropped_goal_keeps_a_reason() -> None:
    dropped = goal_with_status(SPECIFIC, "dropped", "Moved to another school")
    assert (dropped.status, dropped.dropped_reason) == ("dropped", "Moved to another school")
    reopened = goal_with_status(dropped, "on_track", "ignored")
    assert (reopened.status, reopened.dropped_reason) == ("on_track", "")
    assert validate_goal(reopened) == {}


# --- SMART hints --------------------------------------------------------------------------------


def test_a_specific_goal_gets_no_hints() -> None:
    assert smart_hints(SPECIFIC, TODAY) == []
    with_a_step = goal(id=7, steps=(step(goal_id=7, id=1),))
    assert smart_hints(with_a_step, TODAY) == []


def test_a_goal_without_a_measure_is_asked_how_progress_is_measured() -> None:
    hints = smart_hints(goal(measure=" "), TODAY)
    assert len(hints) == 1
    assert "measured" in hints[0]


def test_a_goal_without_a_date_is_asked_for_one() -> None:
    hints = smart_hints(goal(target_date=""), TODAY)
    assert len(hints) == 1
    assert "target date" in hints[0]


def test_a_goal_whose_date_passed_says_so() -> None:
    hints = smart_hints(goal(target_date=YESTERDAY), TODAY)
    assert len(hints) == 1
    assert "passed" in hints[0]
    assert smart_hints(goal(target_date=TODAY.isoformat()), TODAY) == []


def test_a_short_statement_asks_for_a_few_more_words() -> None:
    hints = smart_hints(goal(statement="Pass Algebra"), TODAY)
    assert len(hints) == 1
    assert "few more words" in hints[0]


def test_vague_words_without_a_number_ask_how_much() -> None:
    vague = goal(
        statement="I will try to do better in my classes this year",
        measure="report card",
    )
    hints = smart_hints(vague, TODAY)
    assert len(hints) == 1
    assert "how much" in hints[0]
    # A number anywhere, in the statement or the measure, answers "how much".
    assert smart_hints(replace(vague, measure="GPA of 3.0 on the report card"), TODAY) == []
    numbered = replace(vague, statement="I will try to do better: at least a B in 4 classes")
    assert smart_hints(numbered, TODAY) == []


def test_vague_words_are_found_beside_punctuation() -> None:
    for statement in (
        "My grades in math need to get better!",
        "Improve, then keep up, my science grades",
        "Read more (at home) this year",
    ):
        hints = smart_hints(goal(statement=statement, measure="report card"), TODAY)
        assert len(hints) == 1 and "how much" in hints[0], statement


def test_vague_words_are_whole_words() -> None:
    # "Goodwin" holds "good", "improvement" holds "improve": neither is vague.
    place = goal(statement="Visit the Goodwin technical center with my dad", measure="visited")
    assert smart_hints(place, TODAY) == []
    plan = goal(statement="Write a reading improvement plan with my teacher", measure="written")
    assert smart_hints(plan, TODAY) == []


def test_a_saved_goal_with_no_steps_asks_for_a_first_step() -> None:
    hints = smart_hints(goal(id=3), TODAY)
    assert len(hints) == 1
    assert "first action step" in hints[0]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_closed_goals_get_no_hints(status: str) -> None:
    vague = Goal("academic", "Do better", status=status, dropped_reason="x", id=4)
    assert smart_hints(vague, TODAY) == []
    assert len(smart_hints(replace(vague, status="at_risk"), TODAY)) == 4


# --- Overdue ------------------------------------------------------------------------------------


def test_a_step_due_today_is_not_overdue_yet() -> None:
    assert not step(due_on=TODAY.isoformat()).is_overdue(TODAY)
    assert step(due_on=YESTERDAY).is_overdue(TODAY)
    assert not step(due_on=TOMORROW).is_overdue(TODAY)
    assert not step(due_on="").is_overdue(TODAY)


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_a_closed_step_is_never_overdue(status: str) -> None:
    assert not step(due_on="2020-01-01", status=status, done_on="2020-02-01").is_overdue(TODAY)


def test_goal_overdue_follows_its_target_date() -> None:
    assert not goal(target_date=TODAY.isoformat()).is_overdue(TODAY)
    assert goal(target_date=YESTERDAY).is_overdue(TODAY)
    assert not goal(target_date="").is_overdue(TODAY)
    assert not goal(target_date=YESTERDAY, status="done").is_overdue(TODAY)
    assert not goal(target_date=YESTERDAY, status="dropped", dropped_reason="x").is_overdue(TODAY)


def test_the_same_step_is_overdue_or_not_by_the_today_given() -> None:
    due = step(due_on="2026-11-22")
    assert not due.is_overdue(dt.date(2026, 11, 22))
    assert due.is_overdue(dt.date(2026, 11, 23))


# --- Views --------------------------------------------------------------------------------------


def test_steps_by_role_groups_open_steps_overdue_first() -> None:
    steps = [
        step("Undated chat", role="student"),
        step("Later form", role="student", due_on="2026-12-10"),
        step("Late essay", role="student", due_on="2026-11-01"),
        step("Sooner form", role="student", due_on="2026-11-30"),
        step("a late reading log", role="student", due_on="2026-11-01"),
        step("Finished", role="student", due_on="2026-10-01", status="done", done_on=YESTERDAY),
        step("Call home", role="counselor", due_on=YESTERDAY),
        step("Dropped idea", role="teacher", status="dropped"),
        step("Progress report", role="teacher", due_on=TODAY.isoformat()),
        step("Sign form", role="guardian", who_name="Mr. Pham"),
    ]
    groups = steps_by_role(steps, TODAY)
    assert [role for role, _ in groups] == ["student", "guardian", "teacher", "counselor"]
    assert [role for role, _ in groups] == [r for r in ROLES if r in dict(groups)]
    by_role = {role: [s.what for s in found] for role, found in groups}
    assert by_role["student"] == [
        "a late reading log",
        "Late essay",
        "Sooner form",
        "Later form",
        "Undated chat",
    ]
    assert by_role["teacher"] == ["Progress report"]
    assert by_role["counselor"] == ["Call home"]


def test_steps_by_role_leaves_out_roles_with_no_open_steps() -> None:
    closed = [step(role="tutor", status="done", done_on=YESTERDAY)]
    assert steps_by_role(closed, TODAY) == []


def test_all_steps_lists_goal_steps_then_plan_steps() -> None:
    goals = [goal(id=1, steps=(step("a"), step("b"))), goal(id=2, steps=(step("c"),))]
    assert [s.what for s in all_steps(goals, [step("FAFSA", kind="financial_aid")])] == [
        "a",
        "b",
        "c",
        "FAFSA",
    ]


def test_trends_follow_the_baselines_oldest_first() -> None:
    baselines = [
        Baseline("2026-06-10", gpa=3.1, credits=12.0, attendance=92.5),
        Baseline("2025-09-15", gpa=2.8, credits=12.0, attendance=95.0),
        Baseline("2026-01-20", gpa=None, credits=None, attendance=None, note="midyear"),
    ]
    gpa, credits, attendance = trends(baselines)
    assert [p.on for p in gpa.points] == ["2025-09-15", "2026-06-10"]
    assert gpa.latest == 3.1
    assert gpa.change() == "up 0.30 since 2025-09-15"
    assert credits.change() == "no change since 2025-09-15"
    assert attendance.change() == "down 2.5% since 2025-09-15"
    assert attendance.shown(92.5) == "92.5%"


def test_a_trend_needs_two_points_to_change() -> None:
    gpa, credits, _ = trends([Baseline("2026-09-15", gpa=3.0)])
    assert gpa.change() == ""
    assert credits.points == () and credits.latest is None
    assert [t.change() for t in trends([])] == ["", "", ""]


def test_assessment_history_groups_names_ignoring_case_and_spacing() -> None:
    results = [
        Assessment("psat  10", "2026-10-14", score="1090"),
        Assessment(" PSAT 10", "2025-10-15", score="980"),
        Assessment("State math test", "2026-05-01", level="Proficient"),
        Assessment("PSAT 10 ", "2026-03-01", score="1010"),
    ]
    history = assessment_history(results)
    assert list(history) == ["PSAT 10", "State math test"]
    assert [a.score for a in history["PSAT 10"]] == ["980", "1010", "1090"]
    assert len(history["State math test"]) == 1
