"""Transfer packages: a student exported from one database and imported into another shows the
same plan; replacing by SIS id leaves nothing of the old plan; every bad package is refused
with one message and no write at all."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.plans import ActionStep, Goal, ProgressNote
from ilp_desktop.domain.postsecondary import CareerLink, Target
from ilp_desktop.domain.sessions import Acknowledgement, Attendee, Session
from ilp_desktop.domain.snapshots import what_changed
from ilp_desktop.domain.transfer_format import (
    FORMAT_VERSION,
    HANDOUT_FILE,
    MANIFEST_FILE,
    STUDENT_FILE,
    TransferDocument,
    document_json,
    record_counts,
)
from ilp_desktop.handout_jobs import open_source
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.postsecondary import PostsecondaryStore
from ilp_desktop.store.self_exploration import SelfExplorationStore
from ilp_desktop.store.sessions import SessionStore
from ilp_desktop.store.shortlist import ShortlistStore
from ilp_desktop.store.students import StudentStore
from ilp_desktop.store.transfer_export import (
    HandoutAttachment,
    TransferCancelledError,
    TransferError,
    export_student,
    student_document,
    write_package,
)
from ilp_desktop.store.transfer_import import (
    PLAN_TABLES,
    Package,
    import_package,
    preview,
    read_package,
)
from ilp_desktop.transfer_jobs import package_handout

from helpers import named_students

TODAY = dt.date(2026, 3, 1)


# --- Helpers ------------------------------------------------------------------------------------


def row_counts(store: Store) -> dict[str, int]:
    """Rows of every table of the database (the settings and migrations too)."""
    tables = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: store.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def canonical(doc: TransferDocument) -> dict[str, Any]:
    """Everything of a student's ILP with database ids replaced by positions, so that two
    databases' copies compare equal exactly when they hold the same plan."""
    data = document_json(doc)
    goals = {g["id"]: n for n, g in enumerate(data["goals"])}
    sessions = {s["id"]: n for n, s in enumerate(data["sessions"])}
    all_steps = [s for g in data["goals"] for s in g["steps"]] + data["steps"]
    steps = {s["id"]: n for n, s in enumerate(all_steps)}
    for goal in data["goals"]:
        goal["id"] = goals[goal["id"]]
    for step in all_steps:
        step["id"] = steps[step["id"]]
        step["session"] = sessions.get(step["session"])
    for session in data["sessions"]:
        session["id"] = sessions[session["id"]]
    for snapshot in data["snapshots"]:
        snapshot["session"] = sessions.get(snapshot["session"])
        for goal in snapshot["data"].get("goals", []):
            goal["id"] = goals.get(goal.get("id"), "not a goal of the plan")
            for step in goal["steps"]:
                step["id"] = steps.get(step.get("id"), "not a step of the plan")
        for step in snapshot["data"].get("steps", []):
            step["id"] = steps.get(step.get("id"), "not a step of the plan")
    return data


def richest_student(store: Store) -> int:
    row = store.conn.execute(
        "SELECT s.id FROM students s ORDER BY "
        "(SELECT count(*) FROM goals WHERE student_id = s.id) "
        "+ (SELECT count(*) FROM sessions WHERE student_id = s.id) "
        "+ (SELECT count(*) FROM course_plan WHERE student_id = s.id) DESC, s.id LIMIT 1"
    ).fetchone()
    return row[0]


def hold_review(store: Store, student_id: int, on: str) -> Session:
    """A fall review saved through the app's own store: its snapshot has real goal ids."""
    step = ActionStep("Bring the signed form", role="guardian", due_on="2026-03-20", general=True)
    return SessionStore(store).save_session(
        student_id,
        Session(
            held_on=on,
            kind="conference",
            attendees=(Attendee("student"), Attendee("guardian", "Rania")),
            review="spring",
            review_year=2025,
        ),
        new_steps=[step],
        acknowledgements=[Acknowledgement("guardian", on, "Rania", on_paper=True)],
    )


