"""The conference handout: one student's plan on one or two pages for the family to take home.

Layout only: :mod:`ilp_desktop.domain.handout` has chosen what goes on it. Every piece of user
text goes through :meth:`FontSet.markup` (escaped, and split into runs of fonts that can draw
it); fixed text comes from :mod:`.handout_words` in English or Spanish. Many handouts can go
into one PDF (a conference day): each starts on a new page and numbers its own pages.
"""

from __future__ import annotations

import io
import logging
import os
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText

from ..domain.career_matching import join_names
from ..domain.handout import (
    GROUPS,
    HANDOUT_LANGUAGES,
    MAX_NOTE_CHARS,
    Handout,
    family_language,
    with_shorter_lists,
)
from ..domain.interests import TYPES
from ..domain.text import shortened
from .charts import InterestChart
from .fonts import BODY, FontSet, load_fonts
from .handout_words import (
    AREAS,
    CHANGES,
    GOAL_STATUS,
    PATHWAYS,
    STATUS_IN_SENTENCE,
    WORDS,
    grade_text,
    long_date,
    short_date,
)
from .pdf_files import write_atomically

log = logging.getLogger(__name__)

LANGUAGES = HANDOUT_LANGUAGES
PAGE_SIZES = {"letter": LETTER, "a4": A4}

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
ACCENT = colors.HexColor("#2F6F8F")
RULE = colors.HexColor("#CBD2D9")
SOFT = colors.HexColor("#F1F5F8")
LATE_HEX = "#A3361F"
LATE = colors.HexColor(LATE_HEX)
STATUS_COLOURS = {
    "at_risk": colors.HexColor("#A3361F"),
    "on_track": colors.HexColor("#2C7A4B"),
    "not_started": colors.HexColor("#52606D"),
    "done": colors.HexColor("#2F6F8F"),
}

MARGIN_X = 0.7 * inch
MARGIN_TOP = 0.6 * inch
MARGIN_BOTTOM = 0.75 * inch  # the footer sits in here


class HandoutCancelledError(Exception):
    """Raised inside a build when the caller asked to stop; nothing is written."""


@dataclass(frozen=True)
class Sizes:
    body: float
    small: float
    heading: float
    name: float

    @property
    def leading(self) -> float:
        return self.body * 1.3


REGULAR = Sizes(body=10, small=8.5, heading=12.5, name=19)
LARGE = Sizes(body=14, small=14, heading=17, name=25)  # large print: every text 14 pt or more
# The most pages a handout takes; lists are shortened to keep within them.
PAGES = {REGULAR: 2, LARGE: 4}


