"""A blank paper answer sheet for the interest inventory, in English or Spanish.

One sheet per form: a header with Name, Grade and Date lines, the form's instructions, the answer
scale, then every statement numbered with a row of answer circles to mark with a pen. Each page
has "Page n of N" and a line for the counselor who keys the answers in.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import FontSet, load_fonts
from .pdf_files import write_atomically

LANGUAGES = ("en", "es")

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "sheet": "Answer sheet",
        "count": "{n} statements",
        "name": "Name",
        "grade": "Grade",
        "date": "Date",
        "how": (
            "Circle one number for each statement. To change an answer, cross it out and "
            "circle the new number."
        ),
        "statement": "Statement",
        "page": "Page {page} of {total}",
        "entered": "Counselor use: entered by",
        "on": "on",
    },
    "es": {
        "sheet": "Hoja de respuestas",
        "count": "{n} frases",
        "name": "Nombre",
        "grade": "Grado",
        "date": "Fecha",
        "how": (
            "Encierra en un círculo un número para cada frase. Para cambiar una respuesta, "
            "táchala y encierra el número nuevo."
        ),
        "statement": "Frase",
        "page": "Página {page} de {total}",
        "entered": "Uso del consejero: ingresado por",
        "on": "el",
    },
}

_FILL_IN = ("name", "grade", "date")  # the header's write-on lines, in order

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
RULE = colors.HexColor("#CBD2D9")
RULE_STRONG = colors.HexColor("#7B8794")
STRIPE = colors.HexColor("#F1F4F7")
LEGEND_BG = colors.HexColor("#E8EEF4")

MARGIN_X = 0.75 * inch
MARGIN_TOP = 0.6 * inch
MARGIN_BOTTOM = 0.9 * inch  # the footer sits in here
CONTINUATION_BAND = 0.4 * inch  # "title · Name ____" at the top of pages 2 and on

BODY_SIZE = 11.5
STATEMENT = 11.5  # statement type size; the short form (younger students) prints larger
LARGE_STATEMENT = 12.5
LARGE_UP_TO = 30
BUBBLE = 18  # circle diameter, points: room for a pen mark
BUBBLE_COLUMN = 27
ROW_PADDING = 4.5

T = TypeVar("T")


class _Bubble(Flowable):
    """One answer circle with its number inside, light enough to mark over."""

    def __init__(self, label: str, font: str, diameter: float = BUBBLE) -> None:
        super().__init__()
        self.label = label
        self.font = font
        self.diameter = diameter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.diameter, self.diameter

    def draw(self) -> None:
        canvas = self.canv
        r = self.diameter / 2
        canvas.setLineWidth(0.9)
        canvas.setStrokeColor(MUTED)
        canvas.setFillColor(colors.white)
        canvas.circle(r, r, r, stroke=1, fill=1)
        size = 9.5
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, size)
        canvas.drawCentredString(r, r - size * 0.36, self.label)


def _text(entry: Mapping[str, Any], lang: str, what: str) -> str:
    value = entry.get(lang)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"the inventory has no {lang} text for {what}")
    return value


class _Styles:
    """Paragraph styles, all in the registered Unicode fonts (never Helvetica)."""

    def __init__(self, fonts: FontSet, statement_size: float) -> None:
        body = fonts.body
        statement_leading = round(statement_size * 1.26, 1)
        self.kicker = ParagraphStyle(
            "kicker", fontName=fonts.bold, fontSize=10, leading=13, textColor=MUTED
        )
        self.title = ParagraphStyle(
            "title", fontName=fonts.bold, fontSize=20, leading=25, textColor=INK, spaceAfter=4
        )
        self.label = ParagraphStyle(
            "label", fontName=fonts.bold, fontSize=11, leading=14, textColor=INK
        )
        self.body = ParagraphStyle(
            "body", fontName=body, fontSize=BODY_SIZE, leading=15.5, textColor=INK, spaceAfter=6
        )
        self.legend = ParagraphStyle(
            "legend", fontName=body, fontSize=10.5, leading=13, alignment=TA_CENTER, textColor=INK
        )
        self.header = ParagraphStyle(
            "header", fontName=fonts.bold, fontSize=10, leading=12, textColor=MUTED
        )
        self.header_scale = ParagraphStyle(
            "header_scale",
            parent=self.header,
            fontName=body,
            fontSize=9,
            leading=11,
            alignment=TA_CENTER,
        )
        self.number = ParagraphStyle(
            "number",
            fontName=fonts.bold,
            fontSize=statement_size,
            leading=statement_leading,
            alignment=TA_RIGHT,
        )
        self.statement = ParagraphStyle(
            "statement",
            fontName=body,
            fontSize=statement_size,
            leading=statement_leading,
            textColor=INK,
        )


def _name_lines(fonts: FontSet, styles: _Styles, words: Mapping[str, str], width: float) -> Table:
    """Name, Grade and Date labels, each with a line long enough to write on."""
    labels = [Paragraph(fonts.markup(words[k], bold=True), styles.label) for k in _FILL_IN]
    label_widths = [fonts.string_width(words[k], 11, bold=True) + 8 for k in _FILL_IN]
    blanks = width - sum(label_widths) - 2 * 14  # 14 pt gap before Grade and Date
    line_widths = [blanks * 0.56, blanks * 0.16, blanks * 0.28]
    cells, widths = [], []
    for i, (label, label_width, line_width) in enumerate(
        zip(labels, label_widths, line_widths, strict=True)
    ):
        if i:
            cells.append("")
            widths.append(14)
        cells += [label, ""]
        widths += [label_width, line_width]
    table = Table([cells], colWidths=widths, rowHeights=[30])
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.body, 11),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for column in range(1, len(cells), 3):
        style.append(("LINEBELOW", (column, 0), (column, 0), 0.8, INK))
    table.setStyle(TableStyle(style))
    return table


def _legend(
    fonts: FontSet, styles: _Styles, scale: Sequence[Mapping[str, Any]], lang: str, width: float
) -> Table:
    """The answer scale: each circle above what it means."""
    bubbles = [_Bubble(str(point["value"]), fonts.body) for point in scale]
    words = [
        Paragraph(fonts.markup(_text(point, lang, f"scale point {point['value']}")), styles.legend)
        for point in scale
    ]
    table = Table([bubbles, words], colWidths=[width / len(scale)] * len(scale))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.body, 10.5),
                ("BACKGROUND", (0, 0), (-1, -1), LEGEND_BG),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 9),
                ("ROUNDEDCORNERS", [6, 6, 6, 6]),
            ]
        )
    )
    return table


def _items_table(
    fonts: FontSet,
    styles: _Styles,
    items: Sequence[Mapping[str, Any]],
    scale: Sequence[Mapping[str, Any]],
    lang: str,
    words: Mapping[str, str],
    width: float,
) -> Table:
    """Every statement, numbered, with its answer circles; the header repeats on each page."""
    points = len(scale)
    first, last = scale[0], scale[-1]
    ends = "<br/>".join(
        fonts.markup(f"{p['value']} = {_text(p, lang, 'the scale')}") for p in (first, last)
    )
    header = [
        "",
        Paragraph(fonts.markup(words["statement"], bold=True), styles.header),
        Paragraph(ends, styles.header_scale),
    ] + [""] * (points - 1)
    rows: list[list[Any]] = [header]
    for number, item in enumerate(items, start=1):
        what = f"statement {item.get('id', number)}"
        rows.append(
            [
                Paragraph(f"{number}.", styles.number),
                Paragraph(fonts.markup(_text(item, lang, what)), styles.statement),
                *(_Bubble(str(point["value"]), fonts.body) for point in scale),
            ]
        )
    widest = f"{len(items)}."  # the number column fits the longest number on one line
    number_width = fonts.string_width(widest, styles.number.fontSize, bold=True) + 8
    statement_width = width - number_width - points * BUBBLE_COLUMN
    leading = styles.statement.leading
    table = Table(
        rows,
        colWidths=[number_width, statement_width] + [BUBBLE_COLUMN] * points,
        repeatRows=1,
    )
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.body, 12),
        ("SPAN", (2, 0), (-1, 0)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        # The number sits on the statement's first line; the circles in the middle of the row.
        ("VALIGN", (0, 1), (1, -1), "TOP"),
        ("VALIGN", (2, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 6),
        ("RIGHTPADDING", (1, 0), (1, -1), 12),  # air between the words and the first circle
        ("LEFTPADDING", (2, 0), (-1, -1), 2),
        ("RIGHTPADDING", (2, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        # A one-line statement lines up with the middle of its circles.
        ("TOPPADDING", (0, 1), (1, -1), ROW_PADDING + max(0, (BUBBLE - leading) / 2)),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, RULE_STRONG),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
    ]
    for row in range(1, len(rows)):
        if row % 2 == 0:
            style.append(("BACKGROUND", (0, row), (-1, row), STRIPE))
        if row % 5 == 0 and row != len(rows) - 1:  # a firmer line every five: easier keying
            style.append(("LINEBELOW", (0, row), (-1, row), 1.0, RULE_STRONG))
    table.setStyle(TableStyle(style))
    return table


def _story(
    fonts: FontSet,
    form: Mapping[str, Any],
    scale: Sequence[Mapping[str, Any]],
    lang: str,
    width: float,
) -> list[Flowable]:
    words = _TEXT[lang]
    items = form["items"]
    styles = _Styles(fonts, LARGE_STATEMENT if len(items) <= LARGE_UP_TO else STATEMENT)
    kicker = f"{words['sheet']} · {words['count'].format(n=len(items))}"
    instructions = _text(form["instructions"], lang, "the instructions")
    return [
        Paragraph(fonts.markup(kicker.upper(), bold=True), styles.kicker),
        Paragraph(fonts.markup(_text(form["title"], lang, "the title"), bold=True), styles.title),
        _name_lines(fonts, styles, words, width),
        Spacer(0, 14),
        Paragraph(fonts.markup(instructions), styles.body),
        Paragraph(fonts.markup(words["how"]), styles.body),
        Spacer(0, 4),
        _legend(fonts, styles, scale, lang, width),
        Spacer(0, 14),
        _items_table(fonts, styles, items, scale, lang, words, width),
    ]


def _page_furniture(
    fonts: FontSet, title: str, words: Mapping[str, str], pagesize: tuple[float, float]
) -> Callable[[Canvas, int, int], None]:
    """Draws what every page carries once the page count is known."""
    width, height = pagesize

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE_STRONG)
        size = 10
        # Footer: the counselor's line on the left, the page number on the right.
        y = 0.45 * inch
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y + 16, width - MARGIN_X, y + 16)
        x = MARGIN_X
        x += fonts.draw_string(canvas, x, y, words["entered"], size) + 4
        canvas.line(x, y - 2, x + 1.7 * inch, y - 2)
        x += 1.7 * inch + 6
        x += fonts.draw_string(canvas, x, y, words["on"], size) + 4
        canvas.line(x, y - 2, x + 1.1 * inch, y - 2)
        pages = words["page"].format(page=page, total=total)
        fonts.draw_string(canvas, width - MARGIN_X, y, pages, size, bold=True, align="right")
        if page > 1:  # pages come apart: each carries the title and a Name line
            y = height - MARGIN_TOP - 0.12 * inch
            x = MARGIN_X + fonts.draw_string(canvas, MARGIN_X, y, title, size, bold=True) + 16
            x += fonts.draw_string(canvas, x, y, words["name"], size) + 4
            canvas.setStrokeColor(INK)
            canvas.line(x, y - 2, min(x + 3 * inch, width - MARGIN_X), y - 2)
        canvas.restoreState()

    return draw


def _numbered_canvas(
    furniture: Callable[[Canvas, int, int], None], pages: list[int]
) -> type[Canvas]:
    """A Canvas that holds its pages back until the end, to print "Page n of N" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                furniture(self, self._pageNumber, total)
                super().showPage()
            pages.append(total)
            super().save()

    return NumberedCanvas


