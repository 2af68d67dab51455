"""The main window: roster on the left, the selected student (or the welcome) on the right."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from ..domain.students import Student
from ..paths import AppDirs
from ..store.db import Store
from ..store.errors import StoreError
from ..store.instance_lock import InstanceLock, database_key
from ..store.settings import SettingsStore
from ..store.students import StudentStore
from .caseload_page import CaseloadPage
from .look import heading
from .roster_panel import RosterPanel
from .student_page import StudentPage
from .ui_loader import child, load_ui

if TYPE_CHECKING:
    from .career_library_holder import CareerLibraryHolder
    from .dialogs.student_dialog import StudentDialog
    from .tabs.career_exploration import CareerExplorationTab
    from .tabs.planning import PlanningTab
    from .tabs.reviews import ReviewsTab
    from .tabs.self_exploration import SelfExplorationTab

log = logging.getLogger(__name__)

AFTER_SHOW_MS = 300
DAILY_BACKUP_AFTER_MS = 5000  # the day's backup: after start-up's own checks
FULL_CHECK_AFTER_MS = 2000  # once start-up's own reading is done


class MainWindow(QMainWindow):
    closed = Signal()
    database_checked = Signal(object)  # the problems found by the full check ([] if none)

    def __init__(self, store: Store, dirs: AppDirs, lock: InstanceLock | None = None) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        self.dirs = dirs
        self.lock = lock
        self.students = StudentStore(store)
        self.db_settings = SettingsStore(store)
        self.ui_settings = QSettings(
            str(dirs.config / "ilp-desktop.ini"), QSettings.Format.IniFormat
        )
        self.is_demo = self.db_settings.get("demo_school") is not None
        self._raise_server = None
        self._dialog: StudentDialog | None = None
        self._self_tab: SelfExplorationTab | None = None
        self._career_tab: CareerExplorationTab | None = None
        self._planning_tab: PlanningTab | None = None
        self._reviews_tab: ReviewsTab | None = None
        self._career_library: CareerLibraryHolder | None = None
        self._closed = False
        self._last_student: int | None = None

        self.roster = RosterPanel(self)
        self.stack = QStackedWidget(self)
        self._welcome: QWidget | None = None  # built only for an empty database
        # The first page a counselor sees: what needs doing across the caseload.
        self.dashboard = CaseloadPage(store, self)
        self.student_page = StudentPage(self)
        for page in (self.dashboard, self.student_page):
            self.stack.addWidget(page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.roster)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 900])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)

        self.roster.student_selected.connect(self._student_selected)
        self.roster.student_opened.connect(self._student_opened)
        self.roster.add_requested.connect(self.add_student)
        self.roster.caseload_requested.connect(self.show_dashboard)
        self.dashboard.student_opened.connect(self._open_from_dashboard)
        self.dashboard.export_requested.connect(self.export_compliance)
        self.dashboard.calendar_requested.connect(self.edit_school_calendar)
        self.student_page.edit_requested.connect(self.edit_student)
        self.student_page.archive_requested.connect(self.archive_student)
        self.student_page.restore_requested.connect(self.restore_student)
        self.student_page.handout_requested.connect(self.open_handout)
        self.student_page.tabs.currentChanged.connect(self._tab_changed)

        self._update_title()
        self.reload()
        self._restore_view_state()

    # Building ---------------------------------------------------------------------------------
    @property
    def welcome(self) -> QWidget:
        if self._welcome is None:
            self._welcome = self._build_welcome()
            self.stack.addWidget(self._welcome)
        return self._welcome

    def _build_welcome(self) -> QWidget:
        page = load_ui("welcome_page.ui", self)
        heading(child(page, QLabel, "welcomeTitle"), 2.0)
        for n in (1, 2, 3):
            number = child(page, QLabel, f"phase{n}Number")
            heading(number, 2.0)
            number.setStyleSheet("color: #2a6f97;")
            number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        child(page, QLabel, "welcomePrivacy").setStyleSheet("color: palette(placeholder-text);")
        add = child(page, QPushButton, "welcomeAddStudent")
        add.setDefault(True)
        add.clicked.connect(self.add_student)
        child(page, QPushButton, "welcomeOpenDemo").clicked.connect(self.open_demo_school)
        return page

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addAction(self._action("&New database…", self.new_database))
        file_menu.addAction(
            self._action("&Open database…", self.choose_database, QKeySequence.StandardKey.Open)
        )
        file_menu.addAction(self._action("Open &demo school", self.open_demo_school))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", self.backup_now))
        file_menu.addAction(self._action("Res&tore from backup…", self.restore_from_backup))
        file_menu.addSeparator()
        file_menu.addAction(self._action("Import &roster from SIS…", self.import_roster))
        file_menu.addAction(self._action("Import transfer &package…", self.import_transfer_package))
        file_menu.addAction(self._action("&Import O*NET database…", self.import_onet))
        file_menu.addAction(
            self._action("&Export compliance CSV…", self.export_compliance, "Ctrl+Shift+E")
        )
        file_menu.addAction(self._action("Conference day &handouts…", self.conference_day_handouts))
        file_menu.addSeparator()
        file_menu.addAction(self._action("School &calendar…", self.edit_school_calendar))
        file_menu.addAction(self._action("&School details for handouts…", self.edit_school_details))
        file_menu.addAction(
            self._action("Your &name for the change history…", self.edit_counselor_name)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        view_menu = menus.addMenu("&View")
        view_menu.addAction(self._action("&Caseload dashboard", self.show_dashboard, "Ctrl+D"))

        student_menu = menus.addMenu("&Student")
        self.find_action = self._action("&Find student", self.roster.focus_search, "Ctrl+F")
        self.add_action = self._action("&Add student…", self.add_student, "Ctrl+N")
        self.edit_action = self._action("&Edit details…", self.edit_student, "Ctrl+E")
        self.archive_action = self._action("A&rchive", self._toggle_archived)
        for action in (self.find_action, self.add_action, self.edit_action, self.archive_action):
            student_menu.addAction(action)
        student_menu.addSeparator()
        self.handout_action = self._action("Conference &handout…", self.open_handout, "Ctrl+P")
        student_menu.addAction(self.handout_action)
        self.transfer_action = self._action(
            "Export &transfer package…", self.export_transfer_package
        )
        student_menu.addAction(self.transfer_action)
        self.history_action = self._action("Change hi&story…", self.show_history, "Ctrl+H")
        student_menu.addAction(self.history_action)
        student_menu.addSeparator()
        self.purge_action = self._action("Remove student for &good…", self.purge_student)
        student_menu.addAction(self.purge_action)

        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self._action("&Where is my data?", self.show_data_locations))
        help_menu.addAction(self._action("&Career library sources", self.show_career_sources))
        help_menu.addAction(self._action("&About ILP Desktop", self.show_about))

    # Data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the whole roster from the database."""
        self.roster.set_entries(self.students.roster())
        self._update_page()

    def _update_page(self) -> None:
        has_students = self.roster.model.student_count(include_archived=True) > 0
        self.roster.setVisible(has_students)
        if not has_students:
            self.stack.setCurrentWidget(self.welcome)
        elif self.roster.current_student_id() is None:
            self.dashboard.reload()
            self.stack.setCurrentWidget(self.dashboard)
        self._update_actions()

    def _update_actions(self) -> None:
        student = self.current_student()
        self.edit_action.setEnabled(student is not None)
        self.archive_action.setEnabled(student is not None)
        self.handout_action.setEnabled(student is not None)
        self.history_action.setEnabled(student is not None)
        self.transfer_action.setEnabled(student is not None)
        self.purge_action.setEnabled(student is not None)
        self.archive_action.setText("&Restore" if student and student.archived_at else "A&rchive")

    def current_student(self) -> Student | None:
        if self.stack.currentWidget() is not self.student_page:
            return None
        return self.student_page.student

    def _student_selected(self, student_id: int | None) -> None:
        student = self.students.get(student_id) if student_id is not None else None
        if student is None:
            self.student_page.student = None
            self._update_page()
            return
        self.student_page.show_student(student)
        self.stack.setCurrentWidget(self.student_page)
        self.self_exploration().set_student(student)
        if self._career_tab is not None:
            self._career_tab.set_student(student)
        if self._planning_tab is not None:
            self._planning_tab.set_student(student)
        if self._reviews_tab is not None:
            self._reviews_tab.set_student(student)
        self.dashboard.set_continue(student.id, student.display_name)
        self._last_student = student.id
        self._update_actions()

    def self_exploration(self) -> SelfExplorationTab:
        """The Self-exploration tab, built the first time a student is shown."""
        if self._self_tab is None:
            from .tabs.self_exploration import SelfExplorationTab

            self._self_tab = SelfExplorationTab(self.store, self.student_page)
            self.student_page.fill_tab(0, self._self_tab)
        return self._self_tab

    @property
    def career_library(self) -> CareerLibraryHolder:
        """The career library, loaded the first time something needs it."""
        if self._career_library is None:
            from .career_library_holder import CareerLibraryHolder

            self._career_library = CareerLibraryHolder(self.store, self)
        return self._career_library

    def career_exploration(self) -> CareerExplorationTab:
        """The Career exploration tab, built the first time it is opened."""
        if self._career_tab is None:
            from .tabs.career_exploration import CareerExplorationTab

            self._career_tab = CareerExplorationTab(
                self.store, self.career_library, self.student_page
            )
            self.student_page.fill_tab(1, self._career_tab)
            if self.student_page.student is not None:
                self._career_tab.set_student(self.student_page.student)
        return self._career_tab

    def planning(self) -> PlanningTab:
        """The Planning tab, built the first time it is opened."""
        if self._planning_tab is None:
            from .tabs.planning import PlanningTab

            self._planning_tab = PlanningTab(self.store, self.student_page)
            self.student_page.fill_tab(2, self._planning_tab)
            if self.student_page.student is not None:
                self._planning_tab.set_student(self.student_page.student)
        return self._planning_tab

    def reviews(self) -> ReviewsTab:
        """The Reviews and sessions tab, built the first time it is opened."""
        if self._reviews_tab is None:
            from .tabs.reviews import ReviewsTab

            self._reviews_tab = ReviewsTab(self.store, self.student_page)
            self.student_page.fill_tab(3, self._reviews_tab)
            if self.student_page.student is not None:
                self._reviews_tab.set_student(self.student_page.student)
        return self._reviews_tab

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.career_exploration()
        elif index == 2:
            fresh = self._planning_tab is None
            tab = self.planning()
            if not fresh:
                # The shortlist and self-exploration may have changed on the other tabs.
                tab.reload()
        elif index == 3:
            fresh_reviews = self._reviews_tab is None
            reviews = self.reviews()
            if not fresh_reviews:
                reviews.reload()  # the plan may have changed on the other tabs

    # The caseload ------------------------------------------------------------------------------
    def show_dashboard(self) -> None:
        """Back to the caseload dashboard (Ctrl+D); the student stays a click away."""
        self.flush()
        if self.roster.current_student_id() is None:
            self._update_page()
        else:
            self.roster.clear_current()  # the roster's signal brings the dashboard up

    def _open_from_dashboard(self, student_id: int, tab: int) -> None:
        if not self.roster.select_student(student_id):
            return
        if tab >= 0:
            self.student_page.tabs.setCurrentIndex(tab)

    def export_compliance(self) -> None:
        from .compliance_export import export_compliance

        export_compliance(self, self.store, self.dirs.data)

    def conference_day_handouts(self) -> None:
        from .dialogs.conference_day_dialog import show_conference_day

        self.flush()  # the handouts are read from the database: what is being typed first
        show_conference_day(self, self.store)

    def edit_school_calendar(self) -> None:
        from .dialogs.school_calendar_dialog import SchoolCalendarDialog

        dialog = SchoolCalendarDialog(self.store, self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage("School calendar saved.", 4000)
            if self.stack.currentWidget() is self.dashboard:
                self.dashboard.reload()
            if self._reviews_tab is not None and self._reviews_tab.student is not None:
                self._reviews_tab.reload()
        dialog.deleteLater()

    def edit_school_details(self) -> None:
        from .dialogs.school_details_dialog import SchoolDetailsDialog

        dialog = SchoolDetailsDialog(self.store, self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage("School details for handouts saved.", 4000)
        dialog.deleteLater()

    def open_handout(self) -> None:
        """The current student's conference handout: preview, save as PDF, print."""
        student = self.current_student()
        if student is None:
            return
        from .dialogs.handout_dialog import show_handout

        self.flush()  # the handout is read from the database: what is being typed first
        show_handout(self, self.store, student)

    def import_onet(self) -> None:
        from .onet_import_flow import ask_and_import

        ask_and_import(self, self.career_library)

    def show_career_sources(self) -> None:
        from .dialogs.sources_dialog import SourcesDialog

        SourcesDialog(self.career_library, self).exec()

    def _student_opened(self, student_id: int) -> None:
        if self.current_student() is None or self.current_student().id != student_id:
            self._student_selected(student_id)
        self.student_page.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved(self, student: Student) -> None:
        self.roster.upsert(self.students.entry(student))
        if self.roster.current_student_id() == student.id:
            self.student_page.show_student(student)
        self._update_page()
        self.statusBar().showMessage(f"Saved {student.display_name}.", 4000)

    # Student actions --------------------------------------------------------------------------
    def add_student(self) -> None:
        from .dialogs.student_dialog import StudentDialog

        dialog = StudentDialog(self.students, None, self.roster.model.counselors(), self)
        dialog.student_saved.connect(self._saved)
        self._run_dialog(dialog)
        if dialog.saved is not None:
            self.roster.select_student(dialog.saved.id)

    def edit_student(self) -> None:
        student = self.current_student()
        if student is None:
            return
        from .dialogs.student_dialog import StudentDialog

        dialog = StudentDialog(self.students, student, self.roster.model.counselors(), self)
        dialog.student_saved.connect(self._saved)
        self._run_dialog(dialog)

    def _run_dialog(self, dialog: StudentDialog) -> None:
        self._dialog = dialog
        try:
            dialog.exec()
        finally:
            self._dialog = None
            dialog.deleteLater()

    def _toggle_archived(self) -> None:
        student = self.current_student()
        if student is None:
            return
        if student.archived_at:
            self.restore_student()
        else:
            self.archive_student()

    def archive_student(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        student = self.current_student()
        if student is None or student.archived_at:
            return
        answer = QMessageBox.question(
            self,
            "Archive student",
            f"Archive {student.display_name}?\n\nArchived students leave the roster, but "
            "nothing of their plan is deleted. Turn on “Show archived” to find them and "
            "restore them.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_archived(student, True)

    def restore_student(self) -> None:
        student = self.current_student()
        if student is not None and student.archived_at:
            self._set_archived(student, False)

    def _set_archived(self, student: Student, archived: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            self.students.set_archived(student.id, archived)
        except StoreError as error:
            QMessageBox.warning(self, "Not saved", str(error))
            return
        fresh = self.students.get(student.id)
        if fresh is None:
            return
        self.roster.upsert(self.students.entry(fresh))
        verb = "Archived" if archived else "Restored"
        self.statusBar().showMessage(f"{verb} {fresh.display_name}.", 5000)
        if self.roster.current_student_id() == fresh.id:
            self.student_page.show_student(fresh)
        elif not archived:
            self.roster.select_student(fresh.id)
        self._update_page()

    def import_roster(self) -> None:
        from .roster_import_wizard import import_roster

        import_roster(self)

    def export_transfer_package(self) -> None:
        from .transfer_flow import export_transfer_package

        export_transfer_package(self)

    def import_transfer_package(self) -> None:
        from .transfer_flow import import_transfer_package

        import_transfer_package(self)

    def backup_now(self) -> None:
        from .backup_flow import backup_now

        backup_now(self)

    def restore_from_backup(self) -> None:
        from .backup_flow import restore_from_backup

        restore_from_backup(self)

    def show_history(self) -> None:
        from .student_records_flow import show_history

        show_history(self)

    def edit_counselor_name(self) -> None:
        from .student_records_flow import ask_counselor_name

        ask_counselor_name(self)

    def purge_student(self) -> None:
        from .student_records_flow import purge_current

        purge_current(self)

    def forget_student(self, student_id: int) -> None:
        """The student was removed from the database: off the roster, the page and the
        dashboard's "continue with"."""
        if self._last_student == student_id:
            self._last_student = None
            self.dashboard.set_continue(None)
        self.roster.clear_current()
        self.student_page.student = None
        self.reload()

    # Databases --------------------------------------------------------------------------------
    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open database",
            str(self.store.path.parent),
            "ILP databases (*.sqlite *.db);;All files (*)",
        )
        if path:
            self.open_database(Path(path))

    def new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self,
            "New database",
            str(self.dirs.data / "new-school.sqlite"),
            "ILP databases (*.sqlite)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(".sqlite")
            self.open_database(target)

    def open_database(self, path: Path, lock: InstanceLock | None = None) -> bool:
        """Replace this window by one on ``path``. False (and a message) if it cannot open."""
        from PySide6.QtWidgets import QMessageBox

        from .window_factory import open_main_window

        if Path(path).absolute() == self.store.path and lock is None:
            return True
        try:
            window = open_main_window(path, self.dirs, lock=lock)
        except StoreError as error:
            QMessageBox.warning(self, "Cannot open database", str(error))
            return False
        window.show()
        self.close()
        # Each database opened gets its day's backup, as the one opened at start does.
        from .backup_flow import start_daily_backup

        QTimer.singleShot(DAILY_BACKUP_AFTER_MS, window, lambda: start_daily_backup(window))
        return True

    def open_demo_school(self) -> None:
        from .demo_opener import open_demo_school

        open_demo_school(self)

    # Information ------------------------------------------------------------------------------
    def show_data_locations(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self,
            "Where is my data?",
            f"This database:\n{self.store.path}\n\n"
            f"Backups:\n{self.dirs.backups_for(self.store.path)}\n\n"
            f"Settings:\n{self.dirs.config}\n\nLog files:\n{self.dirs.logs}\n\n"
            "Everything stays on this computer; ILP Desktop never uses the network.",
        )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About ILP Desktop",
            f"<h3>ILP Desktop {__version__}</h3>"
            "<p>Individualized Learning Plans for school counselors: self-exploration, "
            "career exploration and planning, reviewed with the student and family.</p>"
            "<p>An ILP is not an IEP: the IEP is the separate legal special-education "
            "document. A student may have both.</p>"
            "<p>Works offline. Student records never leave this computer.</p>",
        )

    # Window state -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = "Demo school" if self.is_demo else self.store.path.name
        self.setWindowTitle(f"{name} — ILP Desktop")
        self.db_label.setText(
            ("DEMO SCHOOL (made-up students) · " if self.is_demo else "") + str(self.store.path)
        )

    def _key(self, name: str) -> str:
        return f"databases/{database_key(self.store.path)}/{name}"

    def _restore_view_state(self) -> None:
        geometry = self.ui_settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first start: as large as a school laptop's screen allows, with room to spare
            screen = self.screen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.95)), min(800, int(screen.height() * 0.9)))
        splitter = self.ui_settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        # The dashboard comes first; the student last worked with is one click away on it.
        last = self.ui_settings.value(self._key("last_student"))
        if isinstance(last, (int, str)) and str(last).isdigit():
            student = self.students.get(int(last))
            if student is not None and not student.archived_at:
                self.dashboard.set_continue(student.id, student.display_name)
                self._last_student = student.id

    def _save_view_state(self) -> None:
        self.ui_settings.setValue("window/geometry", self.saveGeometry())
        self.ui_settings.setValue("window/splitter", self.splitter.saveState())
        current = self.roster.current_student_id() or self._last_student
        if current is not None:
            self.ui_settings.setValue(self._key("last_student"), current)
        self.ui_settings.sync()

    def start_raise_server(self) -> None:
        """Let a second start on this database bring this window forward."""
        from .single_instance import RaiseServer

        self._raise_server = RaiseServer(database_key(self.store.path), self)
        self._raise_server.raise_requested.connect(self.bring_forward)

    def check_whole_database(self) -> None:
        """Check every page of the file off the GUI thread; warn if anything is damaged."""
        from ..store.db import full_check
        from .workers import run_in_background

        path = self.store.path
        run_in_background(self, lambda: full_check(path), self._whole_database_checked)

    def _whole_database_checked(self, problems: list[str]) -> None:
        self.database_checked.emit(problems)
        if not problems or self._closed:
            return
        from PySide6.QtWidgets import QMessageBox

        log.error("damage found in %s: %s", self.store.path, problems[:5])
        QMessageBox.warning(
            self,
            "This database is damaged",
            f"ILP Desktop found damage in {self.store.path} (SQLite reports: "
            f"{'; '.join(problems[:2])}).\n\nWhat you see may be incomplete. Keep working only "
            "as far as you must, make a copy of the file, and restore its latest backup from "
            f"{self.dirs.backups_for(self.store.path)}.",
        )

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def flush(self) -> None:
        """Save whatever is being typed (called before closing and before quitting)."""
        if self._dialog is not None:
            self._dialog.save_now()
        if self._self_tab is not None:
            self._self_tab.results.flush_reflection()
            self._self_tab.close_student_window()
        if self._career_tab is not None:
            self._career_tab.save_notes()
        if self._planning_tab is not None:
            self._planning_tab.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        self.flush()
        self._save_view_state()
        self.shutdown()
        event.accept()
        self.closed.emit()

    def shutdown(self) -> None:
        """Close the database and let go of it; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._raise_server is not None:
            self._raise_server.close()
        self.store.close()
        if self.lock is not None:
            self.lock.release()


def schedule_after_show(window: MainWindow) -> None:
    """Work that must not delay the first paint: it starts once the window is up."""
    QTimer.singleShot(AFTER_SHOW_MS, window.start_raise_server)
    QTimer.singleShot(FULL_CHECK_AFTER_MS, window.check_whole_database)
