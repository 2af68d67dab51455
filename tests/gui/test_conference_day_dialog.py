"""File > Conference day handouts: choosing the students (by grade, by review due, by hand),
ticking them, the print order, and making one PDF or a folder of them off the GUI thread, with
Cancel, the replace question and the warning about names no font can draw."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from ilp_desktop import handout_jobs
from ilp_desktop.domain.plans import Goal
from ilp_desktop.domain.sessions import Session
from ilp_desktop.domain.students import Guardian
from ilp_desktop.gui import workers
from ilp_desktop.gui.dialogs.conference_day_dialog import (
    ConferenceDayDialog,
    failure_text,
    make_handouts,
)
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.conference_day_model import GRADE, LANGUAGE, NAME, REVIEW, TICK
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.sessions import SessionHistory, SessionStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student
from qt_helpers import in_dialog

# Fall checkpoints were due Oct 31, 2026; the final-year review (grade 12) Dec 15, 2026.
TODAY = dt.date(2026, 11, 20)
DEFAULT_DUE_BY = TODAY + dt.timedelta(days=30)
CHECK = Qt.ItemDataRole.CheckStateRole

# (first, last, grade, reviews held this school year)
ROSTER = (
    ("Amara", "Okafor", "10", ("fall",)),
    ("Bruno", "Silva", "10", ()),  # fall checkpoint overdue
    ("Chloé", "Dubois", "10", ("fall",)),
    ("Dmitri", "Ivanov", "12", ("fall",)),  # final-year review due Dec 15
    ("Elena", "Rossi", "12", ("fall", "transition")),
    ("Farid", "Haddad", "12", ("fall", "transition")),
)
ROSTER_ORDER = ["Chloé Dubois", "Farid Haddad", "Dmitri Ivanov", "Amara Okafor", "Elena Rossi"]
ROSTER_ORDER.append("Bruno Silva")


def _fill(store: Store) -> dict[str, int]:
    students = StudentStore(store).add_many(
        make_student(
            n,
            first_name=first,
            last_name=last,
            grade=grade,
            counselor="Ms. Ortiz" if grade == "10" else "Mr. Lee",
            guardians=[
                Guardian(
                    name=f"Guardian {n}",
                    relationship="mother",
                    language="Spanish" if last == "Silva" else "English",
                )
            ],
        )
        for n, (first, last, grade, _held) in enumerate(ROSTER, start=1)
    )
    ids = {s.display_name: s.id for s in students if s.id is not None}
    held = [
        SessionHistory(
            ids[f"{first} {last}"],
            Session(held_on="2026-10-01", review=kind, review_year=2026),
        )
        for first, last, _grade, kinds in ROSTER
        for kind in kinds
    ]
    SessionStore(store).add_history(held)
    PlanStore(store).save_goal(
        ids["Bruno Silva"], Goal(area="academic", statement="Raise math to a B by June")
    )
    return ids


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("conference")
    store = open_store(folder / "school.sqlite", folder / "backups")
    ids = _fill(store)
    store.close()
    return folder / "school.sqlite", ids


@pytest.fixture
def store(school: tuple[Path, dict[str, int]], tmp_path: Path) -> Iterator[Store]:
    opened = open_store(school[0], tmp_path / "backups")
    yield opened
    opened.close()


@pytest.fixture
def dialog(qtbot: Any, store: Store) -> ConferenceDayDialog:
    made = ConferenceDayDialog(store, today=TODAY)
    qtbot.addWidget(made)
    return made


def listed(dialog: ConferenceDayDialog) -> list[str]:
    """The names the table shows, in its order."""
    return [dialog.proxy.index(n, NAME).data() for n in range(dialog.proxy.rowCount())]


def ticked_names(dialog: ConferenceDayDialog) -> set[str]:
    return {item.student.display_name for item in dialog.model.ticked_rows()}


def ordered_names(dialog: ConferenceDayDialog) -> list[str]:
    return [item.student.display_name for item in dialog.ordered_students()]


def cell(dialog: ConferenceDayDialog, name: str, column: int) -> Any:
    row = listed(dialog).index(name)
    return dialog.proxy.index(row, column).data()


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the Save dialog with ``path``; returns the default names it offered."""
    offered: list[str] = []

    def answer(_parent: Any, _title: str, default: str, _filter: str) -> tuple[str, str]:
        offered.append(default)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def folder_is(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))


