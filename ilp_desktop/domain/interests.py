"""The interest inventory: its forms, and how answers become a Holland code.

Holland's six interest types are Realistic, Investigative, Artistic, Social, Enterprising and
Conventional (RIASEC). A student rates activity statements from 1 (strongly dislike) to 5
(strongly like); each type's score is the mean of its answered statements rescaled to 0-100.

Plain Python: the caller loads the item bank (resources/inventory/forms.json) and passes the
parsed data to :func:`load_inventory`. Scores describe likes, not abilities, and the result says
plainly when it cannot support a code: ties, flat profiles and too many skipped statements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .grades import parse_grade

# The conventional RIASEC order, which is also Holland's hexagon. Tied types are listed in this
# order so the same answers always give the same code; the tie itself is reported, never hidden.
TYPES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
LANGUAGES: tuple[str, ...] = ("en", "es")
SCALE_VALUES: tuple[int, ...] = (1, 2, 3, 4, 5)

# The names the messages use. forms.json carries the same names for display (a test keeps the
# two in step); these live here so a result can explain itself without the item bank at hand.
TYPE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "R": "Realistic",
        "I": "Investigative",
        "A": "Artistic",
        "S": "Social",
        "E": "Enterprising",
        "C": "Conventional",
    },
    "es": {
        "R": "Realista",
        "I": "Investigador",
        "A": "Artístico",
        "S": "Social",
        "E": "Emprendedor",
        "C": "Convencional",
    },
}

# Statements per type on each form: the same number for every type, so no type's score rests on
# more evidence than another's.
FORM_ITEMS_PER_TYPE: dict[str, int] = {"secondary": 10, "younger": 5}

CODE_LENGTH = 3

# A profile is flat when the highest and lowest of the six scores are at most this far apart.
# 15 points is a mean difference of 0.6 on the 1-5 scale: the favorite type is liked less than
# one answer step ("Not sure" -> "Like") more than the least liked one, which is too little to
# read a preference from. On the secondary form that is 6 single-step changes across a type's 10
# statements; on the younger form, 3 across 5.
FLAT_SPREAD = 15

# No code when more than this share of the whole form is skipped (1 in 5: up to 12 of 60 or
# 6 of 30). A few "can't picture it" skips are normal; beyond that the profile rests on too little.
MAX_SKIPPED_PARTS = (1, 5)

# No code when any one type has fewer than this share answered (3 in 5: at least 6 of 10 or 3 of
# 5). Otherwise a type could be ranked first on the strength of one or two answers.
MIN_ANSWERED_PER_TYPE_PARTS = (3, 5)

# compare(): a type "moved" when its score changed by at least this much between attempts. Same
# size as the flat band, for the same reason: smaller changes are within a change of mind on a
# handful of statements.
MOVE_THRESHOLD = 15


# --- The item bank -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bilingual:
    """A text in English and Spanish."""

    en: str
    es: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("en" or "es")."""
        return self.es if _checked_lang(lang) == "es" else self.en


@dataclass(frozen=True)
class ScalePoint:
    """One answer on the like/dislike scale, e.g. 5 = "Strongly like"."""

    value: int
    label: Bilingual


@dataclass(frozen=True)
class Item:
    """One activity statement and the type it counts towards."""

    id: str
    type: str
    text: Bilingual


@dataclass(frozen=True)
class TypeInfo:
    """A Holland type as a student and family read about it."""

    letter: str
    name: Bilingual
    describe: Bilingual  # two or three plain sentences
    short: Bilingual  # one line, e.g. "Doers: hands-on work with tools, ..."


