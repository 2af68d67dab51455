"""The preview of a transfer package before it is imported: who, from which school and when,
how many of each record, and what importing does here, with the choice when the student is
already in this database (replace their plan, or cancel)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.grades import grade_label
from ...store.transfer_import import Preview
from ..look import heading
from ..models.profile_models import long_date

Index = QModelIndex | QPersistentModelIndex
TITLE = "Import transfer package"
WHAT, PACKAGE, HERE = 0, 1, 2


class TransferCountsModel(QAbstractTableModel):
    """Kinds of record with how many the package holds and, when the student is already
    here, how many this database holds now (replaced by the package's). Kinds neither side
    has are left out."""

    def __init__(self, shown: Preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        here = dict(shown.existing.counts) if shown.existing else {}
        self.headers = ["Record", "In the package"] + (["Here now"] if shown.existing else [])
        self._rows = [
            (label, count, here.get(label, 0)) if shown.existing else (label, count)
            for label, count in shown.counts
            if count or here.get(label, 0)
        ]
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == HERE:
            return (
                "What this database holds for the student now; replacing removes it. Bold: "
                "where the package holds a different number."
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row[column] if column == WHAT else f"{row[column]:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != WHAT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and len(row) > HERE and row[PACKAGE] != row[HERE]:
            return self._bold  # where the package and this database differ
        return None


def _when(stamp: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{long_date(moment.date().isoformat())} at {moment:%H:%M}"


class TransferImportDialog(QDialog):
    """Accepted: import (for a student already here: replace their plan). Rejected: nothing."""

    def __init__(self, shown: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferImportDialog")
        self.setWindowTitle(TITLE)
        self.preview = shown
        layout = QVBoxLayout(self)
        name = QLabel(shown.name, self)
        name.setObjectName("transferStudentName")
        heading(name, 1.6)
        layout.addWidget(name)
        school = shown.school_name or "a school that did not give its name"
        about = QLabel(
            f"SIS id {escape(shown.sis_id)} · {escape(grade_label(shown.grade))}<br>"
            f"Exported by {escape(school)} on {escape(_when(shown.exported_at))} "
            f"(ILP Desktop {escape(shown.app_version or 'of an unknown version')})",
            self,
        )
        about.setObjectName("transferAbout")
        about.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(about)

        self.model = TransferCountsModel(shown, self)
        self.table = QTableView(self)
        self.table.setObjectName("transferCounts")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # Every row in sight: the counts are the preview, they should not need scrolling.
        self.table.setFixedHeight(
            rows.defaultSectionSize() * self.model.rowCount()
            + header.sizeHint().height()
            + 2 * self.table.frameWidth()
        )
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)

        outcome = QLabel(shown.outcome(), self)
        outcome.setObjectName("transferOutcome")
        outcome.setWordWrap(True)
        if shown.conflict:
            outcome.setStyleSheet(
                "QLabel { background: #fdf3e7; border: 1px solid #e8b463; border-radius: 4px;"
                " padding: 8px; color: #5c3b00; }"
            )
        layout.addWidget(outcome)
        if shown.notes:
            notes = QLabel(
                "<ul style='margin-left: -20px'>"
                + "".join(f"<li>{escape(note)}</li>" for note in shown.notes)
                + "</ul>",
                self,
            )
            notes.setObjectName("transferNotes")
            notes.setTextFormat(Qt.TextFormat.RichText)
            notes.setWordWrap(True)
            layout.addWidget(notes)

        buttons = QDialogButtonBox(self)
        text = f"Replace {shown.existing.name}'s plan" if shown.existing else "Import"
        self.import_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("transferImportButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter never replaces a plan by accident: Cancel is the default when it would.
        (cancel if shown.conflict else self.import_button).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Wide enough to read the counts; the wrapped paragraphs then know their height.
        width = self.fontMetrics().averageCharWidth() * 84
        self.setMinimumWidth(width)
        for label in self.findChildren(QLabel):
            if label.wordWrap():
                label.setMinimumHeight(label.heightForWidth(width - 40))
