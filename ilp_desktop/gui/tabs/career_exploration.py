"""The Career exploration tab: careers matched to the student's interests, the cluster browser
and the student's shortlist, with the selected career's detail beside them."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import bundled
from ...domain.career_clusters import FRAMEWORKS, cluster_names
from ...domain.career_matching import (
    CareerFilter,
    CodeError,
    Match,
    StudentInterests,
    from_result,
    from_typed_code,
    match,
    rank,
)
from ...domain.careers import JOB_ZONES
from ...domain.shortlist import ShortlistEntry, ShortlistError, check_compare
from ...domain.students import Student
from ...store.db import Store
from ...store.errors import StoreError
from ...store.self_exploration import SelfExplorationStore
from ...store.shortlist import ShortlistStore
from ..career_detail import CareerDetail
from ..career_library_holder import CareerLibraryHolder
from ..look import error_label, show_error
from ..models.attempts_model import format_date
from ..models.careers_model import FIT, REASON, TITLE, WAGE, ZONE, CareersModel, CareersProxy
from ..models.cluster_model import CLUSTER_ROLE, ClusterModel, ClusterProxy
from ..models.shortlist_model import (
    FIT as SHORT_FIT,
)
from ..models.shortlist_model import (
    NEED,
    RANK,
    WHY,
    ShortlistModel,
    ShortlistProxy,
)
from ..models.shortlist_model import (
    TITLE as SHORT_TITLE,
)

log = logging.getLogger(__name__)

NOTE_SAVE_DELAY_MS = 700
WAGE_STEPS = (25_000, 35_000, 45_000, 55_000, 70_000, 90_000)
EDUCATION_LIMITS = (
    ("high_school", "Up to a high school diploma"),
    ("some_college", "Up to a certificate or some college"),
    ("associates", "Up to an associate's degree"),
    ("bachelors", "Up to a bachelor's degree"),
    ("masters", "Up to a master's degree"),
)


def _table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.setSortingEnabled(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _career_table(parent: QWidget, name: str, proxy: CareersProxy) -> QTableView:
    view = _table(parent, name)
    view.setModel(proxy)
    # Each of the two lines is cut with "…" on its own; wrapping would push the second away.
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    metrics = view.fontMetrics()
    view.setColumnWidth(FIT, metrics.horizontalAdvance("Fit 100"))
    view.setColumnWidth(ZONE, metrics.horizontalAdvance("Considerable") + 12)
    view.setColumnWidth(WAGE, metrics.horizontalAdvance("$000,000") + 16)
    view.setColumnHidden(REASON, True)  # the reason is the career cell's second line
    # Two lines per row (title, then why it may suit) at a fixed height: no per-row measuring.
    view.verticalHeader().setDefaultSectionSize(int(metrics.height() * 2.5))
    view.sortByColumn(FIT, Qt.SortOrder.AscendingOrder)
    return view


class CareerExplorationTab(QWidget):
    """The second phase of the plan for the selected student."""

    shortlist_changed = Signal(int)  # student id

    def __init__(
        self, store: Store, holder: CareerLibraryHolder, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.holder = holder
        self.selfx = SelfExplorationStore(store)
        self.shortlist = ShortlistStore(store)
        self.student: Student | None = None
        self.interests: StudentInterests | None = None
        self.inventory_interests: StudentInterests | None = None
        self._typed: dict[int, str] = {}  # per student, for this session
        self._matches: dict[str, Match] = {}
        self._shortlisted: set[str] = set()
        self._notes_entry: ShortlistEntry | None = None
        self._build()
        holder.changed.connect(self._library_changed)
        self._library_changed()

    # Building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        top = QHBoxLayout()
        self.interests_label = QLabel(self)
        self.interests_label.setObjectName("interestsLabel")
        self.interests_label.setWordWrap(True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("typedCode")
        self.code_edit.setPlaceholderText("e.g. SIA")
        self.code_edit.setMaxLength(8)
        self.code_edit.setFixedWidth(self.fontMetrics().horizontalAdvance("e.g. SIA") + 24)
        self.code_edit.setToolTip(
            "Try a three-letter interest code: R Realistic, I Investigative, A Artistic, "
            "S Social, E Enterprising, C Conventional"
        )
        self.code_label = QLabel("Try a code:", self)
        self.code_label.setBuddy(self.code_edit)
        self.use_inventory = QPushButton("Use the inventory", self)
        self.use_inventory.setToolTip("Go back to the code from the student's latest inventory")
        self.code_error = QLabel(self)
        error_label(self.code_error)
        self.sources_button = QPushButton(self)
        self.sources_button.setObjectName("librarySources")
        self.sources_button.setFlat(True)
        self.sources_button.setToolTip("Where the careers come from, and importing O*NET")
        top.addWidget(self.interests_label, 1)
        for widget in (self.code_label, self.code_edit, self.use_inventory, self.sources_button):
            top.addWidget(widget)
        column.addLayout(top)
        column.addWidget(self.code_error)
        self.code_edit.textEdited.connect(self._code_typed)
        self.use_inventory.clicked.connect(self._back_to_inventory)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.views = QTabWidget(self.splitter)
        self.views.setObjectName("careerViews")
        self.views.setDocumentMode(True)
        self.detail = CareerDetail(self.splitter)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([560, 400])
        self.detail.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.splitter.setChildrenCollapsible(False)
        column.addWidget(self.splitter, 1)
        self.detail.related_chosen.connect(self.show_career)
        self.detail.shortlist_toggled.connect(self._toggle_shortlist)

        self.views.addTab(self._build_matches(), "Matches")
        self.views.addTab(self._build_clusters(), "Browse by cluster")
        self.views.addTab(self._build_shortlist(), "Shortlist")
        self.views.currentChanged.connect(self._view_changed)

    def _build_matches(self) -> QWidget:
        page = QWidget(self.views)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        row1 = QHBoxLayout()
        self.search = QLineEdit(page)
        self.search.setObjectName("careerSearch")
        self.search.setPlaceholderText("Search careers and other job titles")
        self.search.setClearButtonEnabled(True)
        self.zone_filter = QComboBox(page)
        self.zone_filter.setObjectName("zoneFilter")
        self.zone_filter.addItem("Any preparation", None)
        for zone, name in JOB_ZONES.items():
            self.zone_filter.addItem(f"{zone}: {name}", zone)
        self.zone_filter.setToolTip(
            "Job zones group careers by how much preparation they take: 1 little or none, "
            "2 some (high school and months of training), 3 medium (vocational training or an "
            "associate's degree), 4 considerable (a bachelor's degree), 5 extensive (a graduate "
            "degree)."
        )
        row1.addWidget(self.search, 2)
        row1.addWidget(self.zone_filter, 1)
        row2 = QHBoxLayout()
        self.cluster_filter = QComboBox(page)
        self.cluster_filter.setObjectName("clusterFilter")
        self.education_filter = QComboBox(page)
        self.education_filter.setObjectName("educationFilter")
        self.education_filter.addItem("Any education", None)
        for key, text in EDUCATION_LIMITS:
            self.education_filter.addItem(text, key)
        self.wage_filter = QComboBox(page)
        self.wage_filter.setObjectName("wageFilter")
        self.wage_filter.addItem("Any pay", None)
        for amount in WAGE_STEPS:
            self.wage_filter.addItem(f"Pay at least ${amount:,}", amount)
        for widget in (self.cluster_filter, self.education_filter, self.wage_filter):
            row2.addWidget(widget, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self.model = CareersModel(self)
        self.proxy = CareersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = _career_table(page, "careerTable", self.proxy)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(page)
        # A new count must not make Qt lay out the whole tab again on every keystroke.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.count_label.setFixedHeight(self.count_label.sizeHint().height())
        layout.addWidget(self.count_label)
        self.search.textChanged.connect(self._search_changed)
        for combo in (
            self.zone_filter,
            self.cluster_filter,
            self.education_filter,
            self.wage_filter,
        ):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._row_chosen(self.proxy, current)
        )
        return page

    def _build_clusters(self) -> QWidget:
        page = QWidget(self.views)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.framework = QComboBox(page)
        self.framework.setObjectName("clusterFramework")
        for key, name in FRAMEWORKS.items():
            self.framework.addItem(name, key)
        self.crosswalk_button = QPushButton("Crosswalk…", page)
        self.crosswalk_button.setToolTip(
            "How ILP Desktop maps the classic 16 clusters to the 14 of the 2024 framework"
        )
        row.addWidget(self.framework, 1)
        row.addWidget(self.crosswalk_button)
        layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        self.cluster_model = ClusterModel(self)
        self.cluster_proxy = ClusterProxy(self)
        self.cluster_proxy.setSourceModel(self.cluster_model)
        self.cluster_list = QListView(split)
        self.cluster_list.setObjectName("clusterList")
        self.cluster_list.setModel(self.cluster_proxy)
        self.cluster_list.setWordWrap(True)
        self.cluster_list.setUniformItemSizes(False)
        self.cluster_careers_proxy = CareersProxy(self)
        self.cluster_careers_proxy.setSourceModel(self.model)
        self.cluster_table = _career_table(split, "clusterCareers", self.cluster_careers_proxy)
        for hidden in (ZONE, WAGE):  # room for the titles; the detail has the rest
            self.cluster_table.setColumnHidden(hidden, True)
        split.addWidget(self.cluster_list)
        split.addWidget(self.cluster_table)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 360])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self.cluster_count = QLabel(page)
        layout.addWidget(self.cluster_count)
        self.framework.currentIndexChanged.connect(self._framework_changed)
        self.crosswalk_button.clicked.connect(self._show_crosswalk)
        self.cluster_list.selectionModel().currentRowChanged.connect(self._cluster_chosen)
        self.cluster_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._row_chosen(self.cluster_careers_proxy, current)
        )
        return page

    def _build_shortlist(self) -> QWidget:
        page = QWidget(self.views)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        self.shortlist_model = ShortlistModel(self)
        self.shortlist_model.fit_of = self._fit_of
        self.shortlist_model.in_library = lambda code: self.holder.library.get(code) is not None
        self.shortlist_proxy = ShortlistProxy(self)
        self.shortlist_proxy.setSourceModel(self.shortlist_model)
        self.shortlist_table = _table(page, "shortlistTable")
        self.shortlist_table.setModel(self.shortlist_proxy)
        self.shortlist_table.setSortingEnabled(False)
        self.shortlist_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.shortlist_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SHORT_TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.shortlist_table.fontMetrics()
        self.shortlist_table.setColumnWidth(RANK, metrics.horizontalAdvance("#99"))
        self.shortlist_table.setColumnWidth(SHORT_FIT, metrics.horizontalAdvance("Fit 100"))
        for col in (WHY, NEED):  # the notes are edited in full below the list
            self.shortlist_table.setColumnHidden(col, True)
        layout.addWidget(self.shortlist_table, 1)
        buttons = QHBoxLayout()
        self.up_button = QPushButton("Move up", page)
        self.down_button = QPushButton("Move down", page)
        self.remove_button = QPushButton("Remove", page)
        self.compare_button = QPushButton("Compare…", page)
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setToolTip(
            "Select two to four careers (Ctrl+click) and compare them side by side"
        )
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        layout.addLayout(buttons)
        notes = QHBoxLayout()
        self.why_edit = QPlainTextEdit(page)
        self.why_edit.setObjectName("whyNote")
        self.need_edit = QPlainTextEdit(page)
        self.need_edit.setObjectName("needNote")
        for edit, label_text, hint in (
            (self.why_edit, "Why it interests me", "In the student's words"),
            (self.need_edit, "What I would need", "Courses, training, experience, next steps"),
        ):
            box = QVBoxLayout()
            label = QLabel(label_text, page)
            label.setBuddy(edit)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(int(metrics.height() * 4.2))
            box.addWidget(label)
            box.addWidget(edit)
            notes.addLayout(box)
        layout.addLayout(notes)
        self.notes_error = QLabel(page)
        error_label(self.notes_error)
        layout.addWidget(self.notes_error)
        self.empty_shortlist = QLabel(
            "No careers on the shortlist yet. Choose a career and press “Add to shortlist”.",
            page,
        )
        self.empty_shortlist.setWordWrap(True)
        layout.insertWidget(0, self.empty_shortlist)
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self.why_edit.textChanged.connect(self._notes_typed)
        self.need_edit.textChanged.connect(self._notes_typed)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove_selected)
        self.compare_button.clicked.connect(self.compare)
        self.shortlist_table.selectionModel().currentRowChanged.connect(self._entry_chosen)
        self.shortlist_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_shortlist_buttons()
        )
        return page

    # The library and the student --------------------------------------------------------------
    def _library_changed(self) -> None:
        library = self.holder.library
        self.sources_button.setText(f"Library: {library.source_label} · Sources…")
        for proxy in (self.proxy, self.cluster_careers_proxy):
            proxy.set_library(library)
        self._fill_cluster_filter()
        self._framework_changed()
        self._rematch()

    def set_student(self, student: Student) -> None:
        self.save_notes()
        self.student = student
        attempts = self.selfx.attempts(student.id, finished_only=True) if student.id else []
        self.inventory_interests = None
        bank = bundled.inventory()
        for attempt in attempts:  # newest first
            interests = from_result(attempt.result(bank), (attempt.finished_at or "")[:10])
            if interests is not None:
                self.inventory_interests = interests
                break
        typed = self._typed.get(student.id or 0, "")
        self.code_edit.setText(typed)
        show_error(self.code_error, None)
        self._choose_interests(typed)
        self._load_shortlist()

    def _choose_interests(self, typed: str) -> None:
        interests = self.inventory_interests
        if typed:
            try:
                interests = from_typed_code(typed)
            except CodeError as error:
                show_error(self.code_error, str(error))
                return
        show_error(self.code_error, None)
        self.interests = interests
        self._describe_interests()
        self._rematch()

    def _describe_interests(self) -> None:
        inventory = self.inventory_interests
        interests = self.interests
        self.use_inventory.setVisible(
            inventory is not None and interests is not None and interests is not inventory
        )
        if interests is None:
            text = (
                "No interest inventory yet. Type a three-letter code to see matches, or "
                "browse all careers below."
            )
        elif interests.source == "typed":
            text = f"Matching the typed code <b>{interests.code}</b>."
            if inventory is not None:
                text += f" (The inventory gave {inventory.display}.)"
        else:
            when = ""
            if interests.taken_on:
                when = format_date(dt.date.fromisoformat(interests.taken_on))
            text = f"Matching the interest code <b>{interests.display}</b>"
            text += f" from the inventory of {when}." if when else " from the latest inventory."
            if interests.flat:
                text += " The scores are close together, so treat the order loosely."
        self.interests_label.setText(text)

    def _code_typed(self, text: str) -> None:
        if self.student is not None:
            self._typed[self.student.id or 0] = text.strip()
        self._choose_interests(text.strip())

    def _back_to_inventory(self) -> None:
        self.code_edit.clear()
        self._code_typed("")

    def _rematch(self) -> None:
        library = self.holder.library
        current = self.detail.career.code if self.detail.career else None
        if self.interests is not None:
            matches = rank(library.careers, self.interests)
        else:
            matches = [Match(c, None) for c in library.careers]
        self._matches = {m.career.code: m for m in matches}
        self.model.set_matches(matches, scored=self.interests is not None)
        self.model.set_shortlisted(self._shortlisted)
        self.shortlist_model.refresh_fits()
        self._update_counts()
        if current is not None and library.get(current) is not None:
            self.show_career(current, select=False)
        else:
            self.detail.show_career(None, None, None, None, False)

    def _fit_of(self, code: str) -> int | None:
        found = self._matches.get(code)
        return None if found is None or self.interests is None else found.fit

    # Filters ----------------------------------------------------------------------------------
    def _fill_cluster_filter(self) -> None:
        chosen = self.cluster_filter.currentData()
        self.cluster_filter.blockSignals(True)
        self.cluster_filter.clear()
        self.cluster_filter.addItem("Any career cluster", None)
        for framework in ("classic", "2024"):
            prefix = "2024: " if framework == "2024" else ""
            for key, name in cluster_names(framework).items():
                self.cluster_filter.addItem(prefix + name, f"{framework}:{key}")
        index = self.cluster_filter.findData(chosen)
        self.cluster_filter.setCurrentIndex(max(index, 0))
        self.cluster_filter.blockSignals(False)

    def current_filter(self) -> CareerFilter:
        zone = self.zone_filter.currentData()
        framework, _, cluster = (self.cluster_filter.currentData() or "classic:").partition(":")
        return CareerFilter(
            job_zones=None if zone is None else frozenset({zone}),
            cluster=cluster or None,
            framework=framework,
            max_education=self.education_filter.currentData(),
            min_wage=self.wage_filter.currentData(),
        )

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _filters_changed(self) -> None:
        self.proxy.set_filter(self.current_filter())
        self._update_counts()

    def _update_counts(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        text = f"{shown:,} of {total:,} careers" if shown != total else f"{total:,} careers"
        if self.interests is not None:
            text += " · best fit first"
        chosen = self.proxy.career_filter
        if chosen.min_wage is not None or chosen.max_education is not None:
            text += " · careers without that information are left out"
        self.count_label.setText(text)

    # Cluster browser --------------------------------------------------------------------------
    def _framework_changed(self) -> None:
        framework = self.framework.currentData() or "classic"
        self.cluster_model.set_library(self.holder.library, framework)
        self.cluster_list.setCurrentIndex(self.cluster_proxy.index(0, 0))

    def _cluster_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        cluster = current.data(CLUSTER_ROLE)
        framework = self.cluster_model.framework
        self.cluster_careers_proxy.set_filter(CareerFilter(cluster=cluster, framework=framework))
        count = self.cluster_careers_proxy.rowCount()
        name = cluster_names(framework)[cluster]
        self.cluster_count.setText(f"{count:,} careers in {name}")

    def _show_crosswalk(self) -> None:
        from ..dialogs.crosswalk_dialog import CrosswalkDialog

        CrosswalkDialog(self).exec()

    # Selection and detail ---------------------------------------------------------------------
    def _row_chosen(self, proxy: CareersProxy, current: QModelIndex) -> None:
        if current.isValid():
            self.show_career(proxy.code(current.row()) or "", select=False)

    def show_career(self, code: str, *, select: bool = True) -> None:
        """Show a career's detail (and, with ``select``, find it in the Matches list)."""
        library = self.holder.library
        career = library.get(code)
        if career is None:
            return
        found = self._matches.get(code)
        if found is None and self.interests is not None:
            found = match(career, self.interests)
        self.detail.show_career(career, found, self.interests, library, code in self._shortlisted)
        if select:
            if self.views.currentIndex() == 1:  # the shortlist keeps its own selection
                self.views.setCurrentIndex(0)
            if self.views.currentIndex() == 0:
                row = self.proxy.row_of(code)
                if row is None:  # hidden by a filter: clear them so the career can be shown
                    self.search.clear()
                    for combo in self._filter_combos():
                        combo.setCurrentIndex(0)
                    row = self.proxy.row_of(code)
                if row is not None:
                    self.table.selectionModel().setCurrentIndex(
                        self.proxy.index(row, TITLE),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    self.table.scrollTo(self.proxy.index(row, TITLE))

    def _filter_combos(self) -> list[QComboBox]:
        return [self.zone_filter, self.cluster_filter, self.education_filter, self.wage_filter]

    def _view_changed(self, index: int) -> None:
        view = {0: self.table, 1: self.cluster_table, 2: self.shortlist_table}[index]
        current = view.currentIndex()
        if index == 2:
            self._entry_chosen(current, QModelIndex())
        elif current.isValid():
            proxy = self.proxy if index == 0 else self.cluster_careers_proxy
            self._row_chosen(proxy, current)

    # Shortlist --------------------------------------------------------------------------------
    def _load_shortlist(self, select_id: int | None = None) -> None:
        if self.student is None or self.student.id is None:
            entries: list[ShortlistEntry] = []
        else:
            entries = self.shortlist.entries(self.student.id)
        self._notes_entry = None
        self.shortlist_model.set_entries(entries)
        self._shortlisted = {e.code for e in entries}
        self.model.set_shortlisted(self._shortlisted)
        self.views.setTabText(2, f"Shortlist ({len(entries)})" if entries else "Shortlist")
        self.empty_shortlist.setVisible(not entries)
        if self.detail.career is not None:
            self.detail.set_on_shortlist(self.detail.career.code in self._shortlisted)
        row = self.shortlist_model.row_of(select_id) if select_id is not None else None
        if row is None and entries:
            row = 0
        if row is not None:
            self.shortlist_table.selectionModel().setCurrentIndex(
                self.shortlist_proxy.mapFromSource(self.shortlist_model.index(row, SHORT_TITLE)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self._show_notes(None)
        self._update_shortlist_buttons()

    def _toggle_shortlist(self, code: str, add: bool) -> None:
        if self.student is None or self.student.id is None:
            return
        career = self.holder.library.get(code)
        try:
            if add:
                title = career.title if career else code
                entry = self.shortlist.add(self.student.id, code, title)
                self.window().statusBar().showMessage(f"Added {title} to the shortlist.", 4000)
                self._load_shortlist(entry.id)
            else:
                entry_id = next(
                    (e.id for e in self.shortlist_model.entries() if e.code == code), None
                )
                if entry_id is None:
                    return
                if not self._confirm_remove(self.shortlist_model.entries(), entry_id):
                    return
                self.shortlist.remove(entry_id)
                self._load_shortlist()
        except (ShortlistError, StoreError) as error:
            QMessageBox.warning(self, "Shortlist", str(error))
            return
        self.shortlist_changed.emit(self.student.id)

    def _confirm_remove(self, entries: list[ShortlistEntry], entry_id: int) -> bool:
        entry = next(e for e in entries if e.id == entry_id)
        if not (entry.why or entry.need):
            return True
        answer = QMessageBox.question(
            self,
            "Remove from the shortlist",
            f"Remove {entry.title} from the shortlist? The student's notes on it will be "
            "removed too.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _selected_entries(self) -> list[ShortlistEntry]:
        rows = sorted(
            {
                self.shortlist_proxy.mapToSource(i).row()
                for i in self.shortlist_table.selectionModel().selectedRows()
            }
        )
        return [self.shortlist_model.entry(r) for r in rows]

    def _current_entry(self) -> ShortlistEntry | None:
        current = self.shortlist_table.currentIndex()
        if not current.isValid():
            return None
        return self.shortlist_model.entry(self.shortlist_proxy.mapToSource(current).row())

    def _update_shortlist_buttons(self) -> None:
        entry = self._current_entry()
        count = self.shortlist_model.rowCount()
        self.up_button.setEnabled(entry is not None and entry.rank > 1)
        self.down_button.setEnabled(entry is not None and entry.rank < count)
        self.remove_button.setEnabled(entry is not None)
        self.compare_button.setEnabled(count >= 2)
        for edit in (self.why_edit, self.need_edit):
            edit.setEnabled(entry is not None)

    def _entry_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.save_notes()
        entry = None
        if current.isValid():
            entry = self.shortlist_model.entry(self.shortlist_proxy.mapToSource(current).row())
        self._show_notes(entry)
        self._update_shortlist_buttons()
        if entry is not None and self.views.currentIndex() == 2:
            if self.holder.library.get(entry.code) is not None:
                self.show_career(entry.code, select=False)
            else:
                self.detail.show_career(None, None, None, None, False)
                self.detail.empty.setText(
                    f"{entry.title} (O*NET-SOC {entry.code}) is not in the current career "
                    "library. The student's notes are kept."
                )

    def _show_notes(self, entry: ShortlistEntry | None) -> None:
        self._notes_entry = None  # no saving while the editors are filled
        for edit, text in (
            (self.why_edit, entry.why if entry else ""),
            (self.need_edit, entry.need if entry else ""),
        ):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)
        show_error(self.notes_error, None)
        self._notes_entry = entry

    def _notes_typed(self) -> None:
        if self._notes_entry is not None:
            self._notes_timer.start()

    def save_notes(self) -> None:
        """Save the notes being typed now (also called on switching student and closing)."""
        self._notes_timer.stop()
        entry = self._notes_entry
        if entry is None or entry.id is None:
            return
        why, need = self.why_edit.toPlainText(), self.need_edit.toPlainText()
        if why.rstrip() == entry.why and need.rstrip() == entry.need:
            return
        try:
            saved = self.shortlist.set_notes(entry.id, why, need)
        except (ShortlistError, StoreError, LookupError) as error:
            show_error(self.notes_error, str(error))
            return
        show_error(self.notes_error, None)
        self._notes_entry = saved
        self.shortlist_model.replace(saved)

    def _move(self, step: int) -> None:
        entry = self._current_entry()
        if entry is None or entry.id is None:
            return
        self.save_notes()
        try:
            self.shortlist.move(entry.id, entry.rank + step)
        except StoreError as error:
            QMessageBox.warning(self, "Shortlist", str(error))
            return
        self._load_shortlist(entry.id)

    def _remove_selected(self) -> None:
        entry = self._current_entry()
        if entry is not None:
            self.save_notes()
            self._toggle_shortlist(entry.code, False)

    def compare(self) -> None:
        """Compare the selected careers, or the whole shortlist when it has two to four."""
        self.save_notes()
        chosen = self._selected_entries()
        if len(chosen) < 2:
            chosen = self.shortlist_model.entries()
        try:
            check_compare(len(chosen))
        except ShortlistError as error:
            QMessageBox.information(
                self, "Compare careers", f"{error} Select them with Ctrl+click."
            )
            return
        from ..dialogs.compare_dialog import CompareDialog
        from ..models.compare_model import Compared

        library = self.holder.library
        items = [
            Compared(e.title, library.get(e.code), self._matches.get(e.code), e) for e in chosen
        ]
        name = self.student.display_name if self.student else ""
        CompareDialog(items, name, self).exec()