def wait_for_result(qtbot: Any, dialog: ConferenceDayDialog) -> str:
    qtbot.waitUntil(lambda: dialog.job is None and dialog.result_box is not None, timeout=30_000)
    assert dialog.result_box is not None
    return dialog.result_box.text()


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


# Choosing the students ----------------------------------------------------------------------------


def test_a_grade_lists_exactly_its_students_all_ticked(dialog: ConferenceDayDialog) -> None:
    assert dialog.by_grade.isChecked()
    grades = [dialog.grade.itemData(n) for n in range(dialog.grade.count())]
    assert grades == ["10", "12"]
    assert listed(dialog) == ["Chloé Dubois", "Amara Okafor", "Bruno Silva"]
    assert ticked_names(dialog) == set(listed(dialog))

    dialog.grade.setCurrentIndex(1)
    assert listed(dialog) == ["Farid Haddad", "Dmitri Ivanov", "Elena Rossi"]
    assert {cell(dialog, name, GRADE) for name in listed(dialog)} == {"12"}
    assert ticked_names(dialog) == set(listed(dialog))
    assert dialog.count.text() == "3 of 3 students ticked"


def test_review_due_lists_overdue_and_due_by_the_date(dialog: ConferenceDayDialog) -> None:
    assert dialog.due_by.date().toPython() == DEFAULT_DUE_BY
    dialog.by_review.setChecked(True)
    assert listed(dialog) == ["Dmitri Ivanov", "Bruno Silva"]
    assert cell(dialog, "Bruno Silva", REVIEW) == "Overdue (due Oct 31, 2026)"
    assert cell(dialog, "Dmitri Ivanov", REVIEW) == "Dec 15, 2026"
    assert cell(dialog, "Bruno Silva", LANGUAGE) == "Español"
    assert cell(dialog, "Dmitri Ivanov", LANGUAGE) == "English"
    assert ticked_names(dialog) == {"Dmitri Ivanov", "Bruno Silva"}

    dialog.due_by.setDate(dt.date(2026, 12, 14))  # the day before the final-year review
    assert listed(dialog) == ["Bruno Silva"]
    dialog.grade.activated.emit(0)  # choosing the grade shown lists that grade again
    assert dialog.by_grade.isChecked()
    assert len(listed(dialog)) == 3


def test_ticking_by_hand_search_and_tick_all(qtbot: Any, dialog: ConferenceDayDialog) -> None:
    dialog.by_hand.setChecked(True)
    assert listed(dialog) == ROSTER_ORDER
    assert ticked_names(dialog) == set()
    assert not dialog.make_button.isEnabled()

    # A click on the check box goes through setData; Space ticks the selected rows.
    row = listed(dialog).index("Amara Okafor")
    dialog.proxy.setData(dialog.proxy.index(row, TICK), Qt.CheckState.Checked.value, CHECK)
    assert ticked_names(dialog) == {"Amara Okafor"}
    assert dialog.make_button.isEnabled()
    dialog.table.selectRow(listed(dialog).index("Elena Rossi"))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert ticked_names(dialog) == {"Amara Okafor", "Elena Rossi"}
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert ticked_names(dialog) == {"Amara Okafor"}

    # Tick all ticks the students the search shows; a hidden tick is still printed.
    dialog.search.setText("dubois")
    assert listed(dialog) == ["Chloé Dubois"]
    dialog.tick_all.click()
    assert ticked_names(dialog) == {"Amara Okafor", "Chloé Dubois"}
    assert "1 ticked but not shown" in dialog.count.text()
    dialog.search.clear()
    dialog.untick_all.click()
    assert ticked_names(dialog) == set()
    dialog.tick_all.click()
    assert len(ticked_names(dialog)) == 6
    assert dialog.count.text() == "6 of 6 students ticked"


