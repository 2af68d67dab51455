"""The interest profile as a small bar chart: six interests, strongest first, one bar each.

Drawn straight on the canvas (no reportlab.graphics), so that the type names go through the same
per-script font runs as everything else.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .fonts import FontSet

BAR = colors.HexColor("#9FB3C8")
BAR_TOP = colors.HexColor("#2F6F8F")  # the interests in the code
TRACK = colors.HexColor("#EEF2F6")
INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")


class InterestChart(Flowable):
    """Rows of (label, score 0-100 or None), drawn as bars; ``strong`` rows are darker and bold.

    ``size`` is the label's type size; rows, bars and the score text scale with it.
    """

    def __init__(
        self,
        fonts: FontSet,
        rows: Sequence[tuple[str, int | None]],
        strong: Sequence[bool],
        size: float,
    ) -> None:
        super().__init__()
        self.fonts = fonts
        self.rows = list(rows)
        self.strong = list(strong)
        self.size = size
        self.row_height = size * 1.75
        self.label_width = max(
            (fonts.string_width(label, size, bold=True) for label, _ in self.rows), default=0
        )
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.row_height * len(self.rows)

    def draw(self) -> None:
        canvas = self.canv
        size = self.size
        score_width = self.fonts.string_width("100", size) + 4
        bar_x = self.label_width + size * 0.6
        bar_width = max(20.0, self.width - bar_x - score_width - size * 0.4)
        bar_height = self.row_height * 0.55
        for index, ((label, score), strong) in enumerate(zip(self.rows, self.strong, strict=True)):
            top = self.row_height * (len(self.rows) - index)
            baseline = top - self.row_height / 2 - size * 0.35
            canvas.setFillColor(INK if strong else MUTED)
            self.fonts.draw_string(canvas, 0, baseline, label, size, bold=strong)
            bar_y = top - self.row_height / 2 - bar_height / 2
            canvas.setFillColor(TRACK)
            canvas.rect(bar_x, bar_y, bar_width, bar_height, stroke=0, fill=1)
            if score is None:
                continue
            canvas.setFillColor(BAR_TOP if strong else BAR)
            canvas.rect(bar_x, bar_y, bar_width * max(0, min(score, 100)) / 100, bar_height, 0, 1)
            canvas.setFillColor(INK if strong else MUTED)
            self.fonts.draw_string(
                canvas, bar_x + bar_width + size * 0.4, baseline, str(score), size
            )
