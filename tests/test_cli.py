"""The command line as a user (or a check outside the suite) runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ilp_desktop import __version__

from helpers import digest


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "ilp_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ILP Desktop {__version__}"


def test_usage_error_exits_2() -> None:
    result = run("--no-such-option")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_exit_when_ready_creates_and_opens_a_database(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    result = run("--db", str(db), "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert db.exists()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _newer(path: Path) -> None:
    assert run("--db", str(path), "--exit-when-ready").returncode == 0
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('ilp_desktop', '9001_later', '2030-01-01')"
        )
    conn.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("SIS_ID,Name\n1,Ana\n"), "not a database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x07" * 60), "damaged"),
        (_newer, "newer version"),
    ],
    ids=["text-file", "truncated", "newer"],
)
def test_refused_database_exits_1_with_message_and_no_traceback(
    tmp_path: Path, make: object, words: str
) -> None:
    db = tmp_path / "school.sqlite"
    make(db)  # type: ignore[operator]
    before = digest(db)
    result = run("--db", str(db), "--exit-when-ready")
    assert result.returncode == 1
    assert words in result.stderr
    assert str(db) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert digest(db) == before


def test_exit_when_ready_closes_the_database_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    assert run("--db", str(db), "--exit-when-ready").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("school")) == [
        "school.sqlite"
    ], "the write-ahead log was left behind: the database was not closed"
