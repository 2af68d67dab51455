"""The course plan on the Planning tab: the student's high-school years as a grid of subject
areas by grade, the credit audit against the school's graduation requirements, and every
course in a sortable list.

A counselor reads it with the student and shows it to the family: the summary line says whether
the plan leads to graduation, the shortfalls stand out in dark red, and the grid reads as a
plan. Each edit is one store call; the school's catalog and requirements open from here too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.courses import (
    DEFAULT_RULES,
    HIGH_SCHOOL_GRADES,
    CreditAudit,
    GraduationRules,
    PlannedCourse,
    RulesError,
    credit_audit,
    credit_text,
)
from ...domain.grades import grade_label
from ...domain.students import Student
from ...store.courses import CourseStore
from ...store.db import Store
from ...store.errors import StoreError
from ..dialogs.course_catalog_dialog import CourseCatalogDialog
from ..dialogs.graduation_rules_dialog import GraduationRulesDialog
from ..dialogs.planned_course_dialog import MIDDLE_SCHOOL, PlannedCourseDialog
from ..look import heading
from ..models.course_grid_model import (
    LEGEND,
    SHORT_COLOUR,
    CourseGridModel,
    course_details,
    grade_number,
)
from ..models.course_list_models import CourseFilterProxy, PlannedCoursesModel
from ..models.credit_audit_model import TO_PLAN_COLOUR, CreditAuditModel
from ..self_profile_sections import confirm_remove, fitted_table

NOTE_STYLE = (
    "QLabel#aheadNote { background: palette(alternate-base); border-left: 3px solid #b8c7dd;"
    " padding: 6px 8px; }"
)
HINT_STYLE = "color: palette(placeholder-text);"
AREA_COLUMN_CHARS = 24  # longer area names wrap onto a second line


def audit_summary(audit: CreditAudit) -> str:
    """ "On plan to graduate: 14 of 22 credits earned, 6 enrolled, 4 planned." """
    total = audit.total
    counts = (
        f"{credit_text(total.earned)} of {credit_text(total.required)} credits earned, "
        f"{credit_text(total.enrolled)} enrolled, {credit_text(total.planned)} planned"
    )
    return ("On plan to graduate: " if audit.on_plan else "Not yet on plan to graduate: ") + (
        counts + "."
    )


def shortfall_lines(audit: CreditAudit) -> list[str]:
    """The audit's warnings, kept short: with many areas short (a plan only begun) one line
    names them all; the audit table below has the details."""
    short = sorted((line for line in audit.lines if line.short > 0), key=lambda a: -a.short)
    if len(short) <= 2 or audit.unplanned:
        return audit.warnings
    areas = ", ".join(f"{line.area} {credit_text(line.short)}" for line in short)
    found = [f"Short even if every planned course is passed (credits): {areas}."]
    if audit.total.short > 0:
        found.append(
            f"In all: {credit_text(audit.total.short)} credits short of the "
            f"{credit_text(audit.total.required)} needed to graduate."
        )
    if audit.unmatched:
        titles = ", ".join(f"“{t}”" for t in audit.unmatched)
        found.append(f"Not in a subject area the graduation rules list: {titles}.")
    return found


def years_ahead(student_grade: str) -> str:
    """For a middle-school student, when high school starts, in words; else ""."""
    theirs, first = grade_number(student_grade), grade_number(HIGH_SCHOOL_GRADES[0])
    if student_grade not in MIDDLE_SCHOOL or theirs is None or first is None:
        return ""
    gap = first - theirs
    return "next year" if gap == 1 else f"in {gap} years"


class CoursePlanSection(QWidget):
    """Heading, summary, the grid, the buttons, the credit audit and the list of courses."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CourseStore(store)
        self.student: Student | None = None
        self.rules: GraduationRules = DEFAULT_RULES
        self.entries: list[PlannedCourse] = []
        self._audit: CreditAudit | None = None
        self._syncing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.title = QLabel("Course plan", self)
        heading(self.title, 1.3)
        layout.addWidget(self.title)
        self.ahead = QLabel(self)
        self.ahead.setObjectName("aheadNote")
        self.ahead.setStyleSheet(NOTE_STYLE)
        self.ahead.setWordWrap(True)
        layout.addWidget(self.ahead)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        summary_font = QFont(self.summary.font())
        summary_font.setBold(True)
        self.summary.setFont(summary_font)
        layout.addWidget(self.summary)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"color: {SHORT_COLOUR}; font-weight: bold;")
        layout.addWidget(self.warnings)

        self.grid_model = CourseGridModel(self)
        self.grid = self._make_grid()
        layout.addWidget(self.grid)
        self.legend = QLabel(
            LEGEND + "\nS1, S2: semesters; T1–T3: trimesters; Year: the full year. "
            "Double-click a box to add a course there or change one.",
            self,
        )
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.legend)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add course…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.remove_button = QPushButton("Remove", self)
        self.catalog_button = QPushButton("Course catalog…", self)
        self.rules_button = QPushButton("Graduation requirements…", self)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.catalog_button.setToolTip("The school's courses, shared by every student")
        self.rules_button.setToolTip("The credits the school requires, for every student")
        buttons.addWidget(self.catalog_button)
        buttons.addWidget(self.rules_button)
        layout.addLayout(buttons)

        layout.addSpacing(10)
        audit_title = QLabel("Credit audit", self)
        heading(audit_title, 1.1)
        layout.addWidget(audit_title)
        self.audit_model = CreditAuditModel(self)
        self.audit_view = fitted_table(self.audit_model, self, 0)  # type: ignore[arg-type]
        self.audit_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.audit_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.audit_view)

        layout.addSpacing(10)
        list_title = QLabel("All courses", self)
        heading(list_title, 1.1)
        layout.addWidget(list_title)
        list_hint = QLabel(
            "Click a course to edit or remove it; click a column title to sort the list.", self
        )
        list_hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(list_hint)
        self.list_model = PlannedCoursesModel(self)
        self.list_proxy = CourseFilterProxy(self)
        self.list_proxy.setSourceModel(self.list_model)
        self.list_view = fitted_table(self.list_proxy, self, 7)  # type: ignore[arg-type]
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setSortingEnabled(True)
        self.list_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.list_view)
        self.empty = QLabel("No courses in the plan yet.", self)
        self.empty.setStyleSheet("font-style: italic;")
        layout.addWidget(self.empty)

        self.add_button.clicked.connect(lambda: self.add_course())
        self.edit_button.clicked.connect(self.edit_course)
        self.remove_button.clicked.connect(self.remove_course)
        self.catalog_button.clicked.connect(self.open_catalog)
        self.rules_button.clicked.connect(self.open_rules)
        self.grid.doubleClicked.connect(self.open_cell)
        self.grid.selectionModel().currentChanged.connect(self._cell_chosen)
        self.list_view.doubleClicked.connect(lambda _index: self.edit_course())
        self.list_view.selectionModel().selectionChanged.connect(self._course_chosen)
        self._show()

    def _make_grid(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.grid_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().hide()
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Stretched columns change width after the view is laid out (not always with a
        # sectionResized), so the rows are refitted once the widths have settled.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_grid)
        header.sectionResized.connect(lambda *_args: self._refit.start())
        header.geometriesChanged.connect(self._refit.start)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        self.grid_model.modelReset.connect(self._grid_reset)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _grid_reset(self) -> None:
        header = self.grid.horizontalHeader()
        bold = QFont(self.grid.font())
        bold.setBold(True)
        metrics = self.grid.fontMetrics()
        widest = max(
            (QFontMetrics(bold).horizontalAdvance(a) for a in self.rules.area_names()), default=0
        )
        limit = metrics.averageCharWidth() * AREA_COLUMN_CHARS
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.grid.setColumnWidth(0, min(widest + 16, limit))
        for column in range(1, self.grid_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fit_grid()

    def _fit_grid(self) -> None:
        """Rows as tall as their courses, and the table as tall as its rows: the page scrolls,
        not the grid."""
        self.grid.resizeRowsToContents()
        rows = self.grid_model.rowCount()
        # A little air between the areas; a row with one course still reads as a row.
        spacing = self.grid.fontMetrics().lineSpacing()
        for row in range(rows):
            self.grid.setRowHeight(row, max(self.grid.rowHeight(row) + 8, spacing * 2))
        height = (
            self.grid.horizontalHeader().sizeHint().height()
            + sum(self.grid.rowHeight(r) for r in range(rows))
            + 2 * self.grid.frameWidth()
        )
        self.grid.setFixedHeight(height)

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student) -> None:
        self.student = student
        self.reload()

    def audit(self) -> CreditAudit | None:
        """The current student's credit audit (None before a student is shown)."""
        return self._audit

    def reload(self, select_id: int | None = None) -> None:
        """Read the rules and the student's plan again and show them."""
        self.rules, rules_problem = self._read_rules()
        student = self.student
        if student is None or student.id is None:
            self.entries, self._audit = [], None
        else:
            self.entries = self.data.plan(student.id)
            self._audit = credit_audit(self.entries, self.rules, student.grade)
        self._show(rules_problem)
        if select_id is not None:
            self.select(select_id)

    def _read_rules(self) -> tuple[GraduationRules, str]:
        try:
            return self.data.rules(), ""
        except RulesError as error:
            return DEFAULT_RULES, (
                f"{error} The usual requirements are shown instead; open Graduation "
                "requirements… to set the school's again."
            )

    def _show(self, rules_problem: str = "") -> None:
        student = self.student
        grade = student.grade if student else ""
        self.grid_model.set_plan(self.entries, self.rules, grade, self._audit)
        self.audit_model.set_audit(self._audit)
        self.list_model.set_records(self.entries)
        when = years_ahead(grade) if student else ""
        if when and student is not None:
            first = HIGH_SCHOOL_GRADES[0]
            self.ahead.setText(
                f"Planning the high-school years ahead. {student.display_name} is in grade "
                f"{grade} now; grade {first} starts {when}. A high-school course taken in "
                f"middle school can be added to grade {grade} too."
            )
        self.ahead.setVisible(bool(when))
        self._show_summary(rules_problem)
        has_student = student is not None and student.id is not None
        self.add_button.setEnabled(has_student)
        self.grid.setVisible(has_student)
        self.legend.setVisible(has_student)
        self.empty.setVisible(has_student and not self.entries)
        self._update_buttons()

    def _show_summary(self, rules_problem: str) -> None:
        audit = self._audit
        warnings: list[str] = [rules_problem] if rules_problem else []
        if audit is None:
            text = "Choose a student to see their course plan."
        elif not self.entries:
            text = (
                "No courses in the plan yet: add the courses the student has taken, is taking "
                "and plans to take, and the credit audit shows what graduation still needs."
            )
        else:
            text = audit_summary(audit)
            warnings += shortfall_lines(audit)
        self.summary.setText(text)
        # Years still unplanned are work to do, not yet a shortfall: amber, not red.
        colour = (
            TO_PLAN_COLOUR
            if audit is not None and audit.unplanned and not rules_problem
            else SHORT_COLOUR
        )
        self.warnings.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.warnings.setText("\n".join(f"• {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    # Choosing a course ------------------------------------------------------------------------
    def current_courses(self) -> list[PlannedCourse]:
        """The courses selected in the list (a grid box selects all of its courses)."""
        rows = sorted(
            self.list_proxy.mapToSource(i).row()
            for i in self.list_view.selectionModel().selectedRows()
        )
        found = [self.list_model.record(r) for r in rows]
        return [c for c in found if c is not None]

    def select(self, entry_id: int | None) -> bool:
        """Select the planned course ``entry_id`` in the list and its box in the grid."""
        row = self.list_model.row_of(entry_id)
        if row < 0:
            return False
        self._select_rows([row])
        return True

    def _select_rows(self, source_rows: Sequence[int]) -> None:
        selection = QItemSelection()
        for row in source_rows:
            index = self.list_proxy.mapFromSource(self.list_model.index(row, 0))
            selection.select(index, index)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.list_view.selectionModel().select(selection, flags)

    def _cell_chosen(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            wanted = {c.id for c in self.grid_model.courses_at(index)}
            rows = [n for n, c in enumerate(self.list_model.records()) if c.id in wanted]
            self._select_rows(rows)
        finally:
            self._syncing = False

    def _course_chosen(self) -> None:
        self._update_buttons()
        courses = self.current_courses()
        if self._syncing or len(courses) != 1:
            return
        self._syncing = True
        try:
            cell = self.grid_model.index_of(courses[0].id)
            if cell.isValid():
                self.grid.selectionModel().setCurrentIndex(
                    cell, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        finally:
            self._syncing = False

    def _update_buttons(self) -> None:
        chosen = bool(self.current_courses())
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def choose_one(self, courses: Sequence[PlannedCourse], action: str) -> PlannedCourse | None:
        """One of several courses: asks which when there is more than one."""
        if len(courses) <= 1:
            return courses[0] if courses else None
        items = [course_details(c).split("\n")[0] for c in courses]
        text, ok = QInputDialog.getItem(
            self,
            f"{action} a course",
            f"{action} which of these {len(courses)} courses?",
            items,
            0,
            False,
        )
        return courses[items.index(text)] if ok and text in items else None

    # Editing ----------------------------------------------------------------------------------
    def course_dialog(
        self, entry: PlannedCourse | None = None, *, grade: str = "", area: str = ""
    ) -> PlannedCourseDialog:
        student = self.student
        assert student is not None and student.id is not None
        student_id = student.id

        def save(record: PlannedCourse) -> PlannedCourse:
            try:
                return self.data.save_planned(student_id, record)
            except LookupError as error:
                raise ValueError(
                    "This course was removed from the plan meanwhile; add it again."
                ) from error

        return PlannedCourseDialog(
            self.rules,
            self.data.catalog(),
            save,
            entry,
            student_grade=student.grade,
            grade=grade,
            area=area,
            parent=self,
        )

    def add_course(self, grade: str = "", area: str = "") -> None:
        if self.student is None or self.student.id is None:
            return
        dialog = self.course_dialog(grade=grade, area=area)
        if dialog.exec():
            self._after(dialog.saved)
        dialog.deleteLater()

    def edit_course(self) -> None:
        entry = self.choose_one(self.current_courses(), "Edit")
        if entry is not None:
            self._edit(entry)

    def _edit(self, entry: PlannedCourse) -> None:
        dialog = self.course_dialog(entry)
        if dialog.exec():
            self._after(dialog.saved)
        dialog.deleteLater()

    def remove_course(self) -> None:
        entry = self.choose_one(self.current_courses(), "Remove")
        if entry is None or entry.id is None:
            return
        if not confirm_remove(self, f"{entry.title} ({grade_label(entry.grade)})"):
            return
        try:
            self.data.delete_planned(entry.id)
        except StoreError as error:
            QMessageBox.warning(self, "Not removed", str(error))
            return
        self.reload()
        self.changed.emit()

    def open_cell(self, index: QModelIndex) -> None:
        """Double-click on a box: add a course there when it is empty, else change one."""
        grade = self.grid_model.grade_at(index.column())
        if grade is None:
            return
        courses = self.grid_model.courses_at(index)
        if not courses:
            self.add_course(grade, self.grid_model.area_at(index.row()) or "")
            return
        entry = self.choose_one(courses, "Edit")
        if entry is not None:
            self._edit(entry)

    def _after(self, saved: PlannedCourse | None) -> None:
        self.reload(saved.id if saved is not None else None)
        self.changed.emit()

    # The school's catalog and requirements ----------------------------------------------------
    def catalog_dialog(self) -> CourseCatalogDialog:
        return CourseCatalogDialog(self.data, self.rules, self)

    def rules_dialog(self) -> GraduationRulesDialog:
        return GraduationRulesDialog(self.data, self.rules, self)

    def open_catalog(self) -> None:
        dialog = self.catalog_dialog()
        dialog.exec()
        dialog.deleteLater()

    def open_rules(self) -> None:
        dialog = self.rules_dialog()
        if dialog.exec():
            self.reload()
            self.changed.emit()
        dialog.deleteLater()
