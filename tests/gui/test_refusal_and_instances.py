from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ilp_desktop.app import run_gui
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.single_instance import ask_to_raise
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.instance_lock import database_key

from helpers import digest


def test_refused_database_gets_a_dialog_not_a_traceback(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("meeting notes, not a database\n")
    before = digest(db)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text))
    )
    assert run_gui(db, AppDirs.for_user()) == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert "cannot open" in title
    assert str(db) in text and "not a database" in text
    assert "Traceback" not in text
    assert digest(db) == before


def test_second_start_brings_the_first_window_forward(
    qtbot: object, make_window: object, school_db: Path
) -> None:
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    window.start_raise_server()
    window.showMinimized()
    with qtbot.waitSignal(window._raise_server.raise_requested, timeout=3000):  # type: ignore[attr-defined,union-attr]
        assert ask_to_raise(database_key(school_db))
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=3000)  # type: ignore[attr-defined]


def test_second_start_is_refused_when_the_first_cannot_answer(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_window(school_db)  # type: ignore[operator]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    assert run_gui(school_db, AppDirs.for_user()) == 1
    assert shown and "already open in another ILP Desktop window" in shown[0]


def test_open_demo_school_from_the_welcome(
    qtbot: object, make_window: object, tmp_path: Path
) -> None:
    first: MainWindow = make_window(tmp_path / "empty.sqlite")  # type: ignore[operator]
    first.open_demo_school()

    def demo_window() -> MainWindow | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.is_demo and widget.isVisible():
                return widget
        return None

    qtbot.waitUntil(lambda: demo_window() is not None, timeout=20000)  # type: ignore[attr-defined]
    demo = demo_window()
    assert demo is not None
    assert demo.roster.model.student_count() == 400
    assert "Demo school" in demo.windowTitle()
    assert first._closed
    demo.close()


def test_demo_school_opens_as_left_the_second_time(
    qtbot: object, make_window: object, tmp_path: Path
) -> None:
    first: MainWindow = make_window(tmp_path / "empty.sqlite")  # type: ignore[operator]
    first.open_demo_school()

    def demo_window() -> MainWindow | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.is_demo and w.isVisible()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: demo_window() is not None, timeout=20000)  # type: ignore[attr-defined]
    demo = demo_window()
    assert demo is not None
    assert demo.roster.select_student(1)
    demo.students.set_archived(1, True)
    demo.close()
    second: MainWindow = make_window(tmp_path / "other.sqlite")  # type: ignore[operator]
    second.open_demo_school()
    qtbot.waitUntil(lambda: demo_window() is not None, timeout=20000)  # type: ignore[attr-defined]
    again = demo_window()
    assert again is not None
    assert again.roster.model.student_count() == 399, "the demo was rebuilt instead of reopened"
    again.close()


def test_open_database_replaces_the_window_and_lets_go_of_the_old_one(
    qtbot: object, make_window: object, school_db: Path, tmp_path: Path
) -> None:
    first: MainWindow = make_window(school_db)  # type: ignore[operator]
    other = tmp_path / "other" / "second.sqlite"
    assert first.open_database(other)
    assert first._closed
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert [w.store.path for w in windows] == [other]
    assert windows[0].stack.currentWidget() is windows[0].welcome
    windows[0].close()
    again: MainWindow = make_window(school_db)  # type: ignore[operator]
    assert again.roster.model.student_count() == 9


def test_open_database_refusal_keeps_the_current_window(
    qtbot: object,
    make_window: object,
    school_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    assert not window.open_database(bad)
    assert shown and "not a database" in shown[0]
    assert not window._closed and window.isVisible()


def test_whole_database_is_checked_after_start_up(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    with qtbot.waitSignal(window.database_checked, timeout=10000) as checked:  # type: ignore[attr-defined]
        window.check_whole_database()
    assert checked.args == [[]]
    assert shown == []
    window._whole_database_checked(["Page 7: btreeInitPage() returns error code 11"])
    assert shown and "damage" in shown[0] and str(school_db) in shown[0]
    assert "restore its latest backup" in shown[0]
