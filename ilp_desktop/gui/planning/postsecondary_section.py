"""The Planning tab's "After high school" part: the pathway the student has in mind (and the
others they are considering), their aspiration in their own words, the shortlisted careers it
leads to, the programs, schools and employers they aim for, and the steps that lead there.

Everything saves as it is changed: choices and ticks at once, the aspiration a moment after
typing stops (and when the box loses focus, the section hides or another student is shown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.plans import ActionStep, with_status
from ...domain.postsecondary import (
    PATHWAY_LABELS,
    PATHWAYS,
    TARGET_KIND_LABELS,
    CareerLink,
    PostsecondaryPlan,
    Target,
    check_plan,
)
from ...domain.shortlist import ShortlistEntry
from ...domain.students import Student
from ...store.db import Store
from ...store.errors import StoreError
from ...store.plans import PlanStore
from ...store.postsecondary import PostsecondaryStore
from ..dialogs.step_dialog import StepDialog
from ..dialogs.target_dialog import TargetDialog
from ..look import error_label, heading, show_error
from ..models.profile_models import RecordsModel
from ..models.steps_model import StepsModel
from ..saving import save_or_warn
from ..self_profile_sections import RecordsSection, confirm_remove

SAVE_DELAY_MS = 800  # the aspiration is saved this long after typing stops
SAVES_AS_YOU_TYPE = "Saves as you type."
NO_SHORTLIST = "Add careers to the shortlist on the Career exploration tab to link them here."
NOT_ON_SHORTLIST = "not on the shortlist now"
HINT_STYLE = "color: palette(placeholder-text);"


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _subheading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    heading(label, 1.1)
    return label


def targets_model(parent: QObject | None = None) -> RecordsModel[Any]:
    return RecordsModel(
        [
            ("Kind", lambda t: TARGET_KIND_LABELS.get(t.kind, t.kind)),
            ("Name", lambda t: t.name),
            ("Note", lambda t: t.note),
        ],
        parent,
    )


def _buttons_row(section: RecordsSection) -> QBoxLayout:
    """The row holding the section's Add…, Edit… and Remove buttons."""
    layout = section.layout()
    for n in range(layout.count()):
        row = layout.itemAt(n).layout()
        if isinstance(row, QBoxLayout) and row.indexOf(section.add_button) >= 0:
            return row
    raise LookupError("the section has no button row")