def export(store: Store, student_id: int, out: Path, **kwargs: Any) -> Path:
    export_student(store, student_id, out, today=TODAY, **kwargs)
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(folder / "demo.sqlite", folder / "backups")
    build_demo_school(store, students=30, seed=11, today=TODAY)
    hold_review(store, richest_student(store), "2026-02-20")
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo_package(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packages") / "richest.ilp"
    return export(demo, richest_student(demo), out, handout=package_handout)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Store]:
    """Another school's database, with students of its own."""
    store = open_store(tmp_path / "other.sqlite", tmp_path / "backups")
    StudentStore(store).add_many(named_students()[:3])
    yield store
    store.close()


# --- The same plan in another database ----------------------------------------------------------


def test_a_demo_student_imported_elsewhere_has_the_same_plan(
    demo: Store, demo_package: Path, other: Store, tmp_path: Path
) -> None:
    source_id = richest_student(demo)
    before = canonical(student_document(demo, source_id))
    assert len(before["goals"]) >= 2 and len(before["sessions"]) >= 5  # a rich plan
    assert any(
        s["data"]["goals"] and s["data"]["goals"][0]["id"] is not None for s in before["snapshots"]
    )  # the review held above kept real ids

    result = import_package(other, read_package(demo_package), backups_dir=tmp_path / "b")

    assert not result.replaced
    assert canonical(student_document(other, result.student_id)) == before
    # Read back through each store as the tabs read them.
    here, there = result.student_id, source_id
    assert StudentStore(other).get(here) == replace(StudentStore(demo).get(there), id=here)
    mine = SelfExplorationStore(other).profile(here)
    theirs = SelfExplorationStore(demo).profile(there)
    assert [a.result(open_source(other).inventory) for a in mine.finished_attempts] == [
        a.result(open_source(demo).inventory) for a in theirs.finished_attempts
    ]
    assert [
        (e.code, e.title, e.rank, e.why, e.need) for e in ShortlistStore(other).entries(here)
    ] == [(e.code, e.title, e.rank, e.why, e.need) for e in ShortlistStore(demo).entries(there)]
    assert replace(PostsecondaryStore(other).plan(here), targets=()) == replace(
        PostsecondaryStore(demo).plan(there), targets=()
    )
    assert [len(g.steps) for g in PlanStore(other).records(here).goals] == [
        len(g.steps) for g in PlanStore(demo).records(there).goals
    ]


def test_what_changed_since_the_last_review_reads_the_same_after_import(
    demo: Store, demo_package: Path, other: Store, tmp_path: Path
) -> None:
    source_id = richest_student(demo)
    result = import_package(other, read_package(demo_package), backups_dir=tmp_path / "b")
    sessions_here, sessions_there = SessionStore(other), SessionStore(demo)

    def changes(sessions: SessionStore, student_id: int) -> list[Any]:
        last = sessions.last_review(student_id)
        assert last is not None
        return what_changed(last.data, sessions.current_snapshot(student_id))

    assert changes(sessions_here, result.student_id) == changes(sessions_there, source_id)
    # The snapshot's ids are the imported goals' ids: rewording a goal here reads as reworded.
    goal = PlanStore(other).records(result.student_id).goals[0]
    last = sessions_here.last_review(result.student_id)
    assert last is not None
    assert goal.id in {g["id"] for g in last.data["goals"]}
    PlanStore(other).save_goal(
        result.student_id, replace(goal, statement="Reworded: " + goal.statement)
    )
    keys = [c.key for c in changes(sessions_here, result.student_id) if goal.statement in c.text]
    assert "goal_updated" in keys and "goal_removed" not in keys
    # The handout reads the imported plan, comparison included.
    handout = open_source(other).handout(result.student_id, TODAY)
    assert handout.last_review is not None


