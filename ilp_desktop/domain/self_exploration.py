"""Self-exploration: who the student is, in their own words, recorded over the years.

The student's strengths, how sure they feel of their skills, what they value in work, how they
learn best, what they do in and out of school, what helps them learn, and their interest
inventory attempts with their reflection on each result.

Plain Python: the caller loads the lists (resources/self_exploration/checklists.json) and passes
the parsed data to :func:`load_checklists`. Dates are ISO strings ("2026-09-14"), timestamps ISO
to the second ("2026-09-14T10:05:00"), and an empty string means "not given".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .dates import read_iso_date
from .interests import (
    FORM_ITEMS_PER_TYPE,
    LANGUAGES,
    SCALE_VALUES,
    Bilingual,
    Inventory,
    InventoryForm,
    InventoryResult,
    ScalePoint,
    read_bilingual,
    score,
)

# What a profile item can be, and the list each kind is chosen from.
KIND_LISTS: dict[str, str] = {
    "strength": "strengths",
    "skill": "skills",
    "value": "values",
    "learning": "learning",
}
KINDS: tuple[str, ...] = tuple(KIND_LISTS)
LIST_KEYS: tuple[str, ...] = (*KIND_LISTS.values(), "supports")
# How the messages name one entry of each kind.
KIND_WORDS: dict[str, str] = {
    "strength": "strength",
    "skill": "skill",
    "value": "work value",
    "learning": "learning preference",
}

# Skills carry how sure the student feels: 1 "not yet", 2 "a little", 3 "fairly", 4 "very".
CONFIDENCE_VALUES: tuple[int, ...] = (1, 2, 3, 4)

# Kept here as well as in checklists.json (the loader checks they agree) so that an activity can
# be validated without the lists at hand, and the store's rows always name a known category.
ACTIVITY_CATEGORIES: tuple[str, ...] = (
    "club",
    "sport",
    "arts",
    "job",
    "volunteering",
    "family",
    "other",
)
# 80 hours a week is already two full-time jobs; more is a typing slip.
MAX_HOURS_PER_WEEK = 80

AGREEMENTS: tuple[str, ...] = ("agree", "partly", "disagree")
# "student": the student answered on screen; "keyed": the counselor typed in a paper sheet.
ENTERED_BY: tuple[str, ...] = ("student", "keyed")

# Each list is long enough to find oneself in and short enough to read through with a student.
LIST_SIZE: tuple[int, int] = (15, 25)
MAX_SHORT_TEXT = 200  # an "other" entry, an activity's name, role or organisation
MAX_NOTE = 2000  # a note or the student's reflection: a paragraph or two

_ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


# --- The lists ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of a list: a stable id and its English and Spanish text."""

    id: str
    text: Bilingual

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("en" or "es")."""
        return self.text.get(lang)


@dataclass(frozen=True)
class Checklist:
    """One list (strengths, skills, ...): a plain-language intro and its entries in order."""

    key: str
    intro: Bilingual
    entries: tuple[Entry, ...]
    note: Bilingual | None = None  # supports: where legal accommodations belong

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)

    def has(self, entry_id: str) -> bool:
        """Whether ``entry_id`` is on this list."""
        return any(entry.id == entry_id for entry in self.entries)

    def entry(self, entry_id: str) -> Entry:
        """The entry with ``entry_id``; KeyError if it is not on this list."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)


@dataclass(frozen=True)
class Checklists:
    """All the self-exploration lists, the activity categories and the scales' labels."""

    about: str
    version: int
    lists: dict[str, Checklist]  # by LIST_KEYS
    categories: Checklist  # ids are ACTIVITY_CATEGORIES
    providers: Checklist  # suggestions for who provides a support
    confidence: tuple[ScalePoint, ...]  # values 1-4
    agreement: Checklist  # ids are AGREEMENTS

    def for_kind(self, kind: str) -> Checklist:
        """The list a profile item of ``kind`` is chosen from."""
        try:
            return self.lists[KIND_LISTS[kind]]
        except KeyError:
            raise ValueError(f"There is no “{kind}” list; use one of {', '.join(KINDS)}.") from None

    @property
    def supports(self) -> Checklist:
        return self.lists["supports"]

    def text(self, item: ProfileItem | Support, lang: str = "en") -> str:
        """What the item says: its list entry in ``lang``, or the student's own words."""
        if not item.entry_id:
            return item.other
        checklist = self.supports if isinstance(item, Support) else self.for_kind(item.kind)
        try:
            return checklist.entry(item.entry_id).get(lang)
        except KeyError:
            # Ids are never removed from the file; should one be, show it rather than fail.
            return item.entry_id

    def category_label(self, category: str, lang: str = "en") -> str:
        """The name of an activity category in ``lang``."""
        return self.categories.entry(category).get(lang)

    def confidence_label(self, value: int, lang: str = "en") -> str:
        """ "Not yet", "A little", "Fairly" or "Very" (or the Spanish) for 1-4."""
        for point in self.confidence:
            if point.value == value:
                return point.label.get(lang)
        raise KeyError(value)

    def agreement_label(self, agreement: str, lang: str = "en") -> str:
        """ "I agree", "Partly" or "I disagree" (or the Spanish)."""
        return self.agreement.entry(agreement).get(lang)


