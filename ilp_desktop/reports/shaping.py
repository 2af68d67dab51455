"""Right-to-left text (Arabic, Hebrew, Persian, Urdu) put into the order a PDF draws it in.

ReportLab draws the characters of a run left to right, one glyph each. Arabic letters take a
different shape at the start, middle and end of a word, and the words of a right-to-left
script run from right to left. So such text is reshaped into Arabic presentation forms
(arabic-reshaper) and reordered into visual order (python-bidi) before it is split into font
runs. Left-to-right text passes through untouched, at the cost of one scan.

A paragraph of right-to-left text that wraps over several lines is reordered as one line, so
its lines come out in the wrong order: names and short notes print right, long Arabic notes do
not yet.
"""

from __future__ import annotations

import functools
import re

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and extended,
# and the Hebrew and Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


@functools.lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """``text`` reshaped and in visual order when it holds right-to-left letters, else as is."""
    if not has_rtl(text):
        return text
    import arabic_reshaper  # loaded only when some text needs it
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))
