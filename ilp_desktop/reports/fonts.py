"""Unicode TrueType fonts for the PDFs: find them on this computer, register them, pick one per run.

The standard Helvetica of every PDF has no ễ, Ł, Ż or 王: it prints boxes. So every piece of user
text is drawn in a TrueType font found on the system and embedded in the PDF. ReportLab draws a run
of text in exactly one font and never falls back glyph by glyph, so a name that mixes scripts
("Wang 王小明") is split into runs, each in a registered font that has all of its glyphs.

Fonts are registered under stable names: ``ILP-Body`` and ``ILP-Bold`` for the body face, and
``ILP-<Role>`` (``ILP-CJK``, ``ILP-Korean``, ...) for fallbacks. A fallback is read from disk only
when some text first needs it: Droid Sans Fallback takes half a second to parse, and most handouts
never need it.

ReportLab embeds TrueType outlines only: CFF-outline fonts (.otf, and .ttc collections such as
Noto Sans CJK) are skipped with a log line, never a crash.

Arabic and Hebrew are reshaped and put in visual order first (see :mod:`.shaping`). Not done yet:
Indic and Myanmar scripts, which need a full shaping engine (ReportLab's optional uharfbuzz).
"""

from __future__ import annotations

import functools
import html
import logging
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .font_cache import cached_ttfont
from .shaping import has_rtl, visual

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)

BODY = "ILP-Body"
BOLD = "ILP-Bold"

NO_FONT_MESSAGE = (
    "No Unicode font was found on this computer; install DejaVu Sans (on Linux the "
    "fonts-dejavu-core package; on Windows or macOS from https://dejavu-fonts.github.io) "
    "and try again."
)

# fontconfig numbers: regular is 80, bold 200; slant 0 is upright; width 100 is normal.
_FC_REGULAR, _FC_BOLD = 80, 200