def test_print_orders(dialog: ConferenceDayDialog) -> None:
    dialog.by_hand.setChecked(True)
    dialog.tick_all.click()
    orders = {dialog.order.itemText(n): n for n in range(dialog.order.count())}

    dialog.order.setCurrentIndex(orders["Roster order (last name)"])
    assert ordered_names(dialog) == ROSTER_ORDER
    dialog.order.setCurrentIndex(orders["By grade, then name"])
    assert ordered_names(dialog) == [
        "Chloé Dubois",
        "Amara Okafor",
        "Bruno Silva",
        "Farid Haddad",
        "Dmitri Ivanov",
        "Elena Rossi",
    ]
    dialog.order.setCurrentIndex(orders["As listed"])
    dialog.table.sortByColumn(GRADE, Qt.SortOrder.DescendingOrder)
    assert ordered_names(dialog) == listed(dialog)
    assert ordered_names(dialog)[:3] == ["Elena Rossi", "Dmitri Ivanov", "Farid Haddad"]
    dialog.table.sortByColumn(REVIEW, Qt.SortOrder.AscendingOrder)
    assert ordered_names(dialog) == listed(dialog)
    assert ordered_names(dialog)[:2] == ["Bruno Silva", "Dmitri Ivanov"]
    # A ticked student the search hides keeps their place in the listed order.
    dialog.search.setText("rossi")
    assert ordered_names(dialog)[:2] == ["Bruno Silva", "Dmitri Ivanov"]
    assert len(ordered_names(dialog)) == 6


# Making the handouts ------------------------------------------------------------------------------


def test_one_pdf_holds_every_ticked_student(
    qtbot: Any, dialog: ConferenceDayDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    out = tmp_path / "out" / "day"
    out.parent.mkdir()
    offered = save_to(monkeypatch, out)
    dialog.by_hand.setChecked(True)
    dialog.tick_all.click()

    dialog.make_button.click()
    text = wait_for_result(qtbot, dialog)

    assert Path(offered[0]).name == "conference-day-2026-11-20.pdf"
    target = out.with_name("day.pdf")  # ".pdf" added to a name typed without it
    pages, content = pdf_text(target)
    assert pages >= 6
    for name in ROSTER_ORDER:
        assert name in content
    assert content.index("Chloé Dubois") < content.index("Bruno Silva")  # roster order
    assert text == f"Saved 6 handouts ({pages} pages) to {target}."
    assert sorted(os.listdir(out.parent)) == ["day.pdf"]

    box = dialog.result_box
    assert box is not None
    show = next(b for b in box.buttons() if b.text() == "Open folder")
    show.click()
    assert [url.toLocalFile() for url in opened] == [str(out.parent)]
    assert all(url.isLocalFile() for url in opened)


def test_a_folder_gets_one_file_per_ticked_student(
    qtbot: Any,
    dialog: ConferenceDayDialog,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "handouts"
    folder.mkdir()
    folder_is(monkeypatch, folder)
    dialog.grade.setCurrentIndex(1)  # grade 12
    dialog.untick_all.click()
    for name in ("Farid Haddad", "Elena Rossi"):
        row = listed(dialog).index(name)
        dialog.proxy.setData(dialog.proxy.index(row, TICK), Qt.CheckState.Checked.value, CHECK)
    dialog.per_student.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))

    dialog.make_button.click()
    text = wait_for_result(qtbot, dialog)

    files = sorted(os.listdir(folder))  # no hidden work folder left behind
    assert len(files) == 2
    assert all(f.endswith("_es.pdf") for f in files)
    assert {f.split("_")[0] for f in files} == {"Haddad", "Rossi"}
    assert text.startswith("Saved 2 handouts (") and text.endswith(f"to {folder}.")
    for name in files:
        pages, content = pdf_text(folder / name)
        assert pages >= 1
        assert name.split("_")[1] in content


def test_replace_answered_no_writes_nothing(
    qtbot: Any,
    dialog: ConferenceDayDialog,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "handouts"
    folder.mkdir()
    folder_is(monkeypatch, folder)
    dialog.per_student.setChecked(True)  # grade 10: three students
    source = handout_jobs.open_source(store)
    taken = handout_jobs.file_name(
        source.handout(dialog.model.rows()[0].student_id, TODAY).student, None
    )
    (folder / taken).write_bytes(b"last year's")

    def answer_no(box: QMessageBox) -> None:
        assert box.text() == "Replace 1 existing handout?"
        assert taken in box.informativeText()
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.No).click()

    seen = in_dialog(QMessageBox, answer_no)
    dialog.make_button.click()

    assert len(seen) == 1
    assert dialog.job is None and dialog.result_box is None
    assert os.listdir(folder) == [taken]
    assert (folder / taken).read_bytes() == b"last year's"


