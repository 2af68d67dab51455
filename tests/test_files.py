"""One way to write a file the counselor chose: whole or not at all, never spoiling the one
already there; and the store is the only code that speaks SQL."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from ilp_desktop.files import write_atomically
from ilp_desktop.reports import pdf_files
from ilp_desktop.store.transfer_export import write_package

PACKAGE = Path(__file__).resolve().parent.parent / "ilp_desktop"
SQL_CALLS = {"execute", "executemany", "executescript"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_failure_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"before")

    def fail(stream: object) -> None:
        stream.write(b"half")  # type: ignore[attr-defined]
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert target.read_bytes() == b"before"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_a_replaced_file_keeps_its_permissions_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"before")
    target.chmod(0o644)
    write_atomically(target, lambda stream: stream.write(b"after"))
    assert target.read_bytes() == b"after" and mode(target) == 0o644
    write_atomically(target, lambda stream: stream.write(b"private"), keep_mode=False)
    assert mode(target) == 0o600
    new = tmp_path / "new.pdf"
    write_atomically(new, lambda stream: stream.write(b"x"))
    assert mode(new) == 0o600


def test_a_transfer_package_is_owner_only_even_where_it_replaces_a_file(tmp_path: Path) -> None:
    out = tmp_path / "student.ilp"
    out.write_bytes(b"an older package")
    out.chmod(0o644)
    write_package(out, [("a.txt", b"records")])
    assert mode(out) == 0o600


def test_the_reports_write_through_the_same_function() -> None:
    assert pdf_files.write_atomically is write_atomically


def _sql_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    ]


OUTSIDE_STORE = sorted(
    p for p in PACKAGE.rglob("*.py") if "store" not in p.relative_to(PACKAGE).parts
)


@pytest.mark.parametrize("path", OUTSIDE_STORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_sql_outside_the_store(path: Path) -> None:
    assert _sql_calls(path) == [], f"{path.name} runs SQL; put it in a store/ module"


def test_the_sql_check_finds_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('conn.execute("SELECT id FROM students WHERE sis_id = ?", [x])\n')
    assert _sql_calls(probe) == [1]
