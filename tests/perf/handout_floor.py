"""The floor for the handout benchmark: the same pages drawn with bare ReportLab.

Same page size, fonts (DejaVu Sans, embedded), sections, tables, bars and text as the real
handout, taken from the same Handout objects, but none of the app's care: no font runs per
script, no Spanish, no per-student page numbers (a plain page number), no escaping beyond what
a Paragraph needs, no progress or cancel. What the app costs above this is its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ilp_desktop.domain.handout import Handout

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def register() -> None:
    pdfmetrics.registerFont(TTFont("Floor", DEJAVU))
    pdfmetrics.registerFont(TTFont("Floor-Bold", DEJAVU_BOLD))
    pdfmetrics.registerFontFamily("Floor", normal="Floor", bold="Floor-Bold")


BODY = ParagraphStyle("b", fontName="Floor", fontSize=10, leading=13)
SMALL = ParagraphStyle("s", parent=BODY, fontSize=8.5, leading=11)
BOLD = ParagraphStyle("bo", parent=BODY, fontName="Floor-Bold")
HEAD = ParagraphStyle("h", parent=BOLD, fontSize=12.5, leading=16, spaceBefore=7, spaceAfter=3)
NAME = ParagraphStyle("n", parent=BOLD, fontSize=19, leading=23)
BULLET = ParagraphStyle("u", parent=BODY, leftIndent=11)
PLAIN = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), "Floor"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
    ]
)


class Bars(Flowable):
    def __init__(self, rows: Sequence[tuple[str, int]]) -> None:
        super().__init__()
        self.rows = rows

    def wrap(self, w: float, h: float) -> tuple[float, float]:
        self.w = w
        return w, 15 * len(self.rows)

    def draw(self) -> None:
        c = self.canv
        for i, (label, score) in enumerate(self.rows):
            y = 15 * (len(self.rows) - i - 1)
            c.setFont("Floor", 8.5)
            c.drawString(0, y + 3, label)
            c.rect(70, y + 2, (self.w - 100) * score / 100, 8, stroke=0, fill=1)
            c.drawString(self.w - 25, y + 3, str(score))


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def story(h: Handout) -> list[Flowable]:
    s = h.student
    width = LETTER[0] - 1.4 * inch
    out: list[Flowable] = [
        Table([[_p(h.school.name, BOLD), _p("Individual Learning Plan", BOLD)]], style=PLAIN),
        _p(s.display_name, NAME),
        _p(f"Grade {s.grade}", BOLD),
        Table(
            [
                [_p("School counselor", SMALL), _p(s.counselor)],
                [_p("Next plan review", SMALL), _p(str(h.next_review and h.next_review.due_on))],
            ],
            style=PLAIN,
        ),
        _p("Interests", HEAD),
    ]
    if h.interests is not None and h.interests.result.code:
        result = h.interests.result
        rows = [(h.interests.name(t, "en"), result.scores.get(t) or 0) for t in result.ranked]
        words = [_p(f"From the interest survey {s.first_name} took on {h.interests.taken_on}: "
                    "how much they like six kinds of work activities. The longer the bar, the "
                    "stronger the interest.", SMALL)]  # fmt: skip
        words += [_p(h.interests.types[t].short.en, BULLET) for t in h.interests.top]
        words.append(_p(f"Career guides write this as the code {result.code}.", SMALL))
        out.append(Table([[Bars(rows), words]], colWidths=[width * 0.44, width * 0.56]))
    out.append(_p("Careers", HEAD))
    out += [_p(f"{c.title} — {c.why}", BULLET) for c in h.careers]
    out.append(_p("Where things stand", HEAD))
    if h.baseline is not None:
        out.append(Table([[_p(f"GPA {h.baseline.gpa}"), _p(f"{h.baseline.attendance}%")]]))
    out += [_p(f"{a.name}: {a.score} {a.level}", BULLET) for a in h.assessments]
    out.append(_p("Goals", HEAD))
    for line in h.goals:
        left = [
            _p(f"{line.goal.area} goal · by {line.goal.target_date}", SMALL),
            _p(line.goal.statement, BOLD),
            _p(line.goal.measure, SMALL),
        ]
        if line.latest_note is not None:
            left.append(_p(line.latest_note.text, SMALL))
        right = [
            _p(line.goal.status, BOLD),
            Bars([("", int(100 * (line.progress or 0)))]),
            _p(f"Steps done: {line.steps_done} of {line.steps_total}", SMALL),
        ]
        out.append(Table([[left, right]], colWidths=[width * 0.72, width * 0.28], style=PLAIN))
    out.append(_p("Next steps", HEAD))
    rows = [
        [_p(group.group, BOLD), _p(line.step.what), _p(line.step.due_on, SMALL)]
        for group in h.steps
        for line in group.steps
    ]
    if rows:
        out.append(Table(rows, colWidths=[width * 0.17, width * 0.61, width * 0.22], style=PLAIN))
    out.append(_p("Supports", HEAD))
    out += [_p(x.en, BULLET) for x in h.supports]
    if h.last_review is not None:
        out.append(_p("What changed", HEAD))
        out += [_p("; ".join(line.subjects) or line.key, BULLET) for line in h.last_review.lines]
    out.append(_p("We reviewed this plan together", HEAD))
    out.append(Table([["", "", ""], ["Student", "Parent or guardian", "Counselor"]], style=PLAIN))
    out.append(Spacer(0, 1))
    return out


def _footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.setFont("Floor", 8)
    canvas.drawString(0.7 * inch, 0.4 * inch, f"Page {doc.page}")


def render_floor(handouts: Sequence[Handout], stream: BinaryIO) -> None:
    flowables: list[Flowable] = []
    for index, handout in enumerate(handouts):
        if index:
            flowables.append(PageBreak())
        flowables += story(handout)
    doc = SimpleDocTemplate(
        stream,
        pagesize=LETTER,
        leftMargin=0.7 * inch,
        rightMargin=0.7 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.75 * inch,
        initialFontName="Floor",
    )
    doc.build(flowables, onFirstPage=_footer, onLaterPages=_footer)
