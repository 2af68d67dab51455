"""The roster import wizard, driven as a counselor would from the main window's File menu."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ilp_desktop.domain.roster_csv import RowProblem, read_roster
from ilp_desktop.domain.students import Student
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.roster_import_models import ChangesModel, PreviewModel, ProblemsModel
from ilp_desktop.gui.roster_import_wizard import RosterImportWizard, import_roster
from ilp_desktop.store.db import open_store
from ilp_desktop.store.students import StudentStore

HEADER = "Student_Number\tLast_Name\tFirst_Name\tGrade_Level\tHomeroom\tHome_Language\r\n"
GOOD = (
    "200001\tNguyễn\tVăn An\t10\t204\tVietnamese\r\n"  # grade 9 -> 10: an update
    "200002\tØdegård\tIngrid\t10\t\t\r\n"  # as she is
    "300001\tWiśniewska\tZofia\t09\t101\tPolish\r\n"
    "300002\tالزهراء\tمريم\tK\t\tArabic\r\n"
)


def unicode_text(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    """Excel's Unicode Text: UTF-16 LE with its byte order mark, tab-separated, CRLF."""
    path = tmp_path / "roster.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + (header + body).encode("utf-16-le"))
    return path


def students_of(db: Path) -> dict[str, Student]:
    store = open_store(db)
    try:
        return {s.sis_id: s for s in StudentStore(store).all()}
    finally:
        store.close()


def to_check_page(qtbot: object, wizard: RosterImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)  # type: ignore[attr-defined]


def import_button(wizard: RosterImportWizard):  # type: ignore[no-untyped-def]
    return wizard.button(QWizard.WizardButton.CommitButton)


@pytest.fixture
def window(school_db: Path, make_window: Callable[[Path], MainWindow]) -> MainWindow:
    return make_window(school_db)


def test_an_excel_unicode_text_roster_imports_and_the_roster_shows_it(
    qtbot: object, window: MainWindow, school_db: Path, tmp_path: Path
) -> None:
    assert window.roster.select_student(students_of(school_db)["200001"].id)  # type: ignore[arg-type]
    before = window.roster.model.student_count()
    wizard = import_roster(window)
    wizard.file_page.path_edit.setText(str(unicode_text(tmp_path, GOOD)))
    wizard.next()
    preview = wizard.preview_page
    assert (preview.encoding.currentData(), preview.delimiter.currentData()) == ("UTF-16", "\t")
    assert preview.encoding.currentText() == "UTF-16 (found)"
    assert preview.model.rowCount() == 4
    assert preview.model.index(3, 1).data() == "الزهراء"
    assert "4 student rows" in preview.count.text()
    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.combos["sis_id"].currentText() == "A · Student_Number"
    assert mapping.combos["family_languages"].currentText() == "F · Home_Language"
    assert mapping.combos["counselor"].currentText() == "(not imported)"
    assert mapping.samples["last_name"].text() == "e.g. Nguyễn"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    check = wizard.check_page
    assert check.verdict.text() == "Ready to import: 2 new students, 1 to update, 1 unchanged."
    assert check.changes.rowCount() == 3
    assert check.changes.index(0, 0).data() == "Update"
    assert "grade 9 → 10" in check.changes.index(0, 4).data()
    assert import_button(wizard).isEnabled()
    assert import_button(wizard).text() == "&Import"

    wizard.next()  # Import
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10000)  # type: ignore[attr-defined]
    assert wizard.done_page.result.text() == "Added 2, updated 1, left 1 unchanged."
    # The roster lists the new students, and the student on screen shows the new grade.
    assert window.roster.model.student_count() == before + 2
    sis_ids = {
        window.roster.model.entry(row).sis_id for row in range(window.roster.model.rowCount())
    }
    assert {"300001", "300002"} <= sis_ids
    assert window.current_student() is not None
    assert window.current_student().grade == "10"  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Added 2, updated 1, left 1 unchanged."
    saved = students_of(school_db)
    assert saved["300002"].full_name == "مريم الزهراء"
    assert saved["200001"].family_languages == ["Vietnamese"]
    assert list((window.dirs.backups_for(school_db)).glob("*before-roster-import*"))
    wizard.accept()


