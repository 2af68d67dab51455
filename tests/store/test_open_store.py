from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from ilp_desktop.store import db as db_module
from ilp_desktop.store import migrations
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore

from helpers import make_student


def test_new_database_is_owner_only_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(migrations.KNOWN_NAMES)
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == (
            migrations.APPLICATION_ID
        )
    finally:
        store.close()
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".new")]
    assert leftovers == []


def test_reopening_keeps_data_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    StudentStore(store).add(make_student(1))
    store.close()
    store = open_store(path, tmp_path / "backups")
    assert StudentStore(store).count() == 1
    store.close()
    assert not (tmp_path / "backups").exists()


def test_empty_sqlite_file_becomes_an_ilp_database(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    store = open_store(path, tmp_path / "backups")
    assert StudentStore(store).count() == 0
    store.close()


def test_older_database_is_backed_up_then_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    StudentStore(store).add_many(make_student(n) for n in range(30))
    store.close()

    def m9999_add_column(database: object) -> None:
        database.execute("ALTER TABLE students ADD COLUMN nickname_test TEXT")  # type: ignore[attr-defined]

    steps = [*migrations.STEPS, ("9999_test_add_column", m9999_add_column)]
    names = tuple(name for name, _ in steps)
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "KNOWN_NAMES", names)
    monkeypatch.setattr(db_module, "KNOWN_NAMES", names)

    store = open_store(path, tmp_path / "backups")
    columns = {r[1] for r in store.conn.execute("PRAGMA table_info(students)")}
    assert "nickname_test" in columns
    store.close()

    backups = list((tmp_path / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and "before-9999_test_add_column" in backups[0].name
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM students").fetchone()[0] == 30
    copy_columns = {r[1] for r in copy.execute("PRAGMA table_info(students)")}
    assert "nickname_test" not in copy_columns
    copy.close()


def test_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    StudentStore(store).add(make_student(1))
    store.close()

    def m9999_broken(database: object) -> None:
        database.execute("ALTER TABLE students ADD COLUMN half_done TEXT")  # type: ignore[attr-defined]
        raise RuntimeError("simulated failure halfway through a migration")

    steps = [*migrations.STEPS, ("9999_broken", m9999_broken)]
    names = tuple(name for name, _ in steps)
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(db_module, "KNOWN_NAMES", names)
    with pytest.raises(RuntimeError):
        open_store(path, tmp_path / "backups")
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(students)")}
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    conn.close()
    assert "half_done" not in columns
    assert "9999_broken" not in applied
