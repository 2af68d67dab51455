"""The student-facing interest inventory: one statement at a time, in large type, full screen.

The counselor starts it and turns the laptop to the student. It is a window of its own, never a
child of the main window, and shows nothing but the student's preferred first name and the
statements: no roster, no other students, no flags. Every answer goes to the AttemptSink at once,
so an interrupted attempt loses nothing and resumes at the first statement not yet answered.

Leaving takes a deliberate counselor action: Ctrl+Shift+Q, then a confirmation. Escape does
nothing, and closing the window through the window manager asks the same question.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.interests import LANGUAGES, SCALE_VALUES, InventoryForm
from .ui_loader import child, embed_ui


class AttemptSink(Protocol):
    """Where one inventory attempt's answers go; the Self-exploration tab implements it.

    Both the student view and the keying screen call ``save_answer`` as each answer is given
    (``None`` for a skipped statement), and ``finish`` once the attempt is complete.
    """

    def save_answer(self, item_id: str, value: int | None) -> None:
        """Keep the answer to ``item_id``: 1-5, or None for skipped."""
        ...

    def finish(self) -> None:
        """The attempt is complete: every statement answered or skipped (and reviewed)."""
        ...


# Ctrl+Shift+Q; on a Mac the Control key itself ("Meta" to Qt), as Cmd+Shift+Q is the system's
# Log Out.
LEAVE_SHORTCUT = "Meta+Shift+Q" if sys.platform == "darwin" else "Ctrl+Shift+Q"
LEAVE_QUESTION = "Leave the student view? Answers so far are saved."

START, QUESTION, END = "start", "question", "end"

# Addressed to the student, in the language they chose. The counselor's own words (the leave
# question, the hint on the end screen) stay in English, the language of the rest of the app.
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "hello": "Hi, {name}!",
        "hello_anon": "Hi!",
        "again": "Welcome back, {name}!",
        "again_anon": "Welcome back!",
        "how": (
            "Tap an answer, or press a number key from 1 to 5. "
            "You can skip a sentence or go back to the one before."
        ),
        "resume": "You have already answered {done} of {total}. You'll pick up where you left off.",
        "start": "Start",
        "continue": "Continue",
        "prompt": "How much would you like to do this?",
        "progress": "{n} of {total}",
        "back": "Back",
        "skip": "Skip",
        "done": "All done!",
        "done_text": "Thank you, {name}! Please hand the computer back to your counselor.",
        "done_text_anon": "Thank you! Please hand the computer back to your counselor.",
    },
    "es": {
        "hello": "¡Hola, {name}!",
        "hello_anon": "¡Hola!",
        "again": "¡Hola de nuevo, {name}!",
        "again_anon": "¡Hola de nuevo!",
        "how": (
            "Toca una respuesta o presiona una tecla del 1 al 5. "
            "Puedes saltarte una frase o volver a la anterior."
        ),
        "resume": "Ya contestaste {done} de {total}. Vas a seguir donde te quedaste.",
        "start": "Empezar",
        "continue": "Continuar",
        "prompt": "¿Cuánto te gustaría hacer esto?",
        "progress": "{n} de {total}",
        "back": "Atrás",
        "skip": "Saltar",
        "done": "¡Listo!",
        "done_text": (
            "¡Gracias, {name}! Por favor, devuélvele la computadora a tu consejero o consejera."
        ),
        "done_text_anon": (
            "¡Gracias! Por favor, devuélvele la computadora a tu consejero o consejera."
        ),
    },
}

# A calm light look of its own, whatever the counselor's desktop theme: this screen is for a
# student, often a young one, and must read the same on every school laptop.
INK = "#1d2a3a"
MUTED = "#5b6b7f"
ACCENT = "#2f5d8a"
ACCENT_SOFT = "#eef4fb"
PAPER = "#f4f7fb"
LINE = "#c9d5e4"
DONE_GREEN = "#2e7d5b"

_STYLE = f"""
QWidget#StudentModeWindow {{ background: {PAPER}; }}
QLabel {{ color: {INK}; }}
QPushButton {{
    background: white; color: {INK}; border: 2px solid {LINE}; border-radius: 14px;
    padding: 10px 30px;
}}
QPushButton:hover {{ border-color: {ACCENT}; background: {ACCENT_SOFT}; }}
QPushButton:pressed {{ background: #dbe7f5; }}
QPushButton:focus {{ border-color: {ACCENT}; }}
QPushButton:checked {{ background: {ACCENT}; border-color: {ACCENT}; color: white; }}
QPushButton:disabled {{ color: #a7b3c2; border-color: #dfe6ef; }}
QPushButton#startButton {{
    background: {ACCENT}; color: white; border-color: {ACCENT}; padding: 14px 72px;
}}
QPushButton#startButton:hover {{ background: #264d73; }}
QPushButton#englishButton {{
    border-top-right-radius: 0; border-bottom-right-radius: 0; padding: 8px 26px;
}}
QPushButton#spanishButton {{
    border-top-left-radius: 0; border-bottom-left-radius: 0; border-left: none;
    padding: 8px 26px;
}}
QLabel#statementLabel {{
    color: {INK}; background: white; border: 1px solid #d9e2ee; border-radius: 24px;
    padding: 36px 56px;
}}
QProgressBar {{
    background: #dde5ef; border: none; border-radius: 7px; min-height: 14px; max-height: 14px;
}}
QProgressBar::chunk {{ background: #4a86c5; border-radius: 7px; }}
"""


def confirm_leave(parent: QWidget) -> bool:
    """Ask the counselor whether to leave the student view; Stay is the default."""
    box = leave_question_box(parent)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


def leave_question_box(parent: QWidget) -> QMessageBox:
    """The Leave/Stay question, not yet shown; Leave has the accept role."""
    box = QMessageBox(parent)
    # A dialog inherits its parent's style sheet but not its palette: give it the student
    # view's light palette too, or dark ink would land on a dark desktop theme's background.
    box.setPalette(parent.palette())
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Leave the student view")
    box.setText(LEAVE_QUESTION)
    box.addButton("Leave", QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)  # a stray Enter from the student keeps them here
    box.setEscapeButton(stay)
    return box


def _scaled(widget: QWidget, factor: float, weight: QFont.Weight | None = None) -> None:
    """Set ``widget``'s font to ``factor`` times the application font."""
    font = QFont(widget.font())
    base = font.pointSizeF()
    if base > 0:
        font.setPointSizeF(base * factor)
    else:  # a pixel-sized system font
        font.setPixelSize(round(font.pixelSize() * factor))
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)


def _color(label: QLabel, color: str) -> None:
    label.setStyleSheet(f"color: {color}; background: transparent;")


class AnswerButton(QPushButton):
    """One point of the scale: its key number above its words, both big enough to tap."""

    def __init__(self, value: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.setObjectName(f"answer{value}Button")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 20, 12, 22)
        layout.setSpacing(6)
        self.number_label = QLabel(str(value), self)
        self.caption_label = QLabel(self)
        for label in (self.number_label, self.caption_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.caption_label.setWordWrap(True)
        _scaled(self.number_label, 2.2, QFont.Weight.Bold)
        _scaled(self.caption_label, 1.3, QFont.Weight.DemiBold)
        self.toggled.connect(self._recolor)
        self._recolor(False)

    def set_caption(self, text: str) -> None:
        """Show ``text`` (the scale point's words in the chosen language)."""
        # A word joiner after "/" keeps "seguro/a" whole when a narrow button wraps its words.
        self.caption_label.setText(text.replace("/", "/\u2060"))
        self.setAccessibleName(f"{self.value}: {text}")
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        # One width for all five, so they share the row equally; room for two lines of words
        # always, so a caption that wraps on a narrow screen is never cut off.
        margins = self.layout().contentsMargins()
        height = (
            margins.top()
            + self.number_label.fontMetrics().height()
            + self.layout().spacing()
            + 2 * self.caption_label.fontMetrics().lineSpacing()
            + margins.bottom()
        )
        return QSize(160, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.sizeHint().height())

    def _recolor(self, checked: bool) -> None:
        _color(self.number_label, "white" if checked else ACCENT)
        _color(self.caption_label, "white" if checked else INK)


class DoneMark(QWidget):
    """A green circle with a check mark: drawn, so no font needs the glyph."""

    def sizeHint(self) -> QSize:
        return QSize(120, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height(), 120)
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(DONE_GREEN))
        painter.drawEllipse(box)
        tick = QPainterPath(QPointF(box.left() + side * 0.28, box.top() + side * 0.52))
        tick.lineTo(box.left() + side * 0.44, box.top() + side * 0.68)
        tick.lineTo(box.left() + side * 0.73, box.top() + side * 0.36)
        pen = QPen(QColor("white"), side * 0.09)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
        painter.end()


class StudentModeWindow(QWidget):
    """The inventory as the student sees it. Show it with ``showFullScreen()``.

    ``answers`` are the attempt's answers so far (item id -> 1-5, or None for skipped); the
    student starts at the first statement not in it. Each answer calls ``sink.save_answer``
    straight away. When the view is left with every statement answered or skipped, it calls
    ``sink.finish()`` and emits ``left(True)``; left earlier, it emits ``left(False)``.
    """

    left = Signal(bool)  # finished: every statement was answered or skipped

    def __init__(
        self,
        form: InventoryForm,
        sink: AttemptSink,
        first_name: str = "",
        answers: Mapping[str, int | None] | None = None,
        lang: str = "en",
    ) -> None:
        # No parent, on purpose: a window of its own, so nothing of the main window (roster,
        # other students, flags) is inside it or drawn with it.
        super().__init__(None)
        if lang not in LANGUAGES:
            raise ValueError(f"Language “{lang}” is not available; use en or es.")
        self.setObjectName("StudentModeWindow")
        self._form = form
        self._sink = sink
        self._name = first_name.strip()
        known = set(form.ids)
        self._answers: dict[str, int | None] = {
            item_id: value for item_id, value in (answers or {}).items() if item_id in known
        }
        self._resumed = bool(self._answers)
        self._lang = lang
        self._index = 0
        self._page = START
        self._has_left = False

        page = embed_ui("inventory_student_mode.ui", self)
        self.start_page = child(page, QWidget, "startPage")
        self.question_page = child(page, QWidget, "questionPage")
        self.end_page = child(page, QWidget, "endPage")
        self.greeting_label = child(page, QLabel, "greetingLabel")
        self.form_title_label = child(page, QLabel, "formTitleLabel")
        self.instructions_label = child(page, QLabel, "instructionsLabel")
        self.how_to_label = child(page, QLabel, "howToLabel")
        self.resume_label = child(page, QLabel, "resumeLabel")
        self.english_button = child(page, QPushButton, "englishButton")
        self.spanish_button = child(page, QPushButton, "spanishButton")
        self.start_button = child(page, QPushButton, "startButton")
        self.progress_label = child(page, QLabel, "progressLabel")
        self.progress_bar = child(page, QProgressBar, "progressBar")
        self.prompt_label = child(page, QLabel, "promptLabel")
        self.statement_label = child(page, QLabel, "statementLabel")
        self.back_button = child(page, QPushButton, "backButton")
        self.skip_button = child(page, QPushButton, "skipButton")
        self.done_title_label = child(page, QLabel, "doneTitleLabel")
        self.done_text_label = child(page, QLabel, "doneTextLabel")
        self.end_back_button = child(page, QPushButton, "endBackButton")
        self.counselor_hint_label = child(page, QLabel, "counselorHintLabel")

        answer_row = page.findChild(QBoxLayout, "answerRow")
        assert answer_row is not None, "inventory_student_mode.ui has no answerRow"
        self.answer_buttons: list[AnswerButton] = []
        for value in SCALE_VALUES:
            button = AnswerButton(value, self.question_page)
            button.clicked.connect(lambda _=False, v=value: self.answer(v))
            answer_row.addWidget(button)
            self.answer_buttons.append(button)
        end_layout = self.end_page.layout()
        assert isinstance(end_layout, QBoxLayout)
        end_layout.insertWidget(1, DoneMark(self.end_page), 0, Qt.AlignmentFlag.AlignHCenter)

        self._style()
        self.english_button.clicked.connect(lambda: self.set_language("en"))
        self.spanish_button.clicked.connect(lambda: self.set_language("es"))
        self.start_button.clicked.connect(self.begin)
        self.back_button.clicked.connect(self.go_back)
        self.end_back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(lambda: self.answer(None))

        leave = QShortcut(QKeySequence(LEAVE_SHORTCUT), self)
        leave.setContext(Qt.ShortcutContext.WindowShortcut)
        leave.activated.connect(self.request_leave)

        keys = QKeySequence(LEAVE_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.counselor_hint_label.setText(f"Counselor: press {keys} to return to ILP Desktop.")

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._retranslate()
        self._show_page(START)

    # --- State -----------------------------------------------------------------------------

    @property
    def page(self) -> str:
        """Which screen is showing: "start", "question" or "end"."""
        return self._page

    @property
    def language(self) -> str:
        return self._lang

    @property
    def current_index(self) -> int:
        """The position (0-based) of the statement on screen, or of the next one to ask."""
        return self._index

    @property
    def current_item_id(self) -> str | None:
        """The id of the statement on screen; None on the start and end screens."""
        if self._page != QUESTION:
            return None
        return self._form.items[self._index].id

    @property
    def answers(self) -> dict[str, int | None]:
        """A copy of the answers so far (None for skipped)."""
        return dict(self._answers)

    def is_complete(self) -> bool:
        """Every statement has been answered or skipped."""
        return all(item_id in self._answers for item_id in self._form.ids)

    def first_unanswered(self) -> int:
        """Position of the first statement with no answer yet; the form's length if none."""
        for index, item_id in enumerate(self._form.ids):
            if item_id not in self._answers:
                return index
        return len(self._form.items)

    # --- Actions ---------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Show everything for the student in ``lang`` ("en" or "es")."""
        if lang not in LANGUAGES:
            raise ValueError(f"Language “{lang}” is not available; use en or es.")
        self._lang = lang
        self._retranslate()

    def begin(self) -> None:
        """Leave the start screen for the first statement not yet answered."""
        self._index = self.first_unanswered()
        if self._index >= len(self._form.items):
            self._show_page(END)
        else:
            self._show_question()

    def answer(self, value: int | None) -> None:
        """Answer the statement on screen (1-5, or None to skip) and move to the next one."""
        if self._page != QUESTION:
            return
        if value is not None and value not in SCALE_VALUES:
            raise ValueError(f"{value!r} is not on the answer scale")
        item_id = self._form.items[self._index].id
        # Saved before anything moves: if saving fails, the student is still on this statement.
        self._sink.save_answer(item_id, value)
        self._answers[item_id] = value
        self._index += 1
        if self._index >= len(self._form.items):
            self._show_page(END)
        else:
            self._show_question()

    def go_back(self) -> None:
        """One statement back; from the first one, back to the start screen."""
        if self._page == END:
            self._index = len(self._form.items) - 1
            self._show_question()
        elif self._page == QUESTION:
            if self._index == 0:
                self._show_page(START)
            else:
                self._index -= 1
                self._show_question()

    def request_leave(self) -> bool:
        """The counselor's way out: ask, and leave only if they confirm. True if it left."""
        if self._has_left:
            return True
        if not confirm_leave(self):
            self.setFocus()
            return False
        self.leave()
        return True

    def leave(self) -> None:
        """Leave without asking (the program closing, say): finish if complete, emit, close."""
        if not self._has_left:
            self._depart()
        self.close()

    def _depart(self) -> None:
        self._has_left = True
        finished = self.is_complete()
        if finished:
            self._sink.finish()
        self.left.emit(finished)

    # --- Events ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            event.accept()  # never a way out: the student might press it
            return
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            super().keyPressEvent(event)
            return
        if self._page == QUESTION:
            value = _digit(event)
            if value is not None:
                event.accept()
                if not event.isAutoRepeat():  # a held-down key answers once, not ten times
                    self.answer(value)
                return
            if key == Qt.Key.Key_Backspace:
                event.accept()
                if not event.isAutoRepeat():
                    self.go_back()
                return
        elif self._page == START and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.begin()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button (or Alt+F4) asks just as Ctrl+Shift+Q does.
        if not self._has_left:
            if not confirm_leave(self):
                event.ignore()
                return
            self._depart()
        event.accept()

    # --- Drawing ---------------------------------------------------------------------------

    def _style(self) -> None:
        palette = self.palette()
        for role, color in (
            (QPalette.ColorRole.Window, PAPER),
            (QPalette.ColorRole.WindowText, INK),
            (QPalette.ColorRole.Base, "white"),
            (QPalette.ColorRole.Text, INK),
            (QPalette.ColorRole.Button, "white"),
            (QPalette.ColorRole.ButtonText, INK),
        ):
            palette.setColor(role, QColor(color))
        self.setPalette(palette)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(_STYLE)
        bold, demi = QFont.Weight.Bold, QFont.Weight.DemiBold
        for widget, factor, weight in (
            (self.greeting_label, 2.8, bold),
            (self.form_title_label, 1.7, demi),
            (self.instructions_label, 1.45, None),
            (self.how_to_label, 1.3, None),
            (self.resume_label, 1.3, demi),
            (self.english_button, 1.25, demi),
            (self.spanish_button, 1.25, demi),
            (self.start_button, 1.8, bold),
            (self.progress_label, 1.5, bold),
            (self.prompt_label, 1.5, None),
            (self.statement_label, 2.7, demi),
            (self.back_button, 1.4, demi),
            (self.skip_button, 1.4, demi),
            (self.end_back_button, 1.2, None),
            (self.done_title_label, 3.4, bold),
            (self.done_text_label, 1.8, None),
        ):
            _scaled(widget, factor, weight)
        for label in (self.form_title_label, self.prompt_label, self.how_to_label):
            _color(label, MUTED)
        _color(self.resume_label, ACCENT)
        _color(self.counselor_hint_label, MUTED)
        for label in (self.greeting_label, self.done_text_label, self.statement_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed
        self.greeting_label.setWordWrap(True)  # a long name wraps rather than widen the window
        self.statement_label.setMinimumHeight(200)
        for button in (
            self.english_button,
            self.spanish_button,
            self.start_button,
            self.back_button,
            self.skip_button,
            self.end_back_button,
        ):
            # Mouse and touch do not leave a focus ring behind; Tab still reaches every button.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.skip_button.setCheckable(True)  # shown pressed when the statement was skipped

    def _retranslate(self) -> None:
        words = _TEXT[self._lang]
        lang = self._lang
        self.setWindowTitle(self._form.title.get(lang))
        greeting = "again" if self._resumed else "hello"
        if self._name:
            self.greeting_label.setText(words[greeting].format(name=self._name))
        else:
            self.greeting_label.setText(words[greeting + "_anon"])
        self.form_title_label.setText(self._form.title.get(lang))
        self.instructions_label.setText(self._form.instructions.get(lang))
        self.how_to_label.setText(words["how"])
        done = sum(1 for item_id in self._form.ids if item_id in self._answers)
        self.resume_label.setText(
            words["resume"].format(done=done, total=len(self._form.items)) if done else ""
        )
        self.resume_label.setVisible(bool(done))
        self.start_button.setText(words["continue" if done else "start"])
        self.english_button.setChecked(lang == "en")
        self.spanish_button.setChecked(lang == "es")
        self.prompt_label.setText(words["prompt"])
        self.back_button.setText(words["back"])
        self.end_back_button.setText(words["back"])
        self.skip_button.setText(words["skip"])
        for button, point in zip(self.answer_buttons, self._form.scale, strict=True):
            button.set_caption(point.label.get(lang))
        self.done_title_label.setText(words["done"])
        if self._name:
            self.done_text_label.setText(words["done_text"].format(name=self._name))
        else:
            self.done_text_label.setText(words["done_text_anon"])
        if self._page == QUESTION:
            self._show_question()

    def _show_page(self, page: str) -> None:
        self._page = page
        for name, widget in (
            (START, self.start_page),
            (QUESTION, self.question_page),
            (END, self.end_page),
        ):
            widget.setVisible(name == page)
        if page == START:
            self._retranslate()  # the resume line counts the answers given so far
        self.setFocus()

    def _show_question(self) -> None:
        item = self._form.items[self._index]
        total = len(self._form.items)
        words = _TEXT[self._lang]
        self.progress_label.setText(words["progress"].format(n=self._index + 1, total=total))
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(sum(1 for i in self._form.ids if i in self._answers))
        self.statement_label.setText(item.text.get(self._lang))
        given = self._answers.get(item.id)
        for button in self.answer_buttons:
            button.setChecked(button.value == given)
        self.skip_button.setChecked(item.id in self._answers and given is None)
        if self._page != QUESTION:
            self._show_page(QUESTION)


def _digit(event: QKeyEvent) -> int | None:
    """1-5 from the number row or the keypad, else None."""
    text = event.text()
    if len(text) == 1 and text in "12345":
        return int(text)
    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
    if not text and event.key() in keys:
        return keys.index(Qt.Key(event.key())) + 1
    return None
