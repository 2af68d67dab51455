"""Importing an O*NET release from the GUI: choose the zip or folder, then import it off the
GUI thread behind a progress dialog with Cancel."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..paths import AppDirs
from ..store.errors import StoreError
from .career_library_holder import CareerLibraryHolder
from .workers import run_with_progress

log = logging.getLogger(__name__)

TITLE = "Import O*NET database"


class ImportOnetDialog(QDialog):
    """Where the release (and an optional career-clusters file) is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importOnetDialog")
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the O*NET database in its text version, as downloaded from the O*NET "
            "Resource Center (for example db_29_3_text.zip), or the folder it unzips to. "
            "Optionally add a career-clusters file exported from O*NET OnLine "
            "(All_Career_Clusters.csv). Nothing is sent anywhere: the files are read from "
            "this computer.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.release_edit = QLineEdit(self)
        self.release_edit.setObjectName("releasePath")
        self.release_edit.setPlaceholderText("db_29_3_text.zip or its folder")
        zip_button = QPushButton("Zip file…", self)
        folder_button = QPushButton("Folder…", self)
        self.clusters_edit = QLineEdit(self)
        self.clusters_edit.setObjectName("clustersPath")
        self.clusters_edit.setPlaceholderText("optional")
        clusters_button = QPushButton("Choose…", self)
        grid.addWidget(QLabel("O*NET release:", self), 0, 0)
        grid.addWidget(self.release_edit, 0, 1)
        grid.addWidget(zip_button, 0, 2)
        grid.addWidget(folder_button, 0, 3)
        grid.addWidget(QLabel("Career clusters:", self), 1, 0)
        grid.addWidget(self.clusters_edit, 1, 1)
        grid.addWidget(clusters_button, 1, 2)
        layout.addLayout(grid)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        zip_button.clicked.connect(self._choose_zip)
        folder_button.clicked.connect(self._choose_folder)
        clusters_button.clicked.connect(self._choose_clusters)
        # Wide enough to read the paths; the wrapped explanation then knows its height.
        intro.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        intro.setMinimumHeight(intro.heightForWidth(intro.minimumWidth()))

    def _choose_zip(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "O*NET release (zip)", "", "Zip files (*.zip);;All files (*)"
        )
        if name:
            self.release_edit.setText(name)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "O*NET release (unzipped folder)")
        if name:
            self.release_edit.setText(name)

    def _choose_clusters(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Career clusters file", "", "CSV files (*.csv);;All files (*)"
        )
        if name:
            self.clusters_edit.setText(name)

    def release(self) -> Path | None:
        text = self.release_edit.text().strip()
        return Path(text).expanduser() if text else None

    def clusters(self) -> Path | None:
        text = self.clusters_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _accept(self) -> None:
        release = self.release()
        if release is None:
            self._say("Choose the O*NET zip file or its unzipped folder first.")
        elif not release.exists():
            self._say(f"“{release}” does not exist. Check the name or choose it again.")
        elif self.clusters() is not None and not self.clusters().is_file():  # type: ignore[union-attr]
            self._say(f"“{self.clusters()}” is not a file. Leave the field empty to skip it.")
        else:
            self.accept()

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.adjustSize()  # room for the message, nothing else moves


def ask_and_import(parent: QWidget, holder: CareerLibraryHolder) -> None:
    dialog = ImportOnetDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    release = dialog.release()
    assert release is not None
    start_import(parent, holder, release, dialog.clusters())


def start_import(
    parent: QWidget, holder: CareerLibraryHolder, release: Path, clusters: Path | None
) -> None:
    """Import in the background; the library reloads when it lands."""
    from ..store.onet_import import ImportCancelled, import_onet

    db_path = holder.store.path
    # The window's folders are the user's (the dialog asking may be the sources dialog).
    backups = AppDirs.for_user().backups_for(db_path)

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
        return import_onet(
            db_path,
            release,
            clusters,
            progress=progress,
            is_cancelled=is_cancelled,
            backups=backups,
        )

    def done(summary) -> None:  # type: ignore[no-untyped-def]
        holder.reload()
        lines = [*summary.lines(), "The career library now uses this release."]
        QMessageBox.information(parent, TITLE, "\n\n".join(lines))

    def failed(error: BaseException) -> None:
        if isinstance(error, ImportCancelled):
            QMessageBox.information(
                parent, TITLE, "The import was cancelled. The career library is as it was."
            )
        elif isinstance(error, StoreError):
            QMessageBox.warning(parent, TITLE, str(error))
        else:
            log.error("O*NET import failed", exc_info=error)
            QMessageBox.warning(
                parent,
                TITLE,
                "The import stopped because of an unexpected problem; the career library is "
                "as it was. The details are in the log (Help ▸ Where is my data?).",
            )

    run_with_progress(
        parent, TITLE, f"Importing {release.name}…", work, on_done=done, on_error=failed
    )
