"""Adding or editing one course of a student's plan: the grade and term, the course (picked from
the school's catalog by code or title, or written in), its subject area and credits, how far
along it is, and the final mark once it is over."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from ...domain.courses import (
    PLAN_GRADES,
    PLAN_STATUS_LABELS,
    PLAN_STATUSES,
    TERM_LABELS,
    Course,
    GraduationRules,
    PlannedCourse,
    credit_text,
    validate_planned,
)
from ...domain.grades import grade_label
from ..models.course_grid_model import grade_number
from .activity_dialog import RecordDialog, line, note_edit

MIDDLE_SCHOOL = ("6", "7", "8")
MARKED = ("completed", "no_credit")  # statuses that have a final mark


def course_choice(course: Course) -> str:
    """How a catalog course reads in the list: "SCI101 — Biology"."""
    return f"{course.code} — {course.title}"


def offered_grades(rules: GraduationRules, student_grade: str, also: str = "") -> list[str]:
    """The plan's grades; for a middle-school student also grades 6-8 (courses taken there for
    high-school credit); and ``also``, the grade of a course being edited."""
    grades = set(rules.grades)
    if student_grade in MIDDLE_SCHOOL:
        grades |= set(MIDDLE_SCHOOL)
    if also:
        grades.add(also)
    return [g for g in PLAN_GRADES if g in grades] + sorted(grades - set(PLAN_GRADES))


def default_status(grade: str, student_grade: str) -> str:
    """Completed for an earlier grade, enrolled for this year, planned for later ones."""
    this, theirs = grade_number(grade), grade_number(student_grade)
    if this is None or theirs is None or this > theirs:
        return "planned"
    return "enrolled" if this == theirs else "completed"


class PlannedCourseDialog(RecordDialog):
    """Grade, term, course, subject area, credits, status, final mark and a note."""

    def __init__(
        self,
        rules: GraduationRules,
        catalog: Sequence[Course],
        save: Callable[[PlannedCourse], Any],
        entry: PlannedCourse | None = None,
        *,
        student_grade: str = "",
        grade: str = "",
        area: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit the course" if entry else "Add a course to the plan", save, parent)
        self.rules = rules
        self.catalog = list(catalog)
        self.original = entry
        self.student_grade = student_grade
        self._status_chosen = entry is not None  # a status picked by hand is left alone
        first = grade or (entry.grade if entry else "") or self._first_future_grade()
        current = entry or PlannedCourse(
            grade=first,
            term=rules.terms[0],
            title="",
            area=rules.area_named(area) or "",
            credits=1.0,
            status=default_status(first, student_grade),
        )

        self.grade = QComboBox(self)
        for code in offered_grades(rules, student_grade, current.grade):
            label = grade_label(code)
            if code not in rules.grades:
                label += " (for high-school credit)"
            self.grade.addItem(label, code)
        self.grade.setCurrentIndex(max(0, self.grade.findData(current.grade)))
        self.add_row("Grade:", "grade", self.grade)

        self.term = QComboBox(self)
        for term in rules.terms:
            self.term.addItem(TERM_LABELS[term], term)
        if current.term not in rules.terms:  # the school changed its term system since
            self.term.addItem(f"{TERM_LABELS.get(current.term, current.term)} (no longer used)")
            self.term.setItemData(self.term.count() - 1, current.term)
        self.term.setCurrentIndex(max(0, self.term.findData(current.term)))
        self.add_row("When:", "term", self.term)

        self.course = QComboBox(self)
        self.course.setEditable(True)
        self.course.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.course.setMaxVisibleItems(20)
        self.course.addItem("", None)
        for course in sorted(self.catalog, key=lambda c: (c.area, c.code.casefold())):
            self.course.addItem(course_choice(course), course)
        completer = QCompleter(self.course.model(), self.course)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.course.setCompleter(completer)
        edit = self.course.lineEdit()
        edit.setPlaceholderText("type a code or part of the title, or write in a course")
        self.add_row("Course:", "title", self.course)
        self.catalog_hint = QLabel(self)
        self.catalog_hint.setWordWrap(True)
        self.catalog_hint.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow("", self.catalog_hint)

        self.area = QComboBox(self)
        self.area.addItem("Choose the subject area…", "")
        for name in rules.area_names():
            self.area.addItem(name, name)
        if current.area and rules.area_named(current.area) is None:
            self.area.addItem(f"{current.area} (not in the rules)", current.area)
        self.area.setCurrentIndex(
            max(0, self.area.findData(rules.area_named(current.area) or current.area))
        )
        self.add_row("Subject area:", "area", self.area)
        self.credits = self.add_row(
            "Credits:", "credits", line(credit_text(current.credits), "e.g. 1 or 0.5", self)
        )

        self.status = QComboBox(self)
        for status in PLAN_STATUSES:
            self.status.addItem(PLAN_STATUS_LABELS[status], status)
        self.status.setCurrentIndex(max(0, self.status.findData(current.status)))
        self.add_row("Status:", "status", self.status)
        self.mark = self.add_row(
            "Final mark:", "mark", line(current.mark, "as on the transcript, e.g. B+", self)
        )
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))

        if entry is not None:
            self._show_course(entry)
        # Whenever the box holds a catalog course (picked, completed or typed in full), its
        # area and credits fill in; a course being edited keeps the credits it was given.
        self._filled_from = self.chosen_course()
        self.course.currentTextChanged.connect(lambda _text: self._course_chosen())
        self.grade.currentIndexChanged.connect(self._grade_changed)
        self.status.activated.connect(self._status_picked)
        self.status.currentIndexChanged.connect(lambda _n: self._update_mark())
        self._update_mark()
        self._describe()
        self.course.setFocus()

    # Helpers ----------------------------------------------------------------------------------
    def _first_future_grade(self) -> str:
        theirs = grade_number(self.student_grade)
        later = [g for g in self.rules.grades if theirs is None or (grade_number(g) or 0) >= theirs]
        return (later or list(self.rules.grades))[0]

    def _show_course(self, entry: PlannedCourse) -> None:
        index = -1
        if entry.course_code:
            index = next(
                (
                    n
                    for n in range(1, self.course.count())
                    if self.course.itemData(n).code.casefold() == entry.course_code.casefold()
                    and self.course.itemData(n).title == entry.title
                ),
                -1,
            )
        if index > 0:
            self.course.setCurrentIndex(index)
        else:
            self.course.setCurrentIndex(0)
            self.course.setEditText(entry.title)

    def chosen_course(self) -> Course | None:
        """The catalog course whose entry is in the box, or None for a written-in title."""
        index = self.course.findText(self.course.currentText().strip())
        return self.course.itemData(index) if index > 0 else None

    def choose_course(self, code: str) -> bool:
        """Pick the catalog course ``code`` as if chosen from the list; False if not there."""
        for n in range(1, self.course.count()):
            if self.course.itemData(n).code.casefold() == code.casefold():
                self.course.setCurrentIndex(n)
                return True
        return False

    def _course_chosen(self) -> None:
        course = self.chosen_course()
        if course is not None and course != self._filled_from:
            self.area.setCurrentIndex(max(0, self.area.findData(course.area)))
            self.credits.setText(credit_text(course.credits))
        self._filled_from = course
        self._describe()

    def _describe(self) -> None:
        course = self.chosen_course()
        if course is not None:
            words = [f"From the catalog: {course.area}, {credit_text(course.credits)} credits"]
            if course.grades:
                words.append(f"grades {course.grades}")
            text = ", ".join(words) + "."
            if course.description:
                text += " " + course.description
        elif self.course.currentText().strip():
            text = "Not in the catalog: written in. Choose its subject area and credits."
        elif self.catalog:
            text = f"{len(self.catalog)} courses in the school's catalog."
        else:
            text = "The school's catalog is empty: write in the course title."
        self.catalog_hint.setText(text)

    def _grade_changed(self) -> None:
        if not self._status_chosen:
            status = default_status(self.grade.currentData(), self.student_grade)
            self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def _status_picked(self) -> None:
        self._status_chosen = True

    def _update_mark(self) -> None:
        marked = self.status.currentData() in MARKED
        self.mark.setEnabled(marked)
        self.mark.setPlaceholderText(
            "as on the transcript, e.g. B+" if marked else "given once the course is over"
        )

    # RecordDialog -----------------------------------------------------------------------------
    def build(self) -> PlannedCourse:
        course = self.chosen_course()
        base = self.original
        if course is not None:
            title, code = course.title, course.code
        else:
            title = " ".join(self.course.currentText().split())
            keep = base is not None and base.course_code and title == base.title
            code = base.course_code if base is not None and keep else ""
        credits_text = self.credits.text().strip().replace(",", ".")
        credits: Any
        try:
            credits = float(credits_text)
        except ValueError:
            credits = credits_text  # validate_planned says what is wrong with it
        status = self.status.currentData()
        return PlannedCourse(
            grade=self.grade.currentData(),
            term=self.term.currentData(),
            title=title,
            area=self.area.currentData() or "",
            credits=credits,
            status=status,
            course_code=code,
            mark=self.mark.text().strip() if status in MARKED else "",
            note=self.note.toPlainText().strip(),
            created_on=base.created_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: PlannedCourse) -> dict[str, str]:
        return validate_planned(record, self.rules)
