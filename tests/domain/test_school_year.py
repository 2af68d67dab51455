"""The school calendar: school-year boundaries, dates in a year, checks, saving as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from ilp_desktop.domain.school_year import (
    DEFAULT_CALENDAR,
    CalendarError,
    SchoolCalendar,
    calendar_from_json,
    check_calendar,
    month_day_label,
    year_label,
)

CAL = DEFAULT_CALENDAR  # first day 08-20, last day 06-10


# --- School years -----------------------------------------------------------------------------


def test_the_day_before_the_first_day_belongs_to_the_year_before() -> None:
    assert CAL.year_of(dt.date(2026, 8, 19)) == 2025
    assert CAL.year_of(dt.date(2026, 8, 20)) == 2026
    assert CAL.year_of(dt.date(2026, 8, 21)) == 2026


def test_new_year_does_not_start_a_new_school_year() -> None:
    assert CAL.year_of(dt.date(2026, 12, 31)) == 2026
    assert CAL.year_of(dt.date(2027, 1, 1)) == 2026


def test_the_summer_belongs_to_the_year_just_finished() -> None:
    assert CAL.year_of(dt.date(2027, 6, 11)) == 2026
    assert CAL.year_of(dt.date(2027, 7, 15)) == 2026


def test_year_of_follows_the_schools_own_first_day() -> None:
    cal = SchoolCalendar(first_day="09-03")
    assert cal.year_of(dt.date(2026, 8, 25)) == 2025
    assert cal.year_of(dt.date(2026, 9, 3)) == 2026


def test_starts_and_ends() -> None:
    assert CAL.starts(2026) == dt.date(2026, 8, 20)
    assert CAL.ends(2026) == dt.date(2027, 6, 10)
    assert CAL.year_of(CAL.starts(2026)) == CAL.year_of(CAL.ends(2026)) == 2026


def test_dates_before_the_first_days_month_are_in_the_next_calendar_year() -> None:
    assert CAL.date_in(2026, "09-30") == dt.date(2026, 9, 30)
    assert CAL.date_in(2026, "08-25") == dt.date(2026, 8, 25)
    assert CAL.date_in(2026, "12-15") == dt.date(2026, 12, 15)
    assert CAL.date_in(2026, "01-05") == dt.date(2027, 1, 5)
    assert CAL.date_in(2026, "07-31") == dt.date(2027, 7, 31)


def test_year_label_uses_an_en_dash_and_two_digits() -> None:
    assert year_label(2026) == "2026–27"
    assert year_label(2009) == "2009–10"
    assert year_label(1999) == "1999–00"


def test_month_day_label() -> None:
    assert month_day_label("09-30") == "September 30"
    assert month_day_label("01-05") == "January 5"
    assert month_day_label("nonsense") == "nonsense"


# --- Checks -----------------------------------------------------------------------------------


def test_the_default_calendar_is_fine() -> None:
    assert check_calendar(DEFAULT_CALENDAR) == {}


def test_a_middle_school_calendar_is_fine() -> None:
    cal = SchoolCalendar(first_day="09-02", last_day="06-20", final_grade="8")
    assert check_calendar(cal) == {}


@pytest.mark.parametrize("text", ["8-20", "08/20", "13-01", "04-31", "00-10", "", "August 20"])
def test_a_month_day_that_is_not_a_day_is_refused(text: str) -> None:
    problems = check_calendar(replace(CAL, fall_due=text))
    assert "month-day" in problems["fall_due"]
    assert "10-31" in problems["fall_due"]  # the example is the field's own default
    assert set(problems) == {"fall_due"}


def test_february_29_is_refused_because_not_every_year_has_it() -> None:
    problems = check_calendar(replace(CAL, spring_due="02-29"))
    assert "February 29" in problems["spring_due"]
    assert "not in every year" in problems["spring_due"]


def test_fall_due_may_equal_the_transition_due_date_but_not_come_before() -> None:
    assert check_calendar(replace(CAL, transition_due="10-31")) == {}
    problems = check_calendar(replace(CAL, transition_due="11-01"))
    assert set(problems) == {"fall_due"}
    assert problems["fall_due"] == (
        "The due date for the fall checkpoint (October 31) must come on or after the due date "
        "for reviews entering grades 6 and 9 (November 1) in the school year."
    )


def test_the_transition_reviews_must_fall_after_the_first_day() -> None:
    problems = check_calendar(replace(CAL, transition_due="08-20"))
    assert set(problems) == {"transition_due"}
    assert "after the first day of school (August 20)" in problems["transition_due"]


def test_spring_must_open_after_the_fall_checkpoint_and_before_its_due_date() -> None:
    assert set(check_calendar(replace(CAL, spring_opens="10-15"))) == {"spring_opens"}
    assert set(check_calendar(replace(CAL, spring_opens="03-31"))) == {"spring_due"}


def test_the_last_day_must_come_after_spring_is_due() -> None:
    problems = check_calendar(replace(CAL, last_day="03-15"))
    assert "last_day" in problems
    assert "March 15" in problems["last_day"]


def test_a_last_day_in_the_first_days_month_before_it_is_out_of_order() -> None:
    # August 10 is in the year school starts, so it would come before August 20.
    problems = check_calendar(replace(CAL, last_day="08-10"))
    assert "before" not in problems["last_day"]
    assert "must come after" in problems["last_day"]


def test_the_final_year_review_sits_between_the_first_and_the_last_day() -> None:
    assert check_calendar(replace(CAL, final_year_due="08-20")) == {}
    assert check_calendar(replace(CAL, final_year_due="05-31")) == {}
    late = check_calendar(replace(CAL, final_year_due="06-10"))
    assert set(late) == {"final_year_due"}
    assert "before the last day of classes (June 10)" in late["final_year_due"]
    early = check_calendar(replace(CAL, final_year_due="08-19"))
    assert set(early) == {"final_year_due"}


@pytest.mark.parametrize("grade", ["0", "13", "K", "PS", ""])
def test_the_final_grade_must_be_1_to_12(grade: str) -> None:
    problems = check_calendar(replace(CAL, final_grade=grade))
    assert set(problems) == {"final_grade"}
    assert "1 to 12" in problems["final_grade"]


def test_a_bad_first_day_is_reported_without_order_complaints() -> None:
    problems = check_calendar(replace(CAL, first_day="99-99"))
    assert set(problems) == {"first_day"}


# --- JSON -------------------------------------------------------------------------------------


def test_json_round_trip() -> None:
    cal = SchoolCalendar(
        first_day="09-02",
        last_day="06-20",
        transition_due="10-01",
        fall_due="11-15",
        spring_opens="02-01",
        spring_due="04-15",
        final_year_due="01-31",
        final_grade="8",
    )
    data = cal.to_json()
    assert data["final_grade"] == "8"
    assert all(isinstance(value, str) for value in data.values())
    assert calendar_from_json(data) == cal
    assert calendar_from_json(json.loads(json.dumps(data))) == cal
    assert calendar_from_json(json.dumps(data)) == cal


def test_missing_keys_take_the_defaults_and_unknown_keys_are_ignored() -> None:
    cal = calendar_from_json({"first_day": "08-25", "colour": "blue"})
    assert cal == replace(DEFAULT_CALENDAR, first_day="08-25")
    assert calendar_from_json({}) == DEFAULT_CALENDAR


@pytest.mark.parametrize("data", [None, [], 42, "not json", "[1, 2]", {"fall_due": 31}])
def test_unreadable_json_is_a_calendar_error(data: object) -> None:
    with pytest.raises(CalendarError, match="could not be read"):
        calendar_from_json(data)


def test_an_invalid_calendar_in_json_is_a_calendar_error_with_its_problems() -> None:
    with pytest.raises(CalendarError) as caught:
        calendar_from_json({"spring_due": "02-29", "final_grade": "13"})
    assert set(caught.value.problems) == {"spring_due", "final_grade"}
    assert "February 29" in str(caught.value)
    assert isinstance(caught.value, ValueError)
