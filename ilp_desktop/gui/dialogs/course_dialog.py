"""Adding or editing one course of the school's catalog: code, title, subject area, credits,
the grades that may take it, and a description."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...domain.courses import Course, GraduationRules, credit_text, validate_course
from .activity_dialog import RecordDialog, line, note_edit


class CourseDialog(RecordDialog):
    def __init__(
        self,
        rules: GraduationRules,
        save: Callable[[Course], Any],
        course: Course | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit the catalog course" if course else "Add a course to the catalog", save, parent
        )
        self.rules = rules
        self.original = course
        current = course or Course(code="", title="", area="", credits=1.0)
        self.code = self.add_row("Code:", "code", line(current.code, "e.g. ENG101", self))
        self.title_edit = self.add_row(
            "Title:", "title", line(current.title, "e.g. English 9", self)
        )
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
        self.grades = self.add_row(
            "Grades:",
            "grades",
            line(current.grades, "who may take it, e.g. 9-12; empty for all", self),
        )
        self.description = self.add_row(
            "Description:", "description", note_edit(current.description, self)
        )
        self.code.setFocus()

    def build(self) -> Course:
        text = self.credits.text().strip().replace(",", ".")
        credits: Any
        try:
            credits = float(text)
        except ValueError:
            credits = text  # validate_course says what is wrong with it
        return Course(
            code=self.code.text().strip(),
            title=" ".join(self.title_edit.text().split()),
            area=self.area.currentData() or "",
            credits=credits,
            grades=self.grades.text().strip(),
            description=self.description.toPlainText().strip(),
        )

    def problems(self, record: Course) -> dict[str, str]:
        return validate_course(record, self.rules)
