"""The Sources screen: where the careers come from, the O*NET attribution, import and removal."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.career_library import ONET_LICENSE_URL, CareerLibrary
from ..career_library_holder import CareerLibraryHolder
from ..look import heading

HOW_THEY_LIVE_TOGETHER = (
    "<p>ILP Desktop works offline from the first start with its <b>starter library</b>, written "
    "by the ILP Desktop project: a plain-language description, interest ratings, preparation, "
    "typical education, pay, outlook and career clusters for each career.</p>"
    "<p>A counselor can <b>import the O*NET database</b> once, while online: download the "
    "text version (for example <i>db_29_3_text.zip</i>) from the O*NET Resource Center, then "
    "import that zip or its unzipped folder here. The import then becomes the library: every "
    "O*NET occupation with O*NET's descriptions, interest profiles, job zones, related "
    "occupations, other job titles and education. O*NET does not publish pay, job outlook or "
    "career clusters in that file, so for careers the starter library also covers, those come "
    "from the starter library and are marked as such; a career-clusters file exported from "
    "O*NET OnLine can be imported with the release. Careers nothing else places in a cluster "
    "are placed by their occupation group and marked “estimated”.</p>"
    "<p>A new import replaces the previous one in one step: if it fails or is cancelled, the "
    "library stays as it was. Removing the import returns to the starter library. Students' "
    "shortlists are kept either way.</p>"
)


class SourcesDialog(QDialog):
    def __init__(self, holder: CareerLibraryHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesDialog")
        self.setWindowTitle("Career library sources")
        self.holder = holder
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        page = QWidget(scroll)
        column = QVBoxLayout(page)
        self.title = QLabel("Where the careers come from", page)
        heading(self.title, 1.3)
        self.in_use = QLabel(page)
        self.in_use.setObjectName("libraryInUse")
        self.body = QLabel(page)
        self.body.setObjectName("sourcesText")
        for label in (self.in_use, self.body):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.title)
        column.addWidget(self.in_use)
        column.addWidget(self.body)
        column.addStretch(1)
        scroll.setWidget(page)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = QPushButton("Import O*NET database…", self)
        self.remove_button = QPushButton("Remove the import", self)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self._import)
        self.remove_button.clicked.connect(self._remove)
        layout.addWidget(buttons)
        holder.changed.connect(self.refresh)
        self.refresh()
        self.resize(720, 620)

    def refresh(self) -> None:
        library = self.holder.library
        self.in_use.setText(in_use_text(library))
        self.body.setText(sources_html(library))
        self.remove_button.setEnabled(library.release is not None)

    def _import(self) -> None:
        from ..onet_import_flow import ask_and_import

        ask_and_import(self, self.holder)

    def _remove(self) -> None:
        release = self.holder.library.release
        if release is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove the O*NET import",
            f"Remove {release.label} and go back to the starter library? Students' shortlists "
            "are kept. You can import the release again at any time.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from ...store.errors import StoreError
        from ...store.onet_import import remove_import

        try:
            remove_import(self.holder.store.path)
        except StoreError as error:
            QMessageBox.warning(self, "Remove the O*NET import", str(error))
            return
        self.holder.reload()


def in_use_text(library: CareerLibrary) -> str:
    release = library.release
    if release is None:
        return (
            f"<p><b>In use now:</b> the {escape(library.starter.name)}, "
            f"{len(library.careers):,} careers.</p>"
        )
    when = release.imported_at[:10]
    released = f" ({escape(release.released)})" if release.released else ""
    return (
        f"<p><b>In use now:</b> {escape(release.label)}{released}, imported on {when} from "
        f"“{escape(release.source_name)}”: {release.occupations:,} occupations, "
        f"{release.with_interests:,} with interest profiles"
        + (
            f"; career clusters from “{escape(release.clusters_source)}”"
            if release.clusters_source
            else ""
        )
        + ".</p>"
    )


def sources_html(library: CareerLibrary) -> str:
    starter = library.starter
    parts = [HOW_THEY_LIVE_TOGETHER]
    parts.append(
        f"<h3>The starter library</h3><p>{escape(starter.name)}, written {starter.written}. "
        f"Pay: median yearly pay for May {starter.wage_year}, {escape(starter.wage_note)}. "
        f"Outlook: {escape(starter.outlook_period)}, {escape(starter.outlook_note)}.</p>"
    )
    if library.release is not None:
        parts.append(
            f"<h3>{escape(library.release.label)}</h3><p>{escape(library.release.attribution)}"
            f"</p><p>License: Creative Commons Attribution 4.0 International, "
            f"{ONET_LICENSE_URL}</p>"
        )
    else:
        parts.append(
            "<h3>O*NET</h3><p>No O*NET release has been imported. O*NET® is a trademark of "
            "the U.S. Department of Labor, Employment and Training Administration; its "
            "database is published under the CC BY 4.0 license.</p>"
        )
    return "".join(parts)
