"""Adding or editing one of the student's everyday supports: what, who provides it, since when,
and whether it has ended."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...domain.self_exploration import Checklists, Support, validate_support
from .activity_dialog import DATE_HINT, RecordDialog, line, note_edit

OTHER = "__other__"


class SupportDialog(RecordDialog):
    """A support from the list or in the counselor's words, with provider, dates and a note."""

    def __init__(
        self,
        checklists: Checklists,
        save: Callable[[Support], Any],
        support: Support | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit the support" if support else "Add a support", save, parent)
        self.original = support
        self.checklists = checklists
        current = support or Support()
        note = checklists.supports.note
        if note is not None:
            reminder = QLabel(note.get("en"), self)
            reminder.setWordWrap(True)
            reminder.setStyleSheet("color: palette(placeholder-text);")
            self.form.addRow(reminder)
        self.choice = QComboBox(self)
        self.choice.addItem("Choose a support…", "")
        for entry in checklists.supports.entries:
            self.choice.addItem(entry.get("en"), entry.id)
        self.choice.addItem("Other (in your own words)…", OTHER)
        chosen = current.entry_id or (OTHER if current.other else "")
        self.choice.setCurrentIndex(max(0, self.choice.findData(chosen)))
        self.add_row("Support:", "entry_id", self.choice)
        self.other = self.add_row(
            "In your words:", "other", line(current.other, "e.g. Reads tests aloud", self)
        )
        self.provided_by = QComboBox(self)
        self.provided_by.setEditable(True)
        self.provided_by.addItem("")
        for entry in checklists.providers.entries:
            self.provided_by.addItem(entry.get("en"))
        self.provided_by.setCurrentText(current.provided_by)
        self.add_row("Provided by:", "provided_by", self.provided_by)
        self.since = self.add_row("Since:", "since", line(current.since, DATE_HINT, self))
        self.ended_on = self.add_row(
            "Ended:", "ended_on", line(current.ended_on, "empty while it continues", self)
        )
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self._choice_changed()

    def _choice_changed(self) -> None:
        other = self.choice.currentData() == OTHER
        self.other.setEnabled(other)
        if other:
            self.other.setFocus()

    def build(self) -> Support:
        choice = self.choice.currentData()
        base = self.original
        return Support(
            entry_id="" if choice == OTHER else choice,
            other=self.other.text().strip() if choice == OTHER else "",
            provided_by=self.provided_by.currentText().strip(),
            since=self.since.text().strip(),
            ended_on=self.ended_on.text().strip(),
            note=self.note.toPlainText().strip(),
            recorded_on=base.recorded_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: Support) -> dict[str, str]:
        return validate_support(record, self.checklists)
