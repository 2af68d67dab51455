"""A student's shortlist: favourite careers in the student's order, each with their own notes.

The notes are the student's words: why the career interests them, and what they would need to
get there (courses, training, experience). The title is kept as it read when the career was
added, so the entry still makes sense if a later library no longer has the code.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_NOTE = 2000
MAX_ENTRIES = 30
COMPARE_MIN, COMPARE_MAX = 2, 4


@dataclass(frozen=True)
class ShortlistEntry:
    id: int | None
    code: str
    title: str
    rank: int
    why: str = ""
    need: str = ""
    added_on: str = ""
    updated_on: str = ""


class ShortlistError(ValueError):
    """A shortlist change that cannot be made; the message is for the counselor."""


def check_note(text: str, what: str) -> str:
    """The note as it will be saved (trailing space trimmed); ShortlistError when too long."""
    text = text.rstrip()
    if len(text) > MAX_NOTE:
        raise ShortlistError(
            f"The note on {what} is {len(text):,} characters; keep it under {MAX_NOTE:,}."
        )
    return text


def check_compare(count: int) -> None:
    if not COMPARE_MIN <= count <= COMPARE_MAX:
        raise ShortlistError(
            f"Choose {COMPARE_MIN} to {COMPARE_MAX} careers to compare (you chose {count})."
        )
