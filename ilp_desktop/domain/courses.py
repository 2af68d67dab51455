"""The course plan: the school's catalog and graduation rules, a student's multi-year plan, and
the credit audit that shows, per subject area, what is earned, in progress, planned and still
missing, before the shortfall happens.

Plain Python. The school sets its rules once (subject areas with the credits each needs, the
total, semesters or trimesters, and the grades a plan spans); every student's audit reads them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .text import fold

TERM_SYSTEMS: tuple[str, ...] = ("semester", "trimester")
TERM_SYSTEM_LABELS = {"semester": "Semesters (2 a year)", "trimester": "Trimesters (3 a year)"}
YEAR = "Y"  # a course that runs the whole school year
TERMS: dict[str, tuple[str, ...]] = {
    "semester": (YEAR, "S1", "S2"),
    "trimester": (YEAR, "T1", "T2", "T3"),
}
TERM_LABELS: dict[str, str] = {
    YEAR: "Full year",
    "S1": "Semester 1",
    "S2": "Semester 2",
    "T1": "Trimester 1",
    "T2": "Trimester 2",
    "T3": "Trimester 3",
}

PLAN_STATUSES: tuple[str, ...] = ("planned", "enrolled", "completed", "no_credit")
PLAN_STATUS_LABELS: dict[str, str] = {
    "planned": "Planned",
    "enrolled": "Enrolled now",
    "completed": "Completed",
    "no_credit": "Taken, no credit",
}

MAX_CREDITS = 10.0  # a single course; more is a typing slip
MAX_CODE = 20
MAX_TITLE = 120
HIGH_SCHOOL_GRADES: tuple[str, ...] = ("9", "10", "11", "12")
PLAN_GRADES: tuple[str, ...] = ("6", "7", "8", "9", "10", "11", "12")


class RulesError(ValueError):
    """Graduation rules that cannot be used; the message is for the counselor."""


@dataclass(frozen=True)
class AreaRequirement:
    name: str
    credits: float


@dataclass(frozen=True)
class GraduationRules:
    """What a student needs to graduate at this school."""

    areas: tuple[AreaRequirement, ...]
    total: float
    term_system: str = "semester"
    grades: tuple[str, ...] = HIGH_SCHOOL_GRADES
    # Credits beyond an area's requirement count here (usually "Electives"); "" to not count.
    overflow_area: str = "Electives"

    @property
    def terms(self) -> tuple[str, ...]:
        return TERMS[self.term_system]

    def area_names(self) -> list[str]:
        return [a.name for a in self.areas]

    def area_named(self, text: str) -> str | None:
        """The school's spelling of an area typed in any case or accents, or None."""
        wanted = fold(" ".join(text.split()))
        return next((a.name for a in self.areas if fold(a.name) == wanted), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "areas": [{"name": a.name, "credits": a.credits} for a in self.areas],
            "total": self.total,
            "term_system": self.term_system,
            "grades": list(self.grades),
            "overflow_area": self.overflow_area,
        }


DEFAULT_RULES = GraduationRules(
    areas=(
        AreaRequirement("English", 4.0),
        AreaRequirement("Mathematics", 3.0),
        AreaRequirement("Science", 3.0),
        AreaRequirement("Social studies", 3.0),
        AreaRequirement("World languages", 1.0),
        AreaRequirement("Fine arts", 1.0),
        AreaRequirement("Physical education and health", 1.5),
        AreaRequirement("Career and technical education", 0.0),
        AreaRequirement("Electives", 5.5),
    ),
    total=22.0,
)


