"""Work for the crash tests to kill: run as `python child.py WORK DB [ARGS]`.

``edits`` saves goals one action at a time and prints each one's number once it is committed,
so the test knows what must survive the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path


def edits(db: Path, tag: str) -> None:
    from ilp_desktop.domain.plans import Goal, ProgressNote
    from ilp_desktop.store.db import open_store
    from ilp_desktop.store.plans import PlanStore
    from ilp_desktop.store.students import StudentStore

    store = open_store(db)
    plans = PlanStore(store)
    students = StudentStore(store).all()
    print("ready", flush=True)
    n = 0
    while True:
        student = students[n % len(students)]
        assert student.id is not None
        goal = plans.save_goal(
            student.id, Goal(area="academic", statement=f"Crash test {tag} goal number {n}")
        )
        assert goal.id is not None
        plans.add_note(goal.id, ProgressNote(noted_on="2026-11-22", text=f"note {n} " * 40))
        print(n, flush=True)
        n += 1


if __name__ == "__main__":
    work, db = sys.argv[1], Path(sys.argv[2])
    {"edits": edits}[work](db, *sys.argv[3:])
