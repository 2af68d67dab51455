"""The change history of a student's plan, in words a counselor reads at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .plans import GOAL_STATUS_LABELS, ROLE_LABELS, STEP_KIND_LABELS, STEP_STATUS_LABELS
from .sessions import SESSION_KIND_LABELS
from .text import shortened

# What each table holds, as a noun, and the column that names a row of it.
_THINGS: dict[str, tuple[str, str]] = {
    "students": ("Profile", ""),
    "guardians": ("Parent or guardian", "name"),
    "inventory_attempts": ("Interest inventory", "form"),
    "profile_items": ("Strength, skill or value", "other"),
    "activities": ("Activity", "name"),
    "supports": ("Support", "other"),
    "shortlist": ("Career on the shortlist", "title"),
    "baselines": ("Current performance", "as_of"),
    "assessments": ("Assessment", "name"),
    "goals": ("Goal", "statement"),
    "goal_notes": ("Progress note", "text"),
    "action_steps": ("Step", "what"),
    "course_plan": ("Planned course", "title"),
    "postsecondary": ("Plans after high school", ""),
    "postsecondary_targets": ("College or program", "name"),
    "postsecondary_careers": ("Career aimed for", "title"),
    "sessions": ("Session", "held_on"),
    "acknowledgements": ("Acknowledgement", "name"),
}

# Bookkeeping no counselor needs to read about.
_HIDDEN = frozenset(
    {
        "id",
        "student_id",
        "goal_id",
        "session_id",
        "created_on",
        "created_at",
        "updated_on",
        "updated_at",
        "recorded_on",
        "search_key",
        "sort_key",
        "position",
        "answers",
        "entry_id",
    }
)

_LABELS: dict[str, str] = {
    "sis_id": "SIS id",
    "first_name": "first name",
    "last_name": "last name",
    "preferred_name": "preferred name",
    "date_of_birth": "date of birth",
    "family_languages": "family languages",
    "plan_504": "504 plan",
    "iep": "IEP",
    "ell": "English learner",
    "cte_pathway": "CTE pathway",
    "archived_at": "archived",
    "target_date": "target date",
    "dropped_reason": "reason dropped",
    "career_code": "career",
    "due_on": "due",
    "done_on": "done on",
    "who_name": "who",
    "held_on": "held on",
    "review_year": "review year",
    "hours_per_week": "hours a week",
    "start_on": "started",
    "end_on": "ended",
    "ended_on": "ended",
    "provided_by": "provided by",
    "taken_on": "taken on",
    "as_of": "as of",
    "noted_on": "noted on",
    "signed_on": "signed on",
    "on_paper": "on paper",
    "also_considering": "also considering",
    "course_code": "course code",
    "finished_at": "finished",
    "started_at": "started",
    "reflected_on": "reflected on",
    "entered_by": "entered by",
}

_VALUES: dict[str, dict[str, str]] = {
    "status": {**STEP_STATUS_LABELS, **GOAL_STATUS_LABELS},
    "role": ROLE_LABELS,
    "kind": {**STEP_KIND_LABELS, **SESSION_KIND_LABELS},
}

MAX_VALUE_CHARS = 60


@dataclass(frozen=True)
class AuditEntry:
    """One change: ``before`` is None for an addition, ``after`` None for a removal."""

    at: str  # ISO date and time, local
    who: str
    table: str
    action: str  # insert | update | delete
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def thing(self) -> str:
        return _THINGS.get(self.table, (self.table.replace("_", " ").capitalize(), ""))[0]

    @property
    def name(self) -> str:
        """The row's own words (a goal's statement, a step, a course title), shortened."""
        column = _THINGS.get(self.table, ("", ""))[1]
        row = self.after or self.before or {}
        return _shown(row.get(column)) if column else ""

    def changes(self) -> list[tuple[str, str, str]]:
        """(field, before, after) for each field a counselor would notice, in column order."""
        before, after = self.before or {}, self.after or {}
        out = []
        for column in after or before:
            if column in _HIDDEN:
                continue
            old, new = before.get(column), after.get(column)
            if self.action == "update" and old == new:
                continue
            out.append((_LABELS.get(column, column.replace("_", " ")), value(column, old),
                        value(column, new)))  # fmt: skip
        return out

    def summary(self) -> str:
        """One line: "Goal changed: “Raise math…” — status: On track → At risk"."""
        verb = {"insert": "added", "update": "changed", "delete": "removed"}[self.action]
        head = f"{self.thing} {verb}"
        if self.name:
            head += f": “{self.name}”"
        if self.action != "update":
            return head
        parts = [f"{field}: {old or '(empty)'} → {new or '(empty)'}" for field, old, new in
                 self.changes()]  # fmt: skip
        return head + (" — " + "; ".join(parts) if parts else "")


def value(column: str, raw: Any) -> str:
    """A stored value as a counselor reads it."""
    if raw is None or raw == "":
        return ""
    if column in ("iep", "plan_504", "ell", "gifted", "cte", "on_paper", "general"):
        return "yes" if raw in (1, True, "1") else "no"
    words = _VALUES.get(column, {})
    if isinstance(raw, str) and raw in words:
        return words[raw]
    return _shown(raw)


def _shown(raw: Any) -> str:
    text = " ".join(str(raw).split())
    return shortened(text, MAX_VALUE_CHARS)
