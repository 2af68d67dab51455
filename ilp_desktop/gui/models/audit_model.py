"""The change history of one student's plan, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain.audit import AuditEntry
from .attempts_model import format_date
from .list_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("When", "Who", "What changed")
NO_NAME = "(name not set)"


def when_text(at: str) -> str:
    """ "Nov 22, 2026 10:15", written as every date in the app is (no locale needed); the
    list sorts by the ISO time underneath."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    return f"{format_date(moment.date())} {moment:%H:%M}"


class AuditModel(ListTableModel[AuditEntry]):
    HEADERS = HEADERS

    def __init__(self, entries: list[AuditEntry] | None = None) -> None:
        super().__init__(entries or ())

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self._reset(entries)

    def entry(self, row: int) -> AuditEntry:
        return self.row(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._item(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (when_text(entry.at), entry.who or NO_NAME, entry.summary())[column]
        if role == Qt.ItemDataRole.UserRole:  # sorting: ISO time, then newest first within it
            order = f"{entry.at}#{len(self._rows) - index.row():09d}"
            return (order, entry.who, entry.summary())[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            lines = [entry.summary()]
            lines += [f"{field}: {old or '(empty)'} → {new or '(empty)'}"
                      for field, old, new in entry.changes()]  # fmt: skip
            return "\n".join(lines)
        return None
