"""The school's graduation requirements: semesters or trimesters, the grades a plan spans, the
subject areas with the credits each requires, the total, and where extra credits count.

The rules belong to the school, not to one student: saving changes every student's credit audit,
and the dialog says so. Renaming an area carries the courses filed under it along.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.courses import (
    PLAN_GRADES,
    TERM_SYSTEM_LABELS,
    TERM_SYSTEMS,
    AreaRequirement,
    GraduationRules,
    RulesError,
    check_rules,
    credit_text,
)
from ...domain.grades import grade_label
from ...store.courses import CourseStore
from ...store.errors import StoreError
from ..look import error_label, show_error

ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1  # the area's name when the dialog opened
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # one number per row, kept through renames
NOWHERE = -1
NOTE_STYLE = (
    "QLabel#rulesNote { background: palette(alternate-base); border-left: 3px solid #b8c7dd;"
    " padding: 6px 8px; }"
)


class GraduationRulesDialog(QDialog):
    def __init__(
        self, data: CourseStore, rules: GraduationRules, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Graduation requirements")
        self.data = data
        self.original = rules
        self.saved: GraduationRules | None = None
        self._next_key = 0
        layout = QVBoxLayout(self)
        note = QLabel(
            "These requirements are the school's: they apply to every student, and saving "
            "changes every student's credit audit.",
            self,
        )
        note.setObjectName("rulesNote")
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(True)
        layout.addWidget(note)

        form = QFormLayout()
        self.term_system = QComboBox(self)
        for system in TERM_SYSTEMS:
            self.term_system.addItem(TERM_SYSTEM_LABELS[system], system)
        self.term_system.setCurrentIndex(max(0, self.term_system.findData(rules.term_system)))
        self.term_hint = QLabel(self)
        self.term_hint.setWordWrap(True)
        self.term_hint.setStyleSheet("color: palette(placeholder-text);")
        terms = QVBoxLayout()
        terms.setSpacing(2)
        terms.addWidget(self.term_system)
        terms.addWidget(self.term_hint)
        form.addRow("School year in:", terms)

        self.first_grade = QComboBox(self)
        self.last_grade = QComboBox(self)
        for combo in (self.first_grade, self.last_grade):
            for grade in PLAN_GRADES:
                combo.addItem(grade_label(grade), grade)
        self.first_grade.setCurrentIndex(max(0, self.first_grade.findData(rules.grades[0])))
        self.last_grade.setCurrentIndex(max(0, self.last_grade.findData(rules.grades[-1])))
        grades = QHBoxLayout()
        grades.addWidget(self.first_grade)
        grades.addWidget(QLabel("to", self))
        grades.addWidget(self.last_grade)
        grades.addStretch(1)
        form.addRow("The plan covers:", grades)
        layout.addLayout(form)

        areas_title = QLabel("Subject areas and the credits each requires:", self)
        layout.addWidget(areas_title)
        self.areas = QStandardItemModel(0, 2, self)
        self.areas.setHorizontalHeaderLabels(["Subject area", "Credits required"])
        for area in rules.areas:
            self._append(area.name, credit_text(area.credits), original=area.name)
        self.table = QTableView(self)
        self.table.setModel(self.areas)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        rows = max(len(rules.areas), 9) + 1
        self.table.setMinimumHeight(
            header.sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize()
        )
        layout.addWidget(self.table, 1)
        area_buttons = QHBoxLayout()
        self.add_area_button = QPushButton("Add an area", self)
        self.remove_area_button = QPushButton("Remove the area", self)
        area_buttons.addWidget(self.add_area_button)
        area_buttons.addWidget(self.remove_area_button)
        area_buttons.addStretch(1)
        self.area_sum = QLabel(self)
        area_buttons.addWidget(self.area_sum)
        layout.addLayout(area_buttons)
        hint = QLabel("Double-click a name or a number to change it.", self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)

        more = QFormLayout()
        self.total = QLineEdit(credit_text(rules.total), self)
        self.total.setPlaceholderText("e.g. 22")
        self.total.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        more.addRow("Total credits to graduate:", self.total)
        self.overflow = QComboBox(self)
        more.addRow("Credits beyond an area's requirement count toward:", self.overflow)
        layout.addLayout(more)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        error_label(self.error)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText("Save for every student")
        layout.addWidget(self.buttons)

        overflow_row = next(
            (
                row
                for row in range(self.areas.rowCount())
                if self._name(row).casefold() == rules.overflow_area.casefold()
            ),
            None,
        )
        self._refresh_overflow(
            NOWHERE if overflow_row is None else self.areas.item(overflow_row, 0).data(KEY_ROLE)
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        self.add_area_button.clicked.connect(self.add_area)
        self.remove_area_button.clicked.connect(self.remove_area)
        self.areas.itemChanged.connect(lambda _item: self._areas_changed())
        self.areas.rowsRemoved.connect(lambda *_args: self._areas_changed())
        self.term_system.currentIndexChanged.connect(lambda _n: self._describe_terms())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._areas_changed()
        self._describe_terms()
        self.setMinimumWidth(620)

    # The table of areas -----------------------------------------------------------------------
    def _append(self, name: str, credits: str, original: str | None = None) -> int:
        area = QStandardItem(name)
        area.setData(original, ORIGINAL_ROLE)
        area.setData(self._next_key, KEY_ROLE)
        self._next_key += 1
        amount = QStandardItem(credits)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.areas.appendRow([area, amount])
        return self.areas.rowCount() - 1

    def _name(self, row: int) -> str:
        item = self.areas.item(row, 0)
        return " ".join(item.text().split()) if item else ""

    def add_area(self) -> None:
        row = self._append("New area", "1")
        index = self.areas.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_area(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.areas.removeRow(rows[0].row())

    def set_area(self, row: int, name: str | None = None, credits: str | None = None) -> None:
        """Change one row as typing in the table would (for tests and scripts)."""
        if name is not None:
            self.areas.item(row, 0).setText(name)
        if credits is not None:
            self.areas.item(row, 1).setText(credits)

    def _update_buttons(self) -> None:
        self.remove_area_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _areas_changed(self) -> None:
        self._refresh_overflow(self.overflow.currentData())
        total = 0.0
        for row in range(self.areas.rowCount()):
            with contextlib.suppress(ValueError):  # a slip is pointed out on Save
                total += float(self.areas.item(row, 1).text().replace(",", "."))
        self.area_sum.setText(f"The areas add up to {credit_text(total)} credits.")
        self._update_buttons()

    def _refresh_overflow(self, key: Any) -> None:
        self.overflow.blockSignals(True)
        self.overflow.clear()
        for row in range(self.areas.rowCount()):
            self.overflow.addItem(
                self._name(row) or "(no name)", self.areas.item(row, 0).data(KEY_ROLE)
            )
        self.overflow.addItem("Nowhere: they do not count", NOWHERE)
        self.overflow.setCurrentIndex(max(0, self.overflow.findData(key)))
        self.overflow.blockSignals(False)

    def _describe_terms(self) -> None:
        changed = self.term_system.currentData() != self.original.term_system
        self.term_hint.setText(
            "Courses already in students' plans keep their term until they are edited."
            if changed
            else ""
        )
        self.term_hint.setVisible(changed)

    # Saving -----------------------------------------------------------------------------------
    def build(self) -> GraduationRules:
        """The rules as the dialog shows them; ValueError (in words) for an unreadable number."""
        areas = []
        overflow = ""
        for row in range(self.areas.rowCount()):
            name = self._name(row)
            text = self.areas.item(row, 1).text().strip().replace(",", ".")
            try:
                credits = float(text)
            except ValueError:
                raise ValueError(
                    f"The credits required for {name or 'an area'} must be a number, like 3 or 1.5."
                ) from None
            areas.append(AreaRequirement(name, credits))
            if self.areas.item(row, 0).data(KEY_ROLE) == self.overflow.currentData():
                overflow = name
        try:
            total = float(self.total.text().strip().replace(",", "."))
        except ValueError:
            raise ValueError("The total credits to graduate must be a number, like 22.") from None
        first, last = int(self.first_grade.currentData()), int(self.last_grade.currentData())
        if first > last:
            raise ValueError("The plan's first grade must come before its last grade.")
        grades = tuple(str(g) for g in range(first, last + 1))
        if not all(math.isfinite(a.credits) for a in areas) or not math.isfinite(total):
            raise ValueError("Credits must be ordinary numbers.")
        return GraduationRules(
            areas=tuple(areas),
            total=total,
            term_system=self.term_system.currentData(),
            grades=grades,
            overflow_area=overflow,
        )

    def renamed(self) -> dict[str, str]:
        """Old name -> new name for the areas that were renamed."""
        changes = {}
        for row in range(self.areas.rowCount()):
            original = self.areas.item(row, 0).data(ORIGINAL_ROLE)
            if original and self._name(row) and self._name(row) != original:
                changes[original] = self._name(row)
        return changes

    def removed(self) -> list[str]:
        kept = {self.areas.item(r, 0).data(ORIGINAL_ROLE) for r in range(self.areas.rowCount())}
        return [a.name for a in self.original.areas if a.name not in kept]

    def try_save(self, *, confirm: bool = True) -> bool:
        """Check the rules and save them for every student; False (message shown) if refused."""
        try:
            rules = self.build()
            check_rules(rules)
        except (ValueError, RulesError) as error:
            show_error(self.error, str(error))
            return False
        removed = self.removed()
        if removed and confirm:
            names = ", ".join(removed)
            answer = QMessageBox.question(
                self,
                "Remove subject areas",
                f"Remove {names} from the graduation requirements? Courses already filed under "
                "it keep that area and show in the audit as not matching the rules.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.data.set_rules(rules, renamed=self.renamed())
        except (StoreError, RulesError) as error:
            show_error(self.error, str(error))
            return False
        self.saved = rules
        self.accept()
        return True
