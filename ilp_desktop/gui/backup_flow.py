"""Backups from the GUI: File ▸ Back up now and Restore from backup…, the start-up backup, and
the offer to restore the latest good backup when the database is damaged at start."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer, Slot
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from ..paths import AppDirs
from ..store import errors
from ..store.backups import (
    BackupInfo,
    backup_database,
    daily_backup,
    describe_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from ..store.errors import StoreError
from ..store.instance_lock import InstanceLock
from .dialogs.restore_dialog import TITLE as RESTORE_TITLE
from .dialogs.restore_dialog import (
    RestoreDialog,
    RestoreOfferDialog,
    choose_backup_file,
    confirm_restore,
    describe,
    students_phrase,
)
from .models.backups_model import size_text
from .workers import Job, run_in_background, run_with_progress

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_TITLE = "Back up now"
T = TypeVar("T")


# File ▸ Back up now ----------------------------------------------------------------------------
def backup_now(window: MainWindow) -> None:
    """Make a backup ("made by you") off the GUI thread and say where it is."""
    window.flush()
    db = window.store.path
    folder = window.dirs.backups_for(db)

    def work(_progress: object, _cancelled: object) -> BackupInfo:
        return describe_backup(backup_database(db, folder, "manual"))

    def done(info: BackupInfo) -> None:
        window.statusBar().showMessage(f"Backed up to {info.path}", 10000)
        QMessageBox.information(
            window,
            BACKUP_TITLE,
            f"Backed up {db.name}: {students_phrase(info)}, {size_text(info.size)}.\n\n"
            f"The backup is saved as:\n{info.path}\n\n"
            "ILP Desktop keeps the newest backups of each day and week, and a few made by "
            "you; File ▸ Restore from backup… lists them.",
        )

    def failed(error: BaseException) -> None:
        _say_failure(window, BACKUP_TITLE, error, "No backup was made.")

    run_with_progress(window, BACKUP_TITLE, f"Backing up {db.name}…", work, done, failed)


# File ▸ Restore from backup… -------------------------------------------------------------------
def restore_from_backup(window: MainWindow) -> None:
    """Choose a backup, then restore it: the window's database is closed, replaced (its
    current state saved first) and opened again in a new window."""
    window.flush()
    folder = window.dirs.backups_for(window.store.path)
    dialog = RestoreDialog(list_backups(folder), folder, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    info = dialog.chosen()
    if info is not None:
        restore_into_window(window, info)


def restore_into_window(window: MainWindow, info: BackupInfo) -> None:
    """Close the window's database, restore ``info`` into it, and open it again."""
    db = window.store.path
    dirs = window.dirs
    folder = dirs.backups_for(db)
    # The process keeps the database's lock throughout: no other ILP Desktop opens it while
    # it is being replaced. The window gives it up instead of releasing it on close.
    lock = window.lock
    window.lock = None
    if lock is None:
        lock = InstanceLock(dirs.locks, db)
        if not lock.acquire():
            QMessageBox.warning(window, RESTORE_TITLE, str(errors.already_open(db)))
            return
    window.flush()
    window.setEnabled(False)
    window.store.close()

    def work(_progress: object, _cancelled: object) -> Path | None:
        return restore_backup(db, info.path, folder)

    def done(kept: Path | None) -> None:
        reopened = _reopen(window, db, lock)
        if reopened is not None:
            saved = f"The database as it was is saved as {kept}." if kept else ""
            QMessageBox.information(
                reopened, RESTORE_TITLE, f"Restored the backup made {describe(info)}.\n\n{saved}"
            )

    def failed(error: BaseException) -> None:
        _say_failure(window, RESTORE_TITLE, error, "The database is as it was.")
        _reopen(window, db, lock)

    run_with_progress(window, RESTORE_TITLE, "Restoring the backup…", work, done, failed)


def _reopen(window: MainWindow, db: Path, lock: InstanceLock) -> MainWindow | None:
    from .window_factory import open_main_window

    try:
        reopened = open_main_window(db, window.dirs, lock=lock)  # lets go of the lock if refused
    except StoreError as error:
        QMessageBox.warning(window, RESTORE_TITLE, str(error))
        window.close()
        return None
    reopened.show()
    window.close()
    return reopened


# The start-up backup ----------------------------------------------------------------------------
def start_daily_backup(window: MainWindow) -> Job:
    """The day's backup (skipped if one was made today) on a worker thread with its own
    connection: it never slows the window down, and a failure is logged, never a dialog —
    except a damaged database (the copy fails its check, or the file cannot be read): the
    counselor is told while good backups are still there to restore."""
    db = window.store.path
    folder = window.dirs.backups_for(db)

    def work() -> Path | errors.CorruptDatabaseError | None:
        try:
            return daily_backup(db, folder)
        except errors.CorruptDatabaseError as damaged:  # BackupCheckError among them
            log.error("the start-up backup of %s found it damaged: %s", db, damaged)
            return damaged
        except StoreError as error:
            log.warning("the start-up backup of %s was not made: %s", db, error)
            return None

    def done(result: Path | errors.CorruptDatabaseError | None) -> None:
        if isinstance(result, errors.CorruptDatabaseError):
            _daily_done(None)
            QMessageBox.warning(window, "The database may be damaged", str(result))
        else:
            _daily_done(result)

    return run_in_background(window, work, done)


