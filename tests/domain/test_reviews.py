"""The review schedule: checkpoints by grade and year, statuses, held reviews, what is next."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from ilp_desktop.domain.reviews import (
    CHECKPOINT_KINDS,
    REVIEW_KIND_LABELS,
    REVIEW_KINDS,
    Checkpoint,
    HeldReview,
    checkpoints_for_year,
    due_this_month,
    grade_in_year,
    last_held,
    next_due,
    open_checkpoints,
    overdue,
    schedule,
    suggested_checkpoint,
)
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR, SchoolCalendar

CAL = DEFAULT_CALENDAR  # first day 08-20, transition 09-30, fall 10-31, spring 01-05..03-31,
# final year 12-15, last day 06-10, final grade 12
MIDDLE_SCHOOL = SchoolCalendar(first_day="09-02", last_day="06-20", final_grade="8")
D = dt.date


def held(kind: str, year: int | None, on: str, session_id: int | None = None) -> HeldReview:
    return HeldReview(session_id=session_id, held_on=on, kind=kind, school_year=year)


def summary(checkpoints: list[Checkpoint]) -> list[tuple[int, str, str, dt.date, dt.date]]:
    return [(c.school_year, c.kind, c.grade, c.opens_on, c.due_on) for c in checkpoints]


def by_kind(checkpoints: list[Checkpoint], year: int, kind: str) -> Checkpoint:
    return next(c for c in checkpoints if c.key == (year, kind))


# --- Checkpoints of one year ------------------------------------------------------------------


def test_kinds_and_labels() -> None:
    assert set(CHECKPOINT_KINDS) < set(REVIEW_KINDS)
    assert set(REVIEW_KIND_LABELS) == set(REVIEW_KINDS)
    assert REVIEW_KIND_LABELS["adhoc"] == "Review (not scheduled)"


def test_grade_9_has_a_transition_review_then_fall_and_spring() -> None:
    found = checkpoints_for_year("9", 2026, CAL)
    assert summary(found) == [
        (2026, "transition", "9", D(2026, 8, 20), D(2026, 9, 30)),
        (2026, "fall", "9", D(2026, 8, 20), D(2026, 10, 31)),
        (2026, "spring", "9", D(2027, 1, 5), D(2027, 3, 31)),
    ]
    assert [c.purpose for c in found] == [
        "Entering grade 9",
        "Fall checkpoint",
        "Spring checkpoint",
    ]
    assert [c.title() for c in found] == [
        "Transition review: entering grade 9",
        "Fall checkpoint",
        "Spring checkpoint",
    ]
    assert all(c.held is None for c in found)


def test_grade_6_is_a_transition_year_too() -> None:
    found = checkpoints_for_year("6", 2030, CAL)
    assert [c.kind for c in found] == ["transition", "fall", "spring"]
    assert found[0].purpose == "Entering grade 6"
    assert found[0].due_on == D(2030, 9, 30)


@pytest.mark.parametrize("grade", ["K", "1", "5", "7", "8", "10", "11"])
def test_other_grades_have_only_fall_and_spring(grade: str) -> None:
    assert [c.kind for c in checkpoints_for_year(grade, 2026, CAL)] == ["fall", "spring"]


def test_post_secondary_and_unknown_grades_have_no_checkpoints() -> None:
    assert checkpoints_for_year("PS", 2026, CAL) == []
    assert checkpoints_for_year("13", 2026, CAL) == []


def test_the_final_year_review_comes_in_date_order() -> None:
    found = checkpoints_for_year("12", 2026, CAL)
    assert summary(found) == [
        (2026, "fall", "12", D(2026, 8, 20), D(2026, 10, 31)),
        (2026, "transition", "12", D(2026, 8, 20), D(2026, 12, 15)),
        (2026, "spring", "12", D(2027, 1, 5), D(2027, 3, 31)),
    ]
    assert found[1].purpose == "Final year: life after school"
    assert found[1].title() == "Transition review: final year, life after school"


def test_a_final_year_review_due_in_the_new_year_sits_after_new_year() -> None:
    cal = replace(CAL, final_year_due="02-15")
    found = checkpoints_for_year("12", 2026, cal)
    assert [(c.kind, c.due_on) for c in found] == [
        ("fall", D(2026, 10, 31)),
        ("transition", D(2027, 2, 15)),
        ("spring", D(2027, 3, 31)),
    ]


def test_a_middle_school_gives_grade_8_the_final_year_review() -> None:
    found = checkpoints_for_year("8", 2026, MIDDLE_SCHOOL)
    transition = by_kind(found, 2026, "transition")
    assert transition.opens_on == D(2026, 9, 2)
    assert transition.due_on == D(2026, 12, 15)
    assert transition.purpose == "Final year: moving on to grade 9"
    # Grade 12 is no one's final year there; grade 6 still enters.
    assert [c.kind for c in checkpoints_for_year("12", 2026, MIDDLE_SCHOOL)] == ["fall", "spring"]
    assert checkpoints_for_year("6", 2026, MIDDLE_SCHOOL)[0].purpose == "Entering grade 6"


def test_leaving_outweighs_entering_when_both_fall_in_one_year() -> None:
    cal = replace(CAL, final_grade="6")
    transitions = [c for c in checkpoints_for_year("6", 2026, cal) if c.kind == "transition"]
    assert len(transitions) == 1
    assert transitions[0].purpose == "Final year: moving on to grade 7"
    assert transitions[0].due_on == D(2026, 12, 15)


# --- Grades in other years --------------------------------------------------------------------


def test_grade_in_year_steps_a_grade_a_year() -> None:
    assert grade_in_year("10", 2026, 2025) == "9"
    assert grade_in_year("10", 2026, 2026) == "10"
    assert grade_in_year("10", 2026, 2028) == "12"
    assert grade_in_year("1", 2026, 2025) == "K"
    assert grade_in_year("K", 2026, 2027) == "1"


def test_grade_in_year_stops_outside_k_to_12() -> None:
    assert grade_in_year("K", 2026, 2025) is None
    assert grade_in_year("12", 2026, 2027) is None
    assert grade_in_year("PS", 2026, 2026) is None
    assert grade_in_year("nine", 2026, 2026) is None


# --- The schedule -----------------------------------------------------------------------------


def test_schedule_covers_the_school_year_holding_today() -> None:
    # 19 August 2026 is still school year 2025: the grade-9 transition is 2025's.
    before = schedule("9", D(2026, 8, 19), CAL, [])
    assert {c.school_year for c in before} == {2025}
    assert by_kind(before, 2025, "transition").due_on == D(2025, 9, 30)
    after = schedule("9", D(2026, 8, 20), CAL, [])
    assert {c.school_year for c in after} == {2026}
    # 31 December and 1 January are in the same school year.
    assert schedule("9", D(2026, 12, 31), CAL, []) == schedule("9", D(2027, 1, 1), CAL, [])


def test_years_back_shifts_the_grade() -> None:
    found = schedule("10", D(2026, 9, 10), CAL, [], years_back=1)
    assert [(c.school_year, c.kind, c.grade) for c in found] == [
        (2025, "transition", "9"),
        (2025, "fall", "9"),
        (2025, "spring", "9"),
        (2026, "fall", "10"),
        (2026, "spring", "10"),
    ]
    assert by_kind(found, 2025, "spring").due_on == D(2026, 3, 31)


def test_years_ahead_shifts_the_grade_and_stops_after_12() -> None:
    found = schedule("11", D(2026, 9, 10), CAL, [], years_ahead=3)
    assert sorted({(c.school_year, c.grade) for c in found}) == [(2026, "11"), (2027, "12")]
    assert by_kind(found, 2027, "transition").due_on == D(2027, 12, 15)


def test_post_secondary_students_have_an_empty_schedule() -> None:
    assert schedule("PS", D(2026, 9, 10), CAL, [], years_back=2, years_ahead=2) == []


def test_a_held_review_marks_its_checkpoint_done() -> None:
    review = held("fall", 2026, "2026-10-20", session_id=7)
    found = schedule("10", D(2026, 11, 15), CAL, [review])
    assert by_kind(found, 2026, "fall").held == review
    assert by_kind(found, 2026, "spring").held is None


def test_a_review_counts_for_the_chosen_checkpoint_even_when_held_early() -> None:
    # The spring window opens in January, but the counselor held it in September.
    review = held("spring", 2026, "2026-09-15")
    found = schedule("10", D(2026, 9, 20), CAL, [review])
    spring = by_kind(found, 2026, "spring")
    assert spring.held == review
    assert spring.status(D(2026, 9, 20)) == "done"


def test_a_review_for_another_year_does_not_count_for_this_one() -> None:
    found = schedule("10", D(2026, 11, 15), CAL, [held("fall", 2025, "2026-10-20")])
    assert by_kind(found, 2026, "fall").held is None


def test_the_earliest_of_several_reviews_for_one_checkpoint_counts() -> None:
    first = held("fall", 2026, "2026-09-01", session_id=1)
    second = held("fall", 2026, "2026-10-01", session_id=2)
    found = schedule("10", D(2026, 11, 15), CAL, [second, first])
    assert by_kind(found, 2026, "fall").held == first


def test_an_adhoc_review_counts_for_nothing_but_is_the_last_held() -> None:
    fall = held("fall", 2026, "2026-10-01")
    adhoc = held("adhoc", None, "2026-11-02")
    found = schedule("10", D(2026, 11, 15), CAL, [fall, adhoc])
    assert [c.held for c in found] == [fall, None]
    assert last_held([fall, adhoc]) == adhoc
    assert last_held([adhoc, fall]) == adhoc
    assert last_held([fall]) == fall
    assert last_held([]) is None
    same_day = held("adhoc", None, "2026-11-02", session_id=9)
    assert last_held([fall, adhoc, same_day]) is same_day


# --- Statuses ---------------------------------------------------------------------------------


def test_status_around_the_due_day() -> None:
    fall = by_kind(checkpoints_for_year("10", 2026, CAL), 2026, "fall")
    assert fall.status(D(2026, 8, 20)) == "due"
    assert fall.status(D(2026, 10, 30)) == "due"
    assert fall.status(D(2026, 10, 31)) == "due"  # the due day itself is not late
    assert fall.status(D(2026, 11, 1)) == "overdue"
    done = replace(fall, held=held("fall", 2026, "2026-11-20"))
    assert done.status(D(2026, 11, 1)) == "done"


def test_spring_is_upcoming_until_its_window_opens() -> None:
    spring = by_kind(checkpoints_for_year("10", 2026, CAL), 2026, "spring")
    assert spring.status(D(2027, 1, 4)) == "upcoming"
    assert spring.status(D(2027, 1, 5)) == "due"
    assert spring.status(D(2027, 3, 31)) == "due"
    assert spring.status(D(2027, 4, 1)) == "overdue"


def test_next_years_checkpoints_are_upcoming_over_the_summer() -> None:
    found = schedule("8", D(2027, 7, 1), CAL, [], years_ahead=1)
    assert [c.status(D(2027, 7, 1)) for c in found if c.school_year == 2027] == [
        "upcoming",
        "upcoming",
        "upcoming",
    ]


# --- What is next -----------------------------------------------------------------------------


def test_next_due_across_a_month_end() -> None:
    grade_10 = schedule("10", D(2026, 10, 31), CAL, [])
    assert next_due(grade_10, D(2026, 10, 31)) == by_kind(grade_10, 2026, "fall")
    # A day later the fall checkpoint is overdue, so spring is next.
    assert next_due(grade_10, D(2026, 11, 1)) == by_kind(grade_10, 2026, "spring")
    grade_12 = schedule("12", D(2026, 11, 1), CAL, [])
    assert next_due(grade_12, D(2026, 11, 1)) == by_kind(grade_12, 2026, "transition")


def test_next_due_skips_what_was_held() -> None:
    found = schedule("9", D(2026, 9, 1), CAL, [held("transition", 2026, "2026-08-28")])
    assert next_due(found, D(2026, 9, 1)) == by_kind(found, 2026, "fall")


def test_next_due_across_the_summer() -> None:
    today = D(2027, 6, 20)  # still school year 2026; the student is in grade 8
    this_year = schedule("8", today, CAL, [])
    assert next_due(this_year, today) is None
    with_next = schedule("8", today, CAL, [], years_ahead=1)
    following = next_due(with_next, today)
    assert following is not None
    assert following.key == (2027, "transition")
    assert following.purpose == "Entering grade 9"
    assert following.due_on == D(2027, 9, 30)


def test_due_this_month_runs_to_the_end_of_the_month() -> None:
    found = schedule("9", D(2026, 10, 1), CAL, [])
    # The transition review (30 Sep) is overdue, not due this month.
    assert due_this_month(found, D(2026, 10, 1)) == [by_kind(found, 2026, "fall")]
    assert due_this_month(found, D(2026, 10, 31)) == [by_kind(found, 2026, "fall")]
    assert due_this_month(found, D(2026, 11, 1)) == []
    assert due_this_month(found, D(2027, 3, 1)) == [by_kind(found, 2026, "spring")]
    assert due_this_month(found, D(2027, 2, 28)) == []


def test_due_this_month_leaves_out_what_was_held() -> None:
    found = schedule("9", D(2026, 10, 1), CAL, [held("fall", 2026, "2026-09-20")])
    assert due_this_month(found, D(2026, 10, 1)) == []


def test_due_this_month_over_the_summer_is_empty() -> None:
    today = D(2027, 7, 10)
    found = schedule("8", today, CAL, [], years_ahead=1)
    assert due_this_month(found, today) == []
    assert due_this_month(found, D(2027, 9, 1)) == [by_kind(found, 2027, "transition")]


def test_overdue_lists_oldest_first_and_leaves_out_held() -> None:
    today = D(2026, 11, 15)
    found = schedule("10", today, CAL, [held("fall", 2025, "2025-10-01")], years_back=1)
    assert [c.key for c in overdue(found, today)] == [
        (2025, "transition"),
        (2025, "spring"),
        (2026, "fall"),
    ]


def test_open_checkpoints_put_overdue_first_then_by_due_date() -> None:
    today = D(2026, 10, 15)
    found = schedule("9", today, CAL, [held("fall", 2026, "2026-10-01")], years_ahead=1)
    assert [c.key for c in open_checkpoints(found, today)] == [
        (2026, "transition"),  # overdue
        (2026, "spring"),
        (2027, "fall"),
        (2027, "spring"),
    ]


def test_suggested_checkpoint_prefers_overdue_then_due_then_upcoming() -> None:
    found = schedule("9", D(2026, 10, 15), CAL, [])
    assert suggested_checkpoint(found, D(2026, 10, 15)) == by_kind(found, 2026, "transition")
    assert suggested_checkpoint(found, D(2026, 9, 1)) == by_kind(found, 2026, "transition")
    # With the transition review held, the fall checkpoint (due) comes before spring (upcoming).
    transition_done = schedule("9", D(2026, 9, 1), CAL, [held("transition", 2026, "2026-09-01")])
    assert suggested_checkpoint(transition_done, D(2026, 9, 1)) == by_kind(
        transition_done, 2026, "fall"
    )
    fall_done = schedule(
        "9",
        D(2026, 11, 15),
        CAL,
        [held("transition", 2026, "2026-09-01"), held("fall", 2026, "2026-10-01")],
    )
    # Nothing overdue or due in November: the spring checkpoint is the next in this year.
    assert suggested_checkpoint(fall_done, D(2026, 11, 15)) == by_kind(fall_done, 2026, "spring")


def test_suggested_checkpoint_stays_in_this_school_year() -> None:
    today = D(2027, 6, 20)
    reviews = [held(kind, 2026, "2026-10-01") for kind in ("fall", "spring")]
    found = schedule("8", today, CAL, reviews, years_ahead=1)
    assert suggested_checkpoint(found, today) is None
    assert suggested_checkpoint([], today) is None


def test_suggested_checkpoint_takes_the_oldest_overdue() -> None:
    today = D(2026, 11, 15)
    found = schedule("10", today, CAL, [], years_back=1)
    assert suggested_checkpoint(found, today) == by_kind(found, 2025, "transition")
