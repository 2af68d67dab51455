"""Matching careers to a student's interests, with a score anyone can check by hand.

The student's interests are their code: the top three Holland types, in order, from their latest
inventory or typed by the counselor. The three places weigh 3, 2 and 1; types tied with each
other share the weights of the places they span, so a tie never decides the order by itself.

A career's **fit** (0-100) is how strongly the career draws on those interests: its ratings
(1 to 7) for the student's types, weighted as above, rescaled so that 1 is 0 and 7 is 100.
Fit = 100 * sum(weight * (rating - 1) / 6) / sum(weight).

The **reason** names the student's top types that are also among the career's own top three
(rated at least :data:`SHARED_MIN_RATING`), in the student's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .careers import EDUCATION_ORDER, RATING_MAX, RATING_MIN, Career
from .interests import CODE_LENGTH, TYPE_NAMES, TYPES, InventoryResult

PLACE_WEIGHTS: tuple[int, ...] = (3, 2, 1)
# A type only counts as one of the career's own when it is rated at least this (the middle of
# the 1-7 scale): O*NET lists a third high point even when it is weak.
SHARED_MIN_RATING = 4.0


class CodeError(ValueError):
    """A typed interest code that cannot be used; the message is for the counselor."""


@dataclass(frozen=True)
class StudentInterests:
    """The interests matching works from. ``weights`` maps each type in the code to its weight."""

    code: str
    weights: Mapping[str, float]
    scores: Mapping[str, int | None] | None = None
    source: str = "typed"  # "inventory" or "typed"
    taken_on: str = ""
    display: str = ""  # the code with ties visible, e.g. "S(I/A)"
    flat: bool = False

    @property
    def ordered(self) -> tuple[str, ...]:
        """The types that carry weight, heaviest first (RIASEC order within a tie)."""
        return tuple(sorted(self.weights, key=lambda t: (-self.weights[t], TYPES.index(t))))


def from_typed_code(text: str) -> StudentInterests:
    """Read a code the counselor typed: one to three different letters of R I A S E C."""
    letters = [ch for ch in text.upper() if not ch.isspace() and ch not in ",-/"]
    if not letters:
        raise CodeError("Type one to three letters from R, I, A, S, E, C, for example SIA.")
    wrong = sorted({ch for ch in letters if ch not in TYPES})
    if wrong:
        raise CodeError(
            f"{', '.join(wrong)} is not an interest letter: use R, I, A, S, E or C "
            "(Realistic, Investigative, Artistic, Social, Enterprising, Conventional)."
        )
    if len(set(letters)) != len(letters):
        raise CodeError("Use each letter once, for example SIA.")
    if len(letters) > CODE_LENGTH:
        raise CodeError("A code has at most three letters, for example SIA.")
    code = "".join(letters)
    weights = {letter: float(PLACE_WEIGHTS[place]) for place, letter in enumerate(code)}
    return StudentInterests(code=code, weights=weights, source="typed", display=code)


def from_result(result: InventoryResult, taken_on: str = "") -> StudentInterests | None:
    """The interests of a finished inventory; None when it gave no code."""
    if result.code is None:
        return None
    weights: dict[str, float] = {}
    place = 0
    for group in _tie_groups(result):
        spanned = range(place, place + len(group))
        total = sum(PLACE_WEIGHTS[p] for p in spanned if p < CODE_LENGTH)
        if total == 0:
            break
        for letter in group:
            weights[letter] = total / len(group)
        place += len(group)
        if place >= CODE_LENGTH:
            break
    return StudentInterests(
        code=result.code,
        weights=weights,
        scores=dict(result.scores),
        source="inventory",
        taken_on=taken_on,
        display=result.code_display or result.code,
        flat=result.flat,
    )


def _tie_groups(result: InventoryResult) -> list[tuple[str, ...]]:
    groups: list[list[str]] = []
    for letter in result.ranked:
        score = result.scores[letter]
        if groups and result.scores[groups[-1][0]] == score:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    return [tuple(g) for g in groups]


@dataclass(frozen=True)
class Contribution:
    letter: str
    weight: float
    rating: float


@dataclass(frozen=True)
class Match:
    career: Career
    fit: int | None
    shared: tuple[str, ...] = ()
    reason: str = ""
    contributions: tuple[Contribution, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        # Best fit first; then more shared types; careers with no profile last.
        fit = -1 if self.fit is None else self.fit
        return (-fit, -len(self.shared), self.career.title.casefold(), self.career.code)


def career_types(career: Career) -> tuple[str, ...]:
    """The career's own top types: its code letters rated at least SHARED_MIN_RATING."""
    if career.ratings is None:
        return tuple(career.high_point)
    return tuple(t for t in career.code_letters if career.ratings[t] >= SHARED_MIN_RATING)


