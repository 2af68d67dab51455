"""Plan snapshots: plain JSON that reads back, and "what changed since the last review"."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from typing import Any

import pytest

from ilp_desktop.domain.plans import ActionStep, Assessment, Baseline, Goal, ProgressNote
from ilp_desktop.domain.postsecondary import CareerLink, PostsecondaryPlan, Target
from ilp_desktop.domain.shortlist import ShortlistEntry
from ilp_desktop.domain.snapshots import (
    CATEGORY_LABELS,
    CHANGE_CATEGORIES,
    SNAPSHOT_VERSION,
    Change,
    SnapshotError,
    changes_by_category,
    plain_number,
    read_snapshot,
    take_snapshot,
    what_changed,
)
from ilp_desktop.domain.students import Student

STUDENT = Student(sis_id="204518", first_name="Ana", last_name="Peña", grade="10", id=7)

TUTORING = ActionStep(
    "Sign up for Tuesday tutoring",
    role="teacher",
    who_name="Ms. Ortiz",
    due_on="2026-10-01",
    goal_id=1,
    id=11,
)
PRACTICE = ActionStep("Do 20 minutes of practice problems", due_on="2026-12-01", goal_id=1, id=12)
CLUB = ActionStep("Visit the robotics club", role="student", goal_id=2, id=21)
MATH = Goal(
    area="academic",
    statement="Raise my Algebra II grade from a C to a B",
    measure="Grade on each progress report",
    target_date="2027-01-22",
    status="on_track",
    id=1,
    notes=(ProgressNote("2026-09-20", "Went to tutoring twice"),),
    steps=(TUTORING, PRACTICE),
)
ROBOTICS = Goal(
    area="career",
    statement="Find out whether engineering suits me",
    status="not_started",
    id=2,
    steps=(CLUB,),
)
FAFSA = ActionStep(
    "Fill in the FAFSA", role="guardian", due_on="2027-10-01", kind="financial_aid", id=31
)
FALL = Baseline("2026-09-01", gpa=2.9, credits=11.0, attendance=91.5, note="Start of year")
PSAT = Assessment("PSAT 10", "2026-10-14", score="1010", level="Approaching")
NURSE = ShortlistEntry(1, "29-1141.00", "Registered Nurses", 1, why="I like helping")
ENGINEER = ShortlistEntry(2, "17-2141.00", "Mechanical Engineers", 2)
PLAN = PostsecondaryPlan(
    pathway="two_year",
    also_considering=("four_year",),
    aspiration="Work in a hospital",
    targets=(Target("school", "Valley Community College"),),
    careers=(CareerLink("29-1141.00", "Registered Nurses"),),
)


def snap(taken_on: str = "2026-11-02", **changes: Any) -> dict[str, Any]:
    """A snapshot of Ana's plan, with any part replaced."""
    parts: dict[str, Any] = {
        "student": STUDENT,
        "goals": [MATH, ROBOTICS],
        "other_steps": [FAFSA],
        "baselines": [FALL],
        "assessments": [PSAT],
        "shortlist": [NURSE, ENGINEER],
        "interest_code": "RIA",
        "inventory_on": "2026-09-10",
        "postsecondary": PLAN,
        "supports": ["Extra time on tests"],
    }
    parts.update(changes)
    return take_snapshot(taken_on=taken_on, **parts)


def changes(**after: Any) -> list[Change]:
    return what_changed(snap(), snap("2027-01-15", **after))


def texts(found: list[Change], category: str) -> list[tuple[str, str]]:
    return [(c.text, c.detail) for c in found if c.category == category]


# --- Taking and reading -------------------------------------------------------------------------


def test_a_snapshot_survives_json_and_reads_back_the_same() -> None:
    taken = snap()
    stored = json.loads(json.dumps(taken))
    assert read_snapshot(stored) == taken
    assert taken["version"] == SNAPSHOT_VERSION
    assert taken["student"] == {"name": "Ana Peña", "grade": "10"}
    assert taken["interest"] == {"code": "RIA", "taken_on": "2026-09-10"}
    goal = taken["goals"][0]
    assert goal["id"] == 1
    assert goal["notes"] == [{"noted_on": "2026-09-20", "text": "Went to tutoring twice"}]
    assert [s["id"] for s in goal["steps"]] == [11, 12]
    assert taken["steps"][0]["kind"] == "financial_aid"
    assert taken["baselines"] == [
        {
            "as_of": "2026-09-01",
            "gpa": 2.9,
            "credits": 11.0,
            "attendance": 91.5,
            "note": "Start of year",
        }
    ]
    assert taken["shortlist"][1] == {
        "code": "17-2141.00",
        "title": "Mechanical Engineers",
        "rank": 2,
    }
    assert taken["postsecondary"]["targets"] == [
        {"kind": "school", "name": "Valley Community College"}
    ]
    assert taken["supports"] == ["Extra time on tests"]


