from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ilp_desktop.app import create_main_window
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore

from helpers import named_students


@pytest.fixture
def school_db(tmp_path: Path) -> Path:
    """A database holding the named students of tests/helpers.py."""
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    StudentStore(store).add_many(named_students())
    store.close()
    return path


@pytest.fixture
def make_window(qtbot: object) -> Iterator[Callable[[Path], MainWindow]]:
    """Factory: a shown main window on a database; closed (and the database let go) after."""
    windows: list[MainWindow] = []

    def make(db_path: Path) -> MainWindow:
        window = create_main_window(db_path)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        return window

    yield make
    for window in windows:
        if not window._closed:
            window.close()