class PostsecondarySection(QWidget):
    """One student's postsecondary plan, every part saved as it changes.

    ``changed`` fires after anything is saved; ``steps_changed`` after a step is added, edited,
    marked done or removed (so a "who does what" view elsewhere can refresh).
    """

    changed = Signal()
    steps_changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.data = PostsecondaryStore(store)
        self.plans = PlanStore(store)
        self.today = today
        self.student: Student | None = None
        self.plan = PostsecondaryPlan()
        self.shortlist: tuple[ShortlistEntry, ...] = ()
        self._student_id: int | None = None  # whose plan the widgets show (and save to)
        self._loading = False
        self._aspiration_pending = False
        self._career_boxes: list[tuple[QCheckBox, CareerLink]] = []

        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(8)
        title = QLabel("After high school", self)
        heading(title, 1.3)
        page.addWidget(title)
        page.addWidget(
            _hint(
                "Where the student wants to go after graduation, in their own words, and the "
                "steps that get them there. Everything here saves as you go.",
                self,
            )
        )

        top = QGridLayout()
        top.setHorizontalSpacing(24)
        top.setVerticalSpacing(6)
        top.addLayout(self._build_pathway(), 0, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(self._build_aspiration(), 0, 1)
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)
        page.addLayout(top)
        page.addSpacing(6)
        page.addLayout(self._build_careers())
        page.addSpacing(10)

        self.targets = RecordsSection(
            "Programs, schools and employers",
            "Where the student is aiming: a program, a school or college, or an employer.",
            targets_model(),
            1,
            "None added yet.",
            self,
        )
        # Name and note share the width: either can be long.
        self.targets.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.targets.add_button.clicked.connect(self.add_target)
        self.targets.edit_button.clicked.connect(self.edit_target)
        self.targets.remove_button.clicked.connect(self.remove_target)
        page.addWidget(self.targets)
        page.addSpacing(10)

        self.steps = RecordsSection(
            "Steps that lead there",
            "Applications, financial aid, admission tests and visits: who does each and by "
            "when. A step past its date shows in red.",
            StepsModel(today, kind=True),
            0,
            "No steps yet. Add the first one: what happens next, and who does it.",
            self,
        )
        self.mark_done_button = QPushButton("Mark done", self.steps)
        self.mark_done_button.setToolTip("Mark the selected step done today.")
        _buttons_row(self.steps).insertWidget(3, self.mark_done_button)
        self.steps.add_button.clicked.connect(self.add_step)
        self.steps.edit_button.clicked.connect(self.edit_step)
        self.steps.remove_button.clicked.connect(self.remove_step)
        self.mark_done_button.clicked.connect(self.mark_done)
        self.steps.view.selectionModel().selectionChanged.connect(self._update_mark_done)
        self.steps.model.modelReset.connect(self._update_mark_done)
        page.addWidget(self.steps)
        page.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.aspiration.textChanged.connect(self._aspiration_typed)
        self.aspiration.installEventFilter(self)
        self._update_mark_done()
        self.setEnabled(False)  # until a student is shown

    # Building ---------------------------------------------------------------------------------
    def _build_pathway(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(_subheading("Pathway", self))
        self.pathway = QComboBox(self)
        for pathway in PATHWAYS:
            self.pathway.addItem(PATHWAY_LABELS[pathway], pathway)
        self.pathway.setAccessibleName("Pathway")
        self.pathway.currentIndexChanged.connect(self._pathway_changed)
        column.addWidget(self.pathway)
        column.addSpacing(4)
        column.addWidget(QLabel("Also considering:", self))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.also: dict[str, QCheckBox] = {}
        others = [p for p in PATHWAYS if p != "undecided"]
        for n, pathway in enumerate(others):
            box = QCheckBox(PATHWAY_LABELS[pathway], self)
            box.toggled.connect(self._also_toggled)
            self.also[pathway] = box
            grid.addWidget(box, n // 2, n % 2)
        column.addLayout(grid)
        column.addStretch(1)
        return column

    def _build_aspiration(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(_subheading("In the student's words", self))
        self.aspiration = QPlainTextEdit(self)
        self.aspiration.setTabChangesFocus(True)
        self.aspiration.setAccessibleName("The student's aspiration, in their words")
        self.aspiration.setPlaceholderText(
            "What does the student hope to be doing after high school, and why? "
            "Write it the way they say it."
        )
        # About as tall as the pathway choices beside it; a longer text scrolls.
        self.aspiration.setFixedHeight(self.aspiration.fontMetrics().lineSpacing() * 6 + 14)
        column.addWidget(self.aspiration)
        self.aspiration_status = QLabel(SAVES_AS_YOU_TYPE, self)
        self.aspiration_status.setStyleSheet(HINT_STYLE)
        column.addWidget(self.aspiration_status)
        self.aspiration_error = QLabel(self)
        self.aspiration_error.setWordWrap(True)
        error_label(self.aspiration_error)
        column.addWidget(self.aspiration_error)
        return column

    def _build_careers(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(_subheading("Leads to these careers", self))
        self.careers_hint = _hint("Tick the shortlisted careers this plan leads to.", self)
        column.addWidget(self.careers_hint)
        self.careers_grid = QGridLayout()
        self.careers_grid.setContentsMargins(0, 0, 0, 0)
        self.careers_grid.setHorizontalSpacing(24)
        self.careers_grid.setColumnStretch(0, 1)
        self.careers_grid.setColumnStretch(1, 1)
        column.addLayout(self.careers_grid)
        self.no_careers = QLabel(NO_SHORTLIST, self)
        self.no_careers.setWordWrap(True)
        self.no_careers.setStyleSheet("font-style: italic;")
        column.addWidget(self.no_careers)
        return column

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student, shortlist: Sequence[ShortlistEntry]) -> None:
        """Show ``student``'s plan; ``shortlist`` is their career shortlist, in rank order."""
        self.flush()  # what was typed belongs to the student shown until now
        self.student = student
        self.shortlist = tuple(shortlist)
        self.reload()

    def reload(self) -> None:
        """Read the shown student's plan again (after a change made elsewhere)."""
        self._timer.stop()
        self._aspiration_pending = False
        student_id = None if self.student is None else self.student.id
        self._student_id = student_id
        self.setEnabled(student_id is not None)
        self.plan = PostsecondaryPlan() if student_id is None else self.data.plan(student_id)
        self._loading = True
        try:
            self.pathway.setCurrentIndex(max(0, self.pathway.findData(self.plan.pathway)))
            for pathway, box in self.also.items():
                box.setChecked(pathway in self.plan.also_considering)
            self._update_also()
            self.aspiration.setPlainText(self.plan.aspiration)
            self._fill_careers()
            self.targets.model.set_records(self.plan.targets)
        finally:
            self._loading = False
        self.aspiration_status.setText(SAVES_AS_YOU_TYPE)
        show_error(self.aspiration_error, None)
        self.reload_steps()

    def reload_steps(self, select_id: int | None = None) -> None:
        """Read the plan's steps again (after a step was changed elsewhere)."""
        steps = () if self._student_id is None else self.plans.records(self._student_id).plan_steps
        self.steps.model.set_records(steps)
        if select_id is not None:
            self.steps.select(select_id)

    # The aspiration, pathway and other pathways -----------------------------------------------
    def flush(self) -> None:
        """Save the aspiration being typed now, if it changed since it was last saved."""
        self._timer.stop()
        if not self._aspiration_pending:
            return
        self._aspiration_pending = False
        self._save_choices()

    def _aspiration_typed(self) -> None:
        if self._loading or self._student_id is None:
            return
        self._aspiration_pending = True
        self.aspiration_status.setText("")
        self._timer.start()

    def _pathway_changed(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._update_also()
        finally:
            self._loading = False
        self._save_choices()

    def _also_toggled(self) -> None:
        if not self._loading:
            self._save_choices()

    def _update_also(self) -> None:
        """The main pathway is not also "considered": its box is cleared and greyed."""
        main = self.pathway.currentData()
        for pathway, box in self.also.items():
            is_main = pathway == main
            if is_main:
                box.setChecked(False)
            box.setEnabled(not is_main)
            box.setToolTip("The main pathway, chosen above." if is_main else "")

    def also_considering(self) -> tuple[str, ...]:
        return tuple(p for p, box in self.also.items() if box.isChecked() and box.isEnabled())

    def _save_choices(self) -> None:
        """Save pathway, other pathways and aspiration (one row) for the student shown."""
        student_id = self._student_id
        if student_id is None:
            return
        self._timer.stop()
        pathway, also = self.pathway.currentData(), self.also_considering()
        text = self.aspiration.toPlainText()
        problem = check_plan(PostsecondaryPlan(pathway, also, text)).get("aspiration")
        if problem:
            text = self.plan.aspiration  # keep what was last saved; the box keeps the rest
        try:
            self.plan = self.data.save_choices(student_id, pathway, also, text)
        except StoreError as error:
            show_error(self.aspiration_error, f"Not saved: {error}")
            return
        show_error(self.aspiration_error, problem)
        if not problem:
            self._aspiration_pending = False
            self.aspiration_status.setText("Saved")
        self.changed.emit()

    # Shortlisted careers ----------------------------------------------------------------------
    def _fill_careers(self) -> None:
        while self.careers_grid.count():
            old = self.careers_grid.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        linked = {link.code: link for link in self.plan.careers}
        shown: list[tuple[str, CareerLink, bool]] = [
            (e.title, CareerLink(e.code, e.title), e.code in linked) for e in self.shortlist
        ]
        listed = {e.code for e in self.shortlist}
        shown += [
            (f"{link.title} ({NOT_ON_SHORTLIST})", link, True)
            for link in self.plan.careers
            if link.code not in listed
        ]
        self._career_boxes = []
        rows = (len(shown) + 1) // 2  # fill the first column, then the second
        for n, (text, link, checked) in enumerate(shown):
            box = QCheckBox(text, self)
            box.setChecked(checked)
            box.setToolTip(f"O*NET-SOC {link.code}")
            box.toggled.connect(self._careers_toggled)
            self._career_boxes.append((box, link))
            self.careers_grid.addWidget(box, n % rows, n // rows)
        self.no_careers.setVisible(not self.shortlist)
        self.careers_hint.setVisible(bool(self.shortlist))

    def career_box(self, code: str) -> QCheckBox | None:
        """The tick box of the career with O*NET-SOC ``code``, if shown."""
        return next((box for box, link in self._career_boxes if link.code == code), None)

    def _careers_toggled(self) -> None:
        student_id = self._student_id
        if self._loading or student_id is None:
            return
        links = [link for box, link in self._career_boxes if box.isChecked()]
        if self._guarded(lambda: self.data.set_careers(student_id, links)):
            self.plan = replace(self.plan, careers=tuple(links))
            self.changed.emit()

    # Targets ----------------------------------------------------------------------------------
    def target_dialog(self, target: Target | None = None) -> TargetDialog:
        student_id = self._student_id
        assert student_id is not None
        return TargetDialog(lambda t: self.data.save_target(student_id, t), target, self)

    def add_target(self) -> None:
        if self._student_id is not None:
            self._run_target_dialog(self.target_dialog())

    def edit_target(self) -> None:
        target = self.targets.current()
        if target is not None:
            self._run_target_dialog(self.target_dialog(target))

    def _run_target_dialog(self, dialog: TargetDialog) -> None:
        if dialog.exec():
            self._reload_targets(dialog.saved.id if dialog.saved else None)
            self.changed.emit()

    def remove_target(self) -> None:
        target = self.targets.current()
        if target is None or target.id is None or not confirm_remove(self, target.name):
            return
        if self._guarded(lambda: self.data.delete_target(target.id)):
            self.changed.emit()
        self._reload_targets()

    def _reload_targets(self, select_id: int | None = None) -> None:
        if self._student_id is None:
            return
        self.plan = replace(self.plan, targets=self.data.plan(self._student_id).targets)
        self.targets.model.set_records(self.plan.targets)
        if select_id is not None:
            self.targets.select(select_id)

    # Steps ------------------------------------------------------------------------------------
    def step_dialog(self, step: ActionStep | None = None) -> StepDialog:
        student_id = self._student_id
        assert student_id is not None
        return StepDialog(
            lambda s: self.plans.save_step(student_id, s),
            step,
            goal_id=None,
            with_kind=True,
            today=self.today(),
            parent=self,
        )

    def add_step(self) -> None:
        if self._student_id is not None:
            self._run_step_dialog(self.step_dialog())

    def edit_step(self) -> None:
        step = self.steps.current()
        if step is not None:
            self._run_step_dialog(self.step_dialog(step))

    def _run_step_dialog(self, dialog: StepDialog) -> None:
        if dialog.exec():
            self._steps_saved(dialog.saved.id if dialog.saved else None)

    def mark_done(self) -> None:
        """Mark the selected step done today."""
        step = self.steps.current()
        if step is None or not step.is_open or self._student_id is None:
            return
        student_id = self._student_id
        done = with_status(step, "done", self.today())
        if self._guarded(lambda: self.plans.save_step(student_id, done)):
            self._steps_saved(step.id)

    def remove_step(self) -> None:
        step = self.steps.current()
        if step is None or step.id is None or not confirm_remove(self, step.what):
            return
        if self._guarded(lambda: self.plans.delete_step(step.id)):
            self._steps_saved(None)

    def _steps_saved(self, select_id: int | None) -> None:
        self.reload_steps(select_id)
        self.changed.emit()
        self.steps_changed.emit()

    def _update_mark_done(self) -> None:
        step = self.steps.current()
        self.mark_done_button.setEnabled(step is not None and step.is_open)

    # Helpers and Qt events --------------------------------------------------------------------
    def _guarded(self, action: Callable[[], Any]) -> bool:
        return save_or_warn(self, action)[0]

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.aspiration and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)
