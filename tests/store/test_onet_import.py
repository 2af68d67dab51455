"""The O*NET importer: small releases written by the tests, then the real files when present."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from ilp_desktop.domain.careers import Career, ClusterPlace
from ilp_desktop.store import errors, onet_import, onet_release
from ilp_desktop.store.career_library import load_imported
from ilp_desktop.store.db import connect_worker, open_store
from ilp_desktop.store.onet_import import ImportCancelled, import_onet, remove_import
from ilp_desktop.store.onet_release import OnetReleaseError

from onet_fixtures import (
    dump,
    full_release,
    real_onet_dir,
    write_clusters,
    write_release,
    zip_folder,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "school.sqlite"
    open_store(path).close()
    return path


def _library(db: Path):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    try:
        return load_imported(conn)
    finally:
        conn.close()


def _careers(db: Path) -> dict[str, Career]:
    library = _library(db)
    assert library is not None
    return {c.code: c for c in library.careers}


# --- A whole release, read right ---------------------------------------------------------------


def test_the_database_is_backed_up_before_the_release_replaces_anything(
    db: Path, tmp_path: Path
) -> None:
    from ilp_desktop.store.backups import list_backups

    release = write_release(tmp_path / "db_29_3_text")
    folder = tmp_path / "backups"
    import_onet(db, release, now="2026-05-01T10:00:00", backups=folder)
    (made,) = list_backups(folder)
    assert made.reason == "before-onet-import" and not made.damaged
    assert _library(db) is not None
    with pytest.raises(OnetReleaseError):  # a wrong file is refused before any backup
        import_onet(db, tmp_path / "nothing-here", backups=folder)
    assert len(list_backups(folder)) == 1


def test_a_release_folder_is_imported_whole(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text", clusters_csv=True)

    summary = import_onet(db, release, now="2026-05-01T10:00:00")

    assert (summary.version, summary.released) == ("29.3", "May 2025")
    assert summary.occupations == 5
    assert (summary.with_interests, summary.with_job_zone, summary.with_education) == (4, 4, 3)
    assert (summary.related, summary.titles, summary.tasks, summary.clustered) == (4, 8, 6, 4)
    # One row each in Related, Alternate Titles, Task Statements and the cluster file names an
    # occupation the release does not have.
    assert summary.skipped_rows == 4
    assert summary.unreadable_rows == 0
    assert summary.missing == ()
    assert summary.unknown_clusters == ("Underwater Basket Weaving",)
    assert summary.clusters_source == "All_Career_Clusters.csv in db_29_3_text"
    library = _library(db)
    assert library is not None
    assert library.info.version == "29.3"
    assert library.info.released == "May 2025"
    assert library.info.source_name == "db_29_3_text"
    assert library.info.imported_at == "2026-05-01T10:00:00"
    assert (library.info.occupations, library.info.with_interests) == (5, 4)
    assert "Task Statements.txt" in library.info.files
    assert library.job_zones[4].name == "Job Zone Four: More Preparation"
    assert library.job_zones[4].training == "Training 4."


def test_careers_read_back_with_everything_in_order(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    write_clusters(tmp_path / "clusters.csv")

    import_onet(db, release, tmp_path / "clusters.csv")
    careers = _careers(db)

    puzzle = careers["15-9901.00"]
    assert puzzle.source == "onet"
    assert puzzle.title == "Puzzle Programmers"
    assert (
        puzzle.description == 'Write programs that solve logic puzzles, including the "daily grid".'
    )
    assert puzzle.ratings == {"R": 3.5, "I": 6.25, "A": 2.0, "S": 1.5, "E": 1.75, "C": 5.0}
    assert puzzle.high_point == "ICR"
    assert (puzzle.job_zone, puzzle.education) == (4, "bachelors")
    assert puzzle.related == ("15-9901.01", "47-9903.00")  # by O*NET's index, not file order
    # Alternate titles, then reported ones; a title in other letters and the own title once.
    assert puzzle.alternate_titles == (
        "Riddle Coder",
        "Logic Grid Developer",
        "Puzzle Programmer, Senior",
    )
    # Core tasks first (untyped and n/a count as core), literal quotes kept.
    assert puzzle.tasks == (
        "Write the solver.",
        "Document the rules.",
        "Answer players' letters.",
        'Test each puzzle with the "hard" setting.',
    )
    assert puzzle.clusters == (ClusterPlace("it", "Programming and Software Development"),)

    tester = careers["15-9901.01"]
    assert tester.high_point == "CI"  # the third high point is 0: none
    assert tester.education == "postsecondary_award"  # a tie goes to the lower level
    assert tester.clusters == (
        ClusterPlace("it", "Information Support and Services"),
        ClusterPlace("it", "Programming and Software Development"),
    )
    assert careers["29-9902.00"].education == "associates"
    assert careers["47-9903.00"].clusters == (
        ClusterPlace("architecture_construction", "Construction"),
    )
    assert careers["47-9903.00"].education is None

    keeper = careers["55-9904.00"]  # no interests, job zone or education: kept, and so marked
    assert keeper.ratings is None and not keeper.has_profile
    assert (keeper.high_point, keeper.job_zone, keeper.education) == ("", None, None)
    assert keeper.clusters == ()


def _forms(tmp_path: Path, style: str) -> dict[str, Path]:
    inner = f"db_{style.replace('.', '_')}_text"
    plain = write_release(tmp_path / "plain" / inner, style=style)
    windows = write_release(tmp_path / "windows" / "release", style=style, crlf=True, bom=True)
    return {
        "folder": plain,
        "the folder above it": plain.parent,
        "CRLF and BOM": windows,
        "zip with its folder": zip_folder(plain, tmp_path / f"{inner}.zip", inner=inner),
        "zip without a folder": zip_folder(windows, tmp_path / "flat.zip"),
    }


@pytest.mark.parametrize("style", ["29.3", "27.0"])
def test_every_form_of_a_release_gives_the_same_library(tmp_path: Path, style: str) -> None:
    libraries = {}
    for n, (form, source) in enumerate(_forms(tmp_path, style).items()):
        db = tmp_path / f"db-{n}.sqlite"
        open_store(db).close()
        summary = import_onet(db, source)
        assert summary.version == style, form
        library = _library(db)
        assert library is not None
        libraries[form] = (library.careers, library.job_zones)
    first = libraries["folder"]
    assert len(first[0]) == 5
    for form, library in libraries.items():
        assert library == first, form


def test_27_0_columns_read_by_name(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_27_0_text", style="27.0")

    summary = import_onet(db, release)

    assert (summary.version, summary.released) == ("27.0", "August 2022")
    careers = _careers(db)
    assert careers["15-9901.00"].high_point == "ICR"
    assert careers["15-9901.00"].ratings["I"] == 6.25  # type: ignore[index]
    assert careers["15-9901.00"].education == "bachelors"
    assert careers["29-9902.00"].job_zone == 3


def test_columns_in_another_order_are_found_by_name(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    path = release / "Interests.txt"
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join("\t".join(reversed(line)) for line in lines) + "\n", encoding="utf-8")

    import_onet(db, release)

    assert _careers(db)["29-9902.00"].ratings == {
        "R": 2.5,
        "I": 5.5,
        "A": 1.5,
        "S": 6.5,
        "E": 2.0,
        "C": 3.0,
    }


def test_optional_files_may_be_missing(db: Path, tmp_path: Path) -> None:
    optional = onet_release.OPTIONAL_FILES
    release = write_release(tmp_path / "db_29_3_text", omit=optional)

    summary = import_onet(db, release)

    assert summary.occupations == 5
    assert summary.with_interests == 0
    assert set(summary.missing) == set(optional)
    assert any("Not in this release" in line for line in summary.lines())
    careers = _careers(db)
    assert all(c.ratings is None and c.job_zone is None for c in careers.values())
    assert _library(db).job_zones == {}  # type: ignore[union-attr]


def test_the_version_comes_from_the_name_without_a_read_me(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_28_1_text", readme=False)

    summary = import_onet(db, release)

    assert (summary.version, summary.released) == ("28.1", "")


def test_a_zip_named_for_its_version_gives_it(db: Path, tmp_path: Path) -> None:
    folder = write_release(tmp_path / "files", readme=False)
    source = zip_folder(folder, tmp_path / "db_29_2_text.zip")

    assert import_onet(db, source).version == "29.2"


def test_clusters_inside_a_zip_are_found(db: Path, tmp_path: Path) -> None:
    folder = write_release(tmp_path / "db_29_3_text", clusters_csv=True)
    source = zip_folder(folder, tmp_path / "db_29_3_text.zip", inner="db_29_3_text")

    summary = import_onet(db, source)

    assert summary.clustered == 4
    assert summary.clusters_source == "All_Career_Clusters.csv in db_29_3_text.zip"


def test_a_given_cluster_file_wins_over_one_in_the_folder(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text", clusters_csv=True)
    given = write_clusters(tmp_path / "mine.csv")

    assert import_onet(db, release, given).clusters_source == "mine.csv"


# --- Refusals: a message for the counselor, and nothing changed -------------------------------


@pytest.fixture
def imported(db: Path, tmp_path: Path) -> Path:
    """A database that already holds an import (the library a refusal must leave alone)."""
    import_onet(db, write_release(tmp_path / "earlier" / "db_29_3_text", clusters_csv=True))
    return db


def _refused(db: Path, source: Path, *words: str, clusters: Path | None = None) -> str:
    before = dump(db)
    with pytest.raises(OnetReleaseError) as caught:
        import_onet(db, source, clusters)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
    assert dump(db) == before
    return message


def test_a_folder_without_occupation_data_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text", omit=("Occupation Data.txt",))

    message = _refused(imported, release, "“db_29_3_text” is not an O*NET database release")
    assert "“Occupation Data.txt”" in message
    assert "db_29_3_text.zip" in message


def test_a_random_zip_is_refused(imported: Path, tmp_path: Path) -> None:
    source = tmp_path / "random.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("holiday/photo.txt", "not a photo")

    message = _refused(imported, source, "“random.zip” is not an O*NET database release")
    assert "it has no “Occupation Data.txt”" in message
    assert "O*NET Resource Center" in message


def test_a_truncated_zip_is_refused(imported: Path, tmp_path: Path) -> None:
    folder = write_release(tmp_path / "db_29_3_text")
    whole = zip_folder(folder, tmp_path / "whole.zip", inner="db_29_3_text").read_bytes()
    source = tmp_path / "db_29_3_text.zip"
    source.write_bytes(whole[: len(whole) // 2])

    _refused(imported, source, "“db_29_3_text.zip” is damaged or incomplete", "again")


def test_a_zip_with_a_damaged_member_is_refused(imported: Path, tmp_path: Path) -> None:
    folder = write_release(tmp_path / "db_29_3_text")
    source = zip_folder(folder, tmp_path / "db_29_3_text.zip", inner="db_29_3_text")
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("db_29_3_text/Task Statements.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + info.compress_size - 5):
        data[offset] ^= 0x55
    source.write_bytes(bytes(data))

    _refused(imported, source, "damaged or incomplete")


def test_a_csv_is_refused(imported: Path, tmp_path: Path) -> None:
    source = tmp_path / "students.csv"
    source.write_text("sis_id,first,last\n1,Ana,Lima\n", encoding="utf-8")

    _refused(imported, source, "“students.csv” is not an O*NET database release")


def test_a_cluster_file_given_as_the_release_is_explained(imported: Path, tmp_path: Path) -> None:
    source = write_clusters(tmp_path / "All_Career_Clusters.csv")

    _refused(imported, source, "is a career clusters file", "as its career clusters file")


def test_a_file_with_the_wrong_columns_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    (release / "Occupation Data.txt").write_text("Code\tName\nx\ty\n", encoding="utf-8")

    message = _refused(imported, release, "“Occupation Data.txt” in “db_29_3_text”")
    assert "“O*NET-SOC Code”" in message


def test_an_optional_file_with_the_wrong_columns_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    (release / "Job Zones.txt").write_text("Zone\tWho\n3\tx\n", encoding="utf-8")

    _refused(imported, release, "“Job Zones.txt”", "“Job Zone”")


@pytest.mark.parametrize("content", ["", "O*NET-SOC Code\tTitle\tDescription\n"])
def test_an_empty_occupation_data_is_refused(imported: Path, tmp_path: Path, content: str) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    (release / "Occupation Data.txt").write_text(content, encoding="utf-8")

    _refused(imported, release, "“Occupation Data.txt” in “db_29_3_text”")


def test_a_path_that_does_not_exist_is_refused(imported: Path, tmp_path: Path) -> None:
    _refused(imported, tmp_path / "db_29_3_text.zip", "cannot find “db_29_3_text.zip”")


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs file permissions that bind"
)
def test_an_unreadable_file_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    source = zip_folder(release, tmp_path / "db_29_3_text.zip")
    source.chmod(0)
    try:
        _refused(imported, source, "cannot read “db_29_3_text.zip”")
    finally:
        source.chmod(0o600)


def test_a_file_the_system_will_not_let_us_read_is_refused(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = zip_folder(write_release(tmp_path / "r"), tmp_path / "db_29_3_text.zip")
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == source:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded)

    _refused(imported, source, "cannot read “db_29_3_text.zip” (Permission denied)")


def test_the_excel_version_is_explained(imported: Path, tmp_path: Path) -> None:
    source = tmp_path / "db_29_3_excel.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("db_29_3_excel/Occupation Data.xlsx", b"PK not really")

    _refused(imported, source, "the Excel version", "text version")


def test_a_release_without_any_version_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "careers", readme=False)

    _refused(imported, release, "cannot tell which O*NET release “careers” is")


def test_two_releases_in_one_zip_are_refused(imported: Path, tmp_path: Path) -> None:
    source = tmp_path / "both.zip"
    first = write_release(tmp_path / "a")
    with zipfile.ZipFile(source, "w") as archive:
        for inner in ("db_29_3_text", "db_28_0_text"):
            for path in first.iterdir():
                archive.write(path, f"{inner}/{path.name}")

    _refused(imported, source, "more than one O*NET release")


def test_text_that_is_not_utf8_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    with (release / "Task Statements.txt").open("ab") as handle:
        handle.write(b"15-9901.00\tPuzzle Programmers\t1\t\xff\xfe\xfd\tCore\tn/a\tx\ty\n")

    _refused(imported, release, "“Task Statements.txt”", "UTF-8")


def test_a_member_too_large_to_be_onet_is_refused(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_release(tmp_path / "db_29_3_text")
    source = zip_folder(folder, tmp_path / "db_29_3_text.zip", inner="db_29_3_text")
    monkeypatch.setattr(onet_release, "MAX_FILE_BYTES", 200)

    _refused(imported, source, "far larger than any O*NET file")


def test_a_cluster_file_with_the_wrong_columns_is_refused(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    clusters = tmp_path / "clusters.csv"
    clusters.write_text("Cluster,Code\nFinance,13-2011.00\n", encoding="utf-8")

    _refused(
        imported, release, "“clusters.csv” is not an O*NET career clusters file", clusters=clusters
    )


def test_rows_too_short_are_counted_and_left_out(db: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    with (release / "Job Zones.txt").open("a", encoding="utf-8") as handle:
        handle.write("55-9904.00\n\n")

    summary = import_onet(db, release)

    assert summary.unreadable_rows == 1
    assert _careers(db)["55-9904.00"].job_zone is None


# --- The database side --------------------------------------------------------------------------


def test_a_database_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    with pytest.raises(errors.NotADatabaseError, match="does not exist"):
        import_onet(tmp_path / "none.sqlite", release)
    assert not (tmp_path / "none.sqlite").exists()


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = dump(other)

    with pytest.raises(errors.NotADatabaseError, match="not a database of ILP Desktop"):
        import_onet(other, write_release(tmp_path / "db_29_3_text"))
    assert dump(other) == before


def test_a_database_without_the_careers_tables_is_refused(db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_careers'")
    conn.close()

    with pytest.raises(errors.OlderDatabaseError, match="Open it in ILP Desktop once"):
        import_onet(db, write_release(tmp_path / "db_29_3_text"))


def test_a_database_from_a_newer_version_is_refused(db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('ilp_desktop', '9001_later', '2030-01-01')"
        )
    conn.close()
    before = dump(db)

    with pytest.raises(errors.NewerDatabaseError, match="9001_later"):
        import_onet(db, write_release(tmp_path / "db_29_3_text"))
    assert dump(db) == before


def test_the_database_is_checked_before_the_release_is_read(tmp_path: Path) -> None:
    # Both are wrong: the database is what is reported.
    with pytest.raises(errors.NotADatabaseError):
        import_onet(tmp_path / "none.sqlite", tmp_path / "no-release.zip")


def test_a_new_import_replaces_the_previous_one(imported: Path, tmp_path: Path) -> None:
    smaller = {"15-9901.00": ("Puzzle Programmers", "Renamed in a later release.")}
    release = write_release(tmp_path / "db_30_0_text", readme=False, occupations=smaller)

    summary = import_onet(imported, release)

    assert summary.version == "30.0"
    careers = _careers(imported)
    assert list(careers) == ["15-9901.00"]
    assert careers["15-9901.00"].description == "Renamed in a later release."
    assert careers["15-9901.00"].related == ()  # its related occupations left with the others
    assert careers["15-9901.00"].clusters == ()  # no cluster file this time
    library = _library(imported)
    assert library is not None and library.info.version == "30.0"
    assert library.info.clusters_source == ""
    conn = sqlite3.connect(imported)
    assert conn.execute("SELECT count(*) FROM onet_release").fetchone() == (1,)
    conn.close()


def test_remove_import_by_path_goes_back_to_the_starter_library(imported: Path) -> None:
    assert remove_import(imported) is True

    assert _library(imported) is None
    conn = sqlite3.connect(imported)
    for table in ("onet_occupations", "onet_related", "onet_titles", "onet_tasks", "onet_clusters"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    conn.close()
    assert remove_import(imported) is False


def test_remove_import_through_the_open_store(imported: Path) -> None:
    store = open_store(imported)
    try:
        assert load_imported(store.conn) is not None
        assert remove_import(store) is True
        assert load_imported(store.conn) is None
    finally:
        store.close()


def test_import_beside_an_open_store_is_seen_by_it(db: Path, tmp_path: Path) -> None:
    store = open_store(db)  # as the GUI holds it
    try:
        assert load_imported(store.conn) is None
        import_onet(db, write_release(tmp_path / "db_29_3_text"))
        library = load_imported(store.conn)
        assert library is not None and len(library.careers) == 5
    finally:
        store.close()


# --- Cancel and failures leave the previous import exactly as it was ---------------------------


def _progress_calls(tmp_path: Path, release: Path) -> list[tuple[int, int]]:
    db = tmp_path / "count.sqlite"
    open_store(db).close()
    calls: list[tuple[int, int]] = []
    import_onet(db, release, progress=lambda done, total: calls.append((done, total)))
    return calls


def test_progress_rises_to_the_total(tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text", clusters_csv=True)

    calls = _progress_calls(tmp_path, release)

    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    assert len({total for _, total in calls}) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert len(calls) > 15


def test_cancel_at_any_point_leaves_the_previous_import(imported: Path, tmp_path: Path) -> None:
    release = write_release(
        tmp_path / "next" / "db_30_0_text",
        occupations={
            "15-9901.00": ("Puzzle Programmers", "Changed."),
        },
    )
    total_calls = len(_progress_calls(tmp_path, release))
    before = dump(imported)

    # Cancel pressed after each progress report in turn: before, during and after writing.
    for after in range(total_calls - 1):
        reports: list[int] = []

        def progress(done: int, total: int, reports: list[int] = reports) -> None:
            reports.append(done)

        def cancelled(reports: list[int] = reports, after: int = after) -> bool:
            return len(reports) > after

        with pytest.raises(ImportCancelled, match="not changed"):
            import_onet(imported, release, progress=progress, is_cancelled=cancelled)
        assert dump(imported) == before, f"cancelled after {after} progress reports"


def test_a_failure_while_writing_leaves_the_previous_import(imported: Path, tmp_path: Path) -> None:
    release = write_release(tmp_path / "next" / "db_30_0_text")
    conn = sqlite3.connect(imported)
    with conn:
        conn.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON onet_tasks WHEN NEW.task = 'Scrape old paint.' "
            "BEGIN SELECT RAISE(ABORT, 'no room for paint'); END"
        )
    conn.close()
    before = dump(imported)

    with pytest.raises(sqlite3.IntegrityError, match="no room for paint"):
        import_onet(imported, release)

    assert dump(imported) == before


@pytest.mark.parametrize("raised", [RuntimeError("power cut"), KeyboardInterrupt()])
def test_an_interruption_while_writing_leaves_the_previous_import(
    imported: Path, tmp_path: Path, raised: BaseException
) -> None:
    release = write_release(tmp_path / "next" / "db_30_0_text")
    before = dump(imported)
    reports = len(_progress_calls(tmp_path, release))
    calls = 0

    def progress(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == reports - 2:  # among the batches written
            raise raised

    with pytest.raises(type(raised)):
        import_onet(imported, release, progress=progress)
    assert dump(imported) == before


def test_a_locked_database_is_refused_unchanged(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = write_release(tmp_path / "next" / "db_30_0_text")
    monkeypatch.setattr(
        onet_import, "connect_worker", functools.partial(connect_worker, busy_timeout=0.1)
    )
    before = dump(imported)
    other = sqlite3.connect(imported, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with pytest.raises(errors.LockedDatabaseError):
            import_onet(imported, release)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert dump(imported) == before


# --- The real O*NET 29.3 release (skipped where the shared files are absent) ------------------

ONET = real_onet_dir()
needs_real = pytest.mark.skipif(ONET is None, reason="the shared O*NET files are not here")


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One import of the full release (29.3 plus 27.0's titles and education) and clusters."""
    assert ONET is not None
    folder = tmp_path_factory.mktemp("onet")
    db = folder / "school.sqlite"
    open_store(db).close()
    release = full_release(ONET, folder / "db_29_3_text")
    clusters = ONET / "career_clusters" / "All_Career_Clusters.csv"
    summary = import_onet(db, release, clusters)
    assert summary.version == "29.3"
    return db


