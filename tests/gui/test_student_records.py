"""Change history per student, the name that signs changes, and removing a student for good."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ilp_desktop.domain.plans import Goal
from ilp_desktop.gui.dialogs.audit_dialog import AuditDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.student_records_flow import PurgeDialog
from ilp_desktop.store.plans import PlanStore

from qt_helpers import type_text


def _open(make_window: Callable[[Path], MainWindow], db: Path, student_id: int) -> MainWindow:
    window = make_window(db)
    assert window.roster.select_student(student_id)
    return window


def test_history_shows_changes_signed_with_the_counselors_name(
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = _open(make_window, school_db, 2)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana Díaz", True))
    window.edit_counselor_name()
    plans = PlanStore(window.store)
    goal = plans.save_goal(2, Goal(area="career", statement="Shadow a nurse for a day by May"))
    plans.save_goal(2, dataclasses.replace(goal, status="on_track"))
    shown: list[AuditDialog] = []

    def look(dialog: AuditDialog) -> int:
        shown.append(dialog)
        dialog.resize(900, 400)
        dialog.grab().save(str(tmp_path / "history.png"))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AuditDialog, "exec", look)
    window.history_action.trigger()
    (dialog,) = shown
    proxy = dialog.proxy
    first = [proxy.index(0, c).data() for c in range(3)]
    assert first[1] == "Ana Díaz"
    assert first[2].startswith("Goal changed: “Shadow a nurse for a day by May” — status")
    assert proxy.rowCount() >= 3  # the goal twice, and the student added
    type_text(dialog.search, "nurse")
    assert proxy.rowCount() == 2


def test_remove_for_good_needs_the_sis_id_and_takes_the_student_away(
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _open(make_window, school_db, 3)
    student = window.current_student()
    assert student is not None
    seen: list[PurgeDialog] = []

    def confirm(dialog: PurgeDialog) -> int:
        seen.append(dialog)
        assert not dialog.remove.isEnabled()
        type_text(dialog.confirm, student.sis_id[:-1])
        assert not dialog.remove.isEnabled()  # a wrong id keeps the button off
        dialog.confirm.clear()
        type_text(dialog.confirm, student.sis_id)
        assert dialog.remove.isEnabled()
        return QDialog.DialogCode.Accepted

    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(PurgeDialog, "exec", confirm)
    monkeypatch.setattr(QMessageBox, "question", question)
    window.purge_action.trigger()
    assert seen and asked
    assert "Backups made before now still hold" in asked[0]
    assert window.students.get(3) is None
    assert 3 not in [e.id for e in window.students.roster()]
    assert window.current_student() is None
    assert not window.dashboard.continue_button.isVisible()


def test_removed_for_good_leaves_nothing_in_the_file_or_its_log(
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the window's other connections open (roster, pages), the student is gone from the
    database file and its write-ahead log as soon as the purge is done."""
    window = _open(make_window, school_db, 3)
    student = window.current_student()
    assert student is not None
    monkeypatch.setattr(PurgeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)
    window.purge_action.trigger()
    assert window.students.get(3) is None
    wal = Path(f"{school_db}-wal")
    raw = school_db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert student.sis_id.encode() not in raw
    assert student.last_name.encode() not in raw


def test_cancelling_remove_keeps_the_student(
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _open(make_window, school_db, 4)
    monkeypatch.setattr(PurgeDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.purge_action.trigger()
    assert window.students.get(4) is not None


def test_remove_from_the_backups_too_runs_in_the_background(
    qtbot: Any,
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ilp_desktop.store.backups import list_backups, make_backup

    window = _open(make_window, school_db, 5)
    student = window.current_student()
    assert student is not None
    folder = window.dirs.backups_for(school_db)
    make_backup(window.store, folder, "manual")
    make_backup(window.store, folder, "manual")
    monkeypatch.setattr(
        PurgeDialog, "exec", lambda dialog: dialog.confirm.setText(student.sis_id) or 1
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.purge_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told == [f"{student.display_name} was removed from 2 backups."]
    for backup in list_backups(folder):
        assert student.sis_id.encode() not in backup.path.read_bytes()
