"""A made-up school roster for training and trying the app, generated from a seed.

Plain Python: the caller loads the name data (resources/demo/names.json) and stores the result.
The same seed and name data always give the same students, so a demo database can be rebuilt
exactly and a bug report can name the seed that shows it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .students import Guardian, Student
from .text import fold

# The demo's school year; ages follow from it, so the demo does not shift with the clock.
SCHOOL_YEAR_START = dt.date(2026, 8, 15)

# Middle and high school. Grade 9 is the largest (students repeating it); 12 the smallest
# (students leave or graduate early).
GRADE_WEIGHTS: dict[str, int] = {"6": 14, "7": 14, "8": 14, "9": 16, "10": 15, "11": 14, "12": 13}
MIDDLE_GRADES = ("6", "7", "8")
HIGH_GRADES = ("9", "10", "11", "12")
HOMEROOM_SIZE = 28

IEP_RATE = 0.13
PLAN_504_RATE = 0.057  # among students without an IEP: an IEP already covers what a 504 would
GIFTED_RATE = 0.075
GIFTED_WITH_IEP_RATE = 0.02  # "twice-exceptional" students exist, but are rarer
NAME_TRIES = 6
PREFERRED_NAME_RATE = 0.35  # of students whose name has a nickname or a Latin spelling
NOTE_RATE = 0.12
TWO_GUARDIANS_RATE = 0.62
# English learners: mostly where English is not spoken at home.
ELL_RATE_NO_ENGLISH = 0.22
ELL_RATE_ENGLISH_SECOND = 0.08
ELL_RATE_ENGLISH_FIRST = 0.004
# Students start a CTE pathway in high school, more of them in the later years (~25% overall).
CTE_RATE_BY_GRADE: dict[str, float] = {"9": 0.15, "10": 0.23, "11": 0.30, "12": 0.33}
CTE_PATHWAYS: dict[str, int] = {
    "Health Science": 6,
    "Information Technology": 5,
    "Manufacturing": 3,
    "Agriculture, Food and Natural Resources": 3,
    "Hospitality and Tourism": 2,
    "Architecture and Construction": 3,
    "Business Management and Administration": 3,
    "Arts, A/V Technology and Communications": 3,
    "Transportation, Distribution and Logistics": 2,
    "Education and Training": 2,
    "Law, Public Safety and Security": 2,
}

# First guardian listed, and who is usually listed with them.
FIRST_RELATIONSHIPS: dict[str, int] = {
    "Mother": 58,
    "Father": 25,
    "Grandmother": 6,
    "Grandfather": 1,
    "Aunt": 3,
    "Uncle": 1,
    "Foster parent": 2,
    "Legal guardian": 4,
}
SECOND_RELATIONSHIPS: dict[str, dict[str, int]] = {
    "Mother": {"Father": 80, "Stepfather": 12, "Grandmother": 8},
    "Father": {"Mother": 70, "Stepmother": 20, "Grandmother": 10},
    "Grandmother": {"Grandfather": 70, "Aunt": 30},
    "Grandfather": {"Grandmother": 100},
    "Aunt": {"Uncle": 100},
    "Uncle": {"Aunt": 100},
    "Foster parent": {"Foster parent": 100},
    "Legal guardian": {"Legal guardian": 100},
}
_FEMALE = frozenset({"Mother", "Grandmother", "Aunt", "Stepmother"})
_MALE = frozenset({"Father", "Grandfather", "Uncle", "Stepfather"})
# Relatives who usually carry the student's own family name (in its male or married form).
_SAME_FAMILY = frozenset({"Father", "Grandfather", "Uncle"})
_PARENTS = frozenset({"Mother", "Father", "Stepmother", "Stepfather"})

GENERAL_NOTES: tuple[str, ...] = (
    "Prefers to meet before school.",
    "Works weekends at the family business.",
    "Plays on the soccer team; practice is after school.",
    "Robotics & coding club; ask about the summer camp.",
    "Older sibling graduated last year.",
    "Takes the late bus; lunch meetings work best.",
    "Interested in nursing; talk about job shadowing.",
    "Wants to try welding; visit the CTE center.",
    "Cares for younger siblings after school.",
    "Asked about the college fair in October.",
    "Shy at first; likes to bring a friend to meetings.",
    "Moved from another district in the spring.",
)
TRANSITION_NOTE = "New to the building this year; check in during the first month."
DUAL_CREDIT_NOTE = "Takes a dual-credit class at the community college."
INTERPRETER_NOTE = "Family asks for an interpreter at conferences ({language})."
NEWCOMER_NOTE = "Arrived in the country last year; newcomer program."

_NOT_EMAIL = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True, slots=True)
class _Name:
    text: str  # as the family writes it, in its own script
    latin: str  # Latin letters: for e-mail addresses and alphabetical caseloads


@dataclass(frozen=True, slots=True)
class _FamilyName:
    male: _Name
    female: _Name  # a daughter's form (Kowalska, Ní Bhriain)
    wife: _Name  # a married woman's form (Uí Bhriain); the female form where there is none


@dataclass(frozen=True, slots=True)
class _Group:
    id: str
    weight: float
    languages: tuple[str, ...]
    language_weights: tuple[float, ...]
    second_languages: tuple[str, ...]
    bilingual: float
    mother_keeps_name: float
    family_first: bool
    joiner: str
    call_by_last_given: bool
    female: tuple[_Name, ...]
    male: tuple[_Name, ...]
    family: tuple[_FamilyName, ...]
    nicknames: tuple[str, ...]

    def adult_name(self, given: _Name, family: _Name) -> str:
        """An adult's full name, in the order the family writes it (王伟, Nguyễn Văn Hùng)."""
        if self.family_first:
            return f"{family.text}{self.joiner}{given.text}"
        return f"{given.text} {family.text}"