class _Styles:
    def __init__(self, fonts: FontSet, sizes: Sizes) -> None:
        body, bold = fonts.body, fonts.bold
        self.sizes = sizes
        self.body = ParagraphStyle(
            "body", fontName=body, fontSize=sizes.body, leading=sizes.leading, textColor=INK
        )
        self.small = ParagraphStyle(
            "small",
            parent=self.body,
            fontSize=sizes.small,
            leading=sizes.small * 1.3,
            textColor=MUTED,
        )
        self.bold = ParagraphStyle("bold", parent=self.body, fontName=bold)
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=bold,
            fontSize=sizes.heading,
            leading=sizes.heading * 1.25,
            textColor=ACCENT,
            spaceBefore=sizes.body * 0.75,
            spaceAfter=sizes.body * 0.35,
        )
        self.subheading = ParagraphStyle(
            "subheading",
            parent=self.bold,
            spaceBefore=sizes.body * 0.35,
            spaceAfter=sizes.body * 0.15,
            keepWithNext=True,
        )
        self.name = ParagraphStyle(
            "name",
            parent=self.bold,
            fontSize=sizes.name,
            leading=sizes.name * 1.2,
            spaceAfter=2,
        )
        self.school = ParagraphStyle(
            "school", parent=self.bold, fontSize=sizes.body * 1.2, leading=sizes.body * 1.5
        )
        self._derived: dict[tuple[str, str], ParagraphStyle] = {}
        self._parsed: dict[tuple[str, str], tuple[ParagraphStyle, list[Any]]] = {}
        self._wrapped: dict[tuple[str, str, float], dict[str, Any]] = {}
        self._bases: dict[str, tuple[ParagraphStyle, Any]] = {}
        self.bullet = ParagraphStyle(
            "bullet",
            parent=self.body,
            leftIndent=sizes.body * 1.1,
            bulletIndent=sizes.body * 0.1,
            bulletFontName=body,  # ReportLab's default for the bullet is Helvetica
            bulletFontSize=sizes.body,
            spaceAfter=sizes.body * 0.2,
        )

    def right(self, style: ParagraphStyle) -> ParagraphStyle:
        return self._derive(style, "right", alignment=2)

    def coloured(self, style: ParagraphStyle, colour: colors.Color) -> ParagraphStyle:
        return self._derive(style, colour.hexval(), textColor=colour)

    def paragraph(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        """A Paragraph, parsing each markup once per batch.

        Two thirds of a batch's paragraphs are labels that repeat on every handout, nine in ten
        have no markup at all, and parsing was a fifth of the drawing time. ReportLab only reads
        the fragments it is given (breaking lines builds new ones), so paragraphs share them.
        """
        key = (markup, style.name)
        parsed = self._parsed.get(key)
        if parsed is None:
            if "<" not in markup and "&" not in markup:
                parsed = self._plain(markup, style)
            if parsed is None:
                first = Paragraph(markup, style)
                parsed = (first.style, first.frags)
            if len(self._parsed) < 20_000:
                self._parsed[key] = parsed
        return _Para(markup, parsed[0], bullet, parsed[1], wrapped=self._wrapped, key=key)

    def _plain(self, text: str, style: ParagraphStyle) -> tuple[ParagraphStyle, list[Any]] | None:
        """Fragments for text without markup (nine paragraphs in ten), without the XML parser:
        the style's own first fragment holding the text, as the parser would make it."""
        text = cleanBlockQuotedText(text)
        if not text:
            return None
        base = self._bases.get(style.name)
        if base is None:
            first = Paragraph("x", style)
            base = self._bases[style.name] = (first.style, first.frags[0])
        return base[0], [base[1].clone(text=text)]

    def _derive(self, style: ParagraphStyle, tag: str, **changes: Any) -> ParagraphStyle:
        key = (style.name, tag)
        if key not in self._derived:
            self._derived[key] = ParagraphStyle(f"{style.name}-{tag}", parent=style, **changes)
        return self._derived[key]


_STYLES: dict[tuple[int, Sizes], tuple[FontSet, _Styles]] = {}


def _styles_for(fonts: FontSet, sizes: Sizes) -> _Styles:
    """One set of styles (and so of parsed labels and line breaks) per font set and size for
    the whole process: a conference day drawn in runs, or previews one after another, reuse
    them."""
    found = _STYLES.get((id(fonts), sizes))
    if found is None or found[0] is not fonts:
        found = _STYLES[(id(fonts), sizes)] = (fonts, _Styles(fonts, sizes))
    return found[1]


# What Paragraph.wrap leaves on a paragraph, all of it read when drawing or splitting.
_WRAP_STATE = (
    "width",
    "height",
    "blPara",
    "frags",
    "_wrapWidths",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class _Para(Paragraph):
    """A Paragraph that breaks its lines once for each width.

    Line breaking depends only on the text, the style and the width, yet ReportLab asks a table
    cell twice (to measure the row, then to draw it) and labels repeat on every handout, so the
    result is kept per batch under the markup, the style and the width.
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,  # noqa: N803 (ReportLab's split passes these by name)
        frags: list[Any] | None = None,
        *,
        wrapped: dict[tuple[str, str, float], dict[str, Any]] | None = None,
        key: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self._wrapped = wrapped
        self._key = key
        self._wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped is None or self._key is None or availWidth < 1:
            return super().wrap(availWidth, availHeight)  # a piece of a split paragraph
        # split() drops blPara when it gives up on a page: break the lines again then.
        if availWidth != self._wrapped_at or "blPara" not in self.__dict__:
            key = (*self._key, availWidth)
            state = self._wrapped.get(key)
            if state is None or self.bulletText:
                super().wrap(availWidth, availHeight)
                if not self.bulletText and len(self._wrapped) < 20_000:
                    self._wrapped[key] = {name: getattr(self, name) for name in _WRAP_STATE}
            else:
                self.__dict__.update(state)
            self._wrapped_at = availWidth
        return self.width, self.height


class _Page(Flowable):
    """Zero-size marker at the start of each student's pages: numbering restarts there."""

    def __init__(self, footer: str, words: dict[str, str], on_start: Callable[[], None]) -> None:
        super().__init__()
        self.footer = footer
        self.words = words
        self.on_start = on_start

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.on_start()  # progress, and the place to stop when cancelled
        holder = getattr(self.canv, "ilp", None)
        if holder is not None:
            holder.start(self.footer, self.words)


class _Held:
    """Pages held back until their student's last page is known ("Page 1 of 2")."""

    def __init__(self) -> None:
        self.pages: list[tuple[dict[str, Any], str, dict[str, str]]] = []
        self.footer = ""
        self.words: dict[str, str] = WORDS["en"]
        self.starting = False
        self.counts: list[int] = []

    def start(self, footer: str, words: dict[str, str]) -> None:
        self.footer, self.words, self.starting = footer, words, True


def _numbered_canvas(fonts: FontSet, sizes: Sizes) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.ilp = _Held()

        def showPage(self) -> None:
            holder = self.ilp
            state = dict(self.__dict__)
            if holder.starting and holder.pages:
                self._flush()  # the pages so far belong to the previous student
            holder.starting = False
            holder.pages.append((state, holder.footer, holder.words))
            self._startPage()

        def _flush(self) -> None:
            holder = self.ilp
            pages, holder.pages = holder.pages, []
            live = dict(self.__dict__)
            for number, (state, footer, words) in enumerate(pages, start=1):
                self.__dict__.update(state)
                _furniture(self, fonts, sizes, footer, words, number, len(pages))
                Canvas.showPage(self)
            page_number = self._pageNumber
            self.__dict__.update(live)
            self._pageNumber = page_number
            holder.counts.append(len(pages))

        def save(self) -> None:
            if self.ilp.pages:
                self._flush()
            super().save()

    return NumberedCanvas


def _furniture(
    canvas: Canvas,
    fonts: FontSet,
    sizes: Sizes,
    footer: str,
    words: dict[str, str],
    page: int,
    total: int,
) -> None:
    width, _height = canvas._pagesize
    size = sizes.small if sizes is LARGE else max(8.5, sizes.small - 0.5)
    canvas.saveState()
    y = MARGIN_BOTTOM - 0.38 * inch
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, y + size * 1.5, width - MARGIN_X, y + size * 1.5)
    canvas.setFillColor(MUTED)
    right = fonts.string_width(words["page"].format(page=page, total=total), size, bold=True)
    room = width - 2 * MARGIN_X - right - 12
    fonts.draw_string(canvas, MARGIN_X, y, shortened(footer, _chars_for(room, size)), size)
    fonts.draw_string(
        canvas,
        width - MARGIN_X,
        y,
        words["page"].format(page=page, total=total),
        size,
        bold=True,
        align="right",
    )
    small = size if sizes is LARGE else size * 0.9
    fonts.draw_string(canvas, MARGIN_X, y - size * 1.3, words["private"], small)
    canvas.restoreState()


def _chars_for(width: float, size: float) -> int:
    return max(10, int(width / (size * 0.5)))


class _Writer:
    """Builds one student's story in one language and size."""

    def __init__(
        self, fonts: FontSet, styles: _Styles, handout: Handout, lang: str, width: float
    ) -> None:
        self.fonts = fonts
        self.styles = styles
        self.h = handout
        self.lang = lang
        self.words = WORDS[lang]
        self.width = width
        student = handout.student
        self.first = student.preferred_name or student.first_name or student.display_name

    # -- text --

    def fmt(self, key: str, *, bold: bool = False, **values: str) -> str:
        """A fixed text with user values filled in: both escaped and split into font runs."""
        return self.fill(self.words[key], bold=bold, **values)

    def fill(self, template: str, *, bold: bool = False, **values: str) -> str:
        parts = []
        for literal, field, _spec, _conv in string.Formatter().parse(template):
            if literal:
                parts.append(self.fonts.markup(literal, bold=bold))
            if field is not None:
                parts.append(self.fonts.markup(values[field], bold=bold))
        return "".join(parts)

    def user(self, text: str, *, bold: bool = False) -> str:
        return self.fonts.markup(text, bold=bold)

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return self.styles.paragraph(markup, style or self.styles.body)

    def heading(self, key: str, **values: str) -> Paragraph:
        return self.para(self.fmt(key, bold=True, **values), self.styles.heading)

    def section(
        self, key: str, lines: float = 6, first_row: Table | None = None, **values: str
    ) -> list[Flowable]:
        """A heading that starts a new page unless ``lines`` of body text fit below it, or,
        when the section is a table, its ``first_row`` (a table row never splits, so the
        heading would otherwise be left alone at the foot of the page).

        Cheaper than keeping the heading with what follows (KeepTogether lays that out twice,
        and it is often a whole table).
        """
        heading = self.styles.sizes.heading * 2.2
        room = heading + self.styles.sizes.leading * lines
        if first_row is not None:
            return [_RoomFor(room, heading, first_row), self.heading(key, **values)]
        return [CondPageBreak(room), self.heading(key, **values)]

    def date(self, value: str) -> str:
        return long_date(value, self.lang)

    # -- the story --

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [*self.header()]
        story += self.interests()
        story += self.careers()
        story += self.standing()
        story += self.goals()
        story += self.next_steps()
        story += self.supports()
        story += self.changes()
        story += self.signatures()
        return story

    def header(self) -> list[Flowable]:
        h, s = self.h, self.styles
        school_lines = []
        if h.school.name:
            school_lines.append(self.para(self.user(h.school.name, bold=True), s.school))
        contact = " · ".join(part for part in (h.school.address, h.school.phone) if part)
        if contact:
            school_lines.append(self.para(self.user(contact), s.small))
        right = [
            self.para(self.fmt("kind", bold=True), s.right(s.bold)),
            self.para(self.fmt("subtitle"), s.right(s.small)),
            self.para(self.user(self.date(h.today.isoformat())), s.right(s.small)),
        ]
        logo = _logo(h.school.logo, s.sizes)
        cells: list[Any] = [school_lines, right]
        widths = [self.width * 0.55, self.width * 0.45]
        if logo is not None:
            cells.insert(0, logo)
            widths = [logo.drawWidth + 8, self.width * 0.55 - logo.drawWidth - 8, self.width * 0.45]
        top = Table([cells], colWidths=widths)
        top.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                ]
            )
        )
        student = h.student
        name = self.para(self.user(student.display_name, bold=True), s.name)
        review = self.words["no_review"]
        if h.next_review is not None:
            review = self.words["next_review_by"].format(
                title=self.words[h.next_review.kind],
                date=self.date(h.next_review.due_on.isoformat()),
            )
        facts = [(self.words["counselor"], student.counselor or "—")]
        if h.counselor_contact:
            facts.append((self.words["contact"], h.counselor_contact))
        facts.append((self.words["next_review"], review))
        rows = [
            [
                self.para(self.user(label), s.small),
                self.para(self.user(value), s.body),
            ]
            for label, value in facts
        ]
        info = Table(rows, colWidths=[self.width * 0.27, self.width * 0.73])
        info.setStyle(_plain_table(top=1.5, bottom=1.5))
        return [
            top,
            Spacer(0, s.sizes.body * 0.8),
            name,
            self.para(self.user(grade_text(student.grade, self.lang)), s.bold),
            Spacer(0, s.sizes.body * 0.4),
            info,
        ]

    def interests(self) -> list[Flowable]:
        h, s = self.h, self.styles
        out: list[Flowable] = self.section("interests", lines=7)
        if h.interests is None:
            return [*out, self.para(self.fmt("no_interests", name=self.first))]
        result = h.interests.result
        if result.code is None:
            return [*out, self.para(self.fmt("interests_none"))]
        top = set(h.interests.top) if not result.flat else set()
        order = list(result.ranked) or list(TYPES)
        rows = [
            (h.interests.name(letter, self.lang), result.scores.get(letter)) for letter in order
        ]
        chart = InterestChart(self.fonts, rows, [letter in top for letter in order], s.sizes.small)
        words: list[Flowable] = [
            self.para(
                self.fmt("interests_intro", name=self.first, date=self.date(h.interests.taken_on)),
                s.small,
            )
        ]
        if result.flat:
            words.append(self.para(self.fmt("interests_flat")))
        else:
            for letter in h.interests.top:
                info = h.interests.types[letter]
                words.append(
                    self.para(
                        f"<b>{self.user(info.name.get(self.lang), bold=True)}</b>"
                        f"{self.fonts.markup(' — ')}{self.user(info.short.get(self.lang))}",
                        s.bullet,
                    )
                )
            words.append(
                self.para(self.fmt("interests_code", code=result.code_display or ""), s.small)
            )
        if self.styles.sizes is LARGE:
            return [*out, chart, Spacer(0, 6), *words]
        table = Table([[chart, words]], colWidths=[self.width * 0.44, self.width * 0.56])
        table.setStyle(_plain_table(left_gap=10))
        return [*out, table]

    def careers(self) -> list[Flowable]:
        h, s = self.h, self.styles
        out: list[Flowable] = self.section("careers", lines=3, name=self.first)
        if not h.careers:
            return [*out, self.para(self.fmt("no_careers"), s.body)]
        for line in h.careers:
            title = self.user(line.title_in(self.lang), bold=True)
            if line.why:
                why = self.fonts.markup("“") + self.user(line.why) + self.fonts.markup("”")
            elif line.shared and self.h.interests is not None:
                names = [self.h.interests.name(letter, self.lang) for letter in line.shared]
                why = self.fmt("career_shared", name=self.first, types=join_names(names, self.lang))
            else:
                why = self.fmt("career_talk")
            out.append(self.para(f"<b>{title}</b>{self.fonts.markup(' — ')}{why}", s.bullet))
        if h.more_careers:
            out.append(self.para(self.fmt("more_careers", n=str(h.more_careers)), s.small))
        return out

    def standing(self) -> list[Flowable]:
        h, s = self.h, self.styles
        b = h.baseline
        out: list[Flowable] = self.section("now", lines=3)
        figures = []
        if b is not None:
            if b.gpa is not None:
                figures.append(
                    (self.words["gpa"], self.words["gpa_value"].format(value=f"{b.gpa:.2f}"))
                )
            if b.credits is not None:
                figures.append((self.words["credits"], f"{b.credits:g}"))
            if b.attendance is not None:
                figures.append(
                    (
                        self.words["attendance"],
                        self.words["attendance_value"].format(value=f"{b.attendance:g}"),
                    )
                )
        if figures and b is not None:
            out = self.section("now_as_of", lines=3, date=self.date(b.as_of))
            cells = [
                [
                    [
                        self.para(self.user(label), s.small),
                        self.para(self.user(value), s.bold),
                    ]
                    for label, value in figures
                ]
            ]
            table = Table(cells, colWidths=[self.width / len(figures)] * len(figures))
            table.setStyle(
                _table_style(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                        ("TOPPADDING", (0, 0), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            out.append(table)
            if b.note:
                out.append(self.para(self.user(b.note), s.small))
        else:
            out.append(self.para(self.fmt("no_figures")))
        if h.assessments:
            out.append(self.para(self.fmt("tests", bold=True), s.subheading))
            for a in h.assessments:
                score = self.words["score_label"].format(score=a.score) if a.score else ""
                results = ", ".join(part for part in (score, a.level) if part)
                line = self.fmt("test_line", name=a.name, date=short_date(a.taken_on, self.lang))
                if results:
                    line += self.fonts.markup(": ") + self.user(results)
                out.append(self.para(line, s.bullet))
        return out

    def goals(self) -> list[Flowable]:
        h, s = self.h, self.styles
        if not h.goals:
            return [*self.section("goals", lines=6), self.para(self.fmt("no_goals"))]
        rows = []
        for line in h.goals:
            goal = line.goal
            area = AREAS[self.lang].get(goal.area, goal.area)
            facts = [self.words["goal_area"].format(area=area)]
            if goal.target_date:
                facts.append(self.words["target"].format(date=self.date(goal.target_date)))
            left: list[Flowable] = [
                self.para(self.user(" · ".join(facts)), s.small),
                self.para(self.user(goal.statement, bold=True), s.bold),
            ]
            if goal.measure:
                left.append(self.para(self.user(goal.measure), s.small))
            if line.latest_note is not None:
                note = line.latest_note
                left.append(
                    self.para(
                        self.fmt("latest_note", date=short_date(note.noted_on, self.lang))
                        + self.fonts.markup(": ")
                        + self.user(shortened(" ".join(note.text.split()), MAX_NOTE_CHARS)),
                        s.small,
                    )
                )
            if line.overdue:
                left.append(self.para(self.fmt("goal_overdue"), s.coloured(s.small, LATE)))
            status = GOAL_STATUS[self.lang].get(goal.status, goal.status)
            steps = self.words["no_steps"]
            if line.steps_total:
                steps = self.words["steps_done"].format(
                    done=line.steps_done, total=line.steps_total
                )
            colour = STATUS_COLOURS.get(goal.status, MUTED)
            right: list[Flowable] = [
                self.para(self.user(status, bold=True), s.coloured(s.bold, colour)),
                _ProgressBar(line.progress, colour, s.sizes.body * 0.55),
                self.para(self.user(steps), s.small),
            ]
            rows.append([left, right])
        style = _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 10),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ]
        )
        widths = [self.width * 0.72, self.width * 0.28]
        # One row a goal: a row never splits, and the goals after the first may go on to the
        # next page one by one, so that a long list does not leave half a page empty.
        first = Table(rows[:1], colWidths=widths, style=style)
        out = self.section("goals", lines=6, first_row=first)
        out.append(Table(rows, colWidths=widths, style=style))
        if h.more_goals:
            key = "more_goals" if h.more_goals > 1 else "more_goal"
            out.append(self.para(self.fmt(key, n=str(h.more_goals)), s.small))
        return out

    def next_steps(self) -> list[Flowable]:
        h, s = self.h, self.styles
        if not h.steps:
            return [*self.section("next_steps", lines=4), self.para(self.fmt("no_next_steps"))]
        rows: list[list[Any]] = []
        starts = []
        kept: list[int] = []  # "and 2 more" rows, to stay on the page of the step above
        for group in h.steps:
            assert group.group in GROUPS
            starts.append(len(rows))
            title = self.para(self.fmt(f"group_{group.group}", bold=True, name=self.first), s.bold)
            for index, line in enumerate(group.steps):
                step = line.step
                what = self.user(step.what)
                if step.who_name:
                    what += self.fonts.markup(" (") + self.user(step.who_name)
                    what += self.fonts.markup(")")
                due = ""
                if step.due_on:
                    due = self.fmt("due", date=short_date(step.due_on, self.lang))
                    if line.overdue:
                        late = self.fonts.markup(f" · {self.words['late']}")
                        due += f'<font color="{LATE_HEX}">{late}</font>'
                rows.append(
                    [
                        title if index == 0 else "",
                        _Box(s.sizes.body * 0.75),
                        self.para(what),
                        self.para(due, s.right(s.small)),
                    ]
                )
            if group.more:
                more = self.para(self.fmt("more_steps", n=str(group.more)), s.small)
                kept.append(len(rows))
                rows.append(["", "", more, ""])
        box = s.sizes.body * 1.5
        label = self.width * (0.2 if s.sizes is LARGE else 0.17)
        due_width = self.width * (0.3 if s.sizes is LARGE else 0.22)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for start in starts:
            commands.append(("LINEABOVE", (0, start), (-1, start), 0.5, RULE))
            commands.append(("TOPPADDING", (0, start), (-1, start), 5))
        commands += [("NOSPLIT", (0, row - 1), (-1, row)) for row in kept]
        widths = [label, box, self.width - label - box - due_width, due_width]
        table = Table(rows, colWidths=widths)
        table.setStyle(_table_style(commands))
        on_first = [c for c in commands if c[1][1] == 0 and c[2][1] in (0, -1)]
        first = Table(rows[:1], colWidths=widths, style=_table_style(on_first))
        return [*self.section("next_steps", lines=4, first_row=first), table]

    def bullet(self, markup: str) -> Paragraph:
        return self.styles.paragraph(markup, self.styles.bullet, bullet="•")

    def supports(self) -> list[Flowable]:
        h = self.h
        supports = [self.bullet(self.user(x.get(self.lang))) for x in h.supports]
        after: list[Flowable] = []
        if h.pathway:
            pathway = PATHWAYS[self.lang].get(h.pathway, h.pathway)
            after.append(self.para(self.fmt("pathway", pathway=pathway)))
        if h.aspiration:
            after.append(self.para(self.fmt("in_own_words", name=self.first, text=h.aspiration)))
        if supports and after and self.styles.sizes is not LARGE:
            # Side by side: both are short, and the handout has two pages to fit in.
            cells = [[self.heading("supports"), *supports], [self.heading("after"), *after]]
            table = Table([cells], colWidths=[self.width * 0.45, self.width * 0.55])
            table.setStyle(_plain_table(left_gap=14))
            return [table]
        out: list[Flowable] = []
        if supports:
            out += [*self.section("supports", lines=2), *supports]
        if after:
            out += [*self.section("after", lines=2), *after]
        return out

    def changes(self) -> list[Flowable]:
        h, s = self.h, self.styles
        last = h.last_review
        if last is None:
            return []
        held = self.date(last.held_on)
        out: list[Flowable] = self.section("changes", lines=3, date=held)
        if not last.lines:
            return [*out, self.para(self.fmt("no_changes", date=held))]
        for line in last.lines:
            template = CHANGES[self.lang][line.key]
            values = {
                "status": STATUS_IN_SENTENCE[self.lang].get(line.value, line.value),
                "pathway": PATHWAYS[self.lang].get(line.value, line.value),
                "date": self.date(max(line.subjects)) if line.subjects else "",
            }
            head, listed, _ = template.partition("{subjects}")  # the list always comes last
            fields = {f for _l, f, _s, _c in string.Formatter().parse(head) if f}
            text = self.fill(head, **{k: values[k] for k in fields})
            if listed:
                text += self.fonts.markup("; ").join(self.user(x) for x in line.subjects)
                if line.more:
                    text += self.fonts.markup(" ") + self.fmt("more_steps", n=str(line.more))
            out.append(self.bullet(text))
        if last.more:
            key = "more_changes" if last.more > 1 else "more_change"
            out.append(self.para(self.fmt(key, n=str(last.more)), s.small))
        return out

    def signatures(self) -> list[Flowable]:
        s = self.styles
        keys = ("sign_student", "sign_family", "sign_counselor")
        labels = [self.para(self.fmt(key, bold=True), s.bold) for key in keys]
        under = [self.para(self.fmt("signature"), s.small) for _key in keys]
        gap = s.sizes.body
        column = (self.width - 2 * gap) / 3
        table = Table(
            [
                ["", "", "", "", ""],
                [labels[0], "", labels[1], "", labels[2]],
                [under[0], "", under[1], "", under[2]],
            ],
            colWidths=[column, gap, column, gap, column],
            rowHeights=[s.sizes.body * 2.6, None, None],
        )
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 1), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    *(("LINEBELOW", (c, 0), (c, 0), 0.8, INK) for c in (0, 2, 4)),
                ]
            )
        )
        return [*self.section("signatures", lines=5), table]