@dataclass(frozen=True)
class InventoryForm:
    """One form of the inventory ("secondary" or "younger"), items in the order they are asked."""

    key: str
    title: Bilingual
    instructions: Bilingual
    items: tuple[Item, ...]
    scale: tuple[ScalePoint, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def items_of(self, letter: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.type == letter)


@dataclass(frozen=True)
class Inventory:
    """The whole item bank: the answer scale, both forms and the six type descriptions."""

    about: str
    version: int
    scale: tuple[ScalePoint, ...]
    forms: dict[str, InventoryForm]
    types: dict[str, TypeInfo]

    def form(self, key: str) -> InventoryForm:
        try:
            return self.forms[key]
        except KeyError:
            raise ValueError(f"There is no “{key}” form of the interest inventory.") from None


_WHERE = "Interest inventory data"


def load_inventory(data: Mapping[str, Any]) -> Inventory:
    """Turn the parsed forms.json into typed objects, or raise ValueError saying what is wrong.

    Checks what scoring relies on: both forms present, the right number of statements for each
    type, ids unique across forms, every text in English and Spanish, no statement repeated.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"{_WHERE}: expected an object at the top level.")
    version = data.get("version")
    if version != 1:
        raise ValueError(f"{_WHERE}: version {version!r} is not one this app can read (1).")
    scale = _load_scale(data.get("scale"))
    forms_data = data.get("forms")
    if not isinstance(forms_data, Mapping):
        raise ValueError(f"{_WHERE}: “forms” is missing.")
    unknown = sorted(set(forms_data) - set(FORM_ITEMS_PER_TYPE))
    if unknown:
        raise ValueError(f"{_WHERE}: unknown form “{unknown[0]}”.")
    seen_ids: set[str] = set()
    forms: dict[str, InventoryForm] = {}
    for key, per_type in FORM_ITEMS_PER_TYPE.items():
        if key not in forms_data:
            raise ValueError(f"{_WHERE}: the “{key}” form is missing.")
        forms[key] = _load_form(key, forms_data[key], per_type, scale, seen_ids)
    return Inventory(
        about=str(data.get("about", "")),
        version=version,
        scale=scale,
        forms=forms,
        types=_load_types(data.get("types")),
    )


def _load_scale(raw: object) -> tuple[ScalePoint, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise ValueError(f"{_WHERE}: “scale” is missing.")
    points = []
    for entry in raw:
        if not isinstance(entry, Mapping):
            raise ValueError(f"{_WHERE}: each scale point needs a value and its texts.")
        points.append(
            ScalePoint(entry.get("value"), _bilingual(entry, f"scale point {entry.get('value')}"))
        )
    if tuple(p.value for p in points) != SCALE_VALUES:
        raise ValueError(f"{_WHERE}: the scale must have the values 1, 2, 3, 4, 5 in that order.")
    return tuple(points)


def _load_form(
    key: str,
    raw: object,
    per_type: int,
    scale: tuple[ScalePoint, ...],
    seen_ids: set[str],
) -> InventoryForm:
    where = f"form “{key}”"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{_WHERE}: {where} is not an object.")
    items_raw = raw.get("items")
    if not isinstance(items_raw, Sequence) or isinstance(items_raw, str):
        raise ValueError(f"{_WHERE}: {where} has no items.")
    items: list[Item] = []
    seen_text: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for index, entry in enumerate(items_raw, start=1):
        if not isinstance(entry, Mapping):
            raise ValueError(f"{_WHERE}: {where}, item {index} is not an object.")
        item_id = entry.get("id")
        if not isinstance(item_id, str) or not item_id.strip():
            raise ValueError(f"{_WHERE}: {where}, item {index} has no id.")
        if item_id in seen_ids:
            raise ValueError(f"{_WHERE}: item id {item_id} is used twice.")
        seen_ids.add(item_id)
        letter = entry.get("type")
        if letter not in TYPES:
            raise ValueError(
                f"{_WHERE}: item {item_id} has the unknown type {letter!r}; "
                "use one of R, I, A, S, E, C."
            )
        text = _bilingual(entry, f"item {item_id}")
        for lang in LANGUAGES:
            folded = " ".join(text.get(lang).casefold().split())
            if folded in seen_text[lang]:
                raise ValueError(f"{_WHERE}: {where} has the statement of {item_id} twice.")
            seen_text[lang].add(folded)
        items.append(Item(item_id, letter, text))
    for letter in TYPES:
        count = sum(1 for item in items if item.type == letter)
        if count != per_type:
            name = TYPE_NAMES["en"][letter]
            raise ValueError(
                f"{_WHERE}: {where} has {count} {name} ({letter}) statements; it needs {per_type}."
            )
    return InventoryForm(
        key=key,
        title=_bilingual(raw.get("title"), f"the title of {where}"),
        instructions=_bilingual(raw.get("instructions"), f"the instructions of {where}"),
        items=tuple(items),
        scale=scale,
    )


def _load_types(raw: object) -> dict[str, TypeInfo]:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{_WHERE}: “types” is missing.")
    unknown = sorted(set(raw) - set(TYPES))
    if unknown:
        raise ValueError(f"{_WHERE}: unknown type {unknown[0]!r} in “types”.")
    types = {}
    for letter in TYPES:
        entry = raw.get(letter)
        if not isinstance(entry, Mapping):
            raise ValueError(f"{_WHERE}: type {letter} has no description.")
        types[letter] = TypeInfo(
            letter=letter,
            name=_bilingual(entry.get("name"), f"the name of type {letter}"),
            describe=_bilingual(entry.get("describe"), f"the description of type {letter}"),
            short=_bilingual(entry.get("short"), f"the short line of type {letter}"),
        )
    return types


def read_bilingual(raw: object, what: str, where: str = _WHERE) -> Bilingual:
    """An {"en": ..., "es": ...} entry of a data file, both texts required."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: {what} is missing.")
    texts = {}
    for lang, language in (("en", "English"), ("es", "Spanish")):
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: {what} has no {language} ({lang}) text.")
        texts[lang] = value.strip()
    return Bilingual(**texts)


