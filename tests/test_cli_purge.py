"""`ilp-desktop purge-student`: confirmation, the student gone, others untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilp_desktop.cli import main
from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.backups import make_backup
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore


@pytest.fixture
def school(tmp_path: Path) -> Path:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "migration-backups")
    build_demo_school(store, students=10, seed=2)
    store.close()
    return db


def _sis_ids(db: Path) -> set[str]:
    store = open_store(db)
    try:
        return {s.sis_id for s in StudentStore(store).all()}
    finally:
        store.close()


def test_without_yes_nothing_is_removed(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sis_id = sorted(_sis_ids(school))[0]
    before = school.read_bytes()
    assert main(["purge-student", "--db", str(school), "--student", sis_id]) == 1
    err = capsys.readouterr().err
    assert "Add --yes" in err and "nothing was removed" in err
    assert school.read_bytes() == before


def test_purge_removes_one_student_and_tells_about_backups(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everyone = _sis_ids(school)
    sis_id = sorted(everyone)[1]
    assert main(["purge-student", "--db", str(school), "--student", sis_id, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"({sis_id})" in out and "--from-backups" in out
    assert _sis_ids(school) == everyone - {sis_id}


def test_an_unknown_sis_id_is_refused(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["purge-student", "--db", str(school), "--student", "no-such", "--yes"]) == 1
    assert "no student has the SIS id “no-such”" in capsys.readouterr().err


def test_purge_from_backups_too(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sis_id = sorted(_sis_ids(school))[2]
    folder = AppDirs.for_user().backups_for(school)
    store = open_store(school)
    try:
        made = make_backup(store, folder, "manual")
    finally:
        store.close()
    assert sis_id.encode() in made.read_bytes()
    args = ["purge-student", "--db", str(school), "--student", sis_id, "--yes", "--from-backups"]
    assert main(args) == 0
    assert "from 1 backup" in capsys.readouterr().out
    for backup in folder.glob("*.sqlite"):
        assert sis_id.encode() not in backup.read_bytes(), backup


def test_the_backups_of_a_student_removed_earlier(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first run says to run again with --from-backups: that must work although the
    student is no longer in the database."""
    sis_id = sorted(_sis_ids(school))[3]
    folder = AppDirs.for_user().backups_for(school)
    store = open_store(school)
    try:
        made = make_backup(store, folder, "manual")
    finally:
        store.close()
    assert main(["purge-student", "--db", str(school), "--student", sis_id, "--yes"]) == 0
    assert "--from-backups" in capsys.readouterr().out
    assert sis_id.encode() in made.read_bytes()
    again = ["purge-student", "--db", str(school), "--student", sis_id, "--from-backups"]
    assert main(again) == 1  # still asks for --yes
    assert "Add --yes" in capsys.readouterr().err and sis_id.encode() in made.read_bytes()
    assert main([*again, "--yes"]) == 0
    assert "Removed them from 1 backup" in capsys.readouterr().out
    assert sis_id.encode() not in made.read_bytes()
    assert main([*again, "--yes"]) == 1  # nothing anywhere now
    assert "nothing was removed" in capsys.readouterr().err
