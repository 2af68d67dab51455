"""The caseload's lists, filters and the compliance export's cells."""

from __future__ import annotations

import datetime as dt

from ilp_desktop.domain.caseload import (
    LIST_KEYS,
    StudentFacts,
    caseload_rows,
    compliance_csv,
    counts,
    filtered,
    review_text,
    spreadsheet_safe,
)
from ilp_desktop.domain.reviews import HeldReview
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR

TODAY = dt.date(2026, 10, 5)  # fall checkpoint due Oct 31: due this month, nothing overdue


def _facts(n: int, grade: str, **more: object) -> StudentFacts:
    return StudentFacts(
        student_id=n,
        sis_id=str(n),
        name=f"Student {n}",
        sort_name=f"Last{n:02}, First",
        grade=grade,
        **more,  # type: ignore[arg-type]
    )


def test_lists_follow_the_schedule_and_the_plan() -> None:
    facts = [
        _facts(1, "10", counselor="A", open_goals=2, goals=2, latest_inventory_on="2026-09-01"),
        _facts(
            2,
            "10",
            counselor="B",
            overdue_steps=1,
            held=(HeldReview(5, "2026-09-20", "fall", 2026),),
            family_ack_dates=("2026-09-20",),
        ),
        # Entering grade 9: the transition review was due Sep 30.
        _facts(3, "9", counselor="A", family_ack_dates=("2026-05-01",)),  # last year's
    ]
    rows = caseload_rows(facts, TODAY, DEFAULT_CALENDAR)
    by_id = {row.student_id: row for row in rows}
    assert [c.kind for c in by_id[3].overdue] == ["transition"]
    assert [c.kind for c in by_id[1].due_this_month] == ["fall"]
    assert by_id[2].due_this_month == () and by_id[2].family_ack_on == "2026-09-20"
    assert by_id[3].family_ack_on == ""  # acknowledged in the previous school year
    assert counts(rows) == {
        "due_this_month": 2,  # students 1 and 3 (3 also has the fall one due)
        "overdue_reviews": 1,
        "no_goals": 2,
        "overdue_steps": 1,
        "no_inventory": 2,
        "no_family_ack": 2,
    }
    assert set(counts(rows)) == set(LIST_KEYS)
    assert [r.student_id for r in filtered(rows, counselor="A")] == [1, 3]
    assert [r.student_id for r in filtered(rows, grade="10", counselor="B")] == [2]
    assert review_text(by_id[3], TODAY) == "Transition review overdue since Sep 30, 2026"
    assert review_text(by_id[2], TODAY).startswith("Spring checkpoint due Mar 31, 2027")


def test_cells_never_become_formulas() -> None:
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("@SUM") == "'@SUM"
    assert spreadsheet_safe("-2") == "-2"
    assert spreadsheet_safe("-x") == "'-x"
    assert spreadsheet_safe("Nguyễn") == "Nguyễn"
    text = compliance_csv([["a", "b"], ["+1 555", 'say "hi", then go']])
    assert text == 'a,b\r\n\'+1 555,"say ""hi"", then go"\r\n'
