"""The rest of the Self-exploration page below the interest inventory: the student's strengths,
skills with how sure they feel, work values, learning preferences, activities and supports.

Each list shows what is on record; Add…, Edit… and Remove each make one store call, so there is
nothing to save and nothing lost when the counselor moves to another student.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import bundled
from ..domain.self_exploration import (
    KIND_WORDS,
    KINDS,
    Activity,
    Checklists,
    ProfileItem,
    SelfExplorationProfile,
    Support,
    validate_profile_item,
)
from ..domain.students import Student
from ..store.self_exploration import SelfExplorationStore
from .dialogs.activity_dialog import ActivityDialog, RecordDialog, line, note_edit
from .dialogs.support_dialog import SupportDialog
from .look import chip, chip_holder, heading
from .models.profile_models import (
    ActivitiesModel,
    ProfileItemsModel,
    RecordsModel,
    SupportsModel,
)
from .saving import save_or_warn

OTHER = "__other__"
TITLES = {
    "strength": "Strengths",
    "skill": "Skills and how sure the student feels",
    "value": "Work values",
    "learning": "How the student learns best",
}
# The roster flags that mean a legal plan or a language program is on file.
ON_FILE = (
    ("iep", "IEP on file"),
    ("plan_504", "504 plan on file"),
    ("ell", "English learner (ELL)"),
)


bundled_checklists = bundled.checklists


def confirm_remove(parent: QWidget, what: str) -> bool:
    """Ask before removing: there is no undo."""
    answer = QMessageBox.question(
        parent,
        "Remove",
        f"Remove “{what}” from the student's record? This cannot be undone.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


# --- Dialog ---------------------------------------------------------------------------------


class ProfileItemDialog(RecordDialog):
    """Add a strength, skill, value or learning preference (from the list or in the student's
    words), or edit the note and confidence of one on record."""

    def __init__(
        self,
        checklists: Checklists,
        kind: str,
        save: Callable[[ProfileItem], Any],
        item: ProfileItem | None = None,
        taken: frozenset[str] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        word = KIND_WORDS[kind]
        super().__init__(f"Edit the {word}" if item else f"Add a {word}", save, parent)
        self.checklists = checklists
        self.kind = kind
        self.original = item
        checklist = checklists.for_kind(kind)
        intro = QLabel(checklist.intro.get("en"), self)
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow(intro)
        self.choice = QComboBox(self)
        self.other = line(item.other if item else "", "in the student's own words", self)
        if item is None:
            self.choice.addItem(f"Choose a {word}…", "")
            for entry in checklist.entries:
                if entry.id not in taken:
                    self.choice.addItem(entry.get("en"), entry.id)
            self.choice.addItem("Other (in the student's words)…", OTHER)
            self.choice.setMaxVisibleItems(30)
            self.add_row(f"{word.capitalize()}:", "entry_id", self.choice)
            self.add_row("In their words:", "other", self.other)
            self.choice.currentIndexChanged.connect(self._choice_changed)
            self._choice_changed()
        elif item.entry_id:
            self.choice.addItem(checklists.text(item), item.entry_id)
            self.choice.setEnabled(False)
            self.add_row(f"{word.capitalize()}:", "entry_id", self.choice)
        else:
            self.add_row(f"{word.capitalize()}:", "other", self.other, "entry_id")
        self.confidence: QComboBox | None = None
        if kind == "skill":
            self.confidence = QComboBox(self)
            self.confidence.addItem("Choose how sure they feel…", None)
            for point in checklists.confidence:
                self.confidence.addItem(f"{point.value} – {point.label.get('en')}", point.value)
            if item is not None and item.confidence is not None:
                self.confidence.setCurrentIndex(max(0, self.confidence.findData(item.confidence)))
            self.add_row("Confidence:", "confidence", self.confidence)
        self.note = self.add_row("Note:", "note", note_edit(item.note if item else "", self))

    def _choice_changed(self) -> None:
        other = self.choice.currentData() == OTHER
        self.other.setEnabled(other)
        if other:
            self.other.setFocus()

    def choose(self, entry_id: str) -> bool:
        """Pick ``entry_id`` (or OTHER) in the list; False if it is not offered."""
        index = self.choice.findData(entry_id)
        if index >= 0:
            self.choice.setCurrentIndex(index)
        return index >= 0

    def build(self) -> ProfileItem:
        base = self.original
        if base is not None:
            entry_id, other = base.entry_id, "" if base.entry_id else self.other.text().strip()
        else:
            choice = self.choice.currentData()
            entry_id = "" if choice == OTHER else choice
            other = self.other.text().strip() if choice == OTHER else ""
        return ProfileItem(
            kind=self.kind,
            entry_id=entry_id,
            other=other,
            confidence=self.confidence.currentData() if self.confidence else None,
            note=self.note.toPlainText().strip(),
            recorded_on=base.recorded_on if base else "",
            updated_on=base.updated_on if base else "",
            student_id=base.student_id if base else None,
            id=base.id if base else None,
        )

    def problems(self, record: ProfileItem) -> dict[str, str]:
        return validate_profile_item(record, self.checklists)


# --- One list on the page -------------------------------------------------------------------


def fitted_table(model: RecordsModel[Any], parent: QWidget, stretch: int) -> QTableView:
    """A read-only table as tall as its rows, so the page scrolls rather than the table."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    model.modelReset.connect(lambda: _fit(view))
    _fit(view)
    return view