_WHERE = "Self-exploration lists"


def load_checklists(data: Mapping[str, Any]) -> Checklists:
    """Turn the parsed checklists.json into typed objects, or raise ValueError saying what is wrong.

    Checks: every list present with 15 to 25 entries, ids unique across the whole file, every
    text in English and Spanish, no entry repeated within a list, the activity categories,
    the four confidence labels and the three reflection answers.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"{_WHERE}: expected an object at the top level.")
    version = data.get("version")
    if version != 1:
        raise ValueError(f"{_WHERE}: version {version!r} is not one this app can read (1).")
    lists_raw = data.get("lists")
    if not isinstance(lists_raw, Mapping):
        raise ValueError(f"{_WHERE}: “lists” is missing.")
    unknown = sorted(set(lists_raw) - set(LIST_KEYS))
    if unknown:
        raise ValueError(f"{_WHERE}: unknown list “{unknown[0]}”.")
    seen: set[str] = set()
    lists: dict[str, Checklist] = {}
    for key in LIST_KEYS:
        if key not in lists_raw:
            raise ValueError(f"{_WHERE}: the “{key}” list is missing.")
        lists[key] = _load_list(key, lists_raw[key], seen, size=LIST_SIZE)
    if lists["supports"].note is None:
        raise ValueError(
            f"{_WHERE}: the supports list needs its note on IEP and 504 accommodations."
        )
    categories = _load_list("categories", data.get("categories"), seen)
    if categories.ids != ACTIVITY_CATEGORIES:
        raise ValueError(
            f"{_WHERE}: the activity categories must be {', '.join(ACTIVITY_CATEGORIES)} "
            "in that order."
        )
    providers = _load_list("providers", data.get("providers"), seen)
    agreement = _load_list("agreement", {"entries": data.get("agreement")}, seen, intro=False)
    if agreement.ids != AGREEMENTS:
        raise ValueError(
            f"{_WHERE}: the reflection answers must be {', '.join(AGREEMENTS)} in that order."
        )
    return Checklists(
        about=str(data.get("about", "")),
        version=version,
        lists=lists,
        categories=categories,
        providers=providers,
        confidence=_load_confidence(data.get("confidence")),
        agreement=agreement,
    )


def _load_list(
    key: str,
    raw: object,
    seen: set[str],
    *,
    size: tuple[int, int] | None = None,
    intro: bool = True,
) -> Checklist:
    where = f"the “{key}” list"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{_WHERE}: {where} is missing.")
    entries_raw = raw.get("entries")
    if not isinstance(entries_raw, Sequence) or isinstance(entries_raw, str) or not entries_raw:
        raise ValueError(f"{_WHERE}: {where} has no entries.")
    entries = []
    seen_text: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for index, entry in enumerate(entries_raw, start=1):
        if not isinstance(entry, Mapping):
            raise ValueError(f"{_WHERE}: {where}, entry {index} is not an object.")
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not _ITEM_ID.match(entry_id):
            raise ValueError(
                f"{_WHERE}: {where}, entry {index} needs an id of letters, digits, - or _."
            )
        if entry_id in seen:
            raise ValueError(f"{_WHERE}: the id {entry_id} is used twice.")
        seen.add(entry_id)
        text = _bilingual(entry, f"entry {entry_id}")
        for lang in LANGUAGES:
            folded = " ".join(text.get(lang).casefold().split())
            if folded in seen_text[lang]:
                raise ValueError(f"{_WHERE}: {where} has the text of {entry_id} twice.")
            seen_text[lang].add(folded)
        entries.append(Entry(entry_id, text))
    if size is not None and not size[0] <= len(entries) <= size[1]:
        raise ValueError(
            f"{_WHERE}: {where} has {len(entries)} entries; it needs {size[0]} to {size[1]}."
        )
    note = raw.get("note")
    return Checklist(
        key=key,
        intro=_bilingual(raw.get("intro"), f"the intro of {where}") if intro else Bilingual("", ""),
        entries=tuple(entries),
        note=_bilingual(note, f"the note of {where}") if note is not None else None,
    )


def _load_confidence(raw: object) -> tuple[ScalePoint, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise ValueError(f"{_WHERE}: “confidence” is missing.")
    points = []
    for entry in raw:
        if not isinstance(entry, Mapping):
            raise ValueError(f"{_WHERE}: each confidence point needs a value and its texts.")
        value = entry.get("value")
        points.append(ScalePoint(value, _bilingual(entry, f"confidence point {value}")))
    if tuple(p.value for p in points) != CONFIDENCE_VALUES:
        raise ValueError(f"{_WHERE}: confidence must have the values 1, 2, 3, 4 in that order.")
    return tuple(points)


def _bilingual(raw: object, what: str) -> Bilingual:
    return read_bilingual(raw, what, _WHERE)


# --- What the student records ---------------------------------------------------------------


@dataclass
class ProfileItem:
    """A strength, skill, work value or learning preference the student chose.

    Either ``entry_id`` (an entry of the kind's list) or ``other`` (the student's own words) is
    set, never both. Skills carry ``confidence`` 1-4; the other kinds have none.
    """

    kind: str
    entry_id: str = ""
    other: str = ""
    confidence: int | None = None
    note: str = ""
    recorded_on: str = ""  # ISO date; the store fills in today when empty
    updated_on: str = ""  # ISO date of the last change
    student_id: int | None = None
    id: int | None = None


@dataclass
class Activity:
    """Something the student does in or out of school: the activity log state plans ask for."""

    category: str  # one of ACTIVITY_CATEGORIES
    name: str
    role: str = ""
    organisation: str = ""
    start_on: str = ""  # ISO date; an approximate one is fine
    end_on: str = ""  # ISO date, or empty while it goes on
    hours_per_week: float | None = None  # 0-80, None when not known
    note: str = ""
    recorded_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None

    @property
    def ongoing(self) -> bool:
        return not self.end_on


@dataclass
class Support:
    """Something that helps the student learn, who provides it and since when.

    Everyday supports only: legal accommodations belong to the IEP or 504 plan.
    """

    entry_id: str = ""  # an entry of the supports list, or
    other: str = ""  # the support in the counselor's or student's words
    provided_by: str = ""
    since: str = ""  # ISO date or empty
    ended_on: str = ""  # ISO date, or empty while the support continues
    note: str = ""
    recorded_on: str = ""
    updated_on: str = ""
    student_id: int | None = None
    id: int | None = None

    @property
    def active(self) -> bool:
        return not self.ended_on


@dataclass
class InventoryAttempt:
    """One sitting of the interest inventory, finished or not, and the student's reflection.

    ``answers`` maps item id to 1-5, or None for a statement the student chose to skip; a
    statement not yet reached has no key. ``finished_at`` is None while the attempt can be
    resumed.
    """

    student_id: int | None
    form: str  # "secondary" or "younger"
    language: str  # "en" or "es"
    started_at: str  # ISO timestamp
    entered_by: str = "student"  # one of ENTERED_BY
    finished_at: str | None = None
    answers: dict[str, int | None] = field(default_factory=dict)
    agreement: str | None = None  # one of AGREEMENTS once the student has reflected
    reflection: str = ""  # the student's own words about the result
    reflected_on: str = ""  # ISO date of the reflection
    updated_at: str = ""  # ISO timestamp of the last answer saved
    id: int | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def form_of(self, bank: Inventory | InventoryForm) -> InventoryForm:
        """This attempt's form, from the whole item bank or the form itself."""
        form = bank.form(self.form) if isinstance(bank, Inventory) else bank
        if form.key != self.form:
            raise ValueError(f"This attempt used the {self.form} form, not the {form.key} form.")
        return form

    def result(self, bank: Inventory | InventoryForm) -> InventoryResult:
        """The six scores, code, ties and messages (statements not reached count as skipped)."""
        return score(self.form_of(bank), self.answers)

    def is_complete(self, bank: Inventory | InventoryForm) -> bool:
        """Every statement of the form has been answered or deliberately skipped."""
        return all(item_id in self.answers for item_id in self.form_of(bank).ids)

    def next_position(self, bank: Inventory | InventoryForm) -> int | None:
        """Where to resume: the position of the first statement not reached, None if none."""
        for position, item_id in enumerate(self.form_of(bank).ids):
            if item_id not in self.answers:
                return position
        return None