def match(career: Career, interests: StudentInterests, lang: str = "en") -> Match:
    if career.ratings is None:
        return Match(career, None, reason=_WORDS[lang]["no_profile"])
    contributions = tuple(
        Contribution(letter, interests.weights[letter], career.ratings[letter])
        for letter in interests.ordered
    )
    total_weight = sum(c.weight for c in contributions)
    span = RATING_MAX - RATING_MIN
    value = sum(c.weight * (c.rating - RATING_MIN) / span for c in contributions)
    fit = round(100 * value / total_weight) if total_weight else 0
    own = career_types(career)
    shared = tuple(t for t in interests.ordered if t in own)
    return Match(career, fit, shared, _reason(shared, own, interests, lang), contributions)


def rank(careers: Iterable[Career], interests: StudentInterests, lang: str = "en") -> list[Match]:
    """Every career matched and sorted, best fit first."""
    return sorted((match(c, interests, lang) for c in careers), key=lambda m: m.sort_key)


def _reason(
    shared: Sequence[str], own: Sequence[str], interests: StudentInterests, lang: str
) -> str:
    words = _WORDS[lang]
    names = TYPE_NAMES[lang]
    if not shared:
        if not own:
            return words["none_strong"]
        return words["none"].format(names=join_names([names[t] for t in own[:2]], lang))
    text = (
        words["many"].format(names=join_names([names[t] for t in shared], lang))
        if len(shared) > 1
        else words["first" if shared[0] == interests.ordered[0] else "one"].format(
            name=names[shared[0]]
        )
    )
    if own and own[0] not in shared:
        text += words["strongest"].format(name=names[own[0]])
    return text


def join_names(names: Sequence[str], lang: str = "en") -> str:
    and_word = " y " if lang == "es" else " and "
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + and_word + names[-1]


def explain(found: Match, lang: str = "en") -> str:
    """The fit worked out in words, for the career's detail."""
    words = _WORDS[lang]
    if found.fit is None:
        return words["no_profile"]
    parts = [
        words["part"].format(
            name=TYPE_NAMES[lang][c.letter], rating=f"{c.rating:.1f}", weight=f"{c.weight:g}"
        )
        for c in found.contributions
    ]
    return words["explain"].format(fit=found.fit, parts="; ".join(parts))


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "many": "Matches your top interests, {names}",
        "first": "Matches your top interest, {name}",
        "one": "Matches one of your top interests, {name}",
        "strongest": "; its strongest side is {name}",
        "none": "Mostly {names}: not among your top interests",
        "none_strong": "No strong interest area",
        "no_profile": "No interest profile in this library",
        "part": "{name} rated {rating} of 7 (weight {weight})",
        "explain": "Fit {fit} of 100, from this career's ratings for your top interests: "
        "{parts}. A rating of 1 counts 0 and 7 counts 100.",
    },
    "es": {
        "many": "Coincide con tus intereses principales, {names}",
        "first": "Coincide con tu interés principal, {name}",
        "one": "Coincide con uno de tus intereses principales, {name}",
        "strongest": "; su lado más fuerte es {name}",
        "none": "Sobre todo {names}: no están entre tus intereses principales",
        "none_strong": "Ningún interés fuerte",
        "no_profile": "Sin perfil de intereses en esta biblioteca",
        "part": "{name} con {rating} de 7 (peso {weight})",
        "explain": "Afinidad {fit} de 100, según las calificaciones de esta carrera para tus "
        "intereses principales: {parts}. Una calificación de 1 cuenta 0 y 7 cuenta 100.",
    },
}


# --- Filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareerFilter:
    """What the counselor narrowed the list to. None means "any"."""

    job_zones: frozenset[int] | None = None
    cluster: str | None = None  # a cluster id in ``framework``
    framework: str = "classic"
    max_education: str | None = None  # key of EDUCATION_LEVELS: this level or less
    min_wage: int | None = None

    def passes(self, career: Career, clusters: Sequence[str] = ()) -> bool:
        """``clusters``: the career's cluster ids in this filter's framework."""
        if self.job_zones is not None and career.job_zone not in self.job_zones:
            return False
        if self.cluster is not None and self.cluster not in clusters:
            return False
        if self.max_education is not None:
            if career.education is None:
                return False
            limit = EDUCATION_ORDER.index(self.max_education)
            if EDUCATION_ORDER.index(career.education) > limit:
                return False
        if self.min_wage is None:
            return True
        return career.median_wage is not None and career.median_wage >= self.min_wage
