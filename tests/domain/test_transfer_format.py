"""The transfer format: a document reads back as written; everything else is refused clearly."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from ilp_desktop.domain.courses import PlannedCourse
from ilp_desktop.domain.plans import ActionStep, Assessment, Baseline, Goal, ProgressNote
from ilp_desktop.domain.postsecondary import CareerLink, PostsecondaryPlan, Target
from ilp_desktop.domain.self_exploration import Activity, InventoryAttempt, ProfileItem, Support
from ilp_desktop.domain.sessions import Acknowledgement, Attendee, Session
from ilp_desktop.domain.shortlist import ShortlistEntry
from ilp_desktop.domain.snapshots import take_snapshot, what_changed
from ilp_desktop.domain.students import Guardian, Student
from ilp_desktop.domain.transfer_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_DEPTH,
    MAX_TEXT,
    Manifest,
    SnapshotRecord,
    TransferDocument,
    TransferFormatError,
    document_json,
    encode,
    manifest_json,
    parse_json,
    read_document,
    read_manifest,
    record_counts,
    remap_snapshot,
)

FORMS = {"secondary": frozenset({"S01", "S02", "S03"}), "younger": frozenset({"Y01"})}

STUDENT = Student(
    sis_id="200006",
    first_name="小明",
    last_name="王",
    grade="9",
    preferred_name="Ming",
    date_of_birth="2011-03-14",
    family_languages=["Mandarin", "English"],
    guardians=[Guardian("王芳", "mother", "555-0101", "fang@example.org", "Mandarin")],
    iep=True,
    cte=True,
    cte_pathway="Health science",
    notes="Moved from Taipei in 2024.",
)
STEP = ActionStep(
    "Sign up for tutoring", role="teacher", who_name="Ms. Ortiz", due_on="2026-10-01", id=11
)
DONE = ActionStep(
    "Meet the coach",
    status="done",
    done_on="2026-09-20",
    created_on="2026-09-01",
    updated_on="2026-09-20",
    id=12,
    session_id=5,
)
GOAL = Goal(
    area="academic",
    statement="Raise my Algebra II grade from a C to a B",
    status="on_track",
    target_date="2027-01-22",
    created_on="2026-09-01",
    updated_on="2026-09-20",
    id=3,
    notes=(ProgressNote("2026-09-20", "Went to tutoring twice"),),
    steps=(STEP, DONE),
)
FAFSA = ActionStep("Fill in the FAFSA", role="guardian", kind="financial_aid", id=31)
GENERAL = ActionStep("Bring the signed form", general=True, id=32, session_id=5)
POST = PostsecondaryPlan(
    pathway="four_year",
    also_considering=("two_year",),
    aspiration="A nurse, like my aunt",
    targets=(Target("school", "State University", "nursing program"),),
    careers=(CareerLink("29-1141.00", "Registered Nurses"),),
    updated_on="2026-09-20",
)
SESSION = Session(
    held_on="2026-09-20",
    kind="conference",
    attendees=(Attendee("student", "Ming"), Attendee("guardian", "王芳")),
    notes="Fall review with the family.",
    review="fall",
    review_year=2026,
    created_on="2026-09-20",
    updated_on="2026-09-20",
    id=5,
    acknowledgements=(Acknowledgement("guardian", "2026-09-20", "王芳", on_paper=True),),
)
SNAPSHOT_DATA = take_snapshot(
    taken_on="2026-09-20",
    student=STUDENT,
    goals=[GOAL],
    other_steps=[FAFSA, GENERAL],
    baselines=[],
    assessments=[],
    shortlist=[],
    interest_code="SIA",
    inventory_on="2026-09-01",
    postsecondary=POST,
)
DOC = TransferDocument(
    student=STUDENT,
    attempts=(
        InventoryAttempt(
            None,
            "secondary",
            "en",
            "2026-09-01T10:00:00",
            finished_at="2026-09-01T10:20:00",
            answers={"S01": 5, "S02": None},
            agreement="partly",
            reflection="Mostly right.",
            reflected_on="2026-09-02",
            updated_at="2026-09-01T10:20:00",
        ),
    ),
    items=(
        ProfileItem("skill", entry_id="skill-listening", confidence=3, recorded_on="2026-09-01"),
        ProfileItem("strength", other="Patient with my little brother", recorded_on="2026-09-01"),
    ),
    activities=(Activity("sport", "Cross country", hours_per_week=7.5, start_on="2025-08-20"),),
    supports=(Support(entry_id="support-read-aloud", since="2026-01-10"),),
    shortlist=(
        ShortlistEntry(None, "29-1141.00", "Registered Nurses", 1, why="Helping people"),
        ShortlistEntry(None, "99-9999.00", "A career only the other school knows", 2),
    ),
    baselines=(Baseline("2026-06-10", gpa=3.25, attendance=96.0, recorded_on="2026-06-12"),),
    assessments=(Assessment("PSAT 10", "2026-04-01", score="1010"),),
    goals=(GOAL,),
    steps=(FAFSA, GENERAL),
    course_plan=(PlannedCourse("9", "S1", "Biology", "Science", 0.5, course_code="SC101"),),
    postsecondary=POST,
    sessions=(SESSION,),
    snapshots=(SnapshotRecord("2026-09-20T10:30:00", "review", SNAPSHOT_DATA, session_id=5),),
)


def raw_doc() -> dict[str, Any]:
    """The document as it sits in the file, decoded."""
    return json.loads(encode(document_json(DOC)))


def read(raw: object) -> TransferDocument:
    return read_document(raw, form_ids=FORMS)


def refused(raw: object) -> str:
    with pytest.raises(TransferFormatError) as caught:
        read(raw)
    return str(caught.value)


# --- Reading back -------------------------------------------------------------------------------


def test_a_document_reads_back_equal_to_what_was_written() -> None:
    assert read(raw_doc()) == DOC


def test_the_file_uses_the_documented_section_names() -> None:
    assert list(raw_doc()) == [
        "student",
        "inventory_attempts",
        "profile_items",
        "activities",
        "supports",
        "shortlist",
        "baselines",
        "assessments",
        "goals",
        "steps",
        "course_plan",
        "postsecondary",
        "sessions",
        "snapshots",
    ]
    goal = raw_doc()["goals"][0]
    assert goal["steps"][1]["session"] == 5 and "session_id" not in goal["steps"][1]
    assert "student_id" not in goal and "goal_id" not in goal["steps"][0]


def test_unknown_fields_and_sections_are_ignored() -> None:
    raw = raw_doc()
    raw["comments"] = {"from": "a newer version"}
    raw["goals"][0]["priority"] = "high"
    raw["student"]["pronouns"] = "he/him"
    assert read(raw) == DOC


def test_missing_lists_read_as_empty_and_optional_fields_take_defaults() -> None:
    raw = {"student": {"sis_id": "1", "first_name": "Ana", "last_name": "Peña", "grade": "09"}}
    doc = read(raw)
    assert doc.student.grade == "9"  # as the store keeps it
    assert doc.goals == () and doc.sessions == () and doc.postsecondary is None
    assert record_counts(doc)[0] == ("Guardians", 0)


def test_a_step_under_a_goal_is_never_a_general_one() -> None:
    raw = raw_doc()
    raw["goals"][0]["steps"][0]["general"] = True
    assert read(raw).goals[0].steps[0].general is False


def test_the_shortlist_is_ranked_by_its_order_in_the_file() -> None:
    raw = raw_doc()
    raw["shortlist"].reverse()
    raw["shortlist"][0]["rank"] = 7
    entries = read(raw).shortlist
    assert [(e.code, e.rank) for e in entries] == [("99-9999.00", 1), ("29-1141.00", 2)]


def test_counts_cover_every_kind_of_record() -> None:
    counts = dict(record_counts(DOC))
    assert counts["Goals"] == 1
    assert counts["Action steps"] == 4  # two under the goal, two under none
    assert counts["Progress notes"] == 1
    assert counts["Reviews among them"] == 1
    assert counts["Acknowledgements"] == 1
    assert counts["Plan snapshots"] == 1
    assert counts["Postsecondary targets"] == 1


# --- Manifest -----------------------------------------------------------------------------------

MANIFEST = Manifest(
    format_version=FORMAT_VERSION,
    format_minor=0,
    app_version="0.1.0",
    exported_at="2026-09-21T08:00:00",
    school_name="Lincoln High School",
    sis_id="200006",
    student_name="王小明",
    grade="9",
    handout_file="handout.pdf",
)


def test_a_manifest_reads_back() -> None:
    raw = json.loads(encode(manifest_json(MANIFEST)))
    assert raw["format"] == FORMAT_NAME
    assert read_manifest(raw) == MANIFEST


def test_a_newer_major_version_is_refused_saying_what_to_do() -> None:
    raw = manifest_json(MANIFEST) | {"format_version": FORMAT_VERSION + 1}
    with pytest.raises(TransferFormatError, match="newer version of ILP Desktop"):
        read_manifest(raw)


def test_a_newer_minor_version_is_read() -> None:
    raw = manifest_json(MANIFEST) | {"format_minor": 4, "signature": "…"}
    assert read_manifest(raw).format_minor == 4


@pytest.mark.parametrize(
    "change",
    [
        {"format": "something-else"},
        {"format_version": "1"},
        {"format_version": True},
        {"format_version": 0},
        {"exported_at": "yesterday"},
        {"student": None},
        {"student": {"sis_id": "200006"}},
        {"handout_file": "../../etc/passwd"},
    ],
)
def test_a_bad_manifest_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(TransferFormatError):
        read_manifest(manifest_json(MANIFEST) | change)


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xfe{}", "UTF-8"),
        (b'{"a": NaN}', "not a number"),
        (b'{"a": Infinity}', "not a number"),
        (b'{"a": 1e999}', "too large"),
        (b'{"a": "\\ud800"}', "broken character"),
        (b'{"a": "x\\u0000y"}', "NUL"),
        (b'{"a": ', "not valid JSON"),
        (b'{"a": 1' + b"0" * 5000 + b"}", "not valid JSON"),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "nested too deeply"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_json_no_exporter_writes_is_refused(data: bytes, words: str) -> None:
    with pytest.raises(TransferFormatError, match=words):
        parse_json(data, "The file")


def test_json_as_written_parses() -> None:
    assert parse_json(encode(document_json(DOC)), "x") == raw_doc()


# --- Refusals -----------------------------------------------------------------------------------


def changed(path: list[str | int], value: object) -> dict[str, Any]:
    raw = raw_doc()
    node: Any = raw
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (["student"], KeyError, "no “student”"),
        (["student"], [], "not a record"),
        (["student", "sis_id"], "has spaces", "SIS id"),
        (["student", "grade"], "13", "not a grade"),
        (["student", "iep"], 1, "true or false"),
        (["student", "date_of_birth"], "14/03/2011", "year-month-day"),
        (["student", "guardians"], {"name": "x"}, "a list"),
        (["goals"], "none", "a list"),
        (["goals", 0, "statement"], 5, "should be text"),
        (["goals", 0, "statement"], "   ", "empty “statement”"),
        (["goals", 0, "status"], "finished", "one of"),
        (["goals", 0, "id"], KeyError, "no “id”"),
        (["goals", 0, "id"], 0, "whole number"),
        (["goals", 0, "target_date"], "2026-02-30", "year-month-day"),
        (["goals", 0, "steps", 0, "status"], "done", "date done"),
        (["goals", 0, "steps", 1, "session"], 99, "not in the package"),
        (["goals", 0, "steps", 1, "id"], 11, "Two steps share the id 11"),
        (["goals", 0, "notes", 0, "text"], None, "no “text”"),
        (["steps", 0, "role"], "principal", "one of"),
        (["sessions", 0, "review_year"], None, "review year"),
        (["sessions", 0, "review_year"], 2**70, "whole number"),
        (["sessions", 0, "attendees", 0], "Ming", "not a record"),
        (["sessions", 0, "acknowledgements", 0, "on_paper"], "yes", "true or false"),
        (["inventory_attempts", 0, "form"], "adult", "does not have"),
        (["inventory_attempts", 0, "answers", "S09"], 3, "not on the secondary form"),
        (["inventory_attempts", 0, "answers", "S01"], 6, "from 1 to 5"),
        (["inventory_attempts", 0, "answers", "S01"], True, "from 1 to 5"),
        (["inventory_attempts", 0, "finished_at"], "2026-08-01T10:00:00", "before it was"),
        (["profile_items", 0, "other"], "Listening", "not both"),
        (["profile_items", 1, "confidence"], 2, "only skills"),
        (["profile_items", 1], {"kind": "skill", "entry_id": "skill-listening"}, "twice"),
        (["activities", 0, "hours_per_week"], 81, "from 0 to 80"),
        (["activities", 0, "end_on"], "2020-01-01", "ends before"),
        (["baselines", 0, "gpa"], "3.2", "a number"),
        (["baselines", 0, "gpa"], 5.5, "from 0 to 5"),
        (["shortlist", 1, "code"], "29-1141.00", "twice"),
        (["course_plan", 0, "term"], "Q1", "one of"),
        (["course_plan", 0, "credits"], None, "no “credits”"),
        (["postsecondary", "also_considering"], ["space"], "one of"),
        (["snapshots", 0, "data"], "{}", "a JSON object"),
        (["snapshots", 0, "data", "version"], 99, "newer ILP Desktop"),
        (["snapshots", 0, "data", "goals", 0, "statement"], None, "damaged"),
        (["snapshots", 0, "session"], 6, "not in the package"),
        (["snapshots", 0, "reason"], "backup", "one of"),
        (["assessments", 0, "name"], "x" * (MAX_TEXT + 1), "characters long"),
    ],
)
def test_a_bad_field_is_refused_saying_where(path: list[Any], value: object, words: str) -> None:
    assert words in refused(changed(path, value))


def test_more_careers_than_a_shortlist_holds_are_refused() -> None:
    raw = raw_doc()
    raw["shortlist"] = [{"code": f"11-{n:04d}.00", "title": "x"} for n in range(31)]
    assert "up to 30" in refused(raw)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert "not a JSON object" in refused([1, 2, 3])


# --- Snapshot ids -------------------------------------------------------------------------------


def test_snapshot_ids_become_the_new_ids_of_the_same_records() -> None:
    remapped = remap_snapshot(SNAPSHOT_DATA, goals={3: 103}, steps={11: 111, 12: 112, 31: 131})
    goal = remapped["goals"][0]
    assert goal["id"] == 103
    assert [s["id"] for s in goal["steps"]] == [111, 112]
    assert [s["id"] for s in remapped["steps"]] == [131, None]  # 32 is not in the map
    assert SNAPSHOT_DATA["goals"][0]["id"] == 3  # the original is left as it was


def test_every_other_row_id_in_a_snapshot_is_blanked() -> None:
    data = copy.deepcopy(SNAPSHOT_DATA)
    data["session_id"] = 5
    data["extra"] = [{"id": 7, "entry_id": "skill-listening"}]
    data["goals"][0]["notes"][0]["id"] = 40
    remapped = remap_snapshot(data, goals={}, steps={})
    assert remapped["goals"][0]["id"] is None
    assert remapped["session_id"] is None
    assert remapped["extra"] == [{"id": None, "entry_id": "skill-listening"}]  # text ids stay
    assert remapped["goals"][0]["notes"][0]["id"] is None


def test_what_changed_still_matches_a_reworded_goal_after_remapping() -> None:
    before = remap_snapshot(SNAPSHOT_DATA, goals={3: 103}, steps={11: 111, 12: 112})
    goal = copy.deepcopy(before["goals"][0]) | {"statement": "Get a B in Algebra II by January"}
    after = before | {"goals": [goal]}
    keys = [change.key for change in what_changed(before, after)]
    assert keys == ["goal_updated"]  # reworded, not removed and added


def test_a_snapshot_without_ids_is_kept_as_it_is() -> None:
    data = copy.deepcopy(SNAPSHOT_DATA)
    for goal in data["goals"]:
        goal.pop("id")
    assert remap_snapshot(data, goals={3: 103}, steps={})["goals"][0]["id"] is None


# --- The documentation --------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "transfer-format.md"


def documented_fields() -> dict[str, list[str]]:
    """Each "### `record`" section of the format's documentation and the fields its table lists."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(.+)`$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif line.startswith("## "):
            current = None
        elif current is not None and (row := re.match(r"^\| `([a-z_0-9]+)` \|", line)):
            current.append(row.group(1))
    return sections


def test_every_field_written_is_documented_in_order() -> None:
    raw = raw_doc()
    manifest = manifest_json(MANIFEST)
    goal = raw["goals"][0]
    session = raw["sessions"][0]
    written = {
        "manifest": manifest,
        "manifest student": manifest["student"],
        "document": raw,
        "student": raw["student"],
        "guardian": raw["student"]["guardians"][0],
        "inventory attempt": raw["inventory_attempts"][0],
        "profile item": raw["profile_items"][0],
        "activity": raw["activities"][0],
        "support": raw["supports"][0],
        "shortlist entry": raw["shortlist"][0],
        "baseline": raw["baselines"][0],
        "assessment": raw["assessments"][0],
        "goal": goal,
        "progress note": goal["notes"][0],
        "step": goal["steps"][0],
        "course": raw["course_plan"][0],
        "postsecondary": raw["postsecondary"],
        "target": raw["postsecondary"]["targets"][0],
        "career": raw["postsecondary"]["careers"][0],
        "session": session,
        "acknowledgement": session["acknowledgements"][0],
        "snapshot": raw["snapshots"][0],
    }
    assert documented_fields() == {name: list(record) for name, record in written.items()}
