"""What one cell of an SIS roster export holds, read as the app keeps it: the cell's text on
one line, a grade as its code, yes or no, a date of birth in ISO form (with the column's day
or month order found from its values). Each reader raises ValueError (GradeError for a grade)
with the counselor's message. Plain Python: no files, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from .grades import GradeError, parse_grade

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')  # ="00123": how some exports keep leading zeros
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_GRADE_PREFIX = re.compile(r"^(grade|gr\.?|g)\s*", re.IGNORECASE)
_YES = {"y", "yes", "1", "true", "t", "x", "si", "sí"}
_NO = {"n", "no", "0", "false", "f"}


def clean_cell(text: str) -> str:
    """A cell's text on one line: control characters and runs of spaces become one space."""
    text = _CONTROL.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    matched = _EXCEL_TEXT.match(text)
    return matched.group(1).strip() if matched else text


def read_grade(text: str) -> str:
    """A grade as SIS exports write it ("09", "9th", "Gr 9", "KG", "0") -> its code."""
    cleaned = text.strip()
    folded = cleaned.casefold()
    if folded in ("0", "00"):  # several SIS number kindergarten 0
        return "K"
    rest = _GRADE_PREFIX.sub("", folded, count=1) if folded[:1] == "g" else folded
    ordinal = _ORDINAL.match(rest.strip())
    if ordinal:
        rest = ordinal.group(1)
    try:
        return parse_grade(rest or cleaned)
    except GradeError:
        raise GradeError(
            f"“{cleaned}” is not a grade; use K, 1 to 12, or PS for post-secondary."
        ) from None


def read_flag(text: str) -> bool:
    """Y/N, Yes/No, 1/0, TRUE/FALSE -> True/False; ValueError for anything else."""
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueError(text)


_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?$")


def day_first(values: Sequence[str]) -> bool:
    """Whether the column's slashed dates are day/month (True) or month/day (False).

    US exports write 3/14/2011; elsewhere 14/03/2011. Dates with a first number over 12 are
    day first, those with a second number over 12 month first; the more common kind decides
    (a typo then shows up as a date not in the calendar), and month first when none tells.
    """
    days = months = 0
    for value in values:
        matched = _SLASHED.match(_TIME.sub("", value.strip()))
        if matched:
            days += int(matched.group(1)) > 12
            months += int(matched.group(2)) > 12
    return days > months


def read_date(text: str, *, day_first: bool = False) -> str:
    """A date of birth as exports write it -> ISO year-month-day; ValueError with a message."""
    cleaned = _TIME.sub("", text.strip())
    year_first = _YEAR_FIRST.match(cleaned)
    slashed = _SLASHED.match(cleaned)
    if year_first:
        year, month, day = (int(g) for g in year_first.groups())
    elif slashed:
        first, second, year = (int(g) for g in slashed.groups())
        if len(slashed.group(3)) != 4:
            raise ValueError(f"“{text}”: write the year with four digits, for example 2011.")
        month, day = (second, first) if day_first else (first, second)
    else:
        raise ValueError(
            f"“{text}” is not a date; write it as 2011-03-14 or as the SIS exports it (3/14/2011)."
        )
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"“{text}” is not a date in the calendar.") from None