def test_the_student_notes_on_the_shortlist_stay_out_of_the_snapshot() -> None:
    assert "I like helping" not in json.dumps(snap())


def test_no_inventory_is_stored_as_empty_text() -> None:
    assert snap(interest_code=None, inventory_on="")["interest"] == {"code": "", "taken_on": ""}


def test_missing_optional_lists_read_as_empty() -> None:
    read = read_snapshot({"version": 1, "taken_on": "2026-11-02", "student": {"name": "Ana"}})
    for key in ("goals", "steps", "baselines", "assessments", "shortlist", "supports"):
        assert read[key] == []
    assert read["student"] == {"name": "Ana", "grade": ""}
    assert read["interest"] == {"code": "", "taken_on": ""}
    assert read["postsecondary"]["pathway"] == "undecided"
    assert read["postsecondary"]["targets"] == []


def test_a_step_stored_without_the_general_flag_reads_as_a_plan_step() -> None:
    data = snap()
    del data["steps"][0]["general"]
    assert read_snapshot(data)["steps"][0]["general"] is False
    agreed = ActionStep("Bring the planner to every class", id=41, general=True)
    assert snap(other_steps=[agreed])["steps"][0]["general"] is True


def test_a_goal_without_notes_or_steps_reads_as_having_none() -> None:
    data = snap()
    del data["goals"][0]["notes"]
    del data["goals"][0]["steps"]
    read = read_snapshot(data)
    assert read["goals"][0]["notes"] == []
    assert read["goals"][0]["steps"] == []


def test_a_newer_version_is_refused_with_a_plain_message() -> None:
    data = snap()
    data["version"] = SNAPSHOT_VERSION + 1
    with pytest.raises(SnapshotError, match="newer ILP Desktop"):
        read_snapshot(data)


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """The test snapshot with the value at ``path`` replaced (or deleted, for ...)."""
    data = copy.deepcopy(snap())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "a snapshot",
        _broken(("version",), ...),
        _broken(("version",), "1"),
        _broken(("version",), True),
        _broken(("version",), 0),
        _broken(("taken_on",), ...),
        _broken(("taken_on",), "next Tuesday"),
        _broken(("student",), ...),
        _broken(("student",), "Ana Peña"),
        _broken(("student", "name"), ...),
        _broken(("goals",), "Raise my grade"),
        _broken(("goals",), {"id": 1}),
        _broken(("goals", 0), "Raise my grade"),
        _broken(("goals", 0, "statement"), ...),
        _broken(("goals", 0, "statement"), 5),
        _broken(("goals", 0, "id"), "1"),
        _broken(("goals", 0, "id"), True),
        _broken(("goals", 0, "steps"), {"what": "x"}),
        _broken(("goals", 0, "steps", 0, "status"), 3),
        _broken(("goals", 0, "notes", 0), ["2026-09-20", "text"]),
        _broken(("steps", 0, "what"), None),
        _broken(("steps", 0, "general"), "yes"),
        _broken(("baselines", 0, "gpa"), "3.1"),
        _broken(("baselines", 0, "as_of"), ...),
        _broken(("assessments", 0, "taken_on"), 20261014),
        _broken(("shortlist", 0, "rank"), 1.5),
        _broken(("interest",), "RIA"),
        _broken(("postsecondary",), None),
        _broken(("postsecondary", "also_considering"), "four_year"),
        _broken(("postsecondary", "targets", 0, "name"), ...),
        _broken(("supports",), [1, 2]),
    ],
)
def test_malformed_snapshots_are_refused_with_snapshot_error(data: object) -> None:
    with pytest.raises(SnapshotError, match="damaged"):
        read_snapshot(data)


