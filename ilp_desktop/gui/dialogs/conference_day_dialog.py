"""File > Conference day handouts: the handouts of many students in one go.

The counselor lists students by grade, by review due, or picks them by hand, ticks the ones
wanted and chooses how the handouts look and where they go: one PDF to print in one go, or one
PDF per student in a folder. The work runs off the GUI thread on its own read-only connection
(the window's connection stays free for the GUI thread's writes), behind a progress dialog with
Cancel; a cancel or a failure saves nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.caseload import caseload_rows
from ...domain.grades import grade_label, grade_order
from ...handout_jobs import (
    BatchResult,
    HandoutRequest,
    existing_names,
    write_folder,
    write_one_pdf,
)
from ...reports.fonts import NoUnicodeFontError
from ...reports.handout import HandoutCancelledError
from ...reports.handout_words import LANGUAGE_NAMES
from ...reports.missing_letters import missing_in_names
from ...store import clock
from ...store.caseload import CaseloadStore
from ...store.db import Store
from ...store.errors import StoreError
from ...store.school_calendar import load_calendar
from ...store.students import StudentStore
from .. import workers
from ..models.conference_day_model import (
    COUNSELOR,
    GRADE,
    HEADERS,
    LANGUAGE,
    NAME,
    REVIEW,
    TICK,
    ConferenceDayModel,
    ConferenceDayProxy,
    ConferenceStudent,
    conference_students,
    sort_key,
)
from ..saving import documents_folder, pdf_path
from .session_dialog import pydate, qdate

log = logging.getLogger(__name__)

BY_GRADE, BY_REVIEW, BY_HAND = "grade", "review", "hand"
ORDERS: tuple[tuple[str, str], ...] = (
    ("roster", "Roster order (last name)"),
    ("grade", "By grade, then name"),
    ("listed", "As listed"),
)
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("", "Each family's language"),
    *LANGUAGE_NAMES.items(),
)
REVIEW_WINDOW_DAYS = 30
MAX_NAMES_SHOWN = 10
TITLE = "Conference day handouts"


def make_handouts(
    request: HandoutRequest,
    target: Path,
    per_student: bool,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> BatchResult | None:
    """The background job: one PDF at ``target``, or one per student in the folder ``target``.

    None when cancelled: nothing was saved (a cancel is an answer, not an error to log).
    """
    try:
        if per_student:
            return write_folder(request, target, progress=progress, cancelled=cancelled)
        return write_one_pdf(request, target, jobs=1, progress=progress, cancelled=cancelled)
    except HandoutCancelledError:
        return None


def failure_text(error: BaseException) -> str:
    """What went wrong, in words for the counselor (the details go to the log file)."""
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return (
            f"The handouts could not be saved: {error.strerror or error}{where}.\n\n"
            "Nothing was saved. Choose a folder you can write to, with free space, and try again."
        )
    if isinstance(error, (StoreError, NoUnicodeFontError, ValueError)):
        return f"{error}\n\nNothing was saved."
    return (
        "Something went wrong while making the handouts, and nothing was saved. The log file "
        "(Help > Where is my data?) has the details for whoever looks after this computer."
    )


def show_conference_day(parent: QWidget, store: Store) -> None:
    """Open the dialog on ``store``'s roster; a database that cannot be read says so."""
    try:
        dialog = ConferenceDayDialog(store, parent)
    except StoreError as error:
        QMessageBox.warning(parent, TITLE, str(error))
        return
    dialog.exec()
    dialog.deleteLater()


