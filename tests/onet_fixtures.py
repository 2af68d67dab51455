"""Small O*NET text releases written by the tests, and where the real files are (if anywhere).

The occupations, titles and numbers here are invented; only the layout follows O*NET's text
release: tab-delimited, columns named in the first line, "n/a" for missing values. Two column
styles: 29.3 (with Title and Scale Name columns) and 27.0 (without them).
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RIASEC = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")

# code -> (title, description)
OCCUPATIONS: dict[str, tuple[str, str]] = {
    "15-9901.00": (
        "Puzzle Programmers",
        'Write programs that solve logic puzzles, including the "daily grid".',
    ),
    "15-9901.01": ("Puzzle Testers", "Try puzzles before they are published."),
    "29-9902.00": ("Harbor Nurses", "Care for sailors and dock workers at the harbor clinic."),
    "47-9903.00": ("Bridge Painters", "Paint and repair the coatings of bridges."),
    "55-9904.00": ("Signal Keepers, All Other", "All signal keepers not listed separately."),
}
# code -> six ratings (R, I, A, S, E, C) and the three high points (1=R .. 6=C, 0 = none)
INTERESTS: dict[str, tuple[tuple[float, ...], tuple[int, int, int]]] = {
    "15-9901.00": ((3.5, 6.25, 2.0, 1.5, 1.75, 5.0), (2, 6, 1)),
    "15-9901.01": ((2.0, 5.0, 1.25, 2.5, 1.5, 5.5), (6, 2, 0)),
    "29-9902.00": ((2.5, 5.5, 1.5, 6.5, 2.0, 3.0), (4, 2, 6)),
    "47-9903.00": ((6.75, 2.0, 2.5, 1.25, 1.5, 3.0), (1, 6, 3)),
}
JOB_ZONES = {"15-9901.00": 4, "15-9901.01": 3, "29-9902.00": 3, "47-9903.00": 2}
JOB_ZONE_NAMES = {
    1: "Job Zone One: Hardly Any Preparation",
    2: "Job Zone Two: A Little Preparation",
    3: "Job Zone Three: Some Preparation",
    4: "Job Zone Four: More Preparation",
    5: "Job Zone Five: Most Preparation",
}
# (code, related code, tier, index), in file order; the index, not the file, orders the list.
RELATED = [
    ("15-9901.00", "47-9903.00", "Primary-Long", 2),
    ("15-9901.00", "15-9901.01", "Primary-Short", 1),
    ("15-9901.00", "99-9999.00", "Primary-Long", 3),  # not an occupation of the release
    ("15-9901.01", "15-9901.00", "Primary-Short", 1),
    ("29-9902.00", "55-9904.00", "Supplemental", 1),
]
ALTERNATE_TITLES = [
    ("15-9901.00", "Riddle Coder"),
    ("15-9901.00", "Logic Grid Developer"),
    ("15-9901.00", "n/a"),
    ("15-9901.01", "Puzzle Checker"),
    ("29-9902.00", "Dock Nurse"),
    ("88-8888.00", "Nobody's Title"),  # not an occupation of the release
]
REPORTED_TITLES = [
    ("15-9901.00", "riddle coder"),  # the same title in other letters: shown once
    ("15-9901.00", "Puzzle Programmer, Senior"),
    ("15-9901.00", "Puzzle Programmers"),  # the occupation's own title
    ("47-9903.00", "Bridge Coating Specialist"),
]
# (code, task, task type)
TASKS = [
    ("15-9901.00", 'Test each puzzle with the "hard" setting.', "Supplemental"),
    ("15-9901.00", "Write the solver.", "Core"),
    ("15-9901.00", "Document the rules.", ""),
    ("15-9901.00", "Answer players' letters.", "n/a"),
    ("15-9901.01", "Solve drafts against the clock.", "Core"),
    ("47-9903.00", "Scrape old paint.", "Core"),
    ("77-7777.00", "A task of no occupation.", "Core"),
]
# code -> RL category -> percent of respondents (12 categories, missing ones are 0)
EDUCATION = {
    "15-9901.00": {6: 55.0, 8: 30.0, 2: 15.0},  # bachelor's
    "15-9901.01": {3: 40.0, 4: 40.0, 6: 20.0},  # a tie: the lower category (certificate)
    "29-9902.00": {5: 70.0, 6: 30.0},  # associate's
}
# N, Standard Error, Lower and Upper CI Bound, Recommend Suppress
ETE_TAIL = (27, "0.00", "n/a", "n/a", "N")
# (cluster cell, pathway cell, code)
CLUSTERS = [
    ("Information Technology", "Programming and Software Development", "15-9901.00"),
    (
        "Information Technology; Information Technology",
        "Information Support and Services; Programming and Software Development",
        "15-9901.01",
    ),
    ("Health Science", "Therapeutic Services", "29-9902.00"),
    (
        "Architecture & Construction; Underwater Basket Weaving",
        "Construction; Baskets",
        "47-9903.00",
    ),
    ("Health Science", "Therapeutic Services", "66-6666.00"),  # not an occupation
]


def _write(path: Path, header: list[str], rows: list[list[object]], crlf: bool, bom: bool) -> None:
    newline = "\r\n" if crlf else "\n"
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    text = newline.join(lines) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def write_release(
    folder: Path,
    *,
    style: str = "29.3",
    crlf: bool = False,
    bom: bool = False,
    omit: tuple[str, ...] = (),
    readme: bool = True,
    clusters_csv: bool = False,
    occupations: dict[str, tuple[str, str]] | None = None,
) -> Path:
    """Write a small release into ``folder`` (made if needed); ``omit`` names files to leave out.

    ``occupations`` replaces the occupation list (the other files still name the usual codes,
    which then count as skipped).
    """
    folder.mkdir(parents=True, exist_ok=True)
    new = style != "27.0"
    occupations = OCCUPATIONS if occupations is None else occupations

    def title(code: str) -> list[object]:
        return [OCCUPATIONS.get(code, ("Unknown", ""))[0]] if new else []

    def title_column() -> list[str]:
        return ["Title"] if new else []

    files: dict[str, tuple[list[str], list[list[object]]]] = {}
    files["Occupation Data.txt"] = (
        ["O*NET-SOC Code", "Title", "Description"],
        [[code, t, d] for code, (t, d) in occupations.items()],
    )
    rows: list[list[object]] = []
    for code, (six, highs) in INTERESTS.items():
        for n, (name, value) in enumerate(zip(RIASEC, six, strict=True)):
            scale = ["OI", "Occupational Interests"] if new else ["OI"]
            rows.append([code, *title(code), f"1.B.1.{'abcdef'[n]}", name, *scale, value])
        for n, (place, value) in enumerate(zip(("First", "Second", "Third"), highs, strict=True)):
            scale = ["IH", "Occupational Interest High-Point"] if new else ["IH"]
            name = f"{place} Interest High-Point"
            rows.append([code, *title(code), f"1.B.1.{'ghi'[n]}", name, *scale, f"{value}.0"])
    rows = [[*r, "11/2023", "Machine Learning"] for r in rows]
    scale_columns = ["Scale ID", "Scale Name"] if new else ["Scale ID"]
    files["Interests.txt"] = (
        [
            "O*NET-SOC Code",
            *title_column(),
            "Element ID",
            "Element Name",
            *scale_columns,
            "Data Value",
            "Date",
            "Domain Source",
        ],
        rows,
    )
    files["Job Zones.txt"] = (
        ["O*NET-SOC Code", *title_column(), "Job Zone", "Date", "Domain Source"],
        [[code, *title(code), zone, "08/2023", "Analyst"] for code, zone in JOB_ZONES.items()],
    )
    files["Job Zone Reference.txt"] = (
        ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"],
        [
            [z, name, f"Experience {z}.", f"Education {z}.", f"Training {z}.", f"Ex {z}.", "n/a"]
            for z, name in JOB_ZONE_NAMES.items()
        ],
    )
    files["Related Occupations.txt"] = (
        [
            "O*NET-SOC Code",
            *title_column(),
            "Related O*NET-SOC Code",
            *(["Related Title"] if new else []),
            "Relatedness Tier",
            "Index",
        ],
        [
            [c, *title(c), r, *(title(r) if new else []), tier, index]
            for c, r, tier, index in RELATED
        ],
    )
    files["Alternate Titles.txt"] = (
        ["O*NET-SOC Code", *title_column(), "Alternate Title", "Short Title", "Source(s)"],
        [[c, *title(c), t, "n/a", "08"] for c, t in ALTERNATE_TITLES],
    )
    files["Sample of Reported Titles.txt"] = (
        ["O*NET-SOC Code", *title_column(), "Reported Job Title", "Shown in My Next Move"],
        [[c, *title(c), t, "Y"] for c, t in REPORTED_TITLES],
    )
    files["Task Statements.txt"] = (
        [
            "O*NET-SOC Code",
            *title_column(),
            "Task ID",
            "Task",
            "Task Type",
            "Incumbents Responding",
            "Date",
            "Domain Source",
        ],
        [
            [c, *title(c), 9000 + n, task, kind, "n/a", "08/2023", "Incumbent"]
            for n, (c, task, kind) in enumerate(TASKS)
        ],
    )
    ete_rows: list[list[object]] = []
    for code, shares in EDUCATION.items():
        for category in range(1, 13):
            scale = ["RL", "Required Level of Education (Categories 1-12)"] if new else ["RL"]
            value = f"{shares.get(category, 0.0):.2f}"
            element = ["2.D.1", "Required Level of Education"]
            ete_rows.append([code, *title(code), *element, *scale, category, value, *ETE_TAIL])
        scale = ["RW", "Related Work Experience (Categories 1-11)"] if new else ["RW"]
        element = ["3.A.1", "Related Work Experience"]
        ete_rows.append([code, *title(code), *element, *scale, 1, "99.00", *ETE_TAIL])
    files["Education, Training, and Experience.txt"] = (
        [
            "O*NET-SOC Code",
            *title_column(),
            "Element ID",
            "Element Name",
            *(["Scale ID", "Scale Name"] if new else ["Scale ID"]),
            "Category",
            "Data Value",
            "N",
            "Standard Error",
            "Lower CI Bound",
            "Upper CI Bound",
            "Recommend Suppress",
        ],
        ete_rows,
    )
    for name, (header, body) in files.items():
        if name not in omit:
            _write(folder / name, header, body, crlf, bom)
    if readme:
        released = "May 2025" if new else "August 2022"
        text = f"O*NET {style} Database\n{released} Release\n----------------\n"
        (folder / "Read Me.txt").write_text(text, encoding="utf-8")
    if clusters_csv:
        write_clusters(folder / "All_Career_Clusters.csv")
    return folder


def write_clusters(path: Path) -> Path:
    """A career-clusters export as O*NET OnLine writes it (CSV, quoted where needed)."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Career Cluster", "Career Pathway", "Code", "Occupation"])
        for cluster, pathway, code in CLUSTERS:
            writer.writerow([cluster, pathway, code, OCCUPATIONS.get(code, ("Gone", ""))[0]])
    return path