@dataclass
class SelfExplorationProfile:
    """Everything one student has recorded in the Self-exploration tab."""

    student_id: int | None
    attempts: list[InventoryAttempt] = field(default_factory=list)  # newest first
    items: list[ProfileItem] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    supports: list[Support] = field(default_factory=list)

    def items_of(self, kind: str) -> list[ProfileItem]:
        """The student's items of one kind, in the order they were recorded."""
        return [item for item in self.items if item.kind == kind]

    @property
    def finished_attempts(self) -> list[InventoryAttempt]:
        """Finished attempts, newest first: the results history."""
        return [attempt for attempt in self.attempts if attempt.finished]

    @property
    def unfinished_attempt(self) -> InventoryAttempt | None:
        """The newest attempt still open for resuming, if any."""
        return next((a for a in self.attempts if not a.finished), None)

    @property
    def is_empty(self) -> bool:
        return not (self.attempts or self.items or self.activities or self.supports)


# --- Rules ----------------------------------------------------------------------------------


def new_attempt(
    student_id: int,
    form: str,
    language: str,
    entered_by: str,
    started_at: str,
) -> InventoryAttempt:
    """A fresh attempt, or ValueError naming what is wrong with the choice of form or language."""
    if form not in FORM_ITEMS_PER_TYPE:
        raise ValueError(f"There is no “{form}” form; choose {' or '.join(FORM_ITEMS_PER_TYPE)}.")
    if language not in LANGUAGES:
        raise ValueError(f"The inventory is not available in “{language}”; use en or es.")
    if entered_by not in ENTERED_BY:
        raise ValueError(
            f"“{entered_by}” is not a way of taking the inventory; use student or keyed."
        )
    return InventoryAttempt(
        student_id=student_id,
        form=form,
        language=language,
        started_at=started_at,
        entered_by=entered_by,
        updated_at=started_at,
    )


