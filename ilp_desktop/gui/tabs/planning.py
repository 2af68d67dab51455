"""The Planning tab: the student's plan as one page, read top to bottom the way a counselor
walks a family through it: who the student is and the plan at a glance, where things stand now,
the goals with their steps, who does what, the course plan, and the path after high school.

Each section saves its own edits (one store call each); the tab keeps the sections and the
summary in step after every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import bundled
from ...domain.students import Student
from ...domain.text import shortened
from ...store.db import Store
from ...store.plans import PlanRecords, PlanStore
from ...store.postsecondary import PostsecondaryStore
from ...store.self_exploration import SelfExplorationStore
from ...store.shortlist import ShortlistStore
from ..planning.course_plan_section import CoursePlanSection
from ..planning.goals_section import GoalsSection
from ..planning.performance_section import PerformanceSection
from ..planning.plan_summary import PlanFacts, PlanSummary
from ..planning.postsecondary_section import PostsecondarySection
from ..planning.who_does_what import WhoDoesWhatSection

PART_LENGTH = 60  # how much of a goal's statement names it in "who does what"


def _short(text: str) -> str:
    return shortened(text, PART_LENGTH)


class PlanningTab(QWidget):
    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.plans = PlanStore(store)
        self.shortlists = ShortlistStore(store)
        self.self_exploration = SelfExplorationStore(store)
        self.postsecondary_store = PostsecondaryStore(store)
        self.student: Student | None = None

        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 12, 16, 16)
        column.setSpacing(22)
        self.summary = PlanSummary(bundled.inventory(), bundled.checklists(), page)
        self.performance = PerformanceSection(self.plans, page, today=today)
        self.goals = GoalsSection(self.plans, page, today=today)
        self.who_does_what = WhoDoesWhatSection(page, today=today)
        self.courses = CoursePlanSection(store, page)
        self.postsecondary = PostsecondarySection(store, page, today=today)
        self.sections: dict[str, QWidget] = {
            "At a glance": self.summary,
            "Now": self.performance,
            "Goals": self.goals,
            "Who does what": self.who_does_what,
            "Courses": self.courses,
            "After high school": self.postsecondary,
        }
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch(1)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(page)
        jumps = QHBoxLayout()
        jumps.setContentsMargins(16, 6, 16, 0)
        jumps.addWidget(QLabel("Go to:", self))
        self.jump_buttons: dict[str, QPushButton] = {}
        for name, section in self.sections.items():
            button = QPushButton(name, self)
            button.setFlat(True)
            button.setStyleSheet("color: #1f4e8c; text-decoration: underline; padding: 2px 6px;")
            button.clicked.connect(lambda _=False, s=section: self.jump_to(s))
            jumps.addWidget(button)
            self.jump_buttons[name] = button
        jumps.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(jumps)
        outer.addWidget(self.scroll)

        self.performance.changed.connect(self.refresh_summary)
        self.goals.changed.connect(self.refresh_steps)
        self.courses.changed.connect(self.refresh_summary)
        self.postsecondary.changed.connect(self.refresh_summary)
        self.postsecondary.steps_changed.connect(self.refresh_steps)

    def jump_to(self, section: QWidget) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(section.y() - 8)

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student) -> None:
        self.postsecondary.flush()  # saved against the student it was typed for
        self.student = student
        self.reload()
        self.scroll.verticalScrollBar().setValue(0)

    def reload(self) -> None:
        """Read the whole plan again (the shortlist may have changed on another tab)."""
        student = self.student
        if student is None or student.id is None:
            return
        records = self.plans.records(student.id)
        shortlist = self.shortlists.entries(student.id)
        self.performance.set_records(student.id, records.baselines, records.assessments)
        self.goals.set_goals(student.id, records.goals, shortlist)
        self.courses.set_student(student)
        self.postsecondary.set_student(student, shortlist)
        self._show_steps(records)
        self.refresh_summary()

    def _show_steps(self, records: PlanRecords) -> None:
        parts: dict[int | None, str] = {g.id: _short(g.statement) for g in records.goals}
        parts[None] = "After high school"
        self.who_does_what.set_steps(records.all_steps(), parts)

    def refresh_steps(self) -> None:
        """A step changed (under a goal or in the postsecondary plan): who does what and the
        summary follow; each section has already shown its own change."""
        if self.student is None or self.student.id is None:
            return
        self._show_steps(self.plans.records(self.student.id))
        self.refresh_summary()

    def refresh_summary(self) -> None:
        student = self.student
        if student is None or student.id is None:
            return
        records = self.plans.records(student.id)
        self.summary.set_facts(
            PlanFacts(
                student=student,
                profile=self.self_exploration.profile(student.id),
                shortlist=self.shortlists.entries(student.id),
                goals=records.goals,
                steps=records.all_steps(),
                audit=self.courses.audit(),
                postsecondary=self.postsecondary_store.plan(student.id),
                today=self.today(),
            )
        )

    def flush(self) -> None:
        """Save whatever is being typed (before closing and before another student)."""
        self.postsecondary.flush()
