"""What goes on a family's handout: the choosing and grouping rules."""

from __future__ import annotations

import datetime as dt

from ilp_desktop.domain.handout import (
    MIN_SHOWN,
    CareerFacts,
    CareerLine,
    Handout,
    SchoolDetails,
    career_lines,
    family_changes,
    family_language,
    goal_lines,
    group_of,
    latest_assessments,
    step_groups,
    with_shorter_lists,
)
from ilp_desktop.domain.plans import ActionStep, Assessment, Goal, ProgressNote
from ilp_desktop.domain.snapshots import CHANGE_KEYS, Change, what_changed
from ilp_desktop.domain.students import Guardian

from helpers import make_student

TODAY = dt.date(2026, 11, 22)


def test_who_does_a_step_as_a_family_reads_it() -> None:
    assert group_of("student") == "student"
    assert group_of("guardian") == "family"
    assert {group_of(r) for r in ("teacher", "counselor", "tutor", "mentor", "other")} == {"school"}


def test_open_steps_grouped_late_first_then_by_date_and_capped() -> None:
    steps = [
        ActionStep(what="b", due_on="2026-12-01"),
        ActionStep(what="late", due_on="2026-11-01"),
        ActionStep(what="no date"),
        ActionStep(what="done", status="done", due_on="2026-10-01"),
        ActionStep(what="a", due_on="2026-11-30"),
        ActionStep(what="call", role="guardian", due_on="2026-12-05"),
        ActionStep(what="note", role="teacher"),
    ]
    groups = step_groups(steps, TODAY, cap=3)
    assert [g.group for g in groups] == ["student", "family", "school"]
    student = groups[0]
    assert [line.step.what for line in student.steps] == ["late", "a", "b"]
    assert [line.overdue for line in student.steps] == [True, False, False]
    assert student.more == 1  # "no date" left off and counted
    assert [line.step.what for line in groups[1].steps] == ["call"]


def test_goals_at_risk_first_dropped_and_old_done_left_out() -> None:
    goals = [
        Goal(area="academic", statement="on track", status="on_track", target_date="2027-01-01"),
        Goal(area="academic", statement="risk", status="at_risk"),
        Goal(area="career", statement="dropped", status="dropped"),
        Goal(area="career", statement="done long ago", status="done", updated_on="2026-01-05"),
        Goal(
            area="personal",
            statement="done lately",
            status="done",
            updated_on="2026-11-01",
            steps=(
                ActionStep(what="x", status="done"),
                ActionStep(what="y", status="dropped"),
            ),
            notes=(
                ProgressNote(noted_on="2026-10-01", text="first", id=1),
                ProgressNote(noted_on="2026-11-01", text="latest", id=2),
            ),
        ),
    ]
    lines = goal_lines(goals, TODAY, since="2026-10-15")
    assert [line.goal.statement for line in lines] == ["risk", "on track", "done lately"]
    done = lines[-1]
    assert (done.steps_done, done.steps_total, done.progress) == (1, 1, 1.0)
    assert done.latest_note is not None and done.latest_note.text == "latest"
    assert lines[1].progress is None  # no steps: no bar to fill


def test_careers_share_the_students_interest_letters() -> None:
    lines = career_lines(
        [("11-1011.00", "Chief Executives", ""), ("99-9999.00", "", "I like it")],
        "SEA",
        {"11-1011.00": CareerFacts("ECS", "Directores ejecutivos")},
    )
    assert lines[0].shared == ("S", "E") and lines[0].title_in("es") == "Directores ejecutivos"
    assert lines[1].title == "99-9999.00" and lines[1].why == "I like it" and not lines[1].shared


def test_changes_one_line_per_kind_most_telling_first() -> None:
    changes = [
        Change("steps_done", "t", key="step_done", subject="Call coach", value="student"),
        Change("steps_done", "t", key="step_done", subject="Visit lab", value="guardian"),
        Change("goals_changed", "t", key="goal_updated", subject="reworded"),
        Change("goals_completed", "t", key="goal_completed", subject="Pass Algebra"),
        Change("goals_changed", "t", key="goal_status", subject="A", value="at_risk"),
        Change("goals_changed", "t", key="goal_status", subject="B", value="on_track"),
        Change("interest", "t", key="interest_again", subject="SEA"),
    ]
    result = family_changes("2026-10-01", changes, cap=4, per_line=1)
    keys = [(line.key, line.value) for line in result.lines]
    assert keys == [
        ("goal_completed", ""),
        ("goal_status", "at_risk"),
        ("goal_status", "on_track"),
        ("step_done", ""),
    ]
    assert result.lines[3].subjects == ("Call coach",) and result.lines[3].more == 1
    assert result.more == 1  # the interest survey line did not fit


