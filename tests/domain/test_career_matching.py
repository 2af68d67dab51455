"""Matching: the fit score, the reasons in words, ties, typed codes and filters."""

from __future__ import annotations

import pytest

from ilp_desktop.domain.career_matching import (
    CareerFilter,
    CodeError,
    explain,
    from_result,
    from_typed_code,
    match,
    rank,
)
from ilp_desktop.domain.careers import Career

from helpers import inventory_result


def career(code: str, title: str, **ratings: float) -> Career:
    full = {t: ratings.get(t, 1.0) for t in "RIASEC"}
    return Career(code=code, title=title, ratings=full)


NURSE = career("29-1141.00", "Registered Nurses", S=6.8, I=5.4, C=4.1, R=3.5)
TEACHER = career("25-2031.00", "High School Teachers", S=6.9, A=4.2, E=4.5)
LAB = career("19-4021.00", "Biological Technicians", I=6.5, R=5.0, C=4.6)
WELDER = career("51-4121.00", "Welders", R=6.9, C=3.9)
ARTIST = career("27-1013.00", "Fine Artists", A=7.0, R=3.2)
NO_PROFILE = Career(code="55-1011.00", title="Air Crew Officers")


def test_fit_is_the_weighted_rating_of_the_students_top_three() -> None:
    interests = from_typed_code("SIA")
    found = match(NURSE, interests)
    # S 6.8, I 5.4, A 1.0 weighted 3:2:1, with 1 -> 0 and 7 -> 100.
    expected = 100 * (3 * 5.8 / 6 + 2 * 4.4 / 6 + 1 * 0 / 6) / 6
    assert found.fit == round(expected)
    assert [(c.letter, c.weight, c.rating) for c in found.contributions] == [
        ("S", 3, 6.8),
        ("I", 2, 5.4),
        ("A", 1, 1.0),
    ]
    assert explain(found).startswith(f"Fit {found.fit} of 100")
    assert "Social rated 6.8 of 7 (weight 3)" in explain(found)


def test_known_profiles_give_the_expected_order_and_reasons() -> None:
    ranked = rank([WELDER, ARTIST, LAB, TEACHER, NURSE, NO_PROFILE], from_typed_code("SIA"))
    assert [m.career.title for m in ranked] == [
        "Registered Nurses",
        "High School Teachers",
        "Biological Technicians",
        "Fine Artists",
        "Welders",
        "Air Crew Officers",
    ]
    reasons = {m.career.title: m.reason for m in ranked}
    assert reasons["Registered Nurses"] == "Matches your top interests, Social and Investigative"
    assert reasons["High School Teachers"] == "Matches your top interests, Social and Artistic"
    assert reasons["Biological Technicians"] == "Matches one of your top interests, Investigative"
    assert reasons["Welders"] == "Mostly Realistic: not among your top interests"
    assert reasons["Air Crew Officers"] == "No interest profile in this library"
    assert ranked[-1].fit is None


def test_strongest_side_is_named_when_it_is_not_the_students() -> None:
    found = match(career("5", "x", R=6.5, I=6.0), from_typed_code("SIA"))
    assert found.reason == (
        "Matches one of your top interests, Investigative; its strongest side is Realistic"
    )
    found = match(career("1", "x", E=6.5, S=5.5), from_typed_code("SIA"))
    assert found.reason == "Matches your top interest, Social; its strongest side is Enterprising"


def test_reasons_in_spanish() -> None:
    found = match(NURSE, from_typed_code("SI"), lang="es")
    assert found.reason == "Coincide con tus intereses principales, Social y Investigador"


def test_weak_third_high_point_is_not_a_shared_interest() -> None:
    # Conventional is the welder's second-highest type but rated below the middle of the scale.
    weak = career("2", "Weak", R=6.0, C=3.0, I=2.0)
    assert match(weak, from_typed_code("CS")).shared == ()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("sia", "SIA"), (" S I A ", "SIA"), ("S-I-A", "SIA"), ("e", "E"), ("rc", "RC")],
)
def test_typed_codes_are_read_generously(typed: str, code: str) -> None:
    assert from_typed_code(typed).code == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type one to three letters"),
        ("SIX", "X is not an interest letter"),
        ("SIS", "each letter once"),
        ("SIAE", "at most three letters"),
    ],
)
def test_bad_typed_codes_say_what_to_do(typed: str, message: str) -> None:
    with pytest.raises(CodeError, match=message):
        from_typed_code(typed)


def test_inventory_result_weights_and_ties() -> None:
    plain = from_result(inventory_result(S=5, I=4, A=3), "2026-10-01")
    assert plain is not None
    assert plain.code == "SIA" and plain.source == "inventory" and plain.taken_on == "2026-10-01"
    assert dict(plain.weights) == {"S": 3, "I": 2, "A": 1}
    # I and A tie for second: they share the weights of places two and three.
    tied = from_result(inventory_result(S=5, I=4, A=4))
    assert tied is not None and dict(tied.weights) == {"S": 3, "I": 1.5, "A": 1.5}
    assert tied.display == "S(I/A)"
    # A tie that runs past the third place shares what is left.
    wide = from_result(inventory_result(S=5, I=4, A=4, E=4))
    assert wide is not None and dict(wide.weights) == {"S": 3, "I": 1, "A": 1, "E": 1}


def test_ties_never_decide_the_order_alone() -> None:
    interests = from_result(inventory_result(S=5, I=4, A=4))
    assert interests is not None
    only_i = career("3", "I side", S=6.0, I=6.0)
    only_a = career("4", "A side", S=6.0, A=6.0)
    assert match(only_i, interests).fit == match(only_a, interests).fit


def test_no_code_gives_no_interests() -> None:
    assert from_result(inventory_result(skip="RIASEC")) is None


def test_filters() -> None:
    nurse = Career(
        code="29-1141.00",
        title="Registered Nurses",
        job_zone=3,
        education="associates",
        median_wage=86000,
    )
    assert CareerFilter().passes(nurse)
    assert CareerFilter(job_zones=frozenset({3, 4})).passes(nurse)
    assert not CareerFilter(job_zones=frozenset({4})).passes(nurse)
    assert CareerFilter(max_education="associates").passes(nurse)
    assert CareerFilter(max_education="bachelors").passes(nurse)
    assert not CareerFilter(max_education="postsecondary_award").passes(nurse)
    assert CareerFilter(min_wage=86000).passes(nurse)
    assert not CareerFilter(min_wage=86010).passes(nurse)
    assert CareerFilter(cluster="health").passes(nurse, ("health",))
    assert not CareerFilter(cluster="it").passes(nurse, ("health",))
    unknown = Career(code="1", title="Unknown")
    assert not CareerFilter(max_education="doctoral_professional").passes(unknown)
    assert not CareerFilter(min_wage=1).passes(unknown)