class NoUnicodeFontError(RuntimeError):
    """No usable Unicode TrueType font on this computer. ``str()`` is the message for the user."""

    def __init__(self, message: str = NO_FONT_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class FontFile:
    """One face in a font file; ``index`` picks the face inside a .ttc collection."""

    path: Path
    index: int = 0


@dataclass(frozen=True)
class FontChoice:
    """A family that could fill a role: its regular face and, when there is one, its bold."""

    family: str
    regular: FontFile
    bold: FontFile | None = None


@dataclass(frozen=True)
class Role:
    """One job a font does: ``Body`` for all text, or a fallback (``CJK``, ...) for what it lacks.

    ``choices`` are tried in order; the first that loads fills the role.
    """

    name: str
    choices: tuple[FontChoice, ...]


@dataclass(frozen=True)
class Face:
    """A registered font: its ReportLab names, where it came from and which characters it has."""

    role: str
    name: str
    bold_name: str  # the same as ``name`` when the family has no bold face
    family: str
    path: Path
    bold_path: Path | None
    chars: frozenset[int]
    bold_chars: frozenset[int]

    def font_for(self, code: int, bold: bool) -> str | None:
        """The registered name to draw ``code`` in (bold if asked and drawable), or None."""
        if bold and code in self.bold_chars:
            return self.bold_name
        return self.name if code in self.chars else None


# --- finding fonts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleSpec:
    name: str
    families: tuple[str, ...]  # fontconfig family names, best first
    files: tuple[tuple[str, str | None], ...]  # (regular, bold) file names in the font folders
    fc_match: tuple[str, ...] = ()  # last-resort fontconfig patterns


# Order matters: the body face is the first that loads; a fallback is used only for characters
# the faces before it lack. File names cover Linux distributions, Windows and macOS at once.
_ROLES = (
    _RoleSpec(
        "Body",
        ("DejaVu Sans", "Segoe UI", "Arial", "Liberation Sans", "Noto Sans", "FreeSans"),
        (
            ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
            ("segoeui.ttf", "segoeuib.ttf"),
            ("arial.ttf", "arialbd.ttf"),
            ("Arial.ttf", "Arial Bold.ttf"),
            ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
            ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
            ("FreeSans.ttf", "FreeSansBold.ttf"),
            ("Arial Unicode.ttf", None),
            ("ARIALUNI.TTF", None),
        ),
        ("sans-serif",),
    ),
    _RoleSpec(
        "CJK",
        (
            "Droid Sans Fallback",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
            "AR PL UMing CN",
            "AR PL New Sung",
            "Microsoft YaHei",
            "SimSun",
            "Noto Sans CJK SC",  # CFF: listed so that its refusal is logged
            "Source Han Sans SC",
        ),
        (
            ("DroidSansFallbackFull.ttf", None),
            ("DroidSansFallback.ttf", None),
            ("wqy-zenhei.ttc", None),
            ("wqy-microhei.ttc", None),
            ("uming.ttc", None),
            ("msyh.ttc", "msyhbd.ttc"),
            ("msyh.ttf", "msyhbd.ttf"),
            ("simsun.ttc", None),
            ("simhei.ttf", None),
            ("STHeiti Light.ttc", "STHeiti Medium.ttc"),
            ("Arial Unicode.ttf", None),
        ),
        ("sans-serif:lang=zh-cn",),
    ),
    _RoleSpec(
        "Japanese",
        ("TakaoGothic", "IPAGothic", "VL Gothic", "Meiryo", "MS Gothic"),
        (("meiryo.ttc", "meiryob.ttc"), ("msgothic.ttc", None), ("ipag.ttf", None)),
        ("sans-serif:lang=ja",),
    ),
    _RoleSpec(
        "Korean",
        ("NanumGothic", "UnDotum", "Baekmuk Gulim", "Malgun Gothic", "AppleGothic"),
        (
            ("NanumGothic.ttf", "NanumGothicBold.ttf"),
            ("malgun.ttf", "malgunbd.ttf"),
            ("gulim.ttc", None),
            ("AppleGothic.ttf", None),
        ),
        ("sans-serif:lang=ko",),
    ),
    _RoleSpec(
        "Ethiopic",  # Amharic, Tigrinya: many families in US schools; needs no shaping
        ("Noto Sans Ethiopic", "Abyssinica SIL", "Ebrima", "Nyala"),
        (
            ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
            ("AbyssinicaSIL-Regular.ttf", None),
            ("ebrima.ttf", "ebrimabd.ttf"),
            ("nyala.ttf", None),
        ),
    ),
    _RoleSpec(
        "Wide",  # broad last resorts
        ("Arial Unicode MS", "FreeSerif"),
        (
            ("Arial Unicode.ttf", None),
            ("ARIALUNI.TTF", None),
            ("FreeSerif.ttf", "FreeSerifBold.ttf"),
            ("seguisym.ttf", None),
        ),
    ),
)


def font_dirs(platform: str | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders where this platform keeps fonts, system-wide and per user."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path(environ.get("HOME") or environ.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        windir = Path(environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows")
        dirs = [windir / "Fonts"]
        if environ.get("LOCALAPPDATA"):
            dirs.append(Path(environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        data_home / "fonts",
        home / ".fonts",
    ]


def _files_by_name(dirs: Sequence[Path]) -> dict[str, Path]:
    """Every font file under ``dirs`` by lower-case file name (Windows names vary in case)."""
    found: dict[str, Path] = {}
    for top in dirs:
        for folder, _subdirs, names in os.walk(top):
            for name in names:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(folder) / name)
    return found


@dataclass(frozen=True)
class _Installed:
    """One face as fontconfig lists it."""

    file: FontFile
    families: tuple[str, ...]
    weight: int
    upright_normal_width: bool
    cff: bool


def _run_fontconfig(*commands: Sequence[str]) -> list[str]:
    """Output of each fontconfig command, or "" for one that is missing or fails. They run
    side by side: each one spends most of its time starting and reading fontconfig's cache."""
    started: list[subprocess.Popen[str] | None] = []
    for command in commands:
        tool = shutil.which(command[0])
        try:
            started.append(
                None
                if tool is None
                else subprocess.Popen(
                    [tool, *command[1:]],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
            )
        except OSError as error:
            log.info("fonts: %s failed: %s", command[0], error)
            started.append(None)
    outputs = []
    for command, process in zip(commands, started, strict=True):
        if process is None:
            outputs.append("")
            continue
        try:
            out, _err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            log.info("fonts: %s took too long", command[0])
            outputs.append("")
            continue
        outputs.append(out if process.returncode == 0 else "")
    return outputs


_FC_LIST = (
    "fc-list",
    "--format",
    "%{file}\t%{index}\t%{family}\t%{weight}\t%{slant}\t%{width}\t%{fontformat}\n",
)


def _fc_match(pattern: str) -> tuple[str, ...]:
    return ("fc-match", "--format", "%{file}\t%{index}\t%{family[0]}", pattern)


def _fontconfig_fonts(out: str) -> list[_Installed]:
    """Every face in fc-list's answer, with the few properties the choice needs."""
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 7:
            continue
        path, index, families, weight, slant, width, fmt = parts
        try:  # variable fonts list ranges ("[40 200]"): ReportLab cannot pick an instance
            numbers = int(index), int(weight), int(slant), int(width or 100)
        except ValueError:
            continue
        faces.append(
            _Installed(
                file=FontFile(Path(path), numbers[0]),
                families=tuple(f.strip().casefold() for f in families.split(",")),
                weight=numbers[1],
                upright_normal_width=numbers[2] == 0 and numbers[3] == 100,
                cff=fmt.strip() == "CFF",
            )
        )
    return faces


def _fontconfig_choice(installed: Sequence[_Installed], family: str) -> FontChoice | None:
    """The regular and bold faces of ``family`` among the installed fonts."""
    key = family.casefold()
    faces = [f for f in installed if key in f.families and f.upright_normal_width]
    if not faces:
        return None
    usable = [f for f in faces if not f.cff]
    if not usable:
        log.info(
            "fonts: skipping %s (%s): PostScript (CFF) outlines, which ReportLab cannot embed",
            family,
            faces[0].file.path,
        )
        return None
    regular = min(usable, key=lambda f: abs(f.weight - _FC_REGULAR))
    bolds = [f for f in usable if f.weight >= _FC_BOLD - 20]
    bold = min(bolds, key=lambda f: abs(f.weight - _FC_BOLD)).file if bolds else None
    return FontChoice(family, regular.file, bold)


def _fontconfig_match(out: str) -> FontChoice | None:
    """The face in fc-match's answer for a pattern (a family, or ``sans-serif:lang=ko``)."""
    parts = out.split("\t")
    if len(parts) != 3 or not parts[0]:
        return None
    try:
        index = int(parts[1])
    except ValueError:
        return None
    return FontChoice(parts[2], FontFile(Path(parts[0]), index))


def discover_roles(
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    use_fontconfig: bool = True,
) -> list[Role]:
    """Candidate fonts for every role on this computer, best first; nothing is loaded yet.

    fontconfig (``fc-list``, ``fc-match``) is asked when it is installed; the platform's font
    folders are searched by file name in any case, so Windows and macOS need no fontconfig.
    """
    patterns = [pattern for spec in _ROLES for pattern in spec.fc_match] if use_fontconfig else []
    answers: dict[str, str] = {}
    installed: list[_Installed] = []
    if use_fontconfig:
        listed, *matched = _run_fontconfig(_FC_LIST, *(_fc_match(p) for p in patterns))
        installed = _fontconfig_fonts(listed)
        answers = dict(zip(patterns, matched, strict=True))
    by_name = _files_by_name(font_dirs(platform, environ))
    roles = []
    for spec in _ROLES:
        choices: list[FontChoice] = []
        for family in spec.families:
            choice = _fontconfig_choice(installed, family)
            if choice is not None:
                choices.append(choice)
        for regular, bold in spec.files:
            path = by_name.get(regular.lower())
            if path is not None:
                bold_path = by_name.get(bold.lower()) if bold else None
                bold_file = FontFile(bold_path) if bold_path else None
                choices.append(FontChoice(Path(regular).stem, FontFile(path), bold_file))
        if use_fontconfig:
            for pattern in spec.fc_match:
                choice = _fontconfig_match(answers[pattern])
                if choice is not None:
                    choices.append(choice)
        seen: set[FontFile] = set()
        unique = []
        for choice in choices:
            if choice.regular not in seen:
                seen.add(choice.regular)
                unique.append(choice)
        if unique:
            roles.append(Role(spec.name, tuple(unique)))
    return roles


# --- loading ------------------------------------------------------------------------------------


def _outlines(file: FontFile) -> str:
    """``"truetype"``, ``"cff"`` or ``"unknown"``, read from the file's first bytes."""
    try:
        with open(file.path, "rb") as stream:
            tag = stream.read(4)
            if tag == b"ttcf":  # a collection: look at the face that was asked for
                stream.seek(12 + 4 * file.index)
                stream.seek(int.from_bytes(stream.read(4), "big"))
                tag = stream.read(4)
    except OSError:
        return "unknown"
    if tag in (b"\x00\x01\x00\x00", b"true"):
        return "truetype"
    return "cff" if tag == b"OTTO" else "unknown"


_face_cache: list[Path | None] = []  # empty: the user's cache folder


def face_cache() -> Path | None:
    """The folder where parsed faces are kept (font_cache): the user's cache folder unless
    :func:`use_face_cache` said otherwise."""
    if _face_cache:
        return _face_cache[0]
    from platformdirs import user_cache_dir  # under the app's name, as paths.APP_NAME

    return Path(user_cache_dir("ilp-desktop", appauthor=False)) / "fonts"


def use_face_cache(folder: Path | None) -> None:
    """Keep parsed faces in ``folder`` from now on; None reads every face from its font."""
    _face_cache[:] = [folder]


def _load(name: str, file: FontFile) -> TTFont | None:
    """The face in ``file`` as a ReportLab TTFont named ``name``, or None (logged) if refused."""
    kind = _outlines(file)
    if kind != "truetype":
        why = (
            "PostScript (CFF) outlines, which ReportLab cannot embed"
            if kind == "cff"
            else "not a readable TrueType font"
        )
        log.info("fonts: skipping %s: %s", file.path, why)
        return None
    try:
        return cached_ttfont(name, file.path, file.index, face_cache())
    except Exception as error:  # a damaged or unusual font file must never stop a printout
        log.info("fonts: skipping %s: %s", file.path, error)
        return None


def _is_space(char: str) -> bool:
    """White space: stays with the run it is in, whatever the script around it."""
    return char.isspace()


def _is_ignorable(char: str) -> bool:
    """Invisible format characters (zero-width space, joiners, BOM, variation selectors)."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


class FontSet:
    """The registered fonts: a body face (regular and bold) and fallbacks loaded when needed.

    Build one with :func:`load_fonts` (discovers and caches per process) or from explicit
    :class:`Role` lists in tests. Registration with ReportLab is process-wide, as ReportLab's font
    registry is; a later FontSet re-registers the same names.
    """

    def __init__(self, roles: Sequence[Role]) -> None:
        """Load the body role now (raising :class:`NoUnicodeFontError` if none loads)."""
        self._lock = threading.RLock()
        self._used: set[tuple[Path, int]] = set()  # (resolved path, index) of loaded faces
        self._chars: dict[str, frozenset[int]] = {}  # registered name -> characters it has
        self._faces: list[Face] = []
        self._pending = list(roles[1:])
        self._cache: dict[tuple[int, bool], str | None] = {}
        self._letter_sets: dict[str, frozenset[str]] = {}
        self._markup_cache: dict[tuple[str, bool], str] = {}
        body = self._load_role(roles[0], BODY, BOLD, needs="Aaé") if roles else None
        if body is None:
            raise NoUnicodeFontError()
        self._faces.append(body)

    # -- faces --

    @property
    def body(self) -> str:
        """Registered name of the regular body font (``ILP-Body``)."""
        return BODY

    @property
    def bold(self) -> str:
        """Registered name of the bold body font (``ILP-Bold``; the regular face if no bold)."""
        return self._faces[0].bold_name

    @property
    def faces(self) -> list[Face]:
        """The faces loaded so far, body first."""
        with self._lock:
            return list(self._faces)

    def load_all(self) -> list[Face]:
        """Load every fallback now (for a font report); returns all faces."""
        for _face in self._all_faces():
            pass
        return self.faces

    def face(self, name: str) -> Face:
        """The face registered as ``name`` (regular or bold name)."""
        for face in self.faces:
            if name in (face.name, face.bold_name):
                return face
        raise KeyError(name)

    def _load_role(self, role: Role, name: str, bold_name: str, needs: str = "") -> Face | None:
        for choice in role.choices:
            key = (choice.regular.path.resolve(), choice.regular.index)
            if key in self._used:
                continue  # already loaded for an earlier role: adds nothing
            regular = _load(name, choice.regular)
            if regular is None:
                continue
            chars = frozenset(regular.face.charToGlyph)
            lacking = [c for c in needs if ord(c) not in chars]
            if lacking:
                log.info("fonts: skipping %s for %s: no %s", choice.family, role.name, lacking)
                continue
            bold = _load(bold_name, choice.bold) if choice.bold else None
            pdfmetrics.registerFont(regular)
            if bold is not None:
                pdfmetrics.registerFont(bold)
            else:
                bold_name = name
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=bold_name, italic=name, boldItalic=bold_name
            )
            self._used.add(key)
            bold_chars = frozenset(bold.face.charToGlyph) if bold is not None else chars
            self._chars[name] = chars
            self._chars[bold_name] = bold_chars
            log.info("fonts: %s is %s (%s)", name, choice.family, choice.regular.path)
            return Face(
                role=role.name,
                name=name,
                bold_name=bold_name,
                family=choice.family,
                path=choice.regular.path,
                bold_path=choice.bold.path if bold is not None and choice.bold else None,
                chars=chars,
                bold_chars=bold_chars,
            )
        log.info("fonts: nothing found for %s", role.name)
        return None

    def _all_faces(self) -> Iterator[Face]:
        """Loaded faces in order, then the pending fallbacks, each loaded as it is reached."""
        i = 0
        while True:
            with self._lock:
                if i == len(self._faces):
                    if not self._pending:
                        return
                    role = self._pending.pop(0)
                    face = self._load_role(role, f"ILP-{role.name}", f"ILP-{role.name}-Bold")
                    if face is not None:
                        self._faces.append(face)
                    continue
                face = self._faces[i]
            yield face
            i += 1

    def _font_of(self, char: str, bold: bool) -> str | None:
        """The first registered font that can draw ``char``, or None."""
        key = (ord(char), bold)
        if key not in self._cache:
            found = None
            for face in self._all_faces():
                found = face.font_for(key[0], bold)
                if found is not None:
                    break
            self._cache[key] = found
        return self._cache[key]

    def _letters(self, font: str) -> frozenset[str]:
        letters = self._letter_sets.get(font)
        if letters is None:
            # Spaces count as drawable: the loop below keeps them with the run they are in.
            letters = frozenset(map(chr, self._chars[font])) | {" "}
            self._letter_sets[font] = letters
        return letters

    def _covers(self, font: str, char: str) -> bool:
        return ord(char) in self._chars[font]

    # -- text --

    def split_runs(self, text: str, *, bold: bool = False) -> list[tuple[str, str]]:
        """``text`` (NFC-normalised) as ``(run, font name)`` pairs, each run drawable in its font.

        Latin stays in the body font; 王小明 goes to the CJK face. Spaces and combining marks
        stay with the run they are in. Invisible format characters no font has are dropped.
        Characters no font has stay in the current run (and print as boxes): ask
        :meth:`missing_glyphs` first to warn.
        """
        runs: list[tuple[str, str]] = []
        current = self.bold if bold else self.body
        chunk: list[str] = []
        text = unicodedata.normalize("NFC", text)
        if has_rtl(text):
            shaped = visual(text)
            # Reshaped letters are presentation forms: keep them only if some font has them all.
            if all(_is_space(c) or self._font_of(c, bold) is not None for c in shaped):
                text = shaped
        # Most text is all in the body font: one set comparison instead of a loop per letter.
        if set(text) <= self._letters(current):
            return [(text, current)] if text else []
        for char in text:
            sticky = _is_space(char) or unicodedata.category(char).startswith("M")
            if chunk and sticky and self._covers(current, char):
                chunk.append(char)
                continue
            font = self._font_of(char, bold)
            if font is None:
                if _is_ignorable(char):
                    continue
                if _is_space(char):
                    char = " "
                font = current  # nothing can draw it: a box, already reported as missing
            if font != current and chunk:
                runs.append(("".join(chunk), current))
                chunk = []
            current = font
            chunk.append(char)
        if chunk:
            runs.append(("".join(chunk), current))
        return runs

    def font_for(self, text: str, *, bold: bool = False) -> str:
        """The first registered font that draws every character of ``text``.

        When no single font can, the one drawing the most characters (the body font on a tie);
        :meth:`missing_glyphs` tells what would be lost, :meth:`split_runs` avoids the loss.
        """
        chars = {
            c for c in unicodedata.normalize("NFC", text) if not (_is_space(c) or _is_ignorable(c))
        }
        default = self.bold if bold else self.body
        if not chars:
            return default
        best, best_count = default, -1
        for face in self._all_faces():
            options = [(face.bold_name, face.bold_chars)] if bold else []
            options.append((face.name, face.chars))
            for font, have in options:
                count = sum(ord(c) in have for c in chars)
                if count == len(chars):
                    return font
                if count > best_count:
                    best, best_count = font, count
        return best

    def missing_glyphs(self, text: str) -> set[str]:
        """Characters of ``text`` that no registered font can draw (they would print as boxes)."""
        return {
            c
            for c in unicodedata.normalize("NFC", text)
            if not (_is_space(c) or _is_ignorable(c)) and self._font_of(c, False) is None
        }

    def markup(self, text: str, *, bold: bool = False) -> str:
        """``text`` escaped for a Paragraph, with ``<font face>`` around runs not in the body font.

        Use it in a Paragraph whose style's ``fontName`` is :attr:`body` (or :attr:`bold` with
        ``bold=True``): ``<b>``, ``&`` and ``<`` in the text print as typed.
        """
        key = (text, bold)
        found = self._markup_cache.get(key)
        if found is None:
            base = self.bold if bold else self.body
            parts = []
            for run, font in self.split_runs(text, bold=bold):
                # Not xml.sax.saxutils.escape: that module loads urllib and http.client
                # (about 30 ms at every start), which have no business in this app.
                piece = html.escape(run, quote=False)
                parts.append(piece if font == base else f'<font face="{font}">{piece}</font>')
            found = "".join(parts)
            if len(self._markup_cache) < 20_000:  # labels repeat on every handout of a batch
                self._markup_cache[key] = found
        return found

    def string_width(self, text: str, size: float, *, bold: bool = False) -> float:
        """Width in points of ``text`` drawn with :meth:`draw_string`."""
        return sum(
            pdfmetrics.stringWidth(run, font, size)
            for run, font in self.split_runs(text, bold=bold)
        )

    def draw_string(
        self,
        canvas: Canvas,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: str = "left",
    ) -> float:
        """Draw one line of ``text`` on a canvas, run by run; ``align`` is left, right or centre.

        Returns the width drawn. The canvas keeps the last run's font afterwards.
        """
        runs = self.split_runs(text, bold=bold)
        width = sum(pdfmetrics.stringWidth(run, font, size) for run, font in runs)
        if align == "right":
            x -= width
        elif align in ("centre", "center"):
            x -= width / 2
        for run, font in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)
        return width

    def describe(self) -> list[str]:
        """One line per loaded face, for logs and an About box."""
        lines = []
        for face in self.faces:
            bold = f", bold {face.bold_path}" if face.bold_path else ", no bold face"
            lines.append(f"{face.name}: {face.family} ({face.path}{bold})")
        return lines


@functools.cache
def load_fonts() -> FontSet:
    """This computer's fonts, found and registered once per process.

    Raises :class:`NoUnicodeFontError` (message for the user) when there is no usable font.
    """
    return FontSet(discover_roles())


def font_for(text: str, *, bold: bool = False) -> str:
    """The registered font that draws every character of ``text`` (see FontSet.font_for)."""
    return load_fonts().font_for(text, bold=bold)


def split_runs(text: str, *, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` as ``(run, font name)`` pairs (see FontSet.split_runs)."""
    return load_fonts().split_runs(text, bold=bold)


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` no font on this computer can draw: warn before printing."""
    return load_fonts().missing_glyphs(text)
