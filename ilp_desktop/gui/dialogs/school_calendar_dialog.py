"""The school calendar: the school year's first and last day and when each review is due.

Dates are picked for the current school year and kept as month and day, so the same calendar
serves every year until the school changes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from ...domain.school_year import (
    FIELD_LABELS,
    CalendarError,
    SchoolCalendar,
    check_calendar,
    year_label,
)
from ...store.db import Store
from ...store.school_calendar import load_calendar, save_calendar
from .activity_dialog import RecordDialog
from .session_dialog import pydate, qdate

DATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("first_day", "First day of school:"),
    ("transition_due", "Transition reviews (entering grades 6 and 9) due by:"),
    ("fall_due", "Fall checkpoint due by:"),
    ("final_year_due", "Final-year review due by:"),
    ("spring_opens", "Spring checkpoint opens:"),
    ("spring_due", "Spring checkpoint due by:"),
    ("last_day", "Last day of classes:"),
)


class SchoolCalendarDialog(RecordDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__("School calendar", lambda cal: save_calendar(store, cal) or cal, parent)
        self.today = today or dt.date.today()
        current = load_calendar(store)
        self.year = current.year_of(self.today)
        intro = QLabel(
            f"Dates for the {year_label(self.year)} school year. They are kept as month and day "
            "and repeat every year. Every student has a fall and a spring checkpoint, plus a "
            "transition review when entering grade 6 or 9 and in the school's last grade.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.dates: dict[str, QDateEdit] = {}
        for key, label in DATE_FIELDS:
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("MMMM d, yyyy")
            edit.setAccessibleName(FIELD_LABELS[key])
            with contextlib.suppress(CalendarError):
                edit.setDate(qdate(current.date_in(self.year, getattr(current, key))))
            self.dates[key] = self.add_row(label, key, edit)  # type: ignore[assignment]
        self.final_grade = QComboBox(self)
        for grade in range(1, 13):
            self.final_grade.addItem(f"Grade {grade}", str(grade))
        self.final_grade.setCurrentIndex(max(0, self.final_grade.findData(current.final_grade)))
        self.add_row("The school's last grade:", "final_grade", self.final_grade)

    def build(self) -> SchoolCalendar:
        values = {key: pydate(edit.date()).strftime("%m-%d") for key, edit in self.dates.items()}
        return SchoolCalendar(final_grade=self.final_grade.currentData(), **values)

    def problems(self, record: SchoolCalendar) -> dict[str, str]:
        return check_calendar(record)