def _render(
    fonts: FontSet,
    form: Mapping[str, Any],
    scale: Sequence[Mapping[str, Any]],
    lang: str,
    stream: BinaryIO,
    pagesize: tuple[float, float],
) -> int:
    width, height = pagesize
    frame_width = width - 2 * MARGIN_X
    story = _story(fonts, form, scale, lang, frame_width)  # refuses bad data before any output
    title = _text(form["title"], lang, "the title")
    flush = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    body_height = height - MARGIN_TOP - MARGIN_BOTTOM
    first = Frame(MARGIN_X, MARGIN_BOTTOM, frame_width, body_height, id="first", **flush)
    later = Frame(
        MARGIN_X, MARGIN_BOTTOM, frame_width, body_height - CONTINUATION_BAND, id="later", **flush
    )
    doc = BaseDocTemplate(
        stream,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{title} · {_TEXT[lang]['sheet']}",
        author="ILP Desktop",
        creator="ILP Desktop",
        lang=lang,
        initialFontName=fonts.body,  # else the canvas names Helvetica in every page's preamble
        pageTemplates=[
            PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later]),
        ],
    )
    pages: list[int] = []
    furniture = _page_furniture(fonts, title, _TEXT[lang], pagesize)
    doc.build(story, canvasmaker=_numbered_canvas(furniture, pages))
    return pages[0]


def build_answer_sheet(
    form: Mapping[str, Any],
    scale: Sequence[Mapping[str, Any]],
    lang: str,
    out: Path | str | BinaryIO,
    pagesize: tuple[float, float] = LETTER,
    *,
    fonts: FontSet | None = None,
) -> int:
    """Write a blank answer sheet for ``form`` (one entry of forms.json) and return its page count.

    ``scale`` is the inventory's "scale" list, ``lang`` "en" or "es", ``pagesize`` LETTER or A4.
    ``out`` is a path (written atomically) or a binary stream (written in one piece at the end).
    Raises ValueError for an unknown language or a text missing in that language, and
    :class:`~ilp_desktop.reports.fonts.NoUnicodeFontError` when the computer has no usable font.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    if not scale:
        raise ValueError("the inventory has no answer scale")
    fonts = fonts or load_fonts()

    def write(stream: BinaryIO) -> int:
        return _render(fonts, form, scale, lang, stream, pagesize)

    if isinstance(out, (str, os.PathLike)):
        return write_atomically(Path(out), write)
    buffer = io.BytesIO()
    pages = write(buffer)
    out.write(buffer.getvalue())
    return pages
