"""Self-exploration records: inventory attempts, profile items, activities and supports.

Every write method is one transaction. Inventory answers are saved one at a time, as they are
given, so an attempt interrupted by a closed laptop or a fire drill keeps every answer and can be
resumed. Validation with messages for the counselor is the caller's (domain.self_exploration);
the tables' CHECK constraints only stop a bug from storing what the app could not read back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..domain.self_exploration import (
    KIND_WORDS,
    Activity,
    InventoryAttempt,
    ProfileItem,
    SelfExplorationProfile,
    Support,
    check_answer,
    new_attempt,
    validate_reflection,
)
from . import clock
from .db import Store

if TYPE_CHECKING:
    from sqlite_utils import Database

_ATTEMPT_FIELDS = (
    "student_id, form, language, entered_by, started_at, updated_at, finished_at, answers, "
    "agreement, reflection, reflected_on"
)
_ATTEMPT_COLUMNS = f"id, {_ATTEMPT_FIELDS}"
_ITEM_COLUMNS = "student_id, kind, entry_id, other, confidence, note, recorded_on, updated_on"
_ACTIVITY_COLUMNS = (
    "student_id, category, name, role, organisation, start_on, end_on, hours_per_week, note, "
    "recorded_on, updated_on"
)
_SUPPORT_COLUMNS = (
    "student_id, entry_id, other, provided_by, since, ended_on, note, recorded_on, updated_on"
)
# Newest first; the id breaks ties between attempts started in the same second.
_ATTEMPT_ORDER = "ORDER BY started_at DESC, id DESC"
_ITEM_ORDER = "ORDER BY kind, recorded_on, id"
# Ongoing activities first, then the most recently started.
_ACTIVITY_ORDER = "ORDER BY end_on <> '', start_on DESC, id DESC"
# Active supports first, then the most recent.
_SUPPORT_ORDER = "ORDER BY ended_on <> '', since DESC, id DESC"


def _insert(table: str, columns: str) -> str:
    marks = ", ".join("?" * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"


# --- Rows <-> domain objects ------------------------------------------------------------------


def _attempt(row: tuple) -> InventoryAttempt:
    return InventoryAttempt(
        id=row[0],
        student_id=row[1],
        form=row[2],
        language=row[3],
        entered_by=row[4],
        started_at=row[5],
        updated_at=row[6],
        finished_at=row[7],
        answers=json.loads(row[8]),
        agreement=row[9],
        reflection=row[10],
        reflected_on=row[11],
    )


def _attempt_row(student_id: int, attempt: InventoryAttempt) -> tuple:
    return (
        student_id,
        attempt.form,
        attempt.language,
        attempt.entered_by,
        attempt.started_at,
        attempt.updated_at or attempt.finished_at or attempt.started_at,
        attempt.finished_at,
        json.dumps(attempt.answers, separators=(",", ":")),
        attempt.agreement,
        attempt.reflection.strip(),
        attempt.reflected_on,
    )


def _item(row: tuple) -> ProfileItem:
    return ProfileItem(
        id=row[0],
        student_id=row[1],
        kind=row[2],
        entry_id=row[3],
        other=row[4],
        confidence=row[5],
        note=row[6],
        recorded_on=row[7],
        updated_on=row[8],
    )


def _item_row(student_id: int, item: ProfileItem, today: str) -> tuple:
    recorded = item.recorded_on or today
    return (
        student_id,
        item.kind,
        item.entry_id,
        item.other.strip(),
        item.confidence,
        item.note.strip(),
        recorded,
        item.updated_on or recorded,
    )


def _activity(row: tuple) -> Activity:
    return Activity(
        id=row[0],
        student_id=row[1],
        category=row[2],
        name=row[3],
        role=row[4],
        organisation=row[5],
        start_on=row[6],
        end_on=row[7],
        hours_per_week=row[8],
        note=row[9],
        recorded_on=row[10],
        updated_on=row[11],
    )


def _activity_row(student_id: int, activity: Activity, today: str) -> tuple:
    recorded = activity.recorded_on or today
    return (
        student_id,
        activity.category,
        activity.name.strip(),
        activity.role.strip(),
        activity.organisation.strip(),
        activity.start_on.strip(),
        activity.end_on.strip(),
        None if activity.hours_per_week is None else float(activity.hours_per_week),
        activity.note.strip(),
        recorded,
        activity.updated_on or recorded,
    )


def _support(row: tuple) -> Support:
    return Support(
        id=row[0],
        student_id=row[1],
        entry_id=row[2],
        other=row[3],
        provided_by=row[4],
        since=row[5],
        ended_on=row[6],
        note=row[7],
        recorded_on=row[8],
        updated_on=row[9],
    )


def _support_row(student_id: int, support: Support, today: str) -> tuple:
    recorded = support.recorded_on or today
    return (
        student_id,
        support.entry_id,
        support.other.strip(),
        support.provided_by.strip(),
        support.since.strip(),
        support.ended_on.strip(),
        support.note.strip(),
        recorded,
        support.updated_on or recorded,
    )


class SelfExplorationStore:
    """Reads and writes one student's self-exploration; every write method is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # Everything at once -----------------------------------------------------------------------
    def profile(self, student_id: int) -> SelfExplorationProfile:
        """All of a student's self-exploration records, read in one go for the tab's page."""
        with self.store.reading() as conn:
            return SelfExplorationProfile(
                student_id=student_id,
                attempts=self._attempts(conn, student_id),
                items=self._items(conn, student_id),
                activities=self._activities(conn, student_id),
                supports=self._supports(conn, student_id),
            )

    def add_profiles(self, profiles: Iterable[tuple[int, SelfExplorationProfile]]) -> None:
        """Insert whole profiles for many students at once (the demo school).

        One transaction with one executemany per table: thousands of students in well under a
        second. Each record goes to the student id it is paired with, whatever its student_id.
        """
        today = clock.today()
        attempts, items, activities, supports = [], [], [], []
        for student_id, profile in profiles:
            attempts.extend(_attempt_row(student_id, a) for a in profile.attempts)
            items.extend(_item_row(student_id, i, today) for i in profile.items)
            activities.extend(_activity_row(student_id, a, today) for a in profile.activities)
            supports.extend(_support_row(student_id, s, today) for s in profile.supports)
        with self.store.action() as db:
            conn = db.conn
            conn.executemany(_insert("inventory_attempts", _ATTEMPT_FIELDS), attempts)
            conn.executemany(_insert("profile_items", _ITEM_COLUMNS), items)
            conn.executemany(_insert("activities", _ACTIVITY_COLUMNS), activities)
            conn.executemany(_insert("supports", _SUPPORT_COLUMNS), supports)

    # Inventory attempts -----------------------------------------------------------------------
    def start_attempt(
        self,
        student_id: int,
        form: str,
        lang: str,
        entered_by: str = "student",
        *,
        at: str | None = None,
    ) -> InventoryAttempt:
        """Open a new attempt with no answers yet; ValueError for an unknown form or language.

        An earlier unfinished attempt is left as it is: resume it with unfinished_attempt(),
        or remove it with delete_attempt().
        """
        attempt = new_attempt(student_id, form, lang, entered_by, at or clock.now())
        with self.store.action() as db:
            attempt.id = db.execute(
                _insert("inventory_attempts", _ATTEMPT_FIELDS),
                _attempt_row(student_id, attempt),
            ).lastrowid
        return attempt

    def save_answer(self, attempt_id: int, item_id: str, value: int | None) -> None:
        """Record one answer (1-5, or None for a skipped statement) the moment it is given.

        Changing an answer (the student pressed Back) overwrites it. A finished attempt is a
        result on record and refuses changes (ValueError); LookupError if there is no attempt.
        """
        check_answer(item_id, value)
        with self.store.action() as db:
            changed = db.execute(
                "UPDATE inventory_attempts SET answers = json_set(answers, ?, ?), updated_at = ? "
                "WHERE id = ? AND finished_at IS NULL",
                [f'$."{item_id}"', value, clock.now(), attempt_id],
            ).rowcount
            if not changed:
                self._refuse_change(db, attempt_id)

    def clear_answer(self, attempt_id: int, item_id: str) -> None:
        """Forget an answer entirely, so the statement counts as not reached (keying fixes)."""
        check_answer(item_id, None)
        with self.store.action() as db:
            changed = db.execute(
                "UPDATE inventory_attempts SET answers = json_remove(answers, ?), updated_at = ? "
                "WHERE id = ? AND finished_at IS NULL",
                [f'$."{item_id}"', clock.now(), attempt_id],
            ).rowcount
            if not changed:
                self._refuse_change(db, attempt_id)

    def finish_attempt(self, attempt_id: int, *, at: str | None = None) -> InventoryAttempt:
        """Close the attempt so its result goes on record; finishing twice changes nothing.

        Statements never reached count as skipped when the result is scored.
        """
        with self.store.action() as db:
            db.execute(
                "UPDATE inventory_attempts SET finished_at = max(?, started_at) "
                "WHERE id = ? AND finished_at IS NULL",
                [at or clock.now(), attempt_id],
            )
        attempt = self.attempt(attempt_id)
        if attempt is None:
            raise LookupError(f"There is no inventory attempt {attempt_id}.")
        return attempt

    def set_reflection(
        self,
        attempt_id: int,
        agreement: str | None,
        words: str,
        *,
        on: str | None = None,
    ) -> None:
        """Save the student's reflection on a result: agree/partly/disagree and their words.

        ValueError (with the counselor's message) for an unknown agreement or an over-long text.
        """
        problems = validate_reflection(agreement, words)
        if problems:
            raise ValueError(" ".join(problems.values()))
        with self.store.action() as db:
            changed = db.execute(
                "UPDATE inventory_attempts SET agreement = ?, reflection = ?, reflected_on = ? "
                "WHERE id = ?",
                [agreement, words.strip(), on or clock.today(), attempt_id],
            ).rowcount
        if not changed:
            raise LookupError(f"There is no inventory attempt {attempt_id}.")

    def delete_attempt(self, attempt_id: int) -> None:
        """Remove an attempt (one abandoned, or started for the wrong student)."""
        with self.store.action() as db:
            db.execute("DELETE FROM inventory_attempts WHERE id = ?", [attempt_id])

    def attempt(self, attempt_id: int) -> InventoryAttempt | None:
        """One attempt by id, or None."""
        with self.store.reading() as conn:
            row = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM inventory_attempts WHERE id = ?", [attempt_id]
            ).fetchone()
        return _attempt(row) if row else None

    def attempts(self, student_id: int, *, finished_only: bool = False) -> list[InventoryAttempt]:
        """The student's attempts, newest first (unfinished ones too unless ``finished_only``)."""
        with self.store.reading() as conn:
            return self._attempts(conn, student_id, finished_only=finished_only)

    def unfinished_attempt(self, student_id: int) -> InventoryAttempt | None:
        """The newest attempt not yet finished, to resume; None if there is none."""
        with self.store.reading() as conn:
            row = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM inventory_attempts "
                f"WHERE student_id = ? AND finished_at IS NULL {_ATTEMPT_ORDER} LIMIT 1",
                [student_id],
            ).fetchone()
        return _attempt(row) if row else None

    # Profile items ----------------------------------------------------------------------------
    def add_profile_item(self, student_id: int, item: ProfileItem) -> ProfileItem:
        """Insert a validated item; returns it with id and dates (today when not given).

        ValueError if the student already has this entry (or this same "other" text) of this
        kind: each is recorded once, then updated.
        """
        row = _item_row(student_id, item, clock.today())
        try:
            with self.store.action() as db:
                item_id = db.execute(_insert("profile_items", _ITEM_COLUMNS), row).lastrowid
        except sqlite3.IntegrityError as error:
            if "UNIQUE" not in str(error):
                raise
            word = KIND_WORDS.get(item.kind, "item")
            raise ValueError(f"This {word} is already on the student's list.") from error
        return _item((item_id, *row))

    def update_profile_item(self, item: ProfileItem, *, on: str | None = None) -> ProfileItem:
        """Save every field of an existing item; ``updated_on`` becomes ``on`` (default today)."""
        if item.id is None or item.student_id is None:
            raise ValueError("update_profile_item() needs an item that has been added")
        row = (*_item_row(item.student_id, item, clock.today())[:-1], on or clock.today())
        with self.store.action() as db:
            db.execute(
                "UPDATE profile_items SET student_id = ?, kind = ?, entry_id = ?, other = ?, "
                "confidence = ?, note = ?, recorded_on = ?, updated_on = ? WHERE id = ?",
                [*row, item.id],
            )
        return _item((item.id, *row))

    def delete_profile_item(self, item_id: int) -> None:
        """Remove one item (the student unchecked it)."""
        with self.store.action() as db:
            db.execute("DELETE FROM profile_items WHERE id = ?", [item_id])

    def profile_items(self, student_id: int, kind: str | None = None) -> list[ProfileItem]:
        """The student's items (of one ``kind`` if given), by kind then date recorded."""
        with self.store.reading() as conn:
            items = self._items(conn, student_id)
        return [i for i in items if kind is None or i.kind == kind]

    # Activities -------------------------------------------------------------------------------
    def add_activity(self, student_id: int, activity: Activity) -> Activity:
        """Insert a validated activity; returns it with id and dates."""
        row = _activity_row(student_id, activity, clock.today())
        with self.store.action() as db:
            activity_id = db.execute(_insert("activities", _ACTIVITY_COLUMNS), row).lastrowid
        return _activity((activity_id, *row))

    def update_activity(self, activity: Activity, *, on: str | None = None) -> Activity:
        """Save every field of an existing activity; ``updated_on`` becomes ``on`` (today)."""
        if activity.id is None or activity.student_id is None:
            raise ValueError("update_activity() needs an activity that has been added")
        row = (
            *_activity_row(activity.student_id, activity, clock.today())[:-1],
            on or clock.today(),
        )
        with self.store.action() as db:
            db.execute(
                "UPDATE activities SET student_id = ?, category = ?, name = ?, role = ?, "
                "organisation = ?, start_on = ?, end_on = ?, hours_per_week = ?, note = ?, "
                "recorded_on = ?, updated_on = ? WHERE id = ?",
                [*row, activity.id],
            )
        return _activity((activity.id, *row))

    def delete_activity(self, activity_id: int) -> None:
        """Remove one activity."""
        with self.store.action() as db:
            db.execute("DELETE FROM activities WHERE id = ?", [activity_id])

    def activities(self, student_id: int) -> list[Activity]:
        """The student's activities, ongoing first, then the most recently started."""
        with self.store.reading() as conn:
            return self._activities(conn, student_id)

    # Supports ---------------------------------------------------------------------------------
    def add_support(self, student_id: int, support: Support) -> Support:
        """Insert a validated support; returns it with id and dates."""
        row = _support_row(student_id, support, clock.today())
        with self.store.action() as db:
            support_id = db.execute(_insert("supports", _SUPPORT_COLUMNS), row).lastrowid
        return _support((support_id, *row))

    def update_support(self, support: Support, *, on: str | None = None) -> Support:
        """Save every field of an existing support (ending it too); ``updated_on`` = ``on``."""
        if support.id is None or support.student_id is None:
            raise ValueError("update_support() needs a support that has been added")
        row = (*_support_row(support.student_id, support, clock.today())[:-1], on or clock.today())
        with self.store.action() as db:
            db.execute(
                "UPDATE supports SET student_id = ?, entry_id = ?, other = ?, provided_by = ?, "
                "since = ?, ended_on = ?, note = ?, recorded_on = ?, updated_on = ? WHERE id = ?",
                [*row, support.id],
            )
        return _support((support.id, *row))

    def delete_support(self, support_id: int) -> None:
        """Remove one support."""
        with self.store.action() as db:
            db.execute("DELETE FROM supports WHERE id = ?", [support_id])

    def supports(self, student_id: int) -> list[Support]:
        """The student's supports, active ones first, then the most recent."""
        with self.store.reading() as conn:
            return self._supports(conn, student_id)

    # Helpers ----------------------------------------------------------------------------------
    @staticmethod
    def _refuse_change(db: Database, attempt_id: int) -> None:
        row = db.execute(
            "SELECT finished_at FROM inventory_attempts WHERE id = ?", [attempt_id]
        ).fetchone()
        if row is None:
            raise LookupError(f"There is no inventory attempt {attempt_id}.")
        raise ValueError(
            "This inventory attempt is finished, so its answers are on record and cannot "
            "change. Start a new attempt instead."
        )

    @staticmethod
    def _attempts(
        conn: sqlite3.Connection, student_id: int, *, finished_only: bool = False
    ) -> list[InventoryAttempt]:
        finished = " AND finished_at IS NOT NULL" if finished_only else ""
        rows = conn.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM inventory_attempts "
            f"WHERE student_id = ?{finished} {_ATTEMPT_ORDER}",
            [student_id],
        )
        return [_attempt(row) for row in rows]

    @staticmethod
    def _items(conn: sqlite3.Connection, student_id: int) -> list[ProfileItem]:
        rows = conn.execute(
            f"SELECT id, {_ITEM_COLUMNS} FROM profile_items WHERE student_id = ? {_ITEM_ORDER}",
            [student_id],
        )
        return [_item(row) for row in rows]

    @staticmethod
    def _activities(conn: sqlite3.Connection, student_id: int) -> list[Activity]:
        rows = conn.execute(
            f"SELECT id, {_ACTIVITY_COLUMNS} FROM activities WHERE student_id = ? "
            f"{_ACTIVITY_ORDER}",
            [student_id],
        )
        return [_activity(row) for row in rows]

    @staticmethod
    def _supports(conn: sqlite3.Connection, student_id: int) -> list[Support]:
        rows = conn.execute(
            f"SELECT id, {_SUPPORT_COLUMNS} FROM supports WHERE student_id = ? {_SUPPORT_ORDER}",
            [student_id],
        )
        return [_support(row) for row in rows]
