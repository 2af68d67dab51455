"""The school's calendar: when the school year starts and ends and when reviews fall due.

Dates are kept as month-day patterns ("08-20") so one calendar carries over from year to year.
A school year is named by the calendar year it starts in: year 2026 runs from the first day of
school in 2026 to the day before the first day in 2027, so the summer belongs to the year just
finished. Month-days from the first day's month on fall in the starting year, earlier ones in
the next (a spring date of school year 2026 is in 2027).

Plain Python; ``today`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, fields

_MONTH_DAY = re.compile(r"^\d{2}-\d{2}$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FINAL_GRADES = frozenset(str(n) for n in range(1, 13))
# Any year whose next year is not a leap year: only used to put month-days in order.
_ORDER_YEAR = 2001


class CalendarError(ValueError):
    """A school calendar that cannot be used; the message is for the counselor.

    ``problems`` holds the messages keyed by field, as check_calendar gives them.
    """

    def __init__(self, message: str, problems: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.problems: dict[str, str] = dict(problems or {})


@dataclass(frozen=True)
class SchoolCalendar:
    first_day: str = "08-20"  # first day of school, in year Y
    last_day: str = "06-10"  # last day of classes, in year Y+1
    transition_due: str = "09-30"  # entering grade 6 / entering grade 9 reviews due by
    fall_due: str = "10-31"  # fall checkpoint due by
    spring_opens: str = "01-05"  # spring checkpoint window opens (Y+1)
    spring_due: str = "03-31"  # spring checkpoint due by (Y+1)
    final_year_due: str = "12-15"  # final-year transition review (life after school) due by
    final_grade: str = "12"  # the school's last grade (a 6-8 school says "8")

    def year_of(self, day: dt.date) -> int:
        """The start year of the school year that holds ``day``."""
        month, mday = _month_day(self.first_day)
        return day.year if (day.month, day.day) >= (month, mday) else day.year - 1

    def starts(self, year: int) -> dt.date:
        """First day of school year ``year``."""
        month, mday = _month_day(self.first_day)
        return dt.date(year, month, mday)

    def ends(self, year: int) -> dt.date:
        """Last day of classes of school year ``year`` (normally in year + 1)."""
        return self.date_in(year, self.last_day)

    def date_in(self, year: int, month_day: str) -> dt.date:
        """The day ``month_day`` falls on in school year ``year``.

        Month-days from the first day's month on are in ``year``, earlier ones in ``year + 1``.
        Raises CalendarError for a month-day that is not a real day of every year.
        """
        month, mday = _month_day(month_day)
        first_month, _ = _month_day(self.first_day)
        return dt.date(year if month >= first_month else year + 1, month, mday)

    def to_json(self) -> dict[str, str]:
        return asdict(self)


DEFAULT_CALENDAR = SchoolCalendar()

FIELD_LABELS: dict[str, str] = {
    "first_day": "first day of school",
    "last_day": "last day of classes",
    "transition_due": "due date for reviews entering grades 6 and 9",
    "fall_due": "due date for the fall checkpoint",
    "spring_opens": "opening of the spring checkpoint",
    "spring_due": "due date for the spring checkpoint",
    "final_year_due": "due date for the final-year review",
    "final_grade": "school's last grade",
}

# (field, must be strictly after the one before it) in school-year order; the final-year review
# sits apart because it may fall anywhere between the first and the last day.
_CHAIN: tuple[tuple[str, bool], ...] = (
    ("first_day", False),
    ("transition_due", True),
    ("fall_due", False),
    ("spring_opens", True),
    ("spring_due", True),
    ("last_day", True),
)


def year_label(year: int) -> str:
    """How a school year reads: 2026 -> "2026–27"."""
    return f"{year}–{(year + 1) % 100:02d}"


def month_day_label(month_day: str) -> str:
    """ "09-30" -> "September 30"; the text itself when it is not a month-day."""
    try:
        month, mday = _month_day(month_day)
    except CalendarError:
        return month_day
    return f"{_MONTHS[month - 1]} {mday}"


def check_calendar(cal: SchoolCalendar) -> dict[str, str]:
    """Problems keyed by field, in plain words; empty when the calendar can be used."""
    problems: dict[str, str] = {}
    for item in fields(SchoolCalendar):
        if item.name == "final_grade":
            continue
        try:
            _month_day(getattr(cal, item.name), FIELD_LABELS[item.name], item.default)
        except CalendarError as error:
            problems[item.name] = str(error)
    if cal.final_grade not in _FINAL_GRADES:
        problems["final_grade"] = (
            f"“{cal.final_grade}” is not a grade from 1 to 12. Give the school's last grade, "
            "for example 12 for a high school or 8 for a middle school."
        )
    if "first_day" in problems:
        return problems  # without a first day there is no school-year order to check

    def place(name: str) -> dt.date:
        return cal.date_in(_ORDER_YEAR, getattr(cal, name))

    before: str | None = None
    for name, strict in _CHAIN:
        if name in problems:
            continue
        if before is not None:
            too_early = place(name) <= place(before) if strict else place(name) < place(before)
            if too_early:
                problems[name] = _order_message(cal, name, before, strict)
                continue
        before = name
    if "final_year_due" not in problems:
        if place("final_year_due") < place("first_day"):
            problems["final_year_due"] = _order_message(cal, "final_year_due", "first_day", False)
        elif "last_day" not in problems and place("final_year_due") >= place("last_day"):
            problems["final_year_due"] = (
                f"The {FIELD_LABELS['final_year_due']} "
                f"({month_day_label(cal.final_year_due)}) must come before the "
                f"{FIELD_LABELS['last_day']} ({month_day_label(cal.last_day)})."
            )
    return problems


def calendar_from_json(data: object) -> SchoolCalendar:
    """The calendar saved in the settings (a dict, or its JSON text); missing keys take the
    defaults, unknown keys are ignored. CalendarError when it cannot be used."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError as error:
            raise CalendarError("The saved school calendar could not be read.") from error
    if not isinstance(data, dict):
        raise CalendarError("The saved school calendar could not be read.")
    values: dict[str, str] = {}
    for item in fields(SchoolCalendar):
        if item.name not in data:
            continue
        value = data[item.name]
        if not isinstance(value, str):
            raise CalendarError(
                f"The saved school calendar has “{value}” for the {FIELD_LABELS[item.name]}; "
                "it could not be read."
            )
        values[item.name] = value.strip()
    cal = SchoolCalendar(**values)
    problems = check_calendar(cal)
    if problems:
        raise CalendarError(" ".join(problems.values()), problems)
    return cal


def _month_day(text: str, label: str = "date", example: str = "08-20") -> tuple[int, int]:
    """(month, day) of an "MM-DD" that is a day of every year, else CalendarError."""
    if _MONTH_DAY.match(text):
        month, mday = int(text[:2]), int(text[3:])
        if (month, mday) == (2, 29):
            raise CalendarError(
                f"February 29 is not in every year. Choose February 28 or March 1 for the {label}."
            )
        try:
            dt.date(_ORDER_YEAR, month, mday)
        except ValueError:
            pass
        else:
            return month, mday
    raise CalendarError(
        f"“{text}” is not a day of the year. Write the {label} as month-day, for example {example}."
    )


def _order_message(cal: SchoolCalendar, name: str, before: str, strict: bool) -> str:
    when = "after" if strict else "on or after"
    return (
        f"The {FIELD_LABELS[name]} ({month_day_label(getattr(cal, name))}) must come {when} the "
        f"{FIELD_LABELS[before]} ({month_day_label(getattr(cal, before))}) in the school year."
    )
