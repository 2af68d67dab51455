"""File ▸ Open demo school: a separate database of made-up students, built in the background.

The demo lives in its own file, never in the school's real database, so practice data cannot
mix with real records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ..store import errors
from ..store.db import open_store
from ..store.errors import StoreError
from ..store.instance_lock import InstanceLock
from ..store.students import StudentStore
from .workers import run_with_progress

if TYPE_CHECKING:
    from .main_window import MainWindow

DEMO_STUDENTS = 400


def open_demo_school(window: MainWindow) -> None:
    path = window.dirs.demo_db
    if window.store.path == path:
        return
    lock = InstanceLock(window.dirs.locks, path)
    if not lock.acquire():
        QMessageBox.information(window, "Demo school", str(errors.already_open(path)))
        return

    def build(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
        from ..demo_school import build_demo_school

        store = open_store(path, window.dirs.backups_for(path))
        try:
            existing = StudentStore(store).count(include_archived=True)
            if existing:  # built on an earlier day: open it as the counselor left it
                return existing
            return build_demo_school(
                store, students=DEMO_STUDENTS, seed=1, progress=progress, is_cancelled=cancelled
            )
        finally:
            store.close()

    def done(_count: object) -> None:
        if not window.open_database(path, lock=lock):
            lock.release()

    def failed(error: BaseException) -> None:
        lock.release()
        from ..demo_school import DemoRefused

        if isinstance(error, (StoreError, DemoRefused)):
            QMessageBox.information(window, "Demo school", str(error))
        else:
            QMessageBox.warning(
                window,
                "Demo school",
                "The demo school could not be built. The details are in the log file.",
            )

    run_with_progress(
        window, "Demo school", "Building a demo school of made-up students…", build, done, failed
    )
