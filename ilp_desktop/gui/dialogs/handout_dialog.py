"""One student's conference handout: choose its language, print size and paper, see its pages,
then save it as a PDF or print it.

The PDF is built in memory on the GUI thread (a two-page handout takes well under a tenth of a
second) and drawn for the preview and the printer with pdfium, so what is shown, saved and
printed is the same document.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeySequence,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.handout import Handout, family_language
from ...domain.students import Student
from ...handout_jobs import file_name, open_source
from ...reports.fonts import NoUnicodeFontError
from ...reports.handout import build_handout
from ...reports.handout_words import LANGUAGE_NAMES
from ...reports.missing_letters import missing_letters
from ...store.db import Store
from ...store.errors import StoreError
from ...store.handouts import HandoutError
from ..compliance_export import write_atomically
from ..saving import documents_folder, pdf_path

log = logging.getLogger(__name__)

LANGUAGES = tuple(LANGUAGE_NAMES.items())
PAPERS = (("letter", "Letter"), ("a4", "A4"))
_PAGE_SIZE_IDS = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}

PAGE_GAP = 14  # between the pages of the preview, and around them
PREVIEW_BACKGROUND = "#dfe3e8"
MAX_PREVIEW_SCALE = 1.5  # about true size on a common screen: a wide window draws no poster
PRINT_DPI_CAP = 300  # enough for text on paper; more only makes the print job huge


# Which language's font to look for, by the first word of a letter's Unicode name: on a
# computer without that font the letters show as boxes in the message too.
_SCRIPT_WORDS = {
    "HANGUL": "Korean",
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "THAI": "Thai",
    "LAO": "Lao",
    "KHMER": "Khmer",
    "MYANMAR": "Burmese",
    "ETHIOPIC": "Amharic",
    "TIBETAN": "Tibetan",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "SINHALA": "Sinhala",
}


def scripts_of(chars: Iterable[str]) -> str:
    """ "Korean letters", "Tamil and Thai letters": what the characters are written in."""
    names = set()
    for char in chars:
        word = unicodedata.name(char, "").split(" ", 1)[0]
        if word:
            names.add(_SCRIPT_WORDS.get(word, word.title()))
    if not names:
        return "letters"
    ordered = sorted(names)
    joined = ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]
    return f"{joined} letters"


def missing_letters_message(missing: Mapping[str, set[str]]) -> str:
    """The warning shown before saving or printing a handout with letters no font can draw."""
    where = "; ".join(
        f"{' '.join(sorted(chars))} ({scripts_of(chars)}) in the handout of {name}"
        for name, chars in missing.items()
    )
    return (
        f"No font on this computer can draw {where}: they would print as empty boxes. "
        "Install a font that has these letters, or go on anyway."
    )


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One PDF page drawn at ``scale`` pixels per point, as a QImage that owns its pixels."""
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB order, as Qt reads it
    try:
        formats = {
            "RGB": QImage.Format.Format_RGB888,
            "RGBX": QImage.Format.Format_RGBX8888,
            "RGBA": QImage.Format.Format_RGBA8888,
        }
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            formats.get(bitmap.mode, QImage.Format.Format_RGB888),
        )
        return image.copy()  # the buffer above goes away with the bitmap
    finally:
        bitmap.close()


