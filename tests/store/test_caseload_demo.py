"""Dashboard counts for a known demo school, checked against the rules worked out by hand in SQL.

On 2026-10-10 (default calendar): the transition reviews of grades 6 and 9 were due Sep 30, the
fall checkpoint is due Oct 31 (this month), the final-year review Dec 15 and spring Mar 31.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.caseload import caseload_rows, counts
from ilp_desktop.domain.school_year import DEFAULT_CALENDAR
from ilp_desktop.store.caseload import CaseloadStore
from ilp_desktop.store.db import open_store

TODAY = dt.date(2026, 10, 10)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("caseload")
    store = open_store(folder / "demo.sqlite", folder / "backups")
    build_demo_school(store, students=150, seed=11, today=TODAY)
    store.close()
    return folder / "demo.sqlite"


def _ids(conn: object, sql: str, *params: object) -> set[int]:
    return {row[0] for row in conn.execute(sql, params)}  # type: ignore[attr-defined]


def test_dashboard_counts_match_the_rules_by_hand(demo: Path, tmp_path: Path) -> None:
    store = open_store(demo, tmp_path / "backups")
    try:
        rows = caseload_rows(CaseloadStore(store).facts(TODAY), TODAY, DEFAULT_CALENDAR)
        got = counts(rows)
        conn = store.conn
        everyone = _ids(conn, "SELECT id FROM students WHERE archived_at = ''")

        def held(kind: str) -> set[int]:
            return _ids(
                conn,
                "SELECT student_id FROM sessions WHERE review = ? AND review_year = 2026",
                kind,
            )

        entering = _ids(conn, "SELECT id FROM students WHERE grade IN ('6', '9')")
        expected = {
            "overdue_reviews": len((entering & everyone) - held("transition")),
            "due_this_month": len(everyone - held("fall")),
            "no_goals": len(
                everyone
                - _ids(conn, "SELECT student_id FROM goals WHERE status NOT IN ('done', 'dropped')")
            ),
            "overdue_steps": len(
                _ids(
                    conn,
                    "SELECT student_id FROM action_steps WHERE status IN ('to_do', 'in_progress') "
                    "AND due_on <> '' AND due_on < ?",
                    TODAY.isoformat(),
                )
            ),
            "no_inventory": len(
                everyone
                - _ids(
                    conn,
                    "SELECT student_id FROM inventory_attempts WHERE finished_at IS NOT NULL",
                )
            ),
            "no_family_ack": len(
                everyone
                - _ids(
                    conn,
                    "SELECT s.student_id FROM acknowledgements a JOIN sessions s "
                    "ON s.id = a.session_id WHERE a.role = 'guardian' "
                    "AND a.signed_on >= '2026-08-20' AND a.signed_on < '2027-08-20'",
                )
            ),
        }
        assert got == expected
        # A realistic school: every list has someone in it, no list holds everyone but the
        # ones nobody has started on.
        assert all(0 < got[key] < len(everyone) for key in got), got
    finally:
        store.close()
