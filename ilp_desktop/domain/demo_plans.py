"""Made-up plans for the demo school: where each student stands, their goals with the steps
that lead there, a course plan with credits and a postsecondary plan, generated from a seed.

Plain Python: the caller passes the generated students with their self-exploration profiles
and shortlists, the course catalog and the graduation rules, and stores the result. Every
date is counted from ``today``'s school year (school years start in mid-August), so the plans
look current whenever the demo is built: baselines at the end of each past semester, state
tests in past springs, goals set a few weeks to a year ago with steps due around today (some
overdue, some done). Each student has a latent performance that drifts from term to term; the
marks of completed courses, the GPA and the test scores are drawn around it, and the credits
of each baseline are exactly those the course plan shows completed by that date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .courses import Course, GraduationRules, PlannedCourse
from .demo_course_plans import (
    CoursePlanner,
    Learner,
    first_day,
    letter_mark,
    raised_mark,
    s1_end,
    s2_end,
    school_year_of,
    term_dates,
    weekday_before,
    weighted_bonus,
)
from .demo_plan_texts import (
    ASPIRATIONS,
    COMMUNITY_COLLEGE,
    CREDENTIALS,
    CTE_TARGETS,
    DROPPED_REASONS,
    IDEAS,
    LIKES,
    MAJORS,
    MENTORS,
    NEXT_COURSE,
    NOTES,
    PATHWAY_TARGETS,
    PLAN_STEPS,
    SUBJECT_OF_AREA,
    TARGET_NOTES,
    TEACHERS,
    TECH_COLLEGE,
    TUTORS,
    UNIVERSITIES,
    VAGUE,
    Idea,
)
from .demo_self_exploration import ENTRY_TYPES
from .plans import AREAS, ActionStep, Assessment, Baseline, Goal, ProgressNote
from .postsecondary import CareerLink, PostsecondaryPlan, Target
from .self_exploration import SelfExplorationProfile
from .shortlist import ShortlistEntry
from .students import Student

K = TypeVar("K")


@dataclass(frozen=True)
class DemoPlan:
    """One student's generated plan records; ids and student ids are left None."""

    baselines: tuple[Baseline, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    goals: tuple[Goal, ...] = ()  # with their notes and steps
    plan_steps: tuple[ActionStep, ...] = ()  # the postsecondary plan's steps (no goal)
    courses: tuple[PlannedCourse, ...] = ()
    postsecondary: PostsecondaryPlan = field(default_factory=PostsecondaryPlan)


# --- Rates ------------------------------------------------------------------------------------

# Students the counselor has not sat down with yet: no goals, no postsecondary plan. Mostly
# those with no self-exploration records either (about 8 % in all).
NOTHING_YET_NO_PROFILE = 0.45
NOTHING_YET_OTHERS = 0.02
# How many days ago a goal in each status was set.
CREATED_DAYS: dict[str, tuple[int, int]] = {
    "not_started": (3, 45),
    "on_track": (14, 150),
    "at_risk": (30, 200),
    "done": (60, 330),
    "dropped": (45, 300),
}
STEP_STATUS_WEIGHTS: dict[str, dict[str, int]] = {
    "not_started": {"to_do": 1},
    "on_track": {"done": 40, "in_progress": 28, "to_do": 30, "dropped": 2},
    "at_risk": {"to_do": 40, "in_progress": 35, "done": 20, "dropped": 5},
    "done": {"done": 90, "dropped": 10},
    "dropped": {"dropped": 65, "done": 35},
}
GOAL_COUNT_WEIGHTS: dict[int, int] = {1: 8, 2: 28, 3: 32, 4: 21, 5: 11}
GOAL_STATUS_WEIGHTS: dict[str, int] = {
    "not_started": 14,
    "on_track": 38,
    "at_risk": 16,
    "done": 22,
    "dropped": 10,
}
AREA_WEIGHTS: dict[str, int] = {"academic": 32, "career": 22, "personal": 24, "postsecondary": 22}
VAGUE_RATE = 0.1  # goals in the student's rough words: no measure, no date
CAREER_CODE_RATE = 0.75  # a goal about a shortlisted career links to it
STEP_COUNT_WEIGHTS: dict[int, int] = {1: 22, 2: 36, 3: 27, 4: 15}
UNDATED_STEP_RATE = 0.08
TRANSFER_RATE = 0.05
EMERGENCY_RATE = 0.03  # a term with weeks missed
WEIGHTED_RATE = 0.5  # of advanced students: the transcript shows a weighted GPA
UNDECIDED_RATE: dict[int, float] = {6: 0.62, 7: 0.52, 8: 0.42, 9: 0.32, 10: 0.22, 11: 0.1, 12: 0.04}
ALSO_CONSIDERING_RATE = 0.3
POSTSECONDARY_RATE: dict[int, float] = {6: 0.45, 7: 0.6, 8: 0.8}  # later grades: all

# --- The generator ------------------------------------------------------------------------------


def generate_plans(
    students: Sequence[Student],
    profiles: Sequence[SelfExplorationProfile],
    shortlists: Sequence[Sequence[ShortlistEntry]],
    catalog: Sequence[Course],
    rules: GraduationRules,
    seed: int,
    today: dt.date,
) -> list[DemoPlan]:
    """One plan per student, in the same order; the same inputs always give the same plans.

    ``catalog`` is the school's course catalog (the course plans use its codes; courses it
    lacks are left out of the plans) and ``rules`` the graduation rules it was read with.
    Every record passes the domain's validators with ``today``.
    """
    gen = _Generator(random.Random(f"plans:{seed}"), catalog, rules, today)
    return [
        gen.plan(student, profile, list(shortlist))
        for student, profile, shortlist in zip(students, profiles, shortlists, strict=True)
    ]


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        catalog: Sequence[Course],
        rules: GraduationRules,
        today: dt.date,
    ) -> None:
        self.rng = rng
        self.planner = CoursePlanner(rng, catalog, rules, today)
        self.today = today
        self.year = school_year_of(today)
        self.ideas = {area: [i for i in IDEAS if i.area == area] for area in AREAS}
        self.idea_fields = {idea: idea.fields() for idea in IDEAS}

    # One student ------------------------------------------------------------------------------
    def plan(
        self, student: Student, profile: SelfExplorationProfile, shortlist: list[ShortlistEntry]
    ) -> DemoPlan:
        kid = self._kid(student, profile, shortlist)
        courses = self.planner.plan(kid)
        baselines = self._baselines(kid, courses)
        assessments = self._assessments(kid)
        rng = self.rng
        nothing_rate = NOTHING_YET_NO_PROFILE if profile.is_empty else NOTHING_YET_OTHERS
        if rng.random() < nothing_rate:
            return DemoPlan(tuple(baselines), tuple(assessments), courses=tuple(courses))
        context = self._context(kid, courses, assessments)
        goals = self._goals(kid, context)
        postsecondary = PostsecondaryPlan()
        plan_steps: list[ActionStep] = []
        if kid.grade >= 9 or rng.random() < POSTSECONDARY_RATE[kid.grade]:
            postsecondary = self._postsecondary(kid, context)
            plan_steps = self._plan_steps(kid, context)
        return DemoPlan(
            tuple(baselines),
            tuple(assessments),
            tuple(goals),
            tuple(plan_steps),
            tuple(courses),
            postsecondary,
        )

    def _kid(
        self, student: Student, profile: SelfExplorationProfile, shortlist: list[ShortlistEntry]
    ) -> Learner:
        rng = self.rng
        grade = int(student.grade)
        ability = rng.gauss(2.95, 0.6)
        ability += 0.35 * student.gifted - 0.25 * student.iep - 0.15 * student.ell
        ability = _clamp(ability, 0.9, 3.97)
        attendance = _clamp(rng.gauss(94.5, 3.0) + 1.5 * (ability - 2.9), 81.0, 99.5)
        if ability >= 3.35 or (student.gifted and ability >= 3.0):
            track = "advanced"
        elif ability < 2.2 or (student.iep and ability < 2.6):
            track = "support"
        else:
            track = "standard"
        kid = Learner(
            student=student,
            profile=profile,
            shortlist=shortlist,
            grade=grade,
            ability=ability,
            attendance=attendance,
            track=track,
            letters=_letters(profile),
            activities={a.name for a in profile.activities},
        )
        # Term by term since grade 6, drifting with a personal trend.
        trend = rng.gauss(0.0, 0.035)
        value = ability + rng.gauss(0.0, 0.15)
        for year in range(self.year - (grade - 6), self.year + 1):
            for semester in (1, 2):
                value = _clamp(value + trend + rng.gauss(0.0, 0.1), 0.4, 4.0)
                kid.perf[(year, semester)] = value
        kid.tags = self._tags(kid)
        kid.pathway = self._pathway(kid)
        kid.tags.add(kid.pathway)
        if kid.pathway in ("two_year", "certificate"):
            kid.tags.add("college_program")
        kid.weighted = track == "advanced" and rng.random() < WEIGHTED_RATE
        if grade >= 7 and rng.random() < TRANSFER_RATE:
            first = 6 if grade <= 8 else 9
            kid.moved_in = rng.randint(min(first + 1, grade), grade)
        return kid

    def _tags(self, kid: Learner) -> set[str]:
        s = kid.student
        tags = {"ms" if kid.grade <= 8 else "hs", kid.track}
        tags |= {flag for flag, on in (("iep", s.iep), ("ell", s.ell), ("cte", s.cte)) if on}
        if kid.ability < 2.3:
            tags.add("low")
        if kid.ability >= 3.3:
            tags.add("high")
        if kid.attendance < 91:
            tags.add("attendance")
        if any(a.category == "sport" for a in kid.profile.activities):
            tags.add("athlete")
        if not kid.shortlist:
            tags.add("no_shortlist")
        return tags

    def _pathway(self, kid: Learner) -> str:
        rng = self.rng
        if rng.random() < UNDECIDED_RATE[kid.grade]:
            return "undecided"
        needs = " ".join(entry.need for entry in kid.shortlist).casefold()
        top = kid.letters[:1]
        cte = kid.student.cte_pathway
        weights = {
            "four_year": 10 + 28 * max(0.0, kid.ability - 2.0) + 20 * ("college" in needs),
            "two_year": 18 + 12 * ("community college" in needs or "two-year" in needs),
            "apprenticeship": 3
            + 14 * (cte in ("Architecture and Construction", "Manufacturing"))
            + 6 * (top == "R")
            + 10 * ("apprenticeship" in needs),
            "military": 4 + 4 * (top in ("R", "E")),
            "workforce": 3 + 8 * (kid.ability < 2.2),
            "certificate": 4
            + 14 * (cte in ("Health Science", "Hospitality and Tourism"))
            + 10 * ("certificate" in needs),
        }
        if kid.grade <= 8:  # younger students name college or nothing in particular
            weights["four_year"] *= 2
        names = list(weights)
        return rng.choices(names, [weights[n] for n in names])[0]

    # Baselines and assessments -----------------------------------------------------------------
    def _baselines(self, kid: Learner, courses: list[PlannedCourse]) -> list[Baseline]:
        rng = self.rng
        high = kid.grade >= 9
        entry_grade = 9 if high else 6
        first_year = self.year - (kid.grade - entry_grade)
        days: list[tuple[dt.date, int, int]] = []  # (as of, school year, semester)
        for year in range(first_year, self.year + 1):
            days += [(s1_end(year), year, 1), (s2_end(year), year, 2)]
        days = [d for d in days if d[0] <= self.today][-6:]
        intake = None
        # A high-school plan starts from the grade 8 report card, so even a grade 10 student's
        # trend has three points; a middle-school one starts from grade 5 in their first term.
        if (high and len(days) < 6) or not days:
            intake = weekday_before(first_day(first_year) + dt.timedelta(days=rng.randint(12, 24)))
            if intake > self.today:
                if not days:
                    return []
                intake = None
        completed = [
            (
                term_dates(self.year - (kid.grade - int(c.grade)), c.term)[1],
                c,
            )
            for c in courses
            if c.status == "completed"
        ]
        emergency = rng.randrange(len(days)) if days and rng.random() < EMERGENCY_RATE else -1
        baselines = []
        if intake is not None:
            before = (first_year - 1, 2)
            gpa = round(kid.perf[before], 2) if high and before in kid.perf else None
            note = "From the grade 8 report card." if high else "From the grade 5 report card."
            attendance = round(_clamp(kid.attendance + rng.gauss(0, 1.2), 80, 99.5), 1)
            baselines.append(
                self._baseline(
                    intake, gpa, self._credits(completed, intake, high), attendance, note
                )
            )
        noted_move = False
        for n, (day, year, semester) in enumerate(days):
            terms = [
                value
                for (y, s), value in kid.perf.items()
                if (y, s) <= (year, semester) and y >= first_year
            ]
            gpa = sum(terms) / len(terms)
            note = ""
            if kid.weighted and high:
                earned = [c for end, c in completed if end <= day]
                weight = sum(c.credits for c in earned)
                if weight:
                    gpa += sum(weighted_bonus(c.title) * c.credits for c in earned) / weight
                    note = "Weighted GPA (honors and AP courses count extra)." if n == 0 else ""
            attendance = _clamp(kid.attendance + rng.gauss(0, 1.3), 80, 99.5)
            if n == emergency:
                attendance = _clamp(attendance - rng.uniform(8, 12), 80, 99.5)
                note = "Missed 3 weeks, family emergency."
            elif kid.moved_in is not None and not noted_move:
                moved = self.year - (kid.grade - kid.moved_in)
                if year >= moved:
                    note, noted_move = "Moved from another district.", True
            elif attendance < 88 and rng.random() < 0.3:
                note = "Attendance plan started with the family."
            elif rng.random() < 0.02:
                note = "Out two weeks with pneumonia; caught up with teachers."
            baselines.append(
                self._baseline(
                    day,
                    round(min(gpa, 4.6), 2),
                    self._credits(completed, day, high),
                    round(attendance, 1),
                    note,
                )
            )
        return baselines

    @staticmethod
    def _credits(
        completed: list[tuple[dt.date, PlannedCourse]], day: dt.date, high: bool
    ) -> float | None:
        if not high:
            return None
        return round(float(sum(c.credits for end, c in completed if end <= day)), 2)

    def _baseline(
        self, day: dt.date, gpa: float | None, credits: float | None, attendance: float, note: str
    ) -> Baseline:
        recorded = min(self.today, day + dt.timedelta(days=self.rng.randint(2, 14)))
        return Baseline(
            as_of=day.isoformat(),
            gpa=gpa,
            credits=credits,
            attendance=attendance,
            note=note,
            recorded_on=recorded.isoformat(),
            updated_on=recorded.isoformat(),
        )

    def _assessments(self, kid: Learner) -> list[Assessment]:
        rng = self.rng
        found: list[Assessment] = []
        s = kid.student

        def year_of(grade: int) -> int:
            return self.year - (kid.grade - grade)

        def spring(grade: int) -> dt.date:
            return weekday_before(dt.date(year_of(grade) + 1, 4, 20) + _days(rng, 0, 21))

        def fall(grade: int, month: int = 10) -> dt.date:
            return weekday_before(dt.date(year_of(grade), month, 8) + _days(rng, 0, 14))

        def z(year: int) -> float:
            return (kid.perf[(year, 2)] - 2.8) / 0.7 + rng.gauss(0, 0.45)

        def add(name: str, day: dt.date, score: str, level: str, note: str = "") -> None:
            back = day + _days(rng, 21, 40)  # results come back weeks later
            if back <= self.today:
                if not note and s.iep and rng.random() < 0.4:
                    note = "Tested with extended time and read-aloud (IEP)."
                elif not note and s.ell and rng.random() < 0.3:
                    note = "Bilingual glossary allowed."
                found.append(
                    Assessment(
                        name,
                        day.isoformat(),
                        score,
                        level,
                        note,
                        back.isoformat(),
                        back.isoformat(),
                    )
                )

        # State tests: English and math each spring through grade 8 (the grade 5 results come
        # with sixth graders), again in grade 10; science in grades 5, 8 and 11.
        first = 5 if kid.grade <= 8 else 8
        for grade in range(first, kid.grade + 1):
            subjects = []
            if grade <= 8 or grade == 10:
                subjects = ["ELA", "math"]
            if grade in (5, 8, 11):
                subjects.append("science")
            day = spring(grade)
            for subject in subjects:
                score, level = _state_score(grade, z(max(year_of(grade), year_of(6))))
                add(f"State {subject}", day, score, level)
        if kid.grade <= 8:
            for grade in (kid.grade - 1, kid.grade):
                if grade < 6:
                    continue
                for season, day in (
                    ("fall", fall(grade, 9)),
                    ("winter", weekday_before(dt.date(year_of(grade) + 1, 1, 20))),
                ):
                    add(f"Reading screener ({season})", day, *_screener(z(year_of(grade))))
        # College Board and ACT tests in high school (PSAT 8/9 for some eighth graders).
        college = kid.pathway in ("four_year", "undecided", "two_year") or kid.ability >= 3

        def college_board(scale: _Scale, day: dt.date, grade: int, gain: float = 0.0) -> None:
            add(scale.name, day, *_college_board(rng, scale, z(year_of(grade)) + gain))

        if kid.grade >= 9 or (kid.grade == 8 and rng.random() < 0.3):
            grade = 9 if kid.grade >= 9 else 8
            college_board(PSAT_8_9, fall(grade), grade)
        if kid.grade >= 10:
            college_board(PSAT_10, spring(10) - dt.timedelta(days=40), 10)
        if kid.grade >= 11:
            if college and rng.random() < 0.6:
                college_board(PSAT_NMSQT, fall(11), 11)
            college_board(SAT, spring(11) - dt.timedelta(days=30), 11)
            if college and rng.random() < 0.25:
                add("ACT", spring(11), *_act(z(year_of(11))))
        if kid.grade == 12 and college and rng.random() < 0.35:
            college_board(SAT, fall(12), 12, gain=0.2)
        return found

    # Goals ------------------------------------------------------------------------------------
    def _context(
        self, kid: Learner, courses: list[PlannedCourse], assessments: list[Assessment]
    ) -> dict[str, str]:
        """What goal and step texts may say about this student; absent keys rule ideas out."""
        rng = self.rng
        s = kid.student
        context: dict[str, str] = {
            "counselor": s.counselor or "my counselor",
            # Where last year ended, to the nearest quarter point.
            "gpa_target": _gpa_text(
                _clamp(round(kid.perf.get((self.year - 1, 2), kid.ability) * 4) / 4, 2.0, 3.75)
            ),
        }
        now = [c for c in courses if c.status == "enrolled" and c.area in SUBJECT_OF_AREA]
        if kid.grade >= 9 and now:
            course = rng.choice(now)
            context["course"] = course.title
            context["subject"] = SUBJECT_OF_AREA[course.area]
        elif kid.grade <= 8:
            context["subject"] = rng.choice(["math", "English", "science", "social studies"])
            context["course"] = context["subject"]
        if "subject" in context:
            level = kid.perf[(self.year, 1)] - 0.4
            mark = letter_mark(min(level, 2.9))
            context["a_mark"] = _with_article(mark)
            context["a_target_mark"] = _with_article(raised_mark(mark, 3))
        if kid.track == "advanced" and 9 <= kid.grade <= 11 and "course" in context:
            area = next(c.area for c in now if c.title == context["course"])
            if NEXT_COURSE.get(area, "") not in {"", *(c.title for c in courses)}:
                context["next_course"] = NEXT_COURSE[area]
        if kid.failed:
            context["failed_course"] = kid.failed
        sat = [a for a in assessments if a.name == "SAT"]
        if sat:  # the first score: the goal was set after it
            total = int(sat[0].score.split()[0])
            context["sat"] = str(total)
            context["sat_target"] = str(min(1600, total + 80))
        if kid.shortlist:
            pick = rng.choice(kid.shortlist)
            context["careers"] = _plural_title(pick.title)
            context["career_code"] = pick.code
        if s.cte_pathway in CREDENTIALS:
            context["credential"] = CREDENTIALS[s.cte_pathway]
            context["pathway"] = s.cte_pathway.split(",")[0]
        clubs = [a.name for a in kid.profile.activities if a.category == "club"]
        if clubs:
            context["club"] = rng.choice(clubs)
        sports = [a.name for a in kid.profile.activities if a.category == "sport"]
        if sports:
            context["sport"] = rng.choice(sports).lower()
            context["coach"] = rng.choice(["Reyes", "Thompson", "Nguyen", "Okoro", "Miller"])
        context["place"] = rng.choice(
            ["Northside Food Bank", "County Animal Shelter", "Riverside Public Library"]
        )
        context["school"] = rng.choice(UNIVERSITIES)
        context["n_colleges"] = str(rng.choice([3, 4, 4, 5, 6]))
        program = {
            "apprenticeship": "IBEW electrical apprenticeship",
            "two_year": f"{COMMUNITY_COLLEGE}",
            "certificate": f"certificate program at {TECH_COLLEGE}",
        }.get(kid.pathway)
        if program:
            context["program"] = program
        context["college"] = COMMUNITY_COLLEGE
        context["major"] = MAJORS.get(kid.letters[:1]) or rng.choice(list(MAJORS.values()))
        context["like"] = LIKES.get(kid.letters[:1], "a lot of different things")
        return context

    def _goals(self, kid: Learner, context: dict[str, str]) -> list[Goal]:
        rng = self.rng
        counts = list(GOAL_COUNT_WEIGHTS)
        weights = [
            GOAL_COUNT_WEIGHTS[n] * (1.6 if n <= 2 and kid.grade == 6 else 1) for n in counts
        ]
        count = rng.choices(counts, weights)[0]
        areas = list(AREA_WEIGHTS)
        chosen: list[str] = []
        while len(chosen) < count:  # each area once before any twice
            left = [a for a in areas if chosen.count(a) == min(chosen.count(b) for b in areas)]
            chosen.append(rng.choices(left, [AREA_WEIGHTS[a] for a in left])[0])
        used: set[Idea] = set()
        known = context.keys() | {"by", "teacher"}  # the last two are set goal by goal
        goals: list[Goal] = []
        for area in chosen:
            fits = [
                idea
                for idea in self.ideas[area]
                if idea not in used
                and idea.grades[0] <= kid.grade <= idea.grades[1]
                and (not idea.when or idea.when in kid.tags)
                and self.idea_fields[idea] <= known
            ]
            if not fits or rng.random() < VAGUE_RATE:
                said = {goal.statement for goal in goals}
                goals.append(self._vague_goal(kid, area, said))
                continue
            idea = rng.choice(fits)
            used.add(idea)
            goals.append(self._goal(kid, idea, context))
        return goals

    def _goal(self, kid: Learner, idea: Idea, context: dict[str, str]) -> Goal:
        rng = self.rng
        # A goal about a class the student takes now was set this school year.
        this_year = "course" in self.idea_fields[idea]
        # Few goals are finished or given up in a student's first weeks in the building.
        since = first_day(self.year if this_year else self.year - (kid.grade - 6))
        here = (self.today - since).days
        weights = {
            status: weight * (0.25 if here < CREATED_DAYS[status][0] + 30 else 1)
            for status, weight in GOAL_STATUS_WEIGHTS.items()
        }
        status = _pick(rng, weights)
        created = self._created(kid, status, since)
        target = created + _days(rng, idea.months[0] * 30, idea.months[1] * 30)
        if status in ("not_started", "on_track") and target <= self.today:
            target = self.today + _days(rng, 20, 90)
        elif status == "at_risk" and target < self.today - dt.timedelta(days=30):
            target = self.today + _days(rng, 14, 75)
        target = _tidy(_in_school(target))
        # A closed goal was closed between halfway to its target and a little after it.
        until = self.today
        if status in ("done", "dropped"):
            until = min(self.today, target + dt.timedelta(days=10))
            half = created + dt.timedelta(days=max(7, (target - created).days // 2))
            until = self._school_day(min(half, until), until)
        subject = context.get("subject", "")
        teacher = self._teacher(kid, subject or idea.area)
        fill = {**context, "by": _long(target), "teacher": teacher}
        count = min(len(idea.steps), _pick(rng, STEP_COUNT_WEIGHTS))
        steps = self._steps(
            kid, rng.sample(idea.steps, count), status, (created, until), fill, teacher
        )
        notes = self._notes(status, created, until)
        last = max([created, *(dt.date.fromisoformat(n.noted_on) for n in notes)])
        return Goal(
            area=idea.area,
            statement=idea.statement.format_map(fill),
            measure=idea.measure.format_map(fill),
            target_date=target.isoformat(),
            status=status,
            dropped_reason=rng.choice(DROPPED_REASONS[idea.area]) if status == "dropped" else "",
            career_code=context.get("career_code", "")
            if idea.links_career and rng.random() < CAREER_CODE_RATE
            else "",
            created_on=created.isoformat(),
            updated_on=last.isoformat(),
            notes=tuple(notes),
            steps=tuple(steps),
        )

    def _vague_goal(self, kid: Learner, area: str, said: set[str]) -> Goal:
        """A goal in the student's rough words, as first written down: no measure, no date."""
        rng = self.rng
        status = rng.choice(["not_started", "on_track", "at_risk", "not_started"])
        created = self._created(kid, status)
        return Goal(
            area=area,
            statement=rng.choice([text for text in VAGUE[area] if text not in said]),
            status=status,
            created_on=created.isoformat(),
            updated_on=created.isoformat(),
        )

    def _created(self, kid: Learner, status: str, since: dt.date | None = None) -> dt.date:
        """When a goal was set: recently for one not started, months ago for one done; not
        before ``since`` nor before the student came to the school (grade 6)."""
        low, high = CREATED_DAYS[status]
        earliest = max(since or dt.date.min, first_day(self.year - (kid.grade - 6)))
        latest = self.today - dt.timedelta(days=low)
        if latest < earliest:
            return min(self.today, earliest)
        return self._school_day(max(earliest, self.today - dt.timedelta(days=high)), latest)

    def _steps(
        self,
        kid: Learner,
        picked: Sequence[tuple[str, str, str]],
        goal_status: str,
        span: tuple[dt.date, dt.date],
        fill: Mapping[str, str],
        teacher: str,
        kind: str = "",
    ) -> list[ActionStep]:
        """Steps that fit the goal's status: an at-risk goal has a step overdue, a done one
        has its steps done, a goal not started has nothing done yet. ``span`` is from when the
        goal was set to today, or to the day it was closed."""
        created = span[0]
        steps = []
        late_rate = {"on_track": 0.06, "at_risk": 0.2}.get(goal_status, 0.15)
        overdue = goal_status == "at_risk"  # until one step is overdue
        for role, what, who in picked:
            status = _pick(self.rng, STEP_STATUS_WEIGHTS[goal_status])
            due, done_on = self._step_dates(status, span, overdue=overdue, late_rate=late_rate)
            if status in ("to_do", "in_progress") and due is not None and due < self.today:
                overdue = False
            steps.append(
                ActionStep(
                    what=what.format_map(fill),
                    role=role,
                    who_name=who.format_map(fill) if who else self._who(kid, role, teacher),
                    due_on=due.isoformat() if due else "",
                    status=status,
                    done_on=done_on.isoformat() if done_on else "",
                    kind=kind,
                    created_on=created.isoformat(),
                    updated_on=(done_on or created).isoformat(),
                )
            )
        return steps

    def _step_dates(
        self, status: str, span: tuple[dt.date, dt.date], *, overdue: bool, late_rate: float
    ) -> tuple[dt.date | None, dt.date | None]:
        """(due, done) for a step of a goal open from ``span[0]`` to ``span[1]``: school
        days, none in the summer break."""
        rng = self.rng
        created, until = span
        today = self.today
        week = dt.timedelta(days=7)
        if status == "done":
            done = self._school_day(created, until)
            return self._school_day(max(created, done - week), done + 3 * week), done
        if status == "dropped":
            return self._school_day(created + week, max(until, created + 9 * week)), None
        if not overdue and rng.random() < UNDATED_STEP_RATE:
            return None, None
        if (overdue or rng.random() < late_rate) and (today - created).days >= 2:
            due = self._school_day(created + dt.timedelta(days=1), today - dt.timedelta(days=1))
            return due, None
        return self._school_day(today + dt.timedelta(days=3), today + 11 * week), None

    def _school_day(self, low: dt.date, high: dt.date) -> dt.date:
        """A day from ``low`` to ``high`` outside the summer break when there is one."""
        span = max(0, (high - low).days)
        for _ in range(6):
            day = low + dt.timedelta(days=self.rng.randint(0, span))
            if _in_school(day) == day:
                return day
        return max(low, _in_school(high))

    def _who(self, kid: Learner, role: str, teacher: str) -> str:
        rng = self.rng
        s = kid.student
        if role == "teacher":
            return teacher
        if role == "counselor":
            return s.counselor if rng.random() < 0.9 else ""
        if role == "guardian":
            return s.guardians[0].name if s.guardians and rng.random() < 0.8 else ""
        if role == "tutor":
            return self._teacher(kid, "tutor", TUTORS)
        if role == "mentor":
            return self._teacher(kid, "mentor", MENTORS)
        return ""

    def _teacher(self, kid: Learner, subject: str, pool: Sequence[str] = TEACHERS) -> str:
        """The same adult for the same subject, every time this student's plan names one."""
        if subject not in kid.teachers:
            kid.teachers[subject] = self.rng.choice(pool)
        return kid.teachers[subject]

    def _notes(self, status: str, created: dt.date, until: dt.date) -> list[ProgressNote]:
        """Up to three dated notes; on a closed goal the last one, from the day it was closed
        (``until``), says so."""
        rng = self.rng
        if (self.today - created).days < 3:
            return []
        count = rng.choice([0, 0, 1] if status == "not_started" else [0, 1, 1, 2, 3])
        first = created + dt.timedelta(days=1)
        days = sorted(self._school_day(first, max(first, until)) for _ in range(count))
        if days and status in ("done", "dropped"):
            days[-1] = min(self.today, until + _days(rng, 0, 5))
        return [
            ProgressNote(
                noted_on=day.isoformat(),
                text=rng.choice(NOTES[status] if n == count - 1 else NOTES["on_track"]),
            )
            for n, day in enumerate(days)
        ]

    # Postsecondary ----------------------------------------------------------------------------
    def _postsecondary(self, kid: Learner, context: dict[str, str]) -> PostsecondaryPlan:
        rng = self.rng
        pathway = kid.pathway
        also: tuple[str, ...] = ()
        if rng.random() < ALSO_CONSIDERING_RATE:
            others = [p for p in ASPIRATIONS if p not in ("undecided", pathway)]
            also = tuple(rng.sample(others, rng.choice([1, 1, 2])))
        options = [
            text for text in ASPIRATIONS[pathway] if "{careers}" not in text or "careers" in context
        ]
        aspiration = rng.choice(options).format_map(context)
        targets = self._targets(kid, context)
        careers = tuple(
            CareerLink(e.code, e.title)
            for e in rng.sample(kid.shortlist, min(len(kid.shortlist), rng.choice([0, 1, 1, 2, 3])))
        )
        updated = max(self.today - _days(rng, 0, 120), first_day(self.year - (kid.grade - 6)))
        return PostsecondaryPlan(
            pathway=pathway,
            also_considering=also,
            aspiration=aspiration,
            targets=targets,
            careers=careers,
            updated_on=min(updated, self.today).isoformat(),
        )

    def _targets(self, kid: Learner, context: dict[str, str]) -> tuple[Target, ...]:
        rng = self.rng
        pathway = kid.pathway
        if pathway == "undecided" or (kid.grade <= 9 and rng.random() < 0.6):
            return ()
        count = rng.choice([1, 2, 2, 3, 4]) if kid.grade >= 11 else rng.choice([1, 1, 2])
        found: list[tuple[str, str]] = []
        if pathway == "four_year":
            schools = rng.sample(UNIVERSITIES, count)
            major = context["major"]
            found = [("program", f"{major.capitalize()}, {schools[0]}")]
            found += [("school", name) for name in schools[1:]]
        else:
            cte = CTE_TARGETS.get(kid.student.cte_pathway)
            if cte and pathway in ("two_year", "certificate", "apprenticeship"):
                found.append(cte)
            pool = [t for t in PATHWAY_TARGETS[pathway] if t not in found]
            found += rng.sample(pool, min(len(pool), max(0, count - len(found))))
        return tuple(
            Target(kind, name, rng.choice(TARGET_NOTES) if rng.random() < 0.3 else "")
            for kind, name in found
        )

    def _plan_steps(self, kid: Learner, context: dict[str, str]) -> list[ActionStep]:
        """Applications, aid, tests and visits: several in grades 11 and 12, few before."""
        rng = self.rng
        if kid.grade >= 11:
            count = rng.choice([1, 2, 3, 3, 4, 5])
        elif kid.grade >= 9:
            count = 1 if rng.random() < 0.25 else 0
        else:
            count = 1 if rng.random() < 0.05 else 0
        pool = [step for step in PLAN_STEPS[kid.pathway] if step[4] <= kid.grade <= step[5]]
        if not count or not pool:
            return []
        # The way the plan is going, as a goal's status would say it.
        going = rng.choice(["on_track", "on_track", "at_risk", "not_started", "done"])
        created = self._created(kid, going)
        teacher = self._teacher(kid, "English")
        steps = []
        span = (created, self.today)
        for kind, role, what, who, _, _ in rng.sample(pool, min(count, len(pool))):
            steps += self._steps(kid, [(role, what, who)], going, span, context, teacher, kind)
        return steps


# --- Small helpers --------------------------------------------------------------------------------


def _long(day: dt.date) -> str:
    """ "March 15", as a student writes a date."""
    return f"{day:%B} {day.day}"


def _letters(profile: SelfExplorationProfile) -> str:
    """The Holland types the student's strengths, skills and values lean to, strongest first."""
    counts: dict[str, int] = {}
    for item in profile.items:
        for letter in ENTRY_TYPES.get(item.entry_id, ""):
            counts[letter] = counts.get(letter, 0) + 1
    return "".join(sorted(counts, key=lambda t: (-counts[t], t)))


def _plural_title(title: str) -> str:
    """A career title as it reads inside a sentence ("registered nurses")."""
    words = title.split(", except")[0].split()
    return " ".join(w if w.isupper() else w.lower() for w in words)


def _pick(rng: random.Random, weights: Mapping[K, float]) -> K:
    names = list(weights)
    return rng.choices(names, [weights[n] for n in names])[0]


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, max(low, high)))


