"""O*NET import benchmark; writes its section of docs/performance.md.

    python tests/perf/onet_import_bench.py [--runs N] [--onet FOLDER]

Imports the full O*NET 29.3 text release (the shared 29.3 files plus the 27.0 Alternate Titles
and Education, Training, and Experience files, which a complete release has, and the career
clusters export) with ``import_onet``, against a floor measured in the same run: plain Python
that reads the same files with csv.reader and inserts the same rows with sqlite3 executemany
into the same tables in one transaction. Runs alternate, each into a fresh copy of a migrated
database; the ratio of the medians is the figure that counts. The floor's tables are checked
to hold exactly the rows the importer wrote, so the two do the same work.

The O*NET files are found through ILP_ONET_DIR or ../shared/onet beside the checkout.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from ilp_desktop.domain.career_clusters import classic_cluster_id  # noqa: E402
from ilp_desktop.domain.careers import ONET_EDUCATION_CATEGORY  # noqa: E402
from ilp_desktop.store.career_library import load_imported  # noqa: E402
from ilp_desktop.store.db import open_store  # noqa: E402
from ilp_desktop.store.onet_import import _INSERT, TABLES, import_onet  # noqa: E402

from onet_fixtures import full_release, real_onet_dir  # noqa: E402

RATIO_TARGET = 3.0
SECONDS_TARGET = 5.0
LOAD_TARGET_MS = 500.0
SECTION = "## O*NET import"
NOTES = "### Notes on the O*NET import"
DEFAULT_NOTES = f"""{NOTES}

