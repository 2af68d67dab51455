"""A student's change history, the counselor's name that signs changes, and purging."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.students import Student
from ..store.audit import AuditStore
from ..store.errors import StoreError

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
PURGE_TITLE = "Remove student for good"


def show_history(window: MainWindow) -> None:
    from .dialogs.audit_dialog import AuditDialog

    student = window.current_student()
    if student is None or student.id is None:
        return
    audit = AuditStore(window.store)
    try:
        entries = audit.for_student(student.id)
        counselor = audit.counselor_name()
    except StoreError as error:
        QMessageBox.warning(window, "Change history", str(error))
        return
    AuditDialog(student.display_name, entries, counselor, window).exec()


def ask_counselor_name(window: MainWindow) -> None:
    audit = AuditStore(window.store)
    name, ok = QInputDialog.getText(
        window,
        "Your name for the change history",
        "Changes you make to students’ plans are signed with this name\n"
        "(for example “Ana Díaz, counselor”):",
        QLineEdit.EchoMode.Normal,
        audit.counselor_name(),
    )
    if not ok:
        return
    try:
        audit.set_counselor_name(name)
    except StoreError as error:
        QMessageBox.warning(window, "Not saved", str(error))
        return
    window.statusBar().showMessage(
        "Changes are now signed with " + (name.strip() or "no name"), 5000
    )


class PurgeDialog(QDialog):
    """Asks for the student's SIS id to be typed: removing for good cannot be undone."""

    def __init__(self, student: Student, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purgeDialog")
        self.setWindowTitle(PURGE_TITLE)
        self.student = student
        layout = QVBoxLayout(self)
        text = QLabel(
            f"<p>This removes <b>{_html(student.display_name)}</b> (SIS id "
            f"{_html(student.sis_id)}) and everything recorded about them: profile, interests, "
            "careers, plan, reviews, sessions, snapshots and change history. "
            "<b>It cannot be undone.</b></p>"
            "<p>To keep the plan but take the student off the roster, use Archive instead.</p>"
            f"<p>Type the SIS id <b>{_html(student.sis_id)}</b> to confirm:</p>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("purgeConfirm")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.remove.setText("Remove for good")
        self.remove.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm.textChanged.connect(
            lambda text: self.remove.setEnabled(text.strip() == student.sis_id)
        )
        self.setMinimumWidth(520)


def purge_current(window: MainWindow) -> None:
    from ..store.purge import purge_student

    student = window.current_student()
    if student is None or student.id is None:
        return
    dialog = PurgeDialog(student, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    folder = window.dirs.backups_for(window.store.path)
    name = student.display_name
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        purge_student(window.store, student.id)
    except StoreError as error:
        QMessageBox.warning(window, PURGE_TITLE, str(error))
        return
    finally:
        QApplication.restoreOverrideCursor()
    window.forget_student(student.id)
    answer = QMessageBox.question(
        window,
        PURGE_TITLE,
        f"{name} and everything recorded about them have been removed from this database.\n\n"
        f"Backups made before now still hold {name} until they rotate out (the oldest are "
        f"kept about five weeks). Remove {name} from the backups too?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    purge_backups(window, folder, student.sis_id, name)


def purge_backups(window: MainWindow, folder: Path, sis_id: str, name: str) -> None:
    """Remove the student from every backup, off the GUI thread: each backup is rewritten."""
    from ..store.backups import purge_student_from_backups
    from .workers import run_with_progress

    def work(progress, _is_cancelled):  # type: ignore[no-untyped-def]
        # No Cancel: stopping half-way would leave the student in some of the backups.
        return purge_student_from_backups(folder, sis_id, progress)

    def done(held: int) -> None:
        QMessageBox.information(
            window, PURGE_TITLE, f"{name} was removed from {held} backup{'s' if held != 1 else ''}."
        )

    def failed(error: BaseException) -> None:
        if not isinstance(error, (StoreError, OSError)):
            log.error("purging a student from the backups failed", exc_info=error)
        QMessageBox.warning(
            window,
            PURGE_TITLE,
            f"{name} could not be removed from every backup in {folder}. The details are in the "
            "log (Help ▸ Where is my data?).",
        )

    run_with_progress(window, PURGE_TITLE, f"Removing {name} from the backups…", work, done, failed)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