def _with_article(mark: str) -> str:
    """ "a B+", "an A-", "an F"."""
    return f"an {mark}" if mark[0] in "AEF" else f"a {mark}"


def _in_school(day: dt.date) -> dt.date:
    """The day, or June 5 for a day in the summer break: nobody sets goals in July. Never
    later than the day itself, and never out of order (day a <= day b stays so)."""
    if (6, 6) <= (day.month, day.day) < (8, 15):
        return dt.date(day.year, 6, 5)
    return day


def _tidy(day: dt.date) -> dt.date:
    """A date a person would set: the 1st or the 15th of the month."""
    if day.day <= 8:
        return day.replace(day=1)
    if day.day <= 22:
        return day.replace(day=15)
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following.replace(day=1)


def _gpa_text(value: float) -> str:
    """3.25 as "3.25", 3.5 as "3.5", 3 as "3.0"."""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


_STATE_LEVELS = (
    "Level 1 – Standard not met",
    "Level 2 – Standard nearly met",
    "Level 3 – Met standard",
    "Level 4 – Exceeded standard",
)


def _state_score(grade: int, z: float) -> tuple[str, str]:
    """A scale score on an invented state test scale, and the level it falls in."""
    met = 2400 + 25 * (grade - 3)
    score = round(met + 15 + 85 * z)
    cuts = (met - 70, met, met + 95)
    level = sum(score >= cut for cut in cuts)
    return str(score), _STATE_LEVELS[level]


