"""Handout benchmark: 500 handouts of the demo school; prints a Markdown table.

    python tests/perf/handout_bench.py [--students 500] [--runs 3]

1. In one process, alternating in the same run: the app's handouts (`write_one_pdf`, from the
   database to the finished file) against the floor (tests/perf/handout_floor.py: the same
   pages drawn with bare ReportLab from the same data, read beforehand). Target: at most 1.5.
2. The command line, `ilp-desktop handouts --jobs 1` against `--jobs 2`, whole commands timed,
   alternating. Target: `--jobs 2` at least 1.8 times faster. For reference, the same batch
   with `write_one_pdf(jobs=1)` against `jobs=2` inside one running program: the command's
   start (Python, imports, fonts) is the part two jobs cannot share. And the host's own limit:
   two whole `--jobs 1` commands started together, against one alone. Two processes sharing
   the work can at best do as well as two that each do all of it: when each core runs 10%
   slower while the other is busy, no split of one batch across two processes beats 1.82.
Every timing runs in a fresh process, as a counselor's first batch of the day does: what the
app keeps in memory between handouts (parsed labels, line breaks) starts empty each time. The
fonts are loaded before the clock starts in (1); in (2) the clock covers everything.
Medians of ``--runs`` runs; the ratios of medians from one run are the figures that count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from handout_floor import register, render_floor  # noqa: E402

from ilp_desktop.handout_jobs import HandoutRequest, open_source, write_one_pdf  # noqa: E402
from ilp_desktop.reports.fonts import load_fonts  # noqa: E402
from ilp_desktop.store.db import open_reader  # noqa: E402

FLOOR_TARGET = 1.5
JOBS_TARGET = 1.8


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    # An installed program starts from compiled bytecode (pip and PyInstaller both ship it); a
    # source checkout run with PYTHONDONTWRITEBYTECODE would compile every module every time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def one_run(kind: str, db: Path) -> int:
    """In a fresh process: time one batch of ``kind`` and print seconds and pages."""
    store = open_reader(db)
    ids = [row[0] for row in store.conn.execute("SELECT id FROM students ORDER BY id")]
    today = dt.date(2026, 11, 22)
    request = HandoutRequest(db, tuple(ids), today, lang="en")
    load_fonts()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        if kind == "floor":
            source = open_source(store)
            handouts = [source.handout(i, today) for i in ids]  # the floor does not read
            register()
            start = time.perf_counter()
            with out.open("wb") as stream:
                render_floor(handouts, stream)
            seconds, pages = time.perf_counter() - start, 0
        else:
            start = time.perf_counter()
            result = write_one_pdf(request, out, jobs=2 if kind == "ours2" else 1)
            seconds, pages = time.perf_counter() - start, sum(result.pages)
    store.close()
    print(f"{seconds:.4f} {pages}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", choices=["ours", "floor", "ours2"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one_run(args.one, args.db)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = _env(home)
        db = home / "demo.sqlite"
        subprocess.run(
            [sys.executable, "-m", "ilp_desktop", "demo", "--db", str(db), "--students",
             str(args.students), "--seed", "2026"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        command = [sys.executable, "-m", "ilp_desktop", "handouts", "--db", str(db), "--lang", "en"]
        # Untimed: writes the bytecode and the font cache, reads the fonts into the OS cache.
        for jobs in (1, 2):
            subprocess.run(
                [*command, "--out", str(home / "warm.pdf"), "--jobs", str(jobs)],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
        ours, floor, inner_two, pages = [], [], [], 0
        for _run in range(args.runs):
            for kind, times in (("ours", ours), ("floor", floor), ("ours2", inner_two)):
                done = subprocess.run(
                    [sys.executable, __file__, "--one", kind, "--db", str(db)],
                    env=env, check=True, capture_output=True, text=True,
                )  # fmt: skip
                seconds, count = done.stdout.split()
                times.append(float(seconds))
                pages = max(pages, int(count))
        n = args.students
        one, two, both = [], [], []

        def start(jobs: int, out: str) -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [*command, "--out", str(home / out), "--jobs", str(jobs)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip

        def timed(*processes: tuple[int, str]) -> float:
            began = time.perf_counter()
            running = [start(jobs, out) for jobs, out in processes]
            if any(process.wait() != 0 for process in running):
                raise RuntimeError("a handouts command failed")
            return time.perf_counter() - began

        kinds = [
            (one, ((1, "j1.pdf"),)),
            (two, ((2, "j2.pdf"),)),
            # Two whole one-process commands at once: how much slower each core runs while
            # the other is busy too, on this host, at this time.
            (both, ((1, "b1.pdf"), (1, "b2.pdf"))),
        ]
        for run in range(args.runs):
            for times, processes in kinds if run % 2 == 0 else kinds[::-1]:
                times.append(timed(*processes))
    ours_m, floor_m = statistics.median(ours), statistics.median(floor)
    one_m, two_m = statistics.median(one), statistics.median(two)
    floor_ratio, speedup = ours_m / floor_m, one_m / two_m

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print(f"| {n} handouts ({pages} pages), one process, median of {args.runs} | "
          f"{ours_m:.2f} s |  |  |")  # fmt: skip
    print(f"| bare ReportLab floor, same run | {floor_m:.2f} s |  |  |")
    print(f"| handouts / floor | {floor_ratio:.2f} | at most {FLOOR_TARGET} | "
          f"{verdict(floor_ratio <= FLOOR_TARGET)} |")  # fmt: skip
    floor_paired = statistics.median(a / b for a, b in zip(ours, floor, strict=True))
    print(f"| the same, as the median of each run's own ratio (run back to back) | "
          f"{floor_paired:.2f} |  |  |")  # fmt: skip
    print(f"| `ilp-desktop handouts --jobs 1` | {one_m:.2f} s |  |  |")
    print(f"| `ilp-desktop handouts --jobs 2` | {two_m:.2f} s |  |  |")
    print(f"| speed-up with 2 jobs | {speedup:.2f} | at least {JOBS_TARGET} | "
          f"{verdict(speedup >= JOBS_TARGET)} |")  # fmt: skip
    paired = statistics.median(a / b for a, b in zip(one, two, strict=True))
    print(f"| the same, as the median of each run's own ratio (run back to back) | {paired:.2f} "
          "|  |  |")  # fmt: skip
    inner = ours_m / statistics.median(inner_two)
    print(f"| for reference: the batch alone, jobs=1 / jobs=2 in one program | {inner:.2f} |  |  |")
    both_m = statistics.median(both)
    ceiling = 2 * one_m / both_m
    print(f"| two `--jobs 1` commands started together, until both end | {both_m:.2f} s |  |  |")
    print(f"| the host's limit for any two processes, 2 × one command / two together | "
          f"{ceiling:.2f} |  |  |")  # fmt: skip
    paired_ceiling = statistics.median(2 * a / b for a, b in zip(one, both, strict=True))
    print(f"| the same, as the median of each run's own ratio | {paired_ceiling:.2f} |  |  |")
    print(f"runs: ours {[round(t, 2) for t in ours]}, floor {[round(t, 2) for t in floor]}, "
          f"jobs1 {[round(t, 2) for t in one]}, jobs2 {[round(t, 2) for t in two]}, "
          f"two jobs1 together {[round(t, 2) for t in both]}, "
          f"in-program jobs2 {[round(t, 2) for t in inner_two]}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
