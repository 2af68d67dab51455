"""How families reach each counselor: one row per counselor, the contact editable."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex

NAME, CONTACT = 0, 1
HEADERS = ("Counselor", "How families reach them")
_GONE = QColor("#6b7280")  # a counselor no student on the roster has any more


def _clean(text: str) -> str:
    return " ".join(text.split())


class CounselorContactsModel(QAbstractTableModel):
    """The roster's counselors (``names``) and those already given a contact, sorted."""

    def __init__(
        self,
        names: Iterable[str],
        contacts: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_roster = {_clean(name) for name in names if _clean(name)}
        found = {_clean(name): _clean(contact) for name, contact in contacts.items()}
        everyone = self._on_roster | {name for name in found if name}
        self._rows = [[name, found.get(name, "")] for name in sorted(everyone, key=str.casefold)]

    def contacts(self) -> dict[str, str]:
        """Contacts by counselor; counselors left blank are left out."""
        return {name: contact for name, contact in self._rows if contact}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == CONTACT:
            return "A phone number, an email address or office hours, as the handout prints it"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name, contact = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][index.column()]
        on_roster = name in self._on_roster
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == NAME and not on_roster:
                return f"No student on the roster has {name} as counselor now."
            if index.column() == CONTACT:
                return contact or f"Double-click to say how families reach {name}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == NAME and not on_roster:
            return _GONE
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != CONTACT or role != Qt.ItemDataRole.EditRole:
            return False
        text = _clean(str(value or ""))
        row = self._rows[index.row()]
        if row[CONTACT] == text:
            return False
        row[CONTACT] = text
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if index.column() == CONTACT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