def rules_from_json(data: Mapping[str, Any] | None) -> GraduationRules:
    """Rules as saved in the settings; the defaults when none were saved yet."""
    if not data:
        return DEFAULT_RULES
    try:
        rules = GraduationRules(
            areas=tuple(
                AreaRequirement(str(a["name"]), float(a["credits"])) for a in data["areas"]
            ),
            total=float(data["total"]),
            term_system=str(data.get("term_system", "semester")),
            grades=tuple(str(g) for g in data.get("grades", HIGH_SCHOOL_GRADES)),
            overflow_area=str(data.get("overflow_area", "")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"The saved graduation rules cannot be read ({error}).") from error
    check_rules(rules)
    return rules


def check_rules(rules: GraduationRules) -> None:
    """Raise RulesError, in the counselor's words, for rules no audit can use."""
    if not rules.areas:
        raise RulesError("Add at least one subject area.")
    seen: set[str] = set()
    for area in rules.areas:
        name = " ".join(area.name.split())
        if not name:
            raise RulesError("Every subject area needs a name.")
        if fold(name) in seen:
            raise RulesError(f"The subject area “{name}” is listed twice.")
        seen.add(fold(name))
        if not (math.isfinite(area.credits) and 0 <= area.credits <= 40):
            raise RulesError(f"Credits for {name} must be between 0 and 40.")
    if not (math.isfinite(rules.total) and 0 < rules.total <= 100):
        raise RulesError("The total credits to graduate must be between 0 and 100.")
    area_sum = sum(a.credits for a in rules.areas)
    if area_sum > rules.total + 1e-9:
        raise RulesError(
            f"The subject areas need {area_sum:g} credits in all, more than the total of "
            f"{rules.total:g}: raise the total or lower an area."
        )
    if rules.term_system not in TERM_SYSTEMS:
        raise RulesError("Choose semesters or trimesters.")
    if not rules.grades or any(g not in PLAN_GRADES for g in rules.grades):
        raise RulesError("The plan's grades must be among grades 6 to 12.")
    if rules.overflow_area and rules.area_named(rules.overflow_area) is None:
        raise RulesError(f"“{rules.overflow_area}” is not one of the subject areas.")


@dataclass(frozen=True)
class Course:
    """One course of the school's catalog."""

    code: str
    title: str
    area: str
    credits: float
    grades: str = ""  # who may take it, as the catalog says: "9-12", "11, 12"; "" for anyone
    description: str = ""


@dataclass(frozen=True)
class PlannedCourse:
    """One course in a student's plan, in one grade and term."""

    grade: str
    term: str
    title: str
    area: str
    credits: float
    status: str = "planned"
    course_code: str = ""  # "" for a course not in the catalog (taken elsewhere, say)
    mark: str = ""  # the final mark once completed, as the transcript shows it
    note: str = ""
    created_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None

    @property
    def counts(self) -> bool:
        return self.status != "no_credit"


def validate_planned(entry: PlannedCourse, rules: GraduationRules) -> dict[str, str]:
    problems: dict[str, str] = {}
    if entry.grade not in PLAN_GRADES:
        problems["grade"] = "Choose the grade the course is taken in (6 to 12)."
    if entry.term not in rules.terms:
        names = ", ".join(TERM_LABELS[t] for t in rules.terms)
        problems["term"] = f"Choose when in the year: {names}."
    if not entry.title.strip():
        problems["title"] = "Choose a course from the catalog or type its title."
    elif len(entry.title) > MAX_TITLE:
        problems["title"] = f"Keep the title under {MAX_TITLE} characters."
    if rules.area_named(entry.area) is None:
        problems["area"] = "Choose the subject area: " + ", ".join(rules.area_names()) + "."
    if not (
        isinstance(entry.credits, (int, float))
        and math.isfinite(entry.credits)
        and 0 <= entry.credits <= MAX_CREDITS
    ):
        problems["credits"] = f"Enter the credits as a number from 0 to {MAX_CREDITS:g}."
    if entry.status not in PLAN_STATUSES:
        problems["status"] = "Choose planned, enrolled now, completed or taken with no credit."
    if entry.mark and entry.status not in ("completed", "no_credit"):
        problems["mark"] = "A final mark is given only once the course is over."
    return problems


# --- Credit audit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditLine:
    area: str
    required: float
    earned: float = 0.0  # completed courses
    enrolled: float = 0.0  # courses being taken now
    planned: float = 0.0  # courses in later terms
    # Some of the plan's years still have no courses at all: what is missing can still be
    # planned, so it is "still to plan", not yet a shortfall.
    years_open: bool = False

    @property
    def expected(self) -> float:
        """Credits once everything enrolled and planned is passed."""
        return self.earned + self.enrolled + self.planned

    @property
    def short(self) -> float:
        """Credits still missing even if the whole plan is passed (0 when covered)."""
        return _credits(max(0.0, self.required - self.expected))

    @property
    def met(self) -> bool:
        return self.earned >= self.required - 1e-9

    @property
    def state(self) -> str:
        """ "met", "on_plan" (covered once the plan is passed), "to_plan" (missing, with years
        still unplanned) or "short" (missing, with every year planned)."""
        if self.met:
            return "met"
        if self.short == 0:
            return "on_plan"
        return "to_plan" if self.years_open else "short"


@dataclass(frozen=True)
class CreditAudit:
    lines: tuple[AuditLine, ...]
    total: AuditLine
    unmatched: tuple[str, ...] = field(default=())  # titles whose area the rules do not know
    unplanned: tuple[str, ...] = field(default=())  # the plan's years (now or later) with no course

    @property
    def warnings(self) -> list[str]:
        """The shortfalls in words, worst first; [] when the plan covers every requirement.

        While some years have no courses yet, what is missing is still to plan: one line says
        so instead of calling every area short.
        """
        if self.unplanned and self.total.short > 0:
            years = _join_grades(self.unplanned)
            have = "has" if len(self.unplanned) == 1 else "have"
            found = [
                f"{years} {have} no courses planned yet: {_n(self.total.short)} still to plan "
                f"to reach the {credit_text(self.total.required)} needed to graduate."
            ]
            found += [
                f"“{t}” has a subject area the graduation rules do not list."
                for t in self.unmatched
            ]
            return found
        found = [
            f"{line.area}: {_n(line.short)} short even if every planned course is passed."
            for line in sorted(self.lines, key=lambda a: -a.short)
            if line.short > 0
        ]
        if self.total.short > 0:
            found.append(
                f"In all: {_n(self.total.short)} short of the {self.total.required:g} needed to "
                "graduate."
            )
        for title in self.unmatched:
            found.append(f"“{title}” has a subject area the graduation rules do not list.")
        return found

    @property
    def on_plan(self) -> bool:
        return not self.warnings


def _credits(value: float) -> float:
    # Credits come in halves, thirds and quarters; rounding keeps 0.1 + 0.2 from showing, and
    # a third stays exact (0.3333 three times is short of 1 by 0.0001).
    thirds = round(value * 3)
    if abs(value * 3 - thirds) < 1e-6:
        return thirds / 3 + 0.0
    return round(value + 0.0, 4)


def _as_thirds(value: float) -> float:
    """A credit written 0.33, 0.333 or 0.34 as the third it stands for (trimester schools), so
    three such courses make the whole credit a requirement asks for, not 0.99 of it."""
    thirds = round(value * 3)
    return thirds / 3 if thirds % 3 and abs(value - thirds / 3) < 0.01 else value


def _n(value: float) -> str:
    return f"{credit_text(value)} credit" + ("" if value == 1 else "s")


def _join_grades(grades: Sequence[str]) -> str:
    if len(grades) == 1:
        return f"Grade {grades[0]}"
    return "Grades " + ", ".join(grades[:-1]) + f" and {grades[-1]}"


def unplanned_grades(
    entries: Iterable[PlannedCourse], rules: GraduationRules, student_grade: str
) -> tuple[str, ...]:
    """The plan's grades, from the student's own (or the first, for a younger student) to the
    last, that hold no course at all."""
    used = {e.grade for e in entries}
    order = {g: n for n, g in enumerate(PLAN_GRADES)}
    mine = order.get(student_grade)
    if mine is None:
        return ()
    return tuple(g for g in rules.grades if order.get(g, -1) >= mine and g not in used)


def credit_audit(
    entries: Iterable[PlannedCourse], rules: GraduationRules, student_grade: str | None = None
) -> CreditAudit:
    """Earned, enrolled and planned credits per area against the school's requirements.

    A course counts toward its own area up to what the area requires; what goes beyond counts
    toward the overflow area (electives), the way most schools audit. Earned credits fill a
    requirement first, then enrolled, then planned, so "earned" never hides behind a plan.
    Courses taken with no credit count nowhere. With ``student_grade``, the plan's years from
    that grade on that hold no course make a missing credit "still to plan" rather than short.
    """
    entries = list(entries)
    unplanned = unplanned_grades(entries, rules, student_grade) if student_grade else ()
    kinds = ("earned", "enrolled", "planned")
    sums: dict[str, dict[str, float]] = {a.name: dict.fromkeys(kinds, 0.0) for a in rules.areas}
    totals = dict.fromkeys(kinds, 0.0)
    unmatched: list[str] = []
    overflow = rules.area_named(rules.overflow_area) if rules.overflow_area else None
    for entry in entries:
        if not entry.counts:
            continue
        kind = {"completed": "earned", "enrolled": "enrolled"}.get(entry.status, "planned")
        credits = _as_thirds(entry.credits)
        totals[kind] += credits
        area = rules.area_named(entry.area)
        if area is None:
            area = overflow
            unmatched.append(entry.title)
        if area is not None:
            sums[area][kind] += credits
    # Spill what an area holds beyond its requirement into the overflow area, kind by kind.
    if overflow is not None:
        for requirement in rules.areas:
            if requirement.name == overflow:
                continue
            room = requirement.credits
            for kind in kinds:
                kept = min(sums[requirement.name][kind], room)
                extra = sums[requirement.name][kind] - kept
                sums[requirement.name][kind] = kept
                sums[overflow][kind] += extra
                room -= kept
    lines = tuple(
        AuditLine(
            a.name,
            a.credits,
            *(_credits(sums[a.name][k]) for k in kinds),
            years_open=bool(unplanned),
        )
        for a in rules.areas
    )
    total = AuditLine(
        "Total", rules.total, *(_credits(totals[k]) for k in kinds), years_open=bool(unplanned)
    )
    return CreditAudit(lines, total, tuple(unmatched), unplanned)


# --- Catalog from a CSV file --------------------------------------------------------------------

# Header names schools' exports use, folded: the first column found for each field is used.
_HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "course code", "course number", "course_number", "course id", "number"),
    "title": ("title", "course title", "course name", "name", "course"),
    "area": ("subject area", "area", "subject", "department", "credit type", "credit area"),
    "credits": ("credits", "credit", "credit value", "credit hours"),
    "grades": ("grades", "grade levels", "grade level", "grade"),
    "description": ("description", "course description", "notes"),
}
REQUIRED_COLUMNS = ("code", "title", "area", "credits")


