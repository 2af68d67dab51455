"""A career's interest profile beside the student's: two bars per Holland type.

The student's bar is their inventory score (0-100); the career's is its O*NET-style rating
(1-7) placed on the same 0-100 track (1 at the left end, 7 at the right), which is how the fit
score reads it too. With only a typed code there are no student scores: the career's bars are
drawn alone and the student's code letters are marked.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain.careers import RATING_MAX, RATING_MIN
from ..domain.interests import TYPE_NAMES, TYPES

STUDENT_COLOUR = QColor("#1f4e8c")
CAREER_COLOUR = QColor("#d08a2e")


class CareerProfileChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ratings: Mapping[str, float] | None = None
        self._scores: Mapping[str, int | None] | None = None
        self._code = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Interest profile: the student and the career")

    def set_profiles(
        self,
        ratings: Mapping[str, float] | None,
        scores: Mapping[str, int | None] | None,
        code: str,
    ) -> None:
        self._ratings, self._scores, self._code = ratings, scores, code
        self.setToolTip(self.summary())
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        """The chart in words, for screen readers and tooltips."""
        if self._ratings is None:
            return "This career has no interest profile in the library."
        parts = []
        for letter in TYPES:
            text = f"{TYPE_NAMES['en'][letter]}: career {self._ratings[letter]:.1f} of 7"
            if self._scores is not None and self._scores.get(letter) is not None:
                text += f", student {self._scores[letter]} of 100"
            parts.append(text)
        return "; ".join(parts)

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * (2.1 if self._scores else 1.35)

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        height = self._row_height() * len(TYPES) + metrics.height() * 1.6
        return QSize(380, int(height))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        track_colour = palette.color(QPalette.ColorRole.Mid)
        track_colour.setAlpha(60)
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        label_width = max(metrics.horizontalAdvance(TYPE_NAMES["en"][t]) for t in TYPES) + 12
        value_width = metrics.horizontalAdvance("100") + 10
        left = label_width
        right = self.width() - value_width
        line = metrics.height()
        y = line * 1.4
        painter.setFont(font)
        painter.setPen(text_colour)
        self._paint_legend(painter, line)
        if self._ratings is None:
            painter.drawText(
                QRectF(0, y, self.width(), line * 2),
                int(Qt.AlignmentFlag.AlignLeft),
                "No interest profile for this career in the library.",
            )
            painter.end()
            return
        row = self._row_height()
        bar = line * 0.8
        for letter in TYPES:
            mine = letter in self._code
            painter.setFont(bold if mine else font)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y, label_width, row),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                TYPE_NAMES["en"][letter],
            )
            bars: list[tuple[float, QColor, str]] = []
            if self._scores is not None:
                score = self._scores.get(letter)
                bars.append((0.0 if score is None else score / 100, STUDENT_COLOUR, _text(score)))
            rating = self._ratings[letter]
            share = (rating - RATING_MIN) / (RATING_MAX - RATING_MIN)
            bars.append((share, CAREER_COLOUR, f"{rating:.1f}"))
            top = y + (row - bar * len(bars) - 2 * (len(bars) - 1)) / 2
            for share, colour, value in bars:
                track = QRectF(left, top, right - left, bar)
                painter.fillRect(track, track_colour)
                painter.fillRect(QRectF(left, top, (right - left) * share, bar), colour)
                painter.setFont(font)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(right + 4, top - 3, value_width, bar + 6),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    value,
                )
                top += bar + 2
            y += row
        painter.end()

    def _paint_legend(self, painter: QPainter, line: float) -> None:
        x = 0.0
        items = []
        if self._scores is not None:
            items.append((STUDENT_COLOUR, "Student (score 0–100)"))
        items.append((CAREER_COLOUR, "This career (rating 1–7)"))
        if self._scores is None and self._code:
            items.append((None, f"bold: the student's code {self._code}"))
        metrics = QFontMetricsF(painter.font())
        for colour, text in items:
            if colour is not None:
                painter.fillRect(QRectF(x, line * 0.25, line * 0.7, line * 0.7), colour)
                x += line
            painter.drawText(
                QRectF(x, 0, metrics.horizontalAdvance(text) + 4, line * 1.2),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += metrics.horizontalAdvance(text) + line


def _text(score: int | None) -> str:
    return "—" if score is None else str(score)