def _name(entry: object, where: str) -> _Name:
    if isinstance(entry, str) and entry.strip():
        return _Name(entry, entry)
    if (
        isinstance(entry, list)
        and len(entry) == 2
        and all(isinstance(part, str) and part.strip() for part in entry)
    ):
        return _Name(entry[0], entry[1])
    raise ValueError(f"names data: {where}: {entry!r} is not a name or [name, Latin spelling]")


def _family_name(entry: object, where: str) -> _FamilyName:
    if isinstance(entry, dict):
        try:
            male = _name(entry["male"], where)
            female = _name(entry["female"], where)
        except KeyError as missing:
            raise ValueError(f"names data: {where}: {entry!r} lacks {missing}") from None
        wife = _name(entry["wife"], where) if "wife" in entry else female
        return _FamilyName(male, female, wife)
    name = _name(entry, where)
    return _FamilyName(name, name, name)


def _group(raw: Mapping[str, Any]) -> _Group:
    gid = str(raw.get("id", "?"))
    try:
        languages = dict(raw["languages"])
        group = _Group(
            id=gid,
            weight=float(raw["weight"]),
            languages=tuple(languages),
            language_weights=tuple(float(w) for w in languages.values()),
            second_languages=tuple(raw.get("second_languages", ())),
            bilingual=float(raw.get("bilingual", 0.0)),
            mother_keeps_name=float(raw.get("mother_keeps_name", 0.0)),
            family_first=bool(raw.get("family_first", False)),
            joiner=str(raw.get("joiner", " ")),
            call_by_last_given=bool(raw.get("call_by_last_given", False)),
            female=tuple(_name(n, f"{gid}.female") for n in raw["female"]),
            male=tuple(_name(n, f"{gid}.male") for n in raw["male"]),
            family=tuple(_family_name(n, f"{gid}.family") for n in raw["family"]),
            nicknames=tuple(raw.get("nicknames", ())),
        )
    except KeyError as missing:
        raise ValueError(f"names data: group {gid} lacks {missing}") from None
    if not (group.languages and group.female and group.male and group.family):
        raise ValueError(f"names data: group {gid} needs languages, female, male and family")
    return group


