"""`ilp-desktop demo`: run as a user would, in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ilp_desktop.demo_school import DEMO_KEY
from ilp_desktop.domain.students import Student
from ilp_desktop.store.db import open_store
from ilp_desktop.store.settings import SettingsStore
from ilp_desktop.store.students import StudentStore

ROOT = Path(__file__).resolve().parent.parent


def _demo(*args: str) -> subprocess.CompletedProcess[str]:
    # The per-user XDG folders set by conftest's autouse fixture reach the child through
    # os.environ, so its logs and locks land in tmp.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "ilp_desktop", "demo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _students(db: Path) -> list[Student]:
    store = open_store(db)
    try:
        return StudentStore(store).all()
    finally:
        store.close()


def test_builds_and_prints_the_count(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"

    result = _demo("--db", str(db), "--students", "50", "--seed", "3")

    assert result.returncode == 0, result.stderr
    assert "50 students" in result.stdout
    assert len(_students(db)) == 50
    store = open_store(db)
    try:
        assert SettingsStore(store).get(DEMO_KEY) == {"students": 50, "seed": 3}
    finally:
        store.close()


def test_running_again_replaces_the_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert _demo("--db", str(db), "--students", "50", "--seed", "3").returncode == 0

    result = _demo("--db", str(db), "--students", "20", "--seed", "4")

    assert result.returncode == 0, result.stderr
    assert "20 students" in result.stdout
    assert len(_students(db)) == 20


def test_a_database_with_real_students_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    store = open_store(db)
    try:
        StudentStore(store).add(
            Student(sis_id="204511", first_name="Sinéad", last_name="Ó Briain", grade="11")
        )
    finally:
        store.close()

    result = _demo("--db", str(db), "--students", "50", "--seed", "3")

    assert result.returncode == 1
    assert "never mixed with real records" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert [s.sis_id for s in _students(db)] == ["204511"]


@pytest.mark.parametrize("count", ["0", "abc", "-5"])
def test_a_bad_number_of_students_is_a_usage_error(tmp_path: Path, count: str) -> None:
    db = tmp_path / "demo.sqlite"

    result = _demo("--db", str(db), "--students", count)

    assert result.returncode == 2
    assert "--students" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()
