"""Fonts for the PDFs: found on the system, one per run of text, never Helvetica."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ilp_desktop.reports import fonts
from ilp_desktop.reports.fonts import (
    BODY,
    BOLD,
    FontChoice,
    FontFile,
    FontSet,
    NoUnicodeFontError,
    Role,
)

LATIN_NAMES = "Nguyễn Văn An, Łukasz Żółć, Ingrid Ødegård, Sinéad Ní Bhriain, María José Peña"
HIEROGLYPH = "\U00013000"
ON_LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def font_set() -> FontSet:
    return fonts.load_fonts()


def cjk_name(font_set: FontSet) -> str:
    name = font_set.font_for("王小明")
    if name == BODY:
        pytest.skip("no TrueType CJK font on this computer (Linux: fonts-droid-fallback)")
    return name


def test_latin_vietnamese_polish_norwegian_names_use_the_body_font(font_set: FontSet) -> None:
    assert fonts.font_for(LATIN_NAMES) == BODY
    assert fonts.font_for(LATIN_NAMES, bold=True) == BOLD
    assert fonts.split_runs(LATIN_NAMES) == [(LATIN_NAMES, BODY)]
    if ON_LINUX:
        assert font_set.face(BODY).path.name == "DejaVuSans.ttf"
        assert font_set.face(BOLD).bold_path is not None
        assert font_set.face(BOLD).bold_path.name == "DejaVuSans-Bold.ttf"


def test_a_chinese_name_gets_the_cjk_face(font_set: FontSet) -> None:
    name = cjk_name(font_set)
    face = font_set.face(name)
    assert face.role == "CJK"
    assert fonts.missing_glyphs("王小明") == set()
    assert fonts.font_for("王小明", bold=True) == face.bold_name  # Droid has no bold: regular
    if ON_LINUX:
        assert face.path.name.startswith("DroidSansFallback")


def test_a_mixed_string_splits_into_runs(font_set: FontSet) -> None:
    cjk = cjk_name(font_set)
    assert fonts.split_runs("Nguyễn 王小明 (Wang) Ødegård") == [
        ("Nguyễn ", BODY),
        ("王小明 ", cjk),
        ("(Wang) Ødegård", BODY),
    ]
    assert fonts.split_runs("Wang 王", bold=True) == [("Wang ", BOLD), ("王", cjk)]
    assert fonts.font_for("Wang 王小明") in (BODY, cjk)  # no one font has both: the best one


def test_characters_no_font_has_are_reported_not_hidden() -> None:
    assert fonts.missing_glyphs(f"Ana {HIEROGLYPH} Peña") == {HIEROGLYPH}
    assert fonts.missing_glyphs(LATIN_NAMES) == set()
    assert fonts.missing_glyphs("") == set()
    # It stays in the text (the caller warns first); it never raises.
    runs = fonts.split_runs(f"Ana {HIEROGLYPH}")
    assert "".join(text for text, _font in runs) == f"Ana {HIEROGLYPH}"


def test_text_is_normalised_and_invisible_marks_dropped() -> None:
    decomposed = "Nguye\u0302\u0303n"  # as some keyboards type it
    assert fonts.split_runs(decomposed) == [("Nguyễn", BODY)]
    # Bidi controls pasted from the web: invisible, and in no font here. Dropped, not boxes.
    assert fonts.split_runs("\u2066Ana María\u061c") == [("Ana María", BODY)]
    assert fonts.missing_glyphs("Ana\u2066\u200b") == set()


def test_markup_escapes_user_text_and_marks_fallback_runs(font_set: FontSet) -> None:
    cjk = cjk_name(font_set)
    assert font_set.markup("<b> & <i>王</i>") == (
        f'&lt;b&gt; &amp; &lt;i&gt;<font face="{cjk}">王</font>&lt;/i&gt;'
    )
    assert font_set.markup("Żółć", bold=True) == "Żółć"


def test_nothing_registered_is_helvetica(font_set: FontSet) -> None:
    font_set.load_all()
    assert font_set.faces, "no font was registered"
    for face in font_set.faces:
        for name in {face.name, face.bold_name}:
            font = pdfmetrics.getFont(name)
            assert isinstance(font, TTFont), f"{name} is not an embedded TrueType font"
            assert "helvetica" not in font.face.name.decode("latin-1").casefold()
        assert "helvetica" not in face.family.casefold()
        assert "helvetica" not in face.path.name.casefold()
    assert font_set.body == BODY
    assert font_set.describe()[0].startswith(f"{BODY}: ")


def test_string_width_adds_up_the_runs(font_set: FontSet) -> None:
    width = font_set.string_width("Ana Peña", 10)
    assert width == pytest.approx(pdfmetrics.stringWidth("Ana Peña", BODY, 10))
    assert font_set.string_width("Ana", 10, bold=True) > font_set.string_width("Ana", 10)


# --- refusals: CFF outlines, damaged files, nothing at all ----------------------------------------


def body_file(font_set: FontSet) -> FontFile:
    face = font_set.face(BODY)
    bold = font_set.face(BOLD).bold_path
    return FontFile(face.path), (FontFile(bold) if bold else None)


def test_cff_outline_fonts_are_skipped_with_a_log_line(
    font_set: FontSet, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    otf = tmp_path / "NotoSansCJK-Regular.otf"
    otf.write_bytes(b"OTTO" + bytes(200))
    ttc = tmp_path / "NotoSansCJK-Regular.ttc"  # a collection whose first face is CFF
    ttc.write_bytes(
        b"ttcf" + b"\x00\x01\x00\x00" + (1).to_bytes(4, "big") + (16).to_bytes(4, "big")
    )
    with ttc.open("ab") as stream:
        stream.write(b"OTTO" + bytes(200))
    damaged = tmp_path / "damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 10)
    regular, bold = body_file(font_set)
    role = Role(
        "Body",
        (
            FontChoice("Noto Sans CJK", FontFile(otf)),
            FontChoice("Noto Sans CJK", FontFile(ttc)),
            FontChoice("Damaged", FontFile(damaged)),
            FontChoice("Good", regular, bold),
        ),
    )
    with caplog.at_level(logging.INFO, logger="ilp_desktop.reports.fonts"):
        chosen = FontSet([role])
    assert chosen.face(BODY).family == "Good"
    log = caplog.text
    assert f"skipping {otf}: PostScript (CFF) outlines" in log
    assert f"skipping {ttc}: PostScript (CFF) outlines" in log
    assert f"skipping {damaged}" in log


def test_no_unicode_font_at_all_is_a_clear_error(tmp_path: Path) -> None:
    otf = tmp_path / "only.otf"
    otf.write_bytes(b"OTTO" + bytes(100))
    for roles in ([], [Role("Body", ())], [Role("Body", (FontChoice("CFF", FontFile(otf)),))]):
        with pytest.raises(NoUnicodeFontError) as raised:
            FontSet(roles)
        message = str(raised.value)
        assert message.startswith("No Unicode font was found on this computer")
        assert "DejaVu Sans" in message


def test_a_fallback_loads_only_when_text_needs_it(font_set: FontSet) -> None:
    regular, bold = body_file(font_set)
    cjk = font_set.face(cjk_name(font_set))
    lazy = FontSet(
        [
            Role("Body", (FontChoice("Body", regular, bold),)),
            Role("CJK", (FontChoice("C", FontFile(cjk.path)),)),
        ]
    )
    assert [f.role for f in lazy.faces] == ["Body"]
    lazy.split_runs(LATIN_NAMES)
    assert [f.role for f in lazy.faces] == ["Body"]
    assert lazy.font_for("王") == "ILP-CJK"
    assert [f.role for f in lazy.faces] == ["Body", "CJK"]


# --- where fonts are looked for -----------------------------------------------------------------


def link(target: Path, link_path: Path) -> None:
    link_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        link_path.symlink_to(target)
    except OSError:
        pytest.skip("cannot make symbolic links here")


def test_windows_fonts_folder_is_searched_by_file_name(font_set: FontSet, tmp_path: Path) -> None:
    cjk = font_set.face(cjk_name(font_set))
    regular, bold = body_file(font_set)
    fonts_dir = tmp_path / "Windows" / "Fonts"
    link(regular.path, fonts_dir / "SEGOEUI.TTF")  # Windows names vary in case
    if bold:
        link(bold.path, fonts_dir / "segoeuib.ttf")
    link(cjk.path, fonts_dir / "msyh.ttc")
    roles = fonts.discover_roles(
        platform="win32", environ={"WINDIR": str(tmp_path / "Windows")}, use_fontconfig=False
    )
    by_role = {role.name: role.choices for role in roles}
    assert by_role["Body"][0].regular.path == fonts_dir / "SEGOEUI.TTF"
    if bold:
        assert by_role["Body"][0].bold == FontFile(fonts_dir / "segoeuib.ttf")
    assert by_role["CJK"][0].regular.path == fonts_dir / "msyh.ttc"


def test_macos_font_folders_include_the_users_own(tmp_path: Path) -> None:
    dirs = fonts.font_dirs("darwin", {"HOME": str(tmp_path)})
    assert Path("/System/Library/Fonts") in dirs
    assert Path("/Library/Fonts") in dirs
    assert tmp_path / "Library" / "Fonts" in dirs


@pytest.mark.skipif(not ON_LINUX, reason="fontconfig layout of Debian")
def test_fontconfig_finds_dejavu_and_droid() -> None:
    roles = {role.name: role.choices for role in fonts.discover_roles()}
    body = roles["Body"][0]
    assert body.family == "DejaVu Sans"
    assert body.regular.path.name == "DejaVuSans.ttf"
    assert body.bold is not None and body.bold.path.name == "DejaVuSans-Bold.ttf"
    assert any(c.regular.path.name.startswith("DroidSansFallback") for c in roles["CJK"])