def zip_folder(folder: Path, zip_path: Path, inner: str | None = None) -> Path:
    """Zip the files of ``folder``, inside a folder named ``inner`` (as O*NET does) or not."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        if inner:
            archive.writestr(zipfile.ZipInfo(f"{inner}/"), "")
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{inner}/{path.name}" if inner else path.name)
    return zip_path


def dump(db: Path) -> list[str]:
    """The whole content of a database as SQL text, to compare before and after."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def real_onet_dir() -> Path | None:
    """The shared real O*NET files (ILP_ONET_DIR, else ../shared/onet beside the checkout)."""
    given = os.environ.get("ILP_ONET_DIR")
    folder = Path(given) if given else ROOT / ".." / "shared" / "onet"
    return folder if (folder / "db_29_3_text" / "Occupation Data.txt").is_file() else None


def full_release(onet: Path, folder: Path) -> Path:
    """The 29.3 files plus the 27.0 Alternate Titles and Education files, as one release has."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = list((onet / "db_29_3_text").iterdir())
    sources += [
        onet / "db_27_0_text" / "Alternate Titles.txt",
        onet / "db_27_0_text" / "Education, Training, and Experience.txt",
    ]
    for source in sources:
        try:
            (folder / source.name).symlink_to(source.resolve())
        except OSError:  # no symlinks here (Windows without the right): copy
            import shutil

            shutil.copyfile(source, folder / source.name)
    return folder
