"""The school's course catalog: a searchable, sortable table with Add…, Edit…, Remove, and an
import from a CSV file exported by the student information system.

An import checks every line first. If any line is wrong, the lines are listed and nothing is
saved; if all are fine, the counselor chooses to add them (updating courses with the same code)
or to replace the whole catalog, and the import happens in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.courses import Course, GraduationRules, RowProblem, parse_catalog
from ...domain.table_files import TableFileError, read_table_file
from ...store.courses import CourseStore
from ...store.errors import StoreError
from ..models.course_list_models import CatalogModel, CourseFilterProxy
from .course_dialog import CourseDialog

PROBLEMS_SHOWN = 12  # the rest go under "Show Details…"


def count_words(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def problem_lines(problems: Sequence[RowProblem]) -> list[str]:
    return [f"Line {p.row}: {p.message}" for p in problems]


def import_problems_box(parent: QWidget, name: str, problems: Sequence[RowProblem]) -> QMessageBox:
    """Every bad line of the file, and that nothing was saved."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Nothing imported")
    box.setText(
        f"Nothing was imported: {count_words(len(problems), 'line')} of “{name}” "
        + ("needs" if len(problems) == 1 else "need")
        + " fixing first. The catalog is unchanged."
    )
    lines = problem_lines(problems)
    shown = lines[:PROBLEMS_SHOWN]
    if len(lines) > PROBLEMS_SHOWN:
        shown.append(f"…and {len(lines) - PROBLEMS_SHOWN} more (Show Details…).")
        box.setDetailedText("\n".join(lines))
    box.setInformativeText(
        "\n".join(shown) + "\n\nCorrect these lines in the spreadsheet, save it as CSV again, "
        "and import it again. Line numbers are the spreadsheet's row numbers."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _widen(box, 70)
    return box


def _widen(box: QMessageBox, chars: int) -> None:
    """A message box sizes itself to its text; a spacer keeps long lines from wrapping early."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        width = box.fontMetrics().averageCharWidth() * chars
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def import_mode_box(
    parent: QWidget, name: str, courses: Sequence[Course], catalog: Sequence[Course]
) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """Add the file's courses to the catalog, or make the catalog exactly the file's courses."""
    have = {c.code.casefold() for c in catalog}
    same = sum(c.code.casefold() in have for c in courses)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Import the catalog")
    box.setText(f"All {count_words(len(courses), 'course')} in “{name}” can be imported.")
    details = [
        f"The catalog has {count_words(len(catalog), 'course')} now"
        + (f"; {same} of them have the same code as a course in the file." if same else "."),
        "Add: the file's courses join the catalog, and a course with the same code is updated.",
        "Replace: the catalog becomes exactly the file's courses.",
        "Either way, students' plans keep their courses as they are.",
    ]
    box.setInformativeText("\n\n".join(details))
    add = box.addButton(
        "Add to the catalog (update courses with the same code)",
        QMessageBox.ButtonRole.AcceptRole,
    )
    replace = box.addButton("Replace the whole catalog", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(add)
    _widen(box, 70)
    return box, add, replace


class CourseCatalogDialog(QDialog):
    """The catalog every student's plan picks from."""

    catalog_changed = Signal()

    def __init__(
        self, data: CourseStore, rules: GraduationRules, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Course catalog")
        self.data = data
        self.rules = rules
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The school's courses, shared by every student's course plan. Import the list "
            "your student information system exports as a CSV file, or add courses one by one.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        search_row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search by code, title or subject area")
        self.search.setClearButtonEnabled(True)
        search_row.addWidget(self.search, 1)
        self.count = QLabel(self)
        search_row.addWidget(self.count)
        layout.addLayout(search_row)

        self.model = CatalogModel(self)
        self.proxy = CourseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(
            "The catalog is empty. Import it from a CSV file or add courses one by one.", self
        )
        self.empty.setStyleSheet("font-style: italic;")
        layout.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.remove_button = QPushButton("Remove", self)
        self.import_button = QPushButton("Import from CSV…", self)
        self.close_button = QPushButton("Close", self)
        for button in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self._search)
        self.add_button.clicked.connect(self.add_course)
        self.edit_button.clicked.connect(self.edit_course)
        self.remove_button.clicked.connect(self.remove_course)
        self.import_button.clicked.connect(self.import_csv)
        self.close_button.clicked.connect(self.accept)
        self.view.doubleClicked.connect(lambda _index: self.edit_course())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(900, 560)
        self.reload()

    # Showing ----------------------------------------------------------------------------------
    def reload(self, select_code: str = "") -> None:
        self.model.set_records(self.data.catalog())
        self._fit_title_column()
        if select_code:
            self.select(select_code)
        self._update_buttons()

    def _fit_title_column(self) -> None:
        # Titles can be long; past about 40 characters they are cut, with the tooltip in full.
        self.view.resizeColumnToContents(1)
        limit = self.view.fontMetrics().averageCharWidth() * 40
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), limit))

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(
            count_words(total, "course") if shown == total else f"{shown} of {total} courses"
        )
        self.empty.setVisible(total == 0)

    def current(self) -> Course | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def select(self, code: str) -> bool:
        row = self.model.row_of_code(code)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    # Editing ----------------------------------------------------------------------------------
    def course_dialog(self, course: Course | None = None) -> CourseDialog:
        old_code = course.code if course else None
        return CourseDialog(
            self.rules, lambda c: self.data.save_course(c, old_code=old_code), course, self
        )

    def add_course(self) -> None:
        dialog = self.course_dialog()
        if dialog.exec():
            self._saved(dialog.saved)

    def edit_course(self) -> None:
        course = self.current()
        if course is None:
            return
        dialog = self.course_dialog(course)
        if dialog.exec():
            self._saved(dialog.saved)

    def _saved(self, course: Course | None) -> None:
        self.reload(course.code if course else "")
        self.catalog_changed.emit()

    def remove_course(self) -> None:
        course = self.current()
        if course is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove from the catalog",
            f"Take {course.code} “{course.title}” out of the catalog? Students' plans that "
            "have it keep it as they are.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.data.delete_course(course.code)
        except StoreError as error:
            QMessageBox.warning(self, "Not removed", str(error))
            return
        self.reload()
        self.catalog_changed.emit()

    # Importing --------------------------------------------------------------------------------
    def import_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import the course catalog",
            "",
            "CSV or text files (*.csv *.txt *.tsv);;All files (*)",
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        """Check the whole file, then import all of it or nothing. True if imported."""
        try:
            table = read_table_file(path)
        except TableFileError as error:
            QMessageBox.warning(self, "Nothing imported", f"{error}\n\nThe catalog is unchanged.")
            return False
        except OSError as error:
            QMessageBox.warning(
                self,
                "Nothing imported",
                f"“{path.name}” cannot be opened ({error.strerror or error}). "
                "The catalog is unchanged.",
            )
            return False
        result = parse_catalog(table.rows, self.rules)
        if result.problems:
            import_problems_box(self, path.name, result.problems).exec()
            return False
        before = self.data.catalog()
        box, add, replace = import_mode_box(self, path.name, result.courses, before)
        box.exec()
        if box.clickedButton() not in (add, replace):
            return False
        replace_all = box.clickedButton() is replace
        try:
            added, updated = self.data.import_catalog(result.courses, replace_all=replace_all)
        except StoreError as error:
            QMessageBox.warning(self, "Nothing imported", f"{error}\n\nThe catalog is unchanged.")
            return False
        self.search.clear()
        self.reload()
        self.catalog_changed.emit()
        QMessageBox.information(
            self,
            "Catalog imported",
            f"{count_words(added, 'course')} added, {updated} updated"
            + (f", {len(before) - updated} taken out" if replace_all else "")
            + f". The catalog now has {count_words(self.model.rowCount(), 'course')}.",
        )
        return True
