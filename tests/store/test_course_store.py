"""The catalog, the graduation rules and students' course plans in the database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from ilp_desktop.domain.courses import (
    DEFAULT_RULES,
    AreaRequirement,
    Course,
    GraduationRules,
    PlannedCourse,
    RulesError,
)
from ilp_desktop.store import clock
from ilp_desktop.store.courses import RULES_KEY, CourseStore
from ilp_desktop.store.db import Store
from ilp_desktop.store.settings import SettingsStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student

ENGLISH = Course("ENG101", "English 9", "English", 1.0, "9", "Reading and writing")
ALGEBRA = Course("MTH101", "Algebra I", "Mathematics", 1.0, "9-10")
BIOLOGY = Course("SCI101", "Biology", "Science", 1.0)
CERAMICS = Course("ART210", "Ceramics I", "Fine arts", 0.5, "10-12")


@pytest.fixture
def courses(store: Store) -> CourseStore:
    catalog = CourseStore(store)
    catalog.import_catalog([ENGLISH, ALGEBRA], replace_all=True)
    return catalog


def codes(courses: CourseStore) -> list[str]:
    return sorted(c.code for c in courses.catalog())


# --- Rules --------------------------------------------------------------------------------------


def test_the_defaults_until_the_school_sets_its_rules(store: Store) -> None:
    courses = CourseStore(store)
    assert courses.rules() == DEFAULT_RULES
    assert not courses.rules_are_set()
    trimesters = replace(DEFAULT_RULES, term_system="trimester", grades=("6", "7", "8"))
    courses.set_rules(trimesters)
    assert courses.rules_are_set()
    assert CourseStore(store).rules() == trimesters


def test_bad_rules_are_refused_and_the_old_ones_kept(store: Store) -> None:
    courses = CourseStore(store)
    small = GraduationRules((AreaRequirement("English", 2.0),), total=4.0, overflow_area="")
    courses.set_rules(small)
    for bad in (
        replace(small, total=1.0),
        replace(small, overflow_area="Electives"),
        replace(small, areas=(*small.areas, AreaRequirement("english", 1.0))),
    ):
        with pytest.raises(RulesError):
            courses.set_rules(bad)
    assert courses.rules() == small


def test_saved_rules_that_cannot_be_read_say_so(store: Store) -> None:
    SettingsStore(store).set(RULES_KEY, {"areas": [{"name": "English"}], "total": 4})
    with pytest.raises(RulesError, match="cannot be read"):
        CourseStore(store).rules()


# --- Catalog ------------------------------------------------------------------------------------


def test_catalog_round_trip(courses: CourseStore) -> None:
    assert courses.catalog() == [ENGLISH, ALGEBRA]  # by area, then code
    courses.save_course(Course(" SCI101 ", "  Biology   honors ", "Science", 1.0, " 9 "))
    assert courses.catalog()[-1] == Course("SCI101", "Biology honors", "Science", 1.0, "9")


def test_a_course_is_added_once_by_code(courses: CourseStore) -> None:
    with pytest.raises(ValueError, match="already has a course ENG101"):
        courses.save_course(replace(BIOLOGY, code="eng101"))
    assert codes(courses) == ["ENG101", "MTH101"]


def test_changing_a_course_and_its_code(courses: CourseStore) -> None:
    courses.save_course(replace(ENGLISH, title="English 9 honors"), old_code="ENG101")
    courses.save_course(replace(ALGEBRA, code="MTH110"), old_code="MTH101")
    courses.save_course(replace(ENGLISH, code="eng101"), old_code="ENG101")  # case only
    assert codes(courses) == ["MTH110", "eng101"]
    with pytest.raises(ValueError, match="already has a course MTH110"):
        courses.save_course(replace(ENGLISH, code="MTH110"), old_code="eng101")
    assert codes(courses) == ["MTH110", "eng101"]
    courses.delete_course("MTH110")
    assert codes(courses) == ["eng101"]


def test_merging_an_import_adds_and_updates(courses: CourseStore) -> None:
    added, updated = courses.import_catalog(
        [replace(ENGLISH, code="eng101", title="English 9 (new)"), BIOLOGY, CERAMICS],
        replace_all=False,
    )
    assert (added, updated) == (2, 1)
    assert codes(courses) == ["ART210", "MTH101", "SCI101", "eng101"]
    assert {c.code: c.title for c in courses.catalog()}["eng101"] == "English 9 (new)"


def test_replacing_the_catalog_keeps_only_the_file(courses: CourseStore) -> None:
    added, updated = courses.import_catalog([ENGLISH, BIOLOGY, CERAMICS], replace_all=True)
    assert (added, updated) == (2, 1)
    assert codes(courses) == ["ART210", "ENG101", "SCI101"]


@pytest.mark.parametrize("replace_all", [True, False])
def test_an_import_that_fails_halfway_changes_nothing(
    courses: CourseStore, replace_all: bool
) -> None:
    before = courses.catalog()
    broken = Course("BAD1", "Zero credits", "Electives", 0.0)  # breaks CHECK (credits > 0)
    with pytest.raises(sqlite3.IntegrityError):
        courses.import_catalog(
            [replace(ENGLISH, title="Changed"), BIOLOGY, broken, CERAMICS],
            replace_all=replace_all,
        )
    assert courses.catalog() == before


# --- A student's plan ---------------------------------------------------------------------------


def entry(title: str, grade: str = "9", term: str = "Y", **changes: object) -> PlannedCourse:
    planned = PlannedCourse(grade, term, title, "English", 1.0, course_code="ENG101")
    return replace(planned, **changes)  # type: ignore[arg-type]


def test_a_plan_round_trips_in_grade_and_term_order(
    store: Store, students: StudentStore, courses: CourseStore
) -> None:
    sid = students.add(make_student(1)).id
    assert sid is not None
    saved = [
        courses.save_planned(sid, entry("English 11", "11", status="planned")),
        courses.save_planned(sid, entry("  Spanish   I ", "9", "S2", area="World languages")),
        courses.save_planned(sid, entry("English 10", "10", status="enrolled")),
        courses.save_planned(sid, entry("English 9", "9", "S1", status="completed", mark=" B+ ")),
        courses.save_planned(sid, entry("Art", "9", "S1", note=" summer school ")),
    ]
    assert all(e.id is not None and e.student_id == sid for e in saved)
    assert (
        saved[1].title == "Spanish I"
        and saved[3].mark == "B+"
        and saved[4].note == ("summer school")
    )
    assert saved[0].created_on == clock.today() == saved[0].updated_on
    # Grades as numbers (9 before 10), then the term, then the title.
    assert [(e.grade, e.term, e.title) for e in courses.plan(sid)] == [
        ("9", "S1", "Art"),
        ("9", "S1", "English 9"),
        ("9", "S2", "Spanish I"),
        ("10", "Y", "English 10"),
        ("11", "Y", "English 11"),
    ]
    changed = courses.save_planned(sid, replace(saved[0], status="enrolled"))
    assert changed.created_on == saved[0].created_on
    assert {e.id: e.status for e in courses.plan(sid)}[saved[0].id] == "enrolled"
    courses.delete_planned(saved[1].id)  # type: ignore[arg-type]
    assert len(courses.plan(sid)) == 4


def test_a_plan_keeps_a_course_taken_out_of_the_catalog(
    students: StudentStore, courses: CourseStore
) -> None:
    sid = students.add(make_student(1)).id
    assert sid is not None
    courses.save_planned(sid, entry("English 9"))
    courses.delete_course("ENG101")
    assert [(e.course_code, e.title) for e in courses.plan(sid)] == [("ENG101", "English 9")]


def test_deleting_a_student_takes_their_course_plan(
    store: Store, students: StudentStore, courses: CourseStore
) -> None:
    first, second = (s.id for s in students.add_many([make_student(1), make_student(2)]))
    assert first is not None and second is not None
    courses.add_plans([(first, [entry("English 9"), entry("English 10", "10")])])
    courses.save_planned(second, entry("English 9"))
    with store.action() as db:
        db.execute("DELETE FROM students WHERE id = ?", [first])
    assert courses.plan(first) == []
    assert len(courses.plan(second)) == 1
    assert len(courses.catalog()) == 2  # the catalog is the school's, not the student's


def test_add_plans_fills_in_dates_and_ignores_ids(
    students: StudentStore, courses: CourseStore
) -> None:
    sid = students.add(make_student(1)).id
    assert sid is not None
    courses.add_plans([(sid, [entry("English 9", id=99, created_on="2025-09-01")])])
    (stored,) = courses.plan(sid)
    assert stored.id != 99 and stored.student_id == sid
    assert stored.created_on == "2025-09-01" and stored.updated_on == clock.today()
