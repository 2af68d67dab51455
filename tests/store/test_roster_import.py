"""Importing an SIS roster into the database: updates by SIS id, additions, all rows or none,
the backup first, and the mapping remembered; fuzzed with hypothesis."""

from __future__ import annotations

import codecs
import csv
import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ilp_desktop.domain.roster_csv import (
    RosterFileError,
    RosterRecord,
    guess_mapping,
    read_roster,
)
from ilp_desktop.domain.students import Guardian, Student
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.roster_import import (
    MAPPINGS_KEPT,
    RosterCancelledError,
    RosterRejectedError,
    RosterSummary,
    check_roster,
    import_roster,
    mapping_for,
    plan_changes,
    remember_mapping,
)
from ilp_desktop.store.settings import SettingsStore
from ilp_desktop.store.students import StudentStore

from helpers import digest, named_students

HEADER = ["Student_Number", "Last_Name", "First_Name", "Grade_Level"]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def dump(store: Store) -> list[tuple]:
    """Every student and guardian row, as stored."""
    conn = store.conn
    return [
        *conn.execute("SELECT * FROM students ORDER BY id").fetchall(),
        *conn.execute("SELECT * FROM guardians ORDER BY id").fetchall(),
    ]


def run_import(store: Store, data: bytes, backups: Path, **kwargs: object) -> RosterSummary:
    """The whole path the CLI and the wizard take, from the file's bytes."""
    table = read_roster(data)
    mapping, _ = mapping_for(store, table)
    return import_roster(store, table, mapping, backups, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def school(store: Store, students: StudentStore) -> Store:
    """The named students (many scripts), one with everything a counselor fills in."""
    added = students.add_many(named_students())
    full = added[0].with_changes(
        preferred_name="An",
        homeroom="101",
        counselor="Ms. Ortiz",
        date_of_birth="2011-03-14",
        family_languages=["Vietnamese", "English"],
        guardians=[Guardian("Lan Nguyễn", "mother", "555-0100", "", "Vietnamese")],
        iep=True,
        cte=True,
        cte_pathway="Health science",
        notes="Wants to be a nurse.",
    )
    students.update(full)
    return store


def backups_made(folder: Path) -> list[Path]:
    return sorted(folder.glob("*before-roster-import*")) if folder.exists() else []


# --- Adding and updating --------------------------------------------------------------------------


def test_a_roster_into_an_empty_database(
    store: Store, students: StudentStore, tmp_path: Path
) -> None:
    rows = [
        [*HEADER, "Homeroom", "DOB", "Home_Language", "Parent_Name", "Parent_Phone", "ELL"],
        [
            "300001",
            "Wiśniewska",
            "Zofia",
            "09",
            "101",
            "3/14/2011",
            "Polish",
            "Anna W.",
            "555",
            "Y",
        ],
        ["300002", "عبد الله", "مريم", "10", "", "", "Arabic", "", "", ""],
        ["300003", "王", "小明", "K", "", "", "", "", "", "N"],
    ]
    summary = run_import(store, csv_bytes(rows), tmp_path / "backups")
    assert summary == RosterSummary(added=3, updated=0, unchanged=0)
    assert summary.sentence() == "Added 3, updated 0, left 0 unchanged."
    first, second, third = students.all()
    assert (first.last_name, first.first_name, first.grade, first.homeroom) == (
        "Wiśniewska",
        "Zofia",
        "9",
        "101",
    )
    assert first.date_of_birth == "2011-03-14" and first.ell
    assert first.family_languages == ["Polish"]
    assert first.guardians == [Guardian("Anna W.", phone="555")]
    assert (second.full_name, second.family_languages, second.guardians) == (
        "مريم عبد الله",
        ["Arabic"],
        [],
    )
    assert (third.full_name, third.grade, third.ell) == ("王小明", "K", False)
    # The roster finds them as it finds students typed in by hand.
    assert {e.sis_id for e in students.roster()} == {"300001", "300002", "300003"}
    assert len(backups_made(tmp_path / "backups")) == 1


def test_update_by_sis_id_keeps_every_field_the_file_does_not_carry(
    school: Store, students: StudentStore, tmp_path: Path
) -> None:
    before = {s.sis_id: s for s in students.all()}
    rows = [
        [*HEADER, "Nickname", "Homeroom", "Parent_Name", "Parent_Email"],
        # A new grade and homeroom; no nickname in the SIS; the guardian's email arrives.
        ["200001", "Nguyen", "Van An", "10", "", "204", "LAN NGUYEN", "lan@example.org"],
        ["200002", "Ødegård", "Ingrid", "10", "", "", "", ""],  # as she is: unchanged
        ["200010", "Kowalski", "Jan", "8", "Janek", "", "", ""],  # new
    ]
    summary = run_import(school, csv_bytes(rows), tmp_path / "backups")
    assert summary == RosterSummary(added=1, updated=1, unchanged=1)
    after = {s.sis_id: s for s in students.all()}
    an = after["200001"]
    assert (an.last_name, an.first_name, an.grade, an.homeroom) == ("Nguyen", "Van An", "10", "204")
    old = before["200001"]
    # Not in the file, or blank in it: as they were.
    for name in ("preferred_name", "counselor", "date_of_birth", "family_languages", "iep"):
        assert getattr(an, name) == getattr(old, name), name
    assert (an.cte, an.cte_pathway, an.notes) == (True, "Health science", "Wants to be a nurse.")
    assert an.guardians == [
        Guardian("LAN NGUYEN", "mother", "555-0100", "lan@example.org", "Vietnamese")
    ]
    assert after["200002"] == before["200002"]
    assert after["200010"].preferred_name == "Janek"
    for sis_id in set(before) - {"200001"}:  # the students not in the file are untouched
        assert after[sis_id] == before[sis_id]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    school: Store, tmp_path: Path
) -> None:
    rows = [[*HEADER, "Home_Language"], ["200003", "Żółć", "Łukasz", "11", "Polish"]]
    data = csv_bytes(rows)
    assert run_import(school, data, tmp_path / "b").updated == 1
    state = dump(school)
    assert run_import(school, data, tmp_path / "b") == RosterSummary(0, 0, 1)
    assert dump(school) == state


