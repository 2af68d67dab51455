"""Current performance: the trend tiles (GPA, credits, attendance) over the dated baselines,
the baselines themselves and the assessment results, each with Add…, Edit… and Remove."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.plans import Assessment, Baseline, trends
from ...store.plans import PlanStore
from ..dialogs.baseline_dialog import AssessmentDialog, BaselineDialog
from ..look import heading
from ..models.profile_models import Column, RecordsModel, long_date
from ..saving import save_or_warn
from ..self_profile_sections import RecordsSection, confirm_remove
from .trend_chart import TrendTile


def _number(value: float | None, unit: str = "", decimals: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".") + unit


BASELINE_COLUMNS: list[Column] = [
    ("As of", lambda b: long_date(b.as_of)),
    ("GPA", lambda b: "" if b.gpa is None else f"{b.gpa:.2f}"),
    ("Credits earned", lambda b: _number(b.credits)),
    ("Attendance", lambda b: _number(b.attendance, "%", 1)),
    ("Note", lambda b: b.note),
]
ASSESSMENT_COLUMNS: list[Column] = [
    ("Assessment", lambda a: a.name),
    ("Date", lambda a: long_date(a.taken_on)),
    ("Score", lambda a: a.score),
    ("Level", lambda a: a.level),
    ("Note", lambda a: a.note),
]


class PerformanceSection(QWidget):
    changed = Signal()

    def __init__(
        self,
        plans: PlanStore,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.plans = plans
        self.today = today
        self.student_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        title = QLabel("Where things stand now", self)
        heading(title, 1.3)
        layout.addWidget(title)
        intro = QLabel(
            "Current performance, dated: GPA, credits earned and attendance at each checkpoint, "
            "and assessment results. The tiles show how each has moved.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(intro)
        tiles = QHBoxLayout()
        self.tiles = [TrendTile(self) for _ in range(3)]
        for tile in self.tiles:
            tiles.addWidget(tile)
        layout.addLayout(tiles)

        self.baselines = RecordsSection(
            "Baselines",
            "",
            RecordsModel(BASELINE_COLUMNS),
            4,
            "No baseline recorded yet: add this term's GPA, credits and attendance.",
            self,
        )
        self.baselines.intro.hide()
        self.assessments = RecordsSection(
            "Assessment results",
            "",
            RecordsModel(ASSESSMENT_COLUMNS),
            4,
            "No assessment results recorded yet.",
            self,
        )
        self.assessments.intro.hide()
        # One above the other: assessment names and levels need the width.
        layout.addWidget(self.baselines)
        layout.addWidget(self.assessments)

        self.baselines.add_button.setText("Add baseline…")
        self.assessments.add_button.setText("Add result…")
        self.baselines.add_button.clicked.connect(lambda: self.edit_baseline(None))
        self.baselines.edit_button.clicked.connect(
            lambda: self.edit_baseline(self.baselines.current())
        )
        self.baselines.remove_button.clicked.connect(self.remove_baseline)
        self.assessments.add_button.clicked.connect(lambda: self.edit_assessment(None))
        self.assessments.edit_button.clicked.connect(
            lambda: self.edit_assessment(self.assessments.current())
        )
        self.assessments.remove_button.clicked.connect(self.remove_assessment)

    def set_records(
        self, student_id: int, baselines: tuple[Baseline, ...], results: tuple[Assessment, ...]
    ) -> None:
        self.student_id = student_id
        # Newest first in the tables; the tiles read oldest to newest.
        self.baselines.model.set_records(sorted(baselines, key=lambda b: b.as_of, reverse=True))
        self.assessments.model.set_records(
            sorted(results, key=lambda a: (a.taken_on, a.name), reverse=True)
        )
        for tile, trend in zip(self.tiles, trends(baselines), strict=True):
            tile.set_trend(trend)

    def _reload(self) -> None:
        if self.student_id is None:
            return
        records = self.plans.records(self.student_id)
        self.set_records(self.student_id, records.baselines, records.assessments)
        self.changed.emit()

    # Editing ----------------------------------------------------------------------------------
    def _save(self, action: Callable[[], Any]) -> Any:
        return save_or_warn(self, action)[1]

    def edit_baseline(self, baseline: Baseline | None) -> None:
        if self.student_id is None:
            return
        student_id = self.student_id
        dialog = BaselineDialog(
            lambda record: self.plans.save_baseline(student_id, record),
            baseline,
            self.today(),
            self,
        )
        if dialog.exec() and dialog.saved is not None:
            self._reload()
            self.baselines.select(dialog.saved.id)

    def remove_baseline(self) -> None:
        baseline = self.baselines.current()
        if baseline is None or not confirm_remove(
            self, f"the baseline of {long_date(baseline.as_of)}"
        ):
            return
        self._save(lambda: self.plans.delete_baseline(baseline.id))
        self._reload()

    def edit_assessment(self, assessment: Assessment | None) -> None:
        if self.student_id is None:
            return
        student_id = self.student_id
        names = [a.name for a in self.assessments.model.records()]
        dialog = AssessmentDialog(
            lambda record: self.plans.save_assessment(student_id, record),
            assessment,
            names,
            self.today(),
            self,
        )
        if dialog.exec() and dialog.saved is not None:
            self._reload()
            self.assessments.select(dialog.saved.id)

    def remove_assessment(self) -> None:
        result = self.assessments.current()
        if result is None or not confirm_remove(
            self, f"{result.name} of {long_date(result.taken_on)}"
        ):
            return
        self._save(lambda: self.plans.delete_assessment(result.id))
        self._reload()
