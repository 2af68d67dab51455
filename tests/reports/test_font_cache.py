"""Faces kept between runs: the same font as read from the file, and never a wrong one."""

from __future__ import annotations

import io
import marshal
import os
import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ilp_desktop.reports import font_cache, fonts
from ilp_desktop.reports.font_cache import cache_file, cached_ttfont
from ilp_desktop.reports.fonts import FontSet

TEXT = "Nguyễn Văn An · Łukasz Żółć · Ødegård · 王小明 · الأحمد"


@pytest.fixture(scope="module")
def font_files() -> list[Path]:
    """The body face and, where there is one, the CJK face of this computer."""
    found = fonts.load_fonts().load_all()
    return [face.path for face in found if face.role in ("Body", "CJK")]


def _comparable(font: TTFont) -> dict[str, object]:
    face = {k: v for k, v in vars(font.face).items() if k not in ("_pdfScale", "_cache_file")}
    rest = {k: v for k, v in vars(font).items() if k not in ("face", "encoding", "state")}
    return {"face": face, "font": rest, "scale": font.face._pdfScale(777)}


def _page(font: TTFont) -> bytes:
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 14)
    canvas.drawString(40, 700, TEXT)
    canvas.save()
    return out.getvalue()


def test_a_cached_face_is_the_face_read_from_the_font(
    font_files: list[Path], tmp_path: Path
) -> None:
    for number, path in enumerate(font_files):
        name = f"ILP-CacheTest-{number}"
        fresh = TTFont(name, str(path))
        written = cached_ttfont(name, path, 0, tmp_path)  # reads the font, writes the cache
        assert cache_file(tmp_path, path, 0).is_file()
        read = cached_ttfont(name, path, 0, tmp_path)  # from the cache
        assert type(read) is not TTFont and isinstance(read, TTFont)
        assert _comparable(written) == _comparable(fresh) == _comparable(read)
        # Drawn with either, the page is the same to the byte (subsets embedded and all).
        assert _page(read) == _page(fresh)


def test_a_damaged_cache_file_is_read_past_and_replaced(
    font_files: list[Path], tmp_path: Path
) -> None:
    path = font_files[0]
    cached_ttfont("ILP-CacheTest-A", path, 0, tmp_path)
    file = cache_file(tmp_path, path, 0)
    whole = file.read_bytes()
    needed = dict.fromkeys(("unitsPerEm", "charToGlyph", "charWidths", "hmetrics", "glyphPos"), 1)
    damages = (
        b"",
        whole[: len(whole) // 2],
        b"not marshal at all",
        b"\xe9" * 40,
        marshal.dumps([1, 2, 3]),
        marshal.dumps({"values": {"unitsPerEm": 2048}, "names": []}),  # most of it missing
        marshal.dumps({"values": {**needed, "name": "text"}, "names": ["name"]}),
    )
    for damage in damages:
        file.write_bytes(damage)
        font = cached_ttfont("ILP-CacheTest-A", path, 0, tmp_path)
        assert _comparable(font) == _comparable(TTFont("ILP-CacheTest-A", str(path)))
        assert file.read_bytes() == whole


def test_a_changed_font_file_is_read_again(font_files: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "fonts" / "Body.ttf"
    copy.parent.mkdir()
    shutil.copyfile(font_files[0], copy)
    cache = tmp_path / "cache"
    cached_ttfont("ILP-CacheTest-B", copy, 0, cache)
    before = cache_file(cache, copy, 0)
    if len(font_files) > 1:  # another font under the same name: the cache must not answer
        shutil.copyfile(font_files[1], copy)
        expected = TTFont("ILP-CacheTest-B", str(font_files[1]))
    else:
        expected = TTFont("ILP-CacheTest-B", str(font_files[0]))
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    assert cache_file(cache, copy, 0) != before
    font = cached_ttfont("ILP-CacheTest-B", copy, 0, cache)
    assert _comparable(font)["face"]["charToGlyph"] == _comparable(expected)["face"]["charToGlyph"]


def test_a_cache_that_cannot_be_written_costs_only_time(
    font_files: list[Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    font = cached_ttfont("ILP-CacheTest-C", font_files[0], 0, blocked / "fonts")
    assert _comparable(font) == _comparable(TTFont("ILP-CacheTest-C", str(font_files[0])))


def test_the_app_keeps_faces_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(fonts, "_face_cache", [])
    assert fonts.face_cache() == tmp_path / "ilp-desktop" / "fonts"
    fonts.use_face_cache(None)
    assert fonts.face_cache() is None
    roles = fonts.discover_roles()
    FontSet(roles[:1])  # reads the body face without a cache
    assert not (tmp_path / "ilp-desktop").exists()
    fonts.use_face_cache(tmp_path / "elsewhere")
    FontSet(roles[:1])
    assert list((tmp_path / "elsewhere").glob("*.face"))
    assert font_cache.FORMAT >= 1