def check_answer(item_id: str, value: object) -> None:
    """Raise ValueError unless ``value`` is 1-5 or None (a skip) and ``item_id`` is an id."""
    if not isinstance(item_id, str) or not _ITEM_ID.match(item_id):
        raise ValueError(f"{item_id!r} is not a statement id.")
    # bool is an int: a stray True must not become "Strongly dislike".
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in SCALE_VALUES
    ):
        raise ValueError(
            f"The answer to {item_id} is {value!r}; answers go from 1 (strongly dislike) "
            "to 5 (strongly like), or blank to skip."
        )


def validate_profile_item(
    item: ProfileItem, checklists: Checklists, *, today: dt.date | None = None
) -> dict[str, str]:
    """Check a strength, skill, value or learning preference; return {field: message}."""
    problems: dict[str, str] = {}
    if item.kind not in KINDS:
        problems["kind"] = "Choose strength, skill, work value or learning preference."
        return problems
    word = KIND_WORDS[item.kind]
    checklist = checklists.for_kind(item.kind)
    _check_choice(problems, item.entry_id, item.other, checklist, word)
    if item.kind == "skill":
        if item.confidence is None:
            problems["confidence"] = (
                "Choose how sure the student feels about this skill, from 1 (not yet) to 4 (very)."
            )
        elif isinstance(item.confidence, bool) or item.confidence not in CONFIDENCE_VALUES:
            problems["confidence"] = "Confidence goes from 1 (not yet) to 4 (very)."
    elif item.confidence is not None:
        problems["confidence"] = "Only skills have a confidence rating."
    _check_note(problems, item.note)
    _check_record_dates(problems, item.recorded_on, item.updated_on, today)
    return problems


def validate_activity(activity: Activity, *, today: dt.date | None = None) -> dict[str, str]:
    """Check an activity; return {field: message} in the counselor's words."""
    problems: dict[str, str] = {}
    if activity.category not in ACTIVITY_CATEGORIES:
        problems["category"] = (
            "Choose what kind of activity this is: club, sport, arts, job, volunteering, "
            "family responsibility or other."
        )
    name = activity.name.strip()
    if not name:
        problems["name"] = "Enter the activity's name, for example Soccer or Robotics Club."
    elif len(name) > MAX_SHORT_TEXT:
        problems["name"] = f"Keep the name to {MAX_SHORT_TEXT} characters; the note has room."
    for key, text in (("role", activity.role), ("organisation", activity.organisation)):
        if len(text.strip()) > MAX_SHORT_TEXT:
            problems[key] = f"Keep it to {MAX_SHORT_TEXT} characters; the note has room for more."
    start = activity.start_on.strip()
    end = activity.end_on.strip()
    if not start:
        problems["start_on"] = (
            "Enter when the activity started, as year-month-day; an approximate date is fine."
        )
    else:
        _check_date(problems, "start_on", start, today, future_ok=True)
    if end:
        _check_date(problems, "end_on", end, today, future_ok=True)
        if "start_on" not in problems and "end_on" not in problems and end < start:
            problems["end_on"] = "The end date is before the start date."
    hours_problem = _hours_problem(activity.hours_per_week)
    if hours_problem:
        problems["hours_per_week"] = hours_problem
    _check_note(problems, activity.note)
    _check_record_dates(problems, activity.recorded_on, activity.updated_on, today)
    return problems


