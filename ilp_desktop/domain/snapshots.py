"""Plan snapshots: the whole plan as plain JSON at a review, and what changed between two of them.

A snapshot must stay readable for years and travel in a transfer file, so it holds only JSON
types (text, numbers, lists, objects) and a version number. The only database ids it keeps are
those of goals and steps, to match them between two snapshots of the same database; a snapshot
without them still compares, goals by their statement and steps by what they say.

Plain Python. Dates are ISO strings; user text is kept exactly as typed (whoever shows it
escapes it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .dates import read_iso_date
from .plans import (
    AREA_LABELS,
    GOAL_STATUS_LABELS,
    ROLE_LABELS,
    STEP_KIND_LABELS,
    STEP_STATUS_LABELS,
    ActionStep,
    Assessment,
    Baseline,
    Goal,
)
from .postsecondary import PATHWAY_LABELS, TARGET_KIND_LABELS, PostsecondaryPlan
from .shortlist import ShortlistEntry
from .students import Student

SNAPSHOT_VERSION = 1

CHANGE_CATEGORIES: tuple[str, ...] = (
    "goals_added",
    "goals_completed",
    "goals_changed",
    "goals_removed",
    "steps_done",
    "steps_added",
    "shortlist",
    "interest",
    "baselines",
    "assessments",
    "postsecondary",
)
CATEGORY_LABELS: dict[str, str] = {
    "goals_added": "Goals added",
    "goals_completed": "Goals completed",
    "goals_changed": "Goals changed",
    "goals_removed": "Goals removed",
    "steps_done": "Steps done",
    "steps_added": "Steps added",
    "shortlist": "Career shortlist",
    "interest": "Interest inventory",
    "baselines": "Grades, credits and attendance",
    "assessments": "Assessment results",
    "postsecondary": "Postsecondary plan",
}


CHANGE_KEYS: tuple[str, ...] = (
    "goal_added",
    "goal_completed",
    "goal_dropped",
    "goal_status",
    "goal_updated",
    "goal_removed",
    "step_done",
    "step_added",
    "career_added",
    "career_removed",
    "interest_taken",
    "interest_changed",
    "interest_again",
    "figures",
    "assessment",
    "pathway",
    "target_added",
    "target_removed",
)


class SnapshotError(ValueError):
    """A stored snapshot that cannot be read; the message is for the counselor."""


@dataclass(frozen=True)
class Change:
    """One thing that changed between two reviews, in words a counselor can read aloud."""

    category: str  # one of CHANGE_CATEGORIES
    text: str
    detail: str = ""
    # For readers in another language (the family handout): what kind of change it is (one of
    # CHANGE_KEYS), what it is about (a goal's statement or a career's title as typed, a date,
    # an interest code), and a key: a goal's new status, a new pathway, a step's role.
    key: str = ""
    subject: str = ""
    value: str = ""


# --- Taking a snapshot ----------------------------------------------------------------------------


def take_snapshot(
    *,
    taken_on: str,
    student: Student,
    goals: Sequence[Goal],
    other_steps: Sequence[ActionStep],
    baselines: Sequence[Baseline],
    assessments: Sequence[Assessment],
    shortlist: Sequence[ShortlistEntry],
    interest_code: str | None,
    inventory_on: str,
    postsecondary: PostsecondaryPlan,
    supports: Sequence[str] = (),
) -> dict[str, Any]:
    """The plan as it stands on ``taken_on``, as a JSON-ready dict (see read_snapshot)."""
    # Dated lists are sorted so the same plan always gives the same JSON; goals and steps keep
    # the order the counselor sees them in.
    return {
        "version": SNAPSHOT_VERSION,
        "taken_on": taken_on,
        "student": {"name": student.full_name, "grade": student.grade},
        "interest": {"code": interest_code or "", "taken_on": inventory_on},
        "goals": [_goal_data(goal) for goal in goals],
        "steps": [_step_data(step) for step in other_steps],
        "baselines": [
            {
                "as_of": b.as_of,
                "gpa": _float(b.gpa),
                "credits": _float(b.credits),
                "attendance": _float(b.attendance),
                "note": b.note,
            }
            for b in sorted(baselines, key=lambda b: b.as_of)
        ],
        "assessments": [
            {
                "name": a.name,
                "taken_on": a.taken_on,
                "score": a.score,
                "level": a.level,
                "note": a.note,
            }
            for a in sorted(assessments, key=lambda a: (a.taken_on, a.name))
        ],
        "shortlist": [
            {"code": e.code, "title": e.title, "rank": e.rank}
            for e in sorted(shortlist, key=lambda e: e.rank)
        ],
        "postsecondary": {
            "pathway": postsecondary.pathway,
            "also_considering": list(postsecondary.also_considering),
            "aspiration": postsecondary.aspiration,
            "targets": [{"kind": t.kind, "name": t.name} for t in postsecondary.targets],
            "careers": [{"code": c.code, "title": c.title} for c in postsecondary.careers],
        },
        "supports": list(supports),
    }


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _goal_data(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id,
        "area": goal.area,
        "statement": goal.statement,
        "measure": goal.measure,
        "target_date": goal.target_date,
        "status": goal.status,
        "dropped_reason": goal.dropped_reason,
        "notes": [
            {"noted_on": n.noted_on, "text": n.text}
            for n in sorted(goal.notes, key=lambda n: n.noted_on)
        ],
        "steps": [_step_data(step) for step in goal.steps],
    }


def _step_data(step: ActionStep) -> dict[str, Any]:
    return {
        "id": step.id,
        "what": step.what,
        "role": step.role,
        "who_name": step.who_name,
        "due_on": step.due_on,
        "status": step.status,
        "done_on": step.done_on,
        "kind": step.kind,
        # A step agreed at a session under no goal is not the postsecondary plan's.
        "general": bool(getattr(step, "general", False)),
    }


# --- Reading a stored snapshot --------------------------------------------------------------------

# What each kind of record holds: "text!" must be there; "text" defaults to ""; "id" and
# "number" default to None; "rank" to 0; "flag" (true or false) to false; "texts" (a list of
# text) to [].
_Fields = Mapping[str, str]
_STUDENT: _Fields = {"name": "text!", "grade": "text"}
_INTEREST: _Fields = {"code": "text", "taken_on": "text"}
_GOAL: _Fields = {
    "id": "id",
    "area": "text!",
    "statement": "text!",
    "measure": "text",
    "target_date": "text",
    "status": "text!",
    "dropped_reason": "text",
}
_NOTE: _Fields = {"noted_on": "text", "text": "text!"}
_STEP: _Fields = {
    "id": "id",
    "what": "text!",
    "role": "text",
    "who_name": "text",
    "due_on": "text",
    "status": "text!",
    "done_on": "text",
    "kind": "text",
    "general": "flag",
}
_BASELINE: _Fields = {
    "as_of": "text!",
    "gpa": "number",
    "credits": "number",
    "attendance": "number",
    "note": "text",
}
_ASSESSMENT: _Fields = {
    "name": "text!",
    "taken_on": "text!",
    "score": "text",
    "level": "text",
    "note": "text",
}
_SHORTLIST: _Fields = {"code": "text!", "title": "text", "rank": "rank"}
_POSTSECONDARY: _Fields = {"pathway": "text", "also_considering": "texts", "aspiration": "text"}
_TARGET: _Fields = {"kind": "text", "name": "text!"}
_CAREER: _Fields = {"code": "text!", "title": "text"}

_BROKEN = "The saved plan snapshot is damaged"


def read_snapshot(data: object) -> dict[str, Any]:
    """Check a stored snapshot and return it complete, or raise SnapshotError saying why not.

    Lists and sections left out of a snapshot are read as empty; keys it does not know are
    dropped.
    """
    if not isinstance(data, Mapping):
        raise SnapshotError(f"{_BROKEN}: it is not a plan snapshot at all.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SnapshotError(f"{_BROKEN}: it has no version number ILP Desktop knows.")
    if version > SNAPSHOT_VERSION:
        raise SnapshotError(
            f"This plan snapshot was saved by a newer ILP Desktop (format {version}); "
            "update ILP Desktop to read it."
        )
    taken_on = data.get("taken_on")
    if not isinstance(taken_on, str) or read_iso_date(taken_on)[0] is None:
        raise SnapshotError(f"{_BROKEN}: the date it was taken is missing or not a date.")
    if "student" not in data:
        raise SnapshotError(f"{_BROKEN}: the student is missing.")
    postsecondary = _record(
        data.get("postsecondary", {}),
        _POSTSECONDARY,
        "the postsecondary plan",
        children={"targets": (_TARGET, "target {n}"), "careers": (_CAREER, "career {n}")},
    )
    postsecondary["pathway"] = postsecondary["pathway"] or "undecided"
    goal_children = {"notes": (_NOTE, "note {n}"), "steps": (_STEP, "step {n}")}
    return {
        "version": version,
        "taken_on": taken_on,
        "student": _record(data["student"], _STUDENT, "the student"),
        "interest": _record(data.get("interest", {}), _INTEREST, "the interest inventory"),
        "goals": _records(data, "goals", _GOAL, "goal {n}", children=goal_children),
        "steps": _records(data, "steps", _STEP, "plan step {n}"),
        "baselines": _records(data, "baselines", _BASELINE, "baseline {n}"),
        "assessments": _records(data, "assessments", _ASSESSMENT, "assessment {n}"),
        "shortlist": _records(data, "shortlist", _SHORTLIST, "shortlist entry {n}"),
        "postsecondary": postsecondary,
        "supports": _texts(data.get("supports"), "the “supports” of the snapshot"),
    }


def _list(raw: object, what: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list | tuple):
        raise SnapshotError(f"{_BROKEN}: {what} should be a list.")
    return list(raw)


def _texts(raw: object, what: str) -> list[str]:
    items = _list(raw, what)
    if not all(isinstance(item, str) for item in items):
        raise SnapshotError(f"{_BROKEN}: {what} should be a list of text.")
    return items


def _records(
    parent: Mapping[str, Any],
    key: str,
    fields: _Fields,
    where: str,
    *,
    children: Mapping[str, tuple[_Fields, str]] | None = None,
    owner: str = "the snapshot",
) -> list[dict[str, Any]]:
    """Each item of the list ``parent[key]`` checked; ``where`` holds {n}, the item's number."""
    items = _list(parent.get(key), f"the “{key}” of {owner}")
    return [
        _record(item, fields, where.format(n=number), children=children)
        for number, item in enumerate(items, start=1)
    ]


