"""The demo school's plans: deterministic, spread the way a real caseload is, always valid."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

from ilp_desktop import bundled
from ilp_desktop.domain.courses import (
    DEFAULT_RULES,
    Course,
    GraduationRules,
    credit_audit,
    parse_catalog,
    validate_planned,
)
from ilp_desktop.domain.demo_careers import generate_shortlists
from ilp_desktop.domain.demo_course_plans import offered_in
from ilp_desktop.domain.demo_plans import DemoPlan, generate_plans
from ilp_desktop.domain.demo_self_exploration import generate_self_exploration
from ilp_desktop.domain.demo_students import generate_students
from ilp_desktop.domain.plans import (
    AREAS,
    GOAL_STATUSES,
    ROLES,
    STEP_STATUSES,
    smart_hints,
    validate_assessment,
    validate_baseline,
    validate_goal,
    validate_note,
    validate_step,
)
from ilp_desktop.domain.postsecondary import check_plan, validate_target
from ilp_desktop.domain.self_exploration import SelfExplorationProfile
from ilp_desktop.domain.shortlist import ShortlistEntry
from ilp_desktop.domain.students import Student
from ilp_desktop.paths import resource

# Late in the fall semester: last year's courses are done, this year's are under way.
TODAY = dt.date(2026, 11, 22)
SEED = 3
MIDDLE = ("6", "7", "8")


@dataclasses.dataclass(frozen=True)
class School:
    students: list[Student]
    profiles: list[SelfExplorationProfile]
    shortlists: list[list[ShortlistEntry]]
    catalog: list[Course]

    def plans(
        self,
        seed: int = SEED,
        today: dt.date = TODAY,
        rules: GraduationRules = DEFAULT_RULES,
        catalog: Sequence[Course] | None = None,
    ) -> list[DemoPlan]:
        courses = self.catalog if catalog is None else catalog
        return generate_plans(
            self.students, self.profiles, self.shortlists, courses, rules, seed, today
        )


@pytest.fixture(scope="module")
def school() -> School:
    names: dict[str, Any] = json.loads(resource("demo", "names.json").read_text("utf-8"))
    students = generate_students(260, SEED, names)
    profiles = list(
        generate_self_exploration(students, SEED, bundled.inventory(), bundled.checklists())
    )
    shortlists = list(
        generate_shortlists(profiles, bundled.starter_library().careers, bundled.inventory(), SEED)
    )
    with resource("demo", "course_catalog.csv").open(encoding="utf-8", newline="") as handle:
        parsed = parse_catalog(list(csv.reader(handle)), DEFAULT_RULES)
    assert parsed.problems == []
    return School(students, profiles, shortlists, parsed.courses)


@pytest.fixture(scope="module")
def plans(school: School) -> list[DemoPlan]:
    return school.plans()


def _pairs(school: School, plans: list[DemoPlan]) -> list[tuple[Student, DemoPlan]]:
    return list(zip(school.students, plans, strict=True))


def _all_steps(plan: DemoPlan) -> list[Any]:
    return [step for goal in plan.goals for step in goal.steps] + list(plan.plan_steps)


# The bundled catalog ---------------------------------------------------------------------------
def test_the_bundled_catalog_is_a_plausible_high_school_catalog(school: School) -> None:
    catalog = school.catalog
    assert 70 <= len(catalog) <= 95
    assert {c.area for c in catalog} == set(DEFAULT_RULES.area_names())
    credits = Counter(c.credits for c in catalog)
    assert credits[1.0] > len(catalog) / 2 and credits[0.5] >= 8
    titles = {c.title for c in catalog}
    for wanted in ("Spanish I", "Spanish IV", "French III", "Health", "Algebra I", "Government"):
        assert wanted in titles
    assert sum(t.startswith("AP ") for t in titles) >= 8
    in_grade_8 = {c.title for c in catalog if offered_in(c, 8)}
    assert {"Algebra I", "Spanish I"} <= in_grade_8


# Determinism -----------------------------------------------------------------------------------
def test_the_same_seed_gives_the_same_plans(school: School, plans: list[DemoPlan]) -> None:
    assert school.plans() == plans


def test_another_seed_gives_other_plans(school: School, plans: list[DemoPlan]) -> None:
    assert school.plans(seed=SEED + 1) != plans


def test_one_plan_per_student_and_lengths_must_agree(school: School) -> None:
    assert len(school.plans()) == len(school.students)
    with pytest.raises(ValueError):
        generate_plans(
            school.students,
            school.profiles[:-1],
            school.shortlists,
            school.catalog,
            DEFAULT_RULES,
            SEED,
            TODAY,
        )


# Every record valid ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "today", [TODAY, dt.date(2026, 8, 20), dt.date(2027, 3, 10), dt.date(2027, 7, 1)]
)
def test_every_record_passes_the_validators(school: School, today: dt.date) -> None:
    problems: list[tuple[str, str, dict[str, str]]] = []
    for student, plan in _pairs(school, school.plans(today=today)):
        found: list[tuple[str, dict[str, str]]] = []
        found += [("baseline", validate_baseline(b, today=today)) for b in plan.baselines]
        found += [("assessment", validate_assessment(a, today=today)) for a in plan.assessments]
        for goal in plan.goals:
            found.append(("goal", validate_goal(goal)))
            found += [("note", validate_note(n, today=today)) for n in goal.notes]
        found += [("step", validate_step(s, today=today)) for s in _all_steps(plan)]
        found += [("course", validate_planned(c, DEFAULT_RULES)) for c in plan.courses]
        found += [("target", validate_target(t)) for t in plan.postsecondary.targets]
        found.append(("postsecondary", check_plan(plan.postsecondary)))
        problems += [(student.sis_id, kind, p) for kind, p in found if p]
    assert problems == []


def test_dates_hang_together(school: School, plans: list[DemoPlan]) -> None:
    today = TODAY.isoformat()
    for plan in plans:
        for goal in plan.goals:
            assert goal.created_on <= goal.updated_on <= today
            for note in goal.notes:
                assert goal.created_on <= note.noted_on <= today
        for step in _all_steps(plan):
            assert step.created_on <= today and step.updated_on <= today
            if step.done_on:
                assert step.created_on <= step.done_on <= today
        for baseline in plan.baselines:
            assert baseline.as_of <= baseline.recorded_on <= today


# Goals and steps -------------------------------------------------------------------------------
def test_goals_spread_over_statuses_and_areas(plans: list[DemoPlan]) -> None:
    goals = [goal for plan in plans for goal in plan.goals]
    statuses = Counter(goal.status for goal in goals)
    assert set(statuses) == set(GOAL_STATUSES)
    assert all(n >= 0.04 * len(goals) for n in statuses.values()), statuses
    assert set(Counter(goal.area for goal in goals)) == set(AREAS)


def test_some_students_have_nothing_yet_and_most_have_two_to_five_goals(
    plans: list[DemoPlan],
) -> None:
    counts = [len(plan.goals) for plan in plans]
    nothing = counts.count(0) / len(plans)
    assert 0.03 <= nothing <= 0.15
    assert sum(2 <= n <= 5 for n in counts) > 0.7 * len(plans)
    assert max(counts) <= 5
    for plan in plans:
        if not plan.goals:
            assert not plan.plan_steps and plan.postsecondary.is_empty


def test_dropped_goals_say_why_and_only_they_do(plans: list[DemoPlan]) -> None:
    goals = [goal for plan in plans for goal in plan.goals]
    dropped = [goal for goal in goals if goal.status == "dropped"]
    assert dropped
    assert all(goal.dropped_reason.strip() for goal in dropped)
    assert not any(goal.dropped_reason for goal in goals if goal.status != "dropped")


def test_most_goals_are_specific_and_a_few_get_smart_hints(plans: list[DemoPlan]) -> None:
    goals = [goal for plan in plans for goal in plan.goals]
    specific = [goal for goal in goals if goal.measure and goal.target_date]
    assert len(specific) > 0.8 * len(goals)
    vague = [goal for goal in goals if not goal.measure and not goal.target_date]
    assert 0.03 * len(goals) < len(vague) < 0.2 * len(goals)
    assert all(goal.is_open and smart_hints(goal, TODAY) for goal in vague)


def test_career_goals_lead_to_shortlisted_careers(school: School, plans: list[DemoPlan]) -> None:
    linked = 0
    for shortlist, plan in zip(school.shortlists, plans, strict=True):
        codes = {entry.code for entry in shortlist}
        for goal in plan.goals:
            if goal.career_code:
                assert goal.career_code in codes
                linked += 1
    assert linked >= 10


def test_every_role_takes_steps_some_overdue_some_done(plans: list[DemoPlan]) -> None:
    steps = [step for plan in plans for step in _all_steps(plan)]
    assert set(Counter(step.role for step in steps)) == set(ROLES)
    statuses = Counter(step.status for step in steps)
    assert set(statuses) == set(STEP_STATUSES)
    overdue = [step for step in steps if step.is_overdue(TODAY)]
    assert 0.05 * len(steps) < len(overdue) < 0.3 * len(steps)
    assert all(step.done_on <= TODAY.isoformat() for step in steps if step.status == "done")
    for step in steps:
        if step.role == "other":
            assert step.who_name
        if step.role in ("teacher", "tutor", "mentor"):
            assert step.who_name, step
    named = {step.who_name for step in steps if step.role == "teacher"}
    assert any(name.startswith(("Ms. ", "Mr. ")) for name in named)


def test_goal_steps_fit_the_goal(plans: list[DemoPlan]) -> None:
    for plan in plans:
        for goal in plan.goals:
            assert len(goal.steps) <= 4 and len(goal.notes) <= 3
            statuses = {step.status for step in goal.steps}
            if goal.status == "not_started":
                assert statuses <= {"to_do"}
            if goal.status == "done":
                assert statuses <= {"done", "dropped"}
            if goal.status == "at_risk" and goal.steps and statuses & {"to_do", "in_progress"}:
                assert any(step.is_overdue(TODAY) for step in goal.steps), goal
            assert all(step.kind == "" for step in goal.steps)


def test_the_dates_follow_the_given_today(school: School) -> None:
    later = dt.date(2028, 2, 1)
    plans = school.plans(today=later)
    steps = [step for plan in plans for step in _all_steps(plan)]
    assert any(step.is_overdue(later) for step in steps)
    assert max(step.done_on for step in steps if step.done_on) > TODAY.isoformat()
    assert all(step.done_on <= later.isoformat() for step in steps)


# Baselines and assessments ---------------------------------------------------------------------
def test_baselines_are_one_per_past_term(school: School, plans: list[DemoPlan]) -> None:
    gpas: list[float] = []
    for student, plan in _pairs(school, plans):
        assert 1 <= len(plan.baselines) <= 6
        days = [b.as_of for b in plan.baselines]
        assert days == sorted(days) and len(set(days)) == len(days)
        for baseline in plan.baselines:
            assert baseline.attendance is not None and 80 <= baseline.attendance <= 99.5
            if baseline.gpa is not None:
                gpas.append(baseline.gpa)
        if student.grade == "12":
            assert len(plan.baselines) == 6
    assert all(0 <= gpa <= 4.6 for gpa in gpas)
    assert sum(gpa > 4.0 for gpa in gpas) < 0.1 * len(gpas)  # a few weighted
    assert any(b.note for plan in plans for b in plan.baselines)


def test_credits_earned_match_the_completed_courses(school: School, plans: list[DemoPlan]) -> None:
    for student, plan in _pairs(school, plans):
        latest = plan.baselines[-1]
        if student.grade in MIDDLE:
            assert all(b.credits is None for b in plan.baselines)
            continue
        completed = sum(c.credits for c in plan.courses if c.status == "completed")
        # In late November every completed course ended by last June's baseline.
        assert latest.credits == pytest.approx(completed), student.sis_id
        credits = [b.credits for b in plan.baselines]
        assert credits == sorted(credits)  # type: ignore[type-var]


def test_assessments_fit_the_grade(school: School, plans: list[DemoPlan]) -> None:
    names: Counter[str] = Counter()
    for student, plan in _pairs(school, plans):
        grade = int(student.grade)
        these = {a.name for a in plan.assessments}
        names.update(these)
        assert "State ELA" in these and "State math" in these
        if "SAT" in these or "ACT" in these:
            assert grade >= 11
        if any(name.startswith("Reading screener") for name in these):
            assert grade <= 8
        if grade == 12:  # the school-day SAT in the spring of grade 11
            assert "SAT" in these
    for wanted in ("PSAT 8/9", "PSAT 10", "Reading screener (fall)", "State science"):
        assert names[wanted] > 0
    levels = {a.level for plan in plans for a in plan.assessments if a.name == "State math"}
    assert "Level 3 – Met standard" in levels and len(levels) >= 3


# Course plans ----------------------------------------------------------------------------------
def test_tenth_graders_have_earned_their_grade_9_credits(
    school: School, plans: list[DemoPlan]
) -> None:
    tenth = [(s, p) for s, p in _pairs(school, plans) if s.grade == "10"]
    assert len(tenth) >= 20
    for student, plan in tenth:
        by_grade = {g: [c for c in plan.courses if c.grade == g] for g in ("9", "10", "11")}
        ninth = [c for c in by_grade["9"] if c.status in ("completed", "no_credit")]
        assert len(ninth) == len(by_grade["9"]), student.sis_id
        assert sum(c.credits for c in ninth if c.status == "completed") >= 5
        assert all(c.mark for c in ninth)
        assert any(c.status == "enrolled" for c in by_grade["10"])
        assert all(c.status == "planned" for c in by_grade["11"]) and by_grade["11"]


def test_some_plans_fall_short_and_most_do_not(school: School, plans: list[DemoPlan]) -> None:
    high = [p for s, p in _pairs(school, plans) if s.grade not in MIDDLE]
    short = [p for p in high if not credit_audit(p.courses, DEFAULT_RULES).on_plan]
    assert 0.05 * len(high) <= len(short) <= 0.3 * len(high)
    no_credit = [c for p in high for c in p.courses if c.status == "no_credit"]
    assert no_credit and all(c.mark == "F" for c in no_credit)


def test_middle_school_plans_hold_only_what_fits_their_grade(
    school: School, plans: list[DemoPlan]
) -> None:
    catalog = {c.code: c for c in school.catalog}
    with_plan = Counter[str]()
    for student, plan in _pairs(school, plans):
        if student.grade not in MIDDLE:
            continue
        grade = int(student.grade)
        with_plan[student.grade] += any(int(c.grade) >= 9 for c in plan.courses)
        for course in plan.courses:
            taken_in = int(course.grade)
            assert taken_in >= 8
            assert course.status == ("enrolled" if taken_in == grade else "planned")
            assert offered_in(catalog[course.course_code], taken_in), course
    assert with_plan["6"] == 0
    assert with_plan["8"] > with_plan["7"]
    eighth = [p for s, p in _pairs(school, plans) if s.grade == "8"]
    assert any(c.title == "Algebra I" and c.grade == "8" for p in eighth for c in p.courses)


def test_plans_follow_the_rules_terms(school: School) -> None:
    trimesters = dataclasses.replace(DEFAULT_RULES, term_system="trimester")
    plans = school.plans(rules=trimesters)
    terms = Counter(c.term for plan in plans for c in plan.courses)
    assert set(terms) == {"Y", "T1", "T3"}
    assert all(not validate_planned(c, trimesters) for plan in plans for c in plan.courses)


def test_an_empty_catalog_gives_plans_without_courses(school: School) -> None:
    plans = school.plans(catalog=[])
    assert all(not plan.courses for plan in plans)
    assert sum(bool(plan.goals) for plan in plans) > 0.8 * len(plans)


# Postsecondary ---------------------------------------------------------------------------------
def test_postsecondary_plans_grow_firmer_with_the_grades(
    school: School, plans: list[DemoPlan]
) -> None:
    undecided: dict[bool, list[bool]] = {True: [], False: []}
    pathways = Counter[str]()
    for student, plan in _pairs(school, plans):
        post = plan.postsecondary
        if post.is_empty:
            continue
        pathways[post.pathway] += 1
        assert post.pathway not in post.also_considering
        undecided[student.grade in MIDDLE].append(post.pathway == "undecided")
    young, old = undecided[True], undecided[False]
    assert sum(young) / len(young) > sum(old) / len(old)
    assert len(pathways) >= 6
    assert pathways["four_year"] == max(pathways.values())


def test_postsecondary_plans_link_shortlisted_careers(
    school: School, plans: list[DemoPlan]
) -> None:
    linked = targets = aspirations = 0
    for shortlist, plan in zip(school.shortlists, plans, strict=True):
        post = plan.postsecondary
        shortlisted = {(e.code, e.title) for e in shortlist}
        assert {(c.code, c.title) for c in post.careers} <= shortlisted
        linked += bool(post.careers)
        targets += bool(post.targets)
        aspirations += bool(post.aspiration)
    assert linked > 0.3 * len(plans)
    assert targets > 0.2 * len(plans)
    assert aspirations > 0.5 * len(plans)


def test_postsecondary_steps_are_mostly_for_juniors_and_seniors(
    school: School, plans: list[DemoPlan]
) -> None:
    by_grade = Counter[str]()
    for student, plan in _pairs(school, plans):
        for step in plan.plan_steps:
            assert step.goal_id is None and step.kind
            by_grade[student.grade] += 1
    upper = by_grade["11"] + by_grade["12"]
    assert upper > 0.7 * sum(by_grade.values())
    kinds = Counter(step.kind for plan in plans for step in plan.plan_steps)
    assert {"application", "financial_aid", "admission_test", "visit"} <= set(kinds)
