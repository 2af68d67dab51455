"""Reading an official O*NET database text release: the zip as downloaded, or its folder.

No SQL here: this turns the release's tab-delimited files into rows that
:mod:`onet_import` writes. Everything is read and checked before anything is written, so a file
that is not an O*NET release is refused with a message in the counselor's words
(:class:`OnetReleaseError`) and the database is never touched.

What the text release looks like, and what this relies on:

- a zip (db_29_3_text.zip) holding one folder (db_29_3_text/) of UTF-8 ``.txt`` files, or that
  folder unzipped; the files may sit at the top or one folder down;
- tab-delimited, first line the column names. Columns are found by name, never by position:
  older releases (27.0) lack the Title and Scale Name columns that 29.3 has;
- quotes are plain characters (Task Statements has literal ``"``), so csv quoting is off;
- "n/a" is a missing value; O*NET-SOC codes are text ("11-1011.00" and "11-1011.03" differ).

Only Occupation Data is required; the other files add interests, job zones, related
occupations, titles, tasks and education when they are there.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import IO

from ..domain.career_clusters import CLASSIC_PATHWAYS, classic_cluster_id
from ..domain.careers import ONET_EDUCATION_CATEGORY, RATING_MAX, RATING_MIN
from ..domain.interests import TYPES
from .errors import StoreError

OCCUPATION_DATA = "Occupation Data.txt"
INTERESTS = "Interests.txt"
JOB_ZONES = "Job Zones.txt"
JOB_ZONE_REFERENCE = "Job Zone Reference.txt"
RELATED = "Related Occupations.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
REPORTED_TITLES = "Sample of Reported Titles.txt"
TASKS = "Task Statements.txt"
EDUCATION = "Education, Training, and Experience.txt"
READ_ME = "Read Me.txt"
OPTIONAL_FILES: tuple[str, ...] = (
    INTERESTS,
    JOB_ZONES,
    JOB_ZONE_REFERENCE,
    RELATED,
    ALTERNATE_TITLES,
    REPORTED_TITLES,
    TASKS,
    EDUCATION,
)

CODE = "O*NET-SOC Code"
CLUSTER_COLUMNS = ("Career Cluster", "Career Pathway", "Code")

# The largest file of a full release is under 20 MB. A member declaring more than this is not
# an O*NET file, and refusing it keeps a zip bomb from filling memory (zipfile never
# inflates past the size a member declares).
MAX_FILE_BYTES = 256 * 2**20
DOWNLOAD_HINT = (
    "Download the text version (for example db_29_3_text.zip) from the O*NET Resource Center "
    "and import that zip or its unzipped folder. Nothing was changed."
)
# Rows read between two progress reports: often enough for a smooth bar, cheap to check.
TICK_ROWS = 2048

_RIASEC = {
    "realistic": "R",
    "investigative": "I",
    "artistic": "A",
    "social": "S",
    "enterprising": "E",
    "conventional": "C",
}
_HIGH_POINTS = {
    "first interest high-point": 0,
    "second interest high-point": 1,
    "third interest high-point": 2,
}
_NAME_VERSION = re.compile(r"db_(\d+)_(\d+)", re.IGNORECASE)
_README_VERSION = re.compile(r"O\*NET\S*\s+(\d+(?:\.\d+)?)\s+Database", re.IGNORECASE)
# What reading a member of a zip or a file can raise besides our own refusals. RuntimeError is
# zipfile's "File is encrypted"; zlib.error and EOFError come from a damaged member.
_READ_ERRORS = (
    UnicodeDecodeError,
    csv.Error,
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
)
_README_RELEASED = re.compile(r"^\s*([A-Z][a-z]+\s+\d{4})\s+Release", re.MULTILINE)


class OnetReleaseError(StoreError):
    """The file or folder given is not an O*NET text release we can read; ``str()`` says why.

    Nothing has been written when this is raised.
    """


@dataclass(frozen=True)
class _Entry:
    """One file to read: the name the counselor sees, its size, and where it is."""

    name: str
    size: int
    ref: zipfile.ZipInfo | Path


@dataclass
class ParsedRelease:
    """A release read into rows, in the column order of the onet_* tables."""

    version: str
    released: str
    source_name: str
    files: tuple[str, ...]
    missing: tuple[str, ...]
    clusters_source: str
    # (code, title, description, r, i, a, s, e, c, high_point, job_zone, education)
    occupations: list[tuple[object, ...]]
    job_zones: list[tuple[object, ...]]  # (zone, name, experience, education, training, examples)
    related: list[tuple[str, str, str, int]]  # (code, related_code, tier, position)
    titles: list[tuple[str, str, str]]  # (code, title, kind)
    tasks: list[tuple[str, int, str, int]]  # (code, position, task, core)
    clusters: list[tuple[str, str, str]]  # (code, cluster id, pathway)
    with_interests: int = 0
    with_job_zone: int = 0
    with_education: int = 0
    clustered: int = 0
    # Rows naming an occupation that is not in Occupation Data, by file.
    skipped: Counter[str] = field(default_factory=Counter)
    # Rows that could not be read (too few columns, a number that is not one), by file.
    unreadable: Counter[str] = field(default_factory=Counter)
    unknown_clusters: tuple[str, ...] = ()


class ReleaseFiles:
    """The files of one release, found and checked, ready to read. Close it (or use ``with``)."""

    def __init__(
        self,
        display: str,
        archive: zipfile.ZipFile | None,
        entries: dict[str, _Entry],
        clusters: _Entry | None,
        clusters_display: str,
        version: str,
        released: str,
    ) -> None:
        self.display = display
        self._archive = archive
        self.entries = entries
        self.clusters = clusters
        self.clusters_display = clusters_display
        self.version = version
        self.released = released

    @property
    def total_bytes(self) -> int:
        """How many bytes parsing reads: the measure of its progress."""
        sizes = [e.size for e in self.entries.values()]
        if self.clusters is not None:
            sizes.append(self.clusters.size)
        return sum(sizes)

    def where(self, entry: _Entry) -> str:
        if entry is self.clusters:
            return f"“{self.clusters_display}”"
        return f"“{entry.name}” in “{self.display}”"

    def open_binary(self, entry: _Entry) -> IO[bytes]:
        if isinstance(entry.ref, Path):
            return entry.ref.open("rb")
        assert self._archive is not None
        return self._archive.open(entry.ref)

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def __enter__(self) -> ReleaseFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- Finding the files -------------------------------------------------------------------------


def open_release(source: Path | str, clusters: Path | str | None = None) -> ReleaseFiles:
    """Find the release's files in a zip or folder (and the career-clusters file), or refuse.

    Checks that the release has Occupation Data and says which version it is; reads no data
    yet. ``clusters`` is O*NET OnLine's career-cluster export (CSV); without it, a CSV with
    those columns beside the release files is used.
    """
    source = Path(source).expanduser()
    display = source.name or str(source)
    _check_exists(source, display)
    if source.is_dir():
        return _locate(_folder_listing(source, display), display, None, clusters)
    archive = _open_zip(source, display)
    try:
        return _locate(_zip_listing(archive), display, archive, clusters)
    except BaseException:
        archive.close()
        raise


def _check_exists(path: Path, display: str) -> None:
    try:
        path.stat()
    except FileNotFoundError:
        raise OnetReleaseError(
            f"ILP Desktop cannot find “{display}” ({path}). Check the name and the folder, "
            f"then try again. Nothing was changed."
        ) from None
    except OSError as error:
        raise _unreadable(display, error) from error


def _unreadable(display: str, error: OSError) -> OnetReleaseError:
    reason = error.strerror or str(error)
    return OnetReleaseError(
        f"ILP Desktop cannot read “{display}” ({reason}). Check that the file is not open in "
        f"another program and that you may read it, then try again. Nothing was changed."
    )


def _not_a_release(display: str, why: str) -> OnetReleaseError:
    return OnetReleaseError(f"“{display}” is not an O*NET database release: {why}. {DOWNLOAD_HINT}")


def _damaged(display: str, detail: str = "") -> OnetReleaseError:
    detail = f" ({detail})" if detail else ""
    return OnetReleaseError(
        f"“{display}” is damaged or incomplete{detail}: it may not have finished downloading. "
        f"Download it again from the O*NET Resource Center, then import the new copy. "
        f"Nothing was changed."
    )


def _open_zip(source: Path, display: str) -> zipfile.ZipFile:
    try:
        with source.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise _unreadable(display, error) from error
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        if magic.startswith(b"PK"):  # a zip that was cut short loses its directory at the end
            raise _damaged(display) from None
        if source.suffix.casefold() == ".csv" and _header_has(source, CLUSTER_COLUMNS):
            raise OnetReleaseError(
                f"“{display}” is a career clusters file, not an O*NET database release. Choose "
                f"the release (for example db_29_3_text.zip, from the O*NET Resource Center) "
                f"to import, and this file as its career clusters file. Nothing was changed."
            ) from None
        raise _not_a_release(display, "it is neither a zip file nor a folder") from None
    except OSError as error:
        raise _unreadable(display, error) from error


# A listing: folder (relative, "" for the top) -> {folded file name: (entry name, size, ref)}.
_Listing = dict[str, dict[str, tuple[str, int, "zipfile.ZipInfo | Path"]]]


def _folder_listing(folder: Path, display: str) -> _Listing:
    listing: _Listing = {}
    try:
        top = list(os.scandir(folder))
    except OSError as error:
        raise _unreadable(display, error) from error
    listing[""] = _scan(top)
    for item in top:
        if item.is_dir() and not _junk(item.name):
            try:
                listing[item.name] = _scan(list(os.scandir(item.path)))
            except OSError:
                continue  # a subfolder we may not read cannot be the release
    return listing


def _scan(items: list[os.DirEntry[str]]) -> dict[str, tuple[str, int, zipfile.ZipInfo | Path]]:
    found: dict[str, tuple[str, int, zipfile.ZipInfo | Path]] = {}
    for item in items:
        if _junk(item.name):
            continue
        try:
            if item.is_file():
                found[item.name.casefold()] = (item.name, item.stat().st_size, Path(item.path))
        except OSError:
            continue
    return found


def _zip_listing(archive: zipfile.ZipFile) -> _Listing:
    listing: _Listing = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        # Some Windows tools write backslashes into zips; the format says forward slashes.
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if len(path.parts) > 2 or any(_junk(part) for part in path.parts):
            continue
        folder = path.parts[0] if len(path.parts) == 2 else ""
        listing.setdefault(folder, {})[path.name.casefold()] = (path.name, info.file_size, info)
    return listing


def _junk(name: str) -> bool:
    # macOS adds __MACOSX/ and ._ files to zips it makes; they are never release files.
    return name.startswith(("__MACOSX", "._", "."))


def _locate(
    listing: _Listing,
    display: str,
    archive: zipfile.ZipFile | None,
    clusters: Path | str | None,
) -> ReleaseFiles:
    key = OCCUPATION_DATA.casefold()
    if key in listing.get("", {}):
        folder = ""
    else:
        holding = sorted(name for name, files in listing.items() if key in files)
        if not holding:
            raise _no_occupation_data(listing, display)
        if len(holding) > 1:
            raise OnetReleaseError(
                f"“{display}” holds more than one O*NET release (in "
                f"{' and '.join(f'“{h}”' for h in holding)}). Import one release at a time: "
                f"choose the folder of the one you want. Nothing was changed."
            )
        folder = holding[0]
    files = listing[folder]
    entries: dict[str, _Entry] = {}
    for wanted in (OCCUPATION_DATA, *OPTIONAL_FILES):
        found = files.get(wanted.casefold())
        if found is not None:
            name, size, ref = found
            if size > MAX_FILE_BYTES:
                raise _not_a_release(
                    display, f"its “{name}” is far larger than any O*NET file ({size:,} bytes)"
                )
            entries[wanted] = _Entry(wanted, size, ref)
    readme = files.get(READ_ME.casefold())
    version, released = _version(readme, archive, display, folder)
    cluster_entry, cluster_display = _find_clusters(clusters, listing, folder, archive, display)
    return ReleaseFiles(
        display, archive, entries, cluster_entry, cluster_display, version, released
    )


def _no_occupation_data(listing: _Listing, display: str) -> OnetReleaseError:
    names = [n for files in listing.values() for n in files]
    if any(n.endswith("occupation data.xlsx") for n in names):
        return _not_a_release(
            display,
            "it is the Excel version of the O*NET database, and ILP Desktop reads the text version",
        )
    if any(n.endswith("occupation_data.sql") for n in names):
        return _not_a_release(
            display,
            "it is an SQL version of the O*NET database, and ILP Desktop reads the text version",
        )
    return _not_a_release(display, f"it has no “{OCCUPATION_DATA}”")


def _version(
    readme: tuple[str, int, zipfile.ZipInfo | Path] | None,
    archive: zipfile.ZipFile | None,
    display: str,
    folder: str,
) -> tuple[str, str]:
    """The version and release month from Read Me, else the version from the folder's name."""
    if readme is not None:
        text = _small_text(readme[2], archive)
        version = _README_VERSION.search(text)
        if version:
            released = _README_RELEASED.search(text)
            return version.group(1), " ".join(released.group(1).split()) if released else ""
    for name in (folder, display):
        match = _NAME_VERSION.search(name)
        if match:
            return f"{int(match.group(1))}.{int(match.group(2))}", ""
    raise OnetReleaseError(
        f"ILP Desktop cannot tell which O*NET release “{display}” is: it has no “{READ_ME}” "
        f"naming the version, and its name does not say it (as db_29_3_text does). The version "
        f"is shown with every career, so import the zip as downloaded from the O*NET Resource "
        f"Center, or its folder with the name it came with. Nothing was changed."
    )