def test_an_archived_student_in_the_file_is_back_on_the_roster(
    school: Store, students: StudentStore, tmp_path: Path
) -> None:
    wang = next(s for s in students.all() if s.sis_id == "200006")
    students.set_archived(wang.id, True)  # type: ignore[arg-type]
    data = csv_bytes([HEADER, ["200006", "王", "小明", "12"]])
    summary = run_import(school, data, tmp_path / "b")
    assert summary == RosterSummary(added=0, updated=1, unchanged=0, restored=1)
    assert "1 of the updated were archived" in summary.sentence()
    assert students.get(wang.id).archived_at == ""  # type: ignore[arg-type, union-attr]


def test_names_compared_without_case_or_accents_are_the_same_student(
    school: Store, tmp_path: Path
) -> None:
    # Many SIS exports drop accents: "Zolc, Lukasz" is still 200003.
    data = csv_bytes([HEADER, ["200003", "ZOLC", "Lukasz", "11"]])
    assert run_import(school, data, tmp_path / "b").updated == 1


# --- All rows or none ---------------------------------------------------------------------------


def test_one_bad_row_and_nothing_is_written(school: Store, tmp_path: Path) -> None:
    rows = [HEADER] + [[f"{310000 + n}", f"Last{n}", f"First{n}", "9"] for n in range(50)]
    rows += [["200001", "Nguyễn", "Văn An", "10"], ["310999", "Bad", "Grade", "14"]]
    before = dump(school)
    with pytest.raises(RosterRejectedError) as rejected:
        run_import(school, csv_bytes(rows), tmp_path / "backups")
    assert [(p.row, p.sis_id) for p in rejected.value.problems] == [(53, "310999")]
    assert "Nothing was imported" in str(rejected.value)
    assert dump(school) == before
    assert backups_made(tmp_path / "backups") == []  # refused before any backup


def test_a_refused_import_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "backups")
    StudentStore(store).add_many(named_students())
    store.close()
    before = digest(db)
    store = open_store(db, tmp_path / "backups")
    try:
        with pytest.raises(RosterRejectedError):
            run_import(store, csv_bytes([HEADER, ["1", "A", "", "9"]]), tmp_path / "backups")
    finally:
        store.close()
    assert digest(db) == before


