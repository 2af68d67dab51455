"""Start-up with a damaged database offers the latest good backup; the damaged file is moved
aside, never overwritten. Other environment errors at start are messages, not tracebacks."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ilp_desktop.app import run_gui
from ilp_desktop.gui import window_factory
from ilp_desktop.gui.dialogs.restore_dialog import RestoreDialog, RestoreOfferDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.backup import backup_into
from ilp_desktop.store.backups import list_backups
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore

from helpers import digest, make_student


def damage(path: Path) -> None:
    """Garbage over the students table's pages in the middle of the file."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'students'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 : root * 4096] = bytes((n * 61 + 7) % 256 for n in range(4096))
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_school(tmp_path: Path) -> tuple[Path, AppDirs]:
    """A school of 200 whose file is then damaged, with two good backups (150 and 200)."""
    dirs = AppDirs.for_user()
    db = tmp_path / "ilp.sqlite"
    folder = dirs.backups_for(db)
    store = open_store(db, folder)
    StudentStore(store).add_many(make_student(n) for n in range(150))
    now = dt.datetime.now()
    backup_into(store.conn, folder, db.stem, "daily", now - dt.timedelta(days=2))
    StudentStore(store).add_many(make_student(n) for n in range(150, 200))
    backup_into(store.conn, folder, db.stem, "daily", now - dt.timedelta(days=1))
    store.close()
    damage(db)
    return db, dirs


def offer_answers(monkeypatch: pytest.MonkeyPatch, *choices: str) -> list[RestoreOfferDialog]:
    shown: list[RestoreOfferDialog] = []
    answers = list(choices)

    def exec_(dialog: RestoreOfferDialog) -> int:
        shown.append(dialog)
        dialog.choice = answers.pop(0)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreOfferDialog, "exec", exec_)
    return shown


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_gui returns once its window is shown, instead of running until it closes."""
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)


def open_windows() -> list[MainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and not w._closed
    ]


def aside(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.damaged-*"))


def test_a_damaged_database_is_really_refused(damaged_school: tuple[Path, AppDirs]) -> None:
    from ilp_desktop.store.errors import CorruptDatabaseError

    db, dirs = damaged_school
    with pytest.raises(CorruptDatabaseError):
        open_store(db, dirs.backups_for(db))


def test_restore_the_latest_good_backup(
    qtbot: object,
    damaged_school: tuple[Path, AppDirs],
    monkeypatch: pytest.MonkeyPatch,
    no_event_loop: None,
) -> None:
    db, dirs = damaged_school
    damaged = digest(db)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    offers = offer_answers(monkeypatch, RestoreOfferDialog.RESTORE)
    assert run_gui(db, dirs) == 0
    text = offers[0].text.text()
    assert str(db) in text and "damaged" in text and "200 students" in text
    assert "yesterday at" in text and offers[0].newest is not None
    [window] = open_windows()
    assert window.store.path == db and window.students.count() == 200
    [moved] = aside(db)
    assert digest(moved) == damaged, "the damaged file is kept as it was"
    qtbot.waitUntil(lambda: bool(said), timeout=5000)  # type: ignore[attr-defined]
    assert str(moved) in said[0]
    window.close()


def test_choose_another_backup(
    damaged_school: tuple[Path, AppDirs], monkeypatch: pytest.MonkeyPatch, no_event_loop: None
) -> None:
    db, dirs = damaged_school
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    offer_answers(monkeypatch, RestoreOfferDialog.CHOOSE)
    chooser: list[RestoreDialog] = []

    def pick_the_older(dialog: RestoreDialog) -> int:
        chooser.append(dialog)
        dialog._chosen = dialog.model.backup(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", pick_the_older)
    assert run_gui(db, dirs) == 0
    assert chooser[0].damaged and chooser[0].model.rowCount() == 2
    [window] = open_windows()
    assert window.students.count() == 150
    assert len(aside(db)) == 1
    window.close()


def test_quit_leaves_the_damaged_file_alone(
    damaged_school: tuple[Path, AppDirs], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, dirs = damaged_school
    before = digest(db)
    offer_answers(monkeypatch, RestoreOfferDialog.QUIT)
    assert run_gui(db, dirs) == 1
    assert digest(db) == before and aside(db) == [] and open_windows() == []


def test_without_a_backup_it_says_so_and_where_the_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "elsewhere")
    StudentStore(store).add_many(make_student(n) for n in range(200))
    store.close()
    damage(db)
    offers = offer_answers(monkeypatch, RestoreOfferDialog.QUIT)
    assert run_gui(db, AppDirs.for_user()) == 1
    text = offers[0].text.text()
    assert "no good backup" in text and str(db) in text
    assert offers[0].newest is None and aside(db) == []


def test_exit_when_ready_never_waits_on_a_dialog(
    damaged_school: tuple[Path, AppDirs],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, dirs = damaged_school
    before = digest(db)
    monkeypatch.setattr(RestoreOfferDialog, "exec", lambda self: pytest.fail("a dialog waited"))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("a dialog waited"))
    assert run_gui(db, dirs, exit_when_ready=True) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and str(dirs.backups_for(db)) in err
    assert digest(db) == before


def test_a_refused_backup_is_said_and_offered_again(
    damaged_school: tuple[Path, AppDirs], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, dirs = damaged_school
    for backup in dirs.backups_for(db).iterdir():
        damage(backup)  # every backup damaged after the offer was made
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(
        "ilp_desktop.gui.backup_flow.newest_good_backup",
        lambda folder: list_backups(folder)[0],
    )
    offers = offer_answers(monkeypatch, RestoreOfferDialog.RESTORE, RestoreOfferDialog.QUIT)
    before = digest(db)
    assert run_gui(db, dirs) == 1
    assert len(offers) == 2 and "damaged" in warned[0]
    assert digest(db) == before and aside(db) == []


def refused_at_start(monkeypatch: pytest.MonkeyPatch, db: Path) -> str:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text))
    )
    assert run_gui(db, AppDirs.for_user()) == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert "cannot open" in title and "Traceback" not in text
    return text


def test_a_locked_database_is_a_message(school_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        window_factory, "open_store", functools.partial(open_store, busy_timeout=0.2)
    )
    other = sqlite3.connect(school_db)
    other.execute("BEGIN IMMEDIATE")
    try:
        text = refused_at_start(monkeypatch, school_db)
    finally:
        other.rollback()
        other.close()
    assert "locked by another program" in text and str(school_db) in text


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk holding"),
        (OSError(errno.ENOSPC, "No space left on device"), "is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (PermissionError(errno.EACCES, "Permission denied"), "read-only"),
    ],
    ids=["disk-full", "disk-full-os", "read-only", "read-only-os"],
)
def test_environment_errors_at_start_are_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, words: str
) -> None:
    def failing(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(window_factory, "open_store", failing)
    text = refused_at_start(monkeypatch, tmp_path / "new.sqlite")
    assert words in text
