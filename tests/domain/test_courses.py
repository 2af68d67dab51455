"""The credit audit, graduation rules and the catalog import, as a counselor meets them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from ilp_desktop.domain.courses import (
    DEFAULT_RULES,
    AreaRequirement,
    Course,
    GraduationRules,
    PlannedCourse,
    RulesError,
    check_rules,
    credit_audit,
    credit_text,
    map_columns,
    parse_catalog,
    rules_from_json,
    validate_course,
    validate_planned,
)

TRIMESTER_RULES = replace(DEFAULT_RULES, term_system="trimester")
SMALL_RULES = GraduationRules(
    areas=(AreaRequirement("English", 2.0), AreaRequirement("Mathematics", 2.0)),
    total=5.0,
    overflow_area="",
)


def course(
    area: str,
    credits: float,
    status: str = "completed",
    title: str = "",
    grade: str = "9",
    term: str = "Y",
) -> PlannedCourse:
    return PlannedCourse(grade, term, title or f"{area} course", area, credits, status)


def line(audit: object, area: str) -> tuple[float, float, float]:
    found = next(a for a in audit.lines if a.area == area)  # type: ignore[attr-defined]
    return (found.earned, found.enrolled, found.planned)


def every_requirement(status: str = "completed") -> list[PlannedCourse]:
    return [course(a.name, a.credits, status) for a in DEFAULT_RULES.areas if a.credits]


# --- Credit audit -------------------------------------------------------------------------------


def test_a_transcript_meeting_every_requirement() -> None:
    audit = credit_audit(every_requirement(), DEFAULT_RULES)
    assert all(a.met and a.state == "met" and a.short == 0 for a in audit.lines)
    assert audit.total.earned == 22.0 and audit.total.met
    assert audit.warnings == [] and audit.on_plan


def test_a_plan_covering_every_requirement_is_on_plan_but_not_met() -> None:
    audit = credit_audit(every_requirement("planned"), DEFAULT_RULES)
    english = next(a for a in audit.lines if a.area == "English")
    assert (english.met, english.state, english.short) == (False, "on_plan", 0)
    assert audit.on_plan


def test_a_shortfall_in_one_area_even_counting_the_plan() -> None:
    entries = [e for e in every_requirement("planned") if e.area != "Science"]
    entries.append(course("Science", 1.0, "completed", "Biology"))
    entries.append(course("Science", 1.0, "planned", "Chemistry", grade="10"))
    entries.append(course("Electives", 1.0, "planned", "Yearbook"))  # the total is still 22
    audit = credit_audit(entries, DEFAULT_RULES)
    science = next(a for a in audit.lines if a.area == "Science")
    assert (science.earned, science.planned, science.expected, science.short) == (1, 1, 2, 1)
    assert science.state == "short"
    assert audit.total.short == 0
    assert audit.warnings == ["Science: 1 credit short even if every planned course is passed."]
    assert not audit.on_plan


def test_the_total_short_is_warned_after_the_areas() -> None:
    audit = credit_audit([course("English", 4.0)], DEFAULT_RULES)
    assert audit.warnings[0].startswith("Electives: 5.5 credits short")
    assert audit.warnings[-1] == "In all: 18 credits short of the 22 needed to graduate."


def test_earned_enrolled_and_planned_are_kept_apart() -> None:
    entries = [
        course("English", 1.0, "completed", "English 9"),
        course("english", 1.0, "enrolled", "English 10", grade="10"),  # any case matches
        course("English", 1.0, "planned", "English 11", grade="11"),
        course("English", 1.0, "planned", "English 12", grade="12"),
    ]
    audit = credit_audit(entries, DEFAULT_RULES)
    assert line(audit, "English") == (1.0, 1.0, 2.0)
    english = next(a for a in audit.lines if a.area == "English")
    assert (english.expected, english.short, english.state) == (4.0, 0, "on_plan")
    assert (audit.total.earned, audit.total.enrolled, audit.total.planned) == (1.0, 1.0, 2.0)


def test_extra_credits_overflow_into_electives_earned_first() -> None:
    entries = [
        course("Mathematics", 2.0, "completed"),
        course("Mathematics", 1.0, "enrolled"),
        course("Mathematics", 2.0, "planned"),  # 1 over the 3 required
        course("English", 5.0, "completed"),  # 1 over the 4 required
        course("Career and technical education", 1.0, "planned"),  # requires 0: all overflow
        course("Electives", 0.5, "completed"),
    ]
    audit = credit_audit(entries, DEFAULT_RULES)
    assert line(audit, "Mathematics") == (2.0, 1.0, 0.0)
    assert line(audit, "English") == (4.0, 0.0, 0.0)
    assert line(audit, "Career and technical education") == (0.0, 0.0, 0.0)
    assert line(audit, "Electives") == (1.5, 0.0, 3.0)
    # The total counts every credit once, wherever it went.
    assert (audit.total.earned, audit.total.enrolled, audit.total.planned) == (7.5, 1.0, 3.0)


def test_without_an_overflow_area_extra_credits_stay_in_their_area() -> None:
    audit = credit_audit(
        [course("English", 3.0), course("Mathematics", 1.0, "planned")], SMALL_RULES
    )
    assert line(audit, "English") == (3.0, 0.0, 0.0)
    assert line(audit, "Mathematics") == (0.0, 0.0, 1.0)
    assert audit.warnings == [
        "Mathematics: 1 credit short even if every planned course is passed.",
        "In all: 1 credit short of the 5 needed to graduate.",
    ]


def test_no_credit_counts_nowhere() -> None:
    entries = [course("Mathematics", 1.0, "no_credit"), course("Mathematics", 1.0)]
    audit = credit_audit(entries, DEFAULT_RULES)
    assert line(audit, "Mathematics") == (1.0, 0.0, 0.0)
    assert line(audit, "Electives") == (0.0, 0.0, 0.0)
    assert (audit.total.earned, audit.total.enrolled, audit.total.planned) == (1.0, 0.0, 0.0)


def test_an_unknown_area_goes_to_the_overflow_area_and_is_warned() -> None:
    audit = credit_audit(
        [*every_requirement(), course("Robotics", 1.0, title="VEX")], DEFAULT_RULES
    )
    assert line(audit, "Electives") == (6.5, 0.0, 0.0)
    assert audit.total.earned == 23.0
    assert audit.unmatched == ("VEX",)
    assert audit.warnings == ["“VEX” has a subject area the graduation rules do not list."]
    assert not audit.on_plan


def test_an_unknown_area_with_no_overflow_area_counts_in_the_total_only() -> None:
    audit = credit_audit([course("Robotics", 1.0, title="VEX")], SMALL_RULES)
    assert all(line(audit, a) == (0.0, 0.0, 0.0) for a in ("English", "Mathematics"))
    assert audit.total.earned == 1.0
    assert "“VEX” has a subject area the graduation rules do not list." in audit.warnings


def test_trimester_courses_add_up() -> None:
    entries = [
        course("Physical education and health", 0.5, "completed", "PE", term="T1"),
        course("Physical education and health", 0.5, "enrolled", "Health", term="T2"),
        course("Physical education and health", 0.5, "planned", "Fitness", term="T3"),
        course("World languages", 0.33, "completed", "Spanish I A", term="T1"),
        course("World languages", 0.33, "enrolled", "Spanish I B", term="T2"),
        course("World languages", 0.33, "planned", "Spanish I C", term="T3"),
    ]
    audit = credit_audit(entries, TRIMESTER_RULES)
    pe = next(a for a in audit.lines if a.area == "Physical education and health")
    assert (pe.expected, pe.short, pe.state) == (1.5, 0, "on_plan")
    languages = next(a for a in audit.lines if a.area == "World languages")
    # Three thirds of a credit, written 0.33 as catalogs do, make the one credit needed.
    assert languages.short == 0 and languages.state == "on_plan"
    assert not any(w.startswith("World languages") for w in audit.warnings)
    assert credit_text(languages.expected) == "1"
    earned = credit_audit([replace(e, status="completed") for e in entries], TRIMESTER_RULES)
    assert line(earned, "World languages") == (1.0, 0.0, 0.0)
    assert next(a for a in earned.lines if a.area == "World languages").state == "met"


def test_a_third_short_is_said_in_hundredths() -> None:
    rules = GraduationRules(
        (AreaRequirement("World languages", 1.0),), 1.0, "trimester", overflow_area=""
    )
    entries = [course("World languages", 0.33, term="T1"), course("World languages", 0.33)]
    assert credit_audit(entries, rules).warnings == [
        "World languages: 0.33 credits short even if every planned course is passed.",
        "In all: 0.33 credits short of the 1 needed to graduate.",
    ]


def test_thirds_written_with_more_digits_or_as_0_34_also_add_up() -> None:
    entries = [
        course("World languages", 0.333, term="T1"),
        course("World languages", 0.333, term="T2"),
        course("World languages", 0.334, term="T3"),
        course("Fine arts", 0.67, term="T1"),
        course("Fine arts", 0.33, term="T2"),
    ]
    audit = credit_audit(entries, TRIMESTER_RULES)
    assert line(audit, "World languages")[0] == 1.0
    assert line(audit, "Fine arts")[0] == 1.0


def test_quarter_and_tenth_credits_are_not_mistaken_for_thirds() -> None:
    entries = [course("Fine arts", 0.25), course("Fine arts", 0.25), course("Fine arts", 0.3)]
    assert line(credit_audit(entries, DEFAULT_RULES), "Fine arts")[0] == 0.8


def test_validate_planned_checks_the_term_against_the_school_year() -> None:
    trimester = course("English", 0.5, term="S1")
    assert set(validate_planned(trimester, TRIMESTER_RULES)) == {"term"}
    assert "Trimester 3" in validate_planned(trimester, TRIMESTER_RULES)["term"]
    assert validate_planned(replace(trimester, term="T3"), TRIMESTER_RULES) == {}
    semester = course("English", 0.5, term="T3")
    assert set(validate_planned(semester, DEFAULT_RULES)) == {"term"}
    assert validate_planned(replace(semester, term="S2"), DEFAULT_RULES) == {}
    assert validate_planned(replace(semester, term="Y"), DEFAULT_RULES) == {}


def test_validate_planned_other_fields() -> None:
    bad = PlannedCourse("13", "Y", " ", "Robotics", 11.0, "dropped", mark="A")
    assert set(validate_planned(bad, DEFAULT_RULES)) == {
        "grade",
        "title",
        "area",
        "credits",
        "status",
        "mark",
    }
    planned_with_mark = course("English", 1.0, "planned")
    assert set(validate_planned(replace(planned_with_mark, mark="B+"), DEFAULT_RULES)) == {"mark"}
    assert (
        validate_planned(replace(planned_with_mark, status="completed", mark="B+"), DEFAULT_RULES)
        == {}
    )
    assert validate_planned(course("Electives", 0.0, "no_credit"), DEFAULT_RULES) == {}


# --- Graduation rules -----------------------------------------------------------------------------


def test_rules_round_trip_through_json() -> None:
    for rules in (DEFAULT_RULES, TRIMESTER_RULES, SMALL_RULES):
        saved = json.loads(json.dumps(rules.to_json()))
        assert rules_from_json(saved) == rules
    custom = replace(SMALL_RULES, grades=("6", "7", "8"), overflow_area="english")
    assert rules_from_json(json.loads(json.dumps(custom.to_json()))) == custom


def test_no_saved_rules_means_the_defaults() -> None:
    assert rules_from_json(None) is DEFAULT_RULES
    assert rules_from_json({}) is DEFAULT_RULES
    check_rules(DEFAULT_RULES)


@pytest.mark.parametrize(
    "data",
    [
        {"areas": [{"name": "English", "credits": 4}]},
        {"areas": [{"name": "English"}], "total": 4},
        {"areas": [{"name": "English", "credits": "four"}], "total": 4},
        {"areas": 7, "total": 4},
    ],
    ids=["no total", "no credits", "credits not a number", "areas not a list"],
)
def test_unreadable_saved_rules_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(RulesError, match="cannot be read"):
        rules_from_json(data)


def test_saved_rules_that_break_a_rule_are_refused() -> None:
    data = DEFAULT_RULES.to_json() | {"total": 10}
    with pytest.raises(RulesError, match="more than the total"):
        rules_from_json(data)


def two_areas(
    first: str = "English", second: str = "Mathematics", **changes: object
) -> GraduationRules:
    rules = GraduationRules(
        (AreaRequirement(first, 2.0), AreaRequirement(second, 2.0)), total=6.0, overflow_area=""
    )
    return replace(rules, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (two_areas(second=" english "), "listed twice"),
        (two_areas(second="Énglish"), "listed twice"),
        (two_areas(total=3.0), "more than the total"),
        (two_areas(overflow_area="Electives"), "not one of the subject areas"),
        (two_areas(second="  "), "needs a name"),
        (two_areas(areas=()), "at least one"),
        (two_areas(total=0.0), "total credits"),
        (two_areas(total=float("nan")), "total credits"),
        (two_areas(areas=(AreaRequirement("English", -1.0),)), "between 0 and 40"),
        (two_areas(term_system="quarter"), "semesters or trimesters"),
        (two_areas(grades=("9", "13")), "grades 6 to 12"),
        (two_areas(grades=()), "grades 6 to 12"),
    ],
)
def test_check_rules_refusals(rules: GraduationRules, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        check_rules(rules)


def test_check_rules_accepts_an_overflow_area_in_any_case() -> None:
    check_rules(two_areas(overflow_area="mathematics"))
    check_rules(two_areas(total=4.0))  # areas may add up to exactly the total


# --- Catalog import -------------------------------------------------------------------------------

HEADER = ["Course Number", "Course Title", "Subject", "Credit Value", "Grade Levels"]


def test_header_aliases_schools_use() -> None:
    columns, missing = map_columns(HEADER)
    assert missing == []
    assert columns == {"code": 0, "title": 1, "area": 2, "credits": 3, "grades": 4}
    columns, missing = map_columns(["credit_area", "COURSE_NAME", " course  code ", "Credits"])
    assert missing == []
    assert columns == {"code": 2, "title": 1, "area": 0, "credits": 3}


def test_an_all_good_file_gives_its_courses() -> None:
    rows = [
        [*HEADER, "Description"],
        ["ENG101", "English 9", "english", "1", "9", "Reading and writing"],
        ["ART210", "  Ceramics   I ", "Fine Arts", "0,5", "10-12", ""],
        ["SPA1A", "Spanish I A", "World languages", "0.33", "", ""],
    ]
    catalog = parse_catalog(rows, DEFAULT_RULES)
    assert catalog.ok and catalog.problems == []
    assert catalog.courses == [
        Course("ENG101", "English 9", "English", 1.0, "9", "Reading and writing"),
        Course("ART210", "Ceramics I", "Fine arts", 0.5, "10-12", ""),
        Course("SPA1A", "Spanish I A", "World languages", 0.33, "", ""),
    ]
    assert all(validate_course(c, DEFAULT_RULES) == {} for c in catalog.courses)


def test_bad_rows_are_listed_with_their_line_numbers() -> None:
    rows = [
        HEADER,
        ["ENG101", "English 9", "English", "1", ""],  # line 2: good
        ["", "No code", "English", "1", ""],
        ["eng101", "English 9 again", "English", "1", ""],
        ["ROB1", "Robotics", "Engineering", "1", ""],
        ["MTH1", "Algebra I", "Mathematics", "one", ""],
        ["MTH2", "Geometry", "Mathematics", "0", ""],
        ["HIS1", "H" * 121, "Social studies", "1", ""],
        ["SCI1", "Biology", "Science", "", ""],
        ["SCI2", "", "", "1", ""],
        ["X" * 21, "Chemistry", "Science", "11", ""],
        ["PE1"],  # a short row: the missing cells are empty
    ]
    catalog = parse_catalog(rows, DEFAULT_RULES)
    assert not catalog.ok
    assert [c.code for c in catalog.courses] == ["ENG101"]
    found = {p.row: p.message for p in catalog.problems}
    assert list(found) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert found[3] == "The course code is empty."
    assert found[4] == "Course eng101 is already on line 2."
    assert found[5] == "“Engineering” is not one of the school's subject areas."
    assert found[6] == "The credits “one” are not a number."
    assert found[7] == "The credits must be more than 0 and at most 10."
    assert found[8] == "The title is longer than 120 characters."
    assert found[9] == "The credits are empty."
    assert found[10] == "The title is empty; the subject area is empty."
    assert "longer than 20" in found[11] and "at most 10" in found[11]
    assert "title is empty" in found[12] and "credits are empty" in found[12]


def test_a_bad_row_does_not_claim_its_code() -> None:
    rows = [
        HEADER,
        ["MTH1", "Algebra I", "Mathematics", "one"],
        ["MTH1", "Algebra I", "Mathematics", "1"],
    ]
    catalog = parse_catalog(rows, DEFAULT_RULES)
    assert [p.row for p in catalog.problems] == [2]
    assert [c.code for c in catalog.courses] == ["MTH1"]


def test_blank_lines_are_skipped_but_counted() -> None:
    rows = [
        HEADER,
        [],
        ["ENG101", "English 9", "English", "1"],
        ["", " ", ""],
        ["X1", "", "", ""],
        [],
    ]
    catalog = parse_catalog(rows, DEFAULT_RULES)
    assert [c.code for c in catalog.courses] == ["ENG101"]
    assert [p.row for p in catalog.problems] == [5]


def test_missing_columns_are_one_problem_on_line_1() -> None:
    rows = [["Code", "Title", "Grades"], ["ENG101", "English 9", "9"]]
    catalog = parse_catalog(rows, DEFAULT_RULES)
    assert catalog.courses == []
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.row == 1
    assert "missing: subject area, credits" in problem.message


def test_a_header_with_no_courses_is_a_problem() -> None:
    catalog = parse_catalog([HEADER, [], ["", ""]], DEFAULT_RULES)
    assert catalog.courses == []
    assert [p.row for p in catalog.problems] == [2]
    assert "no courses" in catalog.problems[0].message


def test_an_empty_file_is_a_problem() -> None:
    catalog = parse_catalog([], DEFAULT_RULES)
    assert [(p.row, p.message) for p in catalog.problems] == [(1, "The file is empty.")]


def test_the_catalog_uses_the_schools_own_areas() -> None:
    rows = [
        HEADER,
        ["ENG101", "English 9", "English", "1"],
        ["ROB1", "Robotics", "Engineering", "1"],
    ]
    custom = GraduationRules(
        (AreaRequirement("English", 4.0), AreaRequirement("Engineering", 1.0)),
        total=10.0,
        overflow_area="",
    )
    assert parse_catalog(rows, custom).ok
    assert [p.row for p in parse_catalog(rows, DEFAULT_RULES).problems] == [3]


def test_credit_text() -> None:
    assert [credit_text(v) for v in (1.0, 0.5, 0.25, 1 / 3, 2.0 / 3, 22.0)] == [
        "1",
        "0.5",
        "0.25",
        "0.33",
        "0.67",
        "22",
    ]


def test_years_with_no_courses_make_a_gap_still_to_plan_not_a_shortfall() -> None:
    begun = [course("English", 1.0, "enrolled", "English 9", grade="9")]
    audit = credit_audit(begun, DEFAULT_RULES, "9")
    assert audit.unplanned == ("10", "11", "12")
    assert {line.state for line in audit.lines if line.required} == {"to_plan"}
    assert audit.warnings == [
        "Grades 10, 11 and 12 have no courses planned yet: 21 credits still to plan to reach "
        "the 22 needed to graduate."
    ]
    assert not audit.on_plan
    # Once every year holds a course, what is still missing is a real shortfall.
    full = begun + [
        course("English", 1.0, "planned", f"English {g}", grade=g) for g in ["10", "11", "12"]
    ]
    audit = credit_audit(full, DEFAULT_RULES, "9")
    assert audit.unplanned == ()
    assert audit.lines[0].state == "on_plan"
    assert audit.lines[1].state == "short"
    assert "Mathematics: 3 credits short even if every planned course is passed." in audit.warnings


def test_a_middle_school_student_has_every_high_school_year_open() -> None:
    assert credit_audit([], DEFAULT_RULES, "7").unplanned == ("9", "10", "11", "12")
    assert credit_audit([], DEFAULT_RULES, "12").unplanned == ("12",)
    # Past years are not "still to plan": a senior's empty grade 9 is history, not a gap.
    senior = [course("English", 1.0, "enrolled", "English 12", grade="12")]
    assert credit_audit(senior, DEFAULT_RULES, "12").unplanned == ()
    # Without the student's grade the audit judges the plan as it stands.
    assert credit_audit([], DEFAULT_RULES).unplanned == ()
