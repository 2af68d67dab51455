"""Importing an O*NET text release into the database, all or nothing.

The release is read and checked whole first (:mod:`onet_release`); only then is the previous
import replaced, in one transaction on a connection of the import's own: the GUI keeps its
connection on its own thread and goes on reading (WAL) while this one writes. A cancel, a
refusal or any failure rolls back, so the library stays exactly as it was.

No Qt here: the command line calls it directly, the GUI from a worker thread with a progress
dialog (``progress`` and ``is_cancelled`` are its hooks, called from the importing thread).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import clock, errors
from .db import Store, connect_worker
from .onet_release import ParsedRelease, open_release, parse_release

MIGRATION = "0003_careers"
TABLES = (
    "onet_occupations",
    "onet_job_zones",
    "onet_related",
    "onet_titles",
    "onet_tasks",
    "onet_clusters",
)
_INSERT = {
    "onet_occupations": "INSERT INTO onet_occupations (code, title, description, r, i, a, s, e, "
    "c, high_point, job_zone, education) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "onet_job_zones": "INSERT INTO onet_job_zones (zone, name, experience, education, training, "
    "examples) VALUES (?, ?, ?, ?, ?, ?)",
    "onet_related": "INSERT INTO onet_related (code, related_code, tier, position) "
    "VALUES (?, ?, ?, ?)",
    "onet_titles": "INSERT INTO onet_titles (code, title, kind) VALUES (?, ?, ?)",
    "onet_tasks": "INSERT INTO onet_tasks (code, position, task, core) VALUES (?, ?, ?, ?)",
    "onet_clusters": "INSERT INTO onet_clusters (code, cluster, pathway) VALUES (?, ?, ?)",
}
_RELEASE = (
    "INSERT INTO onet_release (id, version, released, source_name, imported_at, occupations, "
    "with_interests, files, clusters_source) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET version = excluded.version, released = excluded.released, "
    "source_name = excluded.source_name, imported_at = excluded.imported_at, "
    "occupations = excluded.occupations, with_interests = excluded.with_interests, "
    "files = excluded.files, clusters_source = excluded.clusters_source"
)
# Rows per executemany: between two, progress is reported and Cancel looked at.
WRITE_BATCH = 4000
# Writing takes about this share of the time reading takes (measured on the 29.3 release):
# the progress bar gives each phase its part, so it moves at an even pace through both.
WRITE_SHARE = 0.9


class ImportCancelled(errors.StoreError):
    """The counselor cancelled the import; the career library was not changed."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import brought in, for the counselor (:meth:`lines`) and the log."""

    version: str
    released: str
    source_name: str
    occupations: int
    with_interests: int
    with_job_zone: int
    with_education: int
    related: int
    titles: int
    tasks: int
    clustered: int
    skipped_rows: int
    unreadable_rows: int
    files: tuple[str, ...]
    missing: tuple[str, ...]
    clusters_source: str
    unknown_clusters: tuple[str, ...]
    seconds: float

    @property
    def label(self) -> str:
        released = f" ({self.released})" if self.released else ""
        return f"O*NET {self.version}{released}"

    def lines(self) -> list[str]:
        """The result in the counselor's words: one line, then notes when there are any."""
        parts = [f"{_n(self.with_interests)} with interest profiles"]
        parts.append(f"{_n(self.with_job_zone)} with job zones")
        if self.with_education:
            parts.append(f"{_n(self.with_education)} with typical education")
        if self.clustered:
            parts.append(f"{_n(self.clustered)} in career clusters")
        parts.append(f"{_n(self.related)} related occupations")
        parts.append(f"{_n(self.titles)} other job titles")
        parts.append(f"{_n(self.tasks)} tasks")
        lines = [
            f"Imported {_n(self.occupations)} occupations from {self.label}: {', '.join(parts)}."
        ]
        without = self.occupations - self.with_interests
        if without:
            have = "1 occupation has" if without == 1 else f"{_n(without)} occupations have"
            lines.append(
                f"{have} no interest profile in this release: listed, but not matched to "
                f"students' interests."
            )
        if self.missing:
            lines.append(
                f"Not in this release: {', '.join(self.missing)}. Where the starter library "
                f"knows an occupation, it fills in what is missing."
            )
        if self.skipped_rows:
            lines.append(
                f"Left out {_rows(self.skipped_rows)} about occupations that are not in "
                f"Occupation Data.txt."
            )
        if self.unreadable_rows:
            lines.append(f"Left out {_rows(self.unreadable_rows)} that could not be read.")
        if self.unknown_clusters:
            lines.append(
                f"The cluster file names clusters or pathways ILP Desktop does not know, left "
                f"out: {'; '.join(self.unknown_clusters)}."
            )
        return lines


def _n(number: int) -> str:
    return f"{number:,}"


def _rows(number: int) -> str:
    return "1 row" if number == 1 else f"{number:,} rows"


