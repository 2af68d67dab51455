"""Importing the school's roster from an SIS export: a wizard.

Choose the file → see how it reads (encoding and separator, changeable) → which column holds
which field (guessed, remembered per layout of export) → every row checked, with the rows to
fix or what will change → the import, off the GUI thread with progress → what was done.
The main window calls :func:`import_roster`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.roster_csv import (
    DELIMITERS,
    ENCODINGS,
    FIELDS,
    Mapping,
    RosterFileError,
    RosterTable,
    clean_cell,
    column_letter,
    header_key,
    mapping_problem,
    read_roster_file,
)
from ..store.db import Store
from ..store.errors import StoreError
from ..store.roster_import import (
    RosterPlan,
    RosterRejectedError,
    RosterSummary,
    mapping_for,
    remember_mapping,
)
from .look import error_label, heading, show_error
from .models.roster_import_models import (
    PREVIEW_ROWS,
    ChangesModel,
    PreviewModel,
    ProblemsModel,
)
from .workers import run_with_progress

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

TITLE = "Import roster from SIS"
STUDENTS_MIGRATION = "0001_students"
DELIMITER_WORDS = {",": "Commas", ";": "Semicolons", "\t": "Tabs"}
NOT_IMPORTED = -1
UNEXPECTED = (
    "The import stopped because of an unexpected problem; the roster is as it was. The "
    "details are in the log (Help ▸ Where is my data?)."
)


def import_roster(window: MainWindow) -> RosterImportWizard:
    """Open the wizard over the main window; the roster reloads once students are imported."""
    window.flush()  # what is being typed is saved first: the import reads the database
    wizard = RosterImportWizard(window.store, window.dirs.backups_for(window.store.path), window)
    wizard.roster_imported.connect(lambda summary: show_imported(window, summary))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


def show_imported(window: MainWindow, summary: RosterSummary) -> None:
    """The roster reloaded from the database, the student on screen shown afresh."""
    current = window.roster.current_student_id()
    window.reload()
    if current is not None:
        window.roster.select_student(current)  # re-reads the student, imported changes and all
    window.statusBar().showMessage(summary.sentence(), 10000)


def _counts(summary: RosterSummary) -> str:
    """ "33 new students, 1 to update, 1 unchanged" """
    new = "1 new student" if summary.added == 1 else f"{summary.added:,} new students"
    return f"{new}, {summary.updated:,} to update, {summary.unchanged:,} unchanged"


def _table_view(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def _wrapping(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class RosterImportWizard(QWizard):
    """The pages share the file read, the mapping chosen, the check's plan and the result."""

    roster_imported = Signal(object)  # the RosterSummary, once the students are written

    def __init__(self, store: Store, backups: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterImportWizard")
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.store = store
        self.backups = backups
        self.path: Path | None = None
        self.table: RosterTable | None = None
        self.detected: tuple[str, str] | None = None  # encoding and delimiter found
        self.mapping: Mapping = {}
        self.mapping_for_header: str | None = None
        self.remembered = False
        self.plan: RosterPlan | None = None
        self.summary: RosterSummary | None = None
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.check_page,
            self.done_page,
        ):
            self.addPage(page)
        # Room for every field's choice of column, one under the other, with an example.
        chars, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.setMinimumSize(chars * 130, line * 40)

    def read(self, path: Path, encoding: str | None = None, delimiter: str | None = None) -> None:
        """Read (or re-read) the file; raises RosterFileError with the counselor's message."""
        table = read_roster_file(path, encoding=encoding, delimiter=delimiter)
        if encoding is None and delimiter is None:
            self.detected = (table.encoding, table.delimiter)
        self.path, self.table = path, table
        self.plan = None


