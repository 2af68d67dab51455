"""`ilp-desktop export-student` and `import-student`, run in-process as a counselor types them."""

from __future__ import annotations

import argparse
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from ilp_desktop.cli_transfer import add_commands, run
from ilp_desktop.domain.plans import Goal
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.db import open_store
from ilp_desktop.store.instance_lock import InstanceLock
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student, named_students


def cli(argv: Sequence[str]) -> int:
    """The two commands as `ilp-desktop` parses them (before cli.py wires them in)."""
    parser = argparse.ArgumentParser(prog="ilp-desktop")
    add_commands(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(argv), AppDirs.for_user())


def counts(db: Path) -> dict[str, int]:
    store = open_store(db, None)
    try:
        tables = [
            r[0]
            for r in store.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: store.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        store.close()


def school(path: Path, goal: str) -> Path:
    store = open_store(path, path.parent / "backups")
    added = StudentStore(store).add_many([*named_students(), make_student(50, grade="9")])
    PlanStore(store).save_goal(added[5].id, Goal("career", goal))  # type: ignore[arg-type]
    store.close()
    return path


@pytest.fixture
def sending(tmp_path: Path) -> Path:
    return school(tmp_path / "sending.sqlite", "Visit a hospital to see what nurses do")


@pytest.fixture
def receiving(tmp_path: Path) -> Path:
    path = tmp_path / "receiving.sqlite"
    store = open_store(path, None)
    StudentStore(store).add_many([make_student(1), make_student(2)])
    store.close()
    return path


def export(db: Path, out: Path, sis_id: str = "200006") -> int:
    return cli(["export-student", "--db", str(db), "--student", sis_id, "--out", str(out)])


def test_export_then_import_on_another_database(
    sending: Path, receiving: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "ming.ilp"
    assert export(sending, package) == 0
    assert f"Exported 王小明 (SIS id 200006) to {package}." in capsys.readouterr().out
    with zipfile.ZipFile(package) as archive:
        assert json.loads(archive.read("manifest.json"))["student"]["sis_id"] == "200006"

    assert cli(["import-student", "--db", str(receiving), str(package)]) == 0
    out = capsys.readouterr().out
    assert "Transfer package of 王小明 (SIS id 200006, Grade 12)" in out
    assert "Goals" in out and "Imported 王小明 (SIS id 200006)." in out
    store = open_store(receiving, None)
    try:
        student_id = store.conn.execute(
            "SELECT id FROM students WHERE sis_id = '200006'"
        ).fetchone()
        goals = PlanStore(store).records(student_id[0]).goals
    finally:
        store.close()
    assert [g.statement for g in goals] == ["Visit a hospital to see what nurses do"]


def test_an_existing_file_is_never_replaced(
    sending: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken.ilp"
    out.write_bytes(b"someone else's file")
    assert export(sending, out) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"someone else's file"


def test_an_unknown_sis_id_is_refused(
    sending: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(sending, tmp_path / "x.ilp", sis_id="999999") == 1
    err = capsys.readouterr().err
    assert "No student has the SIS id “999999”" in err and "Traceback" not in err
    assert not (tmp_path / "x.ilp").exists()


def test_a_missing_database_is_refused_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    assert export(missing, tmp_path / "x.ilp") == 1
    assert "There is no database at" in capsys.readouterr().err
    assert not missing.exists()


def test_a_student_already_here_needs_replace(
    sending: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "ming.ilp"
    assert export(sending, package) == 0
    other = school(tmp_path / "other" / "school.sqlite", "A goal only written here")
    before = counts(other)
    capsys.readouterr()

    assert cli(["import-student", "--db", str(other), str(package)]) == 1
    captured = capsys.readouterr()
    assert "This database already has 王小明 with SIS id 200006" in captured.out
    assert "Add --replace" in captured.err and "nothing was imported" in captured.err
    assert counts(other) == before

    assert cli(["import-student", "--db", str(other), str(package), "--replace"]) == 0
    assert "Replaced the plan of 王小明 (SIS id 200006)." in capsys.readouterr().out
    store = open_store(other, None)
    try:
        statements = [r[0] for r in store.conn.execute("SELECT statement FROM goals")]
    finally:
        store.close()
    assert statements == ["Visit a hospital to see what nurses do"]
    assert counts(other)["students"] == before["students"]


def test_a_damaged_package_is_refused_before_the_database_is_touched(
    receiving: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ilp"
    bad.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    before = receiving.read_bytes()
    assert cli(["import-student", "--db", str(receiving), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ilp-desktop: {bad} cannot be imported.")
    assert "Nothing was changed." in err and "Traceback" not in err
    assert receiving.read_bytes() == before


def test_a_package_from_a_newer_version_is_refused(
    sending: Path, receiving: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "ming.ilp"
    assert export(sending, package) == 0
    with zipfile.ZipFile(package) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 2
    members["manifest.json"] = json.dumps(manifest).encode()
    newer = tmp_path / "newer.ilp"
    with zipfile.ZipFile(newer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert cli(["import-student", "--db", str(receiving), str(newer)]) == 1
    assert "Install the newer ILP Desktop" in capsys.readouterr().err


def test_import_is_refused_while_the_app_has_the_database_open(
    sending: Path, receiving: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "ming.ilp"
    assert export(sending, package) == 0
    before = counts(receiving)
    with InstanceLock(AppDirs.for_user().locks, receiving) as lock:
        assert lock.acquire()
        assert cli(["import-student", "--db", str(receiving), str(package)]) == 1
    assert "already open" in capsys.readouterr().err
    assert counts(receiving) == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        cli(["export-student", "--db", str(tmp_path / "x.sqlite"), "--student", "1"])
    assert exited.value.code == 2


def test_without_a_usable_font_the_package_goes_without_the_handout(
    sending: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    from ilp_desktop import transfer_jobs
    from ilp_desktop.reports.fonts import NoUnicodeFontError

    def no_font(*_args: object, **_kwargs: object) -> int:
        raise NoUnicodeFontError()

    monkeypatch.setattr(transfer_jobs, "build_handout", no_font)
    package = tmp_path / "ming.ilp"
    assert export(sending, package) == 0
    assert "warning: no handout in the package" in capsys.readouterr().err
    with zipfile.ZipFile(package) as archive:
        assert "handout.pdf" not in archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["handout_file"] is None
    assert "no font" in manifest["handout_note"]
