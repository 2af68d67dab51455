"""TrueType faces read once and kept between runs.

ReportLab reads a face's character map and metrics in Python; for a large fallback font (a CJK
face holds tens of thousands of glyphs) that takes about a tenth of a second every time a
handout command or the app's first handout starts. What that reading finds is kept in the
user's cache folder, one file per face, in ``marshal`` format (plain numbers, strings and
containers: loading it cannot run code). A file is used only for the same font file (path,
size, modification time), the same ReportLab and Python, and the same cache format; anything
else, or an unreadable cache file, means the face is read from the font as usual and the cache
rewritten. The font file itself is still read each time: its bytes are what goes into the PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

log = logging.getLogger(__name__)

FORMAT = 1
# Set by the reading but not kept: the scale function, rebuilt from unitsPerEm exactly as
# ReportLab builds it.
_NOT_KEPT = frozenset({"_pdfScale"})
_NEEDED = frozenset({"unitsPerEm", "charToGlyph", "charWidths", "hmetrics", "glyphPos"})


def cached_ttfont(name: str, path: Path, index: int, folder: Path | None) -> TTFont:
    """ReportLab's ``TTFont(name, path, subfontIndex=index)``, its face read through the cache
    in ``folder`` (None: no cache)."""
    if folder is None:
        return TTFont(name, str(path), subfontIndex=index)
    return _CachedTTFont(name, path, index, folder)


def _scale(units_per_em: int) -> Any:
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def cache_file(folder: Path, path: Path, index: int) -> Path:
    """Where the face ``index`` of the font at ``path`` is kept, as that file is now."""
    stat = path.stat()
    key = "|".join(
        str(part)
        for part in (
            FORMAT,
            reportlab.Version,
            sys.version_info[:2],
            path.resolve(),
            index,
            stat.st_size,
            stat.st_mtime_ns,
        )
    )
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.face"


def _read(file: Path) -> dict[str, Any] | None:
    try:
        stored = marshal.loads(file.read_bytes())
        values, names = stored["values"], stored["names"]
        if not isinstance(values, dict) or not values.keys() >= _NEEDED:
            return None
        for key in names:
            values[key] = TTFNameBytes(values[key])
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.info("fonts: ignoring the cached face %s: %s", file, error)
        return None
    return values


def _write(file: Path, values: dict[str, Any]) -> None:
    names = [key for key, value in values.items() if isinstance(value, TTFNameBytes)]
    plain = {key: bytes(value) if key in names else value for key, value in values.items()}
    try:
        data = marshal.dumps({"values": plain, "names": names})
    except ValueError as error:  # a value marshal does not take: a newer ReportLab's doing
        log.info("fonts: not caching %s: %s", file, error)
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, file)  # another process may write the same: either is whole
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:  # a read-only or full disk only costs the time saved
        log.info("fonts: cannot cache %s: %s", file, error)


class _CachedFace(TTFontFace):
    def __init__(self, path: Path, index: int, folder: Path) -> None:
        self._cache_file = cache_file(folder, path, index)
        super().__init__(str(path), subfontIndex=index)

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N803 (ReportLab's names)
        values = _read(self._cache_file)
        if values is not None:
            self.__dict__.update(values)
            self._pdfScale = _scale(self.unitsPerEm)
            return
        before = dict(self.__dict__)
        super().extractInfo(charInfo)
        found = {
            key: value
            for key, value in self.__dict__.items()
            if key not in _NOT_KEPT and (key not in before or before[key] is not value)
        }
        _write(self._cache_file, found)


class _CachedTTFont(TTFont):
    def __init__(self, name: str, path: Path, index: int, folder: Path) -> None:
        # What TTFont.__init__ does, with the face read through the cache; a test compares the
        # two so that a ReportLab that sets up more is noticed.
        self.fontName = name
        self.face = _CachedFace(path, index, folder)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
