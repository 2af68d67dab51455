from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
)

from ilp_desktop.gui.dialogs.student_dialog import StudentDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.store.db import open_store
from ilp_desktop.store.errors import AlreadyOpenError
from ilp_desktop.store.students import StudentStore

from qt_helpers import type_text

MakeWindow = Callable[[Path], MainWindow]


def _visible_names(window: MainWindow) -> list[str]:
    proxy = window.roster.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_contract_object_names_and_tab_order(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Self-exploration",
        "Career exploration",
        "Planning",
        "Reviews and sessions",
    ]
    assert window.findChild(QLineEdit, "studentSearch") is window.roster.search
    assert window.findChild(QTableView, "studentList") is window.roster.view


def test_first_run_shows_welcome(make_window: MakeWindow, tmp_path: Path) -> None:
    window = make_window(tmp_path / "new.sqlite")
    assert window.stack.currentWidget() is window.welcome
    assert not window.roster.isVisible()
    assert window.findChild(QPushButton, "welcomeAddStudent").isVisible()
    assert window.findChild(QPushButton, "welcomeOpenDemo").isVisible()


def test_adding_the_first_student_through_the_dialog(
    qtbot: object, make_window: MakeWindow, tmp_path: Path
) -> None:
    path = tmp_path / "new.sqlite"
    window = make_window(path)

    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StudentDialog)
        for widget, text in (
            (dialog.sis_id, "204518"),
            (dialog.first_name, "Sinéad"),
            (dialog.last_name, "Ní Bhriain"),
            (dialog.grade.lineEdit(), "9"),
            (dialog.date_of_birth, "2011-03-14"),
        ):
            type_text(widget, text)
        dialog.flags["ell"].setChecked(True)
        add = next(b for b in dialog.buttons.buttons() if b.text() == "Add student")
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    QTimer.singleShot(0, interact)
    window.add_student()
    assert window.roster.isVisible()
    assert _visible_names(window) == ["Ní Bhriain, Sinéad"]
    assert window.stack.currentWidget() is window.student_page
    assert window.student_page.name_label.text() == "Sinéad Ní Bhriain"
    window.close()
    store = open_store(path)
    (entry,) = StudentStore(store).roster()
    student = StudentStore(store).get(entry.id)
    store.close()
    assert (student.grade, student.ell, student.date_of_birth) == (
        "9",
        True,
        "2011-03-14",
    )


def test_validation_messages_beside_fields_and_nothing_added(
    qtbot: object, school_db: Path, tmp_path: Path
) -> None:
    store = open_store(school_db)
    students = StudentStore(store)
    dialog = StudentDialog(students, None, [])
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog._add()
    assert dialog.errors["sis_id"].isVisible()
    assert dialog.errors["first_name"].text() == "Enter a first name."
    assert dialog.errors["last_name"].text() == "Enter a last name."
    assert "grade" in dialog.errors["grade"].text().lower()
    dialog.sis_id.setText("200001")
    dialog.first_name.setText("Ana")
    dialog.last_name.setText("Peña")
    dialog.grade.setEditText("13")
    dialog.date_of_birth.setText("2011-31-02")
    dialog._add()
    assert dialog.errors["sis_id"].text() == "SIS id 200001 already belongs to Văn An Nguyễn."
    assert "“13” is not a grade" in dialog.errors["grade"].text()
    assert "2011-31-02" in dialog.errors["date_of_birth"].text()
    assert not dialog.errors["first_name"].isVisible()
    assert students.count() == 9
    dialog.sis_id.setText("300001")
    dialog.grade.setEditText("PS")
    dialog.date_of_birth.setText("")
    dialog._add()
    assert dialog.result() == StudentDialog.DialogCode.Accepted
    assert students.count() == 10
    store.close()


