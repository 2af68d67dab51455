"""`ilp-desktop backup`, `restore` and `check`, run in-process as a counselor would type them."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from ilp_desktop import cli
from ilp_desktop.cli_backup import COMMANDS, add_commands, run
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.backups import list_backups, make_backup
from ilp_desktop.store.db import open_store
from ilp_desktop.store.instance_lock import InstanceLock
from ilp_desktop.store.students import StudentStore

from helpers import digest, make_student


def _wired() -> bool:
    commands = next(
        a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    return all(name in commands.choices for name in COMMANDS)


def main(argv: Sequence[str]) -> int:
    """``ilp-desktop`` itself once cli.py has the commands; until then the same parser bits."""
    if _wired():
        return cli.main(list(argv))
    parser = argparse.ArgumentParser(prog="ilp-desktop")
    add_commands(parser.add_subparsers(dest="command"))
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    return cli._run_refusable(lambda: run(args, AppDirs.for_user()))


def count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "school.sqlite"
    store = open_store(path, AppDirs.for_user().backups_for(path))
    StudentStore(store).add_many(make_student(n) for n in range(12))
    store.close()
    return path


def damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'students'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 : root * 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def test_backup_writes_a_checked_copy_and_never_overwrites(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb" / "copy.sqlite"
    out.parent.mkdir()
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert str(out) in said and "12 students" in said and "sound" in said
    assert count(out) == 12
    before = digest(out)
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and str(out) in err and "Traceback" not in err
    assert digest(out) == before


def test_backup_refusals(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.sqlite"
    assert main(["backup", "--db", str(missing), "--out", str(tmp_path / "c.sqlite")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "c.sqlite").exists()
    out = tmp_path / "no such folder" / "c.sqlite"
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # --out is required: a usage error
        main(["backup", "--db", str(db)])
    assert usage.value.code == 2


def test_restore_replaces_the_database_and_says_where_the_old_one_is(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    store = open_store(db, AppDirs.for_user().backups_for(db))
    StudentStore(store).add_many(make_student(n) for n in range(100, 103))
    store.close()
    capsys.readouterr()
    assert main(["restore", "--db", str(db), str(copy)]) == 0
    said = capsys.readouterr().out
    assert count(db) == 12
    saved = [
        b for b in list_backups(AppDirs.for_user().backups_for(db)) if b.reason == "before-restore"
    ]
    assert len(saved) == 1 and saved[0].students == 15
    assert f"Restored {db} from {copy}" in said and str(saved[0].path) in said


def test_restore_refuses_a_bad_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database")
    assert main(["restore", "--db", str(db), str(notes)]) == 1
    err = capsys.readouterr().err
    assert "not a backup of an ILP Desktop database" in err and "Traceback" not in err
    assert digest(db) == before
    broken = tmp_path / "broken.sqlite"
    store = open_store(db, tmp_path / "b")
    StudentStore(store).add_many(make_student(n) for n in range(200, 400))
    made = make_backup(store, tmp_path / "b", "manual")
    store.close()
    made.rename(broken)
    damage(broken)
    before = digest(db)
    assert main(["restore", "--db", str(db), str(broken)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert digest(db) == before


def test_restore_refuses_while_the_database_is_open(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    before = digest(db)
    with InstanceLock(AppDirs.for_user().locks, db) as lock:
        assert lock.acquire()
        assert main(["restore", "--db", str(db), str(copy)]) == 1
    assert "already open" in capsys.readouterr().err
    assert digest(db) == before


def test_check_a_sound_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == f"{db} is sound."


def test_check_a_damaged_database_names_the_latest_good_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "school.sqlite"
    folder = AppDirs.for_user().backups_for(db)
    store = open_store(db, folder)
    StudentStore(store).add_many(make_student(n) for n in range(300))
    good = make_backup(store, folder, "daily")
    store.close()
    damage(db)
    assert main(["check", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "has problems" in err and "Traceback" not in err
    assert f"ilp-desktop restore --db {db} {good}" in err and "300 students" in err


def test_check_without_a_backup_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "elsewhere")
    StudentStore(store).add_many(make_student(n) for n in range(300))
    store.close()
    damage(db)
    assert main(["check", "--db", str(db)]) == 1
    assert "No good backup" in capsys.readouterr().err
    assert main(["check", "--db", str(tmp_path / "missing.sqlite")]) == 1
    assert "does not exist" in capsys.readouterr().err