_bilingual = read_bilingual


def _checked_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"Language “{lang}” is not available; use en or es.")
    return lang


# --- Which form -----------------------------------------------------------------------------


def form_for_grade(grade: str) -> str:
    """The form a student in ``grade`` takes by default: "younger" for K-7, "secondary" after.

    The counselor can always choose the other form; this is only the starting suggestion.
    Raises GradeError (a ValueError) for a grade no school has.
    """
    code = parse_grade(grade)
    # From grade 8 students choose high-school courses and pathways, so the fuller 60-statement
    # profile is worth its length; its statements (shop class, budgets, a part-time market stall)
    # also assume a teenager's experience and reading. Younger students get 30 short statements
    # about school and home they can picture, and finish before attention runs out.
    if code == "K" or (code != "PS" and int(code) <= 7):
        return "younger"
    return "secondary"


# --- Scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InventoryResult:
    """Six scores from one attempt, ranked, with the code and what the reader must know about it.

    ``scores`` is 0-100 per type (None when none of its statements was answered); ``answered``
    and ``items`` count statements per type. ``code`` is None when too much was skipped; then
    ``ranked`` and ``ties`` are empty too. ``ties`` lists the groups of types with equal scores
    that touch the code (in ranked order); ``code`` still shows one deterministic order (RIASEC
    within a tie), so always show ``ties`` (or :attr:`code_display`) next to it.
    """

    form: str
    scores: dict[str, int | None]
    answered: dict[str, int]
    items: dict[str, int]
    ranked: tuple[str, ...]
    code: str | None
    ties: tuple[tuple[str, ...], ...]
    flat: bool

    @property
    def total(self) -> int:
        return sum(self.items.values())

    @property
    def skipped(self) -> int:
        return self.total - sum(self.answered.values())

    @property
    def complete(self) -> bool:
        """Enough was answered for a code."""
        return self.code is not None

    @property
    def spread(self) -> int | None:
        """Highest minus lowest score, when every type has one."""
        values = [v for v in self.scores.values() if v is not None]
        if len(values) < len(TYPES):
            return None
        return max(values) - min(values)

    @property
    def code_display(self) -> str | None:
        """The code with its ties visible: "SEA", "(S/E)A", "SE(A/C)"."""
        if self.code is None:
            return None
        parts = []
        for group in _groups(self.ranked, self.scores):
            if _start(group, self.ranked) >= CODE_LENGTH:
                break
            parts.append(group[0] if len(group) == 1 else "(" + "/".join(group) + ")")
        return "".join(parts)

    def messages(self, lang: str = "en") -> list[str]:
        """What the counselor and student should know about this result, in plain words.

        Empty when the code can be read as it stands.
        """
        words = _WORDS[_checked_lang(lang)]
        names = TYPE_NAMES[lang]
        notes: list[str] = []
        if self.code is None:
            max_skipped = _max_skipped(self.total)
            if self.skipped > max_skipped:
                notes.append(
                    words["skipped"].format(
                        skipped=self.skipped, total=self.total, allowed=max_skipped
                    )
                )
            for letter in TYPES:
                needed = _min_answered(self.items[letter])
                if self.answered[letter] < needed:
                    notes.append(
                        words["type_skipped"].format(
                            answered=self.answered[letter],
                            total=self.items[letter],
                            name=names[letter],
                            needed=needed,
                        )
                    )
            return notes
        if self.flat:
            low, high = min(self._known()), max(self._known())
            # All six equal: the "all six tie" line below says the rest.
            key = "flat" if low < high else "flat_same"
            notes.append(words[key].format(spread=FLAT_SPREAD, low=low, high=high))
        for group in self.ties:
            notes.append(self._tie_message(group, lang))
        return notes

    def _known(self) -> list[int]:
        return [v for v in self.scores.values() if v is not None]

    def _tie_message(self, group: tuple[str, ...], lang: str) -> str:
        words = _WORDS[lang]
        score = self.scores[group[0]]
        if len(group) == len(TYPES):
            return words["tie_all"].format(score=score)
        names = _join([TYPE_NAMES[lang][t] for t in group], lang)
        start = _start(group, self.ranked)
        slots = CODE_LENGTH - start
        if start + len(group) <= CODE_LENGTH:
            key = "tie_inside_two" if len(group) == 2 else "tie_inside_many"
        elif len(group) == 2:
            key = "tie_for_last_two"  # two types, one place left
        else:
            # More tied types than places left in the code: which ones it shows is a coin toss.
            key = f"tie_for_{slots}"
        return words[key].format(names=names, score=score)


