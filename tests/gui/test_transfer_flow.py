"""Transfer packages from the GUI: export the shown student, import with a preview, and the
roster shows the student afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox

from ilp_desktop.domain.plans import Goal
from ilp_desktop.gui import transfer_flow
from ilp_desktop.gui.dialogs.transfer_import_dialog import (
    HERE,
    PACKAGE,
    TransferCountsModel,
    TransferImportDialog,
)
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.store.db import open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.students import StudentStore
from ilp_desktop.store.transfer_export import export_student
from ilp_desktop.store.transfer_import import ExistingStudent, Preview, preview, read_package

from helpers import make_student, named_students

MakeWindow = Callable[[Path], MainWindow]
MING = "200006"


def school(path: Path, goal: str) -> Path:
    """A database with the named students; 王小明 has ``goal``."""
    store = open_store(path, path.parent / "backups")
    added = StudentStore(store).add_many(named_students())
    PlanStore(store).save_goal(added[5].id, Goal("career", goal))  # type: ignore[arg-type]
    store.close()
    return path


def package_of(db: Path, out: Path) -> Path:
    import datetime as dt

    store = open_store(db, None)
    try:
        student_id = store.conn.execute("SELECT id FROM students WHERE sis_id = ?", [MING])
        export_student(store, student_id.fetchone()[0], out, today=dt.date(2026, 3, 1))
    finally:
        store.close()
    return out


def goals_of(window: MainWindow, student_id: int) -> list[str]:
    return [g.statement for g in PlanStore(window.store).records(student_id).goals]


def choose_file(monkeypatch: pytest.MonkeyPatch, method: str, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, method, staticmethod(lambda *_a, **_k: (str(path), "")))


def answer_preview(monkeypatch: pytest.MonkeyPatch, accept: bool) -> list[dict[str, Any]]:
    """Press Import (or Cancel) in the preview; returns what each preview showed."""
    shown: list[dict[str, Any]] = []

    def exec_(dialog: TransferImportDialog) -> int:
        shown.append(
            {
                "preview": dialog.preview,
                "button": dialog.import_button.text(),
                "default": dialog.import_button.isDefault(),
            }
        )
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(TransferImportDialog, "exec", exec_)
    return shown


def test_export_then_import_into_another_schools_window(
    make_window: MakeWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sending = make_window(school(tmp_path / "a" / "sending.sqlite", "Visit a hospital"))
    ming = StudentStore(sending.store).all()[5]
    assert ming.sis_id == MING and ming.id is not None
    assert sending.roster.select_student(ming.id)
    choose_file(monkeypatch, "getSaveFileName", tmp_path / "王小明")  # .ilp is added

    transfer_flow.export_transfer_package(sending)

    package = tmp_path / "王小明.ilp"
    qtbot.waitUntil(package.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Exported" in sending.statusBar().currentMessage(), timeout=10_000)
    assert read_package(package).document.student.sis_id == MING

    receiving_db = tmp_path / "b" / "receiving.sqlite"
    store = open_store(receiving_db, None)
    StudentStore(store).add_many([make_student(1), make_student(2)])
    store.close()
    receiving = make_window(receiving_db)
    choose_file(monkeypatch, "getOpenFileName", package)
    shown = answer_preview(monkeypatch, accept=True)

    transfer_flow.import_transfer_package(receiving)

    def selected() -> bool:
        student = receiving.current_student()
        return student is not None and student.sis_id == MING

    qtbot.waitUntil(selected, timeout=10_000)
    assert len(shown) == 1 and not shown[0]["preview"].conflict
    assert shown[0]["button"] == "Import" and shown[0]["default"]
    assert receiving.roster.model.student_count() == 3
    student = receiving.current_student()
    assert student is not None and student.id is not None
    assert goals_of(receiving, student.id) == ["Visit a hospital"]
    assert "Imported 王小明" in receiving.statusBar().currentMessage()
    backups = receiving.dirs.backups_for(receiving.store.path)
    assert any("before-student-import" in p.name for p in backups.iterdir())


def test_replacing_the_student_on_screen_shows_the_new_plan(
    make_window: MakeWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = package_of(
        school(tmp_path / "a" / "sending.sqlite", "The plan from the other school"),
        tmp_path / "ming.ilp",
    )
    window = make_window(school(tmp_path / "b" / "here.sqlite", "The plan written here"))
    ming = StudentStore(window.store).all()[5]
    assert ming.id is not None
    window.roster.select_student(ming.id)
    choose_file(monkeypatch, "getOpenFileName", package)
    shown = answer_preview(monkeypatch, accept=True)

    transfer_flow.import_transfer_package(window)

    qtbot.waitUntil(lambda: "Replaced" in window.statusBar().currentMessage(), timeout=10_000)
    assert shown[0]["preview"].conflict
    assert shown[0]["button"] == "Replace 王小明's plan"
    assert not shown[0]["default"]  # Enter cancels, never replaces
    current = window.current_student()
    assert current is not None and current.id == ming.id  # one record, still selected
    assert goals_of(window, ming.id) == ["The plan from the other school"]
    assert window.roster.model.student_count() == len(named_students())


def test_cancelling_the_preview_changes_nothing(
    make_window: MakeWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = package_of(school(tmp_path / "a" / "s.sqlite", "Theirs"), tmp_path / "m.ilp")
    window = make_window(school(tmp_path / "b" / "here.sqlite", "Ours"))
    before = window.store.path.read_bytes()
    choose_file(monkeypatch, "getOpenFileName", package)
    shown = answer_preview(monkeypatch, accept=False)

    transfer_flow.import_transfer_package(window)

    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    qtbot.wait(200)
    ming = StudentStore(window.store).all()[5]
    assert goals_of(window, ming.id) == ["Ours"]  # type: ignore[arg-type]
    assert not window.dirs.backups_for(window.store.path).exists()
    assert window.store.path.read_bytes() == before


def test_a_damaged_file_gets_a_message_not_a_traceback(
    make_window: MakeWindow, school_db: Path, tmp_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    window = make_window(school_db)
    bad = tmp_path / "bad.ilp"
    bad.write_bytes(b"PK\x05\x06 not really")
    choose_file(monkeypatch, "getOpenFileName", bad)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: warnings.append(text))
    )
    shown = answer_preview(monkeypatch, accept=True)

    transfer_flow.import_transfer_package(window)

    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings[0].startswith(f"{bad} cannot be imported.")
    assert "Traceback" not in warnings[0] and shown == []


def test_export_needs_a_student_on_screen(
    make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(school_db)  # the dashboard shows: no student chosen
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: asked.append(a)))
    transfer_flow.export_transfer_package(window)
    assert asked == []


def test_the_counts_show_what_differs_from_the_student_here() -> None:
    shown = Preview(
        name="王小明",
        sis_id=MING,
        grade="12",
        school_name="",
        exported_at="2026-03-01T10:00:00",
        app_version="0.1.0",
        counts=[("Goals", 1), ("Sessions", 3), ("Activities", 0)],
        existing=ExistingStudent(7, "王小明", "12", False, [("Goals", 2), ("Sessions", 3)]),
        notes=(),
        has_handout=False,
    )
    model = TransferCountsModel(shown)
    assert model.headers == ["Record", "In the package", "Here now"]
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert list(rows) == ["Goals", "Sessions"]  # neither side has activities
    goals, sessions = rows["Goals"], rows["Sessions"]
    assert (model.index(goals, PACKAGE).data(), model.index(goals, HERE).data()) == ("1", "2")
    bold = model.index(goals, HERE).data(Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont) and bold.bold()
    assert model.index(sessions, HERE).data(Qt.ItemDataRole.FontRole) is None
    new = TransferCountsModel(replace(shown, existing=None))
    assert new.headers == ["Record", "In the package"] and new.columnCount() == 2


def test_the_preview_dialog_shows_the_student_school_and_choice(tmp_path: Path, qtbot: Any) -> None:
    package = read_package(
        package_of(school(tmp_path / "a" / "s.sqlite", "Theirs"), tmp_path / "m.ilp")
    )
    here = open_store(school(tmp_path / "b" / "h.sqlite", "Ours"), None)
    try:
        shown = preview(here, package)
    finally:
        here.close()
    dialog = TransferImportDialog(shown)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "王小明" in texts and "SIS id 200006" in texts and "a school that did not" in texts
    assert "already has 王小明" in texts
    table, last = dialog.table, dialog.model.rowCount() - 1
    assert last >= 0
    # Every row in sight without scrolling.
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