def test_what_changed_refuses_a_damaged_snapshot_plainly() -> None:
    with pytest.raises(SnapshotError):
        what_changed({"version": 1}, snap())


# --- No false changes ---------------------------------------------------------------------------


def test_the_same_plan_twice_has_no_changes() -> None:
    assert what_changed(snap(), snap("2027-01-15")) == []


def test_reordered_lists_are_no_change() -> None:
    after = snap(
        "2027-01-15",
        goals=[replace(ROBOTICS), replace(MATH, steps=(PRACTICE, TUTORING))],
        other_steps=[FAFSA],
        baselines=[FALL],
        shortlist=[ENGINEER, NURSE],
        postsecondary=replace(
            PLAN,
            targets=(
                Target("employer", "City Hospital"),
                Target("school", "Valley Community College"),
            ),
        ),
    )
    before = snap(
        postsecondary=replace(
            PLAN,
            targets=(
                Target("school", "Valley Community College"),
                Target("employer", "City Hospital"),
            ),
        )
    )
    assert what_changed(before, after) == []
    # And with the stored lists shuffled by hand.
    shuffled = json.loads(json.dumps(before))
    for key in ("goals", "steps", "baselines", "assessments", "shortlist"):
        shuffled[key].reverse()
    shuffled["goals"][1]["steps"].reverse()
    assert what_changed(shuffled, before) == []


def test_a_step_moved_to_another_goal_is_not_new_or_done() -> None:
    moved = replace(PRACTICE, goal_id=2)
    found = changes(
        goals=[replace(MATH, steps=(TUTORING,)), replace(ROBOTICS, steps=(CLUB, moved))]
    )
    assert found == []


def test_a_step_edited_without_a_status_change_is_not_done() -> None:
    edited = replace(TUTORING, what="Sign up for Thursday tutoring", due_on="2026-11-01")
    found = changes(goals=[replace(MATH, steps=(edited, PRACTICE)), ROBOTICS])
    assert texts(found, "steps_done") == []
    assert texts(found, "steps_added") == []


def test_a_step_already_done_last_time_is_not_done_again() -> None:
    done = replace(TUTORING, status="done", done_on="2026-09-28")
    before = snap(goals=[replace(MATH, steps=(done, PRACTICE)), ROBOTICS])
    redone = replace(done, done_on="2026-10-02")
    after = snap("2027-01-15", goals=[replace(MATH, steps=(redone, PRACTICE)), ROBOTICS])
    assert what_changed(before, after) == []


def test_snapshots_without_ids_match_goals_by_statement() -> None:
    before = json.loads(json.dumps(snap()))
    for goal in before["goals"]:
        goal["id"] = None
    assert what_changed(before, snap("2027-01-15")) == []
    found = what_changed(before, snap("2027-01-15", goals=[replace(MATH, status="done"), ROBOTICS]))
    assert [c.category for c in found] == ["goals_completed"]


def test_goals_with_different_ids_are_not_matched_by_their_words() -> None:
    again = replace(MATH, id=9, steps=(), notes=())
    found = changes(goals=[again, ROBOTICS])
    assert [c.category for c in found if c.category.startswith("goals")] == [
        "goals_added",
        "goals_removed",
    ]


# --- Each kind of change ------------------------------------------------------------------------


def test_goal_added() -> None:
    new = Goal(
        "academic", "Raise my math grade to a B", target_date="2027-03-01", status="on_track", id=3
    )
    found = changes(goals=[MATH, ROBOTICS, new])
    assert texts(found, "goals_added") == [
        ("Goal added: Raise my math grade to a B (Academic)", "On track, target date 2027-03-01")
    ]


def test_goal_completed() -> None:
    found = changes(goals=[replace(MATH, status="done"), ROBOTICS])
    assert texts(found, "goals_completed") == [
        ("Goal completed: Raise my Algebra II grade from a C to a B (Academic)", "On track → Done")
    ]
    assert texts(found, "goals_changed") == []


def test_goal_status_changed_and_dropped_with_its_reason() -> None:
    found = changes(
        goals=[
            replace(MATH, status="at_risk"),
            replace(ROBOTICS, status="dropped", dropped_reason="Chose nursing instead"),
        ]
    )
    assert texts(found, "goals_changed") == [
        (
            "Goal status changed: Raise my Algebra II grade from a C to a B (Academic)",
            "On track → At risk",
        ),
        (
            "Goal dropped: Find out whether engineering suits me (Career)",
            "Not started → Dropped: Chose nursing instead",
        ),
    ]
    assert texts(found, "goals_completed") == []


