"""Adding or editing one target of the postsecondary plan: a program, a school or college, or
an employer the student is aiming for, with a note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...domain.postsecondary import TARGET_KIND_LABELS, TARGET_KINDS, Target, validate_target
from .activity_dialog import RecordDialog, line, note_edit

NAME_HINTS: dict[str, str] = {
    "program": "e.g. Nursing (ADN), Valley Community College",
    "school": "e.g. Riverside State University",
    "employer": "e.g. Mercy Hospital, IBEW Local 46",
}


class TargetDialog(RecordDialog):
    """Kind (program, school or employer), name and a note."""

    def __init__(
        self,
        save: Callable[[Target], Any],
        target: Target | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            "Edit the program, school or employer"
            if target
            else "Add a program, school or employer"
        )
        super().__init__(title, save, parent)
        self.original = target
        current = target or Target(kind="program", name="")
        self.kind = QComboBox(self)
        for kind in TARGET_KINDS:
            self.kind.addItem(TARGET_KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
        self.add_row("Kind:", "kind", self.kind)
        self.name = self.add_row("Name:", "name", line(current.name, "", self))
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))
        self.note.setPlaceholderText("e.g. Applications open Nov 1; wants to visit in the spring")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.name.setFocus()

    def _kind_changed(self) -> None:
        self.name.setPlaceholderText(NAME_HINTS.get(self.kind.currentData(), ""))

    def build(self) -> Target:
        return Target(
            kind=self.kind.currentData(),
            name=self.name.text().strip(),
            note=self.note.toPlainText().strip(),
            id=self.original.id if self.original else None,
        )

    def problems(self, record: Target) -> dict[str, str]:
        return validate_target(record)
