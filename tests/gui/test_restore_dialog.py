"""Back up now, Restore from backup… (the list, the question, closing and reopening the
window), and the start-up backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ilp_desktop.gui import backup_flow, main_window
from ilp_desktop.gui.dialogs.restore_dialog import RestoreDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.backups_model import (
    BACKUP_ROLE,
    MADE,
    SIZE,
    STUDENTS,
    WHY,
    BackupsModel,
    size_text,
    when_phrase,
    when_text,
)
from ilp_desktop.store.backups import BackupInfo, list_backups, make_backup

from helpers import make_student

NOW = dt.datetime(2026, 11, 22, 10, 15)


def info(path: str, made_at: dt.datetime, reason: str, students: int | None) -> BackupInfo:
    return BackupInfo(Path(path), made_at, reason, 51_400_000, students, "" if students else "bad")


LISTED = [
    info("/b/c.sqlite", NOW, "daily", None),
    info("/b/b.sqlite", NOW - dt.timedelta(hours=3), "before-roster-import", 412),
    info("/b/a.sqlite", NOW - dt.timedelta(days=3), "manual", 400),
]


def test_times_and_sizes_in_plain_words() -> None:
    today = NOW.date()
    assert when_text(NOW, today) == "Today, 10:15"
    assert when_text(NOW - dt.timedelta(days=1), today) == "Yesterday, 10:15"
    assert when_text(NOW - dt.timedelta(days=3), today) == "Nov 19, 2026, 10:15"
    assert when_phrase(NOW - dt.timedelta(days=3), today) == "on Nov 19, 2026 at 10:15"
    assert when_phrase(NOW, today) == "today at 10:15"
    assert [size_text(n) for n in (512, 820_000, 51_400_000, 2_500_000_000)] == [
        "512 bytes",
        "820 KB",
        "51.4 MB",
        "2.50 GB",
    ]


def test_backups_model(qtmodeltester: object) -> None:
    model = BackupsModel(LISTED)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert model.index(1, WHY).data() == "Before importing a roster"
    assert model.index(2, WHY).data() == "Made by you"
    assert model.index(1, STUDENTS).data() == "412"
    assert model.index(0, STUDENTS).data().startswith("Damaged")
    assert model.index(0, STUDENTS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, STUDENTS).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, SIZE).data() == "51.4 MB"
    assert model.index(2, MADE).data(BACKUP_ROLE) is LISTED[2]
    assert model.index(1, MADE).data(Qt.ItemDataRole.ToolTipRole) == str(Path("/b/b.sqlite"))


def test_restore_dialog_picks_a_good_backup_and_asks_first(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = RestoreDialog(LISTED, tmp_path)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.selected() is LISTED[1], "the newest readable backup is chosen first"
    assert dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)  # the damaged one (newest first)
    assert dialog.selected() is LISTED[0] and not dialog.restore_button.isEnabled()
    dialog.table.selectRow(2)
    dialog.restore_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.chosen() is None
    assert "made on Nov 19, 2026 at 10:15 (made by you, 400 students)" in asked[0]
    assert "saved first" in asked[0]
    answer[0] = QMessageBox.StandardButton.Yes
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen() is LISTED[2]


def visible_windows() -> list[MainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and not w._closed
    ]


def test_back_up_now(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    backup_flow.backup_now(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)  # type: ignore[attr-defined]
    made = [b for b in list_backups(window.dirs.backups_for(school_db)) if b.reason == "manual"]
    assert len(made) == 1 and made[0].students == 9
    assert str(made[0].path) in shown[0] and "9 students" in shown[0]


def test_restore_from_backup_reopens_the_window_on_the_restored_database(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    folder = window.dirs.backups_for(school_db)
    backup = make_backup(window.store, folder, "manual")
    window.students.add(make_student(77))
    listed: list[list[BackupInfo]] = []

    def choose(dialog: RestoreDialog) -> int:
        listed.append([dialog.model.backup(r) for r in range(dialog.model.rowCount())])
        dialog._chosen = dialog.selected()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose)
    backup_flow.restore_from_backup(window)
    qtbot.waitUntil(lambda: window._closed and bool(visible_windows()), timeout=10000)  # type: ignore[attr-defined]
    [reopened] = visible_windows()
    assert listed[0][0].path == backup
    assert reopened.store.path == school_db
    assert reopened.students.count() == 9
    saved = [b for b in list_backups(folder) if b.reason == "before-restore"]
    assert len(saved) == 1 and saved[0].students == 10
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # type: ignore[attr-defined]
    assert "Restored the backup made" in shown[0] and str(saved[0].path) in shown[0]
    assert reopened.lock is not None
    reopened.close()


def test_a_refused_restore_reopens_the_database_as_it_was(
    qtbot: object,
    make_window: object,
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    window.students.add(make_student(77))
    bad = tmp_path / "roster.sqlite"
    bad.write_text("Student_Number\n1\n")
    backup_flow.restore_into_window(window, BackupInfo(bad, NOW, "", 17, 0))
    qtbot.waitUntil(lambda: window._closed and bool(visible_windows()), timeout=10000)  # type: ignore[attr-defined]
    [reopened] = visible_windows()
    assert "not a backup of an ILP Desktop database" in warned[0]
    assert reopened.students.count() == 10
    reopened.close()


def test_start_up_backup_once_a_day(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[Path | None] = []
    monkeypatch.setattr(backup_flow, "_daily_done", done.append)
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    folder = window.dirs.backups_for(school_db)
    backup_flow.start_daily_backup(window)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=10000)  # type: ignore[attr-defined]
    daily = [b for b in list_backups(folder) if b.reason == "daily"]
    assert len(daily) == 1 and daily[0].students == 9 and done == [daily[0].path]
    backup_flow.start_daily_backup(window)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10000)  # type: ignore[attr-defined]
    assert done[1] is None
    assert len(list_backups(folder)) == 1


def test_a_database_opened_later_gets_its_days_backup_too(
    qtbot: object,
    make_window: object,
    school_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done: list[Path | None] = []
    monkeypatch.setattr(backup_flow, "_daily_done", done.append)
    monkeypatch.setattr(main_window, "DAILY_BACKUP_AFTER_MS", 0)
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    other = tmp_path / "other.sqlite"
    assert window.open_database(other)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=10000)  # type: ignore[attr-defined]
    assert [b.reason for b in list_backups(window.dirs.backups_for(other))] == ["daily"]
    for opened in visible_windows():
        opened.close()


def test_start_up_backup_failure_is_logged_not_shown(
    qtbot: object,
    make_window: object,
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from ilp_desktop.store import errors

    def full(*_args: object) -> None:
        raise errors.DiskFullError("The disk holding the backups is full.")

    done: list[Path | None] = []
    monkeypatch.setattr(backup_flow, "_daily_done", done.append)
    monkeypatch.setattr(backup_flow, "daily_backup", full)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail("a dialog was shown"))
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    backup_flow.start_daily_backup(window)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)  # type: ignore[attr-defined]
    assert done == [None]
    assert "start-up backup" in caplog.text and "disk holding the backups is full" in caplog.text


def test_start_up_backup_that_finds_the_database_damaged_says_so(
    qtbot: object,
    make_window: object,
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ilp_desktop.store import backups

    monkeypatch.setattr(backups, "integrity_problems", lambda _path: ["Page 7: bad"])
    done: list[Path | None] = []
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(backup_flow, "_daily_done", done.append)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: warned.append((title, text))
    )
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    backup_flow.start_daily_backup(window)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)  # type: ignore[attr-defined]
    assert done == [None]
    [(title, text)] = warned
    assert "damaged" in title and "Restore from backup" in text
    assert list_backups(window.dirs.backups_for(school_db)) == []  # the bad copy removed


def test_restored_database_passes_its_check(
    qtbot: object, make_window: object, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window: MainWindow = make_window(school_db)  # type: ignore[operator]
    backup = make_backup(window.store, window.dirs.backups_for(school_db), "manual")
    backup_flow.restore_into_window(window, list_backups(backup.parent)[0])
    qtbot.waitUntil(lambda: bool(visible_windows()) and window._closed, timeout=10000)  # type: ignore[attr-defined]
    [reopened] = visible_windows()
    reopened.close()
    conn = sqlite3.connect(school_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
