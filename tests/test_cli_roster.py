"""`ilp-desktop import-roster FILE.csv --db PATH [--dry-run]`, through its own module's parser
(cli.py wires the same add_commands and run)."""

from __future__ import annotations

import argparse
import codecs
import sqlite3
from pathlib import Path

import pytest

from ilp_desktop import cli_roster
from ilp_desktop.domain.roster_csv import read_roster_file
from ilp_desktop.paths import AppDirs
from ilp_desktop.store.db import open_store
from ilp_desktop.store.instance_lock import InstanceLock
from ilp_desktop.store.roster_import import remember_mapping
from ilp_desktop.store.students import StudentStore

from helpers import digest, named_students

HEADER = "Student_Number\tLast_Name\tFirst_Name\tGrade_Level\tHome_Language\r\n"


def roster(tmp_path: Path, body: str, name: str = "roster.txt") -> Path:
    """A roster as Excel's Unicode Text saves it: UTF-16 LE with its mark, tabs, CRLF."""
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF16_LE + (HEADER + body).encode("utf-16-le"))
    return path


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ilp-desktop")
    cli_roster.add_commands(parser.add_subparsers(dest="command"))
    return cli_roster.run(parser.parse_args(argv), AppDirs.for_user())


def rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT * FROM students ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def school(tmp_path: Path) -> Path:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "backups")
    StudentStore(store).add_many(named_students())
    store.close()
    return db


GOOD = (
    "200001\tNguyễn\tVăn An\t10\tVietnamese\r\n"  # update: grade and language
    "200002\tØdegård\tIngrid\t10\t\r\n"  # unchanged
    "300001\tWiśniewska\tZofia\t09\tPolish\r\n"  # new
    "300002\tالزهراء\tمريم\tK\tArabic\r\n"  # new
)


def test_imports_and_says_how_it_read_the_file(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = roster(tmp_path, GOOD)
    assert run("import-roster", "--db", str(school), str(file)) == 0
    out = capsys.readouterr().out
    assert f"Read {file}: UTF-16, tab-separated, 4 student rows." in out
    assert "Columns (from the header):" in out
    assert "  SIS id: Student_Number (column A)" in out
    assert "  Family language: Home_Language (column E)" in out
    assert "Added 2, updated 1, left 1 unchanged." in out
    assert "backed up in" in out
    store = open_store(school)
    try:
        by_id = {s.sis_id: s for s in StudentStore(store).all()}
    finally:
        store.close()
    assert by_id["300002"].full_name == "مريم الزهراء"
    assert (by_id["200001"].grade, by_id["200001"].family_languages) == ("10", ["Vietnamese"])


def test_a_dry_run_counts_and_writes_nothing(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(school)
    file = roster(tmp_path, GOOD)
    assert run("import-roster", "--db", str(school), str(file), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Would add 2, update 1, leave 1 unchanged. Nothing was changed (dry run)." in out
    assert digest(school) == before
    assert not (school.parent / "backups").exists() or not list(
        (school.parent / "backups").glob("*roster*")
    )


def test_a_dry_run_into_a_database_not_made_yet_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.sqlite"
    assert run("import-roster", "--db", str(db), str(roster(tmp_path, GOOD)), "--dry-run") == 0
    assert "Would add 4, update 0, leave 0 unchanged." in capsys.readouterr().out
    assert not db.exists()


def test_a_first_import_makes_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.sqlite"
    assert run("import-roster", "--db", str(db), str(roster(tmp_path, GOOD))) == 0
    out = capsys.readouterr().out
    assert f"Made a new database at {db}." in out and "Added 4, updated 0" in out
    assert len(rows(db)) == 4


def test_bad_rows_are_listed_and_nothing_is_written(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = rows(school)
    body = GOOD + "300003\t\tNo Last\t9\t\r\n300001\tDup\tLicate\t9\t\r\n300004\tKim\tMin\t14\t\r\n"
    assert run("import-roster", "--db", str(school), str(roster(tmp_path, body))) == 1
    err = capsys.readouterr().err
    assert "ilp-desktop: Nothing was imported: 3 rows need fixing first" in err
    assert "  Row 6: The last name is empty." in err
    assert "  Row 7: SIS id 300001 is also on row 4" in err
    assert "  Row 8: “14” is not a grade" in err
    assert "Traceback" not in err
    assert rows(school) == before


def test_bad_rows_never_leave_a_new_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.sqlite"
    assert run("import-roster", "--db", str(db), str(roster(tmp_path, "1\t\t\t9\t\r\n"))) == 1
    assert "Row 2:" in capsys.readouterr().err
    assert not db.exists()


def test_a_workbook_is_refused_with_what_to_do(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "roster.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(100))
    assert run("import-roster", "--db", str(school), str(book)) == 1
    err = capsys.readouterr().err
    assert err.startswith("ilp-desktop: roster.xlsx: This looks like an Excel workbook")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "The file is empty."),
        (b"1,2,3,4\r\n5,6,7,8\r\n", "does not name the columns"),
        (b"Student ID,Surname,First\r\n1,A,B\r\n", "no column for: Grade"),
    ],
)
def test_files_it_cannot_use(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    file = tmp_path / "roster.csv"
    file.write_bytes(content)
    before = digest(school)
    assert run("import-roster", "--db", str(school), str(file)) == 1
    assert words in capsys.readouterr().err
    assert digest(school) == before


def test_a_missing_file(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-roster", "--db", str(school), str(tmp_path / "nope.csv")) == 1
    assert "There is no file" in capsys.readouterr().err


def test_refused_while_the_app_has_the_database_open(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = rows(school)
    with InstanceLock(AppDirs.for_user().locks, school) as lock:
        assert lock.acquire()
        assert run("import-roster", "--db", str(school), str(roster(tmp_path, GOOD))) == 1
        assert "already open in another ILP Desktop window" in capsys.readouterr().err
        # A dry run only reads: it works beside the app.
        assert (
            run("import-roster", "--db", str(school), str(roster(tmp_path, GOOD)), "--dry-run") == 0
        )
    assert rows(school) == before


def test_another_programs_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert run("import-roster", "--db", str(other), str(roster(tmp_path, GOOD))) == 1
    assert "not of ILP Desktop" in capsys.readouterr().err


def test_the_mapping_chosen_in_the_app_is_used(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "odd.csv"
    file.write_text("Code,Family,Given,Level\r\n300009,Kowalski,Jan,8\r\n", encoding="utf-8")
    assert run("import-roster", "--db", str(school), str(file)) == 1  # nothing recognised
    store = open_store(school)
    try:
        remember_mapping(
            store,
            read_roster_file(file),
            {"sis_id": 0, "last_name": 1, "first_name": 2, "grade": 3},
        )
    finally:
        store.close()
    capsys.readouterr()
    assert run("import-roster", "--db", str(school), str(file)) == 0
    out = capsys.readouterr().out
    assert "Columns (as chosen in the app for this layout):" in out
    assert "Added 1, updated 0, left 0 unchanged." in out