def test_edit_autosaves_and_close_keeps_nothing_invalid(
    qtbot: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(school_db)
    students = StudentStore(store)
    entry = next(e for e in students.roster() if e.sis_id == "200005")
    dialog = StudentDialog(students, students.get(entry.id), [])
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    saved: list[object] = []
    dialog.student_saved.connect(saved.append)
    dialog.notes.setPlainText("Wants to talk about nursing programs.")
    qtbot.waitUntil(lambda: bool(saved), timeout=3000)  # type: ignore[attr-defined]
    assert students.get(entry.id).notes == "Wants to talk about nursing programs."

    dialog.last_name.setText("")
    dialog.last_name.textEdited.emit("")
    qtbot.wait(600)  # type: ignore[attr-defined]
    assert dialog.errors["last_name"].isVisible()
    assert students.get(entry.id).last_name == "Peña"
    asked: list[str] = []
    monkeypatch.setattr(dialog, "_confirm", lambda title, text, button: asked.append(text) or False)
    dialog.reject()
    assert asked and "Enter a last name." in asked[0]
    assert dialog.isVisible(), "choosing Keep editing keeps the dialog open"
    dialog.last_name.setText("Peña Ruiz")
    dialog.reject()
    assert not dialog.isVisible()
    assert students.get(entry.id).last_name == "Peña Ruiz"
    store.close()


def test_typing_then_closing_the_window_loses_nothing(
    qtbot: object, make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    window.roster.select_student(1)

    def type_then_quit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StudentDialog)
        dialog.homeroom.setText("Room 214")
        dialog.homeroom.textEdited.emit("Room 214")
        window.close()  # before the autosave timer fires
        dialog.done(0)

    QTimer.singleShot(0, type_then_quit)
    window.edit_student()
    store = open_store(school_db)
    assert StudentStore(store).get(1).homeroom == "Room 214"
    store.close()


def test_search_as_you_type(qtbot: object, make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    search = window.findChild(QLineEdit, "studentSearch")
    cases = {
        "nguyen": {"Nguyễn, Văn An", "Nguyen-Smith, Oliver (Ollie)"},
        "odegard": {"Ødegård, Ingrid"},
        "lukasz zolc": {"Żółć, Łukasz"},
        "SINEAD": {"Ní Bhriain, Sinéad"},
        "majo": {"Peña, María José (Majo)"},
        "200008": {"Warsame, Hodan"},
        "小明": {"王小明"},
        "zzz": set(),
    }
    for query, expected in cases.items():
        search.clear()
        type_text(search, query)
        assert set(_visible_names(window)) == expected, query
    assert window.roster.empty_label.isVisible()
    assert "zzz" in window.roster.empty_label.text()
    search.clear()
    assert len(_visible_names(window)) == 9


def test_grade_filter_and_count(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    combo = window.roster.grade_filter
    combo.setCurrentIndex(combo.findData("9"))
    assert set(_visible_names(window)) == {"Nguyễn, Văn An", "Warsame, Hodan"}
    assert window.roster.count_label.text() == "2 of 9 students"


def test_archive_and_restore(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = make_window(school_db)
    assert window.roster.select_student(2)
    window.archive_student()
    assert "Ødegård, Ingrid" not in _visible_names(window)
    assert window.roster.count_label.text() == "8 students · 1 archived"
    window.findChild(QCheckBox, "showArchived").setChecked(True)
    assert "Ødegård, Ingrid — archived" in _visible_names(window)
    assert window.roster.select_student(2)
    assert window.student_page.archive_button.text() == "Restore"
    window.restore_student()
    assert "Ødegård, Ingrid" in _visible_names(window)
    store = open_store(school_db.parent / "other.sqlite")
    store.close()


def test_keyboard_find_arrows_and_enter(
    qtbot: object, make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    search = window.roster.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "nguyen")  # type: ignore[attr-defined]
    qtbot.keyClick(search, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    view = window.roster.view
    assert view.hasFocus()
    first = window.student_page.student
    assert first is not None and window.stack.currentWidget() is window.student_page
    qtbot.keyClick(view, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    second = window.student_page.student
    assert second is not None and second.id != first.id
    qtbot.keyClick(view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.student_page.tabs.hasFocus()


def test_caseload_dashboard_first_when_students_exist(
    make_window: MakeWindow, school_db: Path
) -> None:
    window = make_window(school_db)
    assert window.stack.currentWidget() is window.dashboard
    assert window.dashboard.model.rowCount() == 9


def test_same_database_never_opened_twice(make_window: MakeWindow, school_db: Path) -> None:
    make_window(school_db)
    with pytest.raises(AlreadyOpenError):
        make_window(school_db)


def test_last_student_is_one_click_away(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    window.roster.select_student(4)
    window.close()
    again = make_window(school_db)
    # The dashboard comes first; "Continue with ..." goes back to the student.
    assert again.stack.currentWidget() is again.dashboard
    button = again.dashboard.continue_button
    assert button.isVisible() and "Sinéad" in button.text()
    button.click()
    assert again.student_page.student is not None
    assert again.student_page.student.id == 4
    assert again.stack.currentWidget() is again.student_page