@pytest.fixture(scope="module")
def real_careers(real_db: Path) -> dict[str, Career]:
    return _careers(real_db)


@needs_real
def test_real_release_counts(real_db: Path, real_careers: dict[str, Career]) -> None:
    library = _library(real_db)
    assert library is not None
    assert (library.info.version, library.info.released) == ("29.3", "May 2025")
    assert library.info.occupations == 1016
    assert library.info.with_interests == 923
    assert len(real_careers) == 1016
    assert sum(1 for c in real_careers.values() if c.ratings is None) == 93
    assert set(library.job_zones) == {1, 2, 3, 4, 5}


@needs_real
def test_real_software_developers(real_careers: dict[str, Career]) -> None:
    developers = real_careers["15-1252.00"]
    assert developers.ratings is not None
    assert (developers.ratings["I"], developers.ratings["C"], developers.ratings["R"]) == (
        5.86,
        5.46,
        3.93,
    )
    assert developers.high_point == "ICR"
    assert developers.job_zone == 4
    assert real_careers["11-1011.03"].title != real_careers["11-1011.00"].title  # codes are text


@needs_real
def test_real_titles_and_education_from_the_full_release(real_careers: dict[str, Career]) -> None:
    with_titles = sum(1 for c in real_careers.values() if c.alternate_titles)
    with_education = sum(1 for c in real_careers.values() if c.education)
    assert with_titles > 1000
    assert with_education > 800
    assert real_careers["15-1252.00"].tasks
    titles = [t.casefold() for t in real_careers["15-1252.00"].alternate_titles]
    assert len(titles) == len(set(titles))


@needs_real
def test_real_clusters(real_careers: dict[str, Career]) -> None:
    clustered = sum(1 for c in real_careers.values() if c.clusters)
    assert 1000 <= clustered <= 1016
    assert real_careers["15-1253.00"].clusters == (
        ClusterPlace("it", "Information Support and Services"),
        ClusterPlace("it", "Programming and Software Development"),
    )


@needs_real
def test_real_release_as_its_zip(tmp_path: Path) -> None:
    assert ONET is not None
    source = zip_folder(ONET / "db_29_3_text", tmp_path / "db_29_3_text.zip", inner="db_29_3_text")
    db = tmp_path / "school.sqlite"
    open_store(db).close()

    summary = import_onet(db, source)

    assert (summary.occupations, summary.with_interests) == (1016, 923)
    assert summary.missing == ("Alternate Titles.txt", "Education, Training, and Experience.txt")
    assert summary.skipped_rows == 0