def _record(
    raw: object,
    fields: _Fields,
    where: str,
    *,
    children: Mapping[str, tuple[_Fields, str]] | None = None,
) -> dict[str, Any]:
    """The known keys of ``raw`` checked; ``children`` are its lists of records, by key."""
    if not isinstance(raw, Mapping):
        raise SnapshotError(f"{_BROKEN}: {where} is not a record.")
    record: dict[str, Any] = {}
    for key, kind in fields.items():
        value = raw.get(key)
        if kind == "text!":
            if value is None:
                raise SnapshotError(f"{_BROKEN}: {where} has no “{key}”.")
            if not isinstance(value, str):
                raise SnapshotError(f"{_BROKEN}: the “{key}” of {where} should be text.")
        elif kind == "text":
            value = "" if value is None else value
            if not isinstance(value, str):
                raise SnapshotError(f"{_BROKEN}: the “{key}” of {where} should be text.")
        elif kind == "flag":
            value = False if value is None else value
            if not isinstance(value, bool):
                raise SnapshotError(f"{_BROKEN}: the “{key}” of {where} should be true or false.")
        elif kind == "texts":
            value = _texts(value, f"the “{key}” of {where}")
        elif kind in ("id", "number", "rank"):
            value = 0 if value is None and kind == "rank" else value
            allowed: tuple[type, ...] = (int, float) if kind == "number" else (int,)
            if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
                raise SnapshotError(f"{_BROKEN}: the “{key}” of {where} should be a number.")
        record[key] = value
    for key, (child_fields, child_where) in (children or {}).items():
        record[key] = _records(raw, key, child_fields, f"{child_where} of {where}", owner=where)
    return record


