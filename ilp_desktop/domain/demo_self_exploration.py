"""Made-up self-exploration records for the demo school, generated from a seed.

Plain Python: the caller passes the generated students, the item bank and the lists, and stores
the result. Each student gets a latent interest profile (two or three favorite Holland types,
neighbors on the hexagon more often than not, nudged by a CTE pathway); answers to 1-3 inventory
attempts over the past school years are drawn around it, drifting a little from year to year so
the history shows change. Strengths, skills, values and learning preferences lean the same way,
activities fit the student's grade, and students with an IEP, a 504 plan or English-learner
services get everyday supports. Like the students' ages, the dates are fixed to the demo's
school year: every one falls on or before AS_OF, so the records pass validation (no dates in the
future) from then on, whatever day the demo is built.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .demo_students import SCHOOL_YEAR_START
from .interests import (
    SCALE_VALUES,
    TYPE_NAMES,
    TYPES,
    Inventory,
    InventoryForm,
    InventoryResult,
    Item,
    form_for_grade,
)
from .interests import score as score_answers
from .self_exploration import (
    Activity,
    Checklists,
    InventoryAttempt,
    ProfileItem,
    SelfExplorationProfile,
    Support,
)
from .students import Student

T = TypeVar("T")

# The demo's "today": early in the 2026-27 school year, after the fall round of meetings.
AS_OF = dt.date(SCHOOL_YEAR_START.year, 10, 30)
CURRENT_YEAR = SCHOOL_YEAR_START.year  # the school year that started in August of this year

# Most students have met their counselor; some sixth graders, new to the building, not yet.
DATA_RATE = 0.9
DATA_RATE_GRADE_6 = 0.7
ATTEMPT_COUNT_WEIGHTS: dict[int, int] = {1: 45, 2: 35, 3: 20}
UNFINISHED_RATE = 0.04  # the newest attempt was interrupted and waits to be resumed
KEYED_RATE = 0.25  # taken on paper and keyed in by the counselor
SKIP_RATE = 0.015
HEAVY_SKIP_RATE = 0.02  # attempts with so many skips that there is no code
HEAVY_SKIP_SHARE = 0.3
FLAT_RATE = 0.07  # students with no clear preference yet
REFLECTION_RATE = 0.85
AGREEMENT_WEIGHTS: dict[str, int] = {"agree": 55, "partly": 32, "disagree": 13}
HISTORY_REFLECTION_RATE = 0.4  # when the top type changed since last time, say so
SPANISH_RATE_ELL = 0.7  # Spanish-speaking English learners taking the inventory in Spanish
SPANISH_RATE_OTHER = 0.15
ITEM_NOTE_RATE = 0.1
OTHER_ENTRY_RATE = 0.08
ACTIVITY_COUNT_WEIGHTS: dict[int, int] = {0: 14, 1: 30, 2: 30, 3: 18, 4: 8}
ACTIVITY_NOTE_RATE = 0.1
OTHER_SUPPORT_RATE = 0.14
SUPPORT_ENDED_RATE = 0.12
SUPPORT_NOTE_RATE = 0.35

# How often each type comes out on top among teenagers in the demo (roughly, not a norm).
TOP_WEIGHTS: dict[str, int] = {"R": 15, "I": 15, "A": 19, "S": 22, "E": 16, "C": 13}
ADJACENT_SECOND_RATE = 0.6  # second type next to the first on Holland's hexagon
PATHWAY_RATE = 0.6  # a CTE student's profile follows their pathway
PATHWAY_TYPES: dict[str, str] = {
    "Health Science": "SI",
    "Information Technology": "IC",
    "Manufacturing": "RC",
    "Agriculture, Food and Natural Resources": "RI",
    "Hospitality and Tourism": "ES",
    "Architecture and Construction": "RA",
    "Business Management and Administration": "EC",
    "Arts, A/V Technology and Communications": "AE",
    "Transportation, Distribution and Logistics": "RC",
    "Education and Training": "SA",
    "Law, Public Safety and Security": "SE",
}
ANSWER_SPREAD = 0.8  # how far answers scatter around a type's latent mean (1-5 scale)

# Which list entries go with each Holland type, so a student's picks agree with their interests.
TYPE_ENTRIES: dict[str, str] = {
    "R": (
        "strength-hard-working strength-hands skill-tools skill-cooking skill-sports "
        "value-outdoors value-environment value-active learning-hands-on learning-moving "
        "learning-real-life"
    ),
    "I": (
        "strength-curious strength-independent skill-reading skill-math skill-coding "
        "skill-research skill-problems value-independence value-learning value-environment "
        "value-challenge learning-reading learning-big-picture learning-alone "
        "learning-questions learning-technology"
    ),
    "A": (
        "strength-creative skill-writing skill-art skill-music value-creativity "
        "value-independence value-variety learning-seeing learning-own-words learning-music"
    ),
    "S": (
        "strength-kind strength-teammate strength-listener strength-patient strength-empathy "
        "strength-helpful skill-teamwork skill-disagreements skill-caring value-helping "
        "value-team value-community learning-listening learning-small-groups learning-partner "
        "learning-talking"
    ),
    "E": (
        "strength-leader strength-brave skill-speaking skill-goals skill-money value-income "
        "value-leading value-recognition value-travel value-own-business learning-talking "
        "learning-feedback"
    ),
    "C": (
        "strength-hard-working strength-responsible strength-organized strength-reliable "
        "skill-math skill-computer skill-time skill-money skill-notes skill-tests "
        "value-security value-routine learning-examples learning-steps learning-quiet "
        "learning-practice learning-deadlines"
    ),
}
ENTRY_TYPES: dict[str, str] = {
    entry: "".join(t for t in TYPES if entry in TYPE_ENTRIES[t].split())
    for entry in " ".join(TYPE_ENTRIES.values()).split()
}
# Entries that only fit a student who speaks another language at home / is learning English.
MULTILINGUAL_ENTRIES = frozenset(
    {"strength-multilingual", "skill-languages", "value-culture", "learning-first-language"}
)
PICKS: dict[str, tuple[int, int]] = {
    "strength": (3, 6),
    "skill": (3, 7),
    "value": (2, 5),
    "learning": (2, 4),
}

# What a student who likes each type says they like, for reflections.
LIKES: dict[str, dict[str, str]] = {
    "en": {
        "R": "fixing and building things",
        "I": "figuring out how things work",
        "A": "drawing or making music",
        "S": "helping people",
        "E": "leading a project",
        "C": "keeping things organized",
    },
    "es": {
        "R": "arreglar y construir cosas",
        "I": "descubrir cómo funcionan las cosas",
        "A": "dibujar o hacer música",
        "S": "ayudar a la gente",
        "E": "dirigir un proyecto",
        "C": "tener las cosas organizadas",
    },
}
REFLECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "agree": (
            "That sounds like me. I really like {like}.",
            "Yes, I agree. I've always liked {like}.",
            "Pretty accurate. My friends would say the same thing.",
            "I agree. {name} makes sense because I like {like}.",
            "Yeah, that's me. I didn't know there was a name for it.",
        ),
        "partly": (
            "Partly. {name} fits, but I didn't expect {third} to be that high.",
            "Some of it. I like {like}, but not every day.",
            "Kind of. I think it depends on my mood that day.",
            "Half right. I want to look at more {second} jobs before I decide.",
        ),
        "disagree": (
            "Not really. I answered fast and guessed on a lot of them.",
            "I don't think {name} is me. I'd rather be {low_like}.",
            "No. I thought {low} would come out on top.",
        ),
        "flat": (
            "I like a lot of different things, so it's hard to pick.",
            "I don't really know what I like yet. Maybe next year.",
        ),
        "history": ("Last time it was {prev}, now it's {name}. I did change a lot this year.",),
    },
    "es": {
        "agree": (
            "Sí, me describe bien. Me gusta mucho {like}.",
            "Estoy de acuerdo, siempre me ha gustado {like}.",
            "Tiene sentido. Mi familia dice lo mismo.",
        ),
        "partly": (
            "Más o menos. {name} sí, pero no esperaba que {third} saliera tan alto.",
            "En parte. Me gusta {like}, pero no todos los días.",
        ),
        "disagree": (
            "No mucho. Contesté muy rápido y adiviné varias.",
            "No creo que {name} sea lo mío. Prefiero {low_like}.",
        ),
        "flat": ("Me gustan muchas cosas y es difícil escoger.",),
        "history": ("La vez pasada salió {prev} y ahora {name}. Sí he cambiado mucho este año.",),
    },
}

ITEM_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "strength": (
            "My coach says this about me.",
            "Especially with my younger cousins.",
            "Teachers noticed it in group projects.",
            "I want to get even better at this.",
        ),
        "skill": (
            "Getting better since I joined a club.",
            "Still nervous, but I did it in history class.",
            "I practice at home.",
            "Better than last year.",
        ),
        "value": (
            "My family needs me close by.",
            "I've seen how hard my parents work.",
            "This matters more to me than money.",
        ),
        "learning": (
            "Works best for me in math.",
            "Especially in science labs.",
            "Headphones help a lot.",
        ),
    },
    "es": {
        "strength": ("Mi entrenador me lo dice siempre.", "Sobre todo con mis primos pequeños."),
        "skill": (
            "Practico en casa con mi mamá.",
            "Todavía me dan nervios, pero lo hice en la clase de historia.",
        ),
        "value": ("Mi familia me necesita cerca.", "Esto me importa más que el dinero."),
        "learning": (
            "Me funciona mejor en matemáticas.",
            "Sobre todo en el laboratorio de ciencias.",
        ),
    },
}
OTHER_ENTRIES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "strength": ("Good at calming my little brother down", "Can fix phones", "Never late"),
        "skill": ("Video editing", "Braiding hair", "Fixing bikes"),
        "value": ("Working with animals", "Wearing a uniform"),
        "learning": ("Drawing while I listen", "Studying with my cousin"),
    },
    "es": {
        "strength": ("Sé calmar a mi hermanito", "Sé arreglar celulares", "Nunca llego tarde"),
        "skill": ("Editar videos", "Hacer trenzas", "Arreglar bicicletas"),
        "value": ("Trabajar con animales", "Usar uniforme"),
        "learning": ("Dibujar mientras escucho", "Estudiar con mi prima"),
    },
}


@dataclass(frozen=True)
class _ActivityKind:
    category: str
    name: str
    roles: tuple[str, ...]
    organisations: tuple[str, ...]
    hours: tuple[int, int]
    min_grade: int
    types: str  # the Holland types it tends to go with
    seasonal: bool = False  # sports seasons end


def _kind(
    category: str,
    name: str,
    roles: tuple[str, ...],
    organisations: tuple[str, ...],
    hours: tuple[int, int],
    min_grade: int,
    types: str,
) -> _ActivityKind:
    return _ActivityKind(
        category, name, roles, organisations, hours, min_grade, types, category == "sport"
    )


_SCHOOL = ("School",)
ACTIVITIES: tuple[_ActivityKind, ...] = (
    _kind("club", "Robotics Club", ("Member", "Builder", "Programmer", "Team captain"),
          _SCHOOL, (2, 6), 6, "RI"),
    _kind("club", "Student Council", ("Class representative", "Secretary", "Treasurer"),
          _SCHOOL, (1, 3), 6, "E"),
    _kind("club", "Chess Club", ("Member",), _SCHOOL, (1, 2), 6, "I"),
    _kind("club", "Debate Team", ("Member", "Co-captain"), _SCHOOL, (3, 6), 8, "E"),
    _kind("club", "Environmental Club", ("Member", "Recycling coordinator"), _SCHOOL, (1, 2), 6,
          "RS"),
    _kind("club", "Coding Club", ("Member",), ("School", "Public library"), (1, 3), 6, "IC"),
    _kind("club", "HOSA: Future Health Professionals", ("Member", "Chapter secretary"), _SCHOOL,
          (1, 3), 9, "SI"),
    _kind("club", "FBLA: Future Business Leaders of America", ("Member", "Chapter treasurer"),
          _SCHOOL, (1, 3), 9, "EC"),
    _kind("club", "Anime Club", ("Member",), _SCHOOL, (1, 2), 6, "A"),
    _kind("club", "Yearbook", ("Photographer", "Layout editor", "Writer"), _SCHOOL, (2, 5), 8,
          "AC"),
    _kind("club", "Math League", ("Member",), _SCHOOL, (1, 3), 6, "IC"),
    _kind("sport", "Soccer", ("Player", "Goalkeeper", "Team captain"),
          ("School team", "City youth league"), (6, 12), 6, "R"),
    _kind("sport", "Basketball", ("Player", "JV player", "Varsity player"),
          ("School team", "YMCA league"), (6, 12), 6, "R"),
    _kind("sport", "Track and field", ("Sprinter", "Distance runner", "Long jump"),
          ("School team",), (6, 10), 7, "R"),
    _kind("sport", "Volleyball", ("Player", "Setter", "Libero"), ("School team", "Club team"),
          (6, 12), 6, "R"),
    _kind("sport", "Cross country", ("Runner",), ("School team",), (6, 10), 7, "R"),
    _kind("sport", "Swimming", ("Swimmer",), ("School team", "Community pool swim club"),
          (4, 10), 6, "R"),
    _kind("sport", "Wrestling", ("Wrestler",), ("School team",), (8, 12), 7, "R"),
    _kind("sport", "Baseball", ("Pitcher", "Outfielder", "Catcher"),
          ("School team", "Little League"), (6, 10), 6, "R"),
    _kind("sport", "Softball", ("Pitcher", "Infielder"), ("School team",), (6, 10), 6, "R"),
    _kind("sport", "Cheer", ("Cheerleader", "Captain"), ("School team",), (5, 10), 6, "SA"),
    _kind("arts", "Band", ("Trumpet", "Clarinet", "Percussion", "Saxophone", "Flute"), _SCHOOL,
          (3, 6), 6, "A"),
    _kind("arts", "Choir", ("Soprano", "Alto", "Tenor", "Bass"), ("School", "Church choir"),
          (2, 4), 6, "A"),
    _kind("arts", "Drama Club", ("Cast member", "Stage crew", "Lighting", "Costumes"), _SCHOOL,
          (3, 8), 6, "AE"),
    _kind("arts", "Ballet folklórico", ("Dancer",), ("Community center",), (2, 5), 6, "AS"),
    _kind("arts", "Mariachi", ("Violin", "Guitarrón", "Trumpet", "Vihuela"), _SCHOOL, (3, 5),
          7, "A"),
    _kind("arts", "Art Club", ("Member",), _SCHOOL, (1, 3), 6, "A"),
    _kind("arts", "Piano lessons", ("Student",), ("Private teacher",), (1, 3), 6, "A"),
    _kind("arts", "Dance team", ("Dancer",), ("Dance studio",), (3, 8), 6, "A"),
    _kind("job", "Grocery store", ("Cashier", "Bagger", "Stocker"),
          ("Fresh Foods Market", "Save-Rite Grocery"), (8, 20), 10, "CE"),
    _kind("job", "Restaurant", ("Dishwasher", "Host", "Line cook"),
          ("Rosa's Taquería", "Golden Dragon Restaurant", "Main Street Diner"), (10, 20), 10, "R"),
    _kind("job", "Lifeguard", ("Lifeguard",), ("City pool",), (10, 25), 10, "RS"),
    _kind("job", "Babysitting", ("Babysitter",), ("Neighbors",), (3, 10), 8, "S"),
    _kind("job", "Lawn mowing and yard work", ("Owner",), ("Own small business",), (4, 10), 8,
          "RE"),
    _kind("job", "Summer day camp", ("Junior counselor",), ("Parks and Recreation",), (20, 35),
          9, "S"),
    _kind("job", "Fast food", ("Crew member", "Shift lead"), ("Burger Barn",), (10, 22), 10,
          "C"),
    _kind("volunteering", "Food bank", ("Volunteer",), ("Northside Food Bank",), (1, 3), 6, "S"),
    _kind("volunteering", "Reading buddy", ("Volunteer reader",), ("Public library",), (1, 2),
          8, "S"),
    _kind("volunteering", "Animal shelter", ("Volunteer",), ("County animal shelter",), (2, 4),
          8, "SR"),
    _kind("volunteering", "Park cleanup", ("Volunteer",), ("Friends of Riverside Park",),
          (1, 2), 6, "R"),
    _kind("volunteering", "Youth group", ("Member", "Volunteer leader"),
          ("Church youth group", "Mosque youth group", "Temple youth group"), (2, 4), 6, "S"),
    _kind("volunteering", "Hospital volunteer", ("Junior volunteer",),
          ("Mercy General Hospital",), (2, 4), 10, "SI"),
    _kind("family", "Caring for younger siblings", ("Caregiver",), ("Home",), (8, 20), 6, "S"),
    _kind("family", "Helping at the family business", ("Cashier", "Helper", "Deliveries"),
          ("Family restaurant", "Family store"), (6, 15), 7, "EC"),
    _kind("family", "Interpreting for family", ("Interpreter",), ("Home",), (1, 3), 6, "S"),
    _kind("family", "Caring for a grandparent", ("Caregiver",), ("Home",), (3, 10), 7, "S"),
    _kind("family", "Cooking for the family", ("Cook",), ("Home",), (4, 8), 7, "R"),
    _kind("other", "Scouts", ("Scout", "Patrol leader"), ("Local troop",), (2, 4), 6, "RS"),
    _kind("other", "Martial arts", ("Yellow belt", "Blue belt", "Black belt"), ("Dojo",),
          (3, 6), 6, "R"),
    _kind("other", "Making videos", ("Creator",), ("Own channel",), (2, 6), 7, "AE"),
    _kind("other", "Coding projects", ("Self-taught",), ("At home",), (2, 6), 7, "I"),
)  # fmt: skip
INTERPRETING = "Interpreting for family"
ACTIVITY_NOTES: tuple[str, ...] = (
    "Practice Tuesdays and Thursdays after school.",
    "Weekends only during the school year.",
    "Wants a reference letter from the supervisor.",
    "Paid; helps the family with bills.",
    "Stopped to focus on grades.",
    "Needs a ride to get there.",
)

# Everyday supports by flag, with who usually provides them.
IEP_SUPPORTS: dict[str, tuple[str, ...]] = {
    "support-extra-time": ("Classroom teachers", "Special education teacher"),
    "support-chunking": ("Special education teacher", "Resource room teacher"),
    "support-planner": ("Case manager", "Special education teacher"),
    "support-check-ins": ("Case manager", "Paraprofessional"),
    "support-quiet-space": ("Resource room teacher",),
    "support-read-aloud": ("Paraprofessional", "Reading specialist"),
    "support-audio": ("School librarian", "Special education teacher"),
    "support-visual-schedule": ("Special education teacher",),
    "support-breaks": ("Classroom teachers",),
    "support-class-notes": ("Classroom teachers",),
}
PLAN_504_SUPPORTS: dict[str, tuple[str, ...]] = {
    "support-breaks": ("Classroom teachers", "School nurse"),
    "support-front-seat": ("Classroom teachers",),
    "support-reminders": ("Classroom teachers", "School counselor"),
    "support-extra-time": ("Classroom teachers",),
    "support-quiet-space": ("Classroom teachers",),
    "support-check-ins": ("School counselor", "School nurse"),
}
ELL_SUPPORTS: dict[str, tuple[str, ...]] = {
    "support-dictionary": ("Classroom teachers",),
    "support-home-language": ("Bilingual paraprofessional", "Classroom teachers"),
    "support-peer-buddy": ("A classmate who speaks the same language",),
    "support-read-aloud": ("Bilingual paraprofessional",),
    "support-tutoring": ("After-school tutoring program",),
}
ELD_CLASS = "support-eld-class"
ELD_PROVIDERS = ("English language development teacher", "ESL teacher")
OTHER_SUPPORTS: dict[str, tuple[str, ...]] = {
    "support-tutoring": ("After-school tutoring program", "National Honor Society peer tutors"),
    "support-homework-club": ("Library homework club",),
    "support-internet": ("School hotspot loan",),
    "support-device": ("School Chromebook program",),
    "support-mentor": ("Big Brothers Big Sisters", "Teacher mentor program"),
    "support-meals": ("School breakfast program",),
    "support-counselor": ("School counselor",),
    "support-transport": ("Activity bus",),
}
SUPPORT_NOTES: dict[str, tuple[str, ...]] = {
    "iep": (
        "Also written in the IEP; this is how it works day to day.",
        "Uses it mostly in math and science.",
    ),
    "plan_504": ("Part of the 504 plan; teachers have a copy.",),
    "ell": ("Helps most with science vocabulary.", "Less needed than last year."),
    "other": ("Goes twice a week.", "Family asked for it at conferences."),
}


def generate_self_exploration(
    students: Sequence[Student],
    seed: int,
    inventory: Inventory,
    checklists: Checklists,
) -> Iterator[SelfExplorationProfile]:
    """Self-exploration records for ``students``: one profile each, in the same order, made as
    they are asked for (so a caller can report progress while it stores them).

    The same students, seed, item bank and lists always give the same records. Some profiles
    are empty (students who have not met their counselor yet). student_id is left None: the
    caller pairs each profile with the id its student was stored under.
    """
    gen = _Generator(random.Random(f"self-exploration:{seed}"), inventory, checklists)
    return (gen.profile(student) for student in students)


@dataclass(frozen=True)
class _IndexedForm(InventoryForm):
    """The same form with its statements grouped by type once: scoring asks for each type's
    statements six times per attempt, and the demo scores thousands of attempts."""

    by_type: dict[str, tuple[Item, ...]] = field(default_factory=dict, compare=False)

    def items_of(self, letter: str) -> tuple[Item, ...]:
        return self.by_type[letter]

    @classmethod
    def of(cls, form: InventoryForm) -> _IndexedForm:
        by_type = {letter: form.items_of(letter) for letter in TYPES}
        return cls(
            key=form.key,
            title=form.title,
            instructions=form.instructions,
            items=form.items,
            scale=form.scale,
            by_type=by_type,
        )


class _Generator:
    """The random source and the data, while one school's records are made."""

    def __init__(self, rng: random.Random, inventory: Inventory, checklists: Checklists) -> None:
        self.rng = rng
        self.forms = {key: _IndexedForm.of(form) for key, form in inventory.forms.items()}
        self.entries = {
            kind: checklists.for_kind(kind).ids
            for kind in ("strength", "skill", "value", "learning")
        }
        self.top_types = list(TOP_WEIGHTS)
        self.top_weights = list(TOP_WEIGHTS.values())
        # Answer weights for 1-5 around a latent mean, cached by the mean rounded to 0.05.
        self._weights: dict[int, list[float]] = {}
        # Cumulative weights of list entries and activities, by what they depend on.
        self._cumulative: dict[tuple[object, ...], list[float]] = {}
        # Statement ids of each type on each form.
        self._type_ids = {
            key: {letter: [item.id for item in form.items_of(letter)] for letter in TYPES}
            for key, form in self.forms.items()
        }

    # One student ----------------------------------------------------------------------------
    def profile(self, student: Student) -> SelfExplorationProfile:
        rng = self.rng
        profile = SelfExplorationProfile(student_id=None)
        rate = DATA_RATE_GRADE_6 if student.grade == "6" else DATA_RATE
        if rng.random() >= rate:
            return profile
        grade = int(student.grade)
        spanish_family = "Spanish" in student.family_languages
        spanish_rate = SPANISH_RATE_ELL if student.ell else SPANISH_RATE_OTHER
        lang = "es" if spanish_family and rng.random() < spanish_rate else "en"
        latent = self._latent(student)
        sessions = self._session_days(grade)
        profile.attempts = self._attempts(student, latent, sessions, lang)
        order = sorted(TYPES, key=lambda t: -latent[t])
        profile.items = self._items(student, order, sessions, lang)
        profile.activities = self._activities(student, order, sessions)
        profile.supports = self._supports(student, sessions)
        return profile

    def _latent(self, student: Student) -> dict[str, float]:
        """Mean answer (1-5) the student gives each type's statements this year."""
        rng = self.rng
        if rng.random() < FLAT_RATE:
            return {t: rng.uniform(2.7, 3.3) for t in TYPES}
        pathway = PATHWAY_TYPES.get(student.cte_pathway)
        if pathway and rng.random() < PATHWAY_RATE:
            first, second = pathway[0], pathway[1]
        else:
            first = rng.choices(self.top_types, self.top_weights)[0]
            at = TYPES.index(first)
            if rng.random() < ADJACENT_SECOND_RATE:
                second = TYPES[(at + rng.choice((-1, 1))) % len(TYPES)]
            else:
                second = rng.choice([t for t in TYPES if t != first])
        third = rng.choice([t for t in TYPES if t not in (first, second)])
        latent = {t: rng.uniform(1.7, 3.0) for t in TYPES}
        latent[first] = rng.uniform(4.0, 4.6)
        latent[second] = rng.uniform(3.5, 4.1)
        latent[third] = rng.uniform(3.0, 3.6)
        return latent

    def _session_days(self, grade: int) -> list[dt.date]:
        """1-3 days, oldest first, on which the student met the counselor (one per school year).

        Only school years since grade 6, the first year of this middle school.
        """
        rng = self.rng
        years_here = min(grade - 5, 4)
        counts = [n for n in ATTEMPT_COUNT_WEIGHTS if n <= years_here]
        count = rng.choices(counts, [ATTEMPT_COUNT_WEIGHTS[n] for n in counts])[0]
        years = sorted(rng.sample(range(CURRENT_YEAR - years_here + 1, CURRENT_YEAR + 1), count))
        return [self._school_day(year) for year in years]

    def _school_day(self, year: int) -> dt.date:
        """A weekday in the fall (or, in past years, the spring) of the school year ``year``."""
        rng = self.rng
        if year < CURRENT_YEAR and rng.random() < 0.35:
            start, end = dt.date(year + 1, 2, 1), dt.date(year + 1, 4, 30)
        else:
            start = dt.date(year, 9, 8)
            end = AS_OF if year == CURRENT_YEAR else dt.date(year, 11, 20)
        day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
        if day.weekday() >= 5:  # a Saturday or Sunday: the Monday after,
            day += dt.timedelta(days=7 - day.weekday())
            if day > end:  # or the Friday before when that is past the window
                day -= dt.timedelta(days=3)
        return day

    # Inventory attempts -----------------------------------------------------------------------
    def _attempts(
        self, student: Student, latent: dict[str, float], days: list[dt.date], lang: str
    ) -> list[InventoryAttempt]:
        rng = self.rng
        # The newest attempt follows the latent profile; each earlier one drifts back from it.
        means = [latent]
        for _ in days[1:]:
            means.append(self._earlier(means[-1]))
        means.reverse()
        attempts: list[InventoryAttempt] = []
        previous_top: str | None = None
        said: set[str] = set()
        for index, (day, mean) in enumerate(zip(days, means, strict=True)):
            newest = index == len(days) - 1
            grade_then = str(int(student.grade) - (CURRENT_YEAR - day.year))
            if day.month < 8:  # the spring of a school year that started the year before
                grade_then = str(int(student.grade) - (CURRENT_YEAR - day.year + 1))
            form = self.forms[form_for_grade(grade_then)]
            unfinished = newest and day.year == CURRENT_YEAR and rng.random() < UNFINISHED_RATE
            attempt = self._attempt(form, mean, day, lang, unfinished)
            if attempt.finished:
                result = score_answers(form, attempt.answers)
                if result.code is not None and rng.random() < REFLECTION_RATE:
                    self._reflect(attempt, result, previous_top, day, said)
                previous_top = result.ranked[0] if result.code is not None else previous_top
            attempts.append(attempt)
        attempts.reverse()  # newest first, as the store lists them
        return attempts

    def _earlier(self, mean: dict[str, float]) -> dict[str, float]:
        """The year before: less differentiated, a little different, sometimes reordered."""
        rng = self.rng
        earlier = {
            t: _clamp(3 + (m - 3) * 0.85 + rng.gauss(0, 0.3), 1.2, 4.8) for t, m in mean.items()
        }
        if rng.random() < 0.3:
            top3 = sorted(TYPES, key=lambda t: -earlier[t])[:3]
            a, b = rng.sample(top3, 2)
            earlier[a], earlier[b] = earlier[b], earlier[a]
        return earlier

    def _attempt(
        self,
        form: InventoryForm,
        mean: dict[str, float],
        day: dt.date,
        lang: str,
        unfinished: bool,
    ) -> InventoryAttempt:
        rng = self.rng
        keyed = not unfinished and rng.random() < KEYED_RATE
        skip_rate = HEAVY_SKIP_SHARE if rng.random() < HEAVY_SKIP_RATE else SKIP_RATE
        # Each type's answers in one draw, then put in the form's (mixed) order.
        drawn: dict[str, int | None] = {}
        for letter, ids in self._type_ids[form.key].items():
            cumulative = self._answer_weights(mean[letter])
            values = rng.choices(SCALE_VALUES, cum_weights=cumulative, k=len(ids))
            drawn.update(zip(ids, values, strict=True))
        ids = form.ids
        answers = {item_id: drawn[item_id] for item_id in ids}
        for position in _skips(rng, len(ids), skip_rate):
            answers[ids[position]] = None
        if keyed:
            # Paper sheets are keyed in after school: a few minutes of typing.
            start = dt.datetime.combine(day, dt.time(15, 0)) + dt.timedelta(
                minutes=rng.randrange(90)
            )
            took = dt.timedelta(minutes=rng.randint(2, 4), seconds=rng.randrange(60))
        else:
            start = dt.datetime.combine(day, dt.time(8, 10)) + dt.timedelta(
                minutes=rng.randrange(390)
            )
            minutes = (9, 22) if form.key == "secondary" else (5, 13)
            took = dt.timedelta(minutes=rng.randint(*minutes), seconds=rng.randrange(60))
        finished: str | None = (start + took).isoformat(timespec="seconds")
        if unfinished:
            reached = rng.randint(5, len(form.items) - 5)
            answers = dict(list(answers.items())[:reached])
            took = took * reached / len(form.items)
            finished = None
        return InventoryAttempt(
            student_id=None,
            form=form.key,
            language=lang,
            started_at=start.isoformat(timespec="seconds"),
            entered_by="keyed" if keyed else "student",
            finished_at=finished,
            answers=answers,
            updated_at=(start + took).isoformat(timespec="seconds"),
        )

    def _answer_weights(self, mean: float) -> list[float]:
        """Cumulative weights of the answers 1-5 around ``mean``."""
        key = round(mean * 20)
        weights = self._weights.get(key)
        if weights is None:
            center = key / 20
            weights = list(
                itertools.accumulate(
                    math.exp(-((v - center) ** 2) / (2 * ANSWER_SPREAD**2)) for v in SCALE_VALUES
                )
            )
            self._weights[key] = weights
        return weights

    def _reflect(
        self,
        attempt: InventoryAttempt,
        result: InventoryResult,
        previous_top: str | None,
        day: dt.date,
        said: set[str],
    ) -> None:
        """The student's reflection on ``result``; ``said`` keeps one student from repeating."""
        rng = self.rng
        lang = attempt.language
        names = TYPE_NAMES[lang]
        templates = REFLECTIONS[lang]
        ranked = result.ranked
        top = ranked[0]
        top_tied = any(top in group for group in result.ties)
        if result.flat:
            agreement = rng.choice(("agree", "partly"))
            options = templates["flat"]
        else:
            agreement = rng.choices(list(AGREEMENT_WEIGHTS), list(AGREEMENT_WEIGHTS.values()))[0]
            options = templates[agreement]
            changed = previous_top is not None and previous_top != top and not top_tied
            if changed and agreement != "disagree" and rng.random() < HISTORY_REFLECTION_RATE:
                options = templates["history"]
        options = tuple(o for o in options if o not in said) or options
        template = rng.choice(options)
        said.add(template)
        low = rng.choice(ranked[3:])
        words = template.format(
            name=names[top],
            second=names[ranked[1]],
            third=names[ranked[2]],
            low=names[low],
            like=LIKES[lang][top],
            low_like=LIKES[lang][low],
            prev=names[previous_top] if previous_top else "",
        )
        attempt.agreement = agreement
        attempt.reflection = words
        # On paper, the student reflects at the next meeting, when the counselor has keyed it in.
        later = rng.randint(2, 10) if attempt.entered_by == "keyed" else 0
        attempt.reflected_on = min(day + dt.timedelta(days=later), AS_OF).isoformat()

    # Strengths, skills, values, learning ------------------------------------------------------
    def _items(
        self, student: Student, order: list[str], days: list[dt.date], lang: str
    ) -> list[ProfileItem]:
        rng = self.rng
        multilingual = any(language != "English" for language in student.family_languages)
        iso_days = [day.isoformat() for day in days]
        items: list[ProfileItem] = []
        for kind, (low, high) in PICKS.items():
            ids = self.entries[kind]
            key = (kind, order[0], order[1], multilingual, student.ell)
            cumulative = self._cumulative.get(key)
            if cumulative is None:
                weights = [self._entry_weight(i, order, multilingual, student.ell) for i in ids]
                cumulative = self._cumulative[key] = list(itertools.accumulate(weights))
            for entry_id in _distinct(rng, ids, cumulative, rng.randint(low, high)):
                items.append(self._item(student, kind, entry_id, "", order, iso_days, lang))
            if rng.random() < OTHER_ENTRY_RATE:
                other = rng.choice(OTHER_ENTRIES[lang][kind])
                items.append(self._item(student, kind, "", other, order, iso_days, lang))
        return items

    @staticmethod
    def _entry_weight(entry_id: str, order: list[str], multilingual: bool, ell: bool) -> float:
        if entry_id in MULTILINGUAL_ENTRIES:
            if not multilingual:
                return 0.0
            return 5.0 if ell or entry_id != "learning-first-language" else 0.3
        types = ENTRY_TYPES.get(entry_id, "")
        return 1.0 + 2.5 * (order[0] in types) + 1.2 * (order[1] in types)

    def _item(
        self,
        student: Student,
        kind: str,
        entry_id: str,
        other: str,
        order: list[str],
        days: list[str],
        lang: str,
    ) -> ProfileItem:
        rng = self.rng
        recorded = days[0] if rng.random() < 0.7 else rng.choice(days)  # ISO dates
        updated = recorded
        confidence = None
        if kind == "skill":
            confidence = self._confidence(student, entry_id, order)
            later = [d for d in days if d > recorded]
            if later and rng.random() < 0.3:
                updated = rng.choice(later)  # rated again at a later meeting
        note = rng.choice(ITEM_NOTES[lang][kind]) if rng.random() < ITEM_NOTE_RATE else ""
        return ProfileItem(
            kind=kind,
            entry_id=entry_id,
            other=other,
            confidence=confidence,
            note=note,
            recorded_on=recorded,
            updated_on=updated,
        )

    def _confidence(self, student: Student, entry_id: str, order: list[str]) -> int:
        value = self.rng.gauss(2.6, 0.8)
        types = ENTRY_TYPES.get(entry_id, "")
        if order[0] in types or order[1] in types:
            value += 0.7
        if student.gifted:
            value += 0.3
        if student.iep and entry_id in ("skill-reading", "skill-writing", "skill-notes"):
            value -= 0.6
        if student.ell and entry_id in ("skill-reading", "skill-writing", "skill-speaking"):
            value -= 0.6
        if entry_id == "skill-languages":
            value = 3.5  # they speak another language at home every day
        return int(_clamp(round(value), 1, 4))

    # Activities -------------------------------------------------------------------------------
    def _activities(
        self, student: Student, order: list[str], days: list[dt.date]
    ) -> list[Activity]:
        rng = self.rng
        grade = int(student.grade)
        # Only a family that speaks another language at home needs the student to interpret.
        interprets = bool(student.family_languages) and student.family_languages[0] != "English"
        key = ("activity", grade, interprets, order[0], order[1])
        cumulative = self._cumulative.get(key)
        if cumulative is None:
            weights = [
                (kind.min_grade <= grade and (kind.name != INTERPRETING or interprets))
                * (1.0 + 2.0 * (order[0] in kind.types) + 1.0 * (order[1] in kind.types))
                for kind in ACTIVITIES
            ]
            cumulative = self._cumulative[key] = list(itertools.accumulate(weights))
        counts = list(ACTIVITY_COUNT_WEIGHTS)
        count = rng.choices(counts, list(ACTIVITY_COUNT_WEIGHTS.values()))[0]
        chosen = _distinct(rng, ACTIVITIES, cumulative, count)
        return [self._activity(kind, grade, days) for kind in chosen]

    def _activity(self, kind: _ActivityKind, grade: int, days: list[dt.date]) -> Activity:
        rng = self.rng
        # Started some school year since reaching the activity's grade (at most three back).
        first_year = CURRENT_YEAR - min(grade - kind.min_grade, 3)
        year = rng.randint(first_year, CURRENT_YEAR)
        if kind.category in ("job", "family", "other"):
            start = dt.date(year, 6, 1) + dt.timedelta(days=rng.randrange(120))
        else:
            start = dt.date(year, 8, 20) + dt.timedelta(days=rng.randrange(45))
        start = min(start, AS_OF - dt.timedelta(days=14))
        end = ""
        ended_rate = 0.45 if kind.seasonal else 0.2
        if year < CURRENT_YEAR and rng.random() < ended_rate:
            length = 100 if kind.seasonal else 240
            end_day = min(start + dt.timedelta(days=rng.randint(60, 60 + length)), AS_OF)
            end = end_day.isoformat()
        low, high = kind.hours
        hours = float(rng.randint(low, high))
        if hours < high <= 4 and rng.random() < 0.3:
            hours += 0.5  # "an hour and a half on Wednesdays"
        recorded = next((d for d in days if d >= start), max(start, days[-1]))
        return Activity(
            category=kind.category,
            name=kind.name,
            role=rng.choice(kind.roles),
            organisation=rng.choice(kind.organisations),
            start_on=start.isoformat(),
            end_on=end,
            hours_per_week=hours,
            note=rng.choice(ACTIVITY_NOTES) if rng.random() < ACTIVITY_NOTE_RATE else "",
            recorded_on=min(recorded, AS_OF).isoformat(),
            updated_on=min(recorded, AS_OF).isoformat(),
        )

    # Supports ---------------------------------------------------------------------------------
    def _supports(self, student: Student, days: list[dt.date]) -> list[Support]:
        rng = self.rng
        picks: list[tuple[str, str, str]] = []  # (entry id, provider, why)
        if student.iep:
            for entry_id in rng.sample(list(IEP_SUPPORTS), rng.randint(2, 3)):
                picks.append((entry_id, rng.choice(IEP_SUPPORTS[entry_id]), "iep"))
        if student.plan_504:
            for entry_id in rng.sample(list(PLAN_504_SUPPORTS), rng.randint(1, 2)):
                picks.append((entry_id, rng.choice(PLAN_504_SUPPORTS[entry_id]), "plan_504"))
        if student.ell:
            picks.append((ELD_CLASS, rng.choice(ELD_PROVIDERS), "ell"))
            for entry_id in rng.sample(list(ELL_SUPPORTS), rng.randint(0, 2)):
                picks.append((entry_id, rng.choice(ELL_SUPPORTS[entry_id]), "ell"))
        if rng.random() < OTHER_SUPPORT_RATE:
            entry_id = rng.choice(list(OTHER_SUPPORTS))
            picks.append((entry_id, rng.choice(OTHER_SUPPORTS[entry_id]), "other"))
        supports: list[Support] = []
        seen: set[str] = set()
        grade = int(student.grade)
        for entry_id, provider, why in picks:
            if entry_id in seen:  # an IEP and English-learner services can both bring it
                continue
            seen.add(entry_id)
            year = rng.randint(CURRENT_YEAR - min(grade - 5, 4), CURRENT_YEAR)
            since = min(dt.date(year, 8, 25) + dt.timedelta(days=rng.randrange(60)), AS_OF)
            ended = ""
            if year < CURRENT_YEAR and rng.random() < SUPPORT_ENDED_RATE:
                ended_day = since + dt.timedelta(days=rng.randint(90, 300))
                ended = min(ended_day, AS_OF).isoformat()
            note = rng.choice(SUPPORT_NOTES[why]) if rng.random() < SUPPORT_NOTE_RATE else ""
            recorded = next((d for d in days if d >= since), max(since, days[-1]))
            supports.append(
                Support(
                    entry_id=entry_id,
                    provided_by=provider,
                    since=since.isoformat(),
                    ended_on=ended,
                    note=note,
                    recorded_on=min(recorded, AS_OF).isoformat(),
                    updated_on=min(recorded, AS_OF).isoformat(),
                )
            )
        return supports


def _distinct(
    rng: random.Random, options: Sequence[T], cumulative: Sequence[float], k: int
) -> list[T]:
    """``k`` distinct options drawn by (cumulative) weight, kept in the options' order.

    Options of weight 0 are never drawn; fewer than ``k`` come back if fewer can be.
    """
    if k >= len(options):
        k = sum(1 for low, high in itertools.pairwise([0.0, *cumulative]) if high > low)
    indexes = range(len(options))
    chosen: set[int] = set()
    while len(chosen) < k:
        chosen.update(rng.choices(indexes, cum_weights=cumulative, k=k - len(chosen)))
    return [options[i] for i in sorted(chosen)]


def _skips(rng: random.Random, count: int, rate: float) -> list[int]:
    """Positions (of ``count``) each skipped with chance ``rate``: the gaps between skips are
    drawn directly, so a rare skip costs one random number per attempt, not one per statement.
    """
    positions: list[int] = []
    log_keep = math.log(1.0 - rate)
    position = -1
    while True:
        position += 1 + int(math.log(1.0 - rng.random()) / log_keep)
        if position >= count:
            return positions
        positions.append(position)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
