"""Adding or editing a baseline (GPA, credits, attendance on a date) or an assessment result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.plans import Assessment, Baseline, validate_assessment, validate_baseline
from .activity_dialog import DATE_HINT, RecordDialog, line, note_edit


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _read_number(text: str) -> Any:
    """A float, None for an empty field, or the text itself so the check can name it."""
    cleaned = text.strip().replace(",", ".").rstrip("%").strip()
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return cleaned


class BaselineDialog(RecordDialog):
    """Where the student stood on a date: GPA, credits earned, attendance and a note."""

    def __init__(
        self,
        save: Callable[[Baseline], Any],
        baseline: Baseline | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit the baseline" if baseline else "Add a baseline (current performance)",
            save,
            parent,
        )
        self.today = today or dt.date.today()
        self.original = baseline
        current = baseline or Baseline(as_of=self.today.isoformat())
        self.as_of = self.add_row("As of:", "as_of", line(current.as_of, DATE_HINT, self))
        self.gpa = self.add_row(
            "GPA:", "gpa", line(_number_text(current.gpa), "e.g. 3.2 (empty if none)", self)
        )
        self.credits = self.add_row(
            "Credits earned:",
            "credits",
            line(_number_text(current.credits), "high-school credits so far, e.g. 11.5", self),
        )
        self.attendance = self.add_row(
            "Attendance (%):",
            "attendance",
            line(_number_text(current.attendance), "share of school days attended, e.g. 94", self),
        )
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))
        self.gpa.setFocus()

    def build(self) -> Baseline:
        base = self.original
        return Baseline(
            as_of=self.as_of.text().strip(),
            gpa=_read_number(self.gpa.text()),
            credits=_read_number(self.credits.text()),
            attendance=_read_number(self.attendance.text()),
            note=self.note.toPlainText().strip(),
            recorded_on=base.recorded_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: Baseline) -> dict[str, str]:
        return validate_baseline(record, today=self.today)


class AssessmentDialog(RecordDialog):
    """One assessment result: name, date, score, level and a note."""

    def __init__(
        self,
        save: Callable[[Assessment], Any],
        assessment: Assessment | None = None,
        names: list[str] | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit the assessment result" if assessment else "Add an assessment result",
            save,
            parent,
        )
        self.today = today or dt.date.today()
        self.original = assessment
        current = assessment or Assessment(name="", taken_on=self.today.isoformat())
        self.name = self.add_row(
            "Assessment:", "name", line(current.name, "e.g. PSAT 10, State math test", self)
        )
        if names:
            from PySide6.QtWidgets import QCompleter

            completer = QCompleter(sorted(set(names)), self.name)
            completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
            self.name.setCompleter(completer)
        self.taken_on = self.add_row("Date:", "taken_on", line(current.taken_on, DATE_HINT, self))
        self.score = self.add_row("Score:", "score", line(current.score, "e.g. 1080", self))
        self.level = self.add_row(
            "Level:", "level", line(current.level, "e.g. Met standard, Level 3", self)
        )
        self.note = self.add_row("Note:", "note", note_edit(current.note, self))
        self.name.setFocus()

    def build(self) -> Assessment:
        base = self.original
        return Assessment(
            name=" ".join(self.name.text().split()),
            taken_on=self.taken_on.text().strip(),
            score=self.score.text().strip(),
            level=self.level.text().strip(),
            note=self.note.toPlainText().strip(),
            recorded_on=base.recorded_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: Assessment) -> dict[str, str]:
        return validate_assessment(record, today=self.today)
