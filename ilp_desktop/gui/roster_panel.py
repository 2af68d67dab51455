"""The roster on the left: search, grade filter, archived toggle and the student list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from ..domain.grades import GRADES, grade_label
from ..domain.students import RosterEntry
from .models.roster_model import GRADE, NAME, SIS_ID, RosterFilterProxy, RosterModel
from .ui_loader import child, embed_ui


class RosterPanel(QWidget):
    """Emits ``student_selected`` as the current row moves, ``student_opened`` on Enter."""

    student_selected = Signal(object)  # student id, or None
    student_opened = Signal(int)
    add_requested = Signal()
    caseload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = embed_ui("roster_panel.ui", self)
        self.search = child(form, QLineEdit, "studentSearch")
        self.grade_filter = child(form, QComboBox, "gradeFilter")
        self.show_archived = child(form, QCheckBox, "showArchived")
        self.view = child(form, QTableView, "studentList")
        self.count_label = child(form, QLabel, "rosterCount")
        self.empty_label = child(form, QLabel, "emptyRosterLabel")
        self.add_button = child(form, QPushButton, "addStudentButton")
        self.caseload_button = child(form, QPushButton, "caseloadButton")

        self.model = RosterModel(self)
        self.proxy = RosterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view.setModel(self.proxy)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        # Fixed widths from the font: sizing to contents would read every row of a big school.
        metrics = self.fontMetrics()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GRADE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SIS_ID, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(GRADE, metrics.horizontalAdvance("Grade") + 34)
        header.resizeSection(SIS_ID, metrics.horizontalAdvance("00000000") + 24)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 8)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.grade_filter.addItem("All grades", None)
        for code in GRADES:
            self.grade_filter.addItem(grade_label(code), code)

        self.search.textChanged.connect(self._filter_changed)
        self.grade_filter.currentIndexChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(self._filter_changed)
        self.add_button.clicked.connect(self.add_requested)
        self.caseload_button.clicked.connect(self.caseload_requested)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.search.installEventFilter(self)
        self.view.installEventFilter(self)
        # Counts are refreshed once per filter change or edit, not per row signal: a keystroke
        # can remove hundreds of separate row ranges.
        self._update_counts()

    # Data -------------------------------------------------------------------------------------
    def set_entries(self, entries: list[RosterEntry]) -> None:
        self.model.set_entries(entries)
        self._update_counts()

    def upsert(self, entry: RosterEntry) -> None:
        self.model.upsert(entry)
        self._update_counts()

    def select_student(self, student_id: int) -> bool:
        """Make ``student_id`` the current row (showing it if filters hide it)."""
        row = self.proxy.row_of(student_id)
        if row is None:
            source_row = self.model.row_of(student_id)
            if source_row is None:
                return False
            if self.model.entry(source_row).archived_at:
                self.show_archived.setChecked(True)
            self.search.clear()
            self.grade_filter.setCurrentIndex(0)
            row = self.proxy.row_of(student_id)
            if row is None:
                return False
        index = self.proxy.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def clear_current(self) -> None:
        """No student chosen (the caseload dashboard shows instead)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        selection.clearCurrentIndex()

    def current_student_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.proxy.student_id(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # Reactions --------------------------------------------------------------------------------
    def _filter_changed(self) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_grade(self.grade_filter.currentData())
        self.proxy.set_show_archived(self.show_archived.isChecked())
        self._update_counts()
        if not self.view.currentIndex().isValid():
            self.student_selected.emit(None)

    def _update_counts(self) -> None:
        shown = self.proxy.rowCount()
        active = self.model.student_count()
        total = self.model.student_count(include_archived=True)
        archived = total - active
        if self.proxy.filtering:
            text = f"{shown:,} of {active:,} students"
        else:
            text = f"{active:,} students" if active != 1 else "1 student"
        if archived and not self.show_archived.isChecked():
            text += f" · {archived:,} archived"
        self.count_label.setText(text)
        if shown == 0 and total:
            typed = self.search.text().strip()
            self.empty_label.setText(
                f"No student matches “{typed}”." if typed else "No student in this grade."
            )
        self.empty_label.setVisible(shown == 0 and total > 0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.student_selected.emit(
            self.proxy.student_id(current.row()) if current.isValid() else None
        )

    def _activated(self, index: QModelIndex) -> None:
        student_id = self.proxy.student_id(index.row())
        if student_id is not None:
            self.student_opened.emit(student_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                    self._step_from_search()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._open_from_search()
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
            elif watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.view.currentIndex()
                if index.isValid():
                    self._activated(index)
                    return True
        return super().eventFilter(watched, event)

    def _step_from_search(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _open_from_search(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        index = self.view.currentIndex()
        if not index.isValid():
            index = self.proxy.index(0, 0)
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._activated(index)
