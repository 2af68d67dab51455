import copy
import itertools
import json
from collections import Counter
from typing import Any

import pytest

from ilp_desktop.domain.grades import GradeError
from ilp_desktop.domain.interests import (
    TYPE_NAMES,
    TYPES,
    InventoryForm,
    InventoryResult,
    compare,
    form_for_grade,
    load_inventory,
    score,
)
from ilp_desktop.paths import resource


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return json.loads(resource("inventory", "forms.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def secondary(data: dict[str, Any]) -> InventoryForm:
    return load_inventory(data).form("secondary")


@pytest.fixture(scope="module")
def younger(data: dict[str, Any]) -> InventoryForm:
    return load_inventory(data).form("younger")


def answers(form: InventoryForm, **by_type: int | list[int | None]) -> dict[str, int | None]:
    """One value for every statement of a type, or a list giving each statement's answer."""
    result: dict[str, int | None] = {}
    for letter in TYPES:
        given = by_type.get(letter, 1)
        for index, item in enumerate(form.items_of(letter)):
            result[item.id] = given[index] if isinstance(given, list) else given
    return result


def skip(form: InventoryForm, given: dict[str, int | None], letter: str, count: int) -> None:
    for item in form.items_of(letter)[:count]:
        given[item.id] = None


# --- The item bank --------------------------------------------------------------------------


def test_the_bundled_item_bank_loads_with_the_right_counts(data: dict[str, Any]) -> None:
    inventory = load_inventory(data)
    assert len(inventory.forms["secondary"].items) == 60
    assert len(inventory.forms["younger"].items) == 30
    for key, per_type in (("secondary", 10), ("younger", 5)):
        counts = Counter(item.type for item in inventory.forms[key].items)
        assert counts == dict.fromkeys(TYPES, per_type), key
    assert inventory.forms["secondary"].ids == tuple(f"S{n:02d}" for n in range(1, 61))
    assert inventory.forms["younger"].ids == tuple(f"Y{n:02d}" for n in range(1, 31))


def test_every_text_is_there_in_both_languages_and_no_statement_repeats(
    data: dict[str, Any],
) -> None:
    inventory = load_inventory(data)
    items = [item for form in inventory.forms.values() for item in form.items]
    assert len({item.id for item in items}) == len(items)
    for lang in ("en", "es"):
        texts = [" ".join(item.text.get(lang).casefold().split()) for item in items]
        assert all(texts), lang
        repeated = [text for text, n in Counter(texts).items() if n > 1]
        assert repeated == [], lang
    for item in items:
        assert item.text.en != item.text.es, item.id
    for form in inventory.forms.values():
        assert form.title.en and form.title.es and form.instructions.es
    for letter, info in inventory.types.items():
        assert info.name.en == TYPE_NAMES["en"][letter]
        assert info.name.es == TYPE_NAMES["es"][letter]
        assert info.describe.en and info.describe.es and info.short.en and info.short.es


def test_the_scale_runs_from_strongly_dislike_to_strongly_like(data: dict[str, Any]) -> None:
    scale = load_inventory(data).scale
    assert [point.value for point in scale] == [1, 2, 3, 4, 5]
    assert scale[0].label.en == "Strongly dislike"
    assert scale[2].label.es == "No estoy seguro/a"
    assert scale[4].label.get("es") == "Me gusta mucho"


@pytest.mark.parametrize("key", ["secondary", "younger"])
def test_types_are_mixed_not_asked_in_blocks(data: dict[str, Any], key: str) -> None:
    order = [item.type for item in load_inventory(data).forms[key].items]
    assert all(a != b for a, b in itertools.pairwise(order))
    # Each type turns up in every sixth of the form, not bunched at one end.
    rounds = len(order) // 6
    for n in range(rounds):
        assert sorted(order[n * 6 : n * 6 + 6]) == sorted(TYPES)


def _broken(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


def test_a_type_with_the_wrong_number_of_statements_is_refused(data: dict[str, Any]) -> None:
    broken = _broken(data)
    first_r = next(i for i in broken["forms"]["secondary"]["items"] if i["type"] == "R")
    first_r["type"] = "C"
    with pytest.raises(ValueError, match=r"9 Realistic \(R\) statements; it needs 10"):
        load_inventory(broken)


def test_a_duplicate_id_is_refused(data: dict[str, Any]) -> None:
    broken = _broken(data)
    broken["forms"]["younger"]["items"][4]["id"] = "Y01"
    with pytest.raises(ValueError, match="Y01 is used twice"):
        load_inventory(broken)


@pytest.mark.parametrize("spanish", [None, "", "   "])
def test_missing_spanish_text_is_refused(data: dict[str, Any], spanish: str | None) -> None:
    broken = _broken(data)
    item = broken["forms"]["secondary"]["items"][6]
    if spanish is None:
        del item["es"]
    else:
        item["es"] = spanish
    with pytest.raises(ValueError, match=r"item S07 has no Spanish \(es\) text"):
        load_inventory(broken)


def test_an_unknown_type_is_refused(data: dict[str, Any]) -> None:
    broken = _broken(data)
    broken["forms"]["younger"]["items"][0]["type"] = "X"
    with pytest.raises(ValueError, match="unknown type 'X'"):
        load_inventory(broken)


def test_a_repeated_statement_is_refused(data: dict[str, Any]) -> None:
    broken = _broken(data)
    items = broken["forms"]["secondary"]["items"]
    items[10]["en"] = items[3]["en"].upper()
    with pytest.raises(ValueError, match="statement of S11 twice"):
        load_inventory(broken)


def test_a_missing_form_or_bad_scale_is_refused(data: dict[str, Any]) -> None:
    broken = _broken(data)
    del broken["forms"]["younger"]
    with pytest.raises(ValueError, match="“younger” form is missing"):
        load_inventory(broken)
    broken = _broken(data)
    broken["scale"] = broken["scale"][:4]
    with pytest.raises(ValueError, match="scale must have the values 1, 2, 3, 4, 5"):
        load_inventory(broken)
    broken = _broken(data)
    del broken["types"]["E"]["describe"]
    with pytest.raises(ValueError, match="description of type E is missing"):
        load_inventory(broken)


# --- Form by grade --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "form"),
    [
        ("K", "younger"),
        ("k", "younger"),
        ("6", "younger"),
        ("7", "younger"),
        ("8", "secondary"),
        ("Grade 9", "secondary"),
        ("12", "secondary"),
        ("PS", "secondary"),
    ],
)
def test_form_for_grade(grade: str, form: str) -> None:
    assert form_for_grade(grade) == form


def test_form_for_an_impossible_grade_is_refused() -> None:
    with pytest.raises(GradeError):
        form_for_grade("13")


# --- Scores and code ------------------------------------------------------------------------


def test_all_realistic_liked_and_the_rest_disliked(secondary: InventoryForm) -> None:
    result = score(secondary, answers(secondary, R=5))
    assert result.scores == {"R": 100, "I": 0, "A": 0, "S": 0, "E": 0, "C": 0}
    assert result.answered == dict.fromkeys(TYPES, 10)
    assert result.code is not None and result.code.startswith("R")
    assert result.ranked[0] == "R"
    assert not result.flat
    # The five others tie at 0: the last two letters are not settled, and the result says so.
    assert result.ties == (("I", "A", "S", "E", "C"),)
    assert result.code_display == "R(I/A/S/E/C)"
    assert result.messages() == [
        "Investigative, Artistic, Social, Enterprising and Conventional tie at 0 "
        "for the last two letters of the code: any two of them fit."
    ]


def test_a_clear_profile_has_a_code_and_nothing_to_warn_about(secondary: InventoryForm) -> None:
    result = score(secondary, answers(secondary, R=1, I=2, A=3, S=5, E=4, C=2))
    assert result.scores == {"R": 0, "I": 25, "A": 50, "S": 100, "E": 75, "C": 25}
    assert result.ranked[:3] == ("S", "E", "A")
    assert result.code == "SEA"
    assert result.code_display == "SEA"
    assert result.ties == ()  # I and C tie at 25, but below the code
    assert result.messages() == []
    assert result.messages("es") == []


def test_scores_are_the_rescaled_mean_rounded_half_up(
    secondary: InventoryForm, younger: InventoryForm
) -> None:
    result = score(
        secondary,
        answers(
            secondary,
            R=[5, 5, 5, 5, 5, 4, 4, 4, 4, 4],  # mean 4.5 -> 87.5 -> 88
            I=[2, 1, 1, 1, 1, 1, 1, 1, 1, 1],  # mean 1.1 -> 2.5 -> 3 (not banker's 2)
            A=[3, 3, 3, 3, 3, 3, 3, 3, 3, None],  # mean 3 over 9 answered -> 50
            S=[4, 4, 4, 4, 4, 4, 4, 3, 3, 3],  # mean 3.7 -> 67.5 -> 68
        ),
    )
    assert result.scores["R"] == 88
    assert result.scores["I"] == 3
    assert result.scores["A"] == 50
    assert result.answered["A"] == 9
    assert result.scores["S"] == 68
    assert result.code == "RSA"
    assert result.skipped == 1
    assert score(younger, answers(younger, C=[5, 4, 3, 2, 1])).scores["C"] == 50


def test_a_two_way_tie_is_stated_in_words(secondary: InventoryForm) -> None:
    result = score(secondary, answers(secondary, R=1, I=2, A=3, S=5, E=5, C=2))
    assert result.scores["S"] == result.scores["E"] == 100
    assert result.ties == (("S", "E"),)
    assert result.code == "SEA"  # deterministic: RIASEC order inside the tie
    assert result.code_display == "(S/E)A"
    assert result.messages() == [
        "Social and Enterprising tie at 100: either could come first in the code."
    ]
    assert result.messages("es") == [
        "Social y Emprendedor empatan con 100: cualquiera de los dos podría ir primero en el "
        "código."
    ]


def test_a_tie_for_the_last_letter_says_either_fits(secondary: InventoryForm) -> None:
    result = score(secondary, answers(secondary, R=5, I=4, A=3, S=3, E=1, C=1))
    assert result.code == "RIA"
    assert result.code_display == "RI(A/S)"
    assert result.ties == (("A", "S"),)
    assert "Artistic and Social tie at 50 for the last letter of the code" in result.messages()[0]


def test_a_three_way_tie_is_stated_in_words(secondary: InventoryForm) -> None:
    inside = score(secondary, answers(secondary, R=5, I=5, A=5, S=2, E=1, C=1))
    assert inside.ties == (("R", "I", "A"),)
    assert inside.code_display == "(R/I/A)"
    assert inside.messages() == [
        "Realistic, Investigative and Artistic tie at 100: the code could list them in any order."
    ]
    across = score(secondary, answers(secondary, R=2, I=5, A=4, S=4, E=4, C=1))
    assert across.code == "IAS"
    assert across.code_display == "I(A/S/E)"
    assert across.messages() == [
        "Artistic, Social and Enterprising tie at 75 for the last two letters of the code: "
        "any two of them fit."
    ]
    assert across.messages("es")[0].startswith("Artístico, Social y Emprendedor empatan con 75")


def test_spanish_joins_with_e_before_an_i_sound(secondary: InventoryForm) -> None:
    result = score(secondary, answers(secondary, R=5, I=5, A=2, S=1, E=1, C=1))
    assert result.messages("es")[0].startswith("Realista e Investigador empatan con 100")


def test_a_flat_profile_says_there_is_no_clear_preference(secondary: InventoryForm) -> None:
    # Everything "Not sure" except Social, liked a little more: 63 against 50.
    result = score(secondary, answers(secondary, R=3, I=3, A=3, S=[4] * 5 + [3] * 5, E=3, C=3))
    assert result.scores["S"] == 63 and result.spread == 13
    assert result.flat
    assert result.code is not None and result.code.startswith("S")
    assert result.messages()[0] == (
        "No clear preference yet: talk about it. All six scores are within 15 points "
        "of each other (from 50 to 63)."
    )
    assert result.messages("es")[0].startswith("Todavía no hay una preferencia clara")


def test_all_answers_the_same_is_flat_and_a_six_way_tie(younger: InventoryForm) -> None:
    result = score(younger, answers(younger, R=3, I=3, A=3, S=3, E=3, C=3))
    assert result.flat
    assert result.ties == (TYPES,)
    assert result.messages() == [
        "No clear preference yet: talk about it.",
        "All six types tie at 50.",
    ]


@pytest.mark.parametrize(
    ("social", "spread", "flat"),
    [([4, 4, 4, 3, 3], 15, True), ([4, 4, 4, 4, 3], 20, False)],
)
def test_the_flat_threshold_is_fifteen_points(
    younger: InventoryForm, social: list[int | None], spread: int, flat: bool
) -> None:
    result = score(younger, answers(younger, R=3, I=3, A=3, S=social, E=3, C=3))
    assert result.spread == spread
    assert result.flat is flat


def test_up_to_one_in_five_skipped_still_gives_a_code(secondary: InventoryForm) -> None:
    given = answers(secondary, R=5, I=4)
    for letter in TYPES:
        skip(secondary, given, letter, 2)  # 12 of 60, two in each type
    result = score(secondary, given)
    assert result.skipped == 12
    assert result.code is not None and result.code.startswith("RI")


def test_too_many_skipped_gives_no_code_and_says_why(secondary: InventoryForm) -> None:
    given = answers(secondary, R=5, I=4)
    for letter in TYPES:
        skip(secondary, given, letter, 2)
    del given[secondary.items_of("C")[5].id]  # left out counts as skipped too: 13 of 60
    result = score(secondary, given)
    assert result.skipped == 13
    assert result.code is None and result.code_display is None
    assert not result.complete
    assert result.ranked == () and result.ties == () and not result.flat
    assert result.scores["R"] == 100  # the chart can still show what was answered
    assert result.messages() == [
        "13 of 60 statements were skipped, more than the 12 a code allows, so there is no code "
        "yet. Go back to the skipped ones together."
    ]
    assert result.messages("es")[0].startswith("Se saltaron 13 de 60 frases")


def test_one_type_mostly_skipped_gives_no_code(secondary: InventoryForm) -> None:
    given = answers(secondary, R=5, A=4)
    skip(secondary, given, "A", 4)
    assert score(secondary, given).code is not None  # 6 of 10 answered is enough
    skip(secondary, given, "A", 5)
    result = score(secondary, given)
    assert result.skipped == 5  # well under 12 overall, but Artistic rests on too little
    assert result.code is None
    assert result.answered["A"] == 5
    assert result.messages() == [
        "Only 5 of 10 Artistic statements were answered; a code needs at least 6 in each type, "
        "so there is no code yet."
    ]


def test_nothing_answered_gives_no_scores(younger: InventoryForm) -> None:
    result = score(younger, {})
    assert result.code is None
    assert result.scores == dict.fromkeys(TYPES)
    assert result.skipped == 30
    assert len(result.messages()) == 1 + len(TYPES)


@pytest.mark.parametrize("value", [0, 6, -1, "5", 3.0, True, 2.5])
def test_answers_outside_one_to_five_are_refused(younger: InventoryForm, value: object) -> None:
    given: dict[str, Any] = answers(younger, R=3)
    given["Y03"] = value
    with pytest.raises(ValueError, match="answers go from 1"):
        score(younger, given)


def test_statements_from_another_form_are_refused(younger: InventoryForm) -> None:
    given = answers(younger, R=3)
    given["S01"] = 4
    with pytest.raises(ValueError, match="“S01” is not on the younger form"):
        score(younger, given)


def test_messages_in_an_unknown_language_are_refused(younger: InventoryForm) -> None:
    with pytest.raises(ValueError, match="use en or es"):
        score(younger, {}).messages("fr")


# --- What changed ---------------------------------------------------------------------------


def _result(form: InventoryForm, **by_type: int | list[int | None]) -> InventoryResult:
    return score(form, answers(form, **by_type))


def test_compare_reports_the_code_and_big_moves(secondary: InventoryForm) -> None:
    before = _result(secondary, R=1, I=2, A=3, S=5, E=4, C=2)  # S100 E75 A50 C25 I25 R0
    after = _result(secondary, R=1, I=2, A=5, S=4, E=[4] * 6 + [3] * 4, C=2)
    assert after.scores["A"] == 100 and after.scores["E"] == 65
    assert compare(before, after) == [
        "The code changed from SEA to ASE.",
        "Artistic went up 50 points (from 50 to 100).",
        "Social went down 25 points (from 100 to 75).",
    ]  # Enterprising moved 10 points: not worth a line
    assert compare(before, after, "es")[1] == "Artístico subió 50 puntos (de 50 a 100)."


def test_compare_says_when_nothing_much_changed(secondary: InventoryForm) -> None:
    before = _result(secondary, R=1, I=2, A=3, S=5, E=4, C=2)
    after = _result(secondary, R=1, I=2, A=[3] * 6 + [4] * 4, S=5, E=4, C=2)
    assert after.scores["A"] == 60  # up 10
    assert compare(before, after) == ["No big changes since the previous attempt."]
    assert compare(before, after, "es") == ["No hay cambios grandes desde el intento anterior."]


def test_compare_reports_a_profile_turning_flat(secondary: InventoryForm) -> None:
    before = _result(secondary, R=5, I=4, A=3, S=2, E=1, C=1)
    after = _result(secondary, R=3, I=3, A=3, S=3, E=3, C=[4] * 5 + [3] * 5)
    assert after.flat and not before.flat
    changes = compare(before, after)
    assert changes[-1] == "The profile is flat this time: no clear preference yet."
    assert "The profile now shows a clear preference; last time it was flat." in compare(
        after, before
    )


def test_compare_treats_a_new_tie_as_a_change_of_code(secondary: InventoryForm) -> None:
    before = _result(secondary, R=5, I=4, A=3, S=[3] * 9 + [2], E=1, C=1)
    after = _result(secondary, R=5, I=4, A=3, S=3, E=1, C=1)
    assert before.code == after.code == "RIA"
    assert compare(before, after) == ["The code changed from RIA to RI(A/S)."]


def test_compare_with_an_attempt_that_had_no_code(
    secondary: InventoryForm, younger: InventoryForm
) -> None:
    complete = _result(secondary, R=5, I=4, A=3, S=2, E=1, C=1)
    given = answers(secondary, R=1, I=1, A=1, S=5)
    skip(secondary, given, "S", 5)
    incomplete = score(secondary, given)
    assert incomplete.code is None
    # Scores without a code are not compared: only the lost code is reported.
    assert compare(complete, incomplete) == [
        "This attempt has too many skipped statements for a code; the previous code was RIA."
    ]
    assert compare(incomplete, complete)[0].startswith("This attempt has a code (RIA)")
    earlier = _result(younger, R=5, I=4, A=3, S=2, E=1, C=1)
    assert compare(earlier, complete)[0] == (
        "The previous attempt used the younger students' (30 statements) form and this one the "
        "secondary (60 statements) form, so compare with care."
    )


def test_a_move_of_exactly_fifteen_points_is_reported(younger: InventoryForm) -> None:
    before = _result(younger, R=5, I=4, A=3, S=1, E=1, C=1)
    after = _result(younger, R=5, I=4, A=[4, 4, 4, 3, 3], S=1, E=1, C=1)
    assert (before.scores["A"], after.scores["A"]) == (50, 65)
    assert compare(before, after) == ["Artistic went up 15 points (from 50 to 65)."]