# --- What changed ---------------------------------------------------------------------------------


def what_changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """What changed from the ``before`` snapshot to ``after``, grouped in CHANGE_CATEGORIES order.

    Both are checked with read_snapshot first, so a damaged one raises SnapshotError.
    """
    old, new = read_snapshot(before), read_snapshot(after)
    changes = [
        *_goal_changes(old["goals"], new["goals"]),
        *_step_changes(old, new),
        *_shortlist_changes(old["shortlist"], new["shortlist"]),
        *_interest_changes(old["interest"], new["interest"]),
        *_baseline_changes(old["baselines"], new["baselines"]),
        *_assessment_changes(old["assessments"], new["assessments"]),
        *_postsecondary_changes(old["postsecondary"], new["postsecondary"]),
    ]
    order = {category: index for index, category in enumerate(CHANGE_CATEGORIES)}
    return sorted(changes, key=lambda change: order[change.category])  # stable within a category


def changes_by_category(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """(label, changes) for each category that has any, in CHANGE_CATEGORIES order."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.category, []).append(change)
    return [(CATEGORY_LABELS[c], groups[c]) for c in CHANGE_CATEGORIES if c in groups]


_T = TypeVar("_T")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return _squash(text).casefold()


def _pair(
    before: Sequence[_T],
    after: Sequence[_T],
    ident: Callable[[_T], object],
    key: Callable[[_T], object],
) -> tuple[list[tuple[_T, _T]], list[_T], list[_T]]:
    """(matched pairs, only in before, only in after).

    Items are matched by id; an item with no id (on either side) by ``key`` instead. Two items
    that both have ids and differ are never matched, however alike they read.
    """
    used = [False] * len(before)
    by_id: dict[object, int] = {}
    for index, item in enumerate(before):
        if ident(item) is not None:
            by_id.setdefault(ident(item), index)
    pairs: list[tuple[_T, _T]] = []
    added: list[_T] = []
    for item in after:
        index = by_id.get(ident(item)) if ident(item) is not None else None
        if index is None or used[index]:
            index = next(
                (
                    i
                    for i, old in enumerate(before)
                    if not used[i]
                    and (ident(old) is None or ident(item) is None)
                    and key(old) == key(item)
                ),
                None,
            )
        if index is None:
            added.append(item)
        else:
            used[index] = True
            pairs.append((before[index], item))
    removed = [item for index, item in enumerate(before) if not used[index]]
    return pairs, removed, added


def _area(goal: Mapping[str, Any]) -> str:
    return AREA_LABELS.get(goal["area"], goal["area"])


def _goal_status(status: str) -> str:
    return GOAL_STATUS_LABELS.get(status, status)


def _goal_line(goal: Mapping[str, Any]) -> str:
    """ "Raise my math grade to a B (Academic)" """
    return f"{goal['statement']} ({_area(goal)})" if goal["area"] else goal["statement"]


def _goal_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    pairs, removed, added = _pair(before, after, lambda g: g["id"], lambda g: _fold(g["statement"]))
    changes = []
    for goal in added:
        facts = [_goal_status(goal["status"])]
        if goal["target_date"]:
            facts.append(f"target date {goal['target_date']}")
        changes.append(
            Change(
                "goals_added",
                f"Goal added: {_goal_line(goal)}",
                ", ".join(facts),
                key="goal_added",
                subject=goal["statement"],
                value=goal["status"],
            )
        )
    for old, new in pairs:
        changes.extend(_one_goal_changes(old, new))
    for goal in removed:
        changes.append(
            Change(
                "goals_removed",
                f"Goal removed: {_goal_line(goal)}",
                f"It was {_goal_status(goal['status']).lower()}",
                key="goal_removed",
                subject=goal["statement"],
            )
        )
    return changes


def _one_goal_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    changes = []
    line = _goal_line(new)
    status = f"{_goal_status(old['status'])} → {_goal_status(new['status'])}"
    about = {"subject": new["statement"], "value": new["status"]}
    if old["status"] != new["status"]:
        if new["status"] == "done":
            changes.append(
                Change(
                    "goals_completed", f"Goal completed: {line}", status, "goal_completed", **about
                )
            )
        elif new["status"] == "dropped":
            reason = _squash(new["dropped_reason"])
            detail = f"{status}: {new['dropped_reason']}" if reason else status
            changes.append(
                Change("goals_changed", f"Goal dropped: {line}", detail, "goal_dropped", **about)
            )
        else:
            changes.append(
                Change(
                    "goals_changed", f"Goal status changed: {line}", status, "goal_status", **about
                )
            )
    if _squash(old["statement"]) != _squash(new["statement"]):
        changes.append(
            Change(
                "goals_changed",
                f"Goal reworded: {line}",
                f"It was: {old['statement']}",
                "goal_updated",
                **about,
            )
        )
    if old["area"] != new["area"]:
        changes.append(
            Change(
                "goals_changed",
                f"Goal moved to another area: {line}",
                f"{_area(old)} → {_area(new)}",
                "goal_updated",
                **about,
            )
        )
    if _squash(old["measure"]) != _squash(new["measure"]):
        changes.append(
            Change(
                "goals_changed",
                f"Goal measure changed: {line}",
                f"{old['measure'] or 'No measure'} → {new['measure'] or 'No measure'}",
                "goal_updated",
                **about,
            )
        )
    if old["target_date"] != new["target_date"]:
        changes.append(
            Change(
                "goals_changed",
                f"Goal target date changed: {line}",
                f"{old['target_date'] or 'No target date'} → "
                f"{new['target_date'] or 'No target date'}",
                "goal_updated",
                **about,
            )
        )
    return changes


# A step with the goal it sits under (None: a step of the postsecondary plan).
_PlacedStep = tuple[dict[str, Any], dict[str, Any] | None]


def _placed_steps(snapshot: Mapping[str, Any]) -> list[_PlacedStep]:
    placed: list[_PlacedStep] = [
        (step, goal) for goal in snapshot["goals"] for step in goal["steps"]
    ]
    placed.extend((step, None) for step in snapshot["steps"])
    return placed


def _who(step: Mapping[str, Any]) -> str:
    role = ROLE_LABELS.get(step["role"], step["role"])
    if role and step["who_name"]:
        return f"{role} ({step['who_name']})"
    return role or step["who_name"]


def _where(step: Mapping[str, Any], goal: Mapping[str, Any] | None) -> str:
    if goal is not None:
        return f"Goal: {_goal_line(goal)}"
    if step["general"]:
        return "Under no goal"
    kind = STEP_KIND_LABELS.get(step["kind"], step["kind"])
    return f"Postsecondary plan: {kind}" if kind else "Postsecondary plan"


def _step_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    # Steps are matched across the whole plan, so a step moved to another goal is the same step.
    pairs, _removed, added = _pair(
        _placed_steps(before),
        _placed_steps(after),
        lambda placed: placed[0]["id"],
        lambda placed: _fold(placed[0]["what"]),
    )
    done: list[Change] = []
    new: list[Change] = []
    for (old_step, _), (step, goal) in pairs:
        if step["status"] == "done" and old_step["status"] != "done":
            done.append(_step_done(step, goal))
    for step, goal in added:
        if step["status"] == "done":
            # Added and finished since the last review: one line, under "done".
            done.append(_step_done(step, goal, "added since the last review"))
            continue
        facts = [_who(step), f"due {step['due_on']}" if step["due_on"] else "no due date"]
        detail = _where(step, goal)
        if step["status"] not in ("to_do", ""):
            detail += f"; {STEP_STATUS_LABELS.get(step['status'], step['status']).lower()}"
        new.append(
            Change(
                "steps_added",
                f"Step added: {step['what']} — {', '.join(filter(None, facts))}",
                detail,
                "step_added",
                step["what"],
                step["role"],
            )
        )
    return done + new


def _step_done(step: Mapping[str, Any], goal: Mapping[str, Any] | None, note: str = "") -> Change:
    facts = [_who(step), step["done_on"]]
    detail = _where(step, goal)
    if note:
        detail += f"; {note}"
    return Change(
        "steps_done",
        f"Step done: {step['what']} — {', '.join(filter(None, facts))}",
        detail,
        "step_done",
        step["what"],
        step["role"],
    )


def _career_line(entry: Mapping[str, Any]) -> str:
    return f"{entry['title']} ({entry['code']})" if entry["title"] else entry["code"]


def _shortlist_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    old_codes = {e["code"] for e in before}
    new_codes = {e["code"] for e in after}
    return [
        *(
            Change(
                "shortlist",
                f"Career added to the shortlist: {_career_line(e)}",
                key="career_added",
                subject=e["title"] or e["code"],
            )
            for e in after
            if e["code"] not in old_codes
        ),
        *(
            Change(
                "shortlist",
                f"Career taken off the shortlist: {_career_line(e)}",
                key="career_removed",
                subject=e["title"] or e["code"],
            )
            for e in before
            if e["code"] not in new_codes
        ),
    ]


def _interest_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    if (before["code"], before["taken_on"]) == (after["code"], after["taken_on"]):
        return []
    if not after["code"] and not after["taken_on"]:
        return []  # the inventory was deleted; nothing new to talk about
    code = after["code"] or "no clear code"
    taken = f"Taken {after['taken_on']}" if after["taken_on"] else ""
    if not before["code"] and not before["taken_on"]:
        return [
            Change("interest", f"Interest inventory taken: {code}", taken, "interest_taken", code)
        ]
    if before["code"] != after["code"]:
        old = before["code"] or "no clear code"
        return [
            Change(
                "interest",
                f"Interest code changed: {old} → {code}",
                taken,
                "interest_changed",
                code,
            )
        ]
    return [
        Change(
            "interest",
            f"Interest inventory taken again: still {code}",
            taken,
            "interest_again",
            code,
        )
    ]


def plain_number(value: float) -> str:
    """3.25 -> "3.25", 94.0 -> "94", 12.50 -> "12.5": at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _gpa(value: float) -> str:
    # A GPA keeps one decimal: "3.0" reads as a GPA, "3" as a count.
    text = plain_number(value)
    return text if "." in text else f"{text}.0"


def _baseline_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    seen = {b["as_of"] for b in before}
    changes = []
    for b in after:
        if b["as_of"] in seen:
            continue
        figures = []
        if b["gpa"] is not None:
            figures.append(f"GPA {_gpa(b['gpa'])}")
        if b["credits"] is not None:
            figures.append(f"credits earned {plain_number(b['credits'])}")
        if b["attendance"] is not None:
            figures.append(f"attendance {plain_number(b['attendance'])}%")
        text = f"New figures as of {b['as_of']}"
        if figures:
            text += f": {', '.join(figures)}"
        changes.append(Change("baselines", text, b["note"], "figures", b["as_of"]))
    return changes


def _assessment_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    # Two results on one day are told apart by the assessment's name.
    seen = {(a["taken_on"], _fold(a["name"])) for a in before}
    changes = []
    for a in after:
        if (a["taken_on"], _fold(a["name"])) in seen:
            continue
        results = [
            f"score {a['score']}" if a["score"] else "",
            f"level {a['level']}" if a["level"] else "",
        ]
        text = f"{a['name']} ({a['taken_on']})"
        if any(results):
            text += f": {', '.join(filter(None, results))}"
        changes.append(Change("assessments", text, a["note"], "assessment", a["name"]))
    return changes


def _target_line(target: Mapping[str, Any]) -> str:
    kind = TARGET_KIND_LABELS.get(target["kind"], target["kind"])
    return f"{target['name']} ({kind})" if kind else target["name"]


def _postsecondary_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    changes = []
    if before["pathway"] != after["pathway"]:
        old = PATHWAY_LABELS.get(before["pathway"], before["pathway"])
        new = PATHWAY_LABELS.get(after["pathway"], after["pathway"])
        changes.append(
            Change(
                "postsecondary",
                f"Pathway changed: {old} → {new}",
                key="pathway",
                value=after["pathway"],
            )
        )

    def key(target: Mapping[str, Any]) -> tuple[str, str]:
        return (target["kind"], _fold(target["name"]))

    old_targets = {key(t) for t in before["targets"]}
    new_targets = {key(t) for t in after["targets"]}
    changes.extend(
        Change(
            "postsecondary",
            f"Target added: {_target_line(t)}",
            key="target_added",
            subject=t["name"],
        )
        for t in after["targets"]
        if key(t) not in old_targets
    )
    changes.extend(
        Change(
            "postsecondary",
            f"Target removed: {_target_line(t)}",
            key="target_removed",
            subject=t["name"],
        )
        for t in before["targets"]
        if key(t) not in new_targets
    )
    return changes