def _daily_done(made: Path | None) -> None:
    if made is not None:
        log.info("start-up backup made: %s", made)


# A damaged database at start ---------------------------------------------------------------------
def offer_restore(db_path: Path, dirs: AppDirs, error: StoreError) -> MainWindow | None:
    """Start-up found ``db_path`` damaged: offer its newest good backup (or another), restore it
    with the damaged file moved aside, and return the window on it; None to quit."""
    path = Path(db_path).expanduser().absolute()
    folder = dirs.backups_for(path)
    newest = run_and_wait(
        None,
        RESTORE_TITLE,
        "Looking for the latest good backup…",
        lambda: newest_good_backup(folder),
    )
    while True:
        offer = RestoreOfferDialog(path, _detail(error), newest, folder)
        offer.exec()
        if offer.choice == RestoreOfferDialog.QUIT:
            return None
        if offer.choice == RestoreOfferDialog.RESTORE and newest is not None:
            chosen: BackupInfo | None = newest
        elif newest is None:
            file = choose_backup_file(None, folder)
            chosen = describe_backup(file) if file is not None else None
            if chosen is not None and not confirm_restore(None, chosen, damaged=True):
                chosen = None
        else:
            dialog = RestoreDialog(list_backups(folder), folder, damaged=True)
            chosen = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if chosen is None:
            continue
        try:
            return _restore_damaged(path, chosen, dirs)
        except StoreError as refused:  # another backup may do: offer again
            QMessageBox.warning(None, RESTORE_TITLE, str(refused))


def _restore_damaged(path: Path, info: BackupInfo, dirs: AppDirs) -> MainWindow | None:
    """The window on the restored database; None (having said why) to quit. StoreError when
    the backup is refused, before anything was changed."""
    from .window_factory import open_main_window

    lock = InstanceLock(dirs.locks, path)
    if not lock.acquire():
        QMessageBox.critical(None, RESTORE_TITLE, str(errors.already_open(path)))
        return None
    folder = dirs.backups_for(path)
    try:
        kept = run_and_wait(
            None,
            RESTORE_TITLE,
            "Restoring the backup…",
            lambda: restore_backup(path, info.path, folder, current_is_damaged=True),
        )
    except StoreError:  # the backup was refused; the damaged file is where it was
        lock.release()
        raise
    except Exception as error:
        lock.release()
        log.error("restoring %s from %s failed", path, info.path, exc_info=error)
        QMessageBox.critical(
            None,
            RESTORE_TITLE,
            "The backup could not be restored because of an unexpected problem. The details "
            f"are in the log file. The damaged database is still at {path}.",
        )
        return None
    try:
        window = open_main_window(path, dirs, lock=lock)
    except StoreError as error:
        QMessageBox.critical(None, RESTORE_TITLE, str(error))
        return None
    moved = f"The damaged file was moved aside to {kept}; it was not deleted." if kept else ""
    message = f"Restored the backup made {describe(info)}.\n\n{moved}"
    QTimer.singleShot(0, window, lambda: QMessageBox.information(window, RESTORE_TITLE, message))
    return window


def _detail(error: StoreError) -> str:
    """What SQLite said, out of the store's message for a damaged database."""
    found = re.search(r"\(SQLite reports: (.+?)\)\. ", str(error))
    return found.group(1) if found else str(error)


# Helpers ----------------------------------------------------------------------------------------
class _Waiter(QObject):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.outcome: dict[str, Any] = {}

    @Slot(object)
    def finished(self, result: object) -> None:
        self.outcome["result"] = result
        self.loop.quit()

    @Slot(object)
    def failed(self, error: object) -> None:
        self.outcome["error"] = error
        self.loop.quit()


def run_and_wait(parent: QWidget | None, title: str, label: str, fn: Callable[[], T]) -> T:
    """Run ``fn`` on a worker thread while the GUI stays responsive behind a busy dialog (no
    Cancel: what it does cannot stop half-way); returns its result or raises its error."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(400)
    loop = QEventLoop()
    waiter = _Waiter(loop)
    job = Job(lambda _progress, _cancelled: fn())
    queued = Qt.ConnectionType.QueuedConnection
    job.signals.finished.connect(waiter.finished, queued)
    job.signals.failed.connect(waiter.failed, queued)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QThreadPool.globalInstance().start(job)
        loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
    if "error" in waiter.outcome:
        raise waiter.outcome["error"]
    return waiter.outcome["result"]


def _say_failure(parent: QWidget, title: str, error: BaseException, after: str) -> None:
    if isinstance(error, StoreError):
        QMessageBox.warning(parent, title, str(error))
    else:
        log.error("%s failed", title, exc_info=error)
        QMessageBox.warning(
            parent,
            title,
            f"This stopped because of an unexpected problem. {after} The details are in the "
            "log file (Help ▸ Where is my data?).",
        )