def score(form: InventoryForm, answers: Mapping[str, int | None]) -> InventoryResult:
    """Score one attempt. ``answers`` maps item id to 1-5, or None for a skipped statement.

    Statements missing from ``answers`` count as skipped (an unfinished attempt scores too).
    Raises ValueError for an id not on the form or a value other than 1-5 or None.
    """
    known = set(form.ids)
    for item_id, value in answers.items():
        if item_id not in known:
            raise ValueError(f"Statement “{item_id}” is not on the {form.key} form.")
        # bool is an int in Python: a stray True must not count as 1, "Strongly dislike".
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value not in SCALE_VALUES
        ):
            raise ValueError(
                f"The answer to {item_id} is {value!r}; answers go from 1 (strongly dislike) "
                "to 5 (strongly like), or blank to skip."
            )
    scores: dict[str, int | None] = {}
    answered: dict[str, int] = {}
    items: dict[str, int] = {}
    for letter in TYPES:
        of_type = form.items_of(letter)
        values = [v for item in of_type if (v := answers.get(item.id)) is not None]
        items[letter] = len(of_type)
        answered[letter] = len(values)
        scores[letter] = _rescaled(values)

    total = sum(items.values())
    skipped = total - sum(answered.values())
    enough = skipped <= _max_skipped(total) and all(
        answered[t] >= _min_answered(items[t]) for t in TYPES
    )
    if not enough:
        return InventoryResult(form.key, scores, answered, items, (), None, (), False)

    known_scores: dict[str, int] = {t: s for t, s in scores.items() if s is not None}
    ranked = tuple(sorted(TYPES, key=lambda t: (-known_scores[t], TYPES.index(t))))
    ties = tuple(
        group
        for group in _groups(ranked, scores)
        if len(group) > 1 and _start(group, ranked) < CODE_LENGTH
    )
    values = list(known_scores.values())
    flat = max(values) - min(values) <= FLAT_SPREAD
    code = "".join(ranked[:CODE_LENGTH])
    return InventoryResult(form.key, scores, answered, items, ranked, code, ties, flat)


