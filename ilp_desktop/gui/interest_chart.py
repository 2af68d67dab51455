"""A bar chart of the six interest scores, painted with QPainter (QtCharts is not in Essentials).

One row per type in the fixed RIASEC order, so a student's chart always reads the same way and
two attempts can be compared by eye. The types in the code are drawn dark, the rest light: the
difference survives a greyscale printer. Tied scores are the same length by construction (the
bar length is a function of the score alone) and are labelled "tie". A type without answers is
hatched and says so, never drawn as a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..domain.interests import (
    LANGUAGES,
    MIN_ANSWERED_PER_TYPE_PARTS,
    TYPE_NAMES,
    TYPES,
    Inventory,
    InventoryResult,
)

GRIDLINES = (0, 25, 50, 75, 100)
MINIMUM_SIZE = QSize(320, 220)

_WORDS = {
    "en": {
        "missing": "not enough answers",
        "previous": "previous attempt",
        "tie": "tie",
        "answered": "{answered} of {total} statements answered",
        "previous_score": "previous attempt: {score}",
        "in_code": "in the code",
        "chart": "Interest scores",
    },
    "es": {
        "missing": "faltan respuestas",
        "previous": "intento anterior",
        "tie": "empate",
        "answered": "{answered} de {total} frases contestadas",
        "previous_score": "intento anterior: {score}",
        "in_code": "en el código",
        "chart": "Puntajes de intereses",
    },
}

# Bar colours. Light and dark themes each get a pair whose lightness differs a lot, so the
# types in the code stand out in colour, in greyscale and on a monochrome printer alike.
_STRONG = {False: QColor("#1f4e8c"), True: QColor("#8cb8f2")}
_WEAK = {False: QColor("#8fa8c8"), True: QColor("#4f6685")}
_WEAK_EDGE = {False: QColor("#5b7aa3"), True: QColor("#7d95b5")}


def type_labels(inventory: Inventory, lang: str = "en") -> dict[str, str]:
    """ "Realistic · Doers": each type's name and the nickname that opens its short line."""
    labels = {}
    for letter, info in inventory.types.items():
        nickname = info.short.get(lang).split(":", 1)[0].strip()
        labels[letter] = f"{info.name.get(lang)} · {nickname}"
    return labels


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    """``share_of_a`` of ``a`` and the rest of ``b``: muted text and gridlines from the palette."""
    t = share_of_a
    return QColor.fromRgbF(
        a.redF() * t + b.redF() * (1 - t),
        a.greenF() * t + b.greenF() * (1 - t),
        a.blueF() * t + b.blueF() * (1 - t),
    )


@dataclass(frozen=True)
class _Row:
    letter: str
    label: str
    label_rect: QRectF
    badge: QRectF
    track: QRectF
    bar: QRectF | None  # None: no score to draw
    score_rect: QRectF
    band: QRectF  # the whole row, for tooltips


@dataclass(frozen=True)
class _Geometry:
    font: QFont
    bold: QFont
    small: QFont
    rows: tuple[_Row, ...]
    plot: QRectF
    bar_left: float
    bar_right: float
    axis_top: float
    legend: QRectF | None
    stacked: bool  # names above their bars rather than beside them