class _Generator:
    """Holds the parsed name data and the random source while one roster is built."""

    def __init__(self, rng: random.Random, names: Mapping[str, Any]) -> None:
        self.rng = rng
        try:
            self.groups = [_group(raw) for raw in names["groups"]]
            self.nickname_map: dict[str, list[str]] = dict(names.get("nicknames", {}))
            self.counselor_pool: list[str] = list(names["counselors"])
            places = names.get("places", {})
        except KeyError as missing:
            raise ValueError(f"names data lacks {missing}") from None
        if not self.groups:
            raise ValueError("names data has no name groups")
        if len(self.counselor_pool) < 4:
            raise ValueError("names data needs at least four counselors")
        self.group_weights = [g.weight for g in self.groups]
        self.area_codes: list[str] = list(places.get("area_codes", ["555"]))
        self.email_domains: list[str] = list(places.get("email_domains", ["example.org"]))
        self.pathways = list(CTE_PATHWAYS)
        self.pathway_weights = list(CTE_PATHWAYS.values())
        self.first_relationships = list(FIRST_RELATIONSHIPS)
        self.first_weights = list(FIRST_RELATIONSHIPS.values())
        self.used_names: set[tuple[str, str]] = set()

    # One student -----------------------------------------------------------------------------
    def student(self, sis_id: str, grade: str, group: _Group) -> tuple[Student, _Name]:
        """A student without homeroom or counselor; also the Latin form of the last name."""
        rng = self.rng
        female = rng.random() < 0.5
        # A few more draws when the name is taken: a real school has some namesakes, but
        # not three students called Rania Abboud.
        for _ in range(NAME_TRIES):
            given = rng.choice(group.female if female else group.male)
            family = rng.choice(group.family)
            last = family.female if female else family.male
            if (given.text, last.text) not in self.used_names:
                break
        self.used_names.add((given.text, last.text))
        languages = self._languages(group)
        guardians = self._guardians(group, family, languages, given)
        ell = rng.random() < _ell_rate(languages)
        iep = rng.random() < IEP_RATE
        cte_rate = CTE_RATE_BY_GRADE.get(grade, 0.0)
        cte = rng.random() < cte_rate if cte_rate else False
        student = Student(
            sis_id=sis_id,
            first_name=given.text,
            last_name=last.text,
            grade=grade,
            preferred_name=self._preferred(group, given)
            if rng.random() < PREFERRED_NAME_RATE
            else "",
            date_of_birth=self._birthday(grade).isoformat(),
            family_languages=languages,
            guardians=guardians,
            iep=iep,
            plan_504=not iep and rng.random() < PLAN_504_RATE,
            ell=ell,
            gifted=rng.random() < (GIFTED_WITH_IEP_RATE if iep else GIFTED_RATE),
            cte=cte,
            cte_pathway=rng.choices(self.pathways, self.pathway_weights)[0] if cte else "",
        )
        if rng.random() < NOTE_RATE:
            student.notes = self._note(student)
        return student, last

    def _languages(self, group: _Group) -> list[str]:
        rng = self.rng
        first = rng.choices(group.languages, group.language_weights)[0]
        if group.second_languages and rng.random() < group.bilingual:
            second = rng.choice(group.second_languages)
            if second != first:
                return [first, second]
        return [first]

    def _preferred(self, group: _Group, given: _Name) -> str:
        """A nickname, an anglicised name, or the Latin spelling of a name in another script."""
        rng = self.rng
        own = list(self.nickname_map.get(given.text, ()))
        if given.latin != given.text:
            own.append(given.latin)
        if group.call_by_last_given and " " in given.text:
            own.append(given.text.rsplit(" ", 1)[1])  # Văn An goes by An
        # Only nicknames of this very name: a group-wide list gave José the nickname "Sofi".
        options = [name for name in own if name != given.text]
        return rng.choice(options) if options else ""

    def _birthday(self, grade: str) -> dt.date:
        """Age on 1 September is grade + 5; a few students are a year older or younger."""
        years_old = int(grade) + 5
        roll = self.rng.random()
        if roll < 0.04:
            years_old += 1  # repeated a year or started late
        elif roll < 0.05:
            years_old -= 1  # skipped a year
        cutoff = dt.date(SCHOOL_YEAR_START.year, 9, 1)
        latest = cutoff.replace(year=cutoff.year - years_old)
        return latest - dt.timedelta(days=self.rng.randrange(365))

    def _guardians(
        self, group: _Group, family: _FamilyName, languages: list[str], child: _Name
    ) -> list[Guardian]:
        rng = self.rng
        first = rng.choices(self.first_relationships, self.first_weights)[0]
        relationships = [first]
        if rng.random() < TWO_GUARDIANS_RATE:
            follow = SECOND_RELATIONSHIPS[first]
            relationships.append(rng.choices(list(follow), list(follow.values()))[0])
        area = rng.choice(self.area_codes)
        return [self._guardian(group, family, languages, rel, area, child) for rel in relationships]

    def _guardian(
        self,
        group: _Group,
        family: _FamilyName,
        languages: list[str],
        relationship: str,
        area_code: str,
        child: _Name,
    ) -> Guardian:
        rng = self.rng
        if relationship in _FEMALE:
            female = True
        elif relationship in _MALE:
            female = False
        else:
            female = rng.random() < 0.6
        given = rng.choice(group.female if female else group.male)
        if given == child:  # a parent may share the child's name, but the demo reads better without
            given = rng.choice(group.female if female else group.male)
        # Chance she goes by her own family name rather than the family's (married form).
        own_name = {"Mother": group.mother_keeps_name, "Grandmother": 0.5}.get(relationship)
        if relationship in _SAME_FAMILY:
            surname = family.male
        elif own_name is not None and rng.random() >= own_name:
            surname = family.wife
        else:  # her own family name, or a step-parent's, foster parent's, ...
            other = rng.choice(group.family)
            surname = other.female if female else other.male
        # A bilingual family: some parents prefer the second language; grandparents rarely do.
        language = languages[0]
        if len(languages) > 1 and relationship in _PARENTS and rng.random() < 0.3:
            language = languages[1]
        phone = f"({area_code}) 555-01{rng.randrange(100):02d}" if rng.random() < 0.93 else ""
        email = self._email(given, surname) if rng.random() < 0.75 else ""
        return Guardian(
            name=group.adult_name(given, surname),
            relationship=relationship,
            phone=phone,
            email=email,
            language=language,
        )

    def _email(self, given: _Name, family: _Name) -> str:
        rng = self.rng
        first = _NOT_EMAIL.sub("", fold(given.latin)) or "family"
        last = _NOT_EMAIL.sub("", fold(family.latin)) or "home"
        style = rng.randrange(5)
        if style == 0:
            local = f"{first}.{last}"
        elif style == 1:
            local = f"{first}{last}"
        elif style == 2:
            local = f"{first[0]}{last}"
        elif style == 3:
            local = f"{first}.{last}{rng.randrange(1, 100)}"
        else:
            local = f"{last}.{first}"
        return f"{local}@{rng.choice(self.email_domains)}"

    def _note(self, student: Student) -> str:
        notes = list(GENERAL_NOTES)
        if student.grade in ("6", "9"):
            notes.append(TRANSITION_NOTE)
        if student.grade in ("11", "12"):
            notes.append(DUAL_CREDIT_NOTE)
        if student.ell:
            notes.append(NEWCOMER_NOTE)
        guardian_language = student.guardians[0].language if student.guardians else ""
        if guardian_language and guardian_language != "English":
            notes.append(INTERPRETER_NOTE.format(language=guardian_language))
        return self.rng.choice(notes)

    # The school ------------------------------------------------------------------------------
    def counselors(self, count: int) -> list[str]:
        """4 to 6 counselors: a school this size would have as many as the budget allows."""
        wanted = 4 if count < 700 else 5 if count < 1500 else 6
        return self.rng.sample(self.counselor_pool, min(wanted, len(self.counselor_pool)))


