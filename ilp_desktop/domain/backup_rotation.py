"""Backups by name and by age: how a backup file is named, which ones to keep, and what each
was made for, in the counselor's words. Pure rules: no files, no SQL.

A backup's name carries everything the rules need:
``<database stem>-<YYYY-MM-DD>T<HHMMSS>[_<n>]-<reason>.sqlite``, where ``_<n>`` (2, 3, …) keeps
apart two backups made in the same second. Names sort by time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SUFFIX = ".sqlite"
DAILY = "daily"
MANUAL = "manual"
BEFORE = "before-"
BEFORE_RESTORE = "before-restore"

_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})(?:_(?P<n>[2-9]|[1-9]\d+))?"
    r"-(?P<reason>[a-z0-9][a-z0-9_-]*)\.sqlite$"
)
_MIGRATION = re.compile(r"^before-\d{4}_")

_LABELS = {
    DAILY: "Daily",
    MANUAL: "Made by you",
    BEFORE_RESTORE: "Before restoring a backup",
    "before-roster-import": "Before importing a roster",
    "before-student-import": "Before importing a student",
    "before-onet-import": "Before importing O*NET careers",
    "before-demo": "Before building the demo school",
}


@dataclass(frozen=True, order=True)
class BackupStamp:
    """What a backup's file name says: when it was made and why."""

    made_at: dt.datetime
    sequence: int
    reason: str
    name: str

    @property
    def is_before(self) -> bool:
        """Made just before a change (an import, an update, a restore)."""
        return self.reason.startswith(BEFORE)


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups to keep: the newest of each of the last ``daily`` days with backups,
    then the newest of each of ``weekly`` ISO weeks before those, and always the newest
    ``before`` copies made before a change and the newest ``manual`` ones made by hand."""

    daily: int = 7
    weekly: int = 4
    before: int = 5
    manual: int = 5


DEFAULT_POLICY = RotationPolicy()


def clean_reason(reason: str) -> str:
    """``reason`` as it can stand in a file name: lower case, letters, digits, - and _."""
    cleaned = re.sub(r"[^a-z0-9_-]+", "-", reason.strip().lower()).strip("-_")
    return cleaned or MANUAL


def backup_name(stem: str, reason: str, made_at: dt.datetime, sequence: int = 1) -> str:
    """The file name of a backup of database ``stem`` (``sequence`` > 1 when the second is
    taken)."""
    extra = f"_{sequence}" if sequence > 1 else ""
    return f"{stem}-{made_at.strftime(_STAMP)}{extra}-{clean_reason(reason)}{SUFFIX}"


def parse_backup_name(name: str) -> BackupStamp | None:
    """What a backup file name says, or None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        made_at = dt.datetime.strptime(match["stamp"], _STAMP)
    except ValueError:  # 2026-13-45: looks like ours, is not
        return None
    return BackupStamp(made_at, int(match["n"] or 1), match["reason"], name)


def newest_first(stamps: Iterable[BackupStamp]) -> list[BackupStamp]:
    return sorted(stamps, reverse=True)


def reason_label(reason: str) -> str:
    """Why a backup was made, in plain words ("Daily", "Before importing a roster")."""
    if reason in _LABELS:
        return _LABELS[reason]
    if _MIGRATION.match(reason):
        return "Before updating ILP Desktop's data"
    if reason.startswith("before-purge"):
        return "Before removing a student"
    if reason.startswith(BEFORE):
        return "Before " + reason.removeprefix(BEFORE).replace("-", " ").replace("_", " ")
    return reason.replace("-", " ").replace("_", " ").capitalize() or "Backup"


def has_backup_on(stamps: Iterable[BackupStamp], day: dt.date) -> bool:
    """True when some backup was made on ``day`` (the start-up backup is then skipped)."""
    return any(stamp.made_at.date() == day for stamp in stamps)


def choose_kept(stamps: Sequence[BackupStamp], policy: RotationPolicy = DEFAULT_POLICY) -> set[str]:
    """The names of the backups to keep; all others may be removed.

    Every backup counts as a picture of its day, whatever it was made for: the newest of each
    of the last ``policy.daily`` days that have backups is kept, then the newest of each of
    the ``policy.weekly`` ISO weeks before the oldest of those days. On top of that the newest
    few copies made before a change and made by hand are kept. The newest backup is always
    kept (it is the newest of its day).
    """
    ordered = newest_first(stamps)
    kept: set[str] = set()
    days: list[dt.date] = []
    for stamp in ordered:
        day = stamp.made_at.date()
        if len(days) < policy.daily and day not in days:
            days.append(day)
            kept.add(stamp.name)
    if days and policy.weekly > 0:
        weeks: list[tuple[int, int]] = []
        for stamp in ordered:
            if stamp.made_at.date() >= days[-1]:
                continue
            week = stamp.made_at.isocalendar()[:2]
            if week not in weeks:
                if len(weeks) == policy.weekly:
                    break
                weeks.append(week)
                kept.add(stamp.name)
    kept.update(s.name for s in [s for s in ordered if s.is_before][: policy.before])
    kept.update(s.name for s in [s for s in ordered if s.reason == MANUAL][: policy.manual])
    return kept


def choose_removed(
    stamps: Sequence[BackupStamp], policy: RotationPolicy = DEFAULT_POLICY
) -> list[str]:
    """The names of the backups the rotation removes, oldest first."""
    kept = choose_kept(stamps, policy)
    return [s.name for s in sorted(stamps) if s.name not in kept]
