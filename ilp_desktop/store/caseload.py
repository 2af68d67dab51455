"""The facts the caseload dashboard and the compliance export need, for every student at once.

A handful of grouped queries, whatever the number of students: the dashboard is the first page
a counselor sees, so it must load as fast as the roster.
"""

from __future__ import annotations

import datetime as dt

from ..domain.caseload import StudentFacts
from ..domain.reviews import HeldReview
from .db import Store
from .students import _COLUMNS as STUDENT_COLUMNS
from .students import _student


class CaseloadStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def facts(self, today: dt.date) -> list[StudentFacts]:
        """One StudentFacts per student on the roster (archived students left out)."""
        day = today.isoformat()
        with self.store.reading() as conn:
            students = [
                _student(row)
                for row in conn.execute(
                    f"SELECT {STUDENT_COLUMNS} FROM students WHERE archived_at = ''"
                )
            ]
            goals = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT student_id, count(*), "
                    "sum(status NOT IN ('done', 'dropped')) FROM goals GROUP BY student_id"
                )
            }
            steps = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT student_id, sum(status IN ('to_do', 'in_progress')), "
                    "sum(status IN ('to_do', 'in_progress') AND due_on <> '' AND due_on < ?) "
                    "FROM action_steps GROUP BY student_id",
                    [day],
                )
            }
            inventories = dict(
                conn.execute(
                    "SELECT student_id, substr(max(finished_at), 1, 10) FROM inventory_attempts "
                    "WHERE finished_at IS NOT NULL GROUP BY student_id"
                ).fetchall()
            )
            held: dict[int, list[HeldReview]] = {}
            for row in conn.execute(
                "SELECT student_id, id, held_on, review, review_year FROM sessions "
                "WHERE review <> '' ORDER BY held_on, id"
            ):
                held.setdefault(row[0], []).append(HeldReview(*row[1:]))
            last_session = dict(
                conn.execute(
                    "SELECT student_id, max(held_on) FROM sessions GROUP BY student_id"
                ).fetchall()
            )
            acks: dict[int, list[str]] = {}
            for student_id, signed_on in conn.execute(
                "SELECT s.student_id, a.signed_on FROM acknowledgements a "
                "JOIN sessions s ON s.id = a.session_id WHERE a.role = 'guardian'"
            ):
                acks.setdefault(student_id, []).append(signed_on)
        facts = []
        for student in students:
            sid = student.id
            assert sid is not None
            goal_count, open_goals = goals.get(sid, (0, 0))
            open_steps, overdue_steps = steps.get(sid, (0, 0))
            facts.append(
                StudentFacts(
                    student_id=sid,
                    sis_id=student.sis_id,
                    name=student.display_name,
                    sort_name=student.sort_name,
                    grade=student.grade,
                    counselor=student.counselor,
                    last_name=student.last_name,
                    first_name=student.first_name,
                    goals=goal_count or 0,
                    open_goals=open_goals or 0,
                    open_steps=open_steps or 0,
                    overdue_steps=overdue_steps or 0,
                    latest_inventory_on=inventories.get(sid) or "",
                    held=tuple(held.get(sid, ())),
                    last_session_on=last_session.get(sid) or "",
                    family_ack_dates=tuple(acks.get(sid, ())),
                )
            )
        return facts
