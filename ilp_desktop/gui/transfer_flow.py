"""Transfer packages from the GUI: Student ▸ Export transfer package… and File ▸ Import
transfer package….

Both do their work off the GUI thread, each on a connection of its own (reading the package,
drawing the handout, the backup before an import can take a moment on a large database). The
import shows its preview first, and the roster then shows and selects the student.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ..domain.transfer_format import SUFFIX
from ..store.errors import StoreError
from ..store.transfer_export import ExportResult, TransferCancelledError
from ..store.transfer_import import ImportResult, Package
from .saving import documents_folder
from .workers import run_with_progress

if TYPE_CHECKING:
    from ..domain.students import Student
    from .main_window import MainWindow

log = logging.getLogger(__name__)

EXPORT_TITLE = "Export transfer package"
IMPORT_TITLE = "Import transfer package"
FILTER = f"ILP transfer packages (*{SUFFIX});;All files (*)"
_UNEXPECTED = "The details are in the log (Help ▸ Where is my data?)."


def package_name(student: Student) -> str:
    """ "Bakke_Sigrid_1910956.ilp", as the handout's file is named."""
    from ..handout_jobs import file_name

    return file_name(student, None).removesuffix(".pdf") + SUFFIX


def _package_path(parent: QWidget, chosen: str) -> Path | None:
    """The chosen name ending in .ilp; asks before replacing a file the save dialog did not
    ask about (when .ilp had to be added)."""
    target = Path(chosen)
    if target.suffix.lower() == SUFFIX:
        return target
    target = target.with_name(target.name + SUFFIX)
    if target.exists():
        answer = QMessageBox.question(
            parent,
            "Replace the file?",
            f"{target.name} already exists in {target.parent}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return target


def _say_failed(parent: QWidget, title: str, error: BaseException, what: str) -> None:
    if isinstance(error, TransferCancelledError):
        status = getattr(parent, "statusBar", None)
        if callable(status):
            status().showMessage(str(error), 6000)
    elif isinstance(error, StoreError):
        QMessageBox.warning(parent, title, str(error))
    else:
        log.error("%s failed", title, exc_info=error)
        QMessageBox.warning(parent, title, f"{what} {_UNEXPECTED}")


# --- Export -------------------------------------------------------------------------------------


def export_transfer_package(window: MainWindow) -> None:
    """Save the current student's transfer package where the counselor chooses."""
    student = window.current_student()
    if student is None or student.id is None:
        return
    window.flush()  # the package is read from the database: what is being typed first
    chosen, _ = QFileDialog.getSaveFileName(
        window, EXPORT_TITLE, str(documents_folder() / package_name(student)), FILTER
    )
    if not chosen:
        return
    target = _package_path(window, chosen)
    if target is None:
        return
    start_export(window, student, target)


def start_export(window: MainWindow, student: Student, target: Path) -> None:
    from ..transfer_jobs import export_package

    db_path, student_id = window.store.path, student.id
    assert student_id is not None

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
        # A connection of this thread's own, opened and closed by export_package.
        return export_package(
            db_path,
            student_id,
            target,
            today=dt.date.today(),
            progress=progress,
            is_cancelled=is_cancelled,
        )

    def done(result: ExportResult) -> None:
        manifest = result.manifest
        window.statusBar().showMessage(
            f"Exported the transfer package of {manifest.student_name} to {target}.", 8000
        )
        if manifest.handout_file is None:
            QMessageBox.information(
                window,
                EXPORT_TITLE,
                f"The package was saved to {target}, without the handout: {manifest.handout_note}",
            )

    def failed(error: BaseException) -> None:
        _say_failed(window, EXPORT_TITLE, error, "The package was not saved.")

    run_with_progress(
        window,
        EXPORT_TITLE,
        f"Exporting the ILP of {student.display_name}…",
        work,
        on_done=done,
        on_error=failed,
    )


# --- Import -------------------------------------------------------------------------------------


def import_transfer_package(window: MainWindow) -> None:
    """Choose a package, read it, show its preview, then import it if the counselor agrees."""
    chosen, _ = QFileDialog.getOpenFileName(window, IMPORT_TITLE, str(documents_folder()), FILTER)
    if chosen:
        window.flush()  # a replaced plan must not be overwritten by a save still pending
        start_reading(window, Path(chosen))


def start_reading(window: MainWindow, path: Path) -> None:
    from ..store.transfer_import import read_package

    def work(_progress, _is_cancelled):  # type: ignore[no-untyped-def]
        return read_package(path)

    def failed(error: BaseException) -> None:
        _say_failed(window, IMPORT_TITLE, error, f"{path} could not be read; nothing changed.")

    run_with_progress(
        window,
        IMPORT_TITLE,
        f"Reading {path.name}…",
        work,
        on_done=lambda p: ask(window, p),
        on_error=failed,
    )


def ask(window: MainWindow, package: Package) -> None:
    """The preview; on Import (or Replace), the import itself."""
    from ..store.transfer_import import preview
    from .dialogs.transfer_import_dialog import TransferImportDialog

    try:
        shown = preview(window.store, package)
    except StoreError as error:
        QMessageBox.warning(window, IMPORT_TITLE, str(error))
        return
    dialog = TransferImportDialog(shown, window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted:
        start_import(window, package, replace=shown.conflict)


def start_import(window: MainWindow, package: Package, *, replace: bool) -> None:
    from ..store.db import open_store
    from ..store.transfer_import import import_package

    db_path = window.store.path
    backups = window.dirs.backups_for(db_path)
    name = package.document.student.full_name

    def work(_progress, _is_cancelled):  # type: ignore[no-untyped-def]
        store = open_store(db_path)  # a connection of this thread's own
        try:
            return import_package(
                store,
                package,
                backups_dir=backups,
                on_conflict="replace" if replace else "refuse",
            )
        finally:
            store.close()

    def done(result: ImportResult) -> None:
        show_student(window, result.student_id)
        done_words = "Replaced the plan of" if result.replaced else "Imported"
        window.statusBar().showMessage(
            f"{done_words} {result.name} from {package.path.name}. A backup was made first.",
            8000,
        )

    def failed(error: BaseException) -> None:
        _say_failed(window, IMPORT_TITLE, error, "The student was not imported; nothing changed.")

    run_with_progress(
        window, IMPORT_TITLE, f"Importing {name}…", work, on_done=done, on_error=failed
    )


def show_student(window: MainWindow, student_id: int) -> None:
    """The roster reloaded, with the imported student selected and shown afresh."""
    window.reload()
    if window.roster.current_student_id() == student_id:
        window.roster.clear_current()  # a replaced plan: show it again from the database
    window.roster.select_student(student_id)
