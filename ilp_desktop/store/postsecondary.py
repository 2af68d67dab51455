"""Each student's postsecondary plan: pathway, aspiration, targets and linked careers.

Its steps are action steps with no goal (store.plans). Every write is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from ..domain.postsecondary import CareerLink, PostsecondaryPlan, Target
from . import clock
from .db import Store


class PostsecondaryStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def plan(self, student_id: int) -> PostsecondaryPlan:
        with self.store.reading() as conn:
            return self._plan(conn, student_id)

    def save_choices(
        self, student_id: int, pathway: str, also_considering: Sequence[str], aspiration: str
    ) -> PostsecondaryPlan:
        """The pathway, the other pathways considered and the aspiration (autosaved text)."""
        with self.store.action() as db:
            db.conn.execute(
                "INSERT INTO postsecondary (student_id, pathway, also_considering, aspiration, "
                "updated_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET "
                "pathway = excluded.pathway, also_considering = excluded.also_considering, "
                "aspiration = excluded.aspiration, updated_on = excluded.updated_on",
                [
                    student_id,
                    pathway,
                    json.dumps(list(also_considering)),
                    aspiration.rstrip(),
                    clock.today(),
                ],
            )
            return self._plan(db.conn, student_id)

    def save_target(self, student_id: int, target: Target) -> Target:
        with self.store.action() as db:
            conn = db.conn
            if target.id is None:
                position = conn.execute(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM postsecondary_targets "
                    "WHERE student_id = ?",
                    [student_id],
                ).fetchone()[0]
                new_id = conn.execute(
                    "INSERT INTO postsecondary_targets (student_id, kind, name, note, position) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [student_id, target.kind, target.name.strip(), target.note.strip(), position],
                ).lastrowid
                return Target(target.kind, target.name.strip(), target.note.strip(), new_id)
            conn.execute(
                "UPDATE postsecondary_targets SET kind = ?, name = ?, note = ? WHERE id = ?",
                [target.kind, target.name.strip(), target.note.strip(), target.id],
            )
            return Target(target.kind, target.name.strip(), target.note.strip(), target.id)

    def delete_target(self, target_id: int) -> None:
        with self.store.action() as db:
            db.conn.execute("DELETE FROM postsecondary_targets WHERE id = ?", [target_id])

    def set_careers(self, student_id: int, careers: Iterable[CareerLink]) -> None:
        """The shortlisted careers the plan leads to (replacing the earlier choice)."""
        with self.store.action() as db:
            conn = db.conn
            conn.execute("DELETE FROM postsecondary_careers WHERE student_id = ?", [student_id])
            conn.executemany(
                "INSERT OR IGNORE INTO postsecondary_careers (student_id, code, title) "
                "VALUES (?, ?, ?)",
                [(student_id, c.code, c.title) for c in careers],
            )

    def add_plans(self, plans: Iterable[tuple[int, PostsecondaryPlan]]) -> None:
        """Whole postsecondary plans for many students in one transaction (the demo school)."""
        today = clock.today()
        with self.store.action() as db:
            conn = db.conn
            for student_id, plan in plans:
                conn.execute(
                    "INSERT INTO postsecondary (student_id, pathway, also_considering, "
                    "aspiration, updated_on) VALUES (?, ?, ?, ?, ?)",
                    [
                        student_id,
                        plan.pathway,
                        json.dumps(list(plan.also_considering)),
                        plan.aspiration,
                        plan.updated_on or today,
                    ],
                )
                conn.executemany(
                    "INSERT INTO postsecondary_targets (student_id, kind, name, note, position) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [
                        (student_id, t.kind, t.name, t.note, n)
                        for n, t in enumerate(plan.targets, start=1)
                    ],
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO postsecondary_careers (student_id, code, title) "
                    "VALUES (?, ?, ?)",
                    [(student_id, c.code, c.title) for c in plan.careers],
                )

    @staticmethod
    def _plan(conn: sqlite3.Connection, student_id: int) -> PostsecondaryPlan:
        row = conn.execute(
            "SELECT pathway, also_considering, aspiration, updated_on FROM postsecondary "
            "WHERE student_id = ?",
            [student_id],
        ).fetchone()
        targets = tuple(
            Target(kind, name, note, target_id)
            for target_id, kind, name, note in conn.execute(
                "SELECT id, kind, name, note FROM postsecondary_targets WHERE student_id = ? "
                "ORDER BY position, id",
                [student_id],
            )
        )
        careers = tuple(
            CareerLink(code, title)
            for code, title in conn.execute(
                "SELECT code, title FROM postsecondary_careers WHERE student_id = ? ORDER BY title",
                [student_id],
            )
        )
        if row is None:
            return PostsecondaryPlan(targets=targets, careers=careers)
        return PostsecondaryPlan(
            pathway=row[0],
            also_considering=tuple(json.loads(row[1])),
            aspiration=row[2],
            targets=targets,
            careers=careers,
            updated_on=row[3],
        )
