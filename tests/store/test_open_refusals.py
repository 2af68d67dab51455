"""Every refused database leaves the file byte-identical, with a message naming it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

from ilp_desktop.store import errors
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore

from helpers import digest, make_student


def _school(path: Path, count: int = 50) -> Path:
    store = open_store(path, path.parent / "backups")
    StudentStore(store).add_many(make_student(n) for n in range(count))
    store.close()
    return path


def _refused(path: Path, kind: type[errors.StoreError], *words: str) -> str:
    before = digest(path) if path.is_file() else None
    with pytest.raises(kind) as caught:
        open_store(path, path.parent / "backups", busy_timeout=0.2)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message
    if before is not None:
        assert digest(path) == before, "a refused file must be left byte-identical"
    return message


def test_newer_version_is_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('ilp_desktop', '9001_from_the_future', '2030-01-01')"
        )
    conn.close()
    message = _refused(path, errors.NewerDatabaseError, "newer version", "9001_from_the_future")
    assert "Install the newer version" in message


@pytest.mark.parametrize(
    "content",
    [b"Student,Grade\nAna,9\n", b"%PDF-1.7\n" + bytes(range(256)) * 8, b"\x00" * 4096],
    ids=["csv", "pdf", "zeros"],
)
def test_file_that_is_not_a_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.sqlite"
    path.write_bytes(content)
    _refused(path, errors.NotADatabaseError, "is not a database")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    _refused(path, errors.NotADatabaseError, "empty file")


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.sqlite"
    folder.mkdir()
    _refused(folder, errors.NotADatabaseError, "folder")


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('about:blank')")
    conn.close()
    _refused(path, errors.NotADatabaseError, "another program")


def test_truncated_database_is_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite", count=800)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, errors.CorruptDatabaseError, "damaged")


def test_header_only_fragment_is_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite")
    path.write_bytes(path.read_bytes()[:40])
    _refused(path, errors.CorruptDatabaseError, "damaged")


def test_corrupt_pages_are_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite", count=800)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page * 3):  # scribble over many pages
        data[start + 8 : start + 600] = os.urandom(592)
    path.write_bytes(bytes(data))
    _refused(path, errors.CorruptDatabaseError, "damaged")


def test_database_being_written_by_another_program_is_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE students SET notes = 'busy'")
    try:
        _refused(path, errors.LockedDatabaseError, "locked by another program")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_database_locked_exclusively_is_refused(tmp_path: Path) -> None:
    path = _school(tmp_path / "school.sqlite")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        _refused(path, errors.LockedDatabaseError, "locked by another program")
    finally:
        other.execute("ROLLBACK")
        other.close()


def _in_read_only_folder(existing: bool) -> None:
    """Refusal in a folder the user cannot write to.

    root can write anywhere, so as root the check runs in a forked child that has dropped to
    the 'nobody' user; otherwise it runs here. The folder is outside pytest's private tmp so
    that 'nobody' can reach it.
    """
    base = Path(tempfile.mkdtemp(prefix="ilp-ro-"))
    os.chmod(base, 0o755)
    folder = base / "readonly"
    folder.mkdir()
    path = folder / "school.sqlite"
    if existing:
        _school(path)
        os.chmod(path, 0o644)
    before = digest(path) if existing else None
    os.chmod(folder, 0o555)
    try:
        if os.geteuid() != 0:
            _refused(path, errors.ReadOnlyLocationError, "read-only")
            return
        pid = os.fork()
        if pid == 0:  # child: must never return into pytest
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                try:
                    open_store(path, None, busy_timeout=0.2)
                    code = 5
                except errors.ReadOnlyLocationError as error:
                    code = 0 if str(path) in str(error) and "read-only" in str(error) else 3
                except BaseException:
                    code = 4
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        os.chmod(folder, 0o755)
        if before is not None:
            assert digest(path) == before
        else:
            assert not path.exists()
        shutil.rmtree(base)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_existing_database_in_read_only_folder_is_refused() -> None:
    _in_read_only_folder(existing=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_database_in_read_only_folder_is_refused() -> None:
    _in_read_only_folder(existing=False)


def test_damage_outside_the_startup_tables_is_found_by_the_full_check(tmp_path: Path) -> None:
    from ilp_desktop.store.db import full_check

    path = _school(tmp_path / "school.sqlite", count=20)
    store = open_store(path, tmp_path / "backups")
    store.conn.execute("CREATE TABLE notes_probe (id INTEGER PRIMARY KEY, body TEXT)")
    store.conn.executemany(
        "INSERT INTO notes_probe (body) VALUES (?)", [("x" * 900,) for _ in range(400)]
    )
    store.conn.commit()
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = store.conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'notes_probe'"
    ).fetchone()[0]
    store.close()
    assert full_check(path) == []
    data = bytearray(path.read_bytes())
    start = (root - 1) * 4096  # the probe table's root page: its list of child pages
    data[start + 12 : start + 400] = os.urandom(388)
    path.write_bytes(bytes(data))
    opened = open_store(path, tmp_path / "backups")  # start-up's tables are intact
    opened.close()
    problems = full_check(path)
    assert problems and problems != ["ok"]
