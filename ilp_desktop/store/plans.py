"""The plan's records: baselines, assessments, goals with their progress notes, action steps.

Every write method is one transaction and returns the record as stored. Validation with
messages for the counselor is the caller's (domain.plans); the tables' CHECK constraints only
stop a bug from storing what the app could not read back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..domain.plans import ActionStep, Assessment, Baseline, Goal, ProgressNote
from . import clock
from .db import Store


@dataclass(frozen=True)
class PlanRecords:
    """Everything of one student's plan that this store keeps, read in one go."""

    baselines: tuple[Baseline, ...]
    assessments: tuple[Assessment, ...]
    goals: tuple[Goal, ...]
    # The postsecondary plan's steps (steps that belong to no goal).
    plan_steps: tuple[ActionStep, ...]
    # Steps agreed at a session that belong to no goal and are not the postsecondary plan's.
    general_steps: tuple[ActionStep, ...] = ()

    def all_steps(self) -> list[ActionStep]:
        return (
            [s for g in self.goals for s in g.steps]
            + list(self.plan_steps)
            + list(self.general_steps)
        )


class _Table:
    """One table's columns, and how a row becomes a record and back."""

    def __init__(self, name: str, columns: str, make: Any) -> None:
        self.name = name
        self.columns = tuple(c.strip() for c in columns.split(","))
        self.make = make

    def select(self, where: str, order: str) -> str:
        return f"SELECT id, {', '.join(self.columns)} FROM {self.name} WHERE {where} {order}"

    def record(self, row: Sequence[Any]) -> Any:
        return self.make(id=row[0], **dict(zip(self.columns, row[1:], strict=True)))

    def values(self, record: Any) -> list[Any]:
        return [getattr(record, c) for c in self.columns]

    def insert(self, conn: sqlite3.Connection, record: Any) -> Any:
        marks = ", ".join("?" * len(self.columns))
        new_id = conn.execute(
            f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})",
            self.values(record),
        ).lastrowid
        return replace(record, id=new_id)

    def update(self, conn: sqlite3.Connection, record: Any) -> Any:
        if record.id is None:
            raise ValueError(f"a {self.name} record must be added before it is changed")
        sets = ", ".join(f"{c} = ?" for c in self.columns)
        changed = conn.execute(
            f"UPDATE {self.name} SET {sets} WHERE id = ?", [*self.values(record), record.id]
        ).rowcount
        if not changed:
            raise LookupError(f"There is no longer a {self.name} record {record.id}.")
        return record

    def delete(self, conn: sqlite3.Connection, record_id: int) -> None:
        conn.execute(f"DELETE FROM {self.name} WHERE id = ?", [record_id])


BASELINES = _Table(
    "baselines",
    "student_id, as_of, gpa, credits, attendance, note, recorded_on, updated_on",
    Baseline,
)
ASSESSMENTS = _Table(
    "assessments",
    "student_id, name, taken_on, score, level, note, recorded_on, updated_on",
    Assessment,
)
GOALS = _Table(
    "goals",
    "student_id, area, statement, measure, target_date, status, dropped_reason, career_code, "
    "created_on, updated_on",
    Goal,
)
NOTES = _Table("goal_notes", "goal_id, noted_on, text", ProgressNote)
STEPS = _Table(
    "action_steps",
    "student_id, goal_id, kind, what, role, who_name, due_on, status, done_on, created_on, "
    "updated_on, session_id, general",
    lambda general, **fields: ActionStep(general=bool(general), **fields),
)
# Steps in the order they will be done: open ones by due date (undated last), then done ones.
_STEP_ORDER = "ORDER BY status IN ('done', 'dropped'), due_on = '', due_on, id"


def _clean(text: str) -> str:
    return text.strip()


class PlanStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # Reading ----------------------------------------------------------------------------------
    def records(self, student_id: int) -> PlanRecords:
        with self.store.reading() as conn:
            return self._records(conn, student_id)

    def goal(self, goal_id: int) -> Goal | None:
        with self.store.reading() as conn:
            row = conn.execute(GOALS.select("id = ?", ""), [goal_id]).fetchone()
            if row is None:
                return None
            return self._with_children(conn, [GOALS.record(row)])[0]

    @staticmethod
    def _records(conn: sqlite3.Connection, student_id: int) -> PlanRecords:
        baselines = [
            BASELINES.record(r)
            for r in conn.execute(
                BASELINES.select("student_id = ?", "ORDER BY as_of, id"), [student_id]
            )
        ]
        assessments = [
            ASSESSMENTS.record(r)
            for r in conn.execute(
                ASSESSMENTS.select("student_id = ?", "ORDER BY taken_on, name, id"), [student_id]
            )
        ]
        goals = [
            GOALS.record(r)
            for r in conn.execute(GOALS.select("student_id = ?", "ORDER BY id"), [student_id])
        ]
        loose = [
            STEPS.record(r)
            for r in conn.execute(
                STEPS.select("student_id = ? AND goal_id IS NULL", _STEP_ORDER), [student_id]
            )
        ]
        return PlanRecords(
            tuple(baselines),
            tuple(assessments),
            tuple(PlanStore._with_children(conn, goals)),
            tuple(s for s in loose if not s.general),
            tuple(s for s in loose if s.general),
        )

    @staticmethod
    def _with_children(conn: sqlite3.Connection, goals: list[Goal]) -> list[Goal]:
        if not goals:
            return []
        ids = [g.id for g in goals]
        marks = ", ".join("?" * len(ids))
        notes: dict[int, list[ProgressNote]] = {}
        for row in conn.execute(
            NOTES.select(f"goal_id IN ({marks})", "ORDER BY noted_on DESC, id DESC"), ids
        ):
            note = NOTES.record(row)
            notes.setdefault(note.goal_id, []).append(note)
        steps: dict[int, list[ActionStep]] = {}
        for row in conn.execute(STEPS.select(f"goal_id IN ({marks})", _STEP_ORDER), ids):
            step = STEPS.record(row)
            steps.setdefault(step.goal_id, []).append(step)
        return [
            replace(g, notes=tuple(notes.get(g.id, ())), steps=tuple(steps.get(g.id, ())))
            for g in goals
        ]

    # Baselines and assessments ----------------------------------------------------------------
    def save_baseline(self, student_id: int, baseline: Baseline) -> Baseline:
        """Add (no id) or change a validated baseline."""
        today = clock.today()
        record = replace(
            baseline,
            student_id=student_id,
            note=_clean(baseline.note),
            recorded_on=baseline.recorded_on or today,
            updated_on=today,
        )
        with self.store.action() as db:
            if record.id is None:
                return BASELINES.insert(db.conn, record)
            return BASELINES.update(db.conn, record)

    def delete_baseline(self, baseline_id: int) -> None:
        with self.store.action() as db:
            BASELINES.delete(db.conn, baseline_id)

    def save_assessment(self, student_id: int, assessment: Assessment) -> Assessment:
        today = clock.today()
        record = replace(
            assessment,
            student_id=student_id,
            name=" ".join(assessment.name.split()),
            score=_clean(assessment.score),
            level=_clean(assessment.level),
            note=_clean(assessment.note),
            recorded_on=assessment.recorded_on or today,
            updated_on=today,
        )
        with self.store.action() as db:
            if record.id is None:
                return ASSESSMENTS.insert(db.conn, record)
            return ASSESSMENTS.update(db.conn, record)

    def delete_assessment(self, assessment_id: int) -> None:
        with self.store.action() as db:
            ASSESSMENTS.delete(db.conn, assessment_id)

    # Goals --------------------------------------------------------------------------------------
    def save_goal(self, student_id: int, goal: Goal) -> Goal:
        """Add (no id) or change a validated goal's own fields; its notes and steps stay."""
        today = clock.today()
        record = replace(
            goal,
            student_id=student_id,
            statement=_clean(goal.statement),
            measure=_clean(goal.measure),
            target_date=_clean(goal.target_date),
            dropped_reason=_clean(goal.dropped_reason) if goal.status == "dropped" else "",
            created_on=goal.created_on or today,
            updated_on=today,
        )
        with self.store.action() as db:
            saved = (
                GOALS.insert(db.conn, record)
                if record.id is None
                else GOALS.update(db.conn, record)
            )
            return self._with_children(db.conn, [replace(saved, notes=(), steps=())])[0]

    def delete_goal(self, goal_id: int) -> None:
        """Remove a goal with its notes and steps."""
        with self.store.action() as db:
            GOALS.delete(db.conn, goal_id)

    def add_note(self, goal_id: int, note: ProgressNote) -> ProgressNote:
        record = replace(note, goal_id=goal_id, text=_clean(note.text))
        with self.store.action() as db:
            saved = NOTES.insert(db.conn, record)
            db.conn.execute(
                "UPDATE goals SET updated_on = ? WHERE id = ?", [clock.today(), goal_id]
            )
            return saved

    def delete_note(self, note_id: int) -> None:
        with self.store.action() as db:
            NOTES.delete(db.conn, note_id)

    # Steps --------------------------------------------------------------------------------------
    def save_step(self, student_id: int, step: ActionStep) -> ActionStep:
        """Add (no id) or change a validated step, under a goal or in the postsecondary plan."""
        with self.store.action() as db:
            return save_step_in(db.conn, student_id, step)

    def delete_step(self, step_id: int) -> None:
        with self.store.action() as db:
            STEPS.delete(db.conn, step_id)

    # Many at once (the demo school) -------------------------------------------------------------
    def add_plans(self, plans: Iterable[tuple[int, PlanRecords]]) -> dict[int, list[int]]:
        """Whole plans for many students in one transaction; ids in the records are ignored.

        Returns each student's new step ids in ``PlanRecords.all_steps()`` order (the demo
        school marks some of them as agreed at its sessions).
        """
        step_ids: dict[int, list[int]] = {}
        with self.store.action() as db:
            conn = db.conn
            for student_id, plan in plans:
                ids = step_ids.setdefault(student_id, [])
                for baseline in plan.baselines:
                    BASELINES.insert(conn, replace(baseline, id=None, student_id=student_id))
                for assessment in plan.assessments:
                    ASSESSMENTS.insert(conn, replace(assessment, id=None, student_id=student_id))
                for goal in plan.goals:
                    saved = GOALS.insert(conn, replace(goal, id=None, student_id=student_id))
                    for note in goal.notes:
                        NOTES.insert(conn, replace(note, id=None, goal_id=saved.id))
                    for step in goal.steps:
                        added = STEPS.insert(
                            conn,
                            replace(step, id=None, goal_id=saved.id, student_id=student_id),
                        )
                        ids.append(added.id)
                for step in (*plan.plan_steps, *plan.general_steps):
                    added = STEPS.insert(
                        conn, replace(step, id=None, goal_id=None, student_id=student_id)
                    )
                    ids.append(added.id)
        return step_ids


def save_step_in(conn: sqlite3.Connection, student_id: int, step: ActionStep) -> ActionStep:
    """Add or change a step inside the caller's transaction (a session adds several at once)."""
    today = clock.today()
    record = replace(
        step,
        student_id=student_id,
        what=_clean(step.what),
        who_name=_clean(step.who_name),
        general=step.general and step.goal_id is None,
        created_on=step.created_on or today,
        updated_on=today,
    )
    if record.goal_id is not None:
        owner = conn.execute(
            "SELECT student_id FROM goals WHERE id = ?", [record.goal_id]
        ).fetchone()
        if owner is None or owner[0] != student_id:
            raise LookupError("That goal is no longer in this student's plan.")
    if record.id is None:
        return STEPS.insert(conn, record)
    return STEPS.update(conn, record)
