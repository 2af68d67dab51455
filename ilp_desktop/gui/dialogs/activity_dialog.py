"""Adding or editing one activity of the student's activity log, and the dialog base the
self-exploration dialogs share: each field with its message beside it, and one store call on
Save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.self_exploration import Activity, Checklists, validate_activity
from ...store.errors import StoreError
from ..look import error_label, show_error

DATE_HINT = "year-month-day, e.g. 2026-09-14"


class RecordDialog(QDialog):
    """A form whose fields show the validation messages beside them.

    Subclasses add their rows with :meth:`add_row` and implement :meth:`build` and
    :meth:`problems`; Save checks the record and, when it is fine, hands it to ``save`` (one
    store call). Whatever ``save`` returns is kept in :attr:`saved`.
    """

    def __init__(self, title: str, save: Callable[[Any], Any], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.save = save
        self.saved: Any = None
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        error_label(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def add_row(self, label: str, key: str, widget: QWidget, *also: str) -> QWidget:
        """A labelled field with its message underneath; ``also`` names more problem keys."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = QLabel(holder)
        message.setWordWrap(True)
        error_label(message)
        column.addWidget(message)
        for name in (key, *also):
            self.errors[name] = message
            self.fields[name] = widget
        self.form.addRow(label, holder)
        return widget

    def build(self) -> Any:
        raise NotImplementedError

    def problems(self, record: Any) -> dict[str, str]:
        raise NotImplementedError

    def show_problems(self, problems: dict[str, str]) -> None:
        shown: dict[QLabel, list[str]] = {label: [] for label in self.errors.values()}
        rest = []
        for key, message in problems.items():
            label = self.errors.get(key)
            if label is None:
                rest.append(message)
            else:
                shown[label].append(message)
        for label, messages in shown.items():
            show_error(label, " ".join(messages) or None)
        show_error(self.general_error, " ".join(rest) or None)
        first = next((self.fields[k] for k in problems if k in self.fields), None)
        if first is not None:
            first.setFocus()

    def try_save(self) -> bool:
        """Check, then save with one store call; False (and the messages shown) if refused."""
        try:
            record = self.build()
        except ValueError as error:
            self.show_problems({"": str(error)})
            return False
        problems = self.problems(record)
        self.show_problems(problems)
        if problems:
            return False
        try:
            self.saved = self.save(record)
        except (ValueError, StoreError) as error:
            show_error(self.general_error, str(error))
            return False
        self.accept()
        return True


def line(text: str = "", placeholder: str = "", parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(text, parent)
    edit.setPlaceholderText(placeholder)
    return edit


def note_edit(text: str, parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


class ActivityDialog(RecordDialog):
    """Kind, name, role, organisation, from–to, hours a week and a note."""

    def __init__(
        self,
        checklists: Checklists,
        save: Callable[[Activity], Any],
        activity: Activity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit the activity" if activity else "Add an activity", save, parent)
        self.original = activity
        today = dt.date.today().isoformat()
        current = activity or Activity(category="club", name="", start_on=today)
        self.category = QComboBox(self)
        for entry in checklists.categories.entries:
            self.category.addItem(entry.get("en"), entry.id)
        self.category.setCurrentIndex(max(0, self.category.findData(current.category)))
        self.add_row("Kind:", "category", self.category)
        self.name = self.add_row("Activity:", "name", line(current.name, "e.g. Soccer", self))
        self.role = self.add_row("Role:", "role", line(current.role, "e.g. Captain", self))
        self.organisation = self.add_row(
            "Organisation:", "organisation", line(current.organisation, "e.g. the school", self)
        )
        self.start_on = self.add_row("From:", "start_on", line(current.start_on, DATE_HINT, self))
        self.end_on = self.add_row(
            "To:", "end_on", line(current.end_on, "empty while it goes on", self)
        )
        hours = "" if current.hours_per_week is None else f"{current.hours_per_week:g}"
        self.hours = self.add_row(
            "Hours a week:", "hours_per_week", line(hours, "e.g. 4 or 2.5", self)
        )
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))
        self.name.setFocus()

    def build(self) -> Activity:
        hours_text = self.hours.text().strip().replace(",", ".")
        hours: Any = None
        if hours_text:
            try:
                hours = float(hours_text)
            except ValueError:
                hours = hours_text  # validate_activity says what is wrong with it
        base = self.original
        return Activity(
            category=self.category.currentData(),
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            organisation=self.organisation.text().strip(),
            start_on=self.start_on.text().strip(),
            end_on=self.end_on.text().strip(),
            hours_per_week=hours,
            note=self.note.toPlainText().strip(),
            recorded_on=base.recorded_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: Activity) -> dict[str, str]:
        return validate_activity(record)
