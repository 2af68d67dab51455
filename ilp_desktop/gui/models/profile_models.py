"""A student's self-exploration records as read-only tables: profile items, activities, supports.

The rows are the domain records handed in by whoever reads the store; the models never load or
save anything. Every cell is plain text; its tooltip is the whole text, so a long note can be
read without widening the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.self_exploration import Activity, Checklists, ProfileItem, Support
from .attempts_model import format_date

Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")  # any record with an ``id``
Column = tuple[str, Callable[[Any], str]]


def long_date(text: str) -> str:
    """ "Sep 14, 2026" for "2026-09-14"; anything that is not a date is shown as written."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return format_date(day)


def hours_text(hours: float | None) -> str:
    return "" if hours is None else f"{hours:g}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class RecordsModel(QAbstractTableModel, Generic[Record]):
    """A table of records, one per row, with columns given as (header, text of a record)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def records(self) -> list[Record]:
        return list(self._rows)

    def record(self, row: int) -> Record | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int | None) -> int:
        """The row of the record with ``record_id``, or -1."""
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        text = self._columns[index.column()][1](record)
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ProfileItemsModel(RecordsModel[ProfileItem]):
    """One kind of profile item: the entry (or the student's words), confidence, note, date."""

    def __init__(self, checklists: Checklists, kind: str, parent: QObject | None = None) -> None:
        columns: list[Column] = [("Entry", lambda item: checklists.text(item, "en"))]
        if kind == "skill":
            columns.append(
                (
                    "Confidence",
                    lambda item: (
                        f"{item.confidence} · {checklists.confidence_label(item.confidence)}"
                        if item.confidence
                        else ""
                    ),
                )
            )
        columns.append(("Note", lambda item: item.note))
        columns.append(("Recorded", _recorded))
        super().__init__(columns, parent)
        self.kind = kind


def _recorded(record: ProfileItem | Activity | Support) -> str:
    shown = long_date(record.recorded_on)
    if record.updated_on and record.updated_on != record.recorded_on:
        shown += f" (changed {long_date(record.updated_on)})"
    return shown


def _period(activity: Activity) -> str:
    start = long_date(activity.start_on) if activity.start_on else "?"
    end = long_date(activity.end_on) if activity.end_on else "ongoing"
    return f"{start} – {end}"


class ActivitiesModel(RecordsModel[Activity]):
    """The activity log: kind, name, role, organisation, from–to and hours a week."""

    def __init__(self, checklists: Checklists, parent: QObject | None = None) -> None:
        super().__init__(
            [
                ("Kind", lambda a: checklists.category_label(a.category)),
                ("Activity", lambda a: a.name),
                ("Role", lambda a: a.role),
                ("Organisation", lambda a: a.organisation),
                ("From – to", _period),
                ("Hours a week", lambda a: hours_text(a.hours_per_week)),
                ("Note", lambda a: a.note),
            ],
            parent,
        )


def _status(support: Support) -> str:
    return "Active" if support.active else f"Ended {long_date(support.ended_on)}"


class SupportsModel(RecordsModel[Support]):
    """What helps the student learn: what, who provides it, since, active or ended, note."""

    def __init__(self, checklists: Checklists, parent: QObject | None = None) -> None:
        super().__init__(
            [
                ("Support", lambda s: checklists.text(s, "en")),
                ("Provided by", lambda s: s.provided_by),
                ("Since", lambda s: long_date(s.since)),
                ("Status", _status),
                ("Note", lambda s: s.note),
            ],
            parent,
        )
