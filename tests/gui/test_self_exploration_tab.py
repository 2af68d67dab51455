"""The Self-exploration tab in the real main window: take, key, print and reflect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ilp_desktop.gui import inventory_student_mode
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.tabs.self_exploration import KeyingDialog
from ilp_desktop.store.db import open_store
from ilp_desktop.store.self_exploration import SelfExplorationStore

MakeWindow = Callable[[Path], MainWindow]


def _attempts(db: Path, student_id: int) -> list:
    store = open_store(db)
    try:
        return SelfExplorationStore(store).attempts(student_id)
    finally:
        store.close()


def test_student_takes_the_inventory_in_the_student_view(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inventory_student_mode, "confirm_leave", lambda parent: True)
    window = make_window(school_db)
    assert window.roster.select_student(7)  # grade 6: the 30-statement form
    tab = window.self_exploration()
    assert tab.form_choice.currentData() == "younger"
    tab.start_with_student()
    student = tab.student_window
    assert student is not None and student.isVisible()
    assert not window.isVisible(), "the roster must not be a window switch away"
    student.begin()
    for _ in range(30):
        student.answer(4)
    student.leave()
    qtbot.waitUntil(window.isVisible)  # type: ignore[attr-defined]
    assert tab.student_window is None
    (attempt,) = _attempts(school_db, 7)
    assert attempt.finished and attempt.entered_by == "student"
    assert set(attempt.answers.values()) == {4}
    assert tab.results.attempts() and tab.results.attempts()[0].key == attempt.id


def test_an_interrupted_attempt_is_offered_for_resuming(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inventory_student_mode, "confirm_leave", lambda parent: True)
    window = make_window(school_db)
    window.roster.select_student(1)
    tab = window.self_exploration()
    tab.start_with_student()
    student = tab.student_window
    assert student is not None
    student.begin()
    for value in (5, 4, 3):
        student.answer(value)
    student.leave()
    qtbot.waitUntil(window.isVisible)  # type: ignore[attr-defined]
    assert tab.isVisible() and not tab.resume_row.isHidden()
    assert "3 of 60 statements answered" in tab.resume_label.text()
    tab.resume_with_student()
    again = tab.student_window
    assert again is not None and again.first_unanswered() == 3
    again.leave()
    qtbot.waitUntil(window.isVisible)  # type: ignore[attr-defined]


def test_keying_a_paper_sheet(qtbot: object, make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    window.roster.select_student(2)
    tab = window.self_exploration()

    def key_everything() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, KeyingDialog)
        keying = dialog.keying
        for n in range(60):
            keying.enter(None if n == 10 else 1 + n % 5)
        keying.show_review()
        keying.score()

    QTimer.singleShot(0, key_everything)
    tab.key_paper_sheet()
    (attempt,) = _attempts(school_db, 2)
    assert attempt.finished and attempt.entered_by == "keyed"
    assert attempt.answers["S11"] is None and len(attempt.answers) == 60
    assert tab.results.attempts()[0].key == attempt.id


def test_reflection_is_saved_in_the_students_words(
    qtbot: object, make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    window.roster.select_student(2)
    tab = window.self_exploration()
    QTimer.singleShot(0, lambda: _score_quickly(QApplication.activeModalWidget()))
    tab.key_paper_sheet()
    (attempt,) = _attempts(school_db, 2)
    tab._save_reflection(attempt.id, "partly", "Me gusta ayudar, pero no vender.")
    (saved,) = _attempts(school_db, 2)
    assert (saved.agreement, saved.reflection) == ("partly", "Me gusta ayudar, pero no vender.")


def _score_quickly(dialog: object) -> None:
    assert isinstance(dialog, KeyingDialog)
    for n in range(60):
        dialog.keying.enter(1 + n % 5)
    dialog.keying.show_review()
    dialog.keying.score()


def test_print_a_blank_answer_sheet(
    qtbot: object,
    make_window: MakeWindow,
    school_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warning: {a}"))
    window = make_window(school_db)
    window.roster.select_student(5)
    tab = window.self_exploration()
    tab.language_choice.setCurrentIndex(tab.language_choice.findData("es"))
    tab.print_answer_sheet()
    qtbot.waitUntil(target.exists, timeout=20000)  # type: ignore[attr-defined]
    assert target.read_bytes().startswith(b"%PDF")


def test_student_view_covers_the_screen(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inventory_student_mode, "confirm_leave", lambda parent: True)
    window = make_window(school_db)
    window.roster.select_student(3)
    screen = window.screen().geometry()
    tab = window.self_exploration()
    tab.start_with_student()
    student = tab.student_window
    assert student is not None
    assert student.geometry().size() == screen.size()
    student.leave()
    qtbot.waitUntil(window.isVisible)  # type: ignore[attr-defined]