def _ell_rate(languages: Sequence[str]) -> float:
    if "English" not in languages:
        return ELL_RATE_NO_ENGLISH
    if languages[0] != "English":
        return ELL_RATE_ENGLISH_SECOND
    return ELL_RATE_ENGLISH_FIRST


def homeroom_names(grade: str, count: int) -> list[str]:
    """Homerooms for one grade: "6A", "6B"… in middle school, "Room 114"… in high school."""
    if grade in MIDDLE_GRADES:
        if count <= 26:
            return [f"{grade}{chr(ord('A') + i)}" for i in range(count)]
        return [f"{grade}-{i + 1}" for i in range(count)]
    floor = int(grade) - 8  # grade 9 on the first floor, grade 12 on the fourth
    if count <= 89:
        return [f"Room {floor * 100 + 10 + i}" for i in range(count)]
    return [f"Room {floor}-{i + 1}" for i in range(count)]


def split_counselors(counselors: Sequence[str]) -> tuple[list[str], list[str]]:
    """Middle-school (6-8) and high-school (9-12) teams, sized by their share of grades."""
    middle = max(1, round(len(counselors) * len(MIDDLE_GRADES) / len(GRADE_WEIGHTS)))
    return list(counselors[:middle]), list(counselors[middle:])


def initial(latin_last_name: str) -> str:
    """The letter a caseload is filed under: Ó Briain under O, Al-Hassan under A."""
    letters = _NOT_EMAIL.sub("", fold(latin_last_name))
    return letters[:1] or "z"