def _small_text(ref: zipfile.ZipInfo | Path, archive: zipfile.ZipFile | None) -> str:
    # A damaged Read Me is no reason to refuse: the version can still come from the name.
    return (_head(ref, archive, 65536) or b"").decode("utf-8-sig", errors="replace")


def _head(ref: zipfile.ZipInfo | Path, archive: zipfile.ZipFile | None, size: int) -> bytes | None:
    """The first ``size`` bytes of a file or zip member; None if it cannot be read."""
    try:
        if isinstance(ref, Path):
            with ref.open("rb") as handle:
                return handle.read(size)
        assert archive is not None
        with archive.open(ref) as handle:
            return handle.read(size)
    except _READ_ERRORS:
        return None


def _find_clusters(
    clusters: Path | str | None,
    listing: _Listing,
    folder: str,
    archive: zipfile.ZipFile | None,
    display: str,
) -> tuple[_Entry | None, str]:
    if clusters is not None:
        path = Path(clusters).expanduser()
        name = path.name or str(path)
        _check_exists(path, name)
        if path.is_dir() or not _header_has(path, CLUSTER_COLUMNS):
            raise OnetReleaseError(
                f"“{name}” is not an O*NET career clusters file: it needs the columns "
                f"{', '.join(CLUSTER_COLUMNS)}, as the All Career Clusters export of O*NET "
                f"OnLine has them. Nothing was changed."
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OnetReleaseError(
                f"“{name}” is far larger than O*NET's career clusters file ({size:,} bytes). "
                f"Nothing was changed."
            )
        return _Entry(name, size, path), name
    # Else a cluster export kept beside the release files (or at the top of the zip).
    for where in dict.fromkeys((folder, "")):
        for name, size, ref in sorted(listing.get(where, {}).values(), key=lambda f: f[0]):
            if not name.casefold().endswith(".csv") or size > MAX_FILE_BYTES:
                continue
            if _ref_header_has(ref, archive, CLUSTER_COLUMNS):
                return _Entry(name, size, ref), f"{name} in {display}"
    return None, ""


def _header_has(path: Path, columns: tuple[str, ...]) -> bool:
    return _ref_header_has(path, None, columns)


def _ref_header_has(
    ref: zipfile.ZipInfo | Path, archive: zipfile.ZipFile | None, columns: tuple[str, ...]
) -> bool:
    first = (_head(ref, archive, 4096) or b"").split(b"\n", 1)[0]
    try:
        header = next(csv.reader([first.decode("utf-8-sig")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    have = {_column_key(h) for h in header}
    return all(_column_key(c) in have for c in columns)


def _column_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- Reading the files -------------------------------------------------------------------------


def read_release(
    source: Path | str,
    clusters: Path | str | None = None,
    *,
    tick: Callable[[int], None] | None = None,
) -> ParsedRelease:
    """Find and read a whole release (see :func:`open_release` and :func:`parse_release`)."""
    with open_release(source, clusters) as files:
        return parse_release(files, tick)


def parse_release(files: ReleaseFiles, tick: Callable[[int], None] | None = None) -> ParsedRelease:
    """Read every file of the release into rows, or raise OnetReleaseError.

    ``tick(n)`` is called with the number of bytes read since its last call, every few
    thousand rows; whatever it raises (a cancel) stops the reading.
    """
    return _Parser(files, tick or (lambda n: None)).parse()


class _Parser:
    def __init__(self, files: ReleaseFiles, tick: Callable[[int], None]) -> None:
        self.files = files
        self.tick = tick
        self.skipped: Counter[str] = Counter()
        self.unreadable: Counter[str] = Counter()
        self.read: list[str] = []
        self.occupations: dict[str, list[object]] = {}

    def parse(self) -> ParsedRelease:
        entries = self.files.entries
        self._occupations(entries[OCCUPATION_DATA])
        with_interests = self._interests(entries.get(INTERESTS))
        with_job_zone = self._job_zones(entries.get(JOB_ZONES))
        job_zones = self._job_zone_reference(entries.get(JOB_ZONE_REFERENCE))
        related = self._related(entries.get(RELATED))
        titles = self._titles(entries.get(ALTERNATE_TITLES), "Alternate Title", "alternate")
        titles += self._titles(entries.get(REPORTED_TITLES), "Reported Job Title", "reported")
        tasks = self._tasks(entries.get(TASKS))
        with_education = self._education(entries.get(EDUCATION))
        clusters, unknown = self._clusters(self.files.clusters)
        return ParsedRelease(
            version=self.files.version,
            released=self.files.released,
            source_name=self.files.display,
            files=tuple(self.read),
            missing=tuple(name for name in OPTIONAL_FILES if name not in entries),
            clusters_source=self.files.clusters_display,
            occupations=[tuple(row) for row in self.occupations.values()],
            job_zones=job_zones,
            related=related,
            titles=titles,
            tasks=tasks,
            clusters=clusters,
            with_interests=with_interests,
            with_job_zone=with_job_zone,
            with_education=with_education,
            clustered=len({row[0] for row in clusters}),
            skipped=self.skipped,
            unreadable=self.unreadable,
            unknown_clusters=unknown,
        )

    # One file: the column positions by name, and its rows. Rows too short to hold every
    # column used are counted as unreadable and left out; blank lines are ignored.
    def _table(
        self,
        entry: _Entry,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        *,
        tabs: bool = True,
    ) -> tuple[dict[str, int], Iterator[list[str]]]:
        where = self.files.where(entry)
        try:
            binary = self.files.open_binary(entry)
        except _READ_ERRORS as error:
            raise self._read_error(entry, error) from error
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        reader = (
            csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE) if tabs else csv.reader(text)
        )
        try:
            header = next(reader, None)
        except _READ_ERRORS as error:
            text.close()
            raise self._read_error(entry, error) from error
        if not header:
            text.close()
            raise OnetReleaseError(
                f"{where} is empty, so it is not from an O*NET release. {DOWNLOAD_HINT}"
            )
        keys = {_column_key(h): i for i, h in reversed(list(enumerate(header)))}
        absent = [c for c in required if _column_key(c) not in keys]
        if absent:
            text.close()
            raise OnetReleaseError(
                f"{where} does not have the columns of the O*NET file of that name (it has no "
                f"{' or '.join(f'“{c}”' for c in absent)} column), so it is not from an O*NET "
                f"text release. {DOWNLOAD_HINT}"
            )
        columns = {
            c: keys[_column_key(c)] for c in (*required, *optional) if _column_key(c) in keys
        }
        self.read.append(entry.name)
        return columns, self._rows(entry, reader, binary, text, max(columns.values()) + 1)

    def _rows(
        self,
        entry: _Entry,
        reader: Iterator[list[str]],
        binary: IO[bytes],
        text: io.TextIOWrapper,
        width: int,
    ) -> Iterator[list[str]]:
        reported = 0
        short = 0
        try:
            while True:
                # Read a batch, then report it: what tick() raises (a cancel, the caller's own
                # error) must not be mistaken for a damaged file.
                try:
                    batch = list(islice(reader, TICK_ROWS))
                except _READ_ERRORS as error:
                    raise self._read_error(entry, error) from error
                if not batch:
                    break
                position = binary.tell()
                self.tick(position - reported)
                reported = position
                for row in batch:
                    if len(row) < width:
                        if any(row):
                            short += 1
                        continue
                    yield row
        finally:
            text.close()
        if short:
            self.unreadable[entry.name] += short
        if entry.size > reported:
            self.tick(entry.size - reported)

    def _read_error(self, entry: _Entry, error: Exception) -> OnetReleaseError:
        where = self.files.where(entry)
        if isinstance(error, UnicodeDecodeError):
            return OnetReleaseError(
                f"{where} is not UTF-8 text as O*NET's text files are, so it cannot be read. "
                f"{DOWNLOAD_HINT}"
            )
        if isinstance(error, (zipfile.BadZipFile, zlib.error, EOFError)):
            return _damaged(self.files.display, f"{entry.name} does not unpack")
        if isinstance(error, RuntimeError):  # zipfile: an encrypted member
            return _not_a_release(self.files.display, f"its “{entry.name}” is password-protected")
        if isinstance(error, csv.Error):
            return OnetReleaseError(
                f"{where} is not a tab-delimited text file as O*NET's are ({error}). "
                f"{DOWNLOAD_HINT}"
            )
        assert isinstance(error, OSError)
        return _unreadable(entry.name, error)

    def _occupations(self, entry: _Entry) -> None:
        columns, rows = self._table(entry, (CODE, "Title", "Description"))
        code_at, title_at, description_at = (
            columns[CODE],
            columns["Title"],
            columns["Description"],
        )
        found = self.occupations
        for row in rows:
            code = row[code_at].strip()
            title = _text(row[title_at])
            if not code or not title or code in found:
                self.unreadable[entry.name] += 1
                continue
            description = _text(row[description_at])
            found[code] = [
                code,
                title,
                description,
                None,
                None,
                None,
                None,
                None,
                None,
                "",
                None,
                None,
            ]
        if not found:
            raise OnetReleaseError(
                f"{self.files.where(entry)} lists no occupations, so there is nothing to "
                f"import. {DOWNLOAD_HINT}"
            )

    def _interests(self, entry: _Entry | None) -> int:
        if entry is None:
            return 0
        columns, rows = self._table(entry, (CODE, "Element Name", "Scale ID", "Data Value"))
        code_at, name_at = columns[CODE], columns["Element Name"]
        scale_at, value_at = columns["Scale ID"], columns["Data Value"]
        occupations = self.occupations
        ratings: dict[str, dict[str, float]] = {}
        highs: dict[str, list[int]] = {}
        for row in rows:
            code = row[code_at].strip()
            if code not in occupations:
                self.skipped[entry.name] += 1
                continue
            scale = row[scale_at].strip()
            name = row[name_at].strip().casefold()
            try:
                value = float(row[value_at])
            except ValueError:
                self.unreadable[entry.name] += 1
                continue
            if scale == "OI":
                letter = _RIASEC.get(name)
                if letter is None or not RATING_MIN <= value <= RATING_MAX:
                    self.unreadable[entry.name] += 1
                    continue
                ratings.setdefault(code, {})[letter] = value
            elif scale == "IH":
                place = _HIGH_POINTS.get(name)
                if place is None:
                    self.unreadable[entry.name] += 1
                    continue
                highs.setdefault(code, [0, 0, 0])[place] = int(value)
        with_interests = 0
        for code, six in ratings.items():
            if len(six) == len(TYPES):  # a partial profile would mislead: all six or none
                occupations[code][3:9] = [six[letter] for letter in TYPES]
                with_interests += 1
        for code, places in highs.items():
            occupations[code][9] = "".join(TYPES[n - 1] for n in places if 1 <= n <= 6)
        return with_interests

    def _job_zones(self, entry: _Entry | None) -> int:
        if entry is None:
            return 0
        columns, rows = self._table(entry, (CODE, "Job Zone"))
        code_at, zone_at = columns[CODE], columns["Job Zone"]
        occupations = self.occupations
        count = 0
        for row in rows:
            code = row[code_at].strip()
            if code not in occupations:
                self.skipped[entry.name] += 1
                continue
            zone = _whole(row[zone_at])
            if zone is None or not 1 <= zone <= 5:
                self.unreadable[entry.name] += 1
                continue
            if occupations[code][10] is None:
                count += 1
            occupations[code][10] = zone
        return count

    def _job_zone_reference(self, entry: _Entry | None) -> list[tuple[object, ...]]:
        if entry is None:
            return []
        optional = ("Experience", "Education", "Job Training", "Examples")
        columns, rows = self._table(entry, ("Job Zone", "Name"), optional)
        zones: dict[int, tuple[object, ...]] = {}
        for row in rows:
            zone = _whole(row[columns["Job Zone"]])
            name = _text(row[columns["Name"]])
            if zone is None or not 1 <= zone <= 5 or not name:
                self.unreadable[entry.name] += 1
                continue
            texts = [_text(row[columns[c]]) if c in columns else "" for c in optional]
            zones.setdefault(zone, (zone, name, *texts))
        return [zones[zone] for zone in sorted(zones)]

    def _related(self, entry: _Entry | None) -> list[tuple[str, str, str, int]]:
        if entry is None:
            return []
        columns, rows = self._table(
            entry, (CODE, "Related O*NET-SOC Code"), ("Relatedness Tier", "Index")
        )
        code_at, other_at = columns[CODE], columns["Related O*NET-SOC Code"]
        tier_at, index_at = columns.get("Relatedness Tier"), columns.get("Index")
        occupations = self.occupations
        related: list[tuple[str, str, str, int]] = []
        seen: set[tuple[str, str]] = set()
        counts: Counter[str] = Counter()
        for row in rows:
            code, other = row[code_at].strip(), row[other_at].strip()
            if code not in occupations or other not in occupations:
                self.skipped[entry.name] += 1
                continue
            if code == other or (code, other) in seen:
                continue
            seen.add((code, other))
            counts[code] += 1
            # O*NET's Index orders the list; without it, the file's order does.
            position = _whole(row[index_at]) if index_at is not None else None
            tier = _text(row[tier_at]) if tier_at is not None else ""
            related.append((code, other, tier, counts[code] if position is None else position))
        return related

    def _titles(self, entry: _Entry | None, column: str, kind: str) -> list[tuple[str, str, str]]:
        if entry is None:
            return []
        columns, rows = self._table(entry, (CODE, column))
        code_at, title_at = columns[CODE], columns[column]
        occupations = self.occupations
        titles: list[tuple[str, str, str]] = []
        for row in rows:
            code = row[code_at].strip()
            if code not in occupations:
                self.skipped[entry.name] += 1
                continue
            title = row[title_at].strip()  # _text() inlined: the largest file of a release
            if title and title != "n/a":
                titles.append((code, title, kind))
        return titles

    def _tasks(self, entry: _Entry | None) -> list[tuple[str, int, str, int]]:
        if entry is None:
            return []
        columns, rows = self._table(entry, (CODE, "Task"), ("Task Type",))
        code_at, task_at, type_at = columns[CODE], columns["Task"], columns.get("Task Type")
        occupations = self.occupations
        tasks: list[tuple[str, int, str, int]] = []
        counts: Counter[str] = Counter()
        for row in rows:
            code = row[code_at].strip()
            if code not in occupations:
                self.skipped[entry.name] += 1
                continue
            task = _text(row[task_at])
            if not task:
                self.unreadable[entry.name] += 1
                continue
            # Only "Supplemental" marks a task as secondary; O*NET leaves some untyped.
            core = 0 if type_at is not None and row[type_at].strip() == "Supplemental" else 1
            counts[code] += 1
            tasks.append((code, counts[code], task, core))
        return tasks

    def _education(self, entry: _Entry | None) -> int:
        if entry is None:
            return 0
        columns, rows = self._table(entry, (CODE, "Scale ID", "Category", "Data Value"))
        code_at, scale_at = columns[CODE], columns["Scale ID"]
        category_at, value_at = columns["Category"], columns["Data Value"]
        occupations = self.occupations
        best: dict[str, tuple[float, int]] = {}
        for row in rows:
            if row[scale_at].strip() != "RL":  # Required Level of Education; the rest is not used
                continue
            code = row[code_at].strip()
            if code not in occupations:
                self.skipped[entry.name] += 1
                continue
            category = _whole(row[category_at])
            try:
                value = float(row[value_at])
            except ValueError:
                value = -1.0
            if category is None or value < 0:
                self.unreadable[entry.name] += 1
                continue
            # The typical level: the category most respondents named (ties: the lower one).
            held = best.get(code)
            if held is None or value > held[0] or (value == held[0] and category < held[1]):
                best[code] = (value, category)
        count = 0
        for code, (value, category) in best.items():
            education = ONET_EDUCATION_CATEGORY.get(category)
            if value > 0 and education is not None:
                occupations[code][11] = education
                count += 1
        return count

    def _clusters(self, entry: _Entry | None) -> tuple[list[tuple[str, str, str]], tuple[str, ...]]:
        if entry is None:
            return [], ()
        columns, rows = self._table(entry, CLUSTER_COLUMNS, tabs=False)
        code_at = columns["Code"]
        cluster_at, pathway_at = columns["Career Cluster"], columns["Career Pathway"]
        occupations = self.occupations
        places: dict[tuple[str, str, str], None] = {}
        unknown: dict[str, None] = {}
        for row in rows:
            # A cell names several clusters and pathways, "; " between them, in pairs.
            names = [n.strip() for n in row[cluster_at].split(";")]
            pathways = [p.strip() for p in row[pathway_at].split(";")]
            pairs: list[tuple[str, str]] = []
            for index, name in enumerate(names):
                if not name:
                    continue
                cluster = classic_cluster_id(name)
                if cluster is None:
                    unknown[name] = None
                    continue
                pathway = pathways[index] if index < len(pathways) else ""
                if pathway and pathway not in CLASSIC_PATHWAYS[cluster]:
                    unknown[f"{name}: {pathway}"] = None
                    pathway = ""
                pairs.append((cluster, pathway))
            for code in (c.strip() for c in row[code_at].split(";")):
                if code not in occupations:
                    self.skipped[entry.name] += 1
                    continue
                for cluster, pathway in pairs:
                    places[(code, cluster, pathway)] = None
        return list(places), tuple(unknown)


_NO_RATINGS = (None,) * len(TYPES)


def _text(value: str) -> str:
    value = value.strip()
    return "" if value == "n/a" else value


def _whole(value: str) -> int | None:
    """A whole number as O*NET writes it ("3" or "3.0"), or None."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
