"""The caseload dashboard: the first page a counselor sees.

Six counts (reviews due this month, overdue reviews, no open goals, overdue steps, no interest
inventory, no family acknowledgement this year); each opens its list below, and each row opens
the student on the tab where the work is. Grade and counselor filters narrow everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.caseload import (
    LISTS,
    CaseloadRow,
    caseload_list,
    caseload_rows,
    counselors_in,
    counts,
    filtered,
    grades_in,
)
from ..domain.grades import grade_label
from ..domain.school_year import SchoolCalendar, year_label
from ..store.caseload import CaseloadStore
from ..store.db import Store
from ..store.school_calendar import load_calendar
from .look import heading
from .models.caseload_model import NAME, CaseloadModel, CaseloadProxy
from .models.profile_models import long_date

# Which tab a list's student opens on: where the missing piece is done.
SELF, CAREER, PLANNING, REVIEWS = range(4)
OPENS_ON: dict[str | None, int] = {
    None: REVIEWS,
    "due_this_month": REVIEWS,
    "overdue_reviews": REVIEWS,
    "no_goals": PLANNING,
    "overdue_steps": PLANNING,
    "no_inventory": SELF,
    "no_family_ack": REVIEWS,
}
NO_COUNSELOR = "(no counselor set)"

_CARD_STYLE = """
QPushButton#countCard {
    text-align: left; padding: 8px 12px; border: 1px solid #b8c7dd; border-radius: 6px;
    background: palette(base);
}
QPushButton#countCard:hover { border-color: #2a6f97; }
QPushButton#countCard:checked { background: #e8eef7; border: 2px solid #2a6f97; }
"""


class CountCard(QPushButton):
    """A big count above what it counts; checkable, one of a group."""

    def __init__(self, title: str, description: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        self.setCheckable(True)
        self.setToolTip(description)
        self.title = title
        self.count = 0
        self.number = QLabel("0", self)
        heading(self.number, 1.7)
        self.caption = QLabel(title, self)
        for label in (self.number, self.caption):
            # Clicks go to the button underneath.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 6, 12, 8)
        column.setSpacing(0)
        column.addWidget(self.number)
        column.addWidget(self.caption)
        self.setFixedHeight(self.number.sizeHint().height() + self.caption.sizeHint().height() + 18)

    def set_count(self, count: int) -> None:
        self.count = count
        self.number.setText(f"{count:,}")
        self.number.setStyleSheet("color: #b3261e;" if count else "color: #2e7d32;")
        self.setAccessibleName(f"{self.title}: {count}")


class CaseloadPage(QWidget):
    # A student to open, and the tab to open them on.
    student_opened = Signal(int, int)
    export_requested = Signal()
    calendar_requested = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.caseload = CaseloadStore(store)
        self.today = today
        self.calendar: SchoolCalendar = load_calendar(store)
        self.all_rows: list[CaseloadRow] = []

        self.title = QLabel("Caseload", self)
        heading(self.title, 1.6)
        self.subtitle = QLabel(self)
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.continue_button = QPushButton(self)
        self.continue_button.setVisible(False)
        self.continue_button.clicked.connect(self._continue)
        self._continue_id: int | None = None

        self.grade = QComboBox(self)
        self.grade.setAccessibleName("Grade")
        self.counselor = QComboBox(self)
        self.counselor.setAccessibleName("Counselor")
        self.export_button = QPushButton("Export compliance CSV…", self)
        self.export_button.setToolTip(
            "One row per student: reviews, goals, steps, inventory and family acknowledgement"
        )
        self.calendar_button = QPushButton("School calendar…", self)
        self.calendar_button.setToolTip("School-year dates and when reviews are due")

        self.cards: dict[str, CountCard] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(8)
        for n, item in enumerate(LISTS):
            card = CountCard(item.title, item.description, self)
            self.cards[item.key] = card
            self.group.addButton(card)
            grid.addWidget(card, n // 3, n % 3)
            card.clicked.connect(lambda _checked=False, key=item.key: self._card_clicked(key))
        self.all_button = QPushButton("Show every student", self)
        self.all_button.setToolTip("Clear the chosen count and list the whole caseload")
        self.all_button.clicked.connect(lambda: self._choose(None))

        self.list_title = QLabel(self)
        heading(self.list_title, 1.15)
        self.list_description = QLabel(self)
        self.list_description.setWordWrap(True)
        self.list_description.setStyleSheet("color: palette(placeholder-text);")
        self.model = CaseloadModel(today, self)
        self.proxy = CaseloadProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("caseloadList")
        self.view.setAccessibleName("Students in this list")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._size_columns()
        self.view.activated.connect(self._activated)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Grade:", self))
        filters.addWidget(self.grade)
        filters.addSpacing(12)
        filters.addWidget(QLabel("Counselor:", self))
        filters.addWidget(self.counselor)
        filters.addStretch(1)
        filters.addWidget(self.calendar_button)
        filters.addWidget(self.export_button)
        list_row = QHBoxLayout()
        list_text = QVBoxLayout()
        list_text.addWidget(self.list_title)
        list_text.addWidget(self.list_description)
        list_row.addLayout(list_text, 1)
        list_row.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(grid)
        layout.addSpacing(4)
        layout.addLayout(list_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.setStyleSheet(_CARD_STYLE)

        self.grade.currentIndexChanged.connect(self._filters_changed)
        self.counselor.currentIndexChanged.connect(self._filters_changed)
        self.export_button.clicked.connect(self.export_requested)
        self.calendar_button.clicked.connect(self.calendar_requested)
        self.list_key: str | None = None

    # Data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the caseload again (on showing the page: anything may have changed)."""
        today = self.today()
        self.calendar = load_calendar(self.store)
        self.all_rows = caseload_rows(self.caseload.facts(today), today, self.calendar)
        self.subtitle.setText(
            f"{year_label(self.calendar.year_of(today))} school year · "
            f"{long_date(today.isoformat())}"
        )
        self._fill_combo(self.grade, "All grades", grades_in(self.all_rows), grade_label)
        self._fill_combo(
            self.counselor,
            "All counselors",
            counselors_in(self.all_rows),
            lambda name: name or NO_COUNSELOR,
        )
        self.model.set_rows(self.all_rows)
        self._filters_changed()

    def set_continue(self, student_id: int | None, name: str = "") -> None:
        """Offer to go back to the student last worked with."""
        self._continue_id = student_id
        self.continue_button.setText(f"Continue with {name}  ›" if name else "")
        self.continue_button.setVisible(student_id is not None and bool(name))

    @staticmethod
    def _fill_combo(
        combo: QComboBox, everyone: str, values: list[str], label: Callable[[str], str]
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for value in values:
            combo.addItem(label(value), value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def shown_rows(self) -> list[CaseloadRow]:
        """The rows the grade and counselor filters leave (what the counts count)."""
        return filtered(
            self.all_rows, grade=self.grade.currentData(), counselor=self.counselor.currentData()
        )

    def _filters_changed(self) -> None:
        for key, count in counts(self.shown_rows()).items():
            self.cards[key].set_count(count)
        self._apply()

    # Choosing a list --------------------------------------------------------------------------
    def _card_clicked(self, key: str) -> None:
        self._choose(key)

    def _choose(self, key: str | None) -> None:
        self.list_key = key
        for card_key, card in self.cards.items():
            card.setChecked(card_key == key)
        if key is None:  # an exclusive group cannot uncheck its last button by itself
            self.group.setExclusive(False)
            for card in self.cards.values():
                card.setChecked(False)
            self.group.setExclusive(True)
        self._apply()

    def show_list(self, key: str | None) -> None:
        """Show one list (a LISTS key) or every student (None), as clicking its count does."""
        self._choose(key)

    def _apply(self) -> None:
        self.proxy.set_filters(
            self.list_key, self.grade.currentData(), self.counselor.currentData()
        )
        shown = self.proxy.rowCount()
        if self.list_key is None:
            self.list_title.setText(f"Every student ({shown:,})")
            self.list_description.setText(
                "Click a count above to see who it is. Double-click a student (or press Enter) "
                "to open their plan."
            )
        else:
            item = caseload_list(self.list_key)
            self.list_title.setText(f"{item.title} ({shown:,})")
            self.list_description.setText(item.description + " Double-click to open.")
        self.all_button.setEnabled(self.list_key is not None)
        self.empty.setText("Nobody in this list." if self.all_rows else "No students yet.")
        self.empty.setVisible(shown == 0)

    def _size_columns(self) -> None:
        # From the font, not from the contents: sizing to contents would read every row.
        metrics = self.fontMetrics()
        header = self.view.horizontalHeader()
        widths = {
            0: "Abdirahman Aden-Warsame",
            1: "Grade",
            2: "Marcus Oyelaran",
            3: "Transition review overdue since Sep 30, 2026",
            4: "Sep 30, 2026",
            5: "Open goals",
            6: "Overdue steps",
            7: "Sep 30, 2026",
        }
        for column, sample in widths.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 18)

    # Opening a student ------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        student_id = self.proxy.student_id(index.row())
        if student_id is not None:
            self.student_opened.emit(student_id, OPENS_ON.get(self.list_key, REVIEWS))

    def _continue(self) -> None:
        if self._continue_id is not None:
            self.student_opened.emit(self._continue_id, -1)
