"""Course plans for the demo school: a four-year high-school plan per student from the catalog,
with completed courses and their marks, the courses taken now, and the ones planned.

Plain Python, used by demo_plans.py. Each plan follows a track (advanced, standard, support)
through English, mathematics, science and social studies, adds a language, the arts, a CTE
pathway and electives period by period, and marks every course completed, enrolled or planned
by the school calendar of ``today``. A share of plans fall short of the graduation rules on
purpose (no language, two sciences, a failed course not yet made up), so the audit has
something to warn about.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .courses import YEAR, Course, GraduationRules, PlannedCourse
from .self_exploration import SelfExplorationProfile
from .shortlist import ShortlistEntry
from .students import Student

MIDDLE_PLAN_RATE: dict[int, float] = {6: 0.0, 7: 0.08, 8: 0.45}  # a plan made in middle school
ALGEBRA_IN_8: dict[str, float] = {"advanced": 0.75, "standard": 0.15, "support": 0.0}
LANGUAGE_IN_8 = 0.12
SHORTFALL_RATE = 0.15  # plans the audit warns about
FAILED_AND_RETAKEN_RATE = 0.06

# --- The school calendar ----------------------------------------------------------------------


def school_year_of(day: dt.date) -> int:
    """The calendar year in which the school year holding ``day`` began (mid-August)."""
    return day.year if (day.month, day.day) >= (8, 15) else day.year - 1


def weekday_before(day: dt.date) -> dt.date:
    """The day itself, or the Friday before when it falls on a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def first_day(year: int) -> dt.date:
    return dt.date(year, 8, 15)


def s1_end(year: int) -> dt.date:
    return weekday_before(dt.date(year, 12, 19))


def s2_start(year: int) -> dt.date:
    return dt.date(year + 1, 1, 6)


def s2_end(year: int) -> dt.date:
    return weekday_before(dt.date(year + 1, 6, 5))