def test_a_student_with_the_same_sis_id_but_another_name_is_a_conflict(
    school: Store, tmp_path: Path
) -> None:
    before = dump(school)
    rows = [HEADER, ["200010", "New", "Student", "9"], ["200008", "Smith", "John", "9"]]
    with pytest.raises(RosterRejectedError) as rejected:
        run_import(school, csv_bytes(rows), tmp_path / "b")
    (problem,) = rejected.value.problems
    assert problem.row == 3
    assert "SIS id 200008 belongs to Hodan Warsame" in problem.message
    assert "John Smith" in problem.message
    assert dump(school) == before


def test_swapped_name_columns_are_caught_before_they_rename_everyone(
    school: Store, students: StudentStore, tmp_path: Path
) -> None:
    data = csv_bytes(
        [HEADER] + [[s.sis_id, s.last_name, s.first_name, s.grade] for s in named_students()]
    )
    table = read_roster(data)
    swapped = guess_mapping(table.header) | {"first_name": 1, "last_name": 2}  # chosen wrong
    plan = check_roster(school, table, swapped)
    assert len(plan.problems) == len(named_students())
    assert all("right way round" in p.message for p in plan.problems)


def test_a_sis_id_that_lost_its_leading_zeros_in_excel_is_a_conflict() -> None:
    existing = [Student("012345", "Ana", "Diaz", "9", id=1), Student("777", "Bo", "Lee", "9", id=2)]
    records = [
        RosterRecord(
            2, {"sis_id": "12345", "first_name": "Ana", "last_name": "Diaz", "grade": "9"}
        ),
        RosterRecord(3, {"sis_id": "0777", "first_name": "Bo", "last_name": "Lee", "grade": "9"}),
        RosterRecord(4, {"sis_id": "12346", "first_name": "Cy", "last_name": "Ng", "grade": "9"}),
    ]
    plan = plan_changes(records, existing)
    assert [p.row for p in plan.problems] == [2, 3]
    assert "012345 (Ana Diaz)" in plan.problems[0].message
    assert "leading zeros" in plan.problems[0].message
    assert [s.sis_id for s in plan.added] == ["12346"]


def test_cancel_rolls_everything_back(school: Store, tmp_path: Path) -> None:
    rows = [HEADER] + [[f"{320000 + n}", f"L{n}", f"F{n}", "9"] for n in range(1200)]
    before = dump(school)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(RosterCancelledError):
        run_import(
            school,
            csv_bytes(rows),
            tmp_path / "b",
            progress=progress,
            is_cancelled=lambda: len(seen) >= 2,  # after the first 500 were written
        )
    assert seen == [(0, 1200), (500, 1200)]
    assert dump(school) == before


def test_progress_counts_up_to_every_row_written(store: Store, tmp_path: Path) -> None:
    rows = [HEADER] + [[f"{330000 + n}", f"L{n}", f"F{n}", "9"] for n in range(1100)]
    seen: list[tuple[int, int]] = []
    run_import(store, csv_bytes(rows), tmp_path / "b", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 1100), (500, 1100), (1000, 1100), (1100, 1100)]


def test_a_dry_run_writes_nothing(school: Store) -> None:
    before = dump(school)
    data = csv_bytes([HEADER, ["200001", "Nguyễn", "Văn An", "10"], ["200011", "A", "B", "9"]])
    table = read_roster(data)
    plan = check_roster(school, table, guess_mapping(table.header))
    assert plan.summary() == RosterSummary(added=1, updated=1, unchanged=0)
    assert plan.summary().sentence(dry_run=True) == "Would add 1, update 1, leave 0 unchanged."
    assert dump(school) == before


# --- The mapping remembered --------------------------------------------------------------------


def test_the_mapping_is_remembered_for_the_same_header(store: Store) -> None:
    data = csv_bytes([["Code", "Family", "Given", "Level", "Room"], ["1", "A", "B", "9", "101"]])
    table = read_roster(data)
    guessed, remembered = mapping_for(store, table)
    assert (guessed, remembered) == ({}, False)
    chosen = {"sis_id": 0, "last_name": 1, "first_name": 2, "grade": 3, "homeroom": 4}
    remember_mapping(store, table, chosen)
    assert mapping_for(store, table) == (chosen, True)
    # The same layout saved again (other rows, other case in the header) maps itself.
    again = read_roster(
        csv_bytes([["CODE", "family", "given", "level", "room"], ["2", "C", "D", "9", ""]])
    )
    assert mapping_for(store, again) == (chosen, True)
    # Another layout is guessed.
    other = read_roster(csv_bytes([HEADER, ["1", "A", "B", "9"]]))
    assert mapping_for(store, other)[1] is False


