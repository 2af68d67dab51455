"""Self-exploration: the bundled lists, the records' rules and the demo's generated records."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from collections import Counter
from typing import Any

import pytest

from ilp_desktop.demo_school import load_names
from ilp_desktop.domain.demo_self_exploration import (
    AS_OF,
    ENTRY_TYPES,
    IEP_SUPPORTS,
    OTHER_SUPPORTS,
    PLAN_504_SUPPORTS,
    generate_self_exploration,
)
from ilp_desktop.domain.demo_students import generate_students
from ilp_desktop.domain.interests import Inventory, InventoryForm, load_inventory, score
from ilp_desktop.domain.self_exploration import (
    ACTIVITY_CATEGORIES,
    AGREEMENTS,
    KINDS,
    LIST_KEYS,
    Activity,
    Checklists,
    InventoryAttempt,
    ProfileItem,
    SelfExplorationProfile,
    Support,
    check_answer,
    date_problem,
    load_checklists,
    new_attempt,
    validate_activity,
    validate_profile_item,
    validate_reflection,
    validate_support,
)
from ilp_desktop.domain.students import Student
from ilp_desktop.paths import resource

TODAY = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    text = resource("self_exploration", "checklists.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def lists(data: dict[str, Any]) -> Checklists:
    return load_checklists(data)


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    text = resource("inventory", "forms.json").read_text(encoding="utf-8")
    return load_inventory(json.loads(text))


# --- The bundled lists ----------------------------------------------------------------------


def test_every_list_has_15_to_25_entries_with_an_intro(lists: Checklists) -> None:
    assert set(lists.lists) == set(LIST_KEYS)
    for key in LIST_KEYS:
        checklist = lists.lists[key]
        assert 15 <= len(checklist.entries) <= 25, key
        assert checklist.intro.en and checklist.intro.es
    assert lists.categories.ids == ACTIVITY_CATEGORIES
    assert lists.agreement.ids == AGREEMENTS
    assert [p.value for p in lists.confidence] == [1, 2, 3, 4]


def test_ids_are_unique_across_the_whole_file_and_name_their_list(data: dict[str, Any]) -> None:
    ids = [entry["id"] for block in data["lists"].values() for entry in block["entries"]]
    ids += [entry["id"] for entry in data["categories"]["entries"]]
    ids += [entry["id"] for entry in data["providers"]["entries"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    prefixes = {"strengths": "strength-", "skills": "skill-", "values": "value-"}
    prefixes |= {"learning": "learning-", "supports": "support-"}
    for key, prefix in prefixes.items():
        assert all(e["id"].startswith(prefix) for e in data["lists"][key]["entries"]), key


def test_every_entry_is_in_english_and_spanish(lists: Checklists) -> None:
    every = [e for c in lists.lists.values() for e in c.entries]
    every += [*lists.categories.entries, *lists.providers.entries, *lists.agreement.entries]
    for entry in every:
        assert entry.get("en").strip() and entry.get("es").strip(), entry.id
    # Translated, not copied: only words that are the same in both languages may repeat.
    same = [e.id for e in every if e.get("en") == e.get("es")]
    assert set(same) <= {"club"}
    spanish = " ".join(e.get("es") for e in every)
    assert all(mark in spanish for mark in "áéíóúñ")


def test_the_supports_list_says_where_legal_accommodations_belong(lists: Checklists) -> None:
    note = lists.supports.note
    assert note is not None
    for text in (note.en, note.es):
        assert "IEP" in text and "504" in text
    assert "accommodations" in note.en and "adaptaciones" in note.es


def test_labels_for_confidence_agreement_and_categories(lists: Checklists) -> None:
    assert [lists.confidence_label(v) for v in (1, 2, 3, 4)] == [
        "Not yet",
        "A little",
        "Fairly",
        "Very",
    ]
    assert lists.confidence_label(1, "es") == "Todavía no"
    assert lists.agreement_label("partly", "es") == "En parte"
    assert lists.category_label("family") == "Family responsibility"
    with pytest.raises(KeyError):
        lists.confidence_label(5)


def test_an_item_reads_as_its_entry_or_the_students_own_words(lists: Checklists) -> None:
    assert lists.text(ProfileItem("skill", "skill-math", confidence=2)) == "Working with numbers"
    assert lists.text(ProfileItem("skill", "skill-math"), "es") == "Trabajar con números"
    assert lists.text(ProfileItem("value", other="Working with animals")) == "Working with animals"
    assert lists.text(Support("support-tutoring"), "es") == "Tutoría"
    # An id no longer in the file still shows, rather than failing.
    assert lists.text(ProfileItem("strength", "strength-gone")) == "strength-gone"
    with pytest.raises(ValueError, match="no “hobby” list"):
        lists.for_kind("hobby")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.__setitem__("version", 2), "version 2"),
        (lambda d: d["lists"].pop("values"), "“values” list is missing"),
        (lambda d: d["lists"].__setitem__("hobbies", {}), "unknown list “hobbies”"),
        (lambda d: d["lists"]["skills"]["entries"].__delitem__(slice(5, None)), "5 entries"),
        (
            lambda d: d["lists"]["values"]["entries"][1].__setitem__(
                "id", d["lists"]["values"]["entries"][0]["id"]
            ),
            "used twice",
        ),
        (lambda d: d["lists"]["learning"]["entries"][0].pop("es"), "no Spanish"),
        (lambda d: d["lists"]["learning"]["entries"][0].__setitem__("en", " "), "no English"),
        (lambda d: d["lists"]["strengths"]["entries"][0].__setitem__("id", "a b"), "needs an id"),
        (
            lambda d: d["lists"]["strengths"]["entries"][1].__setitem__(
                "en", d["lists"]["strengths"]["entries"][0]["en"].upper()
            ),
            "twice",
        ),
        (lambda d: d["lists"]["supports"].pop("note"), "IEP and 504"),
        (lambda d: d["categories"]["entries"].pop(), "activity categories must be"),
        (lambda d: d["confidence"].pop(), "1, 2, 3, 4"),
        (lambda d: d["agreement"].reverse(), "reflection answers"),
        (lambda d: d["lists"]["values"].pop("intro"), "intro"),
    ],
)
def test_a_malformed_file_is_refused_saying_what_is_wrong(
    data: dict[str, Any], change: Any, message: str
) -> None:
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(ValueError, match=message) as refused:
        load_checklists(broken)
    assert str(refused.value).startswith("Self-exploration lists:")


def test_a_file_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValueError, match="expected an object"):
        load_checklists([])  # type: ignore[arg-type]


# --- Profile items --------------------------------------------------------------------------


def test_a_chosen_entry_and_an_own_words_entry_are_valid(lists: Checklists) -> None:
    for item in (
        ProfileItem("strength", "strength-kind", note="Especially with my cousins."),
        ProfileItem("skill", "skill-speaking", confidence=1),
        ProfileItem("value", other="Working with animals", recorded_on="2025-09-10"),
        ProfileItem(
            "learning", "learning-quiet", recorded_on="2025-09-10", updated_on="2026-10-01"
        ),
    ):
        assert validate_profile_item(item, lists, today=TODAY) == {}


def _strength(**dates: str) -> ProfileItem:
    return ProfileItem("strength", "strength-kind", **dates)


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        (ProfileItem("strength"), "entry_id", "Choose a strength from the list"),
        (ProfileItem("learning", other="  "), "entry_id", "learning preference"),
        (ProfileItem("value", "value-helping", other="Helping"), "entry_id", "not both"),
        (ProfileItem("value", "strength-kind"), "entry_id", "not on the list of values"),
        (ProfileItem("value", other="x" * 201), "other", "200 characters"),
        (ProfileItem("skill", "skill-math"), "confidence", "1 (not yet) to 4 (very)"),
        (ProfileItem("skill", "skill-math", confidence=5), "confidence", "from 1"),
        (ProfileItem("skill", "skill-math", confidence=True), "confidence", "from 1"),
        (ProfileItem("strength", "strength-kind", confidence=3), "confidence", "Only skills"),
        (ProfileItem("strength", "strength-kind", note="x" * 2001), "note", "2,000"),
        (_strength(recorded_on="10/09/2025"), "recorded_on", "not a date"),
        (_strength(recorded_on="2025-9-1"), "recorded_on", "not a date"),
        (_strength(recorded_on="2026-12-01"), "recorded_on", "future"),
        (
            _strength(recorded_on="2026-10-01", updated_on="2026-09-01"),
            "updated_on",
            "before the date it was recorded",
        ),
        (ProfileItem("hobby", "strength-kind"), "kind", "Choose strength, skill"),
    ],
)
def test_profile_item_problems_are_named_in_plain_words(
    lists: Checklists, item: ProfileItem, field: str, words: str
) -> None:
    problems = validate_profile_item(item, lists, today=TODAY)
    assert field in problems
    assert words in problems[field]


# --- Activities -----------------------------------------------------------------------------


def _activity(**changes: Any) -> Activity:
    base = Activity(
        category="sport",
        name="Soccer",
        role="Goalkeeper",
        organisation="City youth league",
        start_on="2025-08-25",
        hours_per_week=8,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_a_complete_activity_is_valid_and_ongoing() -> None:
    activity = _activity()
    assert validate_activity(activity, today=TODAY) == {}
    assert activity.ongoing
    assert not _activity(end_on="2025-11-15").ongoing
    assert validate_activity(_activity(hours_per_week=None), today=TODAY) == {}
    assert validate_activity(_activity(hours_per_week=2.5), today=TODAY) == {}
    assert validate_activity(_activity(hours_per_week=0), today=TODAY) == {}
    assert validate_activity(_activity(hours_per_week=80), today=TODAY) == {}
    # A summer job the student starts next month may be logged now.
    assert validate_activity(_activity(start_on="2026-12-01"), today=TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"category": "hobby"}, "category", "club, sport, arts"),
        ({"name": " "}, "name", "Enter the activity's name"),
        ({"name": "x" * 201}, "name", "200 characters"),
        ({"role": "x" * 201}, "role", "200 characters"),
        ({"start_on": ""}, "start_on", "an approximate date is fine"),
        ({"start_on": "fall 2025"}, "start_on", "year-month-day"),
        ({"end_on": "2025-08-01"}, "end_on", "before the start date"),
        ({"end_on": "2025-02-30"}, "end_on", "not a date"),
        ({"hours_per_week": -1}, "hours_per_week", "from 0 to 80"),
        ({"hours_per_week": 81}, "hours_per_week", "from 0 to 80"),
        ({"hours_per_week": float("nan")}, "hours_per_week", "a number"),
        ({"hours_per_week": "six"}, "hours_per_week", "a number"),
        ({"hours_per_week": True}, "hours_per_week", "a number"),
    ],
)
def test_activity_problems_are_named_in_plain_words(
    changes: dict[str, Any], field: str, words: str
) -> None:
    problems = validate_activity(_activity(**changes), today=TODAY)
    assert list(problems) == [field]
    assert words in problems[field]


# --- Supports and reflections ---------------------------------------------------------------


def test_supports_from_the_list_or_in_own_words_are_valid(lists: Checklists) -> None:
    listed = Support("support-extra-time", provided_by="Classroom teachers", since="2025-09-02")
    assert validate_support(listed, lists, today=TODAY) == {}
    assert listed.active
    own = Support(other="Rides to the library on Saturdays", ended_on="2026-06-01")
    assert validate_support(own, lists, today=TODAY) == {}
    assert not own.active


@pytest.mark.parametrize(
    ("support", "field", "words"),
    [
        (Support(), "entry_id", "Choose a support from the list"),
        (Support("skill-math"), "entry_id", "not on the list of supports"),
        (Support("support-tutoring", since="2027-01-01"), "since", "future"),
        (Support("support-tutoring", ended_on="2026-12-20"), "ended_on", "leave it empty"),
        (
            Support("support-tutoring", since="2025-09-01", ended_on="2025-06-01"),
            "ended_on",
            "cannot end before it started",
        ),
        (Support("support-tutoring", provided_by="x" * 201), "provided_by", "200"),
    ],
)
def test_support_problems_are_named_in_plain_words(
    lists: Checklists, support: Support, field: str, words: str
) -> None:
    problems = validate_support(support, lists, today=TODAY)
    assert list(problems) == [field]
    assert words in problems[field]


def test_reflection_rules() -> None:
    assert validate_reflection("agree", "Sounds like me.") == {}
    assert validate_reflection(None, "") == {}
    assert "agree, partly or disagree" in validate_reflection("maybe", "")["agreement"]
    assert "2,000" in validate_reflection("partly", "x" * 2001)["reflection"]


def test_date_problem() -> None:
    assert date_problem("2026-11-02", TODAY) is None
    assert date_problem("2026-11-03", TODAY) == "The date is in the future."
    assert date_problem("2026-11-03", TODAY, future_ok=True) is None
    assert "year-month-day" in (date_problem("Nov 3", TODAY) or "")


# --- Inventory attempts ---------------------------------------------------------------------


def test_a_new_attempt_checks_form_language_and_who_entered_it() -> None:
    attempt = new_attempt(7, "younger", "es", "keyed", "2026-10-01T09:00:00")
    assert (attempt.student_id, attempt.form, attempt.language) == (7, "younger", "es")
    assert attempt.entered_by == "keyed" and not attempt.finished and attempt.answers == {}
    with pytest.raises(ValueError, match="no “long” form"):
        new_attempt(7, "long", "en", "student", "2026-10-01T09:00:00")
    with pytest.raises(ValueError, match="not available in “fr”"):
        new_attempt(7, "younger", "fr", "student", "2026-10-01T09:00:00")
    with pytest.raises(ValueError, match="student or keyed"):
        new_attempt(7, "younger", "en", "scanned", "2026-10-01T09:00:00")


@pytest.mark.parametrize("value", [0, 6, True, "3", 2.0])
def test_answers_other_than_1_to_5_or_a_skip_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="from 1 \\(strongly dislike\\) to 5"):
        check_answer("S01", value)


def test_a_skip_is_an_answer_and_ids_are_checked() -> None:
    check_answer("S01", None)
    check_answer("Y30", 5)
    with pytest.raises(ValueError, match="not a statement id"):
        check_answer('S01"] ', 3)


def test_an_attempt_scores_through_the_inventory(inventory: Inventory) -> None:
    form = inventory.form("younger")
    answers: dict[str, int | None] = {
        item.id: (5 if item.type == "S" else 4 if item.type == "A" else 2) for item in form.items
    }
    attempt = InventoryAttempt(7, "younger", "en", "2026-10-01T09:00:00", answers=answers)
    assert attempt.result(inventory) == score(form, answers)
    assert attempt.result(form).code == "SAR"
    assert attempt.is_complete(inventory)
    assert attempt.next_position(inventory) is None
    with pytest.raises(ValueError, match="younger form, not the secondary form"):
        attempt.result(inventory.form("secondary"))


def test_an_interrupted_attempt_knows_where_to_resume(inventory: Inventory) -> None:
    form: InventoryForm = inventory.form("secondary")
    given: dict[str, int | None] = {item_id: 3 for item_id in form.ids[:7]}
    given[form.ids[2]] = None  # skipped on purpose: answered, not missing
    attempt = InventoryAttempt(7, "secondary", "en", "2026-10-01T09:00:00", answers=given)
    assert not attempt.is_complete(inventory)
    assert attempt.next_position(inventory) == 7
    # Statements not reached count as skipped: too many for a code yet.
    assert attempt.result(inventory).code is None


def test_a_profile_sorts_out_its_parts() -> None:
    done = InventoryAttempt(
        1, "younger", "en", "2025-10-01T09:00:00", finished_at="2025-10-01T09:09:00"
    )
    open_one = InventoryAttempt(1, "secondary", "en", "2026-10-01T09:00:00")
    profile = SelfExplorationProfile(
        1,
        attempts=[open_one, done],
        items=[
            ProfileItem("skill", "skill-math", confidence=3),
            ProfileItem("value", "value-helping"),
        ],
    )
    assert profile.finished_attempts == [done]
    assert profile.unfinished_attempt is open_one
    assert [i.entry_id for i in profile.items_of("value")] == ["value-helping"]
    assert not profile.is_empty and SelfExplorationProfile(2).is_empty
    assert set(KINDS) == {"strength", "skill", "value", "learning"}


# --- The demo's records ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def school() -> list[Student]:
    return generate_students(400, 21, load_names())


@pytest.fixture(scope="module")
def records(
    school: list[Student], inventory: Inventory, lists: Checklists
) -> list[SelfExplorationProfile]:
    return list(generate_self_exploration(school, 21, inventory, lists))


def test_demo_records_are_the_same_for_the_same_seed(
    school: list[Student],
    records: list[SelfExplorationProfile],
    inventory: Inventory,
    lists: Checklists,
) -> None:
    assert list(generate_self_exploration(school, 21, inventory, lists)) == records
    assert list(generate_self_exploration(school, 22, inventory, lists)) != records


def test_most_demo_students_have_records_and_every_record_is_valid(
    records: list[SelfExplorationProfile], lists: Checklists
) -> None:
    with_data = [p for p in records if not p.is_empty]
    assert 0.75 <= len(with_data) / len(records) <= 0.97
    for profile in with_data:
        assert 1 <= len(profile.attempts) <= 3
        assert profile.items
        for item in profile.items:
            assert validate_profile_item(item, lists, today=AS_OF) == {}, item
        for activity in profile.activities:
            assert validate_activity(activity, today=AS_OF) == {}, activity
        for support in profile.supports:
            assert validate_support(support, lists, today=AS_OF) == {}, support
        entries = [(i.kind, i.entry_id, i.other) for i in profile.items]
        assert len(entries) == len(set(entries))  # nothing recorded twice
        assert len(profile.activities) <= 4


def test_demo_attempts_fit_the_grade_change_over_time_and_are_reflected_on(
    school: list[Student], records: list[SelfExplorationProfile], inventory: Inventory
) -> None:
    codes_changed = reflections = spanish = unfinished = 0
    for student, profile in zip(school, records, strict=True):
        for attempt in profile.attempts:
            started = dt.datetime.fromisoformat(attempt.started_at)
            assert started.date() <= AS_OF and started.weekday() < 5
            assert attempt.entered_by in ("student", "keyed")
            # The school year the attempt was taken in gives the grade then, and so the form.
            year = started.year if started.month >= 8 else started.year - 1
            grade_then = int(student.grade) - (AS_OF.year - year)
            assert 6 <= grade_then <= int(student.grade)
            assert attempt.form == ("younger" if grade_then <= 7 else "secondary")
            if not attempt.finished:
                unfinished += 1
                assert attempt is profile.attempts[0]  # only the newest waits to be resumed
                assert 0 < len(attempt.answers) < len(inventory.form(attempt.form).ids)
                continue
            assert attempt.finished_at is not None and attempt.finished_at > attempt.started_at
            assert attempt.is_complete(inventory)
            if attempt.reflection:
                reflections += 1
                assert attempt.agreement in AGREEMENTS
                assert attempt.result(inventory).code is not None
                spanish += attempt.language == "es"
        finished = profile.finished_attempts
        for newer, older in itertools.pairwise(finished):
            assert newer.started_at > older.started_at
            codes_changed += newer.result(inventory).code != older.result(inventory).code
    assert reflections > 150
    assert spanish >= 3
    assert codes_changed >= 10
    assert unfinished >= 1


def test_demo_students_with_flags_get_everyday_supports(
    school: list[Student], records: list[SelfExplorationProfile]
) -> None:
    flagged = [
        (s, p) for s, p in zip(school, records, strict=True) if not p.is_empty and (s.iep or s.ell)
    ]
    assert flagged
    for student, profile in flagged:
        ids = {support.entry_id for support in profile.supports}
        if student.ell:
            assert "support-eld-class" in ids
        if student.iep:
            assert len(ids & set(IEP_SUPPORTS)) >= 2
    unflagged = [
        p
        for s, p in zip(school, records, strict=True)
        if not (s.iep or s.plan_504 or s.ell) and p.supports
    ]
    for profile in unflagged:
        assert {s.entry_id for s in profile.supports} <= set(OTHER_SUPPORTS)


def test_the_demo_only_names_entries_that_are_on_the_lists(lists: Checklists) -> None:
    every = {e.id for c in lists.lists.values() for e in c.entries}
    assert set(ENTRY_TYPES) <= every
    assert set(IEP_SUPPORTS) | set(PLAN_504_SUPPORTS) | set(OTHER_SUPPORTS) <= set(
        lists.supports.ids
    )