def _screener(z: float) -> tuple[str, str]:
    percentile = round(_clamp(50 + 28 * z, 1, 99))
    if percentile >= 75:
        level = "Above grade level"
    elif percentile >= 40:
        level = "On grade level"
    elif percentile >= 20:
        level = "One grade level below"
    else:
        level = "Two or more grade levels below"
    return f"{_ordinal(percentile)} percentile", level


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


@dataclass(frozen=True)
class _Scale:
    """A College Board test: its score range, where it sits against the SAT, its benchmarks."""

    name: str
    shift: int
    low: int
    high: int
    erw_cut: int
    math_cut: int


PSAT_8_9 = _Scale("PSAT 8/9", -150, 240, 1440, 410, 450)
PSAT_10 = _Scale("PSAT 10", -80, 320, 1520, 430, 480)
PSAT_NMSQT = _Scale("PSAT/NMSQT", -40, 320, 1520, 460, 510)
SAT = _Scale("SAT", 0, 400, 1600, 480, 530)


def _college_board(rng: random.Random, scale: _Scale, z: float) -> tuple[str, str]:
    """A total with its two section scores, and which benchmarks it meets."""
    half_low, half_high = scale.low // 2, scale.high // 2
    total = round(_clamp(1010 + scale.shift + 180 * z, scale.low, scale.high) / 10) * 10
    erw = round(_clamp(total / 2 + rng.randint(-3, 3) * 10, half_low, half_high) / 10) * 10
    erw = max(total - half_high, min(erw, total - half_low))
    math = total - erw
    cuts = (("ERW", erw, scale.erw_cut), ("math", math, scale.math_cut))
    met = [name for name, value, cut in cuts if value >= cut]
    if len(met) == 2:
        level = "Met both benchmarks"
    elif met:
        level = f"Met the {met[0]} benchmark"
    else:
        level = "Below both benchmarks"
    return f"{total} (ERW {erw}, Math {math})", level


def _act(z: float) -> tuple[str, str]:
    composite = round(_clamp(20 + 5 * z, 1, 36))
    level = "Met the college readiness benchmarks" if composite >= 22 else "Below the benchmarks"
    return f"{composite} composite", level
