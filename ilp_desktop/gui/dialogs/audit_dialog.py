"""Who changed what in a student's plan, and when: a searchable list."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.audit import AuditEntry
from ..models.audit_model import AuditModel


class AuditDialog(QDialog):
    def __init__(
        self, name: str, entries: list[AuditEntry], counselor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(f"Change history — {name}")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        about = (
            f"Every change to {name}’s plan, newest first. Changes are signed with the name "
            "set under File ▸ Your name for the change history"
        )
        about += f" (now “{counselor}”)." if counselor else " (not set yet)."
        intro = QLabel(about)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText("Search the history (a goal, a name, a word)")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = AuditModel(entries)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No changes have been recorded for this student yet.")
        self.empty.setVisible(not entries)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
