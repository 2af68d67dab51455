"""Sessions, reviews with their snapshot and acknowledgements, steps agreed, the caseload facts."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from ilp_desktop.domain.caseload import caseload_rows, compliance_csv, compliance_table, counts
from ilp_desktop.domain.plans import ActionStep, Baseline, Goal
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR
from ilp_desktop.domain.sessions import Acknowledgement, Attendee, Session, agreed_last_time
from ilp_desktop.domain.snapshots import what_changed
from ilp_desktop.store import db as db_module
from ilp_desktop.store import migrations
from ilp_desktop.store.caseload import CaseloadStore
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.sessions import SessionStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def sid(students: StudentStore) -> int:
    student = students.add(make_student(1, grade="9", counselor="Ms. Ortiz"))
    assert student.id is not None
    return student.id


def _review(held_on: str, kind: str = "fall", year: int | None = 2026) -> Session:
    return Session(
        held_on=held_on,
        kind="conference",
        attendees=(Attendee("student", "An"), Attendee("guardian", "Guardian 1")),
        notes="Talked about algebra.",
        review=kind,
        review_year=year,
    )


def test_a_session_with_next_steps_is_one_action(store: Store, sid: int) -> None:
    plans = PlanStore(store)
    goal = plans.save_goal(sid, Goal(area="academic", statement="Raise math to a B by June"))
    sessions = SessionStore(store)
    saved = sessions.save_session(
        sid,
        Session(held_on="2026-10-01", attendees=(Attendee("student"),), notes=" hello "),
        new_steps=[
            ActionStep(what="Go to tutoring on Tuesdays", goal_id=goal.id, due_on="2026-10-15"),
            ActionStep(what="Bring the transcript", role="guardian", general=True),
        ],
    )
    assert saved.id is not None and saved.notes == "hello"
    records = plans.records(sid)
    agreed = [s for s in records.all_steps() if s.session_id == saved.id]
    assert sorted(s.what for s in agreed) == ["Bring the transcript", "Go to tutoring on Tuesdays"]
    # A general step is neither a goal's nor the postsecondary plan's.
    assert [s.what for s in records.general_steps] == ["Bring the transcript"]
    assert records.plan_steps == ()


def test_a_bad_step_saves_nothing_of_the_session(store: Store, sid: int) -> None:
    sessions = SessionStore(store)
    with pytest.raises(LookupError):
        sessions.save_session(
            sid,
            Session(held_on="2026-10-01", attendees=(Attendee("student"),)),
            new_steps=[ActionStep(what="Under a goal that is gone", goal_id=999)],
        )
    assert sessions.sessions(sid) == []
    assert PlanStore(store).records(sid).all_steps() == []


def test_last_time_we_agreed_carries_the_steps_and_their_status(store: Store, sid: int) -> None:
    plans = PlanStore(store)
    sessions = SessionStore(store)
    first = sessions.save_session(
        sid,
        Session(held_on="2026-09-10", attendees=(Attendee("student"),)),
        new_steps=[ActionStep(what="Visit the career center"), ActionStep(what="Email coach")],
    )
    sessions.save_session(
        sid, Session(held_on="2026-10-01", attendees=(Attendee("student"),)), new_steps=[]
    )
    step = next(s for s in plans.records(sid).all_steps() if s.what == "Email coach")
    plans.save_step(sid, ActionStep(**{**step.__dict__, "status": "done", "done_on": "2026-09-20"}))

    last, steps = agreed_last_time(sessions.sessions(sid), plans.records(sid).all_steps())
    # The October session agreed nothing, so "last time" is the September one.
    assert last is not None and last.id == first.id
    assert [(s.what, s.status) for s in steps] == [
        ("Visit the career center", "to_do"),
        ("Email coach", "done"),
    ]


def test_a_review_keeps_a_snapshot_and_what_changed_follows(store: Store, sid: int) -> None:
    plans = PlanStore(store)
    sessions = SessionStore(store)
    plans.save_goal(sid, Goal(area="career", statement="Job shadow a nurse this spring"))
    review = sessions.save_session(
        sid,
        _review("2026-10-20"),
        new_steps=[ActionStep(what="Ask the school nurse about a shadow day")],
        acknowledgements=[
            Acknowledgement("student", "2026-10-20", "An"),
            Acknowledgement("guardian", "2026-10-24", "Guardian 1", on_paper=True),
        ],
    )
    last = sessions.last_review(sid)
    assert last is not None and last.session.id == review.id
    # The snapshot was taken after the steps agreed at the review were added.
    snapshot_steps = [s["what"] for g in last.data["goals"] for s in g["steps"]] + [
        s["what"] for s in last.data["steps"]
    ]
    assert "Ask the school nurse about a shadow day" in snapshot_steps
    assert [a.role for a in review.acknowledgements] == ["student", "guardian"]
    assert review.acknowledgements[1].on_paper

    # Since then: the step is done and a new baseline recorded.
    step = next(s for s in plans.records(sid).all_steps() if s.what.startswith("Ask"))
    plans.save_step(sid, ActionStep(**{**step.__dict__, "status": "done", "done_on": "2026-11-02"}))
    plans.save_baseline(sid, Baseline(as_of="2026-11-10", gpa=3.1))
    changes = what_changed(last.data, sessions.current_snapshot(sid))
    categories = {c.category for c in changes}
    assert {"steps_done", "baselines"} <= categories
    assert "goals_added" not in categories


def test_editing_a_review_keeps_its_snapshot_and_unmarking_drops_it(store: Store, sid: int) -> None:
    sessions = SessionStore(store)
    review = sessions.save_session(sid, _review("2026-10-20"))
    taken = sessions.review_snapshot(review.id)
    PlanStore(store).save_goal(sid, Goal(area="personal", statement="Join one club this year"))
    sessions.save_session(sid, Session(**{**review.__dict__, "notes": "Edited later."}))
    assert sessions.review_snapshot(review.id) == taken  # the plan as it was at the review
    plain = sessions.save_session(
        sid, Session(**{**review.__dict__, "review": "", "review_year": None})
    )
    assert sessions.review_snapshot(review.id) is None
    assert plain.acknowledgements == ()
    assert sessions.held_reviews(sid) == []


def test_acknowledgements_arrive_later(store: Store, sid: int) -> None:
    sessions = SessionStore(store)
    review = sessions.save_session(sid, _review("2026-10-20"))
    updated = sessions.set_acknowledgements(
        review.id, [Acknowledgement("guardian", "2026-10-27", "Guardian 1", on_paper=True)]
    )
    assert [a.text() for a in updated.acknowledgements] == [
        "Parent or guardian (Guardian 1): signed on paper on 2026-10-27"
    ]
    plain = sessions.save_session(
        sid, Session(held_on="2026-10-21", attendees=(Attendee("student"),))
    )
    with pytest.raises(ValueError, match="Only a review"):
        sessions.set_acknowledgements(plain.id, [])


def test_deleting_a_session_keeps_its_steps(store: Store, sid: int) -> None:
    sessions = SessionStore(store)
    saved = sessions.save_session(
        sid, _review("2026-10-20"), new_steps=[ActionStep(what="Keep me", general=True)]
    )
    sessions.delete_session(saved.id)
    assert sessions.sessions(sid) == []
    assert sessions.last_review(sid) is None
    steps = PlanStore(store).records(sid).all_steps()
    assert [(s.what, s.session_id) for s in steps] == [("Keep me", None)]


def test_the_schema_refuses_a_checkpoint_review_without_its_year(store: Store, sid: int) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO sessions (student_id, held_on, kind, review, review_year, created_on, "
            "updated_on) VALUES (?, '2026-10-01', 'one_on_one', 'fall', NULL, 'x', 'x')",
            [sid],
        )


def test_caseload_facts_and_counts(store: Store, students: StudentStore) -> None:
    plans = PlanStore(store)
    sessions = SessionStore(store)
    reviewed = students.add(make_student(1, grade="10", counselor="Ms. Ortiz")).id
    idle = students.add(make_student(2, grade="10", counselor="Mr. Chen")).id
    archived = students.add(make_student(3, grade="10")).id
    students.set_archived(archived, True)
    plans.save_goal(reviewed, Goal(area="academic", statement="Pass chemistry with a C or better"))
    plans.save_step(idle, ActionStep(what="Late step", due_on="2026-11-01", general=True))
    sessions.save_session(
        reviewed,
        _review("2026-10-15"),
        acknowledgements=[Acknowledgement("guardian", "2026-10-15", "Guardian 1")],
    )

    facts = {f.student_id: f for f in CaseloadStore(store).facts(TODAY)}
    assert set(facts) == {reviewed, idle}
    assert (facts[reviewed].goals, facts[reviewed].open_goals) == (1, 1)
    assert facts[idle].overdue_steps == 1 and facts[idle].open_steps == 1

    rows = caseload_rows(facts.values(), TODAY, DEFAULT_CALENDAR)
    by_id = {row.student_id: row for row in rows}
    assert by_id[reviewed].family_ack_on == "2026-10-15"
    assert not by_id[reviewed].overdue  # the fall checkpoint was held
    assert [c.kind for c in by_id[idle].overdue] == ["fall"]
    assert counts(rows) == {
        "due_this_month": 0,
        "overdue_reviews": 1,
        "no_goals": 1,
        "overdue_steps": 1,
        "no_inventory": 2,
        "no_family_ack": 1,
    }

    text = compliance_csv(compliance_table(rows, TODAY, DEFAULT_CALENDAR))
    lines = text.split("\r\n")
    assert lines[0].startswith("sis_id,last_name,first_name,grade,counselor,school_year")
    reviewed_line = next(line for line in lines if line.startswith("100001,"))
    assert ",2026-27," in reviewed_line and ",yes,2026-10-15," in reviewed_line
    assert json.dumps(text)  # plain text, no stray objects


def test_a_database_at_0004_keeps_its_steps_when_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backups = tmp_path / "old.sqlite", tmp_path / "backups"
    with monkeypatch.context() as patch:  # the app as it was before reviews and sessions
        older = migrations.STEPS[: migrations.KNOWN_NAMES.index("0004_planning") + 1]
        patch.setattr(migrations, "STEPS", older)
        patch.setattr(db_module, "KNOWN_NAMES", tuple(name for name, _ in older))
        old = open_store(path, backups)
        sid = StudentStore(old).add(make_student(1)).id
        old.conn.execute(
            "INSERT INTO action_steps (student_id, kind, what, role, created_on, updated_on) "
            "VALUES (?, 'application', 'Apply to the community college', 'student', 'x', 'x')",
            [sid],
        )
        old.conn.commit()
        old.close()

    store = open_store(path, backups)
    try:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert "0005_reviews" in applied and applied[-1] == migrations.KNOWN_NAMES[-1]
        records = PlanStore(store).records(sid)
        assert [(s.what, s.general, s.session_id) for s in records.plan_steps] == [
            ("Apply to the community college", False, None)
        ]
        assert SessionStore(store).sessions(sid) == []
    finally:
        store.close()
    assert any(backups.rglob("*")), "the older database was backed up before migrating"