@cache  # asked for every course of every plan, of a handful of years
def term_dates(year: int, term: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a term (YEAR, S1, S2 or T1-T3) of the school year ``year``."""
    if term in ("S1", "T1", "T2", "T3"):
        start, end = {
            "S1": (first_day(year), s1_end(year)),
            "T1": (first_day(year), dt.date(year, 11, 20)),
            "T2": (dt.date(year, 11, 21), dt.date(year + 1, 3, 5)),
            "T3": (dt.date(year + 1, 3, 6), s2_end(year)),
        }[term]
        return start, weekday_before(end)
    if term == "S2":
        return s2_start(year), s2_end(year)
    return first_day(year), s2_end(year)


def offered_in(course: Course, grade: int) -> bool:
    """Whether the catalog's grades ("9-12", "11, 12", "" for any) include ``grade``."""
    text = course.grades.replace(" ", "")
    if not text:
        return True
    for part in text.split(","):
        low, _, high = part.partition("-")
        try:
            if int(low) <= grade <= int(high or low):
                return True
        except ValueError:
            return True  # words the demo cannot read: let the course through
    return False


# --- Marks --------------------------------------------------------------------------------------

_MARKS: tuple[tuple[float, str], ...] = (
    (3.85, "A"),
    (3.5, "A-"),
    (3.15, "B+"),
    (2.85, "B"),
    (2.5, "B-"),
    (2.15, "C+"),
    (1.85, "C"),
    (1.5, "C-"),
    (1.15, "D+"),
    (0.85, "D"),
    (-99.0, "D-"),
)
_MARK_ORDER = [mark for _, mark in reversed(_MARKS)]


def letter_mark(points: float) -> str:
    """The letter a grade-point average rounds to ("B+" for 3.2)."""
    return next(mark for cut, mark in _MARKS if points >= cut)


def raised_mark(mark: str, steps: int) -> str:
    at = _MARK_ORDER.index(mark)
    return _MARK_ORDER[min(len(_MARK_ORDER) - 1, at + steps)]


def weighted_bonus(title: str) -> float:
    """What a weighted GPA adds for a course: a point for AP, half for honors."""
    if title.startswith("AP "):
        return 1.0
    return 0.5 if "Honors" in title else 0.0


# --- Course plans -------------------------------------------------------------------------------

CTE_COURSES: dict[str, tuple[str, ...]] = {
    "Health Science": ("CT101", "CT102", "CT103"),
    "Information Technology": ("CT301", "CT302", "CT303"),
    "Manufacturing": ("CT701", "CT702"),
    "Agriculture, Food and Natural Resources": ("CT801",),
    "Hospitality and Tourism": ("CT401", "CT402", "CT403"),
    "Architecture and Construction": ("CT201", "CT202", "CT203"),
    "Business Management and Administration": ("CT601", "CT602", "CT604"),
    "Arts, A/V Technology and Communications": ("CT901",),
    "Transportation, Distribution and Logistics": ("CT501", "CT502", "CT503"),
    "Education and Training": ("CT111",),
    "Law, Public Safety and Security": ("CT121",),
}
CTE_INTROS = ("CT101", "CT201", "CT301", "CT401", "CT501", "CT601", "CT801", "CT901", "CT121")
# Courses a student may take again for credit.
REPEATABLE = frozenset({"FA201", "FA210", "FA240", "EL101", "EL110", "EN090", "EL130"})
# Courses that can be failed and taken again the next year (not links in a sequence).
RETAKEABLE = ("EN101", "EN201", "SS100", "SS200", "SC100", "SC110", "PE102", "FA101")
FILLER_YEAR = ("FA101", "SS110", "CT604", "EL130", "FA230", "FA210", *CTE_INTROS)
FILLER_HALVES = (
    "SS430",
    "EL120",
    "FA110",
    "FA120",
    "CT604",
    "PE203",
    "PE204",
    "PE201",
    "SC330",
    "EL170",
    "PE202",
)
ARTS_BY_ACTIVITY: dict[str, tuple[str, ...]] = {
    "Band": ("FA201",),
    "Choir": ("FA210",),
    "Mariachi": ("FA240",),
    "Drama Club": ("FA230",),
    "Art Club": ("FA101", "FA102"),
    "Yearbook": ("FA120",),
}
SHORTFALLS: dict[str, int] = {"language": 30, "science": 25, "failed": 20, "arts": 15, "pe": 10}
RETAKE_NOTES = ("Credit recovery (online, after school)", "Retake", "Retake in summer school")
TRANSFER_NOTE = "Transfer credit from another district"


@dataclass
class _Year:
    """One school year of a plan while it is filled: periods left in each semester."""

    grade: int
    periods: int
    picks: list[tuple[str, str, str]] = field(default_factory=list)  # (term, code, note)
    free: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.free = {"S1": self.periods, "S2": self.periods}

    def add(
        self, course: Course, term: str | None = None, note: str = "", *, force: bool = False
    ) -> bool:
        """Place the course (a year course takes a period in both semesters, a two-credit one
        two); False when the year has no room for it, unless ``force``."""
        if course.credits >= 1:
            need = round(course.credits)
            if min(self.free.values()) < need and not force:
                return False
            for key in self.free:
                self.free[key] -= need
            self.picks.append((YEAR, course.code, note))
            return True
        if term is None:
            term = "S1" if self.free["S1"] >= self.free["S2"] else "S2"
        if self.free[term] < 1 and not force:
            return False
        self.free[term] -= 1
        self.picks.append((term, course.code, note))
        return True

    @property
    def has_room(self) -> bool:
        return max(self.free.values()) > 0

    def codes(self) -> set[str]:
        return {code for _, code, _ in self.picks}


# --- The student --------------------------------------------------------------------------------


@dataclass
class Learner:
    """What the demo knows and has decided about one student while making the plan."""

    student: Student
    profile: SelfExplorationProfile
    shortlist: list[ShortlistEntry]
    grade: int
    ability: float  # a latent unweighted GPA
    attendance: float  # a latent attendance rate
    track: str  # "advanced", "standard" or "support"
    letters: str  # the Holland types the student's picks lean to, strongest first
    activities: set[str]
    perf: dict[tuple[int, int], float] = field(default_factory=dict)  # (year, semester) -> GPA
    tags: set[str] = field(default_factory=set)
    pathway: str = "undecided"
    weighted: bool = False
    moved_in: int | None = None  # the grade the student arrived from another district in
    failed: str = ""  # the title of a failed course not yet made up
    teachers: dict[str, str] = field(default_factory=dict)


class CoursePlanner:
    """Makes course plans for one demo school, drawing from its random source."""

    def __init__(
        self,
        rng: random.Random,
        catalog: Sequence[Course],
        rules: GraduationRules,
        today: dt.date,
    ) -> None:
        self.rng = rng
        self.courses = {course.code: course for course in catalog}
        self.today = today
        self.year = school_year_of(today)
        # Semester courses go in the first and last term of a trimester school.
        self.halves = {"S1": rules.terms[1], "S2": rules.terms[-1]}

    def plan(self, kid: Learner) -> list[PlannedCourse]:
        """The student's course plan: from grade 8 (high-school credit) to grade 12, or only
        grade 8 for most middle-school students, or nothing."""
        rng = self.rng
        if kid.grade <= 8 and rng.random() >= MIDDLE_PLAN_RATE[kid.grade]:
            # No high-school plan yet; some eighth graders take Algebra I or Spanish I now.
            picks = self._grade_8_courses(kid) if kid.grade == 8 else []
            return self._entries(kid, picks, {})
        shortfall = ""
        if rng.random() < SHORTFALL_RATE + 0.08 * (kid.track == "support"):
            options = [k for k in SHORTFALLS if k != "failed" or kid.grade >= 10]
            shortfall = rng.choices(options, [SHORTFALLS[k] for k in options])[0]
        picks = self._grade_8_courses(kid, shortfall)
        years = self._plan_years(kid, picks, shortfall)
        for year in years.values():
            picks += [(year.grade, term, code, note) for term, code, note in year.picks]
        failures: dict[int, str] = {}
        if kid.grade >= 10 and (shortfall == "failed" or rng.random() < FAILED_AND_RETAKEN_RATE):
            picks, failures = self._fail_one(kid, picks, retake=shortfall != "failed")
        return self._entries(kid, picks, failures)

    def _grade_8_courses(
        self, kid: Learner, shortfall: str = ""
    ) -> list[tuple[int, str, str, str]]:
        """High-school courses taken at the middle school in grade 8."""
        if kid.grade < 7:
            return []
        rng = self.rng
        picks = []
        if rng.random() < ALGEBRA_IN_8[kid.track]:
            picks.append((8, YEAR, "MA100", ""))
            kid.tags.add("algebra_8")
        spanish = "Spanish" in kid.student.family_languages
        rate = LANGUAGE_IN_8 * (2 if kid.track == "advanced" else 1)
        if shortfall != "language" and not spanish and rng.random() < rate:
            picks.append((8, YEAR, "WL101" if rng.random() < 0.75 else "WL201", ""))
        return [p for p in picks if p[2] in self.courses]

    def _plan_years(
        self, kid: Learner, early: list[tuple[int, str, str, str]], shortfall: str
    ) -> dict[int, _Year]:
        rng = self.rng
        track = kid.track
        years = {g: _Year(g, 7) for g in range(9, 13)}
        if rng.random() < 0.5:
            years[12] = _Year(12, 6)  # early release or a work-study afternoon
        early_codes = {code for _, _, code, _ in early}

        def put(
            grade: int, code: str | None, term: str | None = None, *, force: bool = False
        ) -> bool:
            course = self.courses.get(code or "")
            if course is None or grade not in years:
                return False
            return years[grade].add(course, term, force=force)

        # English, mathematics, science and social studies, by track.
        if track == "advanced":
            english = ["EN111", "EN201", "EN311", "EN411"]
        else:
            english = ["EN101", "EN201", "EN301", "EN401"]
            if kid.ability >= 3.0 and rng.random() < 0.3:
                english[2:] = ["EN311", rng.choice(["EN401", "EN411"])]
        if "algebra_8" in kid.tags:
            honors = track == "advanced"
            math: list[str | None] = [
                "MA210" if honors else "MA200",
                "MA310" if honors else "MA300",
                "MA400",
                rng.choice(["MA450", "MA470"]) if honors else rng.choice(["MA470", "MA350"]),
            ]
        elif track == "advanced":
            math = ["MA100", "MA210", "MA310", rng.choice(["MA400", "MA470"])]
        elif track == "support":
            math = ["MA100", "MA200", rng.choice(["MA300", "MA300", "MA350"]), None]
            if math[2] == "MA300" and rng.random() < 0.5:
                math[3] = "MA350"
        else:
            math = ["MA100", "MA200", "MA300", rng.choice(["MA400", "MA350", "MA470", None])]
        if track == "advanced":
            third = rng.choice(["SC400", "SC300"])
            fourth = "SC300" if third == "SC400" else rng.choice(["SC400", "SC320"])
            science: list[str | None] = ["SC111", "SC200", third, fourth]
        elif track == "support":
            science = ["SC100", "SC110", "SC310", "SC320" if rng.random() < 0.25 else None]
        else:
            second = "SC200" if rng.random() < 0.7 else "SC310"
            third = rng.choice([c for c in ("SC300", "SC310", "SC320") if c != second])
            more = [c for c in ("SC320", "SC310", "SC300") if c not in (second, third)]
            science = ["SC110", second, third, rng.choice(more) if rng.random() < 0.5 else None]
        if kid.student.cte_pathway == "Health Science" and "SC320" not in science:
            science[3] = "SC320"
        if shortfall == "science":
            science[2] = science[3] = None
        if track == "advanced":
            social = ["SS110", rng.choice(["SS210", "SS200"]), "SS310"]
        else:
            us = "SS310" if kid.ability >= 3.0 and rng.random() < 0.2 else "SS300"
            social = ["SS100", "SS200", us]
        for offset, grade in enumerate(range(9, 13)):
            put(grade, english[offset])
            put(grade, math[offset])
            put(grade, science[offset])
            if offset < 3:
                put(grade, social[offset])
        put(12, "SS400", "S1")
        put(12, "SS410", "S2")
        # Physical education and health.
        put(9, "PE101", "S1")
        put(9, "PE102", "S2")
        if shortfall != "pe":
            put(10, rng.choice(["PE201", "PE202", "PE203", "PE204"]))
        if kid.student.ell:
            for grade in range(9, min(kid.grade, 10) + 1):
                put(grade, "EN090")
        # The pathway (its two-period courses first, while there is room), a language, the arts.
        self._pathway_courses(kid, years)
        if shortfall != "language":
            self._languages(kid, years, early_codes)
        if shortfall != "arts":
            self._arts(kid, years)
        if kid.student.iep and rng.random() < 0.7:
            for grade in range(9, 13):
                put(grade, "EL110")
        if kid.pathway in ("four_year", "two_year") and track == "standard" and rng.random() < 0.2:
            for grade in range(9, 12):
                put(grade, "EL101")
        if kid.pathway == "military" or rng.random() < 0.04:
            start = rng.choice([9, 10])
            put(start, "EL150")
            put(start + 1, "EL151")
        if "Yearbook" in kid.activities:
            put(rng.choice([11, 12]), "EL130")
        if track == "advanced" and rng.random() < 0.3:
            put(12, "EL160")
        self._fill(kid, years, shortfall)
        return years

    def _languages(self, kid: Learner, years: dict[int, _Year], early: set[str]) -> None:
        rng = self.rng
        if "Spanish" in kid.student.family_languages and rng.random() < 0.6:
            sequence = ["WL111", "WL112", "WL104"]
        elif "WL201" in early:
            sequence = ["WL202", "WL203"]
        elif "WL101" in early:
            sequence = ["WL102", "WL103", "WL104"]
        elif rng.random() < 0.7:
            sequence = ["WL101", "WL102", "WL103", "WL104"]
        else:
            sequence = ["WL201", "WL202", "WL203"]
        if kid.track == "advanced" or kid.pathway == "four_year":
            count = rng.choice([2, 3, 3, 4])
        elif kid.track == "support":
            count = rng.choice([1, 1, 2])
        else:
            count = rng.choice([1, 2, 2, 3])
        grade = 9 if rng.random() < 0.75 else 10
        for code in sequence[:count]:
            course = self.courses.get(code)
            while course is not None and grade <= 12:
                placed = offered_in(course, grade) and years[grade].add(course)
                grade += 1
                if placed:
                    break

    def _arts(self, kid: Learner, years: dict[int, _Year]) -> None:
        rng = self.rng
        # Most students in the band or the choir take it for credit too.
        codes = next(
            (
                codes
                for activity, codes in ARTS_BY_ACTIVITY.items()
                if activity in kid.activities and rng.random() < 0.7
            ),
            None,
        ) or rng.choice([("FA101",), ("FA110", "FA120"), ("FA230",), ("FA210",)])
        start = rng.choice([9, 9, 10, 11])
        repeat = codes[0] in REPEATABLE and rng.random() < 0.6
        grades = list(range(start, 13)) if repeat else [start]
        placed = 0.0
        for grade in grades:
            for code in codes:
                course = self.courses.get(code)
                if course is not None and offered_in(course, grade) and years[grade].add(course):
                    placed += course.credits
        course = self.courses.get("FA101")
        if placed < 1 and course is not None:
            # A full schedule that year: Art I in the year with the most room.
            roomiest = max(years.values(), key=lambda y: (min(y.free.values()), -y.grade))
            roomiest.add(course, force=True)

    def _pathway_courses(self, kid: Learner, years: dict[int, _Year]) -> None:
        rng = self.rng
        codes = CTE_COURSES.get(kid.student.cte_pathway, ())
        if not codes:
            if rng.random() < 0.3:
                codes = (rng.choice(CTE_INTROS),)
            else:
                return
        grade = min(max(kid.grade, 9), rng.choice([9, 10, 10]))
        for code in codes:
            course = self.courses.get(code)
            if course is None:
                continue
            while grade <= 12 and not offered_in(course, grade):
                grade += 1
            if grade > 12:
                return
            years[grade].add(course, force=True)
            grade += 1

    def _fill(self, kid: Learner, years: dict[int, _Year], shortfall: str) -> None:
        """Electives for the periods still free, avoiding the area a shortfall leaves out."""
        rng = self.rng
        avoid = {
            "language": "World languages",
            "science": "Science",
            "arts": "Fine arts",
            "pe": "Physical education and health",
        }.get(shortfall, "")
        taken = {code for year in years.values() for code in year.codes()}
        # One more PE course and one CTE course at most: a plan reads as chosen, not random.
        arts = sum(
            self.courses[c].credits
            for y in years.values()
            for c in y.codes()
            if self.courses[c].area == "Fine arts"
        )
        left = {
            "Physical education and health": 1,
            "Career and technical education": 1,
            "Fine arts": 0 if arts >= 2 else 1,
        }
        for grade, year in years.items():
            tries = 0
            while year.has_room and tries < 40:
                tries += 1
                both = min(year.free.values()) >= 1
                pool = FILLER_YEAR if both and rng.random() < 0.5 else FILLER_HALVES
                code = rng.choice(pool)
                course = self.courses.get(code)
                if (
                    course is None
                    or (code in taken and code not in REPEATABLE)
                    or course.area == avoid
                    or left.get(course.area, 1) < 1
                    or not offered_in(course, grade)
                ):
                    continue
                if year.add(course):
                    taken.add(code)
                    if course.area in left:
                        left[course.area] -= 1

    def _fail_one(
        self, kid: Learner, picks: list[tuple[int, str, str, str]], *, retake: bool
    ) -> tuple[list[tuple[int, str, str, str]], dict[int, str]]:
        """Fail one past course; take it again the next year unless ``retake`` is False."""
        rng = self.rng
        # A failed English course left unmade leaves English short; other areas have room.
        codes = RETAKEABLE if retake else ("EN101", "EN111", "EN201")
        past = [
            n
            for n, (grade, _, code, _) in enumerate(picks)
            if 9 <= grade < kid.grade and code in codes
        ]
        if not past:
            return picks, {}
        at = rng.choice(past)
        grade, term, code, _ = picks[at]
        failures = {at: "F"}
        if retake:
            picks = [*picks, (grade + 1, term, code, rng.choice(RETAKE_NOTES))]
        else:
            kid.failed = self.courses[code].title
        return picks, failures

    def _entries(
        self, kid: Learner, picks: list[tuple[int, str, str, str]], failures: dict[int, str]
    ) -> list[PlannedCourse]:
        rng = self.rng
        entries = []
        for n, (grade, term, code, note) in enumerate(picks):
            course = self.courses[code]
            year = self.year - (kid.grade - grade)
            term = self.halves.get(term, term)
            start, end = term_dates(year, term)
            mark = ""
            if end <= self.today:
                status = "no_credit" if n in failures else "completed"
                mark = failures.get(n) or self._course_mark(kid, course, year, term)
            elif start <= self.today:
                status = "enrolled"
            else:
                status = "planned"
            course_code = code
            if kid.moved_in is not None and grade < kid.moved_in and status != "planned":
                course_code, note = "", TRANSFER_NOTE
            elif grade == 8 and not note and rng.random() < 0.5:
                note = "High-school credit, at the middle school"
            entries.append(
                PlannedCourse(
                    grade=str(grade),
                    term=term,
                    title=course.title,
                    area=course.area,
                    credits=course.credits,
                    status=status,
                    course_code=course_code,
                    mark=mark,
                    note=note,
                    created_on=min(start, self.today).isoformat(),
                    updated_on=min(end, self.today).isoformat(),
                )
            )
        return entries

    def _course_mark(self, kid: Learner, course: Course, year: int, term: str) -> str:
        if term == YEAR:
            level = (kid.perf[(year, 1)] + kid.perf[(year, 2)]) / 2
        else:
            level = kid.perf[(year, 1 if term in ("S1", "T1") else 2)]
        level -= 0.3 * weighted_bonus(course.title) + 0.1 * (course.area == "Mathematics")
        return letter_mark(level + self.rng.gauss(0.0, 0.4))
