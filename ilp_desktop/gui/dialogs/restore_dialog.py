"""Choosing a backup to restore, and the offer made at start-up when the database is damaged."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...store.backups import BackupInfo, describe_backup
from ..look import heading
from ..models.backups_model import (
    BACKUP_ROLE,
    MADE,
    SORT_ROLE,
    WHY,
    BackupsModel,
    students_text,
    when_phrase,
)

TITLE = "Restore from backup"


def students_phrase(info: BackupInfo) -> str:
    """``412 students``, ``1 student``."""
    if info.students is None:
        return "students unknown"
    return f"{students_text(info.students)} student{'s' if info.students != 1 else ''}"


def describe(info: BackupInfo) -> str:
    """``on Nov 22, 2026 at 10:15 (daily, 412 students)``, for a sentence."""
    return f"{when_phrase(info.made_at)} ({info.label.lower()}, {students_phrase(info)})"


def choose_backup_file(parent: QWidget | None, start: Path) -> Path | None:
    """A backup file from anywhere (a copy made with `ilp-desktop backup`, a USB stick)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose a backup file", str(start), "ILP databases (*.sqlite *.db);;All files (*)"
    )
    return Path(name) if name else None


class RestoreDialog(QDialog):
    """The backups of a database, newest first; Restore asks once more, then accepts.

    ``damaged`` says the database is damaged (start-up): it is then moved aside, not saved.
    """

    def __init__(
        self,
        backups: Sequence[BackupInfo],
        folder: Path,
        parent: QWidget | None = None,
        *,
        damaged: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(TITLE)
        self.folder = folder
        self.damaged = damaged
        self._chosen: BackupInfo | None = None
        layout = QVBoxLayout(self)
        if damaged:
            about = (
                "Choose the backup to bring back. The damaged database is not deleted: it is "
                "moved aside, beside where it was."
            )
        else:
            about = (
                "Choose the backup to bring back. The database then holds what the backup "
                "holds; the database as it is now is saved first, so you can go back to it."
            )
        intro = QLabel(about, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupsModel(backups, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MADE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("There are no backups of this database yet.", self)
        self.empty.setVisible(not backups)
        layout.addWidget(self.empty)
        where = QLabel(f"Backups are kept in {folder}", self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(where)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.file_button = buttons.addButton(
            "Other backup file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._restore_selected)
        buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self._restore_file)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        first = next((row for row, info in enumerate(backups) if not info.damaged), None)
        if first is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(first, 0)).row())
        self._update_button()
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 26)

    def showEvent(self, event: QShowEvent) -> None:
        # Wide enough for every column without scrolling sideways (known once polished).
        super().showEvent(event)
        header = self.table.horizontalHeader()
        columns = sum(
            max(self.table.sizeHintForColumn(c), header.sectionSizeFromContents(c).width())
            for c in range(self.model.columnCount())
        )
        margins = self.layout().contentsMargins()
        chrome = self.table.verticalScrollBar().sizeHint().width() + 4 * self.table.frameWidth()
        width = columns + chrome + margins.left() + margins.right()
        if self.width() < width:
            self.resize(width, self.height())

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(BACKUP_ROLE) if rows else None

    def chosen(self) -> BackupInfo | None:
        """The backup to restore, once the dialog was accepted."""
        return self._chosen

    def _update_button(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and not info.damaged)

    def _restore_selected(self) -> None:
        info = self.selected()
        if info is not None and not info.damaged:
            self._confirm_and_accept(info)

    def _restore_file(self) -> None:
        path = choose_backup_file(self, self.folder)
        if path is not None:
            self._confirm_and_accept(describe_backup(path))

    def _confirm_and_accept(self, info: BackupInfo) -> None:
        if confirm_restore(self, info, damaged=self.damaged):
            self._chosen = info
            self.accept()


def confirm_restore(parent: QWidget | None, info: BackupInfo, *, damaged: bool) -> bool:
    """Ask once more, saying what happens to the database as it is now."""
    if damaged:
        after = (
            "The damaged database is kept: it is moved aside, beside where it was, and "
            "never deleted."
        )
    else:
        after = (
            "Anything entered after that is replaced by what the backup holds. The database as "
            "it is now is saved first, as a backup listed as “Before restoring a backup”, so "
            "you can go back to it."
        )
    answer = QMessageBox.question(
        parent,
        TITLE,
        f"Restore the backup made {describe(info)}?\n\n{after}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class RestoreOfferDialog(QDialog):
    """Start-up found the database damaged: offer its newest good backup, another, or Quit."""

    RESTORE, CHOOSE, QUIT = "restore", "choose", "quit"

    def __init__(
        self,
        db_path: Path,
        problem: str,
        newest: BackupInfo | None,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreOfferDialog")
        self.setWindowTitle("ILP Desktop: this database is damaged")
        self.choice = self.QUIT
        self.newest = newest
        outer = QHBoxLayout(self)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        outer.addWidget(icon)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        title = QLabel("This database is damaged", self)
        heading(title, 1.3)
        layout.addWidget(title)
        self.text = QLabel(self)
        self.text.setObjectName("offerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        detail = QLabel(f"SQLite reports: {problem}", self)
        detail.setWordWrap(True)
        detail.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(self)
        if newest is not None:
            self.text.setText(
                f"<p>{escape(str(db_path))} is damaged and cannot be opened safely.</p>"
                f"<p><b>The latest good backup</b> was made {when_phrase(newest.made_at)} "
                f"({escape(newest.label.lower())}) and holds {students_phrase(newest)}.</p>"
                "<p>Restoring it brings the database back as it was then; anything entered "
                "after that will need to be entered again. The damaged file is not deleted: it "
                f"is moved aside as “{escape(db_path.name)}.damaged-…” in the same folder.</p>"
            )
            self.restore_button = buttons.addButton(
                "Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.setObjectName("restoreNewest")
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(lambda: self._done(self.RESTORE))
            choose_text = "Choose another…"
        else:
            self.text.setText(
                f"<p>{escape(str(db_path))} is damaged and cannot be opened safely.</p>"
                f"<p><b>ILP Desktop found no good backup of it</b> in {escape(str(folder))}.</p>"
                "<p>The damaged file has not been changed; it is still at "
                f"{escape(str(db_path))}. Keep it, and ask your IT support to recover it, or "
                "restore a copy of it you keep elsewhere.</p>"
            )
            choose_text = "Choose a backup file…"
        layout.addWidget(detail)
        layout.addStretch(1)
        self.choose_button = buttons.addButton(choose_text, QDialogButtonBox.ButtonRole.ActionRole)
        self.choose_button.setObjectName("chooseBackup")
        self.choose_button.clicked.connect(lambda: self._done(self.CHOOSE))
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        quit_button.clicked.connect(lambda: self._done(self.QUIT))
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 85
        self.text.setMinimumWidth(width)
        self.text.setMinimumHeight(self.text.heightForWidth(width))

    def _done(self, choice: str) -> None:
        self.choice = choice
        if choice == self.QUIT:
            self.reject()
        else:
            self.accept()
