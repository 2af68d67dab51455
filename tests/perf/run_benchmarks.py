"""Start-up and search benchmarks; writes docs/performance.md.

    python tests/perf/run_benchmarks.py [--runs N]

Start-up: `ilp-desktop --db DB --exit-when-ready` on a 3,000-student demo school against a
bare QMainWindow with three tabs, alternated in the same run (the machines are noisy, so the
ratio of medians is the figure that counts). Search: the median time of one keystroke in the
roster search over a 5,000-student school, until the list is redrawn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STARTUP_TARGET = 1.3
KEYSTROKE_TARGET_MS = 16.0
NOTES = "## Notes"


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return env


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def _demo(db: Path, students: int, env: dict[str, str]) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ilp_desktop",
            "demo",
            "--db",
            str(db),
            "--students",
            str(students),
            "--seed",
            "2026",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from PySide6 import __version__ as pyside

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PySide6 {pyside}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ilp-bench-") as tmp:
        home = Path(tmp)
        env = _env(home)
        db3k, db5k = home / "school-3000.sqlite", home / "school-5000.sqlite"
        _demo(db3k, 3000, env)
        _demo(db5k, 5000, env)
        app_cmd = [sys.executable, "-m", "ilp_desktop", "--db", str(db3k), "--exit-when-ready"]
        bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
        _timed(app_cmd, env)  # warm the file cache and byte-code for both
        _timed(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            bare_times.append(_timed(bare_cmd, env))
            app_times.append(_timed(app_cmd, env))
        app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
        ratio = app_median / bare_median

        probe = subprocess.run(
            [sys.executable, str(HERE / "keystroke_probe.py"), str(db5k)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        keys = [float(line) for line in probe.stdout.split()]
    key_median = statistics.median(keys)
    key_p90 = statistics.quantiles(keys, n=10)[-1]
    verdict = {True: "met", False: "NOT met"}
    rows = [
        (
            f"start-up, 3,000-student demo school (`--exit-when-ready`), median of {args.runs}",
            f"{app_median * 1000:.0f} ms",
            "",
            "",
        ),
        (
            f"bare QMainWindow with three tabs, same run, median of {args.runs}",
            f"{bare_median * 1000:.0f} ms",
            "",
            "",
        ),
        (
            "start-up ratio",
            f"{ratio:.2f}",
            f"at most {STARTUP_TARGET}",
            verdict[ratio <= STARTUP_TARGET],
        ),
        (
            f"search keystroke over 5,000 students, median of {len(keys)}",
            f"{key_median:.1f} ms",
            f"at most {KEYSTROKE_TARGET_MS:.0f} ms",
            verdict[key_median <= KEYSTROKE_TARGET_MS],
        ),
        ("search keystroke, 90th percentile", f"{key_p90:.1f} ms", "", ""),
    ]
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    report = f"""# Performance

Measured by `python tests/perf/run_benchmarks.py` on {dt.date.today().isoformat()}.
Machine: {_machine()}.

| benchmark | result | target | |
|---|---|---|---|
{table}

Start-up is measured from process start to exit, so both sides pay the same Python and Qt
start-up and shutdown; the app also opens and checks the database (`PRAGMA quick_check`),
loads every student and restores the window. A keystroke is timed from the key press until
the roster on screen has been redrawn; the typed sequence includes corrections (Backspace),
which make the list grow again.
"""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Keep the hand-written analysis below the results from one run to the next.
    if args.out.exists():
        previous = args.out.read_text(encoding="utf-8")
        if NOTES in previous:
            report += "\n" + previous[previous.index(NOTES) :]
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
