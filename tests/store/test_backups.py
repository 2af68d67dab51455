"""Backups: made with the backup API and checked, never overwritten, rotated, listed, restored
(the current database saved or moved aside first), and purged of a student."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ilp_desktop.domain.backup_rotation import backup_name, parse_backup_name
from ilp_desktop.store import backups as backups_module
from ilp_desktop.store import errors
from ilp_desktop.store.backup import backup_into, backup_to
from ilp_desktop.store.backups import (
    BackupCheckError,
    BackupRefusedError,
    daily_backup,
    database_problems,
    list_backups,
    make_backup,
    move_aside,
    newest_good_backup,
    purge_student_from_backups,
    restore_backup,
)
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.students import StudentStore

from helpers import digest, make_student


def school(path: Path, count: int) -> Path:
    store = open_store(path, path.parent / "backups")
    StudentStore(store).add_many(make_student(n) for n in range(count))
    store.close()
    return path


def count_students(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        conn.close()


def damage(path: Path, table: str = "students") -> None:
    """Garbage over a table's root page, in the middle of a real database file."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    assert pages >= 20 and 1 < root < pages, "damage the middle of a real database"
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes((n * 37 + 11) % 256 for n in range(page_size))
    path.write_bytes(bytes(data))


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


# Making ----------------------------------------------------------------------------------------
def test_backup_is_a_checked_owner_only_copy(store: Store, tmp_path: Path) -> None:
    StudentStore(store).add_many(make_student(n) for n in range(30))
    folder = tmp_path / "copies"
    path = make_backup(store, folder, "before-roster-import")
    stamp = parse_backup_name(path.name)
    assert stamp is not None and stamp.reason == "before-roster-import"
    assert path.parent == folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert count_students(path) == 30
    assert backups_module.integrity_problems(path) == []
    assert names(folder) == [path.name], "no partial file, no -wal beside the copy"