class FilePage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Choose the roster file")
        self.setSubTitle("The file your student information system exports.")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapping(
                "Export the roster from your student information system (SIS) as a CSV file, "
                "or save it from Excel as CSV UTF-8 or as Unicode Text, then choose it here. "
                "The first row must name the columns, such as Student_Number, Last_Name, "
                "First_Name and Grade_Level.\n\n"
                "Students already in ILP Desktop (the same SIS id) are updated in the columns "
                "the file has; the others are added. Nothing is changed until every row has "
                "been checked, and the database is backed up first. Nothing is sent anywhere.",
                self,
            )
        )
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("rosterPath")
        self.path_edit.setPlaceholderText("for example roster.csv")
        choose = QPushButton("Choose…", self)
        choose.setObjectName("chooseRosterFile")
        choose.clicked.connect(self._choose)
        row.addWidget(QLabel("File:", self))
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.error = QLabel(self)
        self.error.setObjectName("fileError")
        self.error.setWordWrap(True)
        error_label(self.error)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.registerField("rosterPath*", self.path_edit)
        self.path_edit.textChanged.connect(lambda: show_error(self.error, None))

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Roster file",
            "",
            "Roster exports (*.csv *.txt *.tsv);;All files (*)",
        )
        if name:
            self.path_edit.setText(name)

    def validatePage(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        path = Path(self.path_edit.text().strip()).expanduser()
        try:
            wizard.read(path)
        except RosterFileError as error:
            show_error(self.error, str(error))
            return False
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Check how the file reads")
        self.setSubTitle(
            "If the names look wrong or everything sits in one column, change how it is read."
        )
        layout = QVBoxLayout(self)
        choices = QHBoxLayout()
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("encodingChoice")
        self.delimiter = QComboBox(self)
        self.delimiter.setObjectName("delimiterChoice")
        choices.addWidget(QLabel("Characters:", self))
        choices.addWidget(self.encoding)
        choices.addSpacing(16)
        choices.addWidget(QLabel("Columns separated by:", self))
        choices.addWidget(self.delimiter)
        choices.addStretch(1)
        layout.addLayout(choices)
        self.count = QLabel(self)
        self.count.setObjectName("previewCount")
        layout.addWidget(self.count)
        self.model = PreviewModel(self)
        self.view = _table_view(self, "rosterPreview")
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        error_label(self.error)
        layout.addWidget(self.error)
        self.encoding.currentIndexChanged.connect(self._reread)
        self.delimiter.currentIndexChanged.connect(self._reread)

    def initializePage(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.table is not None and wizard.detected is not None
        found_encoding, found_delimiter = wizard.detected
        for combo, values, found, words in (
            (self.encoding, ENCODINGS, found_encoding, {e: e for e in ENCODINGS}),
            (self.delimiter, DELIMITERS, found_delimiter, DELIMITER_WORDS),
        ):
            combo.blockSignals(True)
            combo.clear()
            for value in values:
                combo.addItem(words[value] + (" (found)" if value == found else ""), value)
            current = wizard.table.encoding if combo is self.encoding else wizard.table.delimiter
            combo.setCurrentIndex(values.index(current))
            combo.blockSignals(False)
        self._show(wizard.table, None)

    def _reread(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.path is not None and wizard.detected is not None
        encoding, delimiter = self.encoding.currentData(), self.delimiter.currentData()
        try:
            if (encoding, delimiter) == wizard.detected:
                wizard.read(wizard.path)
            else:
                wizard.read(wizard.path, encoding, delimiter)
        except RosterFileError as error:
            wizard.table = None
            self._show(None, str(error))
        else:
            self._show(wizard.table, None)
        self.completeChanged.emit()

    def _show(self, table: RosterTable | None, error: str | None) -> None:
        self.model.set_table(table)
        show_error(self.error, error)
        if table is None:
            self.count.clear()
            return
        rows = table.student_rows()
        shown = f"the first {PREVIEW_ROWS} are shown" if rows > PREVIEW_ROWS else "all shown"
        self.count.setText(
            f"{rows:,} student {'row' if rows == 1 else 'rows'} below the header ({shown}); "
            "row numbers and column letters are the spreadsheet's."
        )
        header = self.view.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        limit = self.fontMetrics().averageCharWidth() * 28
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), limit))

    def isComplete(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        return wizard.table is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Which column holds what")
        self.setSubTitle("Fields marked * are needed. Columns not chosen are not imported.")
        layout = QVBoxLayout(self)
        self.note = _wrapping("", self)
        self.note.setObjectName("mappingNote")
        layout.addWidget(self.note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        for row, field in enumerate(FIELDS):
            label = QLabel(field.label + (" *" if field.required else ""), self)
            if field.required:
                label.setStyleSheet("font-weight: bold;")
            combo = QComboBox(self)
            combo.setObjectName(f"column_{field.key}")
            combo.setMinimumContentsLength(28)
            label.setBuddy(combo)
            sample = QLabel(self)
            sample.setStyleSheet("color: palette(placeholder-text);")
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(sample, row, 2)
            self.combos[field.key] = combo
            self.samples[field.key] = sample
            combo.currentIndexChanged.connect(lambda _i, key=field.key: self._chosen(key))
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self.error = QLabel(self)
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        error_label(self.error)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        table = wizard.table
        assert table is not None
        key = header_key(table.header)
        if wizard.mapping_for_header != key:  # a new file, or read another way
            wizard.mapping, wizard.remembered = mapping_for(wizard.store, table)
            wizard.mapping_for_header = key
        self.note.setText(
            "As you chose the last time you imported a file with these columns."
            if wizard.remembered
            else "Guessed from the names in the file's first row: check them."
        )
        first = next(table.data_rows(), (0, []))[1]
        self._first_row = first
        for field in FIELDS:
            combo = self.combos[field.key]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("(not imported)", NOT_IMPORTED)
            for column in range(table.width):
                name = table.header[column]
                combo.addItem(
                    f"{column_letter(column)} · {name}" if name else table.column_label(column),
                    column,
                )
                combo.setItemData(
                    combo.count() - 1, table.column_label(column), Qt.ItemDataRole.ToolTipRole
                )
            column = wizard.mapping.get(field.key, NOT_IMPORTED)
            combo.setCurrentIndex(max(0, combo.findData(column)))
            combo.blockSignals(False)
            self._show_sample(field.key)
        self._check()

    def _chosen(self, key: str) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        column = self.combos[key].currentData()
        if column == NOT_IMPORTED:
            wizard.mapping.pop(key, None)
        else:
            wizard.mapping[key] = column
        self._show_sample(key)
        self._check()

    def _show_sample(self, key: str) -> None:
        column = self.combos[key].currentData()
        value = ""
        if column is not None and column != NOT_IMPORTED and column < len(self._first_row):
            value = clean_cell(self._first_row[column])
        label = self.samples[key]
        shown = value if len(value) <= 40 else value[:39] + "…"
        label.setText(f"e.g. {shown}" if value else "")
        label.setToolTip(value)

    def _check(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.table is not None
        show_error(self.error, mapping_problem(wizard.table, wizard.mapping))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        table = wizard.table
        return table is not None and mapping_problem(table, wizard.mapping) is None

    def validatePage(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.table is not None
        try:
            # Remembered now, so the same export maps itself next time (and on the command
            # line), even if this file has rows to fix first.
            remember_mapping(wizard.store, wizard.table, wizard.mapping)
        except StoreError as error:
            log.warning("roster mapping not remembered: %s", error)
        return True


class CheckPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Check every row")
        self.setSubTitle("Nothing is imported until every row is right.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self._running = False
        layout = QVBoxLayout(self)
        self.verdict = _wrapping("", self)
        self.verdict.setObjectName("checkVerdict")
        heading(self.verdict, 1.2)
        layout.addWidget(self.verdict)
        self.explain = _wrapping("", self)
        self.explain.setObjectName("checkExplain")
        layout.addWidget(self.explain)
        self.problems = ProblemsModel(self)
        self.problem_view = _table_view(self, "rosterProblems")
        self.problem_view.setModel(self.problems)
        self.problem_view.horizontalHeader().setStretchLastSection(True)
        self.problem_view.selectionModel().selectionChanged.connect(self._problem_selected)
        layout.addWidget(self.problem_view, 1)
        self.problem_text = _wrapping("", self)
        self.problem_text.setObjectName("problemText")
        self.problem_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.problem_text)
        self.changes = ChangesModel(self)
        self.change_view = _table_view(self, "rosterChanges")
        self.change_view.setModel(self.changes)
        self.change_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.change_view, 1)
        buttons = QHBoxLayout()
        self.again = QPushButton("Read the file again", self)
        self.again.setObjectName("checkAgain")
        self.again.setToolTip("After correcting the file and saving it, check it again here.")
        self.again.clicked.connect(self._read_again)
        buttons.addWidget(self.again)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    # Checking ---------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._start_check()

    def _start_check(self) -> None:
        from ..store.db import open_reader
        from ..store.roster_import import check_roster

        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        table, mapping, path = wizard.table, dict(wizard.mapping), wizard.store.path
        assert table is not None
        wizard.plan = None
        rows = table.student_rows()
        self._say(f"Checking {rows:,} {'row' if rows == 1 else 'rows'}…", "")
        self._show_tables(problems=False, changes=False)
        self.again.hide()

        def work(_progress: Any, _is_cancelled: Any) -> RosterPlan:
            reader = open_reader(path)  # its own connection: this runs beside the GUI thread
            try:
                return check_roster(reader, table, mapping)
            finally:
                reader.close()

        run_with_progress(
            self,
            TITLE,
            f"Checking {rows:,} rows…",
            work,
            on_done=self._checked,
            on_error=self._failed,
        )

    def _checked(self, plan: RosterPlan) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        wizard.plan = plan
        self.show_plan(plan)
        self.completeChanged.emit()

    def show_plan(self, plan: RosterPlan) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        name = wizard.path.name if wizard.path else "the file"
        if plan.problems:
            count = len(plan.problems)
            rows = "1 row needs" if count == 1 else f"{count:,} rows need"
            self._say(
                f"Nothing can be imported yet: {rows} fixing.",
                f"Correct {'it' if count == 1 else 'them'} in the SIS (then export again) or in "
                f"{name} (then save it), and choose Read the file again. Row numbers are the "
                "spreadsheet's, with the header as row 1. Nothing has been changed.",
            )
            self.problems.set_problems(plan.problems)
            self._show_tables(problems=True, changes=False)
            self.problem_view.resizeColumnToContents(0)
            self.problem_view.resizeColumnToContents(1)
            self.problem_view.selectRow(0)
            self.again.show()
            return
        summary = plan.summary()
        if not plan.added and not plan.updated:
            self._say(
                "Every student in the file is already up to date.",
                f"{summary.unchanged:,} unchanged; importing changes nothing.",
            )
        else:
            self._say(
                f"Ready to import: {_counts(summary)}.",
                "Below is every student the import adds or changes; students not in the file, "
                "and fields the file leaves blank, stay as they are. The database is backed up "
                "first; choose Import to go ahead.",
            )
        self.changes.set_changes(plan.added, plan.updated, plan.previous)
        self._show_tables(problems=False, changes=bool(plan.added or plan.updated))
        for column in range(4):
            self.change_view.resizeColumnToContents(column)
        self.again.hide()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, StoreError):
            self._say("The file could not be checked.", str(error))
        else:
            log.error("roster check failed", exc_info=error)
            self._say("The file could not be checked.", UNEXPECTED)
        self.again.show()

    def _read_again(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.path is not None and wizard.table is not None
        encoding, delimiter = wizard.table.encoding, wizard.table.delimiter
        try:
            wizard.read(wizard.path)
            if (wizard.table.encoding, wizard.table.delimiter) != (encoding, delimiter):
                wizard.read(wizard.path, encoding, delimiter)  # as chosen on the preview
        except RosterFileError as error:
            self._say("The file cannot be read now.", str(error))
            self._show_tables(problems=False, changes=False)
            self.completeChanged.emit()
            return
        if header_key(wizard.table.header) != wizard.mapping_for_header:
            self._say(
                "The file's columns have changed.",
                "Choose Back to check which column holds what, then check the file again.",
            )
            self._show_tables(problems=False, changes=False)
            self.completeChanged.emit()
            return
        self._start_check()

    # Importing --------------------------------------------------------------------------------
    def isComplete(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.summary is not None:
            return True
        plan = wizard.plan
        return plan is not None and plan.ok and not self._running

    def validatePage(self) -> bool:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.summary is not None:
            return True  # imported: on to the last page
        if not self._running and wizard.plan is not None and wizard.plan.ok:
            self._start_import()
        return False

    def _start_import(self) -> None:
        from ..store.db import connect_worker
        from ..store.roster_import import import_roster as write_roster

        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        table, mapping = wizard.table, dict(wizard.mapping)
        path, backups = wizard.store.path, wizard.backups
        assert table is not None and wizard.plan is not None
        count = len(wizard.plan.added) + len(wizard.plan.updated)

        def work(progress: Any, is_cancelled: Any) -> RosterSummary:
            # A connection of the job's own; the GUI's stays on the GUI thread.
            store = Store(path, connect_worker(path, needs=STUDENTS_MIGRATION))
            try:
                return write_roster(
                    store, table, mapping, backups, progress=progress, is_cancelled=is_cancelled
                )
            finally:
                store.close()

        self._running = True
        self.completeChanged.emit()
        run_with_progress(
            self,
            TITLE,
            f"Importing {count:,} {'student' if count == 1 else 'students'}…",
            work,
            on_done=self._imported,
            on_error=self._import_failed,
        )

    def _imported(self, summary: RosterSummary) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        self._running = False
        wizard.summary = summary
        wizard.roster_imported.emit(summary)
        wizard.next()

    def _import_failed(self, error: BaseException) -> None:
        self._running = False
        if isinstance(error, RosterRejectedError):  # the database changed since the check
            wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
            if wizard.plan is not None:
                wizard.plan.problems = error.problems
                self.show_plan(wizard.plan)
        elif isinstance(error, StoreError):
            self._say("Nothing was imported.", str(error))
        else:
            log.error("roster import failed", exc_info=error)
            self._say("Nothing was imported.", UNEXPECTED)
        self.completeChanged.emit()

    # Showing ----------------------------------------------------------------------------------
    def _say(self, verdict: str, explanation: str) -> None:
        self.verdict.setText(verdict)
        self.explain.setText(explanation)
        self.explain.setVisible(bool(explanation))

    def _show_tables(self, *, problems: bool, changes: bool) -> None:
        self.problem_view.setVisible(problems)
        self.problem_text.setVisible(problems)
        self.change_view.setVisible(changes)

    def _problem_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            row = rows[0].row()
            self.problem_text.setText(
                f"Row {self.problems.data(self.problems.index(row, 0))}: "
                + self.problems.message(row)
            )


class DonePage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Roster imported")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.result = _wrapping("", self)
        self.result.setObjectName("importResult")
        heading(self.result, 1.2)
        layout.addWidget(self.result)
        self.details = _wrapping("", self)
        self.details.setObjectName("importDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard: RosterImportWizard = self.wizard()  # type: ignore[assignment]
        assert wizard.summary is not None
        self.result.setText(wizard.summary.sentence())
        self.details.setText(
            "The roster now lists every student in the file. The database as it was before "
            f"the import is backed up in:\n{wizard.backups}"
        )