def test_a_student_with_a_non_latin_name_travels_whole(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a.sqlite", tmp_path / "backups")
    target = open_store(tmp_path / "b.sqlite", tmp_path / "backups")
    try:
        ming = StudentStore(source).add_many(named_students())[5]  # 王小明
        assert ming.id is not None
        sid = ming.id
        plans = PlanStore(source)
        goal = plans.save_goal(sid, Goal("career", "了解护理工作，三月前访问一家医院", id=None))
        plans.add_note(goal.id, ProgressNote("2026-02-01", "和护士长谈过了。"))
        plans.save_step(sid, ActionStep("预约参观", goal_id=goal.id, due_on="2026-03-10"))
        ShortlistStore(source).add(sid, "99-9999.00", "只有那所学校知道的职业")
        PostsecondaryStore(source).save_choices(sid, "four_year", ["two_year"], "当护士")
        PostsecondaryStore(source).save_target(sid, Target("school", "台湾大学"))
        PostsecondaryStore(source).set_careers(sid, [CareerLink("99-9999.00", "护士")])
        attempts = SelfExplorationStore(source)
        attempt = attempts.start_attempt(sid, "secondary", "es", at="2026-01-10T09:00:00")
        for item_id in open_source(source).inventory.form("secondary").ids:
            attempts.save_answer(attempt.id, item_id, 4 if item_id.endswith("1") else 2)
        attempts.finish_attempt(attempt.id, at="2026-01-10T09:30:00")
        hold_review(source, sid, "2026-02-15")
        package = export(source, sid, tmp_path / "王小明.ilp", handout=package_handout)

        read = read_package(package)
        shown = preview(target, read)
        assert shown.name == "王小明" and not shown.conflict
        assert any("只有那所学校知道的职业" in note for note in shown.notes)  # not in the library
        result = import_package(target, read, backups_dir=tmp_path / "backups")
        assert canonical(student_document(target, result.student_id)) == canonical(
            student_document(source, sid)
        )
        assert ShortlistStore(target).entries(result.student_id)[0].code == "99-9999.00"
    finally:
        source.close()
        target.close()


def test_the_package_holds_the_handout_and_it_opens(demo: Store, demo_package: Path) -> None:
    with zipfile.ZipFile(demo_package) as archive:
        assert sorted(archive.namelist()) == sorted([MANIFEST_FILE, STUDENT_FILE, HANDOUT_FILE])
        manifest = json.loads(archive.read(MANIFEST_FILE))
        pdf = PdfReader(io.BytesIO(archive.read(HANDOUT_FILE)))
    student = StudentStore(demo).get(richest_student(demo))
    assert student is not None
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["student"] == {
        "sis_id": student.sis_id,
        "name": student.full_name,
        "grade": student.grade,
    }
    assert manifest["handout_file"] == HANDOUT_FILE
    assert len(pdf.pages) >= 1
    assert student.last_name in pdf.pages[0].extract_text()
    assert read_package(demo_package).handout_pdf is not None


def test_the_package_names_the_exporting_school(demo: Store, tmp_path: Path) -> None:
    from ilp_desktop.domain.handout import SchoolDetails
    from ilp_desktop.store.handouts import save_school_details

    save_school_details(demo, SchoolDetails(name="Escuela Secundaria Benito Juárez"))
    try:
        package = read_package(export(demo, richest_student(demo), tmp_path / "s.ilp"))
    finally:
        save_school_details(demo, SchoolDetails())
    assert package.manifest.school_name == "Escuela Secundaria Benito Juárez"
    assert preview(demo, package).school_name == "Escuela Secundaria Benito Juárez"


def test_without_a_handout_the_manifest_says_why(demo: Store, tmp_path: Path) -> None:
    def no_font(_store: Store, _id: int, _today: dt.date) -> HandoutAttachment:
        return HandoutAttachment(None, "No font could draw it.")

    package = read_package(export(demo, richest_student(demo), tmp_path / "n.ilp", handout=no_font))
    assert package.handout_pdf is None
    assert package.manifest.handout_note == "No font could draw it."
    assert any("No font could draw it." in note for note in preview(demo, package).notes)


# --- Replacing by SIS id ------------------------------------------------------------------------


def test_replacing_by_sis_id_keeps_one_record_and_nothing_of_the_old_plan(
    demo: Store, demo_package: Path, other: Store, tmp_path: Path
) -> None:
    # The student came here once before (an older plan), then moved back with a new one.
    source_id = richest_student(demo)
    first = import_package(other, read_package(demo_package), backups_dir=tmp_path / "b")
    old = PlanStore(other)
    old.save_goal(first.student_id, Goal("personal", "A goal only this school wrote down"))
    hold_review(other, first.student_id, "2026-02-25")
    StudentStore(other).set_archived(first.student_id, True)  # they had left
    roster = StudentStore(other).count(include_archived=True)
    package = read_package(demo_package)

    with pytest.raises(TransferError, match="choose Replace"):
        import_package(other, package, backups_dir=tmp_path / "b")
    shown = preview(other, package)
    assert shown.conflict and shown.existing is not None
    assert shown.existing.id == first.student_id
    assert dict(shown.existing.counts)["Goals"] == dict(shown.counts)["Goals"] + 1
    assert any("archived here" in note for note in shown.notes)

    result = import_package(other, package, backups_dir=tmp_path / "b", on_conflict="replace")

    assert result.replaced and result.student_id == first.student_id
    assert StudentStore(other).count(include_archived=True) == roster
    assert not StudentStore(other).get(result.student_id).archived  # back on the roster
    assert canonical(student_document(other, result.student_id)) == canonical(
        student_document(demo, source_id)
    )
    for table in PLAN_TABLES:
        here = other.conn.execute(
            f"SELECT count(*) FROM {table} WHERE student_id = ?", [result.student_id]
        ).fetchone()[0]
        there = demo.conn.execute(
            f"SELECT count(*) FROM {table} WHERE student_id = ?", [source_id]
        ).fetchone()[0]
        assert here == there, table
    notes = other.conn.execute(
        "SELECT count(*) FROM goal_notes n JOIN goals g ON g.id = n.goal_id WHERE g.student_id = ?",
        [result.student_id],
    ).fetchone()[0]
    assert notes == sum(len(g.notes) for g in PlanStore(demo).records(source_id).goals)
    orphans = [
        other.conn.execute(f"SELECT count(*) FROM {child} WHERE {key} NOT IN {parents}").fetchone()[
            0
        ]
        for child, key, parents in (
            ("goal_notes", "goal_id", "(SELECT id FROM goals)"),
            ("acknowledgements", "session_id", "(SELECT id FROM sessions)"),
        )
    ]
    assert orphans == [0, 0]
    assert "A goal only this school wrote down" not in {
        g.statement for g in PlanStore(other).records(result.student_id).goals
    }


def test_other_students_are_not_touched(demo_package: Path, other: Store, tmp_path: Path) -> None:
    names_before = [(s.sis_id, s.full_name) for s in StudentStore(other).all()]
    result = import_package(other, read_package(demo_package), backups_dir=tmp_path / "b")
    after = [
        (s.sis_id, s.full_name) for s in StudentStore(other).all() if s.id != result.student_id
    ]
    assert after == names_before


def test_every_table_that_holds_a_students_records_is_replaced_or_kept_on_purpose(
    other: Store,
) -> None:
    """A new table of student records must be added to PLAN_TABLES (replaced on import) or
    named here as kept (and the transfer format extended to carry it)."""
    # Guardians are rewritten with the roster record; the audit keeps the history of changes
    # (the import's own deletes and inserts are recorded there).
    kept = {"guardians", "audit"}
    tables = [
        r[0]
        for r in other.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    linked = {
        t
        for t in tables
        if "student_id" in {c[1] for c in other.conn.execute(f'PRAGMA table_info("{t}")')}
    }
    assert linked - kept - set(PLAN_TABLES) == set()


def test_a_backup_is_made_before_the_import(
    demo_package: Path, other: Store, tmp_path: Path
) -> None:
    result = import_package(other, read_package(demo_package), backups_dir=tmp_path / "kept")
    assert result.backup.parent == tmp_path / "kept"
    assert "before-student-import" in result.backup.name
    copy = sqlite3.connect(result.backup)
    try:  # the copy is the database as it was: without the imported student
        found = copy.execute(
            "SELECT count(*) FROM students WHERE sis_id = ?", [result.sis_id]
        ).fetchone()
    finally:
        copy.close()
    assert found == (0,)


def test_a_backup_that_fails_its_check_stops_the_import_with_the_reason(
    demo_package: Path, other: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store import backups
    from ilp_desktop.store.errors import StoreError

    before = row_counts(other)
    monkeypatch.setattr(backups, "integrity_problems", lambda _path: ["Page 7: bad"])
    with pytest.raises(StoreError) as caught:
        import_package(other, read_package(demo_package), backups_dir=tmp_path / "b")
    message = str(caught.value)
    # The database may be damaged: not a matter of disk space.
    assert "nothing was imported" in message and "may be damaged" in message
    assert "Free some space" not in message
    assert row_counts(other) == before


def test_an_import_that_fails_midway_writes_nothing(
    demo_package: Path, other: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.store import transfer_import

    package = read_package(demo_package)
    first = import_package(other, package, backups_dir=tmp_path / "b")
    before_counts = row_counts(other)
    before_plan = canonical(student_document(other, first.student_id))

    class Failing:
        def insert(self, *_args: object) -> None:
            raise sqlite3.IntegrityError("CHECK constraint failed: text <> ''")

    monkeypatch.setattr(transfer_import, "NOTES", Failing())
    with pytest.raises(TransferError, match="refuses one of its records") as caught:
        import_package(other, package, backups_dir=tmp_path / "b", on_conflict="replace")
    assert "CHECK constraint" not in str(caught.value)  # SQLite's words go to the log
    assert row_counts(other) == before_counts
    assert canonical(student_document(other, first.student_id)) == before_plan


# --- Export: whole files only -------------------------------------------------------------------


def test_an_export_that_fails_leaves_the_existing_file_as_it_was(
    demo: Store, tmp_path: Path
) -> None:
    out = tmp_path / "kept.ilp"
    out.write_bytes(b"the earlier package")

    def broken(_store: Store, _id: int, _today: dt.date) -> HandoutAttachment:
        raise RuntimeError("the printer caught fire")

    with pytest.raises(RuntimeError):
        export(demo, richest_student(demo), out, handout=broken)
    assert out.read_bytes() == b"the earlier package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.ilp"]


def test_a_cancelled_export_leaves_no_file(demo: Store, tmp_path: Path) -> None:
    calls = iter([False, False, False, True, True])
    with pytest.raises(TransferCancelledError):
        export(demo, richest_student(demo), tmp_path / "c.ilp", is_cancelled=lambda: next(calls))
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_student_is_refused(demo: Store, tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="no longer in this database"):
        export(demo, 999_999, tmp_path / "x.ilp")
    assert StudentStore(demo).id_of("no-such-id") is None


def test_a_package_is_readable_only_by_its_owner(demo: Store, tmp_path: Path) -> None:
    out = export(demo, richest_student(demo), tmp_path / "p.ilp")
    assert out.stat().st_mode & 0o077 == 0


# --- Refusals -----------------------------------------------------------------------------------


def package_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_json(path: Path, name: str, change: Any) -> bytes:
    members = members_of(path)
    data = json.loads(members[name])
    change(data)
    members[name] = json.dumps(data).encode()
    return package_bytes(members)


def _newer(manifest: dict[str, Any]) -> None:
    manifest["format_version"] = FORMAT_VERSION + 1


def _wrong_type(document: dict[str, Any]) -> None:
    document["goals"][0]["statement"] = ["not", "text"]


def _other_sis_id(manifest: dict[str, Any]) -> None:
    manifest["student"]["sis_id"] = "somebody-else"


REFUSALS = {
    "newer format": (lambda p: with_json(p, MANIFEST_FILE, _newer), "newer version"),
    "truncated": (lambda p: p.read_bytes()[: p.stat().st_size // 2], "not a transfer package"),
    "garbage": (lambda p: b"\x00garbage" * 500, "not a transfer package"),
    "empty": (lambda p: b"", "not a transfer package"),
    "json, not zip": (lambda p: members_of(p)[STUDENT_FILE], "not a transfer package"),
    "wrong json type": (lambda p: with_json(p, STUDENT_FILE, _wrong_type), "should be text"),
    "sis id mismatch": (lambda p: with_json(p, MANIFEST_FILE, _other_sis_id), "SIS id"),
    "no manifest": (
        lambda p: package_bytes({STUDENT_FILE: members_of(p)[STUDENT_FILE]}),
        "no manifest.json",
    ),
    "no record": (
        lambda p: package_bytes({MANIFEST_FILE: members_of(p)[MANIFEST_FILE]}),
        "no student record",
    ),
    "handout missing": (
        lambda p: package_bytes({k: v for k, v in members_of(p).items() if k != HANDOUT_FILE}),
        "missing",
    ),
    "handout not a pdf": (
        lambda p: package_bytes(members_of(p) | {HANDOUT_FILE: b"<html>"}),
        "not a PDF",
    ),
    "zip bomb": (
        lambda p: package_bytes(members_of(p) | {"padding.bin": bytes(60_000_000)}),
        "would unpack to",
    ),
    "huge record": (
        lambda p: package_bytes(
            members_of(p) | {STUDENT_FILE: b'{"student": "' + b"x" * 51_000_000 + b'"}'}
        ),
        "would unpack to",
    ),
    "not utf-8": (
        lambda p: package_bytes(members_of(p) | {STUDENT_FILE: "{}".encode("utf-16")}),
        "UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_bad_package_is_refused_with_one_message(
    case: str, demo_package: Path, other: Store, tmp_path: Path
) -> None:
    make, words = REFUSALS[case]
    bad = tmp_path / "bad.ilp"
    bad.write_bytes(make(demo_package))
    before = row_counts(other)
    with pytest.raises(TransferError) as caught:
        read_package(bad)
    message = str(caught.value)
    assert words in message
    assert str(bad) in message and "Nothing was changed." in message
    assert row_counts(other) == before


def test_a_missing_file_a_folder_and_a_huge_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="does not exist"):
        read_package(tmp_path / "nowhere.ilp")
    with pytest.raises(TransferError, match="is a folder"):
        read_package(tmp_path)
    huge = tmp_path / "huge.ilp"
    with huge.open("wb") as handle:
        handle.truncate(70_000_000)  # sparse: takes no room
    with pytest.raises(TransferError, match="far smaller"):
        read_package(huge)


def test_a_member_larger_than_it_claims_is_refused(tmp_path: Path) -> None:
    from ilp_desktop.domain.transfer_format import TransferFormatError
    from ilp_desktop.store import transfer_import

    data = package_bytes({MANIFEST_FILE: b"{" + b" " * 5000 + b"}", STUDENT_FILE: b"{}"})
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(MANIFEST_FILE)
    info.file_size = 10  # the archive lies about the size
    with pytest.raises(TransferFormatError, match=r"manifest\.json is damaged"):
        transfer_import._member(archive, {MANIFEST_FILE: info}, MANIFEST_FILE, 1000)
    info.file_size = 1001  # and an honest one above the limit is not read at all
    with pytest.raises(TransferFormatError, match="larger than any ILP Desktop writes"):
        transfer_import._member(archive, {MANIFEST_FILE: info}, MANIFEST_FILE, 1000)


# --- Fuzzing: never a crash, never a partial write ----------------------------------------------

JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", " ", "2026-02-30", "2026-09-14", "done", "dropped", "fall", "S01"]),
    st.just("x" * 120_000),
    st.lists(st.integers(min_value=-3, max_value=9), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(min_value=-1, max_value=6), max_size=3),
)


def _alike(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(min_value=-5, max_value=3000)
    if isinstance(value, float):
        return st.floats(min_value=0, max_value=100)
    if isinstance(value, str):
        return st.one_of(
            st.text(max_size=30),
            st.sampled_from(["", "2026-02-28", "2026-09-14T10:00:00", "Ødegård 王 فاطمة"]),
            st.just("x" * 120_000),
        )
    if isinstance(value, list) and value:
        return st.permutations(value).map(list) | st.just(value[1:])
    return JSON_VALUES


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@st.composite
def mutated_json(draw: st.DrawFn, original: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(original))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["drop", "replace", "alike", "alike", "duplicate"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        elif action == "alike":  # a value of the same type: often still valid, oddly so
            parent[path[-1]] = draw(_alike(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(JSON_VALUES)
    return data


@st.composite
def bad_packages(draw: st.DrawFn, good: bytes) -> bytes:
    kind = draw(st.sampled_from(["student", "student", "manifest", "bytes", "cut", "random"]))
    members = {n: zipfile.ZipFile(io.BytesIO(good)).read(n) for n in (MANIFEST_FILE, STUDENT_FILE)}
    if kind in ("student", "manifest"):
        name = STUDENT_FILE if kind == "student" else MANIFEST_FILE
        members[name] = json.dumps(draw(mutated_json(json.loads(members[name])))).encode()
        return package_bytes(members)
    if kind == "bytes":
        data = bytearray(good)
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(
                st.integers(min_value=0, max_value=255)
            )
        return bytes(data)
    if kind == "cut":
        return good[: draw(st.integers(min_value=0, max_value=len(good) - 1))]
    return draw(st.binary(max_size=3000))


@pytest.fixture(scope="module")
def fuzz(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("fuzz")
    # A student with a fair plan, without the handout: the fuzz is about the records.
    student_id = demo.conn.execute(
        "SELECT student_id FROM goals GROUP BY student_id ORDER BY count(*) DESC, student_id "
        "LIMIT 1 OFFSET 3"
    ).fetchone()[0]
    good = export(demo, student_id, folder / "good.ilp").read_bytes()
    target = open_store(folder / "target.sqlite", folder / "backups")
    StudentStore(target).add_many(named_students()[:2])
    yield Fuzz(good=good, store=target, folder=folder, source=open_source(demo))
    target.close()


class Fuzz(dict):  # type: ignore[type-arg]
    """What the fuzz tests share; shown by name only when an example fails."""

    def __init__(self, **items: Any) -> None:
        super().__init__(items)

    def __repr__(self) -> str:
        return "<fuzz target>"


def check_never_a_crash_never_a_partial_write(fuzz: dict[str, Any], data: bytes) -> None:
    store: Store = fuzz["store"]
    path = fuzz["folder"] / "fuzzed.ilp"
    path.write_bytes(data)
    before = row_counts(store)
    try:
        package: Package = read_package(path)
        result = import_package(
            store, package, backups_dir=fuzz["folder"] / "backups", on_conflict="replace"
        )
    except TransferError as error:
        event("refused")
        assert str(error) and "Traceback" not in str(error)
        assert row_counts(store) == before
        return
    event("imported")
    # Whatever was accepted is in whole (its dates may sort it differently), and the app's
    # readers can work with it.
    assert record_counts(student_document(store, result.student_id)) == record_counts(
        package.document
    )
    source = fuzz["source"]
    handouts = type(source)(store, source.inventory, source.checklists, source.careers)
    handouts.handout(result.student_id, TODAY)
    sessions = SessionStore(store)
    last = sessions.last_review(result.student_id)
    if last is not None:
        what_changed(last.data, sessions.current_snapshot(result.student_id))


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(data=st.data())
def test_fuzzed_packages_are_imported_whole_or_refused_whole(
    fuzz: dict[str, Any], data: st.DataObject
) -> None:
    check_never_a_crash_never_a_partial_write(fuzz, data.draw(bad_packages(fuzz["good"])))


@pytest.mark.stress
@settings(FUZZ, max_examples=3000)
@given(data=st.data())
def test_fuzzed_packages_stress(fuzz: dict[str, Any], data: st.DataObject) -> None:
    check_never_a_crash_never_a_partial_write(fuzz, data.draw(bad_packages(fuzz["good"])))


def test_write_package_replaces_only_when_complete(tmp_path: Path) -> None:
    out = tmp_path / "p.ilp"
    write_package(out, [("a.txt", b"one")])
    with pytest.raises(TransferCancelledError):
        write_package(out, [("a.txt", b"two")], is_cancelled=lambda: True)
    assert members_of(out) == {"a.txt": b"one"}
    assert [p.name for p in tmp_path.iterdir()] == ["p.ilp"]
