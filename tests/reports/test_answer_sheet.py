"""The blank answer sheet: every statement numbered, Spanish as written, embedded fonts only."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4

from ilp_desktop import paths
from ilp_desktop.reports import answer_sheet
from ilp_desktop.reports.answer_sheet import build_answer_sheet

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed"
)

SCALE = [
    {"value": 1, "en": "Strongly dislike", "es": "Me disgusta mucho"},
    {"value": 2, "en": "Dislike", "es": "No me gusta"},
    {"value": 3, "en": "Not sure", "es": "No estoy seguro/a"},
    {"value": 4, "en": "Like", "es": "Me gusta"},
    {"value": 5, "en": "Strongly like", "es": "Me gusta mucho"},
]

VERBS = [
    ("Fix", "Arreglar"),
    ("Design", "Diseñar"),
    ("Teach", "Enseñar"),
    ("Organize", "Organizar"),
    ("Find out about", "Averiguar cómo funciona"),
    ("Look after", "Cuidar"),
    ("Lead a team that plans", "Dirigir un equipo que planea"),
    ("Check the numbers in", "Revisar los números de"),
    ("Sketch", "Dibujar"),
    ("Sell", "Vender"),
]
THINGS = [
    ("a bike", "una bicicleta"),
    ("the school garden", "el jardín de la escuela"),
    ("a song in Guaraní", "una canción en guaraní"),
    ("a poster for the concert", "un cartel para el concierto"),
    (
        "a long, detailed plan for a community fundraiser that runs all weekend",
        "un plan largo y detallado para una recaudación de fondos que dura todo el fin de semana",
    ),
    ("the club's budget", "el presupuesto del club"),
]


def make_form(count: int, prefix: str) -> dict[str, Any]:
    """A form of ``count`` distinct statements in English and Spanish, some long enough to wrap."""
    items = []
    for n in range(count):
        (verb_en, verb_es), (thing_en, thing_es) = VERBS[n % 10], THINGS[n // 10 % 6]
        items.append(
            {
                "id": f"{prefix}{n + 1:02d}",
                "type": "RIASEC"[n % 6],
                "en": f"{verb_en} {thing_en}",
                "es": f"{verb_es} {thing_es}",
            }
        )
    return {
        "title": {"en": "Interest Inventory", "es": "Inventario de intereses: ¿qué te gusta?"},
        "instructions": {
            "en": "Read each activity and choose how much you would like doing it.",
            "es": "Lee cada actividad y elige cuánto te gustaría hacerla.",
        },
        "items": items,
    }


FORMS = {"secondary": make_form(60, "S"), "younger": make_form(30, "Y")}


def text_of(pdf: Path) -> str:
    """The PDF's text in drawing order (-raw), all runs of white space made single spaces."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def font_rows(pdf: Path) -> list[list[str]]:
    """pdffonts' table: name, type ..., emb, sub, uni, object, generation."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, int]]:
    """Both fixture forms in both languages: (form, lang) -> (pdf, pages returned)."""
    folder = tmp_path_factory.mktemp("sheets")
    built = {}
    for key, form in FORMS.items():
        for lang in ("en", "es"):
            pdf = folder / f"{key}-{lang}.pdf"
            built[key, lang] = pdf, build_answer_sheet(form, SCALE, lang, pdf)
    return built


CASES = [(key, lang) for key in FORMS for lang in ("en", "es")]


@needs_poppler
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_statement_is_printed_with_its_number(
    sheets: dict[tuple[str, str], tuple[Path, int]], key: str, lang: str
) -> None:
    pdf, _pages = sheets[key, lang]
    text = text_of(pdf)
    for number, item in enumerate(FORMS[key]["items"], start=1):
        assert f"{number}. {item[lang]}" in text, f"statement {item['id']} is missing"
    assert FORMS[key]["title"][lang] in text
    assert FORMS[key]["instructions"][lang] in text
    for point in SCALE:
        assert point[lang] in text


@needs_poppler
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_page_count_is_as_returned_and_every_page_is_numbered(
    sheets: dict[tuple[str, str], tuple[Path, int]], key: str, lang: str
) -> None:
    pdf, pages = sheets[key, lang]
    assert page_count(pdf) == pages
    assert 1 <= pages <= (5 if key == "secondary" else 3)
    word, of = ("Page", "of") if lang == "en" else ("Página", "de")
    text = text_of(pdf)
    for page in range(1, pages + 1):
        assert f"{word} {page} {of} {pages}" in text


@needs_poppler
def test_spanish_headings_keep_their_accents(
    sheets: dict[tuple[str, str], tuple[Path, int]],
) -> None:
    text = text_of(sheets["secondary", "es"][0])
    for heading in (
        "HOJA DE RESPUESTAS · 60 FRASES",
        "Inventario de intereses: ¿qué te gusta?",
        "Nombre",
        "Grado",
        "Fecha",
        "Encierra en un círculo un número para cada frase.",
        "Uso del consejero: ingresado por",
        "Página 1 de",
        "Diseñar el jardín de la escuela",
    ):
        assert heading in text
    assert "Page 1 of" not in text


@needs_poppler
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_only_embedded_fonts_and_no_helvetica(
    sheets: dict[tuple[str, str], tuple[Path, int]], key: str, lang: str
) -> None:
    rows = font_rows(sheets[key, lang][0])
    assert rows
    for row in rows:
        name, embedded = row[0], row[-5]
        assert embedded == "yes", f"{name} is not embedded"
        assert "Helvetica" not in name
        assert "TrueType" in row


@needs_poppler
def test_statements_print_exactly_as_typed(tmp_path: Path) -> None:
    form = make_form(3, "X")
    form["items"][0]["en"] = "Write <b>bold</b> & check that 2 < 3"
    form["items"][1]["en"] = "Help 王小明 find the library"
    pdf = tmp_path / "escaped.pdf"
    build_answer_sheet(form, SCALE, "en", pdf)
    text = text_of(pdf)
    assert "1. Write <b>bold</b> & check that 2 < 3" in text
    assert "2. Help 王小明 find the library" in text
    names = [row[0] for row in font_rows(pdf)]
    if any("Droid" in name for name in names):  # the CJK run has its own embedded face
        assert any("DejaVuSans" in name for name in names)


@needs_poppler
def test_a4_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "a4.pdf"
    pages = build_answer_sheet(FORMS["secondary"], SCALE, "es", pdf, pagesize=A4)
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89" in out.stdout
    assert page_count(pdf) == pages


def test_a_stream_gets_the_whole_pdf() -> None:
    stream = io.BytesIO()
    pages = build_answer_sheet(FORMS["younger"], SCALE, "en", stream)
    data = stream.getvalue()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pages >= 1


def test_the_same_sheet_twice_is_the_same_file() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    build_answer_sheet(FORMS["younger"], SCALE, "es", first)
    build_answer_sheet(FORMS["younger"], SCALE, "es", second)
    assert first.getvalue() == second.getvalue()


def test_a_failing_build_leaves_the_existing_file_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the good sheet from last week")

    def broken(*args: object) -> object:
        def draw(*args: object) -> None:
            raise RuntimeError("printer fell over")

        return draw

    # Fails while the last page is written, after the temporary file was opened.
    monkeypatch.setattr(answer_sheet, "_page_furniture", broken)
    with pytest.raises(RuntimeError, match="printer fell over"):
        build_answer_sheet(FORMS["younger"], SCALE, "en", target)
    assert target.read_bytes() == b"the good sheet from last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_a_missing_translation_is_refused_before_writing(tmp_path: Path) -> None:
    form = make_form(3, "X")
    del form["items"][2]["es"]
    target = tmp_path / "sheet.pdf"
    with pytest.raises(ValueError, match="no es text for statement X03"):
        build_answer_sheet(form, SCALE, "es", target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        build_answer_sheet(FORMS["younger"], SCALE, "fr", tmp_path / "x.pdf")


def bundled_inventory() -> dict[str, Any] | None:
    try:
        return json.loads(paths.resource("inventory", "forms.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_bundled_forms_print_in_full(tmp_path: Path, lang: str) -> None:
    inventory = bundled_inventory()
    if inventory is None:
        pytest.skip("resources/inventory/forms.json is not there yet")
    for key, form in inventory["forms"].items():
        pdf = tmp_path / f"{key}-{lang}.pdf"
        pages = build_answer_sheet(form, inventory["scale"], lang, pdf)
        assert page_count(pdf) == pages
        text = text_of(pdf)
        for number, item in enumerate(form["items"], start=1):
            assert f"{number}. {' '.join(item[lang].split())}" in text, item["id"]
