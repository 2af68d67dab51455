"""Text folding for search: case- and accent-insensitive in every script."""

from __future__ import annotations

import unicodedata

# Letters that carry their mark inside the letter itself, so NFKD cannot split it off.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
        "ŧ": "t",
        "Ŧ": "t",
        "ŀ": "l",
        "Ŀ": "l",
        "ɨ": "i",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
    }
)


def fold(text: str) -> str:
    """Return ``text`` reduced for matching: no case, no accents, single spaces.

    "Nguyễn" -> "nguyen", "Ødegård" -> "odegard", "Łukasz Żółć" -> "lukasz zolc".
    Scripts without case (Arabic, Chinese) keep their letters; Arabic short vowels
    (combining marks) are dropped like Latin accents.
    """
    if text.isascii():  # nothing to strip: most job titles, every SIS id
        return " ".join(text.casefold().split())
    text = text.translate(_NO_DECOMPOSITION)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.translate(_NO_DECOMPOSITION).casefold()
    return " ".join(stripped.split())


def search_tokens(query: str) -> list[str]:
    """Split a typed query into folded words, each of which must match."""
    return fold(query).split()


def matches(tokens: list[str], key: str) -> bool:
    """True when every token occurs somewhere in the folded ``key``."""
    return all(token in key for token in tokens)


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