@dataclass(frozen=True)
class RowProblem:
    row: int  # the line number in the file, counting the header as line 1
    message: str


@dataclass
class CatalogImport:
    courses: list[Course]
    problems: list[RowProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def map_columns(header: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and what is missing (in words)."""
    folded = [fold(" ".join(h.replace("_", " ").split())) for h in header]
    found: dict[str, int] = {}
    for key, names in _HEADERS.items():
        for name in names:
            wanted = fold(name.replace("_", " "))
            if wanted in folded:
                found[key] = folded.index(wanted)
                break
    missing = [key for key in REQUIRED_COLUMNS if key not in found]
    return found, missing


def parse_catalog(rows: Sequence[Sequence[str]], rules: GraduationRules) -> CatalogImport:
    """Courses from a CSV file's rows (the first is the header), each row checked.

    Every bad row is listed with its line number and what is wrong; the caller saves nothing
    unless the whole file is good.
    """
    if not rows:
        return CatalogImport([], [RowProblem(1, "The file is empty.")])
    columns, missing = map_columns(rows[0])
    if missing:
        wanted = ", ".join(_HEADERS[m][0] for m in missing)
        return CatalogImport(
            [],
            [
                RowProblem(
                    1,
                    f"The first line must name the columns; these are missing: {wanted}. "
                    "Expected for example: code, title, subject area, credits, grades.",
                )
            ],
        )
    courses: list[Course] = []
    problems: list[RowProblem] = []
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines, as spreadsheets leave at the end

        def cell(key: str, row: Sequence[str] = row) -> str:
            index = columns.get(key)
            return " ".join(row[index].split()) if index is not None and index < len(row) else ""

        said: list[str] = []
        code, title, area_text = cell("code"), cell("title"), cell("area")
        if not code:
            said.append("the course code is empty")
        elif len(code) > MAX_CODE:
            said.append(f"the course code is longer than {MAX_CODE} characters")
        elif fold(code) in first_line:
            said.append(f"course {code} is already on line {first_line[fold(code)]}")
        if not title:
            said.append("the title is empty")
        elif len(title) > MAX_TITLE:
            said.append(f"the title is longer than {MAX_TITLE} characters")
        area = rules.area_named(area_text)
        if area is None:
            said.append(
                f"“{area_text}” is not one of the school's subject areas"
                if area_text
                else "the subject area is empty"
            )
        credits_text = cell("credits").replace(",", ".")
        try:
            credits = float(credits_text)
        except ValueError:
            credits = math.nan
            said.append(
                f"the credits “{credits_text}” are not a number"
                if credits_text
                else "the credits are empty"
            )
        else:
            if not (math.isfinite(credits) and 0 < credits <= MAX_CREDITS):
                said.append(f"the credits must be more than 0 and at most {MAX_CREDITS:g}")
        if said:
            problems.append(RowProblem(number, _sentence(said)))
            continue
        first_line[fold(code)] = number
        assert area is not None
        courses.append(
            Course(code, title, area, _credits(credits), cell("grades"), cell("description"))
        )
    if not courses and not problems:
        problems.append(RowProblem(2, "The file has a header line but no courses."))
    return CatalogImport(courses, problems)


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def validate_course(course: Course, rules: GraduationRules) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not course.code.strip():
        problems["code"] = "Enter the course code the school uses, for example ENG101."
    elif len(course.code) > MAX_CODE:
        problems["code"] = f"Keep the code under {MAX_CODE} characters."
    if not course.title.strip():
        problems["title"] = "Enter the course title."
    elif len(course.title) > MAX_TITLE:
        problems["title"] = f"Keep the title under {MAX_TITLE} characters."
    if rules.area_named(course.area) is None:
        problems["area"] = "Choose the subject area: " + ", ".join(rules.area_names()) + "."
    if not (
        isinstance(course.credits, (int, float))
        and math.isfinite(course.credits)
        and 0 < course.credits <= MAX_CREDITS
    ):
        problems["credits"] = f"Enter the credits as a number above 0 and at most {MAX_CREDITS:g}."
    return problems


def credit_text(value: float) -> str:
    """Credits as a table shows them: "1", "0.5", "0.33" (a third)."""
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"
