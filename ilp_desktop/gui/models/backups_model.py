"""The backups of one database as a table: when, why, how many students, how large.

Rows are BackupInfo values listed by the store (newest first); the model reads nothing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...store.backups import BackupInfo
from .attempts_model import format_date
from .list_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex

MADE, WHY, STUDENTS, SIZE = range(4)
HEADERS = ("Made", "Why it was made", "Students", "Size")
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
DAMAGED_TEXT = "Damaged: cannot be read"
_DAMAGED_COLOR = QColor("#b3261e")


def when_text(made_at: dt.datetime, today: dt.date | None = None) -> str:
    """``Nov 22, 2026, 10:15``, or ``Today, 10:15`` / ``Yesterday, 10:15``."""
    today = today or dt.date.today()
    clock = f"{made_at:%H:%M}"
    if made_at.date() == today:
        return f"Today, {clock}"
    if made_at.date() == today - dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{format_date(made_at.date())}, {clock}"


def when_phrase(made_at: dt.datetime, today: dt.date | None = None) -> str:
    """For a sentence: ``today at 10:15``, ``yesterday at 10:15``, ``on Nov 22, 2026 at 10:15``."""
    today = today or dt.date.today()
    clock = f"{made_at:%H:%M}"
    if made_at.date() == today:
        return f"today at {clock}"
    if made_at.date() == today - dt.timedelta(days=1):
        return f"yesterday at {clock}"
    return f"on {format_date(made_at.date())} at {clock}"


def size_text(size: int) -> str:
    """A file size as people read it: ``820 KB``, ``51.4 MB``."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    if size < 1_000_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.2f} GB"


def students_text(count: int | None) -> str:
    if count is None:
        return DAMAGED_TEXT
    return f"{count:,}"


class BackupsModel(ListTableModel[BackupInfo]):
    HEADERS = HEADERS

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self._reset(backups)

    def backup(self, row: int) -> BackupInfo:
        return self.row(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self._item(index)
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                when_text(info.made_at),
                info.label,
                students_text(info.students),
                size_text(info.size),
            )[column]
        if role == BACKUP_ROLE:
            return info
        if role == SORT_ROLE:
            return (
                info.made_at.isoformat(),
                info.label,
                -1 if info.students is None else info.students,
                info.size,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = str(info.path)
            return f"{tip}\n{info.problem}" if info.problem else tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (STUDENTS, SIZE):
            if column == STUDENTS and info.damaged:
                return None
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and info.damaged:
            return QBrush(_DAMAGED_COLOR)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