def test_only_the_latest_layouts_are_kept(store: Store) -> None:
    for n in range(MAPPINGS_KEPT + 5):
        table = read_roster(csv_bytes([[*HEADER, f"Extra{n}"], ["1", "A", "B", "9", ""]]))
        remember_mapping(store, table, {"sis_id": 0, "last_name": 1, "first_name": 2, "grade": 3})
    saved = SettingsStore(store).get("roster_import_mapping")
    assert len(saved) == MAPPINGS_KEPT
    assert list(saved)[-1].endswith(f"extra{MAPPINGS_KEPT + 4}")


def test_a_damaged_remembered_mapping_falls_back_to_the_guess(store: Store) -> None:
    table = read_roster(csv_bytes([HEADER, ["1", "A", "B", "9"]]))
    SettingsStore(store).set("roster_import_mapping", ["not", "a", "dict"])
    assert mapping_for(store, table) == (guess_mapping(table.header), False)


def test_a_backup_that_cannot_be_made_stops_the_import(school: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    before = dump(school)
    with pytest.raises(Exception) as stopped:
        run_import(school, csv_bytes([HEADER, ["1", "A", "B", "9"]]), blocker / "backups")
    from ilp_desktop.store.errors import StoreError

    assert isinstance(stopped.value, StoreError)
    assert dump(school) == before


def test_a_backup_that_fails_its_check_stops_the_import_with_the_reason(
    school: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store import backups
    from ilp_desktop.store.backups import BackupBeforeImportError

    before = dump(school)
    monkeypatch.setattr(backups, "integrity_problems", lambda _path: ["Page 7: bad"])
    with pytest.raises(BackupBeforeImportError, match="so nothing was imported") as caught:
        run_import(school, csv_bytes([HEADER, ["1", "A", "B", "9"]]), tmp_path / "backups")
    assert "may be damaged" in str(caught.value)
    assert dump(school) == before


def test_an_update_leaves_the_guardians_out_of_the_history(school: Store, tmp_path: Path) -> None:
    """Updated students are saved with StudentStore.update_many: the change history holds the
    one field the file changed, and nothing about guardians it did not change."""
    from ilp_desktop.store.audit import AuditStore

    student = next(s for s in StudentStore(school).all() if s.guardians)
    assert student.id is not None
    seen = len(AuditStore(school).for_student(student.id))
    grade = "10" if student.grade != "10" else "11"
    rows = [HEADER, [student.sis_id, student.last_name, student.first_name, grade]]
    run_import(school, csv_bytes(rows), tmp_path / "backups")
    after = StudentStore(school).get(student.id)
    assert after is not None and after.grade == grade
    assert after.guardians == student.guardians
    history = AuditStore(school).for_student(student.id)  # newest first
    new = history[: len(history) - seen]
    assert [(e.table, e.action) for e in new] == [("students", "update")]
    assert [field for field, _old, _new in new[0].changes()] == ["grade"]


# --- Fuzzing: never a crash, never a partial write ----------------------------------------------

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STRESS = settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def import_or_refuse(store: Store, data: bytes, backups: Path) -> None:
    """Imports, or refuses with the import's own errors and leaves every row as it was."""
    before = dump(store)
    count = len(before)
    try:
        summary = run_import(store, data, backups)
    except (RosterFileError, RosterRejectedError) as refused:
        event(f"refused: {type(refused).__name__}")
        assert dump(store) == before
        return
    event("imported" if summary.added or summary.updated else "imported, nothing changed")
    after = dump(store)
    assert len(after) >= count + summary.added
    assert StudentStore(store).count(include_archived=True) >= len(named_students())
    conn = store.conn
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


cells = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
csvish = st.text(
    st.sampled_from(list(',;\t"\r\n =') + list("aZ09KéŁ王ـ") + ["\x00", "\ufeff", "\x85"]),
    max_size=300,
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])


NAMED = named_students()
letters = st.text(st.characters(categories=["L", "M"]), min_size=1, max_size=10)
PLAUSIBLE = {
    "DOB": st.sampled_from(["2011-03-14", "3/14/2011", "14/03/2011", ""]),
    "IEP": st.sampled_from(["Y", "N", "yes", "0", ""]),
    "Parent_Name": st.one_of(letters, st.just("")),
    "Parent_Email": st.sampled_from(["lan@example.org", ""]),
    "Home_Language": st.sampled_from(["Spanish", "Polish; English", "Tiếng Việt", ""]),
    "Nickname": st.one_of(letters, st.just("")),
}
GRADES = st.sampled_from(["9", "09", "K", "KG", "12th", "Gr 7", "PS"])


@st.composite
def roster_files(draw: st.DrawFn) -> bytes:
    """A good header (sometimes with optional columns) over rows that are plausible (students
    already in the database, new ones with names in any script), with arbitrary text put into
    some cells of some files."""
    optional = draw(st.lists(st.sampled_from(sorted(PLAUSIBLE)), unique=True))
    header = [*HEADER, *optional]
    spoiled = draw(st.booleans())
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):  # a student already there: an update (or unchanged)
            known = draw(st.sampled_from(NAMED))
            row = [known.sis_id, known.last_name, known.first_name]
        else:
            row = [draw(st.from_regex(r"\A[1-9][0-9]{5,7}\Z")), draw(letters), draw(letters)]
        row.append(draw(GRADES))
        row.extend(draw(PLAUSIBLE[name]) for name in optional)
        if spoiled:
            for column in draw(st.lists(st.integers(0, len(row) - 1), max_size=3)):
                row[column] = draw(cells)
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerows([header, *rows])
    encoding = draw(encodings)
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else b""
    return bom + out.getvalue().encode(encoding, errors="replace")


