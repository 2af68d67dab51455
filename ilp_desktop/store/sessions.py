"""Sessions, reviews, acknowledgements and the snapshots taken when a review is held.

Saving a session is one transaction: the session, the next steps agreed at it, and (when it is a
review) its acknowledgements and the snapshot of the whole plan, taken after those steps are in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..domain.plans import ActionStep
from ..domain.reviews import HeldReview
from ..domain.sessions import Acknowledgement, Attendee, Session
from ..domain.snapshots import read_snapshot
from . import clock
from .db import Store
from .plans import save_step_in
from .snapshots import plan_snapshot

_COLUMNS = (
    "student_id, held_on, kind, attendees, notes, review, review_year, created_on, updated_on"
)
_ACK_COLUMNS = "session_id, role, name, signed_on, on_paper"


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    student_id: int
    session_id: int | None
    taken_at: str
    reason: str


@dataclass(frozen=True)
class ReviewSnapshot:
    """A review and the plan as it stood when it was held."""

    session: Session
    snapshot: SnapshotInfo
    data: dict[str, Any]


def _session(row: Sequence[Any]) -> Session:
    attendees = tuple(
        Attendee(a.get("role", "other"), a.get("name", "")) for a in json.loads(row[4])
    )
    return Session(
        id=row[0],
        student_id=row[1],
        held_on=row[2],
        kind=row[3],
        attendees=attendees,
        notes=row[5],
        review=row[6],
        review_year=row[7],
        created_on=row[8],
        updated_on=row[9],
    )


def _session_values(session: Session) -> list[Any]:
    attendees = [{"role": a.role, "name": a.name} for a in session.attendees]
    return [
        session.student_id,
        session.held_on,
        session.kind,
        json.dumps(attendees, ensure_ascii=False),
        session.notes,
        session.review,
        session.review_year if session.review not in ("", "adhoc") else None,
        session.created_on,
        session.updated_on,
    ]


def _ack(row: Sequence[Any]) -> Acknowledgement:
    return Acknowledgement(
        id=row[0],
        session_id=row[1],
        role=row[2],
        name=row[3],
        signed_on=row[4],
        on_paper=bool(row[5]),
    )


class SessionStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # Reading ----------------------------------------------------------------------------------
    def sessions(self, student_id: int) -> list[Session]:
        """The student's sessions, newest first, with their acknowledgements."""
        with self.store.reading() as conn:
            return self._sessions(conn, "student_id = ?", [student_id])

    def session(self, session_id: int) -> Session | None:
        with self.store.reading() as conn:
            found = self._sessions(conn, "id = ?", [session_id])
        return found[0] if found else None

    def held_reviews(self, student_id: int) -> list[HeldReview]:
        with self.store.reading() as conn:
            rows = conn.execute(
                "SELECT id, held_on, review, review_year FROM sessions "
                "WHERE student_id = ? AND review <> '' ORDER BY held_on, id",
                [student_id],
            ).fetchall()
        return [HeldReview(*row) for row in rows]

    def last_review(self, student_id: int) -> ReviewSnapshot | None:
        """The latest review that has a snapshot (None before the first review)."""
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT sn.id, sn.student_id, sn.session_id, sn.taken_at, sn.reason, sn.data "
                "FROM snapshots sn JOIN sessions se ON se.id = sn.session_id "
                "WHERE sn.student_id = ? AND sn.reason = 'review' "
                "ORDER BY se.held_on DESC, se.id DESC, sn.id DESC LIMIT 1",
                [student_id],
            ).fetchone()
            if row is None:
                return None
            session = self._sessions(conn, "id = ?", [row[2]])[0]
        return ReviewSnapshot(session, SnapshotInfo(*row[:5]), read_snapshot(json.loads(row[5])))

    def review_snapshot(self, session_id: int) -> dict[str, Any] | None:
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT data FROM snapshots WHERE session_id = ? ORDER BY id DESC LIMIT 1",
                [session_id],
            ).fetchone()
        return None if row is None else read_snapshot(json.loads(row[0]))

    def previous_review(self, session: Session) -> ReviewSnapshot | None:
        """The review held before ``session`` that has a snapshot, if any."""
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT sn.id, sn.student_id, sn.session_id, sn.taken_at, sn.reason, sn.data "
                "FROM snapshots sn JOIN sessions se ON se.id = sn.session_id "
                "WHERE sn.student_id = ? AND sn.reason = 'review' "
                "AND (se.held_on < ? OR (se.held_on = ? AND se.id < ?)) "
                "ORDER BY se.held_on DESC, se.id DESC, sn.id DESC LIMIT 1",
                [session.student_id, session.held_on, session.held_on, session.id],
            ).fetchone()
            if row is None:
                return None
            earlier = self._sessions(conn, "id = ?", [row[2]])[0]
        return ReviewSnapshot(earlier, SnapshotInfo(*row[:5]), read_snapshot(json.loads(row[5])))

    def current_snapshot(self, student_id: int) -> dict[str, Any]:
        """The plan as it stands now, in snapshot form (to compare with the last review)."""
        with self.store.reading() as conn:
            return plan_snapshot(conn, student_id, clock.today())

    # Writing ----------------------------------------------------------------------------------
    def save_session(
        self,
        student_id: int,
        session: Session,
        *,
        new_steps: Sequence[ActionStep] = (),
        acknowledgements: Sequence[Acknowledgement] | None = None,
    ) -> Session:
        """Add (no id) or change a validated session, with what was agreed, in one transaction.

        ``new_steps`` are added to the plan as agreed at this session. ``acknowledgements``,
        when given, replace the session's. A review gets its snapshot when first saved as a
        review (after the new steps are in); a session that stops being a review loses it.
        """
        today = clock.today()
        record = replace(
            session,
            student_id=student_id,
            notes=session.notes.strip(),
            attendees=tuple(replace(a, name=a.name.strip()) for a in session.attendees),
            review_year=session.review_year if session.review not in ("", "adhoc") else None,
            created_on=session.created_on or today,
            updated_on=today,
        )
        with self.store.action() as db:
            conn = db.conn
            session_id = self.write_session(conn, record)
            for step in new_steps:
                save_step_in(conn, student_id, replace(step, id=None, session_id=session_id))
            if acknowledgements is not None:
                self.replace_acknowledgements(conn, session_id, acknowledgements)
            has_snapshot = conn.execute(
                "SELECT 1 FROM snapshots WHERE session_id = ?", [session_id]
            ).fetchone()
            if record.is_review and not has_snapshot:
                self._add_snapshot(
                    conn, student_id, session_id, plan_snapshot(conn, student_id, today)
                )
            elif not record.is_review and has_snapshot:
                conn.execute("DELETE FROM snapshots WHERE session_id = ?", [session_id])
            if not record.is_review:
                conn.execute("DELETE FROM acknowledgements WHERE session_id = ?", [session_id])
            return self._sessions(conn, "id = ?", [session_id])[0]

    def set_acknowledgements(
        self, session_id: int, acknowledgements: Sequence[Acknowledgement]
    ) -> Session:
        """Replace who acknowledged a review (a signed copy can come back days later)."""
        with self.store.action() as db:
            row = db.conn.execute(
                "SELECT review FROM sessions WHERE id = ?", [session_id]
            ).fetchone()
            if row is None:
                raise LookupError("That session is no longer in this database.")
            if not row[0]:
                raise ValueError("Only a review is acknowledged; this session is not one.")
            self.replace_acknowledgements(db.conn, session_id, acknowledgements)
            return self._sessions(db.conn, "id = ?", [session_id])[0]

    def delete_session(self, session_id: int) -> None:
        """Remove a session with its acknowledgements and snapshot; the steps agreed stay."""
        with self.store.action() as db:
            db.conn.execute(
                "UPDATE action_steps SET session_id = NULL WHERE session_id = ?", [session_id]
            )
            db.conn.execute("DELETE FROM sessions WHERE id = ?", [session_id])

    # Many at once (the demo school) -------------------------------------------------------------
    def add_history(self, items: Iterable[SessionHistory]) -> None:
        """Sessions with their acknowledgements and snapshots for many students at once.

        Each item's ``step_ids`` are existing action steps to mark as agreed at that session.
        """
        with self.store.action() as db:
            conn = db.conn
            for item in items:
                session_id = self.write_session(
                    conn, replace(item.session, id=None, student_id=item.student_id)
                )
                self.replace_acknowledgements(conn, session_id, item.session.acknowledgements)
                if item.step_ids:
                    marks = ", ".join("?" * len(item.step_ids))
                    conn.execute(
                        f"UPDATE action_steps SET session_id = ? WHERE id IN ({marks}) "
                        "AND student_id = ?",
                        [session_id, *item.step_ids, item.student_id],
                    )
                if item.snapshot is not None:
                    self._add_snapshot(
                        conn, item.student_id, session_id, item.snapshot, item.session.held_on
                    )

    # Inside a transaction ----------------------------------------------------------------------
    @staticmethod
    def write_session(conn: sqlite3.Connection, record: Session) -> int:
        """Insert (no id) or update one session inside the caller's transaction; its id."""
        values = _session_values(record)
        if record.id is None:
            marks = ", ".join("?" * len(values))
            return conn.execute(
                f"INSERT INTO sessions ({_COLUMNS}) VALUES ({marks})", values
            ).lastrowid
        sets = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(","))
        changed = conn.execute(
            f"UPDATE sessions SET {sets} WHERE id = ? AND student_id = ?",
            [*values, record.id, record.student_id],
        ).rowcount
        if not changed:
            raise LookupError("That session is no longer in this student's record.")
        return record.id

    @staticmethod
    def replace_acknowledgements(
        conn: sqlite3.Connection, session_id: int, acks: Iterable[Acknowledgement]
    ) -> None:
        """A session's acknowledgements become ``acks``, inside the caller's transaction."""
        conn.execute("DELETE FROM acknowledgements WHERE session_id = ?", [session_id])
        conn.executemany(
            f"INSERT INTO acknowledgements ({_ACK_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [(session_id, a.role, a.name.strip(), a.signed_on, int(a.on_paper)) for a in acks],
        )

    @staticmethod
    def _add_snapshot(
        conn: sqlite3.Connection,
        student_id: int,
        session_id: int,
        data: dict[str, Any],
        taken_at: str | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO snapshots (student_id, session_id, taken_at, reason, data) "
            "VALUES (?, ?, ?, 'review', ?)",
            [student_id, session_id, taken_at or clock.now(), json.dumps(data, ensure_ascii=False)],
        )

    @staticmethod
    def _sessions(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[Session]:
        sessions = [
            _session(row)
            for row in conn.execute(
                f"SELECT id, {_COLUMNS} FROM sessions WHERE {where} ORDER BY held_on DESC, id DESC",
                params,
            )
        ]
        if not sessions:
            return []
        ids = [s.id for s in sessions]
        marks = ", ".join("?" * len(ids))
        acks: dict[int, list[Acknowledgement]] = {}
        for row in conn.execute(
            f"SELECT id, {_ACK_COLUMNS} FROM acknowledgements WHERE session_id IN ({marks}) "
            "ORDER BY id",
            ids,
        ):
            ack = _ack(row)
            acks.setdefault(ack.session_id, []).append(ack)
        return [replace(s, acknowledgements=tuple(acks.get(s.id, ()))) for s in sessions]


@dataclass(frozen=True)
class SessionHistory:
    """One past session for the demo school: the session, its agreed steps, its snapshot."""

    student_id: int
    session: Session
    step_ids: tuple[int, ...] = ()
    snapshot: dict[str, Any] | None = None