class _RoomFor(CondPageBreak):
    """A CondPageBreak asking for room for a heading and the first row of the table after it.

    The row is measured where it is about to be drawn; its paragraphs keep their line breaks
    (``_Para``), so the table that follows does not break them again.
    """

    def __init__(self, lines: float, heading: float, first_row: Table) -> None:
        super().__init__(lines)
        self._lines = lines
        self._heading = heading
        self._first_row = first_row

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        row = self._first_row.wrap(availWidth, availHeight)[1]
        self.height = max(self._lines, self._heading + row)
        return super().wrap(availWidth, availHeight)


class _ProgressBar(Flowable):
    def __init__(self, fraction: float | None, colour: colors.Color, height: float) -> None:
        super().__init__()
        self.fraction = fraction
        self.colour = colour
        self.height = height
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height + 4

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(SOFT)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.roundRect(0, 2, self.width, self.height, self.height / 2, stroke=1, fill=1)
        if self.fraction:
            c.setFillColor(self.colour)
            width = max(self.height, self.width * min(self.fraction, 1.0))
            c.roundRect(0, 2, width, self.height, self.height / 2, stroke=0, fill=1)


class _Box(Flowable):
    """An empty box to tick when the step is done."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size + 2

    def draw(self) -> None:
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    # A table draws its plain-string cells (even empty ones) in its own font, Helvetica unless
    # told: name the body font so that Helvetica never enters the PDF.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY), *commands])


def _plain_table(*, top: float = 0, bottom: float = 0, left_gap: float = 0) -> TableStyle:
    return _table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (-1, -1), left_gap),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
    )


def _logo(data: bytes | None, sizes: Sizes) -> Image | None:
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception as error:  # a damaged logo must not stop the handout
        log.info("handout: logo not drawn: %s", error)
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(sizes.body * 5 / height, 1.6 * inch / width)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


# --- Building ---------------------------------------------------------------------------------


def _pagesize(handout: Handout, paper: str | None) -> tuple[float, float]:
    return PAGE_SIZES.get(paper or handout.school.paper, LETTER)


def language_for(handout: Handout, lang: str | None) -> str:
    """``lang`` when given, else the family's language from the roster."""
    if lang is None:
        return family_language(handout.student)
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