def test_every_change_names_its_kind() -> None:
    from ilp_desktop.domain.postsecondary import PostsecondaryPlan
    from ilp_desktop.domain.snapshots import take_snapshot

    def snapshot(on: str, goals: list[Goal]) -> dict[str, object]:
        return take_snapshot(
            taken_on=on,
            student=make_student(1),
            goals=goals,
            other_steps=[],
            baselines=[],
            assessments=[],
            shortlist=[],
            interest_code=None,
            inventory_on="",
            postsecondary=PostsecondaryPlan(),
        )

    step = ActionStep(what="Tutoring", status="done", done_on="2026-10-01", id=9, goal_id=4)
    goal = Goal(area="academic", statement="Raise math", status="done", id=4, steps=(step,))
    changes = what_changed(snapshot("2026-09-01", []), snapshot("2026-11-01", [goal]))
    assert changes and all(change.key in CHANGE_KEYS for change in changes)
    assert {c.subject for c in changes} >= {"Raise math", "Tutoring"}


def test_the_family_language_comes_from_the_roster() -> None:
    assert family_language(make_student(1, family_languages=["Spanish", "English"])) == "es"
    assert family_language(make_student(1, family_languages=["English", "Spanish"])) == "en"
    assert family_language(make_student(1, family_languages=["Vietnamese"])) == "en"
    guardian = Guardian(name="Rosa", language="Español")
    assert family_language(make_student(1, family_languages=[], guardians=[guardian])) == "es"


def test_the_newest_result_of_each_assessment() -> None:
    results = [
        Assessment(name="PSAT", taken_on="2025-10-01", score="900"),
        Assessment(name="psat ", taken_on="2026-10-01", score="1010"),
        Assessment(name="State math", taken_on="2026-04-01"),
    ]
    newest = latest_assessments(results, cap=5)
    assert [(a.name, a.score) for a in newest] == [("psat ", "1010"), ("State math", "")]


def test_a_pathway_changed_to_undecided_is_not_news_for_the_family() -> None:
    changes = [
        Change("postsecondary", "t", key="pathway", value="undecided"),
        Change("postsecondary", "t", key="pathway", value="two_year"),
    ]
    result = family_changes("2026-10-01", changes, cap=5)
    assert [(line.key, line.value) for line in result.lines] == [("pathway", "two_year")]


def test_a_handout_that_runs_long_loses_one_item_a_list_and_counts_it() -> None:
    steps = [ActionStep(what=f"step {i}", due_on=f"2026-12-{i + 1:02d}") for i in range(5)]
    steps += [ActionStep(what="call", role="guardian")]
    changes = [
        Change("goals", "t", key=key, subject=f"goal {key}")
        for key in ("goal_added", "goal_completed", "goal_dropped")
    ]
    handout = Handout(
        student=make_student(1),
        today=TODAY,
        school=SchoolDetails(),
        interests=None,
        careers=tuple(CareerLine(f"Career {i}") for i in range(3)),
        more_careers=2,
        baseline=None,
        assessments=(),
        goals=tuple(
            goal_lines([Goal(area="academic", statement=f"g{i}") for i in range(4)], TODAY)
        ),
        more_goals=0,
        steps=tuple(step_groups(steps, TODAY, cap=4)),
        supports=(),
        pathway="",
        aspiration="",
        next_review=None,
        last_review=family_changes("2026-10-01", changes, cap=6),
    )
    shorter = with_shorter_lists(handout)
    assert shorter is not None
    assert [c.title for c in shorter.careers] == ["Career 0", "Career 1"]
    assert shorter.more_careers == 3
    assert [g.goal.statement for g in shorter.goals] == ["g0", "g1", "g2"]
    assert shorter.more_goals == 1
    student, family = shorter.steps
    assert [s.step.what for s in student.steps] == ["step 0", "step 1", "step 2"]
    assert student.more == 2  # one left off by the cap, one more now
    assert [s.step.what for s in family.steps] == ["call"] and family.more == 0
    assert shorter.last_review is not None and len(shorter.last_review.lines) == 2
    assert shorter.last_review.more == 1
    # Down to MIN_SHOWN of each, then nothing more to cut.
    while (next_one := with_shorter_lists(shorter)) is not None:
        shorter = next_one
    assert len(shorter.goals) == MIN_SHOWN and len(shorter.steps[0].steps) == MIN_SHOWN
    assert len(shorter.goals) + shorter.more_goals == 4
    assert len(shorter.careers) + shorter.more_careers == 5