class HandoutDialog(QDialog):
    """Preview, save and print one student's handout; ``paper`` is the school's default."""

    def __init__(
        self,
        handout: Handout,
        paper: str | None = None,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.handout = handout
        self.folder = folder
        self.pdf = b""
        self.page_count = 0
        self.page_labels: list[QLabel] = []
        self._document: pdfium.PdfDocument | None = None
        self._missing: dict[str, set[str]] | None = None
        self._drawn_width = 0
        student = handout.student
        self.setWindowTitle(f"Conference handout — {student.display_name}")

        self.language = QComboBox(self)
        for key, label in LANGUAGES:
            self.language.addItem(label, key)
        self.language.setCurrentIndex(self.language.findData(family_language(student)))
        self.language.setToolTip(_language_tip(student))
        self.large_print = QCheckBox("Lar&ge print", self)
        self.large_print.setToolTip("Bigger letters for families who read better that way")
        self.paper = QComboBox(self)
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        chosen = paper or handout.school.paper
        self.paper.setCurrentIndex(max(0, self.paper.findData(chosen)))
        self.page_info = QLabel(self)
        self.page_info.setAccessibleName("Pages")

        options = QHBoxLayout()
        options.setSpacing(6)
        for text, widget in (
            ("&Language:", self.language),
            (None, self.large_print),
            ("&Paper:", self.paper),
        ):
            if text is not None:
                label = QLabel(text, self)
                label.setBuddy(widget)
                options.addWidget(label)
            options.addWidget(widget)
            options.addSpacing(18)
        options.addStretch(1)
        options.addWidget(self.page_info)

        self.fonts_note = QLabel(self)
        self.fonts_note.setWordWrap(True)
        self.fonts_note.setStyleSheet("color: #8a4b00;")
        self.fonts_note.hide()

        self.pages_holder = QWidget()
        self.pages_holder.setObjectName("handoutPages")
        self.pages_holder.setStyleSheet(f"#handoutPages {{ background: {PREVIEW_BACKGROUND}; }}")
        self.pages_layout = QVBoxLayout(self.pages_holder)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.problem = QLabel(self.pages_holder)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.pages_layout.addWidget(self.problem)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_holder)
        # Always there, so the pages' width does not jump as the bar comes and goes.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_info)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton("&Save as PDF…", self)
        self.print_button = QPushButton("P&rint…", self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip("Print the handout (Ctrl+P)")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_handout)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.fonts_note)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(60)
        self._redraw_timer.timeout.connect(self._draw_pages)
        for combo in (self.language, self.paper):
            combo.currentIndexChanged.connect(self.refresh)
        self.large_print.toggled.connect(self.refresh)

        self._show_missing_letters()
        screen = self.screen().availableGeometry()
        self.resize(min(980, int(screen.width() * 0.9)), min(940, int(screen.height() * 0.9)))
        self.refresh()

    # Choices ----------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.language.currentData()

    @property
    def paper_size(self) -> str:
        return self.paper.currentData()

    def default_name(self) -> str:
        """The handout's file name; the language is added only when it is not the family's,
        so the two versions of a bilingual family's handout do not replace each other."""
        lang = self.lang if self.lang != family_language(self.handout.student) else None
        return file_name(self.handout.student, lang)

    # Building and drawing ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Build the PDF with the chosen options and draw its pages."""
        self._close_document()
        self.status.clear()
        try:
            buffer = io.BytesIO()
            self.page_count = build_handout(
                self.handout,
                buffer,
                lang=self.lang,
                large_print=self.large_print.isChecked(),
                paper=self.paper_size,
            )
            self.pdf = buffer.getvalue()
            self._document = pdfium.PdfDocument(self.pdf)
        except Exception:  # a handout that cannot be drawn must not close the app
            log.exception("handout of student %s not built", self.handout.student.id)
            self.pdf, self.page_count = b"", 0
            self._show_problem(
                "This handout could not be drawn, so it cannot be saved or printed. What went "
                "wrong is written in the log file (Help ▸ Where is my data?)."
            )
            return
        self.problem.hide()
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._draw_pages()

    def _show_problem(self, text: str) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        self.problem.setText(text)
        self.problem.show()
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self._update_page_info()

    def _preview_width(self) -> int:
        """Pixels across for a page: the scroll area's width less the gaps and the border."""
        return max(240, self.scroll.viewport().width() - 2 * PAGE_GAP - 2)

    def _draw_pages(self) -> None:
        document = self._document
        if document is None:
            return
        width = self._preview_width()
        ratio = self.devicePixelRatioF()
        while len(self.page_labels) < len(document):
            label = QLabel(self.pages_holder)
            label.setStyleSheet("border: 1px solid #aab2bd; background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        while len(self.page_labels) > len(document):
            self.page_labels.pop().deleteLater()
        for index, label in enumerate(self.page_labels):
            page = document[index]
            try:
                points = page.get_width()
                scale = min(width / points, MAX_PREVIEW_SCALE)
                image = page_image(page, scale * ratio)
            finally:
                page.close()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setAccessibleName(f"Page {index + 1} of {len(document)}")
        self._drawn_width = width
        self._update_page_info()

    def _update_page_info(self) -> None:
        if not self.page_labels:
            self.page_info.setText("No pages")
            return
        # Where each page starts, from the pages' sizes: new labels are placed only later.
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 2
        current, top = 1, PAGE_GAP
        for index, label in enumerate(self.page_labels):
            if top <= middle:
                current = index + 1
            top += label.sizeHint().height() + PAGE_GAP
        self.page_info.setText(f"Page {current} of {len(self.page_labels)}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._document is not None and self._preview_width() != self._drawn_width:
            self._redraw_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The scroll area has its real width only now.
        if self._preview_width() != self._drawn_width:
            self._draw_pages()

    # Fonts ------------------------------------------------------------------------------------
    def missing(self) -> dict[str, set[str]]:
        """Letters of this handout no font here can draw (checked once)."""
        if self._missing is None:
            self._missing = missing_letters([self.handout])
        return self._missing

    def _show_missing_letters(self) -> None:
        missing = self.missing()
        if missing:
            chars = set().union(*missing.values())
            self.fonts_note.setText(
                f"No font on this computer can draw {' '.join(sorted(chars))} "
                f"({scripts_of(chars)}): they will print as empty boxes. Install a font that "
                "has them to print them."
            )
            self.fonts_note.show()

    def letters_ok(self) -> bool:
        """True when every letter can be drawn, or the counselor chose to go on anyway."""
        missing = self.missing()
        if not missing:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "Letters that cannot be drawn", "", parent=self)
        box.setText(missing_letters_message(missing))
        go_on = box.addButton("Go on anyway", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go_on

    # Saving -----------------------------------------------------------------------------------
    def save_pdf(self) -> Path | None:
        """Ask where, then write the PDF there at once; the file written, or None."""
        if not self.pdf or not self.letters_ok():
            return None
        folder = self.folder or documents_folder()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save handout as PDF", str(folder / self.default_name()), "PDF files (*.pdf)"
        )
        if not path:
            return None
        target = pdf_path(self, path)
        if target is None:
            return None
        problem = write_atomically(target, self.pdf)
        if problem is not None:
            QMessageBox.warning(
                self,
                "Handout not saved",
                f"Could not save the handout as {target}: {problem}\n\nNothing was written "
                "there. Choose a folder you can write to (such as Documents) and try again.",
            )
            return None
        self.folder = target.parent
        pages = "1 page" if self.page_count == 1 else f"{self.page_count} pages"
        self.status.setText(f"Saved ({pages}) as {target}.")
        return target

    # Printing ---------------------------------------------------------------------------------
    def prepare_printer(self, printer: QPrinter) -> None:
        """Name the print job and choose the handout's paper."""
        printer.setDocName(self.windowTitle().replace("—", "-"))
        printer.setPageSize(
            QPageSize(_PAGE_SIZE_IDS.get(self.paper_size, QPageSize.PageSizeId.Letter))
        )
        # The handout has its own margins: print it at its true size, edge to edge.
        printer.setFullPage(True)
        printer.setFromTo(1, max(1, self.page_count))

    def print_handout(self) -> int:
        """Ask which printer, then print; the number of pages printed (0 when cancelled)."""
        if not self.pdf or not self.letters_ok():
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print handout")
        dialog.setMinMax(1, max(1, self.page_count))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        printed = self.print_to(printer)
        if printed:
            name = printer.printerName() or printer.outputFileName() or "the printer"
            pages = "1 page" if printed == 1 else f"{printed} pages"
            self.status.setText(f"Sent {pages} to {name}.")
        return printed

    def print_to(self, printer: QPrinter) -> int:
        """Draw the handout's pages on ``printer`` (a page range chosen there is kept); the
        number of pages printed, 0 (and a message) when the printer could not start."""
        if self._document is None:
            return 0
        if not printer.docName():
            self.prepare_printer(printer)
        first, last = 1, len(self._document)
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(last, printer.toPage() or last)
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self,
                "Not printed",
                "The printer could not start printing. Check that it is switched on and "
                "connected, or save the handout as a PDF and print that.",
            )
            return 0
        printed = 0
        try:
            for number in range(first, last + 1):
                if printed:
                    printer.newPage()
                page = self._document[number - 1]
                try:
                    image = page_image(page, dpi / 72)
                finally:
                    page.close()
                area = printer.pageRect(QPrinter.Unit.DevicePixel)
                size = QSize(image.width(), image.height()).scaled(
                    area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                target = QRectF(
                    area.x() + (area.width() - size.width()) / 2,
                    area.y() + (area.height() - size.height()) / 2,
                    size.width(),
                    size.height(),
                )
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed

    # Closing ----------------------------------------------------------------------------------
    def _close_document(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def done(self, result: int) -> None:
        self._close_document()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_document()
        super().closeEvent(event)


def _language_tip(student: Student) -> str:
    spoken = [*student.family_languages, *(g.language for g in student.guardians if g.language)]
    said = ", ".join(dict.fromkeys(spoken)) if spoken else "none listed"
    return (
        f"Home languages on the roster: {said}. Handouts come in English and Spanish; the "
        "family's language is chosen when it is one of them."
    )


def show_handout(
    parent: QWidget, store: Store, student: Student, today: dt.date | None = None
) -> None:
    """Read the student's handout and show it; a message instead when it cannot be made."""
    if student.id is None:
        return
    try:
        source = open_source(store)
        handout = source.handout(student.id, today or dt.date.today())
    except (HandoutError, StoreError) as error:
        QMessageBox.warning(parent, "No handout", str(error))
        return
    try:
        dialog = HandoutDialog(handout, source.school.paper, parent)
    except NoUnicodeFontError as error:  # no font on this computer can print anything
        QMessageBox.warning(parent, "No handout", str(error))
        return
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