class _StudentBreak(PageBreak):
    """The page break before each student's handout but the first."""


class _FedDocTemplate(BaseDocTemplate):
    """A document whose story is handed over a student at a time by ``feed``.

    A student's handout that is about to run past ``pages`` pages is laid out again from a
    fresh page by the story ``again()`` gives (shorter lists), its pages so far dropped: they
    are still held back for their page numbers (NumberedCanvas), so none has been written.
    """

    def __init__(
        self,
        *args: Any,
        feed: Callable[[], list[Flowable]],
        pages: int,
        again: Callable[[], list[Flowable] | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._feed = feed
        self._pages = pages
        self._again = again
        self._story: list[Flowable] = []
        self.student_from = 1  # the page the student being laid out starts on

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self._story = flowables
        super().build(flowables, *args, **kwargs)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables is self._story:  # not ReportLab's own lists
            if len(flowables) == 1:
                # The next student's story goes in before the last flowable of this one is
                # laid out, so whatever looks ahead sees what it would see in the whole story.
                flowables += self._feed()
            starts_next = isinstance(flowables[0], (_StudentBreak, _Page))
            if not starts_next and self.page - self.student_from >= self._pages:
                self._start_again(flowables)
        super().handle_flowable(flowables)

    def _start_again(self, flowables: list[Flowable]) -> None:
        story = self._again()
        if story is None:
            return  # nothing left to shorten: the handout runs long
        self.canv.ilp.pages.clear()  # type: ignore[attr-defined]
        end = next(
            (i for i, f in enumerate(flowables) if isinstance(f, _StudentBreak)), len(flowables)
        )
        flowables[:end] = story


def render_handouts(
    handouts: Iterable[Handout],
    stream: BinaryIO,
    *,
    lang: str | None = None,
    large_print: bool = False,
    paper: str | None = None,
    fonts: FontSet | None = None,
    on_student: Callable[[int], None] | None = None,
    title: str | None = None,
) -> list[int]:
    """Write the handouts into one PDF on ``stream``; returns each one's page count.

    ``lang`` None gives each student the family's language. ``on_student(i)`` is called as the
    i-th handout (from 0) is laid out; raising there (HandoutCancelledError) stops the build.
    ``handouts`` is taken one at a time, each just before the one before it is finished, so
    an iterator can read students as it goes (worker processes take them that way).
    ``title`` defaults to the student's name, or "… · N students" for a sequence of several.
    """
    fonts = fonts or load_fonts()
    sizes = LARGE if large_print else REGULAR
    styles = _styles_for(fonts, sizes)
    items = iter(handouts)
    first = next(items, None)
    if first is None:
        raise ValueError("There are no students to make handouts for.")
    pagesize = _pagesize(first, paper)
    frame_width = pagesize[0] - 2 * MARGIN_X
    count = 0
    current: list[tuple[int, Handout]] = []  # the student being laid out

    def story_of(handout: Handout, again_for: int | None = None) -> list[Flowable]:
        nonlocal count
        if again_for is None:
            index, count = count, count + 1
        else:
            index = again_for
        language = language_for(handout, lang)
        words = WORDS[language]
        footer = words["footer"].format(
            name=handout.student.display_name,
            kind=words["kind"],
            date=long_date(handout.today, language),
        )

        def started() -> None:
            current[:] = [(index, handout)]
            doc.student_from = doc.page
            if on_student is not None and again_for is None:
                on_student(index)

        story: list[Flowable] = [_StudentBreak()] if index and again_for is None else []
        story.append(_Page(footer, words, started))
        return story + _Writer(fonts, styles, handout, language, frame_width).story()

    def feed() -> list[Flowable]:
        handout = next(items, None)
        return [] if handout is None else story_of(handout)

    def again() -> list[Flowable] | None:
        index, handout = current[0]
        shorter = with_shorter_lists(handout)
        return None if shorter is None else story_of(shorter, again_for=index)

    language = language_for(first, lang)
    if title is None:
        title = (
            _title(handouts, language)
            if isinstance(handouts, Sequence)
            else _title([first], language)
        )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        frame_width,
        pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = _FedDocTemplate(
        stream,
        feed=feed,
        pages=PAGES[sizes],
        again=again,
        pagesize=pagesize,
        title=title,
        author=first.school.name or "ILP Desktop",
        creator="ILP Desktop",
        lang=language,
        initialFontName=fonts.body,  # else the canvas names Helvetica in every page's preamble
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
    )
    canvasmaker = _numbered_canvas(fonts, sizes)
    counts: list[int] = []

    class Counting(canvasmaker):  # type: ignore[misc, valid-type]
        def save(self) -> None:
            super().save()
            counts.extend(self.ilp.counts)

    doc.build(story_of(first), canvasmaker=Counting)
    return counts


def _title(items: Sequence[Handout], lang: str) -> str:
    if len(items) > 1:
        return batch_title(len(items), lang)
    return f"{WORDS[lang]['kind']} · {items[0].student.display_name}"


def batch_title(count: int, lang: str) -> str:
    """The document title of a conference day's handouts: "… · 500 students"."""
    words = WORDS.get(lang, WORDS["en"])
    return f"{words['kind']} · {words['batch'].format(n=count)}"


def build_handout(
    handout: Handout,
    out: Path | str | BinaryIO,
    *,
    lang: str | None = None,
    large_print: bool = False,
    paper: str | None = None,
    fonts: FontSet | None = None,
) -> int:
    """Write one student's handout; returns its page count.

    ``out`` is a path (written atomically: a failure leaves no file and an existing one as it
    was) or a binary stream. ``lang`` None uses the family's language from the roster.
    """
    language_for(handout, lang)  # refuse a bad language before touching the file

    def write(stream: BinaryIO) -> int:
        return render_handouts(
            [handout], stream, lang=lang, large_print=large_print, paper=paper, fonts=fonts
        )[0]

    if isinstance(out, (str, os.PathLike)):
        return write_atomically(Path(out), write)
    buffer = io.BytesIO()
    pages = write(buffer)
    out.write(buffer.getvalue())
    return pages
