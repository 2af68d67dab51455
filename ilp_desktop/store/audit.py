"""Reading the change history that the audit triggers (migration 0006) write."""

from __future__ import annotations

import json

from ..domain.audit import AuditEntry
from .db import Store
from .settings import SettingsStore

COUNSELOR_NAME = "counselor_name"  # read by the audit triggers: keep the key


class AuditStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_student(self, student_id: int) -> list[AuditEntry]:
        """Every recorded change to the student's plan, newest first."""
        with self.store.reading() as conn:
            rows = conn.execute(
                "SELECT at, who, tbl, action, before, after FROM audit "
                "WHERE student_id = ? ORDER BY id DESC",
                [student_id],
            ).fetchall()
        entries = (
            AuditEntry(
                at=at,
                who=who,
                table=table,
                action=action,
                before=json.loads(before) if before else None,
                after=json.loads(after) if after else None,
            )
            for at, who, table, action, before, after in rows
        )
        # A change only to links between rows (a step moved to a session) says nothing.
        return [e for e in entries if e.action != "update" or e.changes()]

    def counselor_name(self) -> str:
        return str(SettingsStore(self.store).get(COUNSELOR_NAME, "") or "")

    def set_counselor_name(self, name: str) -> None:
        SettingsStore(self.store).set(COUNSELOR_NAME, " ".join(name.split()))