class InterestChart(QWidget):
    """Horizontal bars for the six scores of one result, with the previous attempt's as marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: InventoryResult | None = None
        self._previous: InventoryResult | None = None
        self._previous_label: str | None = None
        self._lang = "en"
        self._labels: dict[str, str] = dict(TYPE_NAMES["en"])
        self.setMinimumSize(MINIMUM_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_WORDS["en"]["chart"])

    # Data -------------------------------------------------------------------------------------
    def set_result(
        self,
        result: InventoryResult | None,
        previous: InventoryResult | None = None,
        *,
        previous_label: str | None = None,
    ) -> None:
        """Show ``result`` (None: empty tracks), with ``previous``'s scores as faint marks.

        ``previous_label`` (a date, say) is added to the legend: "previous attempt, Mar 4, 2025".
        """
        self._result = result
        self._previous = previous
        self._previous_label = previous_label
        self.setAccessibleDescription(self.summary())
        self.update()

    def result(self) -> InventoryResult | None:
        return self._result

    def set_type_labels(self, labels: Mapping[str, str]) -> None:
        """Row labels by letter, e.g. from :func:`type_labels`; missing letters keep theirs."""
        self._labels.update({k: v for k, v in labels.items() if k in TYPES})
        self.updateGeometry()
        self.update()

    def set_language(self, lang: str) -> None:
        """The chart's own words ("not enough answers", "tie") in "en" or "es".

        Row labels change only through :meth:`set_type_labels`.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"Language “{lang}” is not available; use en or es.")
        self._lang = lang
        self.setAccessibleName(_WORDS[lang]["chart"])
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """The scores in words, for screen readers: "Realistic 40, Investigative 85, ..."."""
        if self._result is None:
            return ""
        parts = []
        for letter in TYPES:
            value = self._result.scores.get(letter)
            shown = _WORDS[self._lang]["missing"] if value is None else str(value)
            parts.append(f"{self._labels[letter]} {shown}")
        return ", ".join(parts)

    def highlighted(self) -> frozenset[str]:
        """The types drawn dark: every type in the code, all tied types included."""
        shown = self._result.code_display if self._result else None
        return frozenset(c for c in shown or "" if c in TYPES)

    def bar_rects(self) -> dict[str, QRectF | None]:
        """Each type's bar at the current size (None without a score); for tests and tooltips."""
        return {row.letter: row.bar for row in self._geometry().rows}

    # Size -------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        label = max(metrics.horizontalAdvance(text) for text in self._labels.values())
        width = max(520, int(label + metrics.height() * 2 + 320))
        height = max(MINIMUM_SIZE.height(), int(metrics.height() * 2.3 * len(TYPES) + 48))
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return MINIMUM_SIZE

    # Layout -----------------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        # Grows with the widget, never below the widget font: readable on a small pane, and
        # large enough to read across the desk when the window is maximised for a student.
        scale = min(self.width() / 560, self.height() / 330)
        scale = max(1.0, min(scale, 1.45))
        font = _scaled(self.font(), scale)
        bold = QFont(font)
        bold.setBold(True)
        small = _scaled(font, 0.88)
        return font, bold, small

    def _score_text(self, letter: str) -> str:
        value = self._result.scores.get(letter) if self._result else None
        return "—" if value is None else str(value)

    def _tied(self) -> frozenset[str]:
        if self._result is None:
            return frozenset()
        return frozenset(letter for group in self._result.ties for letter in group)

    def _geometry(self) -> _Geometry:
        font, bold, small = self._fonts()
        fm, bfm, sfm = QFontMetricsF(font), QFontMetricsF(bold), QFontMetricsF(small)
        width, height = float(self.width()), float(self.height())
        pad = max(6.0, round(fm.height() * 0.45))
        gap = round(fm.height() * 0.35)

        top = pad
        legend = None
        if self._has_previous_marks():
            text = self._legend_text()
            legend_width = sfm.horizontalAdvance(text) + sfm.height() * 1.2
            legend = QRectF(width - pad - legend_width, top, legend_width, sfm.height())
            top += sfm.height() + gap
        axis_height = sfm.height() + gap * 0.5
        plot = QRectF(pad, top, width - 2 * pad, height - top - axis_height - pad)
        row_height = plot.height() / len(TYPES)

        tie_word = " " + _WORDS[self._lang]["tie"]
        number_width = max(bfm.horizontalAdvance("100"), bfm.horizontalAdvance("—"))
        score_width = number_width + gap * 2
        if self._tied():
            score_width += sfm.horizontalAdvance(tie_word)

        badge_size = min(fm.height() * 1.25, row_height * 0.78)
        labels, whole = self._fitting_labels(bfm, plot.width() * 0.46 - badge_size - gap * 2)
        label_width = max(bfm.horizontalAdvance(t) for t in labels.values())
        label_column = badge_size + gap + label_width + gap * 2
        # Names that do not fit beside their bars go above them, if the rows are tall enough.
        stacked = not whole and row_height >= fm.height() * 2.4
        if stacked:
            # Narrow and tall: the name above its bar, the bar as wide as the chart.
            labels = {k: self._labels[k] for k in TYPES}
            bar_left = plot.left() + badge_size + gap
        else:
            bar_left = plot.left() + label_column
        bar_right = plot.right() - score_width

        rows = []
        for index, letter in enumerate(TYPES):
            band = QRectF(plot.left(), plot.top() + index * row_height, plot.width(), row_height)
            if stacked:
                line = fm.height() * 1.05
                thickness = max(6.0, min(row_height - line - gap, fm.height() * 1.2))
                label_rect = QRectF(bar_left, band.top(), plot.right() - bar_left, line)
                track_top = band.top() + line + (row_height - line - thickness) / 2
                badge_center = QPointF(plot.left() + badge_size / 2, band.top() + line / 2)
            else:
                thickness = max(6.0, min(row_height * 0.6, fm.height() * 1.45))
                label_rect = QRectF(
                    plot.left() + badge_size + gap,
                    band.top(),
                    label_column - badge_size - gap * 2,
                    row_height,
                )
                track_top = band.center().y() - thickness / 2
                badge_center = QPointF(plot.left() + badge_size / 2, band.center().y())
            badge = QRectF(
                badge_center.x() - badge_size / 2,
                badge_center.y() - badge_size / 2,
                badge_size,
                badge_size,
            )
            track = QRectF(bar_left, track_top, bar_right - bar_left, thickness)
            value = self._result.scores.get(letter) if self._result else None
            bar = None
            if value is not None:
                bar = QRectF(track.left(), track.top(), track.width() * value / 100, thickness)
            # Scores sit in their own column past the 100 line, numbers right-aligned, so they
            # never collide with a previous-attempt mark and read down like a table.
            score_rect = QRectF(bar_right + gap, band.top(), number_width, row_height)
            score_rect.moveCenter(QPointF(score_rect.center().x(), track.center().y()))
            rows.append(
                _Row(letter, labels[letter], label_rect, badge, track, bar, score_rect, band)
            )
        return _Geometry(
            font=font,
            bold=bold,
            small=small,
            rows=tuple(rows),
            plot=plot,
            bar_left=bar_left,
            bar_right=bar_right,
            axis_top=plot.bottom() + gap * 0.5,
            legend=legend,
            stacked=stacked,
        )

    def _fitting_labels(self, metrics: QFontMetricsF, room: float) -> tuple[dict[str, str], bool]:
        """Full labels if they all fit in ``room``, else names alone, else elided names.

        The flag says whether every name is there in full.
        """
        full = {k: self._labels[k] for k in TYPES}
        if max(metrics.horizontalAdvance(t) for t in full.values()) <= room:
            return full, True
        names = {k: t.split(" · ", 1)[0] for k, t in full.items()}
        if max(metrics.horizontalAdvance(t) for t in names.values()) <= room:
            return names, True
        elide = Qt.TextElideMode.ElideRight
        elided = {k: metrics.elidedText(t, elide, max(room, 20.0)) for k, t in names.items()}
        return elided, False

    def _legend_text(self) -> str:
        text = _WORDS[self._lang]["previous"]
        return f"{text}, {self._previous_label}" if self._previous_label else text

    def _has_previous_marks(self) -> bool:
        previous = self._previous
        return previous is not None and any(v is not None for v in previous.scores.values())

    # Painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        geometry = self._geometry()
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightness() < 128
        muted = _mix(text, window, 0.62)
        grid = _mix(text, window, 0.22)
        track = _mix(text, window, 0.07)
        strong, weak, weak_edge = _STRONG[dark], _WEAK[dark], _WEAK_EDGE[dark]
        # On the strong bar's colour, a letter needs the opposite lightness to be read.
        on_strong = QColor("#ffffff") if not dark else QColor("#0b1a2e")

        highlighted = self.highlighted()
        tied = self._tied()
        low_evidence = self._low_evidence()
        flat = self._result is not None and self._result.flat
        words = _WORDS[self._lang]

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint_grid(painter, geometry, grid, muted)
            for row in geometry.rows:
                strong_row = row.letter in highlighted
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(track)
                painter.drawRoundedRect(row.track, 3, 3)
                if row.bar is None:
                    if self._result is not None:
                        painter.setBrush(QBrush(grid, Qt.BrushStyle.BDiagPattern))
                        painter.drawRoundedRect(row.track, 3, 3)
                        painter.setFont(_italic(geometry.small))
                        painter.setPen(muted)
                        painter.drawText(
                            row.track.adjusted(6, -4, -6, 4),
                            Qt.AlignmentFlag.AlignCenter,
                            words["missing"],
                        )
                else:
                    bar = QRectF(row.bar)
                    if bar.width() < 3:
                        bar.setWidth(3)  # a measured zero still shows a sliver
                    # A flat profile has no clear favourites: no bar is drawn as one.
                    strong_bar = strong_row and not flat
                    fill = strong if strong_bar else weak
                    painter.setPen(QPen(strong if strong_bar else weak_edge, 1))
                    painter.setBrush(fill)
                    painter.drawRoundedRect(bar.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
                    if row.letter in low_evidence:
                        painter.setBrush(QBrush(track, Qt.BrushStyle.BDiagPattern))
                        painter.setPen(Qt.PenStyle.NoPen)
                        painter.drawRoundedRect(bar, 3, 3)
                self._paint_badge(painter, geometry, row, strong_row, strong, on_strong, text)
                painter.setPen(text)
                painter.setFont(geometry.bold if strong_row else geometry.font)
                painter.drawText(
                    row.label_rect,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    row.label,
                )
                self._paint_score(painter, geometry, row, strong_row, row.letter in tied, muted)
            self._paint_previous(painter, geometry, window, text)
        finally:
            painter.end()

    def _paint_grid(self, painter: QPainter, g: _Geometry, grid: QColor, muted: QColor) -> None:
        painter.setFont(g.small)
        metrics = QFontMetricsF(g.small)
        for value in GRIDLINES:
            x = g.bar_left + (g.bar_right - g.bar_left) * value / 100
            painter.setPen(QPen(grid, 1, Qt.PenStyle.SolidLine))
            if g.stacked:  # not through the names above the bars
                for row in g.rows:
                    top, bottom = row.track.top() - 3, row.track.bottom() + 3
                    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            else:
                painter.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()))
            label = str(value)
            half = metrics.horizontalAdvance(label) / 2
            painter.setPen(muted)
            painter.drawText(
                QRectF(x - half - 2, g.axis_top, 2 * half + 4, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )

    def _paint_badge(
        self,
        painter: QPainter,
        g: _Geometry,
        row: _Row,
        strong_row: bool,
        strong: QColor,
        on_strong: QColor,
        text: QColor,
    ) -> None:
        painter.setBrush(strong if strong_row else Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(strong if strong_row else text, 1.2))
        painter.drawEllipse(row.badge.adjusted(0.6, 0.6, -0.6, -0.6))
        letter_font = QFont(g.bold)
        letter_font.setPixelSize(max(8, round(row.badge.height() * 0.56)))
        painter.setFont(letter_font)
        painter.setPen(on_strong if strong_row else text)
        painter.drawText(row.badge, Qt.AlignmentFlag.AlignCenter, row.letter)

    def _paint_score(
        self,
        painter: QPainter,
        g: _Geometry,
        row: _Row,
        strong_row: bool,
        tied: bool,
        muted: QColor,
    ) -> None:
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.setFont(g.bold if strong_row else g.font)
        score = self._score_text(row.letter)
        if row.bar is None:
            painter.setPen(muted)
        painter.drawText(
            row.score_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, score
        )
        if tied and row.bar is not None:
            painter.setFont(g.small)
            painter.setPen(muted)
            tie_rect = QRectF(row.score_rect)
            tie_rect.moveLeft(row.score_rect.right())
            tie_rect.setWidth(self.width() - tie_rect.left())
            painter.drawText(
                tie_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                " " + _WORDS[self._lang]["tie"],
            )

    def _paint_previous(
        self, painter: QPainter, g: _Geometry, window: QColor, text: QColor
    ) -> None:
        if not self._has_previous_marks() or self._previous is None:
            return
        mark = QColor(text)
        mark.setAlpha(190)
        halo = QColor(window)
        halo.setAlpha(230)
        for row in g.rows:
            value = self._previous.scores.get(row.letter)
            if value is None:
                continue
            x = row.track.left() + row.track.width() * value / 100
            top, bottom = row.track.top() - 3, row.track.bottom() + 3
            painter.setPen(QPen(halo, 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(QPen(mark, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if g.legend is not None:
            metrics = QFontMetricsF(g.small)
            x = g.legend.left() + metrics.height() * 0.4
            painter.setPen(QPen(mark, 2))
            painter.drawLine(QPointF(x, g.legend.top() + 1), QPointF(x, g.legend.bottom() - 1))
            painter.setFont(g.small)
            painter.setPen(_mix(text, window, 0.75))
            painter.drawText(
                g.legend.adjusted(metrics.height(), 0, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._legend_text(),
            )

    def _low_evidence(self) -> frozenset[str]:
        """Types scored on fewer answers than a code needs (only possible without a code)."""
        result = self._result
        if result is None or result.complete:
            return frozenset()
        part, whole = MIN_ANSWERED_PER_TYPE_PARTS
        return frozenset(
            letter
            for letter in TYPES
            if result.scores.get(letter) is not None
            and result.answered.get(letter, 0) < -(-result.items.get(letter, 0) * part // whole)
        )

    # Tooltips ---------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self._tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPointF) -> str:
        if self._result is None:
            return ""
        words = _WORDS[self._lang]
        for row in self._geometry().rows:
            if not row.band.contains(pos):
                continue
            letter = row.letter
            value = self._result.scores.get(letter)
            lines = [f"{self._labels[letter]}: {words['missing'] if value is None else value}"]
            lines.append(
                words["answered"].format(
                    answered=self._result.answered.get(letter, 0),
                    total=self._result.items.get(letter, 0),
                )
            )
            before = self._previous.scores.get(letter) if self._previous else None
            if before is not None:
                lines.append(words["previous_score"].format(score=before))
            return "\n".join(lines)
        return ""


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


def _italic(font: QFont) -> QFont:
    italic = QFont(font)
    italic.setItalic(True)
    return italic
