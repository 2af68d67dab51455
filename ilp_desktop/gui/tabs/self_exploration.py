"""The Self-exploration tab: the interest inventory taken with the student, on screen or on
paper, and its results with the history of every attempt and the student's reflection."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import bundled
from ...domain.grades import grade_label
from ...domain.interests import form_for_grade
from ...domain.self_exploration import InventoryAttempt
from ...domain.students import Student
from ...store.db import Store
from ...store.errors import StoreError
from ...store.self_exploration import SelfExplorationStore
from ..interest_results import AttemptView, InterestResultsPanel, bundled_inventory
from ..inventory_keying import KeyingWidget
from ..inventory_student_mode import StudentModeWindow
from ..look import heading
from ..models.attempts_model import format_date
from ..saving import save_or_warn
from ..self_profile_sections import ProfileSections, bundled_checklists
from ..workers import run_with_progress

log = logging.getLogger(__name__)

FORM_NAMES = {"secondary": "60 statements (grades 8 and up)", "younger": "30 simpler statements"}
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class AttemptRecorder:
    """Saves each answer of one attempt as it is given (the widgets' AttemptSink)."""

    def __init__(self, data: SelfExplorationStore, attempt_id: int) -> None:
        self.data = data
        self.attempt_id = attempt_id

    def save_answer(self, item_id: str, value: int | None) -> None:
        self.data.save_answer(self.attempt_id, item_id, value)

    def finish(self) -> None:
        self.data.finish_attempt(self.attempt_id)


class SelfExplorationTab(QWidget):
    """One readable page for the selected student's self-exploration."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = SelfExplorationStore(store)
        self.inventory = bundled_inventory()
        self.student: Student | None = None
        self.student_window: StudentModeWindow | None = None

        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 12, 16, 16)
        intro = QLabel(
            "Who this student is: interests, strengths, values, how they learn best and the "
            "supports they need, recorded in the student's own words.",
            page,
        )
        intro.setWordWrap(True)
        column.addWidget(intro)

        title = QLabel("Interests", page)
        heading(title, 1.3)
        column.addWidget(title)
        actions = QHBoxLayout()
        self.form_choice = QComboBox(page)
        for key, name in FORM_NAMES.items():
            self.form_choice.addItem(name, key)
        self.form_choice.setToolTip("Chosen by grade; change it if another form suits better.")
        self.language_choice = QComboBox(page)
        for key, name in LANGUAGE_NAMES.items():
            self.language_choice.addItem(name, key)
        self.start_button = QPushButton("Start with the student…", page)
        self.start_button.setToolTip(
            "A full-screen view for the student, one statement at a time; press Ctrl+Shift+Q "
            "to come back."
        )
        self.key_button = QPushButton("Key in a paper sheet…", page)
        self.print_button = QPushButton("Print a blank answer sheet…", page)
        for widget in (
            QLabel("Form:", page),
            self.form_choice,
            QLabel("Language:", page),
            self.language_choice,
            self.start_button,
            self.key_button,
            self.print_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        column.addLayout(actions)
        self.resume_row = QWidget(page)
        resume = QHBoxLayout(self.resume_row)
        resume.setContentsMargins(0, 0, 0, 0)
        self.resume_label = QLabel(self.resume_row)
        self.resume_button = QPushButton("Resume with the student…", self.resume_row)
        self.discard_button = QPushButton("Discard the unfinished attempt", self.resume_row)
        resume.addWidget(self.resume_label)
        resume.addWidget(self.resume_button)
        resume.addWidget(self.discard_button)
        resume.addStretch(1)
        column.addWidget(self.resume_row)

        self.results = InterestResultsPanel(page, self.inventory)
        self.results.setMinimumHeight(620)
        column.addWidget(self.results)
        self.profile_sections = ProfileSections(self.data, bundled_checklists(), page)
        column.addWidget(self.profile_sections)
        column.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.start_button.clicked.connect(self.start_with_student)
        self.resume_button.clicked.connect(self.resume_with_student)
        self.discard_button.clicked.connect(self.discard_unfinished)
        self.key_button.clicked.connect(self.key_paper_sheet)
        self.print_button.clicked.connect(self.print_answer_sheet)
        self.results.reflection_changed.connect(self._save_reflection)

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student) -> None:
        """Show ``student``'s inventory history; the form is suggested by grade."""
        self.results.flush_reflection()  # saved against the student it was typed for
        self.student = student
        self.form_choice.setCurrentIndex(self.form_choice.findData(form_for_grade(student.grade)))
        self.form_choice.setToolTip(
            f"Suggested for {grade_label(student.grade)}; change it if another form suits better."
        )
        family = [lang.casefold() for lang in student.family_languages]
        spanish_home = any(lang.startswith(("spanish", "español")) for lang in family)
        self.language_choice.setCurrentIndex(1 if spanish_home else 0)
        self.reload()
        self.profile_sections.set_student(student)

    def reload(self) -> None:
        if self.student is None or self.student.id is None:
            return
        attempts = self.data.attempts(self.student.id)
        finished = [a for a in attempts if a.finished]
        self.results.set_attempts([self._view(a) for a in finished])
        unfinished = next((a for a in attempts if not a.finished), None)
        self.resume_row.setVisible(unfinished is not None)
        if unfinished is not None:
            form = self.inventory.form(unfinished.form)
            self.resume_label.setText(
                f"An attempt from {format_date(_day(unfinished.started_at))} is not finished: "
                f"{len(unfinished.answers)} of {len(form.ids)} statements answered."
            )

    def _view(self, attempt: InventoryAttempt) -> AttemptView:
        return AttemptView(
            key=attempt.id,
            taken_on=_day(attempt.finished_at or attempt.started_at),
            form_key=attempt.form,
            entered_by=attempt.entered_by,
            result=attempt.result(self.inventory),
            agreement=attempt.agreement,
            reflection=attempt.reflection,
        )

    def _save_reflection(self, key: object, agreement: object, text: str) -> None:
        try:
            self.data.set_reflection(int(key), agreement, text)  # type: ignore[arg-type, call-overload]
        except (StoreError, ValueError, LookupError) as error:
            QMessageBox.warning(self, "Reflection not saved", str(error))

    # Taking the inventory ---------------------------------------------------------------------
    def _chosen(self) -> tuple[str, str]:
        return self.form_choice.currentData(), self.language_choice.currentData()

    def start_with_student(self) -> None:
        if self.student is None or self.student.id is None:
            return
        form, lang = self._chosen()
        attempt = self._guarded(
            lambda: self.data.start_attempt(self.student.id, form, lang, "student")  # type: ignore[union-attr, arg-type]
        )
        if attempt is not None:
            self._open_student_window(attempt)

    def resume_with_student(self) -> None:
        if self.student is None or self.student.id is None:
            return
        attempt = self.data.unfinished_attempt(self.student.id)
        if attempt is not None:
            self._open_student_window(attempt)

    def discard_unfinished(self) -> None:
        if self.student is None or self.student.id is None:
            return
        attempt = self.data.unfinished_attempt(self.student.id)
        if attempt is None:
            return
        answer = QMessageBox.question(
            self,
            "Discard the unfinished attempt",
            f"Discard the {len(attempt.answers)} answers of the unfinished attempt? "
            "This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._guarded(lambda: self.data.delete_attempt(attempt.id))  # type: ignore[arg-type]
            self.reload()

    def _open_student_window(self, attempt: InventoryAttempt) -> None:
        assert self.student is not None and attempt.id is not None
        window = StudentModeWindow(
            self.inventory.form(attempt.form),
            AttemptRecorder(self.data, attempt.id),
            first_name=self.student.preferred_name or self.student.first_name,
            answers=attempt.answers,
            lang=attempt.language,
        )
        self.student_window = window
        window.left.connect(self._student_left)
        # Cover the counselor's whole screen even where no window manager honours "full
        # screen" (a bare X session, some kiosk set-ups): take its size first, then ask.
        window.setGeometry(self.window().screen().geometry())
        # The roster and other students must not be a window switch away.
        self.window().hide()
        window.showFullScreen()

    def _student_left(self, _finished: bool) -> None:
        window, self.student_window = self.student_window, None
        main = self.window()
        main.show()
        main.raise_()
        main.activateWindow()
        if window is not None:
            window.deleteLater()
        self.reload()

    def close_student_window(self) -> None:
        """The program is closing: answers are already saved, so just leave."""
        if self.student_window is not None:
            self.student_window.leave()

    def key_paper_sheet(self) -> None:
        if self.student is None or self.student.id is None:
            return
        form, lang = self._chosen()
        attempt = self._guarded(
            lambda: self.data.start_attempt(self.student.id, form, lang, "keyed")  # type: ignore[union-attr, arg-type]
        )
        if attempt is None or attempt.id is None:
            return
        recorder = AttemptRecorder(self.data, attempt.id)
        dialog = KeyingDialog(self.inventory.form(form), recorder, lang, self)
        dialog.exec()
        finished = self.data.attempt(attempt.id)
        if finished is not None and not finished.finished and not finished.answers:
            self.data.delete_attempt(attempt.id)  # opened and closed without keying anything
        self.reload()

    def print_answer_sheet(self) -> None:
        form, lang = self._chosen()
        default = Path.home() / f"interest-inventory-{form}-{lang}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save a blank answer sheet", str(default), "PDF (*.pdf)"
        )
        if not path:
            return

        def build(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> int:
            from ...reports.answer_sheet import build_answer_sheet

            data = bundled.inventory_data()
            return build_answer_sheet(data["forms"][form], data["scale"], lang, path)

        run_with_progress(
            self,
            "Answer sheet",
            "Making the answer sheet…",
            build,
            lambda pages: (
                self.window()
                .statusBar()
                .showMessage(  # type: ignore[attr-defined]
                    f"Saved a {pages}-page answer sheet to {path}.", 6000
                )
            ),
            lambda error: QMessageBox.warning(
                self, "Answer sheet not saved", f"The answer sheet could not be saved: {error}"
            ),
        )

    def _guarded(self, action: Callable[[], Any]) -> Any:
        return save_or_warn(self, action)[1]


class KeyingDialog(QDialog):
    """The keying screen in a dialog; answers are saved as they are typed."""

    def __init__(self, form: Any, recorder: AttemptRecorder, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Key in a paper answer sheet")
        self.keying = KeyingWidget(form, _ClosingRecorder(recorder, self.accept), lang=lang)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keying)
        note = QLabel("Answers are saved as you type; close and come back any time.", self)
        layout.addWidget(note)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(1100, 700)


class _ClosingRecorder:
    """Passes answers through; closes the dialog once the sheet is scored."""

    def __init__(self, recorder: AttemptRecorder, done: Callable[[], None]) -> None:
        self.recorder = recorder
        self.done = done

    def save_answer(self, item_id: str, value: int | None) -> None:
        self.recorder.save_answer(item_id, value)

    def finish(self) -> None:
        self.recorder.finish()
        self.done()


def _day(timestamp: str) -> dt.date:
    return dt.date.fromisoformat(timestamp[:10])
