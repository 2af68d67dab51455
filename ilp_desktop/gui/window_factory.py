"""Opening a database into a main window: one process per database, checks first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..paths import AppDirs
from ..store import errors
from ..store.db import open_store
from ..store.instance_lock import InstanceLock
from .main_window import MainWindow

# Top-level windows need a Python owner, or PySide deletes them once the code that made them
# returns (as when File ▸ Open replaces one window by another). A window leaves on close.
_open_windows: set[MainWindow] = set()


def open_main_window(
    db_path: Path | str, dirs: AppDirs, *, lock: InstanceLock | None = None
) -> MainWindow:
    """Lock, open and check the database, and build its window (not shown).

    Raises StoreError (AlreadyOpenError when another process has the database open).
    """
    path = Path(db_path).expanduser().absolute()
    if lock is None:
        try:
            lock = InstanceLock(dirs.locks, path)
            acquired = lock.acquire()
        except OSError as error:
            raise _refusal(error, dirs.locks) from error
        if not acquired:
            raise errors.already_open(path)
    try:
        store = open_store(path, dirs.backups_for(path))
    except sqlite3.Error as error:  # one the store did not map (a new database, say)
        lock.release()
        mapped = errors.translate(error, path)
        if mapped is None:
            raise
        raise mapped from error
    except OSError as error:  # disk full or no permission while making a new database
        lock.release()
        raise _refusal(error, path.parent) from error
    except BaseException:
        lock.release()
        raise
    try:
        window = MainWindow(store, dirs, lock)
    except BaseException:
        store.close()
        lock.release()
        raise
    _open_windows.add(window)
    window.closed.connect(lambda: _open_windows.discard(window))
    return window


def _refusal(error: OSError, folder: Path) -> errors.StoreError:
    from ..store.backups import os_refusal  # only when needed: start-up stays lean

    return os_refusal(error, folder)


def shut_down_all() -> None:
    """Save what is being typed and close every open database (the app is quitting)."""
    for window in list(_open_windows):
        window.close()