def test_backups_in_the_same_second_do_not_overwrite_each_other(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    moment = dt.datetime(2026, 11, 22, 10, 15, 0)
    first = backup_into(store.conn, folder, "school", "manual", moment)
    StudentStore(store).add(make_student(1))
    second = backup_into(store.conn, folder, "school", "manual", moment)
    assert first != second and first.exists() and second.exists()
    assert (count_students(first), count_students(second)) == (0, 1)
    third = backup_into(store.conn, folder, "school", "before-roster-import", moment)
    assert [parse_backup_name(p.name).sequence for p in (first, second, third)] == [1, 2, 3]  # type: ignore[union-attr]
    made = [make_backup(store, folder, "before-roster-import") for _ in range(3)]
    assert len(set(made)) == 3 and all(p.exists() for p in made)


def test_backup_to_never_overwrites(store: Store, tmp_path: Path) -> None:
    existing = tmp_path / "keep.sqlite"
    existing.write_bytes(b"someone's file")
    with pytest.raises(FileExistsError):
        backup_to(store.conn, existing)
    assert existing.read_bytes() == b"someone's file"


def test_a_backup_that_fails_its_check_is_removed_and_reported(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        backups_module, "integrity_problems", lambda path: ["Page 7: btreeInitPage() error 11"]
    )
    folder = tmp_path / "copies"
    with pytest.raises(BackupCheckError) as caught:
        make_backup(store, folder, "manual")
    assert "integrity check" in str(caught.value) and str(store.path) in str(caught.value)
    assert names(folder) == []


def test_backups_before_a_migration_are_checked_and_rotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store import db as db_module
    from ilp_desktop.store import migrations

    path = school(tmp_path / "school.sqlite", 5)
    folder = tmp_path / "backups"
    seeded = seed_backups(
        path, folder, "before-0001_x", [dt.timedelta(days=300, minutes=m) for m in range(8)]
    )
    steps = [*migrations.STEPS, ("9999_probe", lambda db: db.execute("CREATE TABLE probe (x)"))]
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(db_module, "KNOWN_NAMES", tuple(n for n, _ in steps))
    monkeypatch.setattr(migrations, "KNOWN_NAMES", tuple(n for n, _ in steps))
    open_store(path, folder).close()
    made = [n for n in names(folder) if n.endswith("before-9999_probe.sqlite")]
    assert len(made) == 1
    # The newest five "before" copies are kept (the new one and four seeded); of that old
    # day only its newest would be kept anyway.
    assert names(folder) == sorted([*made, *(p.name for p in seeded[:4])])


def test_a_migration_whose_backup_fails_its_check_is_refused_as_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start the app offers the latest good backup for a CorruptDatabaseError: the backup
    made before a migration failing its check must be one, and nothing is migrated."""
    from ilp_desktop.store import db as db_module
    from ilp_desktop.store import migrations

    path = school(tmp_path / "school.sqlite", 5)
    steps = [*migrations.STEPS, ("9999_probe", lambda db: db.execute("CREATE TABLE probe (x)"))]
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(db_module, "KNOWN_NAMES", tuple(n for n, _ in steps))
    monkeypatch.setattr(migrations, "KNOWN_NAMES", tuple(n for n, _ in steps))
    monkeypatch.setattr(backups_module, "integrity_problems", lambda _path: ["Page 7: bad"])
    with pytest.raises(errors.CorruptDatabaseError) as caught:
        open_store(path, tmp_path / "backups").close()
    assert isinstance(caught.value, BackupCheckError)
    assert "(SQLite reports: Page 7: bad). " in str(caught.value)  # what the offer shows
    assert names(tmp_path / "backups") == []
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'probe'").fetchone() is None
    finally:
        conn.close()


def test_the_backup_before_an_import_says_nothing_was_imported(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store.backups import BackupBeforeImportError, backup_before_import

    made = backup_before_import(store, tmp_path / "b", "before-roster-import")
    assert made.parent == tmp_path / "b" and made.name.endswith("before-roster-import.sqlite")
    monkeypatch.setattr(backups_module, "integrity_problems", lambda _path: ["Page 7: bad"])
    with pytest.raises(BackupBeforeImportError) as caught:
        backup_before_import(store, tmp_path / "b", "before-roster-import")
    message = str(caught.value)
    assert "so nothing was imported" in message and "may be damaged" in message
    assert names(tmp_path / "b") == [made.name]


def test_backup_to_file_never_overwrites_and_removes_a_copy_that_fails(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store.backups import backup_to_file

    StudentStore(store).add(make_student(1))
    out = backup_to_file(store, tmp_path / "copy.sqlite")
    assert count_students(out) == 1
    with pytest.raises(errors.StoreError, match="never overwrites"):
        backup_to_file(store, out)
    monkeypatch.setattr(backups_module, "integrity_problems", lambda _path: ["Page 7: bad"])
    with pytest.raises(BackupCheckError):
        backup_to_file(store, tmp_path / "bad.sqlite")
    assert not (tmp_path / "bad.sqlite").exists()


def seed_backups(
    db: Path, folder: Path, reason: str, ages: list[dt.timedelta], now: dt.datetime | None = None
) -> list[Path]:
    """Real backups of ``db`` under names made ``ages`` ago."""
    now = now or dt.datetime.now()
    conn = sqlite3.connect(db)
    try:
        return [backup_into(conn, folder, db.stem, reason, now - age) for age in ages]
    finally:
        conn.close()


def test_rotation_after_a_backup_keeps_days_weeks_and_strangers(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    store.conn.commit()
    seeded = seed_backups(store.path, folder, "daily", [dt.timedelta(days=d) for d in range(1, 61)])
    stranger = folder / "notes from IT.txt"
    stranger.write_text("leave me")
    made = make_backup(store, folder, "daily")
    kept = names(folder)
    assert made.name in kept and stranger.name in kept
    # today + 6 more days, then 4 weeks
    assert len([n for n in kept if n.endswith(".sqlite")]) == 7 + 4
    assert seeded[0].name in kept and seeded[-1].name not in kept


# Start-up backup -------------------------------------------------------------------------------
def test_daily_backup_is_made_once_a_day(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 3)
    folder = tmp_path / "backups"
    morning = dt.datetime.now().replace(hour=8)
    first = daily_backup(db, folder, morning)
    assert first is not None and count_students(first) == 3
    assert daily_backup(db, folder, morning.replace(hour=17)) is None
    tomorrow = daily_backup(db, folder, morning + dt.timedelta(days=1))
    assert tomorrow is not None
    assert "daily" in tomorrow.name


def test_daily_backup_reads_beside_an_open_window(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 3)
    store = open_store(db, tmp_path / "backups")  # the window's connection, in WAL mode
    StudentStore(store).add(make_student(99))  # committed, maybe only in the -wal so far
    made = daily_backup(db, tmp_path / "backups")
    store.close()
    assert made is not None and count_students(made) == 4


# Listing ---------------------------------------------------------------------------------------
def test_listing_is_newest_first_with_counts_and_damaged_copies(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    StudentStore(store).add_many(make_student(n) for n in range(4))
    older = make_backup(store, folder, "manual")
    StudentStore(store).add(make_student(10))
    newer = make_backup(store, folder, "before-roster-import")
    broken = folder / backup_name("school", "daily", dt.datetime.now() + dt.timedelta(hours=1))
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    listed = list_backups(folder)
    assert [b.path.name for b in listed] == [broken.name, newer.name, older.name]
    assert listed[0].damaged and listed[0].students is None and listed[0].problem
    assert [b.students for b in listed[1:]] == [5, 4]
    assert listed[1].label == "Before importing a roster" and listed[2].label == "Made by you"
    assert listed[1].size == newer.stat().st_size
    assert newest_good_backup(folder) is not None
    assert newest_good_backup(folder).path == newer  # type: ignore[union-attr]
    assert list_backups(tmp_path / "nowhere") == []


# Restoring -------------------------------------------------------------------------------------
def test_restore_brings_the_backup_back_and_saves_the_current_one(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 5)
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    backup = make_backup(store, folder, "manual")
    StudentStore(store).add_many(make_student(n) for n in range(100, 120))
    store.close()
    kept = restore_backup(db, backup, folder)
    assert count_students(db) == 5
    assert kept is not None and kept.parent == folder
    assert parse_backup_name(kept.name).reason == "before-restore"  # type: ignore[union-attr]
    assert count_students(kept) == 25
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert names(tmp_path) == ["backups", "school.sqlite"], "no temporary file left beside it"
    reopened = open_store(db, folder)
    assert StudentStore(reopened).count() == 5
    reopened.close()


def test_restore_keeps_changes_a_crash_left_in_the_log(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 2)
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    backup = make_backup(store, folder, "manual")
    store.close()
    # A program killed after a commit: the change is only in school.sqlite-wal.
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE students SET first_name = 'Crashed'\")\n"
        "c.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    assert Path(f"{db}-wal").exists()
    kept = restore_backup(db, backup, folder)
    assert kept is not None
    conn = sqlite3.connect(f"{kept.as_uri()}?mode=ro", uri=True)
    assert {r[0] for r in conn.execute("SELECT first_name FROM students")} == {"Crashed"}
    conn.close()
    assert not Path(f"{db}-wal").exists()
    conn = sqlite3.connect(db)
    assert "Crashed" not in {r[0] for r in conn.execute("SELECT first_name FROM students")}
    conn.close()


def refused_restore(db: Path, backup: Path, folder: Path, *words: str) -> None:
    before = digest(db)
    existing = names(folder)
    with pytest.raises(BackupRefusedError) as caught:
        restore_backup(db, backup, folder)
    message = str(caught.value)
    assert str(backup) in message and "Nothing has been changed" in message
    for word in words:
        assert word in message
    assert digest(db) == before
    assert names(folder) == existing, "no before-restore copy for a refused restore"


def test_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 40)
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    backup = make_backup(store, folder, "manual")
    store.close()
    damage(backup)
    refused_restore(db, backup, folder, "damaged")


def test_restore_refuses_a_foreign_or_newer_file(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 3)
    folder = tmp_path / "backups"
    folder.mkdir()
    text = tmp_path / "roster.csv"
    text.write_text("Student_Number,Last_Name\n1,Ana\n")
    refused_restore(db, text, folder, "not a backup of an ILP Desktop database")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE students (id)")
    conn.close()
    refused_restore(db, other, folder, "not a backup of an ILP Desktop database")
    newer = school(tmp_path / "newer.sqlite", 3)
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('ilp_desktop', '9001_from_the_future', '2030-01-01')"
        )
    conn.close()
    refused_restore(db, newer, folder, "newer version", "9001_from_the_future")
    refused_restore(db, tmp_path / "missing.sqlite", folder, "does not exist")
    refused_restore(db, db, folder, "the database itself")


def test_a_corrupt_database_is_refused_at_open(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 200)
    damage(db)
    before = digest(db)
    with pytest.raises(errors.CorruptDatabaseError) as caught:
        open_store(db, tmp_path / "backups")
    assert str(db) in str(caught.value)
    assert digest(db) == before
    assert database_problems(db)


def test_restore_over_a_damaged_database_moves_it_aside(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 200)
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    backup = make_backup(store, folder, "daily")
    store.close()
    damage(db)
    damaged_digest = digest(db)
    Path(f"{db}-wal").write_bytes(b"the damaged file's log")
    kept = restore_backup(db, backup, folder)
    assert kept is not None and kept.parent == tmp_path
    assert kept.name.startswith("school.sqlite.damaged-")
    assert digest(kept) == damaged_digest
    assert Path(f"{kept}-wal").read_bytes() == b"the damaged file's log"
    assert not Path(f"{db}-wal").exists()
    assert count_students(db) == 200 and database_problems(db) == []
    assert [n for n in names(folder) if "before-restore" in n] == []


def test_a_damaged_file_is_moved_aside_without_overwriting(tmp_path: Path) -> None:
    db = tmp_path / "ilp.sqlite"
    moment = dt.datetime(2026, 11, 22, 10, 15, 0)
    earlier = tmp_path / "ilp.sqlite.damaged-2026-11-22T101500"
    earlier.write_bytes(b"an earlier damaged copy")
    db.write_bytes(b"this one")
    moved = move_aside(db, moment)
    assert moved.name == "ilp.sqlite.damaged-2026-11-22T101500_2"
    assert moved.read_bytes() == b"this one" and earlier.read_bytes() == b"an earlier damaged copy"
    assert not db.exists()


def test_restore_into_a_new_place(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 3)
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    backup = make_backup(store, folder, "manual")
    store.close()
    target = tmp_path / "new laptop" / "ilp.sqlite"
    assert restore_backup(target, backup, tmp_path / "other backups") is None
    assert count_students(target) == 3


# Checking --------------------------------------------------------------------------------------
def test_database_problems(tmp_path: Path) -> None:
    db = school(tmp_path / "school.sqlite", 5)
    assert database_problems(db) == []
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO guardians (student_id, position, name) VALUES (999, 0, 'Nobody''s')"
        )
    conn.close()
    problems = database_problems(db)
    assert problems and "guardians" in problems[0] and "students" in problems[0]
    with pytest.raises(errors.NotADatabaseError):
        database_problems(tmp_path / "missing.sqlite")


# Purging a student from the backups -------------------------------------------------------------
def test_purge_student_from_backups(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    folder = tmp_path / "backups"
    store = open_store(db, folder)
    students = StudentStore(store)
    students.add_many(make_student(n) for n in range(3))
    unique = "Zygmuntówna-Quillfeather"
    leaving = students.add(make_student(7, last_name=unique))
    audit = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone()
    if not audit:  # before the change history exists: a table of the same shape
        store.conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, student_id INTEGER, what)")
        store.conn.execute(
            "INSERT INTO audit (student_id, what) VALUES (?, ?)", [leaving.id, unique]
        )
        store.conn.commit()
    with_student = [make_backup(store, folder, "manual") for _ in range(2)]
    store.conn.execute("DELETE FROM students WHERE id = ?", [leaving.id])
    store.conn.execute("DELETE FROM audit WHERE student_id = ?", [leaving.id])
    store.conn.commit()
    without = make_backup(store, folder, "manual")
    store.close()
    untouched = digest(without)
    assert all(unique.encode() in p.read_bytes() for p in with_student)

    assert purge_student_from_backups(folder, leaving.sis_id) == 2
    for path in with_student:
        assert unique.encode() not in path.read_bytes()
        assert count_students(path) == 3
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        assert (
            conn.execute(
                "SELECT count(*) FROM guardians WHERE student_id = ?", [leaving.id]
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM audit WHERE student_id = ?", [leaving.id]
            ).fetchone()[0]
            == 0
        )
        conn.close()
        assert backups_module.integrity_problems(path) == []
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()
    assert digest(without) == untouched
    assert purge_student_from_backups(folder, leaving.sis_id) == 0
