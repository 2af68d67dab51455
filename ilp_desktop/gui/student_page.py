"""The selected student: a header (name, grade, flags) above the ILP tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)

from ..domain.grades import grade_label
from ..domain.students import FLAG_LABELS, IEP_NOTE, Student
from .look import chip, chip_holder, heading
from .ui_loader import child, embed_ui

TAB_TITLES = ("Self-exploration", "Career exploration", "Planning", "Reviews and sessions")
_FLAG_TIPS = {
    "iep": IEP_NOTE,
    "plan_504": "A Section 504 plan for accommodations is on file; it is separate from the ILP.",
    "ell": "The student is learning English.",
    "gifted": "Identified for gifted and talented services.",
    "cte": "Enrolled in a career and technical education pathway.",
}


class StudentPage(QWidget):
    edit_requested = Signal()
    archive_requested = Signal()
    restore_requested = Signal()
    handout_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = embed_ui("student_page.ui", self)
        self.name_label = child(form, QLabel, "studentName")
        self.details_label = child(form, QLabel, "studentDetails")
        self.flags_box = child(form, QWidget, "flagsBox")
        self.iep_note = child(form, QLabel, "iepNote")
        self.edit_button = child(form, QPushButton, "editStudentButton")
        self.archive_button = child(form, QPushButton, "archiveStudentButton")
        # The conference handout, first among the header's buttons (also Student ▸ Ctrl+P).
        self.handout_button = QPushButton("Conference handout…", self)
        self.handout_button.setObjectName("handoutButton")
        self.handout_button.setToolTip(
            "Preview, save or print the handout the family takes home (Ctrl+P)"
        )
        child(form, QHBoxLayout, "headerButtons").insertWidget(0, self.handout_button)
        self.tabs = child(form, QTabWidget, "mainTabs")
        heading(self.name_label, 1.6)
        for name in ("selfTitle", "careerTitle", "planningTitle", "reviewsTitle"):
            heading(child(form, QLabel, name), 1.25)
        self.iep_note.setStyleSheet("color: palette(placeholder-text);")
        chip_holder(self.flags_box)
        # Names and notes are shown exactly as typed, never read as markup.
        for label in (self.name_label, self.details_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button.clicked.connect(self.edit_requested)
        self.handout_button.clicked.connect(self.handout_requested)
        self.archive_button.clicked.connect(self._archive_clicked)
        self.student: Student | None = None

    def fill_tab(self, index: int, content: QWidget) -> None:
        """Put a tab's real content in place of its one-line description."""
        page = self.tabs.widget(index)
        layout = page.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().hide()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        content.show()  # a layout shows a new child only later, from the event loop

    def show_student(self, student: Student) -> None:
        self.student = student
        name = student.display_name
        self.name_label.setText(name + ("  (archived)" if student.archived_at else ""))
        details = []
        if student.preferred_name and student.preferred_name != student.first_name:
            details.append(f"Legal name: {student.full_name}")
        details.append(grade_label(student.grade))
        if student.homeroom:
            details.append(f"Homeroom {student.homeroom}")
        if student.counselor:
            details.append(f"Counselor: {student.counselor}")
        details.append(f"SIS id {student.sis_id}")
        if student.family_languages:
            details.append("Family speaks " + ", ".join(student.family_languages))
        self.details_label.setText(" · ".join(details))
        self._show_flags(student)
        self.iep_note.setText(IEP_NOTE if student.iep else "")
        self.iep_note.setVisible(student.iep)
        self.archive_button.setText("Restore" if student.archived_at else "Archive")
        self.archive_button.setToolTip(
            "Bring this student back onto the roster"
            if student.archived_at
            else "Take this student off the roster; their plan is kept and can be restored"
        )

    def _show_flags(self, student: Student) -> None:
        layout = self.flags_box.layout()
        assert isinstance(layout, QHBoxLayout)
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        labels = student.flag_labels()
        for attr, label in zip(
            [a for a in FLAG_LABELS if getattr(student, a)], labels, strict=True
        ):
            layout.addWidget(chip(label, _FLAG_TIPS[attr], self.flags_box))
        layout.addStretch(1)
        self.flags_box.setVisible(bool(labels))

    def _archive_clicked(self) -> None:
        if self.student and self.student.archived_at:
            self.restore_requested.emit()
        else:
            self.archive_requested.emit()