def import_onet(
    db_path: Path | str,
    source: Path | str,
    clusters: Path | str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    now: str | None = None,
    backups: Path | None = None,
) -> ImportSummary:
    """Replace the imported O*NET release in the database at ``db_path`` with ``source``.

    ``source`` is the text release as downloaded (a zip) or unzipped (a folder); ``clusters``
    is O*NET OnLine's career-cluster export, if the counselor has one. Raises OnetReleaseError
    for anything that is not a readable release, a StoreError for a database that cannot take
    it, and ImportCancelled when ``is_cancelled()`` turns true; in every case the database is
    left as it was. ``progress(done, total)`` is called often along the way; ``now`` is the
    time recorded as imported_at (ISO text, the store's clock by default). With ``backups``
    (the database's backups folder), the database is backed up once the release has been
    read, before anything is replaced.
    """
    started = time.perf_counter()
    db_path = Path(db_path).expanduser().absolute()
    # The database is checked before the release is read: a wrong file is refused at once.
    conn = connect_worker(db_path, needs=MIGRATION)
    try:
        with open_release(source, clusters) as files:
            meter = _Meter(progress, is_cancelled, files.total_bytes)
            meter.advance(0)
            parsed = parse_release(files, meter.advance)
        if backups is not None:
            from .backups import backup_file_before_import

            backup_file_before_import(db_path, backups, "before-onet-import")
        _replace(conn, db_path, parsed, meter, now or clock.now())
        meter.finish()
    finally:
        conn.close()
    return ImportSummary(
        version=parsed.version,
        released=parsed.released,
        source_name=parsed.source_name,
        occupations=len(parsed.occupations),
        with_interests=parsed.with_interests,
        with_job_zone=parsed.with_job_zone,
        with_education=parsed.with_education,
        related=len(parsed.related),
        titles=len(parsed.titles),
        tasks=len(parsed.tasks),
        clustered=parsed.clustered,
        skipped_rows=sum(parsed.skipped.values()),
        unreadable_rows=sum(parsed.unreadable.values()),
        files=parsed.files,
        missing=parsed.missing,
        clusters_source=parsed.clusters_source,
        unknown_clusters=parsed.unknown_clusters,
        seconds=time.perf_counter() - started,
    )


class _Meter:
    """Progress in bytes read, then rows written (weighted to bytes); looks at Cancel each time."""

    def __init__(
        self,
        progress: Callable[[int, int], None] | None,
        is_cancelled: Callable[[], bool] | None,
        read_bytes: int,
    ) -> None:
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.done = 0
        self.total = max(read_bytes + round(read_bytes * WRITE_SHARE), 1)
        self.read_bytes = read_bytes
        self.row_units = 0.0
        self.rows_done = 0

    def advance(self, units: int) -> None:
        self.done += units
        self.check()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def start_writing(self, rows: int) -> None:
        self.done = self.read_bytes
        self.row_units = (self.total - self.read_bytes) / max(rows, 1)
        self.rows_done = 0

    def wrote(self, rows: int) -> None:
        self.rows_done += rows
        self.done = self.read_bytes + round(self.rows_done * self.row_units)
        self.advance(0)

    def finish(self) -> None:
        # Committed: Cancel no longer applies.
        if self.progress is not None:
            self.progress(self.total, self.total)

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise ImportCancelled("The import was cancelled; the career library was not changed.")


def _replace(
    conn: sqlite3.Connection, path: Path, parsed: ParsedRelease, meter: _Meter, now: str
) -> None:
    tables: dict[str, Sequence[tuple[object, ...]]] = {
        "onet_occupations": parsed.occupations,
        "onet_job_zones": parsed.job_zones,
        "onet_related": parsed.related,
        "onet_titles": parsed.titles,
        "onet_tasks": parsed.tasks,
        "onet_clusters": parsed.clusters,
    }
    meter.start_writing(sum(len(rows) for rows in tables.values()))
    with _transaction(conn, path):
        _clear(conn)
        for table, rows in tables.items():
            sql = _INSERT[table]
            for start in range(0, len(rows), WRITE_BATCH):
                batch = rows[start : start + WRITE_BATCH]
                conn.executemany(sql, batch)
                meter.wrote(len(batch))
        conn.execute(
            _RELEASE,
            (
                parsed.version,
                parsed.released,
                parsed.source_name,
                now,
                len(parsed.occupations),
                parsed.with_interests,
                json.dumps(list(parsed.files)),
                parsed.clusters_source,
            ),
        )
        meter.check()  # a last look: Cancel pressed during the last batch still counts


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One transaction on an autocommit connection; anything raised inside rolls it back."""
    try:
        # IMMEDIATE: take the write lock now (waiting out a GUI write), not at the first insert.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        mapped = errors.translate(error, path)
        if mapped is None:
            raise
        raise mapped from error


def _clear(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")  # no WHERE: SQLite empties the table in one go


def remove_import(target: Path | str | Store) -> bool:
    """Delete the imported release, back to the starter library; False if there was none.

    ``target`` is the GUI's open Store (the removal is one quick user action) or a database
    path, opened on a connection of its own.
    """
    if isinstance(target, Store):
        with target.action():
            had = _has_release(target.conn)
            _clear(target.conn)
            target.conn.execute("DELETE FROM onet_release")
        return had
    path = Path(target).expanduser().absolute()
    conn = connect_worker(path, needs=MIGRATION)
    try:
        with _transaction(conn, path):
            had = _has_release(conn)
            _clear(conn)
            conn.execute("DELETE FROM onet_release")
    finally:
        conn.close()
    return had


def _has_release(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM onet_release").fetchone() is not None