def _rescaled(values: Sequence[int]) -> int | None:
    """(mean - 1) / 4 * 100, rounded half up to a whole number; None for no answers.

    Worked in integers: 25 * (sum - n) / n, so 2.5 becomes 3 every time, not banker's 2.
    """
    n = len(values)
    if n == 0:
        return None
    numerator = 25 * (sum(values) - n)
    return (2 * numerator + n) // (2 * n)


def _max_skipped(total: int) -> int:
    part, whole = MAX_SKIPPED_PARTS
    return total * part // whole


def _min_answered(count: int) -> int:
    part, whole = MIN_ANSWERED_PER_TYPE_PARTS
    return -(-count * part // whole)  # rounded up: 6 of 10, 3 of 5


def _groups(ranked: Sequence[str], scores: Mapping[str, int | None]) -> list[tuple[str, ...]]:
    """Runs of equal scores in ranked order, singletons included."""
    groups: list[list[str]] = []
    for letter in ranked:
        if groups and scores[groups[-1][0]] == scores[letter]:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    return [tuple(g) for g in groups]


def _start(group: Sequence[str], ranked: Sequence[str]) -> int:
    return ranked.index(group[0])


def _join(names: Sequence[str], lang: str) -> str:
    """ "A and B", "A, B and C"; in Spanish "y" becomes "e" before an i sound."""
    if len(names) == 1:
        return names[0]
    conj = "and"
    if lang == "es":
        last = names[-1].casefold()
        conj = "e" if last.startswith(("i", "hi")) and not last.startswith("hie") else "y"
    return f"{', '.join(names[:-1])} {conj} {names[-1]}"


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "skipped": (
            "{skipped} of {total} statements were skipped, more than the {allowed} a code "
            "allows, so there is no code yet. Go back to the skipped ones together."
        ),
        "type_skipped": (
            "Only {answered} of {total} {name} statements were answered; a code needs at least "
            "{needed} in each type, so there is no code yet."
        ),
        "flat": (
            "No clear preference yet: talk about it. All six scores are within {spread} points "
            "of each other (from {low} to {high})."
        ),
        "flat_same": "No clear preference yet: talk about it.",
        "tie_all": "All six types tie at {score}.",
        "tie_inside_two": "{names} tie at {score}: either could come first in the code.",
        "tie_inside_many": "{names} tie at {score}: the code could list them in any order.",
        "tie_for_last_two": "{names} tie at {score} for the last letter of the code: either fits.",
        "tie_for_1": "{names} tie at {score} for the last letter of the code: any of them fits.",
        "tie_for_2": (
            "{names} tie at {score} for the last two letters of the code: any two of them fit."
        ),
        "tie_for_3": (
            "{names} tie at {score} for all three letters of the code: any three of them fit."
        ),
    },
    "es": {
        "skipped": (
            "Se saltaron {skipped} de {total} frases, más de las {allowed} que permite un "
            "código, así que todavía no hay código. Revisen juntos las que faltan."
        ),
        "type_skipped": (
            "Solo se contestaron {answered} de {total} frases del tipo {name}; el código "
            "necesita al menos {needed} de cada tipo, así que todavía no hay código."
        ),
        "flat": (
            "Todavía no hay una preferencia clara: hablen sobre esto. Los seis puntajes están a "
            "{spread} puntos o menos entre sí (de {low} a {high})."
        ),
        "flat_same": "Todavía no hay una preferencia clara: hablen sobre esto.",
        "tie_all": "Los seis tipos empatan con {score}.",
        "tie_inside_two": (
            "{names} empatan con {score}: cualquiera de los dos podría ir primero en el código."
        ),
        "tie_inside_many": (
            "{names} empatan con {score}: su orden dentro del código podría ser cualquiera."
        ),
        "tie_for_last_two": (
            "{names} empatan con {score} por la última letra del código: sirve cualquiera "
            "de los dos."
        ),
        "tie_for_1": (
            "{names} empatan con {score} por la última letra del código: sirve cualquiera de ellos."
        ),
        "tie_for_2": (
            "{names} empatan con {score} por las dos últimas letras del código: sirven "
            "dos cualesquiera de ellos."
        ),
        "tie_for_3": (
            "{names} empatan con {score} por las tres letras del código: sirven tres "
            "cualesquiera de ellos."
        ),
    },
}


