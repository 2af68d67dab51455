"""One student's conference handout from the GUI: preview, options, Save as PDF and Print."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.handout import Handout, family_language
from ilp_desktop.gui.dialogs import handout_dialog
from ilp_desktop.gui.dialogs.handout_dialog import (
    HandoutDialog,
    missing_letters_message,
    page_image,
)
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.handout_jobs import file_name, open_source
from ilp_desktop.reports.fonts import missing_glyphs
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.handouts import HandoutSource
from ilp_desktop.store.students import StudentStore

from helpers import make_student
from qt_helpers import in_dialog

TODAY = dt.date(2026, 11, 22)
LETTER, A4 = (612, 792), (595, 842)  # points, rounded


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, HandoutSource]]:
    """A small demo school (plans, careers, reviews) and a student named in Hangul."""
    folder = tmp_path_factory.mktemp("handout-dialog")
    store = open_store(folder / "school.sqlite", folder / "backups")
    build_demo_school(store, students=12, seed=1)
    StudentStore(store).add(make_student(90, first_name="하은", last_name="강", grade="9"))
    yield store, open_source(store)
    store.close()


def _handouts(school: tuple[Store, HandoutSource]) -> list[Handout]:
    store, source = school
    return [source.handout(s.id, TODAY) for s in StudentStore(store).all()]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rich(school: tuple[Store, HandoutSource]) -> Handout:
    """An English-speaking family's handout with goals, steps and careers."""
    english = [h for h in _handouts(school) if family_language(h.student) == "en"]
    return max(english, key=lambda h: len(h.goals) * 4 + len(h.careers) + len(h.steps))


@pytest.fixture(scope="module")
def korean(school: tuple[Store, HandoutSource]) -> Handout:
    return next(h for h in _handouts(school) if h.student.first_name == "하은")


@pytest.fixture
def open_dialog(qtbot: Any) -> Callable[..., HandoutDialog]:
    def make(handout: Handout, paper: str | None = "letter", **options: Any) -> HandoutDialog:
        dialog = HandoutDialog(handout, paper, **options)
        qtbot.addWidget(dialog)
        dialog.resize(900, 800)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def pdf_text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_sizes(data: bytes | Path) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    return [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages]