def validate_support(
    support: Support, checklists: Checklists, *, today: dt.date | None = None
) -> dict[str, str]:
    """Check a support; return {field: message} in the counselor's words."""
    problems: dict[str, str] = {}
    _check_choice(problems, support.entry_id, support.other, checklists.supports, "support")
    if len(support.provided_by.strip()) > MAX_SHORT_TEXT:
        problems["provided_by"] = f"Keep who provides it to {MAX_SHORT_TEXT} characters."
    since = support.since.strip()
    ended = support.ended_on.strip()
    if since:
        _check_date(problems, "since", since, today, future_ok=False)
    if ended:
        _check_date(problems, "ended_on", ended, today, future_ok=False)
        if "ended_on" in problems and problems["ended_on"] == _FUTURE:
            problems["ended_on"] = (
                "The end date is in the future; leave it empty while the support continues."
            )
        elif since and "since" not in problems and "ended_on" not in problems and ended < since:
            problems["ended_on"] = "The support cannot end before it started."
    _check_note(problems, support.note)
    _check_record_dates(problems, support.recorded_on, support.updated_on, today)
    return problems


def validate_reflection(agreement: str | None, words: str) -> dict[str, str]:
    """Check the student's reflection on a result; return {field: message}."""
    problems: dict[str, str] = {}
    if agreement is not None and agreement not in AGREEMENTS:
        problems["agreement"] = "Choose agree, partly or disagree."
    if len(words.strip()) > MAX_NOTE:
        problems["reflection"] = (
            f"The reflection is longer than {MAX_NOTE:,} characters; shorten it a little."
        )
    return problems


_FUTURE = "The date is in the future."


def _check_choice(
    problems: dict[str, str], entry_id: str, other: str, checklist: Checklist, word: str
) -> None:
    other = other.strip()
    if entry_id and other:
        problems["entry_id"] = "Choose from the list or write it in the student's words, not both."
    elif not entry_id and not other:
        problems["entry_id"] = (
            f"Choose a {word} from the list, or write it in the student's own words."
        )
    elif entry_id and not checklist.has(entry_id):
        problems["entry_id"] = f"“{entry_id}” is not on the list of {checklist.key}."
    elif len(other) > MAX_SHORT_TEXT:
        problems["other"] = (
            f"Keep it to {MAX_SHORT_TEXT} characters; longer thoughts fit in the note."
        )


def _check_note(problems: dict[str, str], note: str) -> None:
    if len(note.strip()) > MAX_NOTE:
        problems["note"] = f"The note is longer than {MAX_NOTE:,} characters; shorten it a little."


def _check_record_dates(
    problems: dict[str, str], recorded_on: str, updated_on: str, today: dt.date | None
) -> None:
    if recorded_on:
        _check_date(problems, "recorded_on", recorded_on, today, future_ok=False)
    if updated_on:
        _check_date(problems, "updated_on", updated_on, today, future_ok=False)
        if (
            recorded_on
            and "recorded_on" not in problems
            and "updated_on" not in problems
            and updated_on < recorded_on
        ):
            problems["updated_on"] = "The date it was changed is before the date it was recorded."


def _check_date(
    problems: dict[str, str], key: str, text: str, today: dt.date | None, *, future_ok: bool
) -> None:
    message = date_problem(text, today, future_ok=future_ok)
    if message:
        problems[key] = message


def date_problem(text: str, today: dt.date | None = None, *, future_ok: bool = False) -> str | None:
    """A message if ``text`` is not an ISO date (or, unless ``future_ok``, is after today)."""
    day, problem = read_iso_date(text)
    if day is None:
        return problem
    if not future_ok and day > (today or dt.date.today()):
        return _FUTURE
    return None


def _hours_problem(hours: object) -> str | None:
    if hours is None:
        return None
    if isinstance(hours, bool) or not isinstance(hours, int | float) or math.isnan(hours):
        return "Hours a week must be a number, for example 4 or 2.5."
    if not 0 <= hours <= MAX_HOURS_PER_WEEK:
        return f"Hours a week go from 0 to {MAX_HOURS_PER_WEEK}."
    return None
