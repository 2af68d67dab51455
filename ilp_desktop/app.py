"""Starting the GUI: QApplication, single instance, open the store, the main window."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import AppDirs
from .store.errors import AlreadyOpenError, CorruptDatabaseError, StoreError

if TYPE_CHECKING:
    from .gui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_main_window(db_path: Path | str, dirs: AppDirs | None = None):
    """The main window on ``db_path`` (not shown), for an existing QApplication.

    Raises StoreError when the database is refused or already open in another process.
    """
    from .gui.window_factory import open_main_window

    return open_main_window(db_path, dirs or AppDirs.for_user())


def run_gui(db_path: Path, dirs: AppDirs, *, exit_when_ready: bool = False) -> int:
    """Run the application until its window closes; returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from . import __version__
    from .gui import error_hook
    from .gui.main_window import AFTER_SHOW_MS, DAILY_BACKUP_AFTER_MS, schedule_after_show
    from .paths import resource
    from .store.instance_lock import database_key

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ILP Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ilp-desktop")
    app.setWindowIcon(QIcon(str(resource("icons", "ilp-desktop.svg"))))
    error_hook.install(dirs.logs / "ilp-desktop.log")

    try:
        window = create_main_window(db_path, dirs)
    except AlreadyOpenError as error:
        from .gui.single_instance import ask_to_raise

        if ask_to_raise(database_key(db_path)):
            print(f"ILP Desktop already has {db_path} open; brought its window forward.")
            return 0
        return _refuse(QMessageBox, str(error), exit_when_ready)
    except CorruptDatabaseError as error:
        log.warning("refused %s: %s", db_path, error)
        if exit_when_ready:  # never waits on a dialog
            message = f"{error}\n\nBackups of this database are kept in {dirs.backups_for(db_path)}"
            return _refuse(QMessageBox, message, exit_when_ready)
        from .gui.backup_flow import offer_restore

        # Offer the latest good backup; the damaged file is moved aside, never overwritten.
        restored = offer_restore(db_path, dirs, error)
        if restored is None:
            print(f"ilp-desktop: {error}", file=sys.stderr)
            return 1
        window = restored
    except StoreError as error:
        log.warning("refused %s: %s", db_path, error)
        return _refuse(QMessageBox, str(error), exit_when_ready)

    from .gui.window_factory import shut_down_all

    # However the loop ends (last window closed, --exit-when-ready, the session logging out),
    # every database is closed cleanly: its write-ahead log is folded back into the file.
    app.aboutToQuit.connect(shut_down_all)
    window.show()
    _resume_garbage_collection()
    schedule_after_show(window)
    # The day's backup, off the GUI thread once start-up's own work is done.
    QTimer.singleShot(DAILY_BACKUP_AFTER_MS, window, lambda: _daily_backup(window))
    # sqlite-utils is slow to import: load it off the GUI thread once the window is up,
    # before the counselor's first edit needs it.
    QTimer.singleShot(AFTER_SHOW_MS, lambda: threading.Thread(target=_preload, daemon=True).start())
    if exit_when_ready:
        QTimer.singleShot(0, lambda: app.exit(0))
    status = app.exec()
    return status


def _resume_garbage_collection() -> None:
    """Start-up's objects live as long as the program: keep the collector off them."""
    gc.freeze()
    gc.enable()


def _daily_backup(window: MainWindow) -> None:
    from .gui.backup_flow import start_daily_backup

    start_daily_backup(window)


def _preload() -> None:
    import sqlite_utils  # noqa: F401


def _refuse(message_box: type, message: str, quiet: bool) -> int:
    print(f"ilp-desktop: {message}", file=sys.stderr)
    if not quiet:
        message_box.critical(None, "ILP Desktop cannot open this database", message)
    return 1