def test_cancel_leaves_no_file_and_no_work_folder(store: Store, tmp_path: Path) -> None:
    ids = tuple(StudentStore(store).roster()[n].id for n in range(3))
    request = handout_jobs.HandoutRequest(store.path, ids, TODAY)
    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        steps.append((done, total))

    out = tmp_path / "one"
    out.mkdir()
    assert make_handouts(request, out / "day.pdf", False, progress, lambda: True) is None
    folder = tmp_path / "many"
    folder.mkdir()
    assert make_handouts(request, folder, True, progress, lambda: True) is None
    assert os.listdir(out) == [] and os.listdir(folder) == []  # dot-files included
    assert steps == []  # stopped before the first handout


def test_cancel_from_the_dialog_says_nothing_was_saved(
    qtbot: Any, dialog: ConferenceDayDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = workers.run_with_progress

    def cancelled_at_once(parent: Any, title: str, label: str, fn: Any, *rest: Any) -> Any:
        # As if Cancel were pressed before the first handout was drawn.
        return real(parent, title, label, lambda progress, _c: fn(progress, lambda: True), *rest)

    monkeypatch.setattr(workers, "run_with_progress", cancelled_at_once)
    save_to(monkeypatch, tmp_path / "day.pdf")

    dialog.make_button.click()
    assert wait_for_result(qtbot, dialog) == "Cancelled: nothing was saved."
    assert dialog.result_box is not None
    assert [b.text() for b in dialog.result_box.buttons()] == ["OK"]
    assert set(os.listdir(tmp_path)) <= {"backups"}  # the store's; no PDF, no temp file
    assert dialog.make_button.isEnabled()


def test_a_failure_is_said_in_plain_words(
    qtbot: Any, dialog: ConferenceDayDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "taken.pdf").mkdir()  # a folder where the PDF should go
    save_to(monkeypatch, tmp_path / "taken.pdf")

    dialog.make_button.click()
    text = wait_for_result(qtbot, dialog)

    assert text.startswith("The handouts could not be saved: Is a directory")
    assert "Traceback" not in text and "Nothing was saved" in text
    assert (tmp_path / "taken.pdf").is_dir()


def test_failure_text() -> None:
    assert failure_text(OSError(28, "No space left on device", "/x/day.pdf")).startswith(
        "The handouts could not be saved: No space left on device (/x/day.pdf)."
    )
    assert failure_text(ValueError("There are no students.")).startswith("There are no students.")
    assert "log file" in failure_text(RuntimeError("boom"))
    assert "boom" not in failure_text(RuntimeError("boom"))


def test_names_no_font_can_draw_are_warned_about(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "korean.sqlite", tmp_path / "backups")
    StudentStore(store).add_many(
        [make_student(1, first_name="지우", last_name="김", grade="9"), make_student(2, grade="9")]
    )
    dialog = ConferenceDayDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    asked = save_to(monkeypatch, tmp_path / "day.pdf")

    def cancel(box: QMessageBox) -> None:
        assert "in the names of 1 student;" in box.text()
        assert "김지우 (grade 9, SIS id 100001)" in box.informativeText()
        assert "First2" not in box.informativeText()
        box.defaultButton().click()  # Cancel

    seen = in_dialog(QMessageBox, cancel)
    dialog.make_button.click()
    assert len(seen) == 1 and asked == []

    def go_on(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Go on anyway").click()

    in_dialog(QMessageBox, go_on)
    dialog.make_button.click()
    assert wait_for_result(qtbot, dialog).startswith("Saved 2 handouts")
    store.close()


def test_file_menu_opens_the_dialog(
    qtbot: Any, school_db: Path, make_window: Callable[[Path], MainWindow]
) -> None:
    window = make_window(school_db)
    action = next(
        a
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for a in menu.menu().actions()
        if a.text() == "Conference day &handouts…"
    )

    def look(dialog: ConferenceDayDialog) -> None:
        dialog.by_hand.setChecked(True)
        assert dialog.model.rowCount() == 9  # the named students
        assert dialog.request().db_path == window.store.path
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()

    seen = in_dialog(ConferenceDayDialog, look)
    action.trigger()
    assert len(seen) == 1


def test_an_empty_roster_lists_nobody(qtbot: Any, tmp_path: Path) -> None:
    store = open_store(tmp_path / "empty.sqlite", tmp_path / "backups")
    dialog = ConferenceDayDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.by_hand.isChecked() and dialog.grade.count() == 0
    assert dialog.count.text() == "No students on the roster."
    assert not dialog.make_button.isEnabled()
    store.close()