def test_goal_edits_say_which_part_changed() -> None:
    edited = replace(
        MATH,
        statement="Raise my Algebra II grade to a B+",
        measure="Grade on the semester report card",
        target_date="2027-02-05",
    )
    found = changes(goals=[edited, ROBOTICS])
    line = "Raise my Algebra II grade to a B+ (Academic)"
    assert texts(found, "goals_changed") == [
        (f"Goal reworded: {line}", "It was: Raise my Algebra II grade from a C to a B"),
        (
            f"Goal measure changed: {line}",
            "Grade on each progress report → Grade on the semester report card",
        ),
        (f"Goal target date changed: {line}", "2027-01-22 → 2027-02-05"),
    ]


def test_goal_removed() -> None:
    found = changes(goals=[MATH])
    assert texts(found, "goals_removed") == [
        ("Goal removed: Find out whether engineering suits me (Career)", "It was not started")
    ]
    # Its step went with it; that is not a step of its own to report.
    assert [c.category for c in found] == ["goals_removed"]


def test_step_done_says_who_and_when() -> None:
    done = replace(TUTORING, status="done", done_on="2026-10-03")
    fafsa = replace(FAFSA, status="done", done_on="2026-12-20")
    found = changes(goals=[replace(MATH, steps=(done, PRACTICE)), ROBOTICS], other_steps=[fafsa])
    assert texts(found, "steps_done") == [
        (
            "Step done: Sign up for Tuesday tutoring — Teacher (Ms. Ortiz), 2026-10-03",
            "Goal: Raise my Algebra II grade from a C to a B (Academic)",
        ),
        (
            "Step done: Fill in the FAFSA — Parent or guardian, 2026-12-20",
            "Postsecondary plan: Financial aid",
        ),
    ]


def test_step_added_says_under_which_goal_who_and_due() -> None:
    new = ActionStep(
        "Ask Mr. Diaz about the engineering camp",
        role="counselor",
        who_name="Mr. Diaz",
        due_on="2027-02-01",
        goal_id=2,
        id=22,
    )
    visit = ActionStep("Tour Valley Community College", kind="visit", id=32)
    agreed = ActionStep("Bring the planner to every class", id=41, general=True)
    found = changes(
        goals=[MATH, replace(ROBOTICS, steps=(CLUB, new))], other_steps=[FAFSA, visit, agreed]
    )
    assert texts(found, "steps_added") == [
        (
            "Step added: Ask Mr. Diaz about the engineering camp — Counselor (Mr. Diaz), "
            "due 2027-02-01",
            "Goal: Find out whether engineering suits me (Career)",
        ),
        (
            "Step added: Tour Valley Community College — Student, no due date",
            "Postsecondary plan: Visit or tour",
        ),
        ("Step added: Bring the planner to every class — Student, no due date", "Under no goal"),
    ]


def test_a_step_added_and_done_since_is_told_once_as_done() -> None:
    new = ActionStep("Email the tutor", status="done", done_on="2026-11-20", goal_id=1, id=13)
    found = changes(goals=[replace(MATH, steps=(TUTORING, PRACTICE, new)), ROBOTICS])
    assert texts(found, "steps_added") == []
    assert texts(found, "steps_done") == [
        (
            "Step done: Email the tutor — Student, 2026-11-20",
            "Goal: Raise my Algebra II grade from a C to a B (Academic); "
            "added since the last review",
        )
    ]


def test_shortlist_careers_added_and_removed() -> None:
    teacher = ShortlistEntry(3, "25-2031.00", "Secondary School Teachers", 2)
    found = changes(shortlist=[NURSE, teacher])
    assert texts(found, "shortlist") == [
        ("Career added to the shortlist: Secondary School Teachers (25-2031.00)", ""),
        ("Career taken off the shortlist: Mechanical Engineers (17-2141.00)", ""),
    ]


def test_shortlist_reranked_is_no_change() -> None:
    assert changes(shortlist=[replace(ENGINEER, rank=1), replace(NURSE, rank=2)]) == []


