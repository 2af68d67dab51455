"""One figure across the baselines as a small tile: the latest value large, a line of the
values over time, and the change in words ("up 0.30 since Sep 2025").

Small but readable: the value uses a larger font than the body text, the dates and the change
use the body font, never a shrunken one.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget

from ...domain.plans import Trend
from ..models.attempts_model import format_date

LINE = QColor("#1f4e8c")
MUTED = QColor("#5f6368")


def _short_date(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return format_date(day).replace(f" {day.day},", "")  # "Sep 2025"


class TrendTile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.trend = Trend("")
        self._value_font = QFont(self.font())
        self._value_font.setPointSizeF(self.font().pointSizeF() * 1.6)
        self._value_font.setBold(True)
        self._label_font = QFont(self.font())
        self._label_font.setBold(True)

    def set_trend(self, trend: Trend) -> None:
        self.trend = trend
        self.setAccessibleName(self.summary())
        self.setToolTip(self.summary())
        self.update()

    def summary(self) -> str:
        trend = self.trend
        if trend.latest is None:
            return f"{trend.label}: not recorded yet"
        points = ", ".join(f"{p.on}: {trend.shown(p.value)}" for p in trend.points)
        return f"{trend.label}: {points}"

    def _line(self) -> float:
        return QFontMetricsF(self.font()).height()

    def sizeHint(self) -> QSize:
        line = self._line()
        value = QFontMetricsF(self._value_font).height()
        return QSize(240, int(line * 2 + value + line * 2.4 + 20))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(10, 8, -10, -8)
        line = self._line()
        painter.setFont(self._label_font)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line), self.trend.label)
        top = area.top() + line
        value_height = QFontMetricsF(self._value_font).height()
        latest = self.trend.latest
        painter.setFont(self._value_font)
        value_text = self.trend.shown(latest) if latest is not None else "—"
        painter.drawText(QRectF(area.left(), top, area.width() * 0.45, value_height), value_text)
        painter.setFont(self.font())
        painter.setPen(MUTED)
        change = self.trend.change() if latest is not None else "Not recorded yet"
        if change and self.trend.points:
            change = change.replace(self.trend.points[0].on, _short_date(self.trend.points[0].on))
        bottom_text = QRectF(area.left(), area.bottom() - line, area.width(), line)
        painter.drawText(
            bottom_text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, change
        )
        chart = QRectF(
            area.left() + area.width() * 0.48,
            top + 4,
            area.width() * 0.52,
            area.bottom() - line - top - 10,
        )
        self._draw_line(painter, chart)
        painter.end()

    def _draw_line(self, painter: QPainter, chart: QRectF) -> None:
        points = self.trend.points
        if len(points) < 2 or chart.height() < 10:
            return
        values = [p.value for p in points]
        low, high = min(values), max(values)
        spare = max(0.0, self.trend.min_span - (high - low)) / 2
        low, high = low - spare, high + spare
        step = chart.width() / (len(points) - 1)

        def at(n: int, value: float) -> QPointF:
            y = chart.bottom() - (value - low) / (high - low) * chart.height()
            return QPointF(chart.left() + n * step, y)

        path = QPainterPath(at(0, values[0]))
        for n, value in enumerate(values[1:], start=1):
            path.lineTo(at(n, value))
        painter.setPen(QPen(LINE, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(LINE)
        for n, value in enumerate(values):
            radius = 3.5 if n == len(values) - 1 else 2.5
            painter.drawEllipse(at(n, value), radius, radius)