def no_file_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        raise AssertionError("the file dialog should not have opened")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[Any, ...]]:
    """Make the Save dialog answer ``path``; returns the calls it got."""
    calls: list[tuple[Any, ...]] = []

    def answer(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        calls.append(args)
        return str(path), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return calls


# --- Preview ------------------------------------------------------------------------------------


def test_the_dialog_shows_every_page_of_the_handout(
    qtbot: Any, open_dialog: Callable[..., HandoutDialog], rich: Handout
) -> None:
    dialog = open_dialog(rich)
    assert dialog.windowTitle() == f"Conference handout — {rich.student.display_name}"
    assert dialog.page_count >= 2  # a rich plan
    assert len(PdfReader(io.BytesIO(dialog.pdf)).pages) == dialog.page_count
    assert dialog.page_info.text() == f"Page 1 of {dialog.page_count}"
    assert len(dialog.page_labels) == dialog.page_count
    viewport = dialog.scroll.viewport().width()
    for label in dialog.page_labels:
        pixmap = label.pixmap()
        assert not pixmap.isNull()
        width = pixmap.width() / pixmap.devicePixelRatio()
        assert 0.5 * viewport < width <= viewport  # fits the dialog's width
        assert pixmap.height() > pixmap.width()  # a portrait page
    # Stacked one under the other with a gap, once laid out.
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    first, second = dialog.page_labels[:2]
    assert second.geometry().top() > first.geometry().bottom() + 1
    assert first.geometry().center().x() == second.geometry().center().x()
    # Scrolling to the last page says so.
    bar.setValue(bar.maximum())
    assert dialog.page_info.text() == f"Page {dialog.page_count} of {dialog.page_count}"


def test_english_by_default_and_spanish_when_chosen(
    open_dialog: Callable[..., HandoutDialog], rich: Handout
) -> None:
    dialog = open_dialog(rich)
    assert dialog.language.currentText() == "English"
    english = dialog.pdf
    assert "Next steps" in pdf_text(english) and "Próximos pasos" not in pdf_text(english)
    before = dialog.page_labels[0].pixmap().toImage()
    dialog.language.setCurrentIndex(dialog.language.findText("Español"))
    assert dialog.lang == "es"
    assert "Próximos pasos" in pdf_text(dialog.pdf)
    assert dialog.page_labels[0].pixmap().toImage() != before  # the preview was drawn again
    assert len(dialog.page_labels) == dialog.page_count


def test_a_spanish_speaking_family_gets_spanish_first(
    open_dialog: Callable[..., HandoutDialog], school: tuple[Store, HandoutSource]
) -> None:
    spanish = next(h for h in _handouts(school) if family_language(h.student) == "es")
    dialog = open_dialog(spanish)
    assert dialog.language.currentText() == "Español"
    assert "Próximos pasos" in pdf_text(dialog.pdf) or "Metas" in pdf_text(dialog.pdf)


def test_large_print_takes_as_many_pages_or_more(
    open_dialog: Callable[..., HandoutDialog], rich: Handout
) -> None:
    dialog = open_dialog(rich)
    regular = dialog.page_count
    dialog.large_print.setChecked(True)
    assert dialog.page_count >= regular
    assert len(dialog.page_labels) == dialog.page_count
    assert dialog.page_info.text() == f"Page 1 of {dialog.page_count}"
    dialog.large_print.setChecked(False)
    assert dialog.page_count == regular
    assert len(dialog.page_labels) == regular  # the extra pages went away


def test_paper_follows_the_school_and_can_be_changed(
    open_dialog: Callable[..., HandoutDialog], rich: Handout
) -> None:
    dialog = open_dialog(rich, "a4")
    assert dialog.paper.currentText() == "A4"
    assert set(page_sizes(dialog.pdf)) == {A4}
    dialog.paper.setCurrentIndex(dialog.paper.findText("Letter"))
    assert set(page_sizes(dialog.pdf)) == {LETTER}


def test_a_handout_that_cannot_be_drawn_says_so(
    open_dialog: Callable[..., HandoutDialog], rich: Handout, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(rich)
    assert dialog.page_labels

    def fail(*_args: Any, **_kwargs: Any) -> int:
        raise RuntimeError("a table too tall for the page")

    monkeypatch.setattr(handout_dialog, "build_handout", fail)
    dialog.large_print.setChecked(True)
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith("This handout could not be drawn")
    assert dialog.page_labels == [] and dialog.page_info.text() == "No pages"
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    monkeypatch.undo()
    dialog.large_print.setChecked(False)
    assert not dialog.problem.isVisible() and dialog.save_button.isEnabled()
    assert len(dialog.page_labels) == dialog.page_count


# --- Saving -------------------------------------------------------------------------------------


def test_save_writes_the_pdf_shown(
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(rich, folder=tmp_path)
    dialog.language.setCurrentIndex(dialog.language.findText("Español"))
    calls = save_to(monkeypatch, tmp_path / "handout")  # no suffix typed
    saved = dialog.save_pdf()
    # Suggested: the batch's file name, with the language as it is not the family's.
    assert calls[0][2] == str(tmp_path / file_name(rich.student, "es"))
    assert saved == tmp_path / "handout.pdf"
    assert saved.read_bytes() == dialog.pdf
    assert "Próximos pasos" in pdf_text(saved)
    assert len(PdfReader(str(saved)).pages) == dialog.page_count
    assert str(saved) in dialog.status.text()


@pytest.mark.parametrize(
    ("answer", "replaced"),
    [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)],
)
def test_adding_pdf_to_a_name_asks_before_replacing_that_file(
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    replaced: bool,
) -> None:
    dialog = open_dialog(rich, folder=tmp_path)
    (tmp_path / "handout.pdf").write_bytes(b"last year's handout")
    save_to(monkeypatch, tmp_path / "handout")  # the save dialog asked about "handout" only
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    saved = dialog.save_pdf()
    assert asked and "handout.pdf already exists" in asked[0]
    assert (saved is not None) is replaced
    content = (tmp_path / "handout.pdf").read_bytes()
    assert (content == dialog.pdf) is replaced
    assert replaced or content == b"last year's handout"


def test_save_button_opens_the_save_dialog(
    qtbot: Any,
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(rich, folder=tmp_path)
    calls = save_to(monkeypatch, tmp_path / "x.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert calls[0][2] == str(
        tmp_path / file_name(rich.student, None)
    )  # the family's language: no tag
    assert (tmp_path / "x.pdf").is_file()


def test_a_failing_save_says_so_and_leaves_no_file(
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(rich, folder=tmp_path)
    target = tmp_path / "no such folder" / "handout.pdf"
    save_to(monkeypatch, target)
    texts: list[str] = []

    def read(box: QMessageBox) -> None:
        assert box.icon() == QMessageBox.Icon.Warning
        texts.append(box.text())

    in_dialog(QMessageBox, read)
    assert dialog.save_pdf() is None
    assert f"Could not save the handout as {target}" in texts[0]
    assert "Traceback" not in texts[0]
    assert not target.exists() and not target.parent.exists()
    assert dialog.status.text() == ""


# --- Printing -----------------------------------------------------------------------------------


def test_print_to_a_pdf_printer_prints_every_page(
    open_dialog: Callable[..., HandoutDialog], rich: Handout, tmp_path: Path
) -> None:
    dialog = open_dialog(rich)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer) == dialog.page_count
    assert printer.docName() == f"Conference handout - {rich.student.display_name}"
    sizes = page_sizes(out)
    assert len(sizes) == dialog.page_count
    assert set(sizes) == {LETTER}  # the handout's paper, not the printer's default
    # The page was drawn: dark text on white, the page's own margins kept.
    document = pdfium.PdfDocument(out.read_bytes())
    image = page_image(document[0], 0.25)
    document.close()
    assert image.pixelColor(1, 1).lightness() > 250
    darkest = min(
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height() // 3, 2)
    )
    assert darkest < 100


def test_print_to_keeps_a_page_range_and_the_chosen_paper(
    open_dialog: Callable[..., HandoutDialog], rich: Handout, tmp_path: Path
) -> None:
    dialog = open_dialog(rich, "a4")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "second.pdf"
    printer.setOutputFileName(str(out))
    dialog.prepare_printer(printer)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog.print_to(printer) == 1
    assert page_sizes(out) == [A4]


def test_the_print_button_prints_where_the_print_dialog_says(
    qtbot: Any,
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(rich, "a4")
    out = tmp_path / "from-dialog.pdf"
    asked: list[tuple[str, int, int]] = []

    def exec_(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        asked.append((printer.docName(), print_dialog.minPage(), print_dialog.maxPage()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    name = f"Conference handout - {rich.student.display_name}"
    assert asked == [(name, 1, dialog.page_count)]
    assert page_sizes(out) == [A4] * dialog.page_count
    assert dialog.status.text() == f"Sent {dialog.page_count} pages to {out}."
    # Cancelled in the print dialog: nothing printed, nothing said.
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    dialog.status.clear()
    assert dialog.print_handout() == 0 and dialog.status.text() == ""


# --- Letters no font can draw -------------------------------------------------------------------


def test_the_missing_letters_message() -> None:
    text = missing_letters_message({"하은 강": {"하", "은", "강"}})
    assert text == (
        "No font on this computer can draw 강 은 하 (Korean letters) in the handout of 하은 강: "
        "they would print as empty boxes. Install a font that has these letters, or go on "
        "anyway."
    )
    two = missing_letters_message({"A": {"\U00013000"}, "B": {"ቀ", "王"}})
    assert "𓀀 (Egyptian letters) in the handout of A; ቀ 王 (Amharic and Chinese letters) in " in two


def test_letters_no_font_can_draw_are_warned_about_before_saving(
    open_dialog: Callable[..., HandoutDialog],
    korean: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not missing_glyphs("강하은"):
        pytest.skip("this computer has a Korean font")
    dialog = open_dialog(korean, folder=tmp_path)
    assert dialog.fonts_note.isVisible()
    assert "draw 강 은 하 (Korean letters)" in dialog.fonts_note.text()
    # Cancel (the default) saves nothing.
    no_file_dialog(monkeypatch)
    texts: list[str] = []

    def cancel(box: QMessageBox) -> None:
        texts.append(box.text())
        assert box.icon() == QMessageBox.Icon.Warning
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Cancel).click()

    in_dialog(QMessageBox, cancel)
    assert dialog.save_pdf() is None
    assert texts == [missing_letters_message({korean.student.display_name: {"강", "은", "하"}})]
    assert list(tmp_path.iterdir()) == []
    # So does printing.
    in_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    assert dialog.print_handout() == 0
    # Going on anyway saves.
    save_to(monkeypatch, tmp_path / "kang.pdf")

    def go_on(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Go on anyway").click()

    in_dialog(QMessageBox, go_on)
    assert dialog.save_pdf() == tmp_path / "kang.pdf"
    assert (tmp_path / "kang.pdf").read_bytes() == dialog.pdf


def test_no_warning_when_every_letter_can_be_drawn(
    open_dialog: Callable[..., HandoutDialog],
    rich: Handout,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(rich, folder=tmp_path)
    assert dialog.missing() == {} and not dialog.fonts_note.isVisible()
    assert dialog.letters_ok()  # no box: a box here would block the test


# --- From the main window -----------------------------------------------------------------------


def test_the_main_window_opens_the_current_students_handout(
    qtbot: Any,
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []

    def exec_(dialog: HandoutDialog) -> int:
        shown.append((dialog.handout.student.display_name, dialog.paper_size))
        return 0

    monkeypatch.setattr(HandoutDialog, "exec", exec_)
    window = make_window(school_db)
    assert not window.handout_action.isEnabled()  # the dashboard: no current student
    assert window.handout_action.shortcut().toString() == "Ctrl+P"
    window.roster.select_student(4)
    assert window.handout_action.isEnabled()
    window.handout_action.trigger()
    assert shown == [("Sinéad Ní Bhriain", "letter")]
    button = window.student_page.findChild(QPushButton, "handoutButton")
    assert button is window.student_page.handout_button and button.isVisible()
    assert button.text() == "Conference handout…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown[-1] == ("Sinéad Ní Bhriain", "letter")
    window.show_dashboard()
    assert not window.handout_action.isEnabled()


def test_a_student_missing_from_the_database_gets_a_message(
    qtbot: Any, make_window: Callable[[Path], MainWindow], school_db: Path
) -> None:
    window = make_window(school_db)
    window.roster.select_student(4)
    student = window.current_student()
    assert student is not None
    texts: list[str] = []
    in_dialog(QMessageBox, lambda box: texts.append(box.text()))
    handout_dialog.show_handout(window, window.store, student.with_changes(id=999))
    assert texts == ["That student is no longer in the database."]
