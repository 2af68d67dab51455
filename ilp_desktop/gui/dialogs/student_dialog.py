"""Adding a student, and editing one with every change saved as it is made."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.grades import GRADES, grade_label
from ...domain.students import IEP_NOTE, Student, validate_student
from ...store.errors import StoreError
from ...store.students import StudentStore
from ..look import error_label, show_error
from ..models.guardians_model import GuardiansModel
from ..ui_loader import child, load_ui

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 400
# Field name in domain validation -> object name of its input in student_dialog.ui.
FIELDS = {
    "sis_id": "sisId",
    "first_name": "firstName",
    "last_name": "lastName",
    "grade": "grade",
    "date_of_birth": "dateOfBirth",
}


class StudentDialog(QDialog):
    """Add mode (``student`` is None): an Add button creates the record. Edit mode: no Save
    button; each change is saved (one transaction) a moment after it is made, once valid."""

    student_saved = Signal(object)  # the saved Student

    def __init__(
        self,
        students: StudentStore,
        student: Student | None = None,
        counselors: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.students = students
        self.saved: Student | None = student
        self.adding = student is None
        self.setWindowTitle("Add student" if self.adding else f"Student: {student.display_name}")
        form = load_ui("student_dialog.ui", self)
        self.form = form
        self.sis_id = child(form, QLineEdit, "sisId")
        self.first_name = child(form, QLineEdit, "firstName")
        self.last_name = child(form, QLineEdit, "lastName")
        self.preferred_name = child(form, QLineEdit, "preferredName")
        self.grade = child(form, QComboBox, "grade")
        self.homeroom = child(form, QLineEdit, "homeroom")
        self.counselor = child(form, QComboBox, "counselor")
        self.date_of_birth = child(form, QLineEdit, "dateOfBirth")
        self.family_languages = child(form, QLineEdit, "familyLanguages")
        self.notes = child(form, QPlainTextEdit, "notes")
        self.flags = {
            "iep": child(form, QCheckBox, "iepFlag"),
            "plan_504": child(form, QCheckBox, "plan504Flag"),
            "ell": child(form, QCheckBox, "ellFlag"),
            "gifted": child(form, QCheckBox, "giftedFlag"),
            "cte": child(form, QCheckBox, "cteFlag"),
        }
        self.cte_pathway = child(form, QLineEdit, "ctePathway")
        self.guardians_view = child(form, QTableView, "guardiansTable")
        self.errors = {field: child(form, QLabel, f"{name}Error") for field, name in FIELDS.items()}
        self.errors["guardians"] = child(form, QLabel, "guardiansError")
        for label in self.errors.values():
            error_label(label)
        for label in (child(form, QLabel, f"{n}Error") for n in ("preferredName", "homeroom")):
            label.hide()
        child(form, QLabel, "counselorError").hide()
        iep_text = child(form, QLabel, "iepExplanation")
        iep_text.setText(IEP_NOTE)
        iep_text.setStyleSheet("color: palette(placeholder-text);")

        for code in GRADES:
            self.grade.addItem(code)
            self.grade.setItemData(
                self.grade.count() - 1, grade_label(code), Qt.ItemDataRole.ToolTipRole
            )
        self.grade.setCurrentIndex(-1)
        self.grade.lineEdit().setPlaceholderText("K, 1–12 or PS")
        self.counselor.addItems(counselors or [])
        self.counselor.setCurrentIndex(-1)

        start = student or Student(sis_id="", first_name="", last_name="", grade="")
        self.guardians = GuardiansModel(start.guardians, self)
        self.guardians_view.setModel(self.guardians)
        self.guardians_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.guardians_view.setMinimumHeight(130)
        child(form, QWidget, "identityBox").setMaximumWidth(420)
        for edit in form.findChildren(QLineEdit) + form.findChildren(QComboBox):
            edit.setMinimumWidth(230)
        self.family_languages.setMinimumWidth(260)
        self._fill(start)

        self.buttons = QDialogButtonBox(self)
        self.status = QLabel(self)
        if self.adding:
            add = self.buttons.addButton("Add student", QDialogButtonBox.ButtonRole.AcceptRole)
            add.setDefault(True)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.accepted.connect(self._add)
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.reject)
            self.status.setText("Changes are saved as you type.")
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        footer = QVBoxLayout()
        layout.addLayout(footer)
        footer.addWidget(self.status)
        footer.addWidget(self.buttons)

        self.resize(1000, 650)  # fits a 1366x768 school laptop with room for the task bar
        self._touched: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._changed_settled)
        self._connect_changes()
        child(form, QPushButton, "addGuardianButton").clicked.connect(self._add_guardian)
        child(form, QPushButton, "removeGuardianButton").clicked.connect(self._remove_guardian)
        self.flags["cte"].toggled.connect(self.cte_pathway.setEnabled)
        self.cte_pathway.setEnabled(self.flags["cte"].isChecked())
        self.sis_id.setFocus()

    # Form <-> Student --------------------------------------------------------------------------
    def _fill(self, student: Student) -> None:
        self.sis_id.setText(student.sis_id)
        self.first_name.setText(student.first_name)
        self.last_name.setText(student.last_name)
        self.preferred_name.setText(student.preferred_name)
        self.grade.setEditText(student.grade)
        self.homeroom.setText(student.homeroom)
        self.counselor.setEditText(student.counselor)
        self.date_of_birth.setText(student.date_of_birth)
        self.family_languages.setText(", ".join(student.family_languages))
        for attr, box in self.flags.items():
            box.setChecked(getattr(student, attr))
        self.cte_pathway.setText(student.cte_pathway)
        self.notes.setPlainText(student.notes)

    def current(self) -> Student:
        """The student as the form shows it now."""
        base = self.saved or Student(sis_id="", first_name="", last_name="", grade="")
        return replace(
            base,
            sis_id=self.sis_id.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            preferred_name=self.preferred_name.text(),
            grade=self.grade.currentText(),
            homeroom=self.homeroom.text(),
            counselor=self.counselor.currentText(),
            date_of_birth=self.date_of_birth.text(),
            family_languages=[p for p in self.family_languages.text().split(",") if p.strip()],
            guardians=self.guardians.guardians(),
            cte_pathway=self.cte_pathway.text(),
            notes=self.notes.toPlainText(),
            **{attr: box.isChecked() for attr, box in self.flags.items()},
        )

    def problems(self) -> dict[str, str]:
        student = self.current()
        owner = None
        if student.sis_id.strip():
            owner = self.students.sis_id_owner(
                student.sis_id, excluding=self.saved.id if self.saved else None
            )
        return validate_student(student, sis_id_owner=owner)

    def _show_problems(self, problems: dict[str, str], only: set[str] | None = None) -> None:
        for field, label in self.errors.items():
            if field == "guardians":
                message = " ".join(v for k, v in problems.items() if k.startswith("guardian_"))
                visible = only is None or "guardians" in only
            else:
                message = problems.get(field, "")
                visible = only is None or field in only
            show_error(label, message if visible else None)

    # Change tracking ---------------------------------------------------------------------------
    def _connect_changes(self) -> None:
        for field, name in FIELDS.items():
            widget = self.form.findChild(QWidget, name)
            edit = widget.lineEdit() if isinstance(widget, QComboBox) else widget
            edit.editingFinished.connect(lambda f=field: self._touch(f))
        for edit in (
            self.sis_id,
            self.first_name,
            self.last_name,
            self.preferred_name,
            self.homeroom,
            self.date_of_birth,
            self.family_languages,
            self.cte_pathway,
        ):
            edit.textEdited.connect(self._changed)
        self.grade.editTextChanged.connect(self._changed)
        self.counselor.editTextChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        for box in self.flags.values():
            box.toggled.connect(self._changed)
        self.guardians.dataChanged.connect(self._guardians_changed)
        self.guardians.rowsRemoved.connect(self._guardians_changed)

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        if self.adding:
            self._show_problems(self.problems(), self._touched)

    def _guardians_changed(self) -> None:
        self._touched.add("guardians")
        self._changed()

    def _changed(self) -> None:
        if self.adding:
            if self._touched:
                self._show_problems(self.problems(), self._touched)
            return
        self.status.setText("Saving…")
        self._timer.start()

    def _changed_settled(self) -> None:
        self.save_now()

    # Saving ------------------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Edit mode: save the form if it is valid. True when nothing is left unsaved."""
        self._timer.stop()
        if self.adding or self.saved is None:
            return True
        problems = self.problems()
        self._show_problems(problems)
        if problems:
            self.status.setText("Not saved yet: fix the marked fields and it will save.")
            return False
        student = self.current()
        if student == self.saved:
            self.status.setText("All changes saved.")
            return True
        try:
            self.saved = self.students.update(student)
        except StoreError as error:
            self.status.setText("Not saved.")
            QMessageBox.warning(self, "Not saved", str(error))
            return False
        self.status.setText("All changes saved.")
        self.student_saved.emit(self.saved)
        return True

    def _add(self) -> None:
        problems = self.problems()
        self._touched.update(FIELDS)
        self._touched.add("guardians")
        self._show_problems(problems)
        if problems:
            first = next(iter(problems))
            target = self.form.findChild(QWidget, FIELDS.get(first, "guardiansTable"))
            if target:
                target.setFocus()
            return
        try:
            self.saved = self.students.add(self.current())
        except StoreError as error:
            QMessageBox.warning(self, "Student not added", str(error))
            return
        self.student_saved.emit(self.saved)
        self.accept()

    def _has_typed_anything(self) -> bool:
        blank = Student(sis_id="", first_name="", last_name="", grade="")
        return self.current() != blank

    def reject(self) -> None:
        if self.adding:
            if self._has_typed_anything() and not self._confirm(
                "Discard this new student?",
                "The student has not been added yet. Discard what you typed?",
                "Discard",
            ):
                return
            super().reject()
            return
        if self.save_now() or self._confirm(
            "Some changes are not saved",
            "Some fields still need fixing, so their changes are not saved yet:\n\n"
            + "\n".join(f"• {m}" for m in self.problems().values())
            + "\n\nKeep editing, or discard the changes that could not be saved?",
            "Discard those changes",
        ):
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        if self.isVisible():
            event.ignore()
        else:
            event.accept()

    def _confirm(self, title: str, text: str, destructive: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        discard = box.addButton(destructive, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    # Guardians ---------------------------------------------------------------------------------
    def _add_guardian(self) -> None:
        row = self.guardians.add()
        index = self.guardians.index(row, 0)
        self.guardians_view.setCurrentIndex(index)
        self.guardians_view.edit(index)

    def _remove_guardian(self) -> None:
        index = self.guardians_view.currentIndex()
        if index.isValid():
            self.guardians.remove(index.row())
