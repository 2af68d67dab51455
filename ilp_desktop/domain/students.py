"""A student on the roster, and the rules a student record must satisfy."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .dates import read_iso_date
from .grades import GradeError, parse_grade
from .text import fold

# The flags a counselor needs to see at a glance. An IEP or 504 plan is a separate legal
# document; the ILP only notes that one exists.
FLAG_LABELS: dict[str, str] = {
    "iep": "IEP",
    "plan_504": "504 plan",
    "ell": "English learner",
    "gifted": "Gifted",
    "cte": "CTE pathway",
}
IEP_NOTE = (
    "An IEP is the separate legal special-education document; the ILP does not replace it. "
    "A student may have both."
)


@dataclass
class Guardian:
    """A parent or guardian and how to reach them."""

    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    language: str = ""


@dataclass
class Student:
    """One student's roster record."""

    sis_id: str
    first_name: str
    last_name: str
    grade: str
    preferred_name: str = ""
    homeroom: str = ""
    counselor: str = ""
    date_of_birth: str = ""  # ISO date or empty
    family_languages: list[str] = field(default_factory=list)
    guardians: list[Guardian] = field(default_factory=list)
    iep: bool = False
    plan_504: bool = False
    ell: bool = False
    gifted: bool = False
    cte: bool = False
    cte_pathway: str = ""
    notes: str = ""
    archived_at: str = ""  # ISO timestamp or empty
    id: int | None = None

    @property
    def archived(self) -> bool:
        return bool(self.archived_at)

    @property
    def full_name(self) -> str:
        return _written_name(self.first_name, self.last_name)

    @property
    def display_name(self) -> str:
        """The name to call the student by: preferred first name where set."""
        return _written_name(self.preferred_name or self.first_name, self.last_name)

    @property
    def sort_name(self) -> str:
        """ "Last, First" as listed on a roster (王小明 as written in its script)."""
        return _listed_name(self.first_name, self.last_name)

    def flag_labels(self) -> list[str]:
        """Labels of the flags that are set, in a fixed order."""
        labels = []
        for attr, label in FLAG_LABELS.items():
            if getattr(self, attr):
                if attr == "cte" and self.cte_pathway:
                    label = f"CTE: {self.cte_pathway}"
                labels.append(label)
        return labels

    def with_changes(self, **changes: object) -> Student:
        return replace(self, **changes)


def name_sort_key(student: Student) -> str:
    """Last name, then first name, folded: Ødegård sorts among the O's, Łukasz among the L's."""
    return f"{fold(student.last_name)}\t{fold(student.first_name)}"


def _family_name_first(text: str) -> bool:
    """Names written in Chinese, Japanese or Korean script put the family name first."""
    return any(
        "\u4e00" <= c <= "\u9fff"  # CJK ideographs
        or "\u3400" <= c <= "\u4dbf"  # CJK extension A
        or "\uac00" <= c <= "\ud7af"  # Hangul syllables
        or "\u3040" <= c <= "\u30ff"  # Hiragana and Katakana
        for c in text
    )


def _written_name(given: str, family: str) -> str:
    """王小明 and 김수빈 as written in their script; "Ana Peña" otherwise."""
    if family and given and _family_name_first(family + given):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)


def _listed_name(given: str, family: str) -> str:
    if family and given and not _family_name_first(family + given):
        return f"{family}, {given}"
    return _written_name(given, family)


def search_key(student: Student) -> str:
    """What the roster search matches against: names, preferred name and SIS id, folded."""
    parts = [student.first_name, student.last_name, student.preferred_name, student.sis_id]
    return fold(" ".join(p for p in parts if p))


_SIS_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_date_of_birth(text: str, today: dt.date | None = None) -> str | None:
    """Return a message if ``text`` is not a plausible ISO date of birth, else None."""
    if not text:
        return None
    born, problem = read_iso_date(text, example="2011-03-14")
    if born is None:
        return problem
    today = today or dt.date.today()
    if born > today:
        return "The date of birth is in the future."
    if born.year < today.year - 100:
        return "The date of birth is more than 100 years ago."
    return None


def validate_student(
    student: Student,
    *,
    sis_id_owner: str | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """Check a student record; return {field name: message} for each problem.

    ``sis_id_owner`` is the name of another student who already has this SIS id, if any.
    Messages are written for the counselor who typed the value.
    """
    problems: dict[str, str] = {}
    sis_id = student.sis_id.strip()
    if not sis_id:
        problems["sis_id"] = "Enter the student's SIS id."
    elif not _SIS_ID.match(sis_id):
        problems["sis_id"] = "A SIS id is up to 32 letters or digits (and . _ / -), with no spaces."
    elif sis_id_owner:
        problems["sis_id"] = f"SIS id {sis_id} already belongs to {sis_id_owner}."
    if not student.first_name.strip():
        problems["first_name"] = "Enter a first name."
    if not student.last_name.strip():
        problems["last_name"] = "Enter a last name."
    try:
        parse_grade(student.grade)
    except GradeError as error:
        problems["grade"] = str(error)
    dob_problem = validate_date_of_birth(student.date_of_birth.strip(), today)
    if dob_problem:
        problems["date_of_birth"] = dob_problem
    for index, guardian in enumerate(student.guardians):
        if not guardian.name.strip():
            problems[f"guardian_{index}"] = f"Guardian {index + 1} needs a name."
        elif guardian.email and not _EMAIL.match(guardian.email.strip()):
            problems[f"guardian_{index}"] = (
                f"{guardian.name}'s email “{guardian.email}” is missing its @ or domain."
            )
    return problems


def normalized(student: Student) -> Student:
    """The record as it is stored: trimmed text, grade as its code."""
    grade = parse_grade(student.grade)
    return replace(
        student,
        sis_id=student.sis_id.strip(),
        first_name=student.first_name.strip(),
        last_name=student.last_name.strip(),
        preferred_name=student.preferred_name.strip(),
        homeroom=student.homeroom.strip(),
        counselor=student.counselor.strip(),
        date_of_birth=student.date_of_birth.strip(),
        family_languages=[lang.strip() for lang in student.family_languages if lang.strip()],
        guardians=[
            replace(
                g,
                name=g.name.strip(),
                relationship=g.relationship.strip(),
                phone=g.phone.strip(),
                email=g.email.strip(),
                language=g.language.strip(),
            )
            for g in student.guardians
        ],
        cte_pathway=student.cte_pathway.strip() if student.cte else "",
        grade=grade,
    )


@dataclass(slots=True)
class RosterEntry:
    """A student as the roster lists them: just what the list shows, sorts and searches.

    Kept light (no guardians, no notes) because the roster loads thousands at start-up.
    """

    id: int
    sis_id: str
    first_name: str
    last_name: str
    preferred_name: str
    grade: str
    homeroom: str
    counselor: str
    archived_at: str
    search_key: str
    sort_key: str

    @classmethod
    def of(cls, student: Student) -> RosterEntry:
        assert student.id is not None
        return cls(
            student.id,
            student.sis_id,
            student.first_name,
            student.last_name,
            student.preferred_name,
            student.grade,
            student.homeroom,
            student.counselor,
            student.archived_at,
            search_key(student),
            name_sort_key(student),
        )

    @property
    def sort_name(self) -> str:
        return _listed_name(self.first_name, self.last_name)