(Analysis of the figures above; kept from one run of the benchmark to the next.)
"""


def floor_import(db: Path, folder: Path, clusters: Path) -> None:
    """The least any importer must do: read the files, build the rows, insert them."""

    def table(name: str) -> tuple[dict[str, int], Iterator[list[str]]]:
        # Rows streamed, never held in a list: the least memory, and the least for the
        # garbage collector to walk.
        handle = (folder / name).open(encoding="utf-8-sig", newline="")
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)

        def rows() -> Iterator[list[str]]:
            with handle:
                yield from reader

        return {h: i for i, h in enumerate(header)}, rows()

    def text(value: str) -> str:
        return "" if value == "n/a" else value

    col, data = table("Occupation Data.txt")
    occupations = {
        r[0]: [r[0], r[1], text(r[2]), None, None, None, None, None, None, "", None, None]
        for r in data
    }
    col, data = table("Interests.txt")
    letters = {
        "Realistic": 3,
        "Investigative": 4,
        "Artistic": 5,
        "Social": 6,
        "Enterprising": 7,
        "Conventional": 8,
    }
    places = {"First Interest High-Point": 0, "Second Interest High-Point": 1}
    places["Third Interest High-Point"] = 2
    highs: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    c, n, s, v = (col[k] for k in ("O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"))
    for r in data:
        if r[s] == "OI":
            occupations[r[c]][letters[r[n]]] = float(r[v])
        else:
            highs[r[c]][places[r[n]]] = int(float(r[v]))
    for code, three in highs.items():
        occupations[code][9] = "".join("RIASEC"[h - 1] for h in three if h)
    with_interests = sum(1 for o in occupations.values() if o[3] is not None)
    col, data = table("Job Zones.txt")
    for r in data:
        occupations[r[col["O*NET-SOC Code"]]][10] = int(r[col["Job Zone"]])
    col, data = table("Education, Training, and Experience.txt")
    best: dict[str, tuple[float, int]] = {}
    c, s, k, v = (col[x] for x in ("O*NET-SOC Code", "Scale ID", "Category", "Data Value"))
    for r in data:
        if r[s] == "RL" and r[c] in occupations:
            value, category = float(r[v]), int(r[k])
            held = best.get(r[c])
            if held is None or value > held[0]:
                best[r[c]] = (value, category)
    for code, (value, category) in best.items():
        if value > 0:
            occupations[code][11] = ONET_EDUCATION_CATEGORY[category]
    col, data = table("Job Zone Reference.txt")
    texts = [col[x] for x in ("Experience", "Education", "Job Training", "Examples")]
    zones = [(int(r[0]), r[1], *(r[i] for i in texts)) for r in data]
    col, data = table("Related Occupations.txt")
    c, o, t, i = (
        col[x] for x in ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index")
    )
    related = [(r[c], r[o], r[t], int(r[i])) for r in data]
    titles = []
    for name, column, kind in (
        ("Alternate Titles.txt", "Alternate Title", "alternate"),
        ("Sample of Reported Titles.txt", "Reported Job Title", "reported"),
    ):
        col, data = table(name)
        c, t = col["O*NET-SOC Code"], col[column]
        titles += [(r[c], r[t], kind) for r in data if r[c] in occupations]
    col, data = table("Task Statements.txt")
    c, t, k = col["O*NET-SOC Code"], col["Task"], col["Task Type"]
    counts: dict[str, int] = defaultdict(int)
    tasks = []
    for r in data:
        counts[r[c]] += 1
        tasks.append((r[c], counts[r[c]], r[t], 0 if r[k] == "Supplemental" else 1))
    places_rows: dict[tuple[str, str, str], None] = {}
    with clusters.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            pairs = zip(
                row["Career Cluster"].split("; "), row["Career Pathway"].split("; "), strict=True
            )
            for cluster, pathway in pairs:
                places_rows[(row["Code"], classic_cluster_id(cluster) or "", pathway)] = None
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    rows_for = {
        "onet_occupations": list(occupations.values()),
        "onet_job_zones": zones,
        "onet_related": related,
        "onet_titles": titles,
        "onet_tasks": tasks,
        "onet_clusters": list(places_rows),
    }
    for name in TABLES:
        conn.execute(f"DELETE FROM {name}")
        conn.executemany(_INSERT[name], rows_for[name])
    conn.execute(
        "INSERT INTO onet_release (id, version, released, source_name, imported_at, occupations, "
        "with_interests, files, clusters_source) VALUES (1, ?, ?, ?, ?, ?, ?, '[]', ?)",
        ("29.3", "May 2025", folder.name, "now", len(occupations), with_interests, clusters.name),
    )
    conn.execute("COMMIT")
    conn.close()


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES}
    finally:
        conn.close()


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, " + (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def _write_section(out: Path, section: str) -> None:
    """Replace this benchmark's section of the report, keeping the rest and its notes."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n"
    notes = DEFAULT_NOTES
    if SECTION in text:
        start = text.index(SECTION)
        end = text.find("\n## ", start + len(SECTION))
        end = len(text) if end < 0 else end + 1
        old = text[start:end]
        if NOTES in old:
            notes = old[old.index(NOTES) :].rstrip() + "\n"
        text = text[:start] + text[end:]
    # At the end of the file: run_benchmarks.py rewrites what comes before its "## Notes" and
    # keeps everything after, this section included.
    out.write_text(text.rstrip() + "\n\n" + section + "\n" + notes, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--onet", type=Path, help="the shared O*NET folder")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    onet = args.onet or real_onet_dir()
    if onet is None:
        print("No O*NET files: set ILP_ONET_DIR or pass --onet.", file=sys.stderr)
        return 1
    clusters = onet / "career_clusters" / "All_Career_Clusters.csv"
    with tempfile.TemporaryDirectory(prefix="ilp-onet-bench-") as tmp:
        work = Path(tmp)
        release = full_release(onet, work / "db_29_3_text")
        template = work / "template.sqlite"
        open_store(template).close()

        def fresh(name: str) -> Path:
            path = work / name
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, path)
            return path

        # Warm the file cache and byte-code, and check that both write the same rows.
        import_onet(fresh("ours.sqlite"), release, clusters)
        floor_import(fresh("floor.sqlite"), release, clusters)
        ours, floor = _tables(work / "ours.sqlite"), _tables(work / "floor.sqlite")
        differing = [t for t in TABLES if ours[t] != floor[t]]
        if differing:
            print(f"The floor wrote other rows than the importer in: {differing}", file=sys.stderr)
            return 1
        rows = sum(len(r) for r in ours.values())

        import_times, floor_times, load_times = [], [], []
        for _ in range(args.runs):
            db = fresh("floor.sqlite")
            start = time.perf_counter()
            floor_import(db, release, clusters)
            floor_times.append(time.perf_counter() - start)
            db = fresh("ours.sqlite")
            start = time.perf_counter()
            import_onet(db, release, clusters)
            import_times.append(time.perf_counter() - start)
            conn = sqlite3.connect(db)
            start = time.perf_counter()
            library = load_imported(conn)
            load_times.append(time.perf_counter() - start)
            conn.close()
            assert library is not None and len(library.careers) == 1016
        size = sum(p.stat().st_size for p in release.iterdir()) + clusters.stat().st_size
    ours_median, floor_median = statistics.median(import_times), statistics.median(floor_times)
    load_median = statistics.median(load_times) * 1000
    ratio = ours_median / floor_median
    verdict = {True: "met", False: "NOT met"}
    table_rows = [
        (
            f"`import_onet`, full 29.3 release + clusters, median of {args.runs}",
            f"{ours_median * 1000:.0f} ms",
            f"under {SECONDS_TARGET:.0f} s",
            verdict[ours_median < SECONDS_TARGET],
        ),
        (
            f"floor: csv.reader + executemany, same rows, same run, median of {args.runs}",
            f"{floor_median * 1000:.0f} ms",
            "",
            "",
        ),
        (
            "import ratio",
            f"{ratio:.2f}",
            f"at most {RATIO_TARGET:.0f}",
            verdict[ratio <= RATIO_TARGET],
        ),
        (
            f"`load_imported`, 1,016 careers, median of {args.runs}",
            f"{load_median:.0f} ms",
            f"under {LOAD_TARGET_MS:.0f} ms",
            verdict[load_median < LOAD_TARGET_MS],
        ),
    ]
    table = "\n".join("| " + " | ".join(row) + " |" for row in table_rows)
    section = f"""{SECTION}

Measured by `python tests/perf/onet_import_bench.py` on {dt.date.today().isoformat()}.
Machine: {_machine()}.

| benchmark | result | target | |
|---|---|---|---|
{table}

The release read: {size / 2**20:.1f} MB in 10 files (the 29.3 text files plus 27.0's Alternate
Titles and Education, Training, and Experience, and the career clusters CSV); {rows:,} rows
written. Each run imports into a fresh copy of a migrated database; floor and importer
alternate. The importer also checks the database and every file's columns, maps them by name,
reports progress, looks at Cancel and counts skipped rows.
"""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    _write_section(args.out, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
