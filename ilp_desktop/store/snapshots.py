"""Snapshots of a student's whole plan, read from every table inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from typing import Any

from .. import bundled
from ..domain.snapshots import take_snapshot
from .plans import PlanStore
from .postsecondary import PostsecondaryStore
from .self_exploration import SelfExplorationStore
from .shortlist import ShortlistStore
from .students import _COLUMNS as STUDENT_COLUMNS
from .students import _student


def plan_snapshot(conn: sqlite3.Connection, student_id: int, taken_on: str) -> dict[str, Any]:
    """The plan as it stands, as the JSON-ready dict domain.snapshots describes."""
    row = conn.execute(
        f"SELECT {STUDENT_COLUMNS} FROM students WHERE id = ?", [student_id]
    ).fetchone()
    if row is None:
        raise LookupError("That student is no longer in this database.")
    records = PlanStore._records(conn, student_id)
    attempts = SelfExplorationStore._attempts(conn, student_id, finished_only=True)
    code, inventory_on = None, ""
    if attempts:
        latest = attempts[0]  # newest first
        code = latest.result(bundled.inventory()).code
        inventory_on = (latest.finished_at or "")[:10]
    checklists = bundled.checklists()
    supports = [
        checklists.text(s) for s in SelfExplorationStore._supports(conn, student_id) if s.active
    ]
    return take_snapshot(
        taken_on=taken_on,
        student=_student(row),
        goals=records.goals,
        other_steps=[*records.plan_steps, *records.general_steps],
        baselines=records.baselines,
        assessments=records.assessments,
        shortlist=ShortlistStore._entries(conn, student_id),
        interest_code=code,
        inventory_on=inventory_on,
        postsecondary=PostsecondaryStore._plan(conn, student_id),
        supports=supports,
    )