def test_interest_code_changed() -> None:
    found = changes(interest_code="SAE", inventory_on="2026-12-01")
    assert texts(found, "interest") == [("Interest code changed: RIA → SAE", "Taken 2026-12-01")]


def test_first_interest_inventory_taken() -> None:
    before = snap(interest_code=None, inventory_on="")
    found = what_changed(before, snap("2027-01-15", interest_code="SAE", inventory_on="2026-12-01"))
    assert texts(found, "interest") == [("Interest inventory taken: SAE", "Taken 2026-12-01")]


def test_interest_retaken_with_the_same_code() -> None:
    found = changes(inventory_on="2026-12-01")
    assert texts(found, "interest") == [
        ("Interest inventory taken again: still RIA", "Taken 2026-12-01")
    ]


def test_new_baselines_with_their_figures() -> None:
    winter = Baseline("2027-01-10", gpa=3.25, credits=14.0, attendance=94.0, note="Semester 1 done")
    note_only = Baseline("2026-12-01", note="Missed two weeks, family trip")
    found = changes(baselines=[FALL, winter, note_only])
    assert texts(found, "baselines") == [
        ("New figures as of 2026-12-01", "Missed two weeks, family trip"),
        (
            "New figures as of 2027-01-10: GPA 3.25, credits earned 14, attendance 94%",
            "Semester 1 done",
        ),
    ]


def test_a_whole_gpa_keeps_one_decimal() -> None:
    found = changes(baselines=[FALL, Baseline("2027-01-10", gpa=3.0)])
    assert texts(found, "baselines") == [("New figures as of 2027-01-10: GPA 3.0", "")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(3.25, "3.25"), (94.0, "94"), (12.5, "12.5"), (91.456, "91.46"), (0.0, "0")],
)
def test_plain_numbers(value: float, shown: str) -> None:
    assert plain_number(value) == shown


def test_new_assessments_with_their_results() -> None:
    state = Assessment(
        "State math test", "2026-10-14", level="Proficient", note="Retake not needed"
    )
    sat = Assessment("PSAT 10", "2027-01-05", score="1080")
    found = changes(assessments=[PSAT, state, sat])
    assert texts(found, "assessments") == [
        ("State math test (2026-10-14): level Proficient", "Retake not needed"),
        ("PSAT 10 (2027-01-05): score 1080", ""),
    ]


def test_postsecondary_pathway_and_targets() -> None:
    plan = replace(
        PLAN,
        pathway="four_year",
        targets=(Target("school", "State University"), Target("employer", "City Hospital")),
    )
    found = changes(postsecondary=plan)
    assert texts(found, "postsecondary") == [
        ("Pathway changed: Two-year college → Four-year college or university", ""),
        ("Target added: State University (School or college)", ""),
        ("Target added: City Hospital (Employer)", ""),
        ("Target removed: Valley Community College (School or college)", ""),
    ]


def test_user_text_is_kept_as_typed() -> None:
    typed = "Get <b>all</b> A's & B's"
    found = changes(goals=[MATH, ROBOTICS, Goal("academic", typed, id=4)])
    assert texts(found, "goals_added")[0][0] == f"Goal added: {typed} (Academic)"


# --- Grouping -----------------------------------------------------------------------------------


def test_changes_come_grouped_in_category_order() -> None:
    found = changes(
        postsecondary=replace(PLAN, pathway="apprenticeship"),
        interest_code="SAE",
        goals=[replace(MATH, status="done"), Goal("personal", "Join one club this year", id=5)],
        baselines=[FALL, Baseline("2027-01-10", gpa=3.1)],
    )
    categories = [c.category for c in found]
    assert categories == [
        "goals_added",
        "goals_completed",
        "goals_removed",
        "interest",
        "baselines",
        "postsecondary",
    ]
    grouped = changes_by_category(found)
    assert [label for label, _ in grouped] == [
        CATEGORY_LABELS[c] for c in dict.fromkeys(categories)
    ]
    assert grouped[0] == ("Goals added", [found[0]])
    assert changes_by_category([]) == []


def test_every_category_has_a_label() -> None:
    assert set(CATEGORY_LABELS) == set(CHANGE_CATEGORIES)
    assert all(CATEGORY_LABELS.values())
