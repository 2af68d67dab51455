"""Keying in a paper answer sheet: the counselor types each circled number, 1 to 5.

Made for eyes on the paper, not the screen: a digit saves the answer and moves on by itself,
0, space or "-" records a skipped statement, Backspace goes back one statement and clears it, and
any other key is refused with a message (and a beep) while nothing moves. A live list shows
every answer so far. When the last statement is keyed, a review lists them all, skipped ones
highlighted, with a way back to any of them; only then does "Score" call ``sink.finish()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ..domain.interests import LANGUAGES, SCALE_VALUES, InventoryForm
from .inventory_student_mode import AttemptSink
from .look import error_label, heading, show_error
from .ui_loader import child, embed_ui

Index = QModelIndex | QPersistentModelIndex

NUMBER, ANSWER, STATEMENT = range(3)
HEADERS = ("No.", "Answer", "Statement")
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

REFUSAL = "Type 1 to 5, or 0 for a skipped statement"
KEYS_HELP = (
    "<table cellspacing='0' cellpadding='2'>"
    "<tr><td><b>1</b> to <b>5</b></td>"
    "<td>&nbsp;&nbsp;the circled answer; moves on by itself</td></tr>"
    "<tr><td><b>0</b>, <b>space</b> or <b>-</b></td><td>&nbsp;&nbsp;a skipped statement</td></tr>"
    "<tr><td><b>Backspace</b></td><td>&nbsp;&nbsp;back one statement and clear it</td></tr>"
    "</table>"
)

# Row colors with their own dark text, so they read on light and dark themes alike.
_CURRENT = (QColor("#d6e6f7"), QColor("#12324f"))
_SKIPPED = (QColor("#fff1c7"), QColor("#5c4300"))
_MISSING = (QColor("#fbdcdc"), QColor("#6e1a16"))


class KeyingAnswersModel(QAbstractTableModel):
    """Every statement of a form, in order, with the answer keyed so far.

    An answer is 1-5, None for skipped, or absent (not keyed yet). The current row (the one
    being keyed) is highlighted; skipped rows always are; rows not keyed are highlighted only
    while reviewing, when they would count as skipped.
    """

    def __init__(
        self,
        form: InventoryForm,
        answers: Mapping[str, int | None] | None = None,
        lang: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._form = form
        self._lang = lang
        known = set(form.ids)
        self._answers: dict[str, int | None] = {
            item_id: value for item_id, value in (answers or {}).items() if item_id in known
        }
        self._scale = {point.value: point.label.en for point in form.scale}
        self._current: int | None = None
        self._reviewing = False

    # Reading ------------------------------------------------------------------------------

    def answers(self) -> dict[str, int | None]:
        """The keyed answers, item id -> 1-5 or None for skipped."""
        return dict(self._answers)

    def has_answer(self, row: int) -> bool:
        return self._form.items[row].id in self._answers

    def answer(self, row: int) -> int | None:
        return self._answers.get(self._form.items[row].id)

    def first_missing(self) -> int | None:
        """The first row not keyed yet, or None when every row is."""
        for row, item_id in enumerate(self._form.ids):
            if item_id not in self._answers:
                return row
        return None

    def counts(self) -> tuple[int, int, int]:
        """(answered, skipped, not keyed)."""
        answered = sum(1 for v in self._answers.values() if v is not None)
        skipped = len(self._answers) - answered
        return answered, skipped, len(self._form.items) - len(self._answers)

    def answer_text(self, value: int | None) -> str:
        """ "4 · Like", or "Skipped"."""
        if value is None:
            return "Skipped"
        return f"{value} · {self._scale[value]}"

    # Changing -----------------------------------------------------------------------------

    def set_answer(self, row: int, value: int | None) -> None:
        self._answers[self._form.items[row].id] = value
        self._row_changed(row)

    def clear(self, row: int) -> None:
        self._answers.pop(self._form.items[row].id, None)
        self._row_changed(row)

    def set_current(self, row: int | None) -> None:
        before, self._current = self._current, row
        for changed in {before, row} - {None}:
            assert changed is not None
            self._row_changed(changed)

    def set_reviewing(self, reviewing: bool) -> None:
        self._reviewing = reviewing
        if self._form.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._form.items) - 1, 2))

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._form.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self._form.items[row]
        keyed = item.id in self._answers
        value = self._answers.get(item.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(row + 1)
            if column == ANSWER:
                if keyed:
                    return self.answer_text(value)
                return "Not keyed" if self._reviewing else ""
            return item.text.get(self._lang)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATEMENT:
            return item.text.get(self._lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colors = self._colors(row, keyed, value)
            if colors is None:
                return None
            return QBrush(colors[0] if role == Qt.ItemDataRole.BackgroundRole else colors[1])
        if role == Qt.ItemDataRole.FontRole and row == self._current and not self._reviewing:
            font = QFont()
            font.setBold(True)
            return font
        if role == ITEM_ID_ROLE:
            return item.id
        return None

    def _colors(self, row: int, keyed: bool, value: int | None) -> tuple[QColor, QColor] | None:
        if row == self._current and not self._reviewing:
            return _CURRENT
        if keyed and value is None:
            return _SKIPPED
        if not keyed and self._reviewing:
            return _MISSING
        return None


class KeyingWidget(QWidget):
    """The keying screen for one paper answer sheet of ``form``.

    ``answers`` are those keyed before (a resumed attempt); keying starts at the first
    statement not keyed, or at the review when all are. Statements show in ``lang``, the
    language of the paper sheet. Each key calls ``sink.save_answer``; Backspace clears the
    statement it goes back to with ``save_answer(id, None)`` (a cleared statement scores as a
    skipped one). ``sink.finish()`` is called only by Score, which only the review offers.
    """

    def __init__(
        self,
        form: InventoryForm,
        sink: AttemptSink,
        answers: Mapping[str, int | None] | None = None,
        lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if lang not in LANGUAGES:
            raise ValueError(f"Language “{lang}” is not available; use en or es.")
        self._form = form
        self._sink = sink
        self._lang = lang
        self._reviewing = False
        self._fixing = False  # keying one statement from the review: go back there after it
        self._scored = False

        ui = embed_ui("inventory_keying.ui", self)
        self.title_label = child(ui, QLabel, "keyingTitle")
        self.form_label = child(ui, QLabel, "formLabel")
        self.entry_page = child(ui, QWidget, "entryPage")
        self.entry_card = child(ui, QFrame, "entryCard")
        self.item_number_label = child(ui, QLabel, "itemNumberLabel")
        self.statement_label = child(ui, QLabel, "statementLabel")
        self.answer_label = child(ui, QLabel, "answerLabel")
        self.focus_label = child(ui, QLabel, "focusLabel")
        self.message_label = child(ui, QLabel, "messageLabel")
        self.keys_label = child(ui, QLabel, "keysLabel")
        self.scale_label = child(ui, QLabel, "scaleLabel")
        self.last_entry_label = child(ui, QLabel, "lastEntryLabel")
        self.count_label = child(ui, QLabel, "countLabel")
        self.review_button = child(ui, QPushButton, "reviewButton")
        self.answers_view = child(ui, QTableView, "answersView")
        self.review_page = child(ui, QWidget, "reviewPage")
        self.review_title = child(ui, QLabel, "reviewTitle")
        self.review_summary = child(ui, QLabel, "reviewSummary")
        self.review_view = child(ui, QTableView, "reviewView")
        self.change_button = child(ui, QPushButton, "changeButton")
        self.keep_keying_button = child(ui, QPushButton, "keepKeyingButton")
        self.scored_label = child(ui, QLabel, "scoredLabel")
        self.score_button = child(ui, QPushButton, "scoreButton")

        self.model = KeyingAnswersModel(form, answers, lang, self)
        for view in (self.answers_view, self.review_view):
            view.setModel(self.model)
            self._size_columns(view)
        self._look()

        # Keys go to this widget alone while keying: a focused list or button would take
        # digits and space for itself.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.answers_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.review_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.answers_view.clicked.connect(lambda index: self.go_to(index.row()))
        self.review_button.clicked.connect(self.show_review)
        self.review_view.activated.connect(lambda index: self.go_to(index.row(), fixing=True))
        self.change_button.clicked.connect(self._change_selected)
        self.keep_keying_button.clicked.connect(self.keep_keying)
        self.score_button.clicked.connect(self.score)

        self.form_label.setText(
            f"{form.title.en} · {len(form.items)} statements · "
            + ("English sheet" if lang == "en" else "Spanish sheet")
        )
        missing = self.model.first_missing()
        self._index = 0 if missing is None else missing
        if missing is None and form.items:
            self.show_review()
        else:
            self._show_entry()

    # --- State -----------------------------------------------------------------------------

    @property
    def current_index(self) -> int:
        """The position (0-based) of the statement being keyed."""
        return self._index

    @property
    def reviewing(self) -> bool:
        return self._reviewing

    @property
    def scored(self) -> bool:
        return self._scored

    def answers(self) -> dict[str, int | None]:
        """The answers keyed so far (None for skipped)."""
        return self.model.answers()

    # --- Actions ---------------------------------------------------------------------------

    def enter(self, value: int | None) -> None:
        """Key ``value`` (1-5, or None for skipped) for the current statement and move on."""
        if self._reviewing or self._scored:
            return
        if value is not None and value not in SCALE_VALUES:
            raise ValueError(f"{value!r} is not on the answer scale")
        row = self._index
        item = self._form.items[row]
        self._sink.save_answer(item.id, value)  # first: if it fails, nothing moves
        self.model.set_answer(row, value)
        self.last_entry_label.setText(
            f"Keyed: statement {row + 1} → {self.model.answer_text(value)}"
        )
        show_error(self.message_label, None)
        if self._fixing:
            self._fixing = False
            self.show_review(select=row)
        elif row + 1 >= len(self._form.items):
            self.show_review()
        else:
            self._index = row + 1
            self._show_entry()

    def back(self) -> None:
        """Backspace: back one statement and clear its answer."""
        if self._reviewing or self._scored:
            return
        self._fixing = False
        show_error(self.message_label, None)
        if self._index > 0:
            self._index -= 1
        elif not self.model.has_answer(0):
            return
        item = self._form.items[self._index]
        self._sink.save_answer(item.id, None)
        self.model.clear(self._index)
        self.last_entry_label.setText(f"Cleared statement {self._index + 1}.")
        self._show_entry()

    def go_to(self, row: int, fixing: bool = False) -> None:
        """Key statement ``row`` next; with ``fixing``, return to the review after it."""
        if self._scored or not 0 <= row < len(self._form.items):
            return
        self._index = row
        self._fixing = fixing
        show_error(self.message_label, None)
        self._show_entry()

    def show_review(self, select: int | None = None) -> None:
        """The review: every answer, skipped ones highlighted, then Score."""
        self._reviewing = True
        self._fixing = False
        self.model.set_current(None)
        self.model.set_reviewing(True)
        answered, skipped, missing = self.model.counts()
        parts = [f"{len(self._form.items)} statements: {answered} answered"]
        parts.append(f"{skipped} skipped (highlighted in yellow)" if skipped else "none skipped")
        if missing:
            parts.append(f"{missing} not keyed (highlighted in red; they count as skipped)")
        self.review_summary.setText(
            ", ".join(parts) + ". Double-click a statement, or select it and press Change this "
            "answer, to key it again."
        )
        self.entry_page.hide()
        self.review_page.show()
        # Nothing selected unless returning from a fix: a highlighted first row would read as
        # a problem with it. The keyboard's current row is still there for Enter.
        selection = self.review_view.selectionModel()
        selection.clearSelection()
        row = select if select is not None else (self.model.first_missing() or 0)
        index = self.model.index(row, 0)
        if select is not None:
            self.review_view.selectRow(row)
        else:
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
        self.review_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.review_view.setFocus()
        self._update_score_button()

    def keep_keying(self) -> None:
        """From the review back to keying: the first statement not keyed, else the last."""
        missing = self.model.first_missing()
        self.go_to(len(self._form.items) - 1 if missing is None else missing)

    def score(self) -> None:
        """Score the attempt: ``sink.finish()``, from the review only, once."""
        if not self._reviewing or self._scored:
            return
        self._sink.finish()
        self._scored = True
        self.scored_label.setText("Scored. The answers are saved.")
        self._update_score_button()

    # --- Events ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._reviewing or self._scored:
            super().keyPressEvent(event)
            return
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & ~Qt.KeyboardModifier.ShiftModifier or key in _MODIFIER_KEYS:
            super().keyPressEvent(event)  # shortcuts and lone modifier keys: not ours
            return
        event.accept()
        kind, value = _classify(event)
        if kind == "refuse":
            QApplication.beep()  # the counselor is looking at the paper, not the screen
            show_error(self.message_label, f"{_key_name(event)} is not an answer. {REFUSAL}.")
            return
        if event.isAutoRepeat():
            return  # a key held down keys one statement, not a run of them
        if kind == "back":
            self.back()
        else:
            self.enter(value)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_focus()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_focus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._reviewing:
            self.setFocus()

    # --- Drawing ---------------------------------------------------------------------------

    def _look(self) -> None:
        heading(self.title_label, 1.35)
        heading(self.item_number_label, 1.5)
        heading(self.statement_label, 1.6, bold=False)
        heading(self.answer_label, 1.15, bold=False)
        heading(self.review_title, 1.35)
        self.statement_label.setMinimumHeight(self.statement_label.fontMetrics().lineSpacing() * 2)
        for label in (self.form_label, self.keys_label, self.scale_label, self.last_entry_label):
            label.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.statement_label, self.last_entry_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        error_label(self.message_label)
        heading(self.message_label, 1.1)
        self.keys_label.setTextFormat(Qt.TextFormat.RichText)
        self.keys_label.setText(KEYS_HELP)
        self.scale_label.setText(
            "Scale:  " + "   ".join(f"{p.value} {p.label.en}" for p in self._form.scale)
        )
        self.entry_card.setStyleSheet(
            "QFrame#entryCard { border: 2px solid palette(mid); border-radius: 8px; }"
        )
        font = QFont(self.score_button.font())
        font.setBold(True)
        self.score_button.setFont(font)

    def _size_columns(self, view: QTableView) -> None:
        metrics = view.fontMetrics()
        header = view.horizontalHeader()
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NUMBER, metrics.horizontalAdvance("No.00") + 16)
        texts = [self.model.answer_text(v) for v in (*SCALE_VALUES, None)] + ["Not keyed"]
        header.resizeSection(ANSWER, max(metrics.horizontalAdvance(t) for t in texts) + 24)
        vertical = view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(metrics.height() + 8)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def _show_entry(self) -> None:
        self._reviewing = False
        self.model.set_reviewing(False)
        self.review_page.hide()
        self.entry_page.show()
        row = self._index
        item = self._form.items[row]
        total = len(self._form.items)
        self.item_number_label.setText(f"Statement {row + 1} of {total}")
        self.statement_label.setText(item.text.get(self._lang))
        if self.model.has_answer(row):
            self.answer_label.setText(
                f"Keyed as {self.model.answer_text(self.model.answer(row))}: "
                "type again to change it."
            )
        else:
            self.answer_label.setText("")
        self.answer_label.setVisible(bool(self.answer_label.text()))
        _, skipped, missing = self.model.counts()
        self.count_label.setText(
            f"{total - missing} of {total} keyed" + (f" · {skipped} skipped" if skipped else "")
        )
        self.model.set_current(row)
        self.answers_view.scrollTo(
            self.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible
        )
        self.setFocus()
        self._show_focus()
        self._update_score_button()

    def _show_focus(self) -> None:
        if self.hasFocus():
            self.focus_label.setText("Ready: type the answer circled on the sheet.")
            self.focus_label.setStyleSheet("color: #2e7d5b;")
        else:
            self.focus_label.setText("Click here, then type the answers.")
            self.focus_label.setStyleSheet("color: palette(placeholder-text);")

    def _update_score_button(self) -> None:
        self.score_button.setEnabled(self._reviewing and not self._scored)
        self.change_button.setEnabled(not self._scored)
        self.keep_keying_button.setEnabled(not self._scored)
        self.scored_label.setVisible(self._scored)

    def _change_selected(self) -> None:
        selection = self.review_view.selectionModel()
        rows = selection.selectedRows()
        index = rows[0] if rows else selection.currentIndex()
        if index.isValid():
            self.go_to(index.row(), fixing=True)


_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
}
_DIGIT_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
_SKIP_TEXT = ("0", " ", "-")
_SKIP_KEYS = (Qt.Key.Key_0, Qt.Key.Key_Space, Qt.Key.Key_Minus)


def _classify(event: QKeyEvent) -> tuple[str, int | None]:
    """("answer", 1-5), ("answer", None) for a skip, ("back", None) or ("refuse", None)."""
    text = event.text()
    key = event.key()
    if key == Qt.Key.Key_Backspace:
        return "back", None
    if len(text) == 1 and text in "12345":
        return "answer", int(text)
    if text in _SKIP_TEXT and text:
        return "answer", None
    if not text and key in _DIGIT_KEYS:
        return "answer", _DIGIT_KEYS.index(Qt.Key(key)) + 1
    if not text and key in _SKIP_KEYS:
        return "answer", None
    return "refuse", None


def _key_name(event: QKeyEvent) -> str:
    """How the refusal names the key: “7”, “a”, or Enter, Tab ..."""
    text = event.text()
    if text and text.isprintable() and not text.isspace():
        return f"“{text}”"
    name = QKeySequence(event.key()).toString(QKeySequence.SequenceFormat.NativeText)
    return name or "That key"