def _fit(view: QTableView) -> None:
    rows = view.model().rowCount()
    height = (
        view.horizontalHeader().sizeHint().height()
        + rows * view.verticalHeader().defaultSectionSize()
        + 2 * view.frameWidth()
    )
    view.setFixedHeight(height)
    view.setVisible(rows > 0)


class RecordsSection(QWidget):
    """A heading, an intro, the table of records and Add…, Edit…, Remove under it."""

    def __init__(
        self,
        title: str,
        intro: str,
        model: RecordsModel[Any],
        stretch: int,
        empty: str,
        parent: QWidget | None = None,
        *,
        title_scale: float = 1.1,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(title, self)
        heading(self.title, title_scale)
        layout.addWidget(self.title)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.intro)
        self.extra = QVBoxLayout()
        self.extra.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.extra)
        self.view = fitted_table(model, self, stretch)
        layout.addWidget(self.view)
        self.empty = QLabel(empty, self)
        self.empty.setStyleSheet("font-style: italic;")
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.remove_button = QPushButton("Remove", self)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.edit_button.click())
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.empty.setVisible(self.model.rowCount() == 0)

    def current(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select(self, record_id: int | None) -> bool:
        """Select the record with ``record_id``; False if it is not shown."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().select(self.model.index(row, 0), flags)
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True


# --- The whole set of sections --------------------------------------------------------------


class ProfileSections(QWidget):
    """Strengths, skills, values, learning, activities and supports of one student."""

    def __init__(
        self,
        data: SelfExplorationStore,
        checklists: Checklists,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.checklists = checklists
        self.student: Student | None = None
        self.profile = SelfExplorationProfile(student_id=None)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 16, 0, 0)
        page.setSpacing(10)

        title = QLabel("Strengths, skills, values and learning", self)
        heading(title, 1.3)
        page.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(18)
        self.items: dict[str, RecordsSection] = {}
        for n, kind in enumerate(KINDS):
            model = ProfileItemsModel(checklists, kind)
            section = RecordsSection(
                TITLES[kind],
                checklists.for_kind(kind).intro.get("en"),
                model,
                model.columnCount() - 2,  # the note
                f"No {KIND_WORDS[kind]}s recorded yet.",
                self,
            )
            section.add_button.clicked.connect(lambda _=False, k=kind: self.add_item(k))
            section.edit_button.clicked.connect(lambda _=False, k=kind: self.edit_item(k))
            section.remove_button.clicked.connect(lambda _=False, k=kind: self.remove_item(k))
            self.items[kind] = section
            grid.addWidget(section, n // 2, n % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        page.addLayout(grid)

        self.activities = RecordsSection(
            "Activities in and out of school",
            "Clubs, sports, arts, jobs, volunteering and family responsibilities: the activity "
            "log, with the student's role, dates and hours a week.",
            ActivitiesModel(checklists),
            6,
            "No activities recorded yet.",
            self,
            title_scale=1.3,
        )
        self.activities.add_button.clicked.connect(self.add_activity)
        self.activities.edit_button.clicked.connect(self.edit_activity)
        self.activities.remove_button.clicked.connect(self.remove_activity)
        page.addSpacing(8)
        page.addWidget(self.activities)

        supports = checklists.supports
        self.supports = RecordsSection(
            "Needs and supports",
            supports.intro.get("en"),
            SupportsModel(checklists),
            4,
            "No supports recorded yet.",
            self,
            title_scale=1.3,
        )
        self.iep_note = QLabel(supports.note.get("en") if supports.note else "", self.supports)
        self.iep_note.setWordWrap(True)
        self.iep_note.setObjectName("iepNote")
        self.iep_note.setStyleSheet(
            "QLabel#iepNote { background: palette(alternate-base); border-left: 3px solid "
            "#b8c7dd; padding: 6px 8px; }"
        )
        self.supports.extra.addWidget(self.iep_note)
        self.flags_row = QWidget(self.supports)
        chip_holder(self.flags_row)
        self.flags_layout = QHBoxLayout(self.flags_row)
        self.flags_layout.setContentsMargins(0, 2, 0, 2)
        self.supports.extra.addWidget(self.flags_row)
        self.supports.add_button.clicked.connect(self.add_support)
        self.supports.edit_button.clicked.connect(self.edit_support)
        self.supports.remove_button.clicked.connect(self.remove_support)
        page.addSpacing(8)
        page.addWidget(self.supports)
        self._show_flags()

    # Showing a student ------------------------------------------------------------------------
    def set_student(self, student: Student) -> None:
        self.student = student
        self._show_flags()
        self.reload()

    def reload(self) -> None:
        if self.student is None or self.student.id is None:
            return
        self.profile = self.data.profile(self.student.id)
        for kind, section in self.items.items():
            section.model.set_records(self.profile.items_of(kind))
        self.activities.model.set_records(self.profile.activities)
        self.supports.model.set_records(self.profile.supports)

    def flag_texts(self) -> list[str]:
        """What the roster says is on file: "IEP on file", "504 plan on file", ..."""
        if self.student is None:
            return []
        return [text for attr, text in ON_FILE if getattr(self.student, attr)]

    def _show_flags(self) -> None:
        while self.flags_layout.count():
            old = self.flags_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        texts = self.flag_texts()
        for text in texts:
            self.flags_layout.addWidget(
                chip(text, "From the roster; the plan itself is kept elsewhere.", self.flags_row)
            )
        self.flags_layout.addStretch(1)
        self.flags_row.setVisible(bool(texts))

    def _student_id(self) -> int | None:
        return None if self.student is None else self.student.id

    def _after(self, section: RecordsSection, saved: Any) -> None:
        self.reload()
        if saved is not None:
            section.select(saved.id)

    def _guarded(self, action: Callable[[], Any]) -> bool:
        return save_or_warn(self, action)[0]

    # Profile items ----------------------------------------------------------------------------
    def item_dialog(self, kind: str, item: ProfileItem | None = None) -> ProfileItemDialog:
        student_id = self._student_id()
        assert student_id is not None

        def save(record: ProfileItem) -> ProfileItem:
            if record.id is None:
                return self.data.add_profile_item(student_id, record)
            return self.data.update_profile_item(record)

        taken = frozenset(i.entry_id for i in self.profile.items_of(kind) if i.entry_id)
        return ProfileItemDialog(self.checklists, kind, save, item, taken, self)

    def add_item(self, kind: str) -> None:
        if self._student_id() is None:
            return
        dialog = self.item_dialog(kind)
        if dialog.exec():
            self._after(self.items[kind], dialog.saved)

    def edit_item(self, kind: str) -> None:
        item = self.items[kind].current()
        if item is None:
            return
        dialog = self.item_dialog(kind, item)
        if dialog.exec():
            self._after(self.items[kind], dialog.saved)

    def remove_item(self, kind: str) -> None:
        item = self.items[kind].current()
        if item is None or item.id is None:
            return
        if confirm_remove(self, self.checklists.text(item)):
            self._guarded(lambda: self.data.delete_profile_item(item.id))
            self.reload()

    # Activities -------------------------------------------------------------------------------
    def activity_dialog(self, activity: Activity | None = None) -> ActivityDialog:
        student_id = self._student_id()
        assert student_id is not None

        def save(record: Activity) -> Activity:
            if record.id is None:
                return self.data.add_activity(student_id, record)
            return self.data.update_activity(record)

        return ActivityDialog(self.checklists, save, activity, self)

    def add_activity(self) -> None:
        if self._student_id() is None:
            return
        dialog = self.activity_dialog()
        if dialog.exec():
            self._after(self.activities, dialog.saved)

    def edit_activity(self) -> None:
        activity = self.activities.current()
        if activity is None:
            return
        dialog = self.activity_dialog(activity)
        if dialog.exec():
            self._after(self.activities, dialog.saved)

    def remove_activity(self) -> None:
        activity = self.activities.current()
        if activity is None or activity.id is None:
            return
        if confirm_remove(self, activity.name):
            self._guarded(lambda: self.data.delete_activity(activity.id))
            self.reload()

    # Supports ---------------------------------------------------------------------------------
    def support_dialog(self, support: Support | None = None) -> SupportDialog:
        student_id = self._student_id()
        assert student_id is not None

        def save(record: Support) -> Support:
            if record.id is None:
                return self.data.add_support(student_id, record)
            return self.data.update_support(record)

        return SupportDialog(self.checklists, save, support, self)

    def add_support(self) -> None:
        if self._student_id() is None:
            return
        dialog = self.support_dialog()
        if dialog.exec():
            self._after(self.supports, dialog.saved)

    def edit_support(self) -> None:
        support = self.supports.current()
        if support is None:
            return
        dialog = self.support_dialog(support)
        if dialog.exec():
            self._after(self.supports, dialog.saved)

    def remove_support(self) -> None:
        support = self.supports.current()
        if support is None or support.id is None:
            return
        if confirm_remove(self, self.checklists.text(support)):
            self._guarded(lambda: self.data.delete_support(support.id))
            self.reload()