def _text_file(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=st.binary(max_size=600))
def test_fuzz_arbitrary_bytes(school: Store, tmp_path: Path, data: bytes) -> None:
    import_or_refuse(school, data, tmp_path / "b")


@FUZZ
@given(text=csvish, encoding=encodings, header=st.booleans())
def test_fuzz_csv_like_text(
    school: Store, tmp_path: Path, text: str, encoding: str, header: bool
) -> None:
    if header:
        text = ",".join(HEADER) + "\r\n" + text
    import_or_refuse(school, _text_file(text, encoding), tmp_path / "b")


@FUZZ
@given(data=roster_files())
def test_fuzz_arbitrary_cells(school: Store, tmp_path: Path, data: bytes) -> None:
    import_or_refuse(school, data, tmp_path / "b")


@pytest.mark.stress
@STRESS
@given(data=st.one_of(st.binary(max_size=2000), roster_files()))
def test_fuzz_stress(school: Store, tmp_path: Path, data: bytes) -> None:
    import_or_refuse(school, data, tmp_path / "b")


def test_sqlite_sees_one_transaction(school: Store, tmp_path: Path) -> None:
    """Another connection sees none of the rows until the import is whole."""
    rows = [HEADER] + [[f"{340000 + n}", f"L{n}", f"F{n}", "9"] for n in range(1200)]
    other = sqlite3.connect(school.path)
    counted: list[int] = []

    def progress(done: int, total: int) -> None:
        counted.append(other.execute("SELECT count(*) FROM students").fetchone()[0])

    try:
        run_import(school, csv_bytes(rows), tmp_path / "b", progress=progress)
        final = other.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        other.close()
    assert set(counted) == {len(named_students())}
    assert final == len(named_students()) + 1200


def test_the_change_history_names_only_what_the_import_changed(
    school: Store, tmp_path: Path
) -> None:
    conn = school.conn
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit'").fetchone():
        pytest.skip("no change history in this database version")
    start = conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
    rows = [
        [*HEADER, "Parent_Name", "Parent_Email"],
        ["200001", "Nguyễn", "Văn An", "9", "Lan Nguyễn", "lan@example.org"],  # email only
        ["200002", "Ødegård", "Ingrid", "10", "", ""],  # nothing
    ]
    run_import(school, csv_bytes(rows), tmp_path / "b")
    logged = conn.execute(
        "SELECT tbl, action, before, after FROM audit WHERE id > ? ORDER BY id", [start]
    ).fetchall()
    assert [(t, a) for t, a, _, _ in logged] == [("guardians", "update")]
    assert "lan@example.org" in logged[0][3] and "lan@example.org" not in logged[0][2]
