"""Roster import benchmark: 10,000 rows from an SIS export, read, checked and imported.

    python tests/perf/roster_import_bench.py [--rows N] [--runs N]

Three cases, each the median of ``--runs`` runs (3 by default), every run on a fresh copy of
its starting database:
- new: every row adds a student (an empty database: a counselor's first import);
- same: the same file again, every student unchanged (the nightly re-import);
- changed: every student updated (a new grade and homeroom: the start of a school year).
Each case is timed in two parts: reading and checking the file (what the wizard's check page
and ``--dry-run`` do) and the whole import (backup, check, one transaction). The file is
Excel's "Unicode Text" (UTF-16, tab-separated) with names in many scripts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from ilp_desktop.domain.roster_csv import read_roster  # noqa: E402
from ilp_desktop.store.db import open_store  # noqa: E402
from ilp_desktop.store.roster_import import check_roster, import_roster, mapping_for  # noqa: E402

NAMES = [
    ("Nguyễn", "Văn An"),
    ("Ødegård", "Ingrid"),
    ("Żółć", "Łukasz"),
    ("Peña", "María José"),
    ("王", "小明"),
    ("الزهراء", "فاطمة"),
    ("Warsame", "Hodan"),
    ("김", "수빈"),
    ("Ní Bhriain", "Sinéad"),
    ("Smith", "Oliver"),
]
HEADER = [
    "Student_Number",
    "Last_Name",
    "First_Name",
    "Grade_Level",
    "Homeroom",
    "DOB",
    "Home_Language",
    "Parent_Name",
    "Parent_Phone",
    "IEP",
    "ELL",
]


def roster_bytes(rows: int, *, year: int = 0) -> bytes:
    """An SIS export as Excel's Unicode Text saves it; ``year`` moves everyone on a grade."""
    lines = ["\t".join(HEADER)]
    for n in range(rows):
        last, first = NAMES[n % len(NAMES)]
        grade = 6 + (n + year) % 7
        lines.append(
            "\t".join(
                [
                    f"{400000 + n}",
                    f"{last}{n // len(NAMES)}" if n % 3 else last,
                    first,
                    f"{grade:02d}",
                    f"{100 + (n + year) % 40}",
                    f"{1 + n % 12}/{1 + n % 28}/{2008 + n % 7}",
                    ("Vietnamese", "Norwegian", "Polish", "Spanish", "Mandarin", "Arabic")[n % 6],
                    f"Parent of {first}",
                    f"555-01{n % 100:02d}",
                    "Y" if n % 11 == 0 else "N",
                    "Yes" if n % 5 == 0 else "No",
                ]
            )
        )
    text = "\r\n".join(lines) + "\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_case(start_db: Path | None, data: bytes, work: Path, runs: int) -> tuple[float, float, str]:
    checks, imports, said = [], [], ""
    for run in range(runs):
        db = work / f"run{run}-{time.monotonic_ns()}.sqlite"
        if start_db is not None:
            shutil.copy(start_db, db)  # a closed database: a file copy is a true copy
        store = open_store(db, work / "backups")
        try:

            def check(store=store) -> None:  # type: ignore[no-untyped-def]
                table = read_roster(data)
                mapping, _ = mapping_for(store, table)
                plan = check_roster(store, table, mapping)
                assert plan.ok, plan.problems[:3]

            checks.append(timed(check))

            def whole(store=store) -> None:  # type: ignore[no-untyped-def]
                nonlocal said
                table = read_roster(data)
                mapping, _ = mapping_for(store, table)
                said = import_roster(store, table, mapping, work / "backups").sentence()

            imports.append(timed(whole))
        finally:
            store.close()
    return statistics.median(checks), statistics.median(imports), said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        first, next_year = roster_bytes(args.rows), roster_bytes(args.rows, year=1)
        print(
            f"Roster import, {args.rows:,} rows ({len(first) / 1e6:.1f} MB UTF-16), "
            f"median of {args.runs} runs"
        )
        filled = work / "filled.sqlite"
        store = open_store(filled, work / "backups")
        table = read_roster(first)
        import_roster(store, table, mapping_for(store, table)[0], work / "backups")
        store.close()
        print(f"{'case':<9} {'check (s)':>10} {'import (s)':>11}  result")
        for name, start, data in (
            ("new", None, first),
            ("same", filled, first),
            ("changed", filled, next_year),
        ):
            check, whole, said = run_case(start, data, work, args.runs)
            print(f"{name:<9} {check:>10.2f} {whole:>11.2f}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