# --- Between attempts -----------------------------------------------------------------------


def compare(previous: InventoryResult, current: InventoryResult, lang: str = "en") -> list[str]:
    """What changed since the previous attempt, in plain words; biggest score moves first.

    Reports a different form, a changed code (or a code gained or lost), types that moved by
    MOVE_THRESHOLD points or more, and a profile that became flat or stopped being flat.
    """
    words = _CHANGES[_checked_lang(lang)]
    names = TYPE_NAMES[lang]
    changes: list[str] = []
    if previous.form != current.form:
        changes.append(
            words["form"].format(
                before=words[f"form_{previous.form}"], after=words[f"form_{current.form}"]
            )
        )
    # Codes are compared as displayed, ties included: "RIA" then "RI(A/S)" is a change even
    # though the plain code stayed RIA, because the third letter is no longer settled.
    before_code, after_code = previous.code_display, current.code_display
    if before_code != after_code:
        if before_code is None:
            changes.append(words["code_gained"].format(code=after_code))
        elif after_code is None:
            changes.append(words["code_lost"].format(code=before_code))
        else:
            changes.append(words["code"].format(before=before_code, after=after_code))
    moves = []
    # Scores from an attempt without a code rest on too few answers to call a move.
    both_complete = previous.complete and current.complete
    for letter in TYPES if both_complete else ():
        before, after = previous.scores[letter], current.scores[letter]
        # A complete result has every score; the checks only satisfy the type checker.
        if before is not None and after is not None and abs(after - before) >= MOVE_THRESHOLD:
            moves.append((-abs(after - before), TYPES.index(letter), letter, before, after))
    for _, _, letter, before, after in sorted(moves):
        key = "up" if after > before else "down"
        changes.append(
            words[key].format(
                name=names[letter], points=abs(after - before), before=before, after=after
            )
        )
    if both_complete and previous.flat != current.flat:
        changes.append(words["now_flat"] if current.flat else words["no_longer_flat"])
    if not changes:
        changes.append(words["none"])
    return changes


_CHANGES: dict[str, dict[str, str]] = {
    "en": {
        "form": (
            "The previous attempt used the {before} form and this one the {after} form, "
            "so compare with care."
        ),
        "form_secondary": "secondary (60 statements)",
        "form_younger": "younger students' (30 statements)",
        "code": "The code changed from {before} to {after}.",
        "code_gained": (
            "This attempt has a code ({code}); the previous one had too many skipped statements "
            "for a code."
        ),
        "code_lost": (
            "This attempt has too many skipped statements for a code; the previous code was {code}."
        ),
        "up": "{name} went up {points} points (from {before} to {after}).",
        "down": "{name} went down {points} points (from {before} to {after}).",
        "now_flat": "The profile is flat this time: no clear preference yet.",
        "no_longer_flat": "The profile now shows a clear preference; last time it was flat.",
        "none": "No big changes since the previous attempt.",
    },
    "es": {
        "form": (
            "El intento anterior usó el formulario {before} y este el formulario {after}, "
            "así que comparen con cuidado."
        ),
        "form_secondary": "largo (60 frases)",
        "form_younger": "corto para estudiantes más jóvenes (30 frases)",
        "code": "El código cambió de {before} a {after}.",
        "code_gained": (
            "Este intento tiene código ({code}); en el anterior se saltaron demasiadas frases "
            "para dar un código."
        ),
        "code_lost": (
            "En este intento se saltaron demasiadas frases para dar un código; el código "
            "anterior era {code}."
        ),
        "up": "{name} subió {points} puntos (de {before} a {after}).",
        "down": "{name} bajó {points} puntos (de {before} a {after}).",
        "now_flat": "Esta vez el perfil es plano: todavía no hay una preferencia clara.",
        "no_longer_flat": (
            "Ahora el perfil muestra una preferencia clara; la vez anterior era plano."
        ),
        "none": "No hay cambios grandes desde el intento anterior.",
    },
}
