"""The demo school's students: deterministic, varied, plausible, and always valid."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata
from collections import Counter
from typing import Any

import pytest

from ilp_desktop.domain.demo_students import (
    SCHOOL_YEAR_START,
    alphabet_cuts,
    generate_students,
    homeroom_names,
    initial,
)
from ilp_desktop.domain.students import Student, validate_student
from ilp_desktop.paths import resource

GRADES = {"6", "7", "8", "9", "10", "11", "12"}
PHONE = re.compile(r"^\(\d{3}\) 555-01\d\d$")


@pytest.fixture(scope="module")
def names() -> dict[str, Any]:
    return json.loads(resource("demo", "names.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def school(names: dict[str, Any]) -> list[Student]:
    return generate_students(500, 11, names)


@pytest.fixture(scope="module")
def big_school(names: dict[str, Any]) -> list[Student]:
    """Large enough that rates sit close to what they are meant to be."""
    return generate_students(3000, 4, names)


def _scripts(text: str) -> set[str]:
    """Scripts of the letters in ``text``; "LATIN+" for Latin letters beyond plain ASCII."""
    found = set()
    for char in text:
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "?").split()[0]
        if script == "LATIN" and not char.isascii():
            script = "LATIN+"
        found.add(script)
    return found


def _all_names(student: Student) -> str:
    return " ".join([student.first_name, student.last_name, *(g.name for g in student.guardians)])


# Determinism -------------------------------------------------------------------------------
def test_same_seed_gives_the_same_students(names: dict[str, Any]) -> None:
    assert generate_students(300, 7, names) == generate_students(300, 7, names)


def test_different_seed_gives_different_students(names: dict[str, Any]) -> None:
    first = generate_students(300, 7, names)
    second = generate_students(300, 8, names)
    assert [s.sis_id for s in first] != [s.sis_id for s in second]
    assert [s.full_name for s in first] != [s.full_name for s in second]


def test_zero_students_is_an_empty_school(names: dict[str, Any]) -> None:
    assert generate_students(0, 1, names) == []


def test_negative_count_is_refused(names: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        generate_students(-1, 1, names)


def test_unusable_name_data_is_refused_clearly(names: dict[str, Any]) -> None:
    broken = dict(names, groups=[{"id": "x", "weight": 1, "languages": {"English": 1}}])
    with pytest.raises(ValueError, match="group x"):
        generate_students(5, 1, broken)
    with pytest.raises(ValueError, match="counselors"):
        generate_students(5, 1, {"groups": names["groups"]})


# Every student valid ----------------------------------------------------------------------
def test_every_student_is_valid(big_school: list[Student]) -> None:
    problems = {s.sis_id: validate_student(s) for s in big_school}
    assert {sis: p for sis, p in problems.items() if p} == {}


def test_sis_ids_are_unique_six_or_seven_digits(big_school: list[Student]) -> None:
    ids = [s.sis_id for s in big_school]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d{6,7}", sis) for sis in ids)
    assert {len(sis) for sis in ids} == {6, 7}


# Grades, ages, homerooms, counselors -------------------------------------------------------
def test_grades_are_six_to_twelve_all_present(school: list[Student]) -> None:
    counts = Counter(s.grade for s in school)
    assert set(counts) == GRADES
    # Plausible proportions: no grade much bigger or smaller than a seventh of the school.
    assert all(0.08 < n / len(school) < 0.22 for n in counts.values())


def test_date_of_birth_fits_the_grade(big_school: list[Student]) -> None:
    september = dt.date(SCHOOL_YEAR_START.year, 9, 1)
    off_by_a_year = 0
    for student in big_school:
        born = dt.date.fromisoformat(student.date_of_birth)
        birthday_to_come = (september.month, september.day) < (born.month, born.day)
        age = september.year - born.year - birthday_to_come
        expected = int(student.grade) + 5  # a grade-9 student is 14 on 1 September
        assert abs(age - expected) <= 1, (student.grade, student.date_of_birth)
        off_by_a_year += age != expected
    assert off_by_a_year < 0.1 * len(big_school)


def test_a_ninth_grader_is_fourteen_or_fifteen(big_school: list[Student]) -> None:
    ninth = [s for s in big_school if s.grade == "9"]
    years = Counter(dt.date.fromisoformat(s.date_of_birth).year for s in ninth)
    assert set(years) <= {2010, 2011, 2012, 2013}
    assert years[2011] + years[2012] > 0.9 * len(ninth)


def test_homerooms_belong_to_their_grade(big_school: list[Student]) -> None:
    rooms_by_grade: dict[str, set[str]] = {}
    for student in big_school:
        rooms_by_grade.setdefault(student.grade, set()).add(student.homeroom)
    for grade in ("6", "7", "8"):
        assert all(room.startswith(grade) for room in rooms_by_grade[grade])
    for grade in ("9", "10", "11", "12"):
        assert all(room.startswith("Room ") for room in rooms_by_grade[grade])
    all_rooms = [room for rooms in rooms_by_grade.values() for room in rooms]
    assert len(all_rooms) == len(set(all_rooms)), "a homeroom shared between grades"
    # Sized like classes, not one room for a whole grade.
    per_room = Counter(s.homeroom for s in big_school)
    assert max(per_room.values()) <= 30


def test_homeroom_names() -> None:
    assert homeroom_names("7", 3) == ["7A", "7B", "7C"]
    assert homeroom_names("10", 2) == ["Room 210", "Room 211"]
    assert len(set(homeroom_names("6", 40))) == 40


def test_four_to_six_counselors_split_by_school_and_alphabet(
    school: list[Student], big_school: list[Student]
) -> None:
    for roster in (school, big_school):
        counselors = Counter(s.counselor for s in roster)
        assert 4 <= len(counselors) <= 6
        middle = {s.counselor for s in roster if int(s.grade) <= 8}
        high = {s.counselor for s in roster if int(s.grade) >= 9}
        assert middle and high and not middle & high
        # Caseloads are shared out roughly evenly within each team.
        for team in (middle, high):
            loads = [counselors[c] for c in team]
            assert max(loads) < 2 * min(loads)


def test_caseload_is_a_slice_of_the_alphabet(big_school: list[Student]) -> None:
    high = [s for s in big_school if int(s.grade) >= 9 and s.last_name.isascii()]
    ranges: dict[str, list[str]] = {}
    for student in high:
        ranges.setdefault(student.counselor, []).append(initial(student.last_name))
    spans = sorted((min(letters), max(letters)) for letters in ranges.values())
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, spans


def test_alphabet_cuts_even_out_caseloads() -> None:
    assert alphabet_cuts(list("aaaabbbbcccc"), 3) == ["b", "c"]
    assert alphabet_cuts(list("abcdefgh"), 2) == ["e"]
    assert alphabet_cuts([], 3) == []
    assert initial("Ó Briain") == "o"
    assert initial("Ødegård") == "o"


# Names, scripts, languages -----------------------------------------------------------------
def test_many_scripts_in_a_school_of_500(school: list[Student]) -> None:
    scripts = set().union(*(_scripts(_all_names(s)) for s in school))
    assert {"LATIN", "LATIN+", "ARABIC", "CJK", "CYRILLIC", "HANGUL"} <= scripts


def test_names_from_many_languages(school: list[Student]) -> None:
    languages = Counter(lang for s in school for lang in s.family_languages)
    for expected in (
        "English",
        "Spanish",
        "Vietnamese",
        "Polish",
        "Norwegian",
        "Arabic",
        "Somali",
        "Korean",
        "Ukrainian",
        "Haitian Creole",
        "Amharic",
        "Tagalog",
    ):
        assert languages[expected], expected
    # Some bilingual families, most with one language.
    bilingual = sum(len(s.family_languages) == 2 for s in school)
    assert 0.1 * len(school) < bilingual < 0.5 * len(school)


def test_family_language_matches_the_name_script(big_school: list[Student]) -> None:
    expected = {
        "ARABIC": {"Arabic"},
        "HANGUL": {"Korean"},
        "CJK": {"Mandarin", "Cantonese"},
        "CYRILLIC": {"Ukrainian"},
    }
    seen = set()
    for student in big_school:
        for script in _scripts(student.last_name) & set(expected):
            seen.add(script)
            assert set(student.family_languages) & expected[script], student
    assert seen == set(expected)


def test_diacritics_are_kept(big_school: list[Student]) -> None:
    last_names = {s.last_name for s in big_school}
    assert {"Nguyễn", "Muñoz", "Ødegård", "Żółć"} & last_names
    assert any(name.startswith(("Ó ", "Ní ")) for name in last_names)
    polish = [s for s in big_school if s.last_name in {"Kowalski", "Kowalska"}]
    assert polish, "no Kowalski/Kowalska in 3000 students"


def test_preferred_names_for_about_fifteen_percent(big_school: list[Student]) -> None:
    preferred = [s for s in big_school if s.preferred_name]
    assert 0.10 < len(preferred) / len(big_school) < 0.20
    assert all(s.preferred_name != s.first_name for s in preferred)


# Guardians ---------------------------------------------------------------------------------
def test_guardians_are_reachable_fictionally(big_school: list[Student]) -> None:
    counts = Counter(len(s.guardians) for s in big_school)
    assert set(counts) == {1, 2}
    for student in big_school:
        for guardian in student.guardians:
            assert guardian.name and guardian.relationship
            assert guardian.phone == "" or PHONE.match(guardian.phone), guardian.phone
            assert guardian.email == "" or guardian.email.endswith(
                ("@example.org", "@example.com")
            ), guardian.email
            assert guardian.email.isascii()
            assert guardian.language in student.family_languages
    with_email = sum(bool(g.email) for s in big_school for g in s.guardians)
    assert with_email > 0.5 * sum(counts[n] * n for n in counts)


def test_guardian_names_follow_the_family_custom(big_school: list[Student]) -> None:
    mothers = [
        g.name
        for s in big_school
        if s.last_name in {"Kowalski", "Kowalska", "Ó Briain", "Ní Bhriain"}
        for g in s.guardians
        if g.relationship == "Mother"
    ]
    assert mothers
    # Polish and Irish family names change form for women; a mother never has the male form.
    assert not [name for name in mothers if name.endswith(("Kowalski", "Ó Briain"))]
    fathers = [
        g.name
        for s in big_school
        if s.last_name in {"Kowalski", "Kowalska"}
        for g in s.guardians
        if g.relationship == "Father"
    ]
    assert fathers and all(name.endswith(" Kowalski") for name in fathers)
    # Chinese and Korean adults are written family name first, without a space: 王伟, 김민준.
    east_asian = [
        g.name for s in big_school for g in s.guardians if _scripts(g.name) & {"CJK", "HANGUL"}
    ]
    assert east_asian and not [name for name in east_asian if " " in name]


def test_a_mother_and_a_father_are_plausible(big_school: list[Student]) -> None:
    relationships = Counter(s.guardians[0].relationship for s in big_school)
    assert relationships.most_common(1)[0][0] == "Mother"
    assert {"Father", "Grandmother", "Legal guardian"} <= set(relationships)


# Flags -------------------------------------------------------------------------------------
def test_flag_proportions_are_plausible(big_school: list[Student]) -> None:
    n = len(big_school)

    def rate(flag: str) -> float:
        return sum(getattr(s, flag) for s in big_school) / n

    assert 0.09 < rate("iep") < 0.17
    assert 0.02 < rate("plan_504") < 0.09
    assert 0.06 < rate("ell") < 0.15
    assert 0.04 < rate("gifted") < 0.11
    assert not any(s.iep and s.plan_504 for s in big_school)


def test_english_learners_mostly_speak_another_language_at_home(
    big_school: list[Student],
) -> None:
    learners = [s for s in big_school if s.ell]
    english_first = [s for s in learners if s.family_languages[0] == "English"]
    assert len(english_first) < 0.1 * len(learners)


def test_cte_pathways_only_in_high_school(big_school: list[Student]) -> None:
    high = [s for s in big_school if int(s.grade) >= 9]
    assert not any(s.cte for s in big_school if int(s.grade) <= 8)
    assert 0.18 < sum(s.cte for s in high) / len(high) < 0.33
    assert all(bool(s.cte_pathway) == s.cte for s in big_school)
    pathways = {s.cte_pathway for s in high if s.cte}
    assert {"Health Science", "Information Technology", "Manufacturing"} <= pathways


def test_occasional_short_notes(big_school: list[Student]) -> None:
    notes = [s.notes for s in big_school if s.notes]
    assert 0.05 * len(big_school) < len(notes) < 0.2 * len(big_school)
    assert all(len(note) < 120 for note in notes)


# The name data file ------------------------------------------------------------------------
def test_name_data_is_modest_and_covers_the_groups(names: dict[str, Any]) -> None:
    groups = {group["id"]: group for group in names["groups"]}
    total = 0
    for group in groups.values():
        assert group["languages"], group["id"]
        for key in ("female", "male", "family"):
            assert len(group[key]) >= 6, (group["id"], key)
            total += len(group[key])
    assert 200 < total < 900
    text = json.dumps(names, ensure_ascii=False)
    for sample in ("Nguyễn", "Văn An", "Thị Hương", "José", "Sofía", "Łukasz", "Ní Bhriain"):
        assert sample in text, sample
    for sample in ("Ødegård", "Åse", "محمد", "فاطمة", "王", "小明", "Hodan", "Warsame"):
        assert sample in text, sample


def test_preferred_names_belong_to_the_given_name(big_school: list[Student]) -> None:
    from ilp_desktop.demo_school import load_names

    nicknames = load_names()["nicknames"]
    for student in (s for s in big_school if s.preferred_name):
        own = nicknames.get(student.first_name, [])
        from_own_name = (
            student.preferred_name in own
            or student.first_name.endswith(" " + student.preferred_name)
            or not student.first_name.isascii()  # a Latin spelling of a name in another script
        )
        assert from_own_name, (student.first_name, student.preferred_name)