def alphabet_cuts(initials: Sequence[str], slices: int) -> list[str]:
    """First letters of caseloads 2..n, chosen so ``slices`` caseloads come out about even.

    A counselor's slice of the alphabet is then ``bisect_right(cuts, initial)``: with cuts
    ["h", "p"], A-G is the first caseload, H-O the second and P-Z the third.
    """
    counts = Counter(initials)
    total = len(initials)
    cuts: list[str] = []
    running = 0
    for letter in sorted(counts):
        if len(cuts) == slices - 1:
            break
        target = total * (len(cuts) + 1) / slices
        before, running = running, running + counts[letter]
        if running >= target:
            # Cut before or after this letter, whichever lands nearer the even share.
            nearer_before = target - before < running - target and before > 0
            cut = letter if nearer_before else chr(ord(letter) + 1)
            if not cuts or cut > cuts[-1]:
                cuts.append(cut)
    return cuts


def generate_students(count: int, seed: int, names: Mapping[str, Any]) -> list[Student]:
    """Build ``count`` made-up students for a demo school, the same ones for the same seed.

    ``names`` is the name data of resources/demo/names.json. Every student passes
    ``validate_student``; SIS ids are unique. Raises ValueError for a negative count or
    name data it cannot use.
    """
    if count < 0:
        raise ValueError("the number of students cannot be negative")
    rng = random.Random(seed)
    gen = _Generator(rng, names)
    grade_codes = list(GRADE_WEIGHTS)
    grades = rng.choices(grade_codes, list(GRADE_WEIGHTS.values()), k=count)
    groups = rng.choices(gen.groups, gen.group_weights, k=count)
    # 6- and 7-digit district ids, never repeated.
    sis_ids = rng.sample(range(100_000, 3_000_000), count)

    middle_team, high_team = split_counselors(gen.counselors(count))
    per_grade = dict.fromkeys(grade_codes, 0)
    for grade in grades:
        per_grade[grade] += 1
    rooms = {
        grade: homeroom_names(grade, max(1, math.ceil(n / HOMEROOM_SIZE)))
        for grade, n in per_grade.items()
    }
    seated = dict.fromkeys(grade_codes, 0)

    students: list[Student] = []
    initials: list[str] = []
    for sis_id, grade, group in zip(sis_ids, grades, groups, strict=True):
        student, latin_last = gen.student(str(sis_id), grade, group)
        # Students come in random order, so dealing seats in turn fills homerooms evenly.
        grade_rooms = rooms[grade]
        student.homeroom = grade_rooms[seated[grade] % len(grade_rooms)]
        seated[grade] += 1
        students.append(student)
        initials.append(initial(latin_last.latin))

    # Each team splits its caseload by last name, at letters that even out the caseloads.
    for team, team_grades in ((middle_team, MIDDLE_GRADES), (high_team, HIGH_GRADES)):
        members = [i for i, s in enumerate(students) if s.grade in team_grades]
        cuts = alphabet_cuts([initials[i] for i in members], len(team))
        for i in members:
            students[i].counselor = team[bisect_right(cuts, initials[i])]
    return students
