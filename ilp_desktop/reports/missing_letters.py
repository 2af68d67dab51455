"""Letters no font on this computer can draw, found before a handout is saved or printed."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.handout import Handout
from ..domain.students import Student
from .fonts import load_fonts


def missing_letters(handouts: Sequence[Handout]) -> dict[str, set[str]]:
    """By student (name to call them by): letters anywhere on their handout no font can draw."""
    fonts = load_fonts()
    found: dict[str, set[str]] = {}
    for handout in handouts:
        chars = set().union(*(fonts.missing_glyphs(text) for text in handout.user_texts()))
        if chars:
            found[handout.student.display_name] = chars
    return found


def missing_in_names(students: Sequence[Student]) -> list[tuple[Student, set[str]]]:
    """Students with letters in their names no font can draw, and those letters (a quick
    check before a batch), in the order given."""
    fonts = load_fonts()
    found = []
    for s in students:
        names = (s.first_name, s.last_name, s.preferred_name)
        chars = set().union(*(fonts.missing_glyphs(text) for text in names))
        if chars:
            found.append((s, chars))
    return found
