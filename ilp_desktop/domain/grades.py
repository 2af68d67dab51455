"""School grades: K, 1-12 and PS (post-secondary), with their order and labels."""

from __future__ import annotations

GRADES: tuple[str, ...] = ("K", *(str(n) for n in range(1, 13)), "PS")
_ORDER = {code: index for index, code in enumerate(GRADES)}
_ALIASES = {
    "k": "K",
    "kg": "K",
    "kindergarten": "K",
    "ps": "PS",
    "post-secondary": "PS",
    "postsecondary": "PS",
    "post secondary": "PS",
}


class GradeError(ValueError):
    """A grade that no school has."""


def parse_grade(text: str) -> str:
    """Turn what a person typed ("9", "09", "k", "PS") into a grade code, or raise GradeError."""
    cleaned = text.strip()
    if not cleaned:
        raise GradeError("Choose a grade: K, 1 to 12, or PS for post-secondary.")
    if cleaned.casefold().startswith("grade "):
        cleaned = cleaned[6:].strip()
    alias = _ALIASES.get(cleaned.casefold())
    if alias:
        return alias
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return str(int(cleaned))
    raise GradeError(f"“{cleaned}” is not a grade. Use K, 1 to 12, or PS for post-secondary.")


def grade_order(code: str) -> int:
    """Sort position of a grade code (K first, PS last); unknown codes sort after PS."""
    return _ORDER.get(code, len(GRADES))


def grade_label(code: str) -> str:
    """How a grade reads on screen: "Kindergarten", "Grade 9", "Post-secondary"."""
    if code == "K":
        return "Kindergarten"
    if code == "PS":
        return "Post-secondary"
    return f"Grade {code}"


def grade_short(code: str) -> str:
    """Compact label for lists: "K", "9", "PS"."""
    return code