def test_rows_to_fix_are_listed_and_import_stays_off(
    qtbot: object, window: MainWindow, school_db: Path, tmp_path: Path
) -> None:
    before = students_of(school_db)
    body = GOOD + "300003\tKim\t\t13\t\t\r\n300001\tDup\tLicate\t9\t\t\r\n"
    wizard = import_roster(window)
    to_check_page(qtbot, wizard, unicode_text(tmp_path, body))
    check = wizard.check_page
    assert check.verdict.text() == "Nothing can be imported yet: 2 rows need fixing."
    assert check.problem_view.isVisibleTo(wizard) and not check.change_view.isVisibleTo(wizard)
    problems = check.problems
    assert [problems.index(r, 0).data() for r in range(problems.rowCount())] == ["6", "7"]
    assert problems.index(0, 2).data().startswith("The first name is empty. “13” is not a grade")
    assert check.problem_text.text().startswith("Row 6: The first name is empty.")
    assert not import_button(wizard).isEnabled()
    wizard.next()  # pressing Import anyway (a shortcut, say) does nothing
    assert wizard.currentPage() is check
    assert students_of(school_db) == before

    # Fixed in the file, read again: ready.
    unicode_text(tmp_path, GOOD)
    check.again.click()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.ok, timeout=10000)  # type: ignore[attr-defined]
    assert import_button(wizard).isEnabled()
    wizard.reject()
    assert students_of(school_db) == before


def test_a_workbook_is_refused_on_the_first_page(window: MainWindow, tmp_path: Path) -> None:
    book = tmp_path / "roster.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(64))
    wizard = import_roster(window)
    wizard.file_page.path_edit.setText(str(book))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.isVisibleTo(wizard)
    assert "This looks like an Excel workbook" in wizard.file_page.error.text()
    wizard.reject()


def test_the_separator_can_be_changed_and_the_mapping_follows(
    window: MainWindow, tmp_path: Path
) -> None:
    wizard = import_roster(window)
    wizard.file_page.path_edit.setText(str(unicode_text(tmp_path, GOOD)))
    wizard.next()
    preview = wizard.preview_page
    preview.delimiter.setCurrentIndex(preview.delimiter.findData(","))
    assert preview.model.columnCount() == 1  # all in one column: plainly wrong
    wizard.next()
    mapping = wizard.mapping_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "does not name the columns" in mapping.error.text()
    wizard.back()
    preview.delimiter.setCurrentIndex(preview.delimiter.findData("\t"))
    assert preview.model.columnCount() == 6
    wizard.next()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_a_mapping_chosen_by_hand_is_remembered_for_the_next_file(
    qtbot: object, window: MainWindow, school_db: Path, tmp_path: Path
) -> None:
    header = "Code\tFamily\tGiven\tLevel\tRoom\r\n"
    path = unicode_text(tmp_path, "300009\tKowalski\tJan\t8\t12\r\n", header)
    wizard = import_roster(window)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    mapping = wizard.mapping_page
    assert "Guessed" in mapping.note.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    for key, column in (("sis_id", 0), ("last_name", 1), ("first_name", 2), ("grade", 3)):
        mapping.combos[key].setCurrentIndex(mapping.combos[key].findData(column))
    mapping.combos["homeroom"].setCurrentIndex(mapping.combos["homeroom"].findData(4))
    assert mapping.error.isHidden()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)  # type: ignore[attr-defined]
    wizard.reject()

    again = import_roster(window)
    again.file_page.path_edit.setText(str(path))
    again.next()
    again.next()
    assert "As you chose the last time" in again.mapping_page.note.text()
    assert again.mapping_page.combos["homeroom"].currentText() == "E · Room"
    assert again.mapping == {
        "sis_id": 0,
        "last_name": 1,
        "first_name": 2,
        "grade": 3,
        "homeroom": 4,
    }
    again.reject()


# --- The models on their own ------------------------------------------------------------------


def test_models(qtmodeltester: object) -> None:
    table = read_roster(("\ufeff" + "A,B,C\r\n" + "1,x,y\r\n" * 30).encode())
    preview = PreviewModel()
    preview.set_table(table)
    qtmodeltester.check(preview)  # type: ignore[attr-defined]
    assert preview.rowCount() == 20 and preview.columnCount() == 3
    assert preview.headerData(1, Qt.Orientation.Horizontal) == "B  B"
    assert preview.headerData(0, Qt.Orientation.Vertical) == "2"  # the spreadsheet's row
    problems = ProblemsModel()
    problems.set_problems([RowProblem(4, "The grade is empty.", "1"), RowProblem(9, "x")])
    qtmodeltester.check(problems)  # type: ignore[attr-defined]
    changes = ChangesModel()
    old = Student("1", "Ana", "Diaz", "9", id=1)
    changes.set_changes([Student("2", "Bo", "Lee", "K")], [old.with_changes(grade="10")], {1: old})
    qtmodeltester.check(changes)  # type: ignore[attr-defined]
    assert [changes.index(r, 0).data() for r in range(2)] == ["Update", "New"]
    assert changes.index(0, 4).data() == "grade 9 → 10"
    assert changes.index(1, 3).data() == "Kindergarten"