class ConferenceDayDialog(QDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.store = store
        self.today = today or dt.date.fromisoformat(clock.today())
        self.job: workers.Job | None = None
        self.result_box: QMessageBox | None = None  # the last "saved" / "not saved" message
        facts = CaseloadStore(store).facts(self.today)
        rows = caseload_rows(facts, self.today, load_calendar(store))
        self.students = conference_students(StudentStore(store).all(), rows)

        self.model = ConferenceDayModel(self)
        self.proxy = ConferenceDayProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QHBoxLayout(self)
        layout.addLayout(self._build_students(), 1)
        layout.addLayout(self._build_options())

        for signal in (
            self.model.modelReset,
            self.model.dataChanged,
            self.proxy.layoutChanged,
            self.search.textChanged,
        ):
            signal.connect(lambda *_: self._update_count())
        self._relist()
        self.resize(1100, 680)

    # Building ---------------------------------------------------------------------------------
    def _build_students(self) -> QVBoxLayout:
        box = QGroupBox("Students", self)
        self.by_grade = QRadioButton("Grade:", box)
        self.grade = QComboBox(box)
        grades = sorted({item.student.grade for item in self.students}, key=grade_order)
        for grade in grades:
            self.grade.addItem(grade_label(grade), grade)
        self.grade.setAccessibleName("Grade")
        self.by_review = QRadioButton("Review due by:", box)
        self.due_by = QDateEdit(box)
        self.due_by.setCalendarPopup(True)
        self.due_by.setDisplayFormat("MMMM d, yyyy")
        self.due_by.setDate(qdate(self.today + dt.timedelta(days=REVIEW_WINDOW_DAYS)))
        self.due_by.setAccessibleName("Review due by")
        self.due_by.setToolTip("Students whose next review is overdue or falls due by this day.")
        self.by_hand = QRadioButton("Picked by hand", box)
        self.choice = QButtonGroup(self)
        for button in (self.by_grade, self.by_review, self.by_hand):
            self.choice.addButton(button)
        (self.by_grade if grades else self.by_hand).setChecked(True)

        choose = QHBoxLayout()
        choose.addWidget(self.by_grade)
        choose.addWidget(self.grade)
        choose.addSpacing(24)
        choose.addWidget(self.by_review)
        choose.addWidget(self.due_by)
        choose.addSpacing(24)
        choose.addWidget(self.by_hand)
        choose.addStretch(1)

        self.search = QLineEdit(box)
        self.search.setPlaceholderText("Find a student by name or SIS id")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a student")

        self.table = QTableView(box)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self._size_columns()

        self.tick_all = QPushButton("Tick all", box)
        self.tick_all.setToolTip("Tick every student shown (the search narrows what is shown).")
        self.untick_all = QPushButton("Untick all", box)
        self.untick_all.setToolTip("Untick every student shown.")
        self.count = QLabel(box)
        ticks = QHBoxLayout()
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.untick_all)
        ticks.addSpacing(12)
        ticks.addWidget(self.count, 1)

        inner = QVBoxLayout(box)
        inner.addLayout(choose)
        inner.addWidget(self.search)
        inner.addWidget(self.table, 1)
        inner.addLayout(ticks)

        self.choice.buttonToggled.connect(self._choice_toggled)
        self.grade.currentIndexChanged.connect(lambda _index: self._choose(self.by_grade))
        # Choosing the grade already shown switches back to listing by grade, too.
        self.grade.activated.connect(lambda _index: self.by_grade.setChecked(True))
        self.due_by.dateChanged.connect(lambda _date: self._choose(self.by_review))
        self.search.textChanged.connect(self.proxy.set_search)
        # Space ticks (or unticks) the selected rows, whichever column has the focus.
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.activated.connect(self.toggle_selected)
        self.tick_all.clicked.connect(lambda: self.model.set_ticked(self.proxy.shown_ids(), True))
        self.untick_all.clicked.connect(
            lambda: self.model.set_ticked(self.proxy.shown_ids(), False)
        )
        column = QVBoxLayout()
        column.addWidget(box)
        return column

    def _size_columns(self) -> None:
        # Widths from the font, not from the rows: measuring every row of a large school is slow.
        metrics = QFontMetrics(self.table.font())
        header = self.table.horizontalHeader()
        pad = 2 * metrics.horizontalAdvance("M")
        widths = {
            TICK: metrics.horizontalAdvance(HEADERS[TICK]) + pad,
            GRADE: metrics.horizontalAdvance(HEADERS[GRADE]) + 2 * pad,
            COUNSELOR: metrics.horizontalAdvance("Ms. Counselor-Name") + pad,
            REVIEW: metrics.horizontalAdvance("Overdue (due Sep 30, 2026)") + pad,
            LANGUAGE: metrics.horizontalAdvance(HEADERS[LANGUAGE]) + 2 * pad,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Grade") + pad)

    def _build_options(self) -> QVBoxLayout:
        looks = QGroupBox("Handouts", self)
        self.order = QComboBox(looks)
        for key, text in ORDERS:
            self.order.addItem(text, key)
        self.order.setToolTip("“As listed” prints in the order the table is sorted in.")
        self.language = QComboBox(looks)
        for key, text in LANGUAGES:
            self.language.addItem(text, key)
        self.large_print = QCheckBox("Large print", looks)
        form = QFormLayout(looks)
        form.addRow("Order:", self.order)
        form.addRow("Language:", self.language)
        form.addRow("", self.large_print)

        output = QGroupBox("Save as", self)
        self.one_pdf = QRadioButton("One PDF (print it in one go)", output)
        self.per_student = QRadioButton("One PDF per student in a folder", output)
        self.one_pdf.setChecked(True)
        outputs = QVBoxLayout(output)
        outputs.addWidget(self.one_pdf)
        outputs.addWidget(self.per_student)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.make_button = self.buttons.addButton(
            "Make handouts…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout()
        column.addWidget(looks)
        column.addWidget(output)
        column.addStretch(1)
        column.addWidget(self.buttons)
        return column

    # Listing ----------------------------------------------------------------------------------
    def choice_key(self) -> str:
        if self.by_grade.isChecked():
            return BY_GRADE
        if self.by_review.isChecked():
            return BY_REVIEW
        return BY_HAND

    def _choose(self, button: QRadioButton) -> None:
        if button.isChecked():
            self._relist()
        else:
            button.setChecked(True)  # _choice_toggled lists the students

    def _choice_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._relist()

    def listed_students(self) -> list[ConferenceStudent]:
        """The students the current choice lists, in roster order."""
        key = self.choice_key()
        if key == BY_GRADE:
            grade = self.grade.currentData()
            return [item for item in self.students if item.student.grade == grade]
        if key == BY_REVIEW:
            day = pydate(self.due_by.date())
            return [item for item in self.students if item.review_due_by(day)]
        return list(self.students)

    def _relist(self) -> None:
        # A grade or the reviews due list the students to print; by hand starts from none.
        self.model.set_rows(self.listed_students(), ticked=self.choice_key() != BY_HAND)

    def _update_count(self) -> None:
        listed = self.model.rowCount()
        ticked_ids = {item.student_id for item in self.model.ticked_rows()}
        ticked = len(ticked_ids)
        hidden = len(ticked_ids - set(self.proxy.shown_ids()))
        if listed == 0:
            text = {
                BY_GRADE: "No students on the roster.",
                BY_REVIEW: "No student has a review due by then.",
                BY_HAND: "No students on the roster.",
            }[self.choice_key()]
        else:
            text = f"{ticked} of {listed} students ticked"
            shown = self.proxy.rowCount()
            if shown < listed:
                text += f" · {shown} shown by the search"
            if hidden:
                text += f" ({hidden} ticked but not shown: they are printed too)"
        self.count.setText(text)
        self.make_button.setEnabled(ticked > 0 and self.job is None)

    def toggle_selected(self) -> None:
        """Tick the selected rows; untick them when every one is ticked already."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        ids = [sid for row in sorted(rows) if (sid := self.proxy.student_id(row)) is not None]
        if ids:
            self.model.set_ticked(ids, not all(self.model.is_ticked(sid) for sid in ids))

    def ordered_students(self) -> list[ConferenceStudent]:
        """The ticked students in the chosen print order."""
        ticked = self.model.ticked_rows()  # roster order
        order = self.order.currentData()
        if order == "grade":
            return sorted(ticked, key=lambda item: item.grade_key)
        if order == "listed":
            column = self.proxy.sortColumn()
            if column < 0:
                return ticked
            descending = self.proxy.sortOrder() == Qt.SortOrder.DescendingOrder
            return sorted(ticked, key=lambda item: sort_key(item, column, True), reverse=descending)
        return ticked

    def request(self) -> HandoutRequest:
        return HandoutRequest(
            db_path=Path(self.store.path),
            student_ids=tuple(item.student_id for item in self.ordered_students()),
            today=self.today,
            lang=self.language.currentData() or None,
            large_print=self.large_print.isChecked(),
        )

    # Making -----------------------------------------------------------------------------------
    def make(self) -> None:
        """Ask where, check, and start making the ticked students' handouts."""
        request = self.request()
        if not request.student_ids:
            QMessageBox.information(self, TITLE, "Tick the students whose handouts you want.")
            return
        if not self._names_printable(self.ordered_students()):
            return
        per_student = self.per_student.isChecked()
        target = self._ask_folder(request) if per_student else self._ask_file()
        if target is None:
            return
        count = len(request.student_ids)
        self.job = workers.run_with_progress(
            self,
            TITLE,
            f"Making {count} handout{'s' if count != 1 else ''}…",
            functools.partial(make_handouts, request, target, per_student),
            lambda result: self._finished(result, target, per_student),
            self._failed,
        )
        self._update_count()

    def _names_printable(self, items: list[ConferenceStudent]) -> bool:
        """True to go on: every name can be drawn, or the counselor goes on anyway."""
        try:
            missing = missing_in_names([item.student for item in items])
        except NoUnicodeFontError as error:
            QMessageBox.warning(self, TITLE, str(error))
            return False
        # With the grade and SIS id: this computer may not show those letters on screen either.
        names = [f"{s.display_name} (grade {s.grade}, SIS id {s.sis_id})" for s, _chars in missing]
        if not names:
            return True
        listed = "\n".join(f"• {name}" for name in names[:MAX_NAMES_SHOWN])
        if len(names) > MAX_NAMES_SHOWN:
            listed += f"\n…and {len(names) - MAX_NAMES_SHOWN} more"
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, "", parent=self)
        box.setText(
            "No font on this computer can draw some letters in the names of "
            f"{len(names)} student{'s' if len(names) != 1 else ''}; those letters will print "
            "as empty boxes."
        )
        box.setInformativeText(
            f"{listed}\n\nInstall a font that has them (see the README, Fonts) and make the "
            "handouts again, or go on and write those names in by hand."
        )
        go = box.addButton("Go on anyway", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def _ask_file(self) -> Path | None:
        default = documents_folder() / f"conference-day-{self.today.isoformat()}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the handouts as", str(default), "PDF files (*.pdf)"
        )
        if not chosen:
            return None
        target = pdf_path(self, chosen)
        if target is None:
            return None
        if not target.parent.is_dir():
            QMessageBox.warning(self, TITLE, f"The folder {target.parent} does not exist.")
            return None
        return target

    def _ask_folder(self, request: HandoutRequest) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the handouts", str(documents_folder())
        )
        if not chosen:
            return None
        folder = Path(chosen)
        try:
            students = [item.student for item in self.ordered_students()]
            existing = existing_names(students, request.lang, folder)
        except (StoreError, ValueError, OSError) as error:
            QMessageBox.warning(self, TITLE, failure_text(error))
            return None
        if existing:
            shown = "\n".join(existing[:MAX_NAMES_SHOWN])
            if len(existing) > MAX_NAMES_SHOWN:
                shown += f"\n…and {len(existing) - MAX_NAMES_SHOWN} more"
            box = QMessageBox(QMessageBox.Icon.Question, TITLE, "", parent=self)
            n = len(existing)
            box.setText(f"Replace {n} existing handout{'s' if n != 1 else ''}?")
            box.setInformativeText(f"{folder} already holds:\n{shown}")
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return None
        return folder

    def _finished(self, result: BatchResult | None, target: Path, per_student: bool) -> None:
        self.job = None
        self._update_count()
        if result is None:
            self._tell(QMessageBox.Icon.Information, "Cancelled: nothing was saved.")
            return
        pages = sum(result.pages)
        count = result.students
        self._tell(
            QMessageBox.Icon.Information,
            f"Saved {count} handout{'s' if count != 1 else ''} "
            f"({pages} page{'s' if pages != 1 else ''}) to {target}.",
            target if per_student else target.parent,
        )

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._update_count()
        self._tell(QMessageBox.Icon.Warning, failure_text(error))

    def _tell(self, icon: QMessageBox.Icon, text: str, folder: Path | None = None) -> None:
        # Not exec(): the message must not block the job's callback (tests read it, too).
        box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if folder is not None:
            show = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
            # A local folder: the file manager opens it; nothing goes to the network.
            show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.result_box = box
        box.open()
