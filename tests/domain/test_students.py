import datetime as dt

import pytest

from ilp_desktop.domain.grades import GradeError, grade_label, grade_order, parse_grade
from ilp_desktop.domain.students import Guardian, Student, search_key, validate_student

TODAY = dt.date(2026, 11, 22)


def student(**changes: object) -> Student:
    return Student(sis_id="204518", first_name="Ana", last_name="Peña", grade="9").with_changes(
        **changes
    )


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("9", "9"),
        ("09", "9"),
        ("k", "K"),
        ("Kindergarten", "K"),
        ("ps", "PS"),
        ("Post-secondary", "PS"),
        ("Grade 12", "12"),
        (" 1 ", "1"),
    ],
)
def test_parse_grade(typed: str, code: str) -> None:
    assert parse_grade(typed) == code


@pytest.mark.parametrize("typed", ["13", "0", "-1", "nine", "", "12a", "1.5"])
def test_impossible_grades_are_refused(typed: str) -> None:
    with pytest.raises(GradeError):
        parse_grade(typed)


def test_grade_order_and_labels() -> None:
    assert sorted(["PS", "10", "K", "9", "2"], key=grade_order) == ["K", "2", "9", "10", "PS"]
    assert grade_label("K") == "Kindergarten"
    assert grade_label("PS") == "Post-secondary"
    assert grade_label("7") == "Grade 7"


def test_valid_student_has_no_problems() -> None:
    assert validate_student(student(date_of_birth="2011-03-14"), today=TODAY) == {}


def test_each_problem_is_reported_beside_its_field() -> None:
    problems = validate_student(
        student(sis_id="", first_name=" ", last_name="", grade="13", date_of_birth="2011-02-30"),
        today=TODAY,
    )
    assert set(problems) == {"sis_id", "first_name", "last_name", "grade", "date_of_birth"}
    assert "SIS id" in problems["sis_id"]
    assert "13" in problems["grade"]
    assert "2011-02-30" in problems["date_of_birth"]


def test_duplicate_sis_id_names_the_other_student() -> None:
    problems = validate_student(student(), sis_id_owner="Văn An Nguyễn", today=TODAY)
    assert problems == {"sis_id": "SIS id 204518 already belongs to Văn An Nguyễn."}


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("14/03/2011", "not a date"),
        ("2031-01-01", "future"),
        ("1901-01-01", "100 years"),
        ("20110314", "year-month-day"),
    ],
)
def test_malformed_dates(typed: str, words: str) -> None:
    problems = validate_student(student(date_of_birth=typed), today=TODAY)
    assert words in problems["date_of_birth"]


def test_guardian_needs_name_and_sane_email() -> None:
    problems = validate_student(
        student(guardians=[Guardian(""), Guardian("Rosa Peña", email="rosa.example.org")]),
        today=TODAY,
    )
    assert "Guardian 1 needs a name" in problems["guardian_0"]
    assert "@" in problems["guardian_1"]


def test_display_names_and_flags() -> None:
    s = student(preferred_name="Anita", iep=True, ell=True, cte=True, cte_pathway="Health")
    assert s.display_name == "Anita Peña"
    assert s.full_name == "Ana Peña"
    assert s.sort_name == "Peña, Ana"
    assert s.flag_labels() == ["IEP", "English learner", "CTE: Health"]
    assert search_key(s) == "ana pena anita 204518"


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        ("小明", "王", "王小明"),
        ("수빈", "김", "김수빈"),
        ("Văn An", "Nguyễn", "Văn An Nguyễn"),
        ("فاطمة", "الزهراء", "فاطمة الزهراء"),
        ("Ana", "", "Ana"),
    ],
)
def test_names_are_written_in_their_scripts_order(first: str, last: str, written: str) -> None:
    s = student(first_name=first, last_name=last)
    assert s.full_name == written
    assert s.display_name == written
    if written != "Ana" and " " not in written:
        assert s.sort_name == written  # no "王, 小明" on the roster
