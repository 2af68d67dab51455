"""The student-facing inventory: keys and buttons, resume, language, and a guarded way out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from ilp_desktop import paths
from ilp_desktop.domain.interests import InventoryForm, load_inventory
from ilp_desktop.gui import inventory_student_mode
from ilp_desktop.gui.inventory_student_mode import (
    LEAVE_QUESTION,
    StudentModeWindow,
    leave_question_box,
)
from ilp_desktop.gui.main_window import MainWindow

from helpers import named_students

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class FakeSink:
    """Records what the view tells the tab."""

    def __init__(self) -> None:
        self.saved: list[tuple[str, int | None]] = []
        self.finished = 0

    def save_answer(self, item_id: str, value: int | None) -> None:
        self.saved.append((item_id, value))

    def finish(self) -> None:
        self.finished += 1


class LeaveQuestion:
    """Stands in for the Leave/Stay dialog: counts the asks, answers as the test says."""

    def __init__(self) -> None:
        self.asked = 0
        self.replies: list[bool] = []

    def __call__(self, parent: QWidget) -> bool:
        self.asked += 1
        assert self.replies, "the leave question was asked when the test did not expect it"
        return self.replies.pop(0)


@pytest.fixture(scope="module")
def younger() -> InventoryForm:
    data = json.loads(paths.resource("inventory", "forms.json").read_text(encoding="utf-8"))
    return load_inventory(data).form("younger")


@pytest.fixture
def question(monkeypatch: pytest.MonkeyPatch) -> LeaveQuestion:
    stand_in = LeaveQuestion()
    monkeypatch.setattr(inventory_student_mode, "confirm_leave", stand_in)
    return stand_in


Make = Callable[..., StudentModeWindow]


@pytest.fixture
def make_view(qtbot: object, younger: InventoryForm, question: LeaveQuestion) -> Iterator[Make]:
    """Factory: a shown student view; left without asking after the test."""
    views: list[StudentModeWindow] = []

    def make(
        sink: FakeSink,
        answers: dict[str, int | None] | None = None,
        lang: str = "en",
        name: str = "Ana",
    ) -> StudentModeWindow:
        view = StudentModeWindow(younger, sink, name, answers, lang)
        views.append(view)
        view.show()  # showFullScreen() in the app
        qtbot.waitExposed(view)  # type: ignore[attr-defined]
        # Ctrl+Shift+Q is a window shortcut: it needs the window active, as it is full screen.
        with qtbot.waitActive(view):  # type: ignore[attr-defined]
            view.activateWindow()
        return view

    yield make
    for view in views:
        view.leave()
        view.deleteLater()


def _start(qtbot: object, view: StudentModeWindow) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.page == "question"


def test_keys_1_to_5_answer_advance_and_save_at_once(
    qtbot: object, make_view: Make, younger: InventoryForm
) -> None:
    sink = FakeSink()
    view = make_view(sink)
    assert view.page == "start"
    _start(qtbot, view)
    assert view.current_item_id == "Y01"
    assert view.progress_label.text() == "1 of 30"
    for key, value in zip("31524", (3, 1, 5, 2, 4), strict=True):
        qtbot.keyClick(view, key)  # type: ignore[attr-defined]
        # Saved as each answer is given, not at the end.
        assert sink.saved[-1][1] == value
    assert sink.saved == [("Y01", 3), ("Y02", 1), ("Y03", 5), ("Y04", 2), ("Y05", 4)]
    assert view.current_item_id == "Y06"
    assert view.progress_label.text() == "6 of 30"
    assert view.statement_label.text() == younger.items[5].text.en
    assert view.progress_bar.value() == 5
    assert sink.finished == 0


def test_keypad_digits_and_mouse_answer_too(qtbot: object, make_view: Make) -> None:
    sink = FakeSink()
    view = make_view(sink)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)  # type: ignore[attr-defined]
    qtbot.mouseClick(view.answer_buttons[4], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert sink.saved == [("Y01", 2), ("Y02", 5)]
    assert [b.caption_label.text() for b in view.answer_buttons] == [
        "Strongly dislike",
        "Dislike",
        "Not sure",
        "Like",
        "Strongly like",
    ]


def test_other_keys_and_held_keys_do_not_answer(qtbot: object, make_view: Make) -> None:
    sink = FakeSink()
    view = make_view(sink)
    _start(qtbot, view)
    for key in ("6", "0", "a", " "):
        qtbot.keyClick(view, key)  # type: ignore[attr-defined]
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_4, Qt.KeyboardModifier.NoModifier, "4", True)
    QApplication.sendEvent(view, held)
    assert sink.saved == []
    assert view.current_item_id == "Y01"


def test_back_shows_the_earlier_answer_and_lets_it_change(
    qtbot: object, make_view: Make, younger: InventoryForm
) -> None:
    sink = FakeSink()
    view = make_view(sink)
    _start(qtbot, view)
    qtbot.keyClick(view, "4")  # type: ignore[attr-defined]
    qtbot.keyClick(view, "2")  # type: ignore[attr-defined]
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert view.current_item_id == "Y02"
    assert view.statement_label.text() == younger.items[1].text.en
    assert [b.isChecked() for b in view.answer_buttons] == [False, True, False, False, False]
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
    assert view.current_item_id == "Y01"
    assert view.answer_buttons[3].isChecked()
    qtbot.keyClick(view, "5")  # type: ignore[attr-defined]
    assert sink.saved[-1] == ("Y01", 5)
    assert view.current_item_id == "Y02"
    # Back from the first statement returns to the start screen (where the language is).
    view.go_back()
    view.go_back()
    assert view.page == "start"


def test_skip_records_none_and_shows_as_skipped(qtbot: object, make_view: Make) -> None:
    sink = FakeSink()
    view = make_view(sink)
    _start(qtbot, view)
    assert view.skip_button.text() == "Skip"
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert sink.saved == [("Y01", None)]
    assert view.current_item_id == "Y02"
    view.go_back()
    assert view.skip_button.isChecked()
    assert not any(b.isChecked() for b in view.answer_buttons)


def test_resume_starts_at_the_first_unanswered(
    qtbot: object, make_view: Make, younger: InventoryForm
) -> None:
    answers: dict[str, int | None] = {f"Y{n:02d}": 3 for n in range(1, 12)}
    answers["Y04"] = None  # a skipped statement has been dealt with: not asked again
    answers["Y20"] = 5
    view = make_view(FakeSink(), answers)
    assert view.start_button.text() == "Continue"
    assert "Welcome back, Ana!" in view.greeting_label.text()
    assert "12 of 30" in view.resume_label.text()
    _start(qtbot, view)
    assert view.current_item_id == "Y12"
    assert view.progress_label.text() == "12 of 30"
    assert view.statement_label.text() == younger.items[11].text.en


def test_resume_with_a_gap_goes_to_the_gap(qtbot: object, make_view: Make) -> None:
    view = make_view(FakeSink(), {"Y01": 1, "Y02": 2, "Y03": None, "Y05": 4})
    _start(qtbot, view)
    assert view.current_item_id == "Y04"


def test_finishing_shows_the_end_screen_and_leaving_finishes(
    qtbot: object, make_view: Make, question: LeaveQuestion
) -> None:
    sink = FakeSink()
    view = make_view(sink)
    _start(qtbot, view)
    for _ in range(30):
        qtbot.keyClick(view, "4")  # type: ignore[attr-defined]
    assert view.page == "end"
    assert view.done_title_label.text() == "All done!"
    assert "Please hand the computer back to your counselor." in view.done_text_label.text()
    assert "Ana" in view.done_text_label.text()
    assert len(sink.saved) == 30
    assert sink.finished == 0  # the student can still go back from the end screen
    question.replies = [True]
    with qtbot.waitSignal(view.left) as left:  # type: ignore[attr-defined]
        qtbot.keyClick(view, Qt.Key.Key_Q, CTRL_SHIFT)  # type: ignore[attr-defined]
    assert left.args == [True]
    assert sink.finished == 1
    assert not view.isVisible()


def test_resume_of_a_complete_attempt_goes_to_the_end(qtbot: object, make_view: Make) -> None:
    view = make_view(FakeSink(), {f"Y{n:02d}": 2 for n in range(1, 31)})
    qtbot.keyClick(view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert view.page == "end"
    view.go_back()
    assert view.current_item_id == "Y30"


def test_spanish_from_the_start_screen(
    qtbot: object, make_view: Make, younger: InventoryForm
) -> None:
    sink = FakeSink()
    view = make_view(sink, name="Mateo")
    qtbot.mouseClick(view.spanish_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert view.language == "es"
    assert view.greeting_label.text() == "¡Hola, Mateo!"
    assert view.start_button.text() == "Empezar"
    assert view.instructions_label.text() == younger.instructions.es
    _start(qtbot, view)
    assert view.progress_label.text() == "1 de 30"
    assert view.statement_label.text() == younger.items[0].text.es
    assert view.skip_button.text() == "Saltar"
    assert view.back_button.text() == "Atrás"
    assert [b.caption_label.text().replace("\u2060", "") for b in view.answer_buttons] == [
        "Me disgusta mucho",
        "No me gusta",
        "No estoy seguro/a",
        "Me gusta",
        "Me gusta mucho",
    ]
    for _ in range(30):
        qtbot.keyClick(view, "3")  # type: ignore[attr-defined]
    assert view.done_title_label.text() == "¡Listo!"
    assert "devuélvele la computadora" in view.done_text_label.text()


def test_the_name_is_shown_as_typed_never_as_markup(make_view: Make) -> None:
    view = make_view(FakeSink(), name="<b>Zoë</b>")
    assert view.greeting_label.textFormat() == Qt.TextFormat.PlainText
    assert view.greeting_label.text() == "Hi, <b>Zoë</b>!"


def test_large_type_and_big_buttons(qtbot: object, make_view: Make) -> None:
    view = make_view(FakeSink())
    _start(qtbot, view)
    system = QApplication.font().pointSizeF()
    assert view.statement_label.font().pointSizeF() >= 2 * system
    for button in view.answer_buttons:
        assert button.height() >= 64
        assert button.width() >= 64


def test_student_view_shows_no_roster_and_no_other_student(
    qtbot: object,
    make_view: Make,
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
) -> None:
    main = make_window(school_db)
    assert main.findChild(QTableView, "studentList") is not None  # the roster is there...
    view = make_view(FakeSink(), name="Majo")
    # ... and nothing of it is in the student's window, a top-level of its own.
    assert view.isWindow()
    assert view.parent() is None
    assert view.window() is view
    assert main.findChild(StudentModeWindow) is None
    assert view.findChild(QTableView, "studentList") is None
    assert view.findChild(QLineEdit, "studentSearch") is None
    assert view.findChildren(QAbstractItemView) == []
    assert view.findChildren(QLineEdit) == []
    for page in ("start", "question", "end"):
        if page == "question":
            _start(qtbot, view)
        elif page == "end":
            view._index = 29
            view.answer(3)
        assert view.page == page
        shown = " ".join(
            label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)
        )
        for student in named_students():
            if student.preferred_name == "Majo":
                continue
            assert student.first_name not in shown
            assert student.last_name not in shown
            assert student.sis_id not in shown
        assert "IEP" not in shown and "504" not in shown


def test_escape_does_not_leave(qtbot: object, make_view: Make, question: LeaveQuestion) -> None:
    view = make_view(FakeSink())
    _start(qtbot, view)
    with qtbot.assertNotEmitted(view.left):  # type: ignore[attr-defined]
        qtbot.keyClick(view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert question.asked == 0
    assert view.isVisible()
    assert view.page == "question"


def test_ctrl_shift_q_asks_and_leaves_only_when_confirmed(
    qtbot: object, make_view: Make, question: LeaveQuestion
) -> None:
    sink = FakeSink()
    view = make_view(sink)
    _start(qtbot, view)
    qtbot.keyClick(view, "5")  # type: ignore[attr-defined]
    question.replies = [False]
    with qtbot.assertNotEmitted(view.left):  # type: ignore[attr-defined]
        qtbot.keyClick(view, Qt.Key.Key_Q, CTRL_SHIFT)  # type: ignore[attr-defined]
    assert question.asked == 1
    assert view.isVisible()
    assert view.current_item_id == "Y02"
    question.replies = [True]
    with qtbot.waitSignal(view.left) as left:  # type: ignore[attr-defined]
        qtbot.keyClick(view, Qt.Key.Key_Q, CTRL_SHIFT)  # type: ignore[attr-defined]
    assert question.asked == 2
    assert left.args == [False]  # not every statement answered: no finish
    assert sink.finished == 0
    assert sink.saved == [("Y01", 5)]
    assert not view.isVisible()


def test_closing_the_window_asks_the_same(
    qtbot: object, make_view: Make, question: LeaveQuestion
) -> None:
    view = make_view(FakeSink())
    question.replies = [False]
    assert not view.close()
    assert view.isVisible()
    question.replies = [True]
    with qtbot.waitSignal(view.left):  # type: ignore[attr-defined]
        assert view.close()
    assert question.asked == 2


def test_the_leave_question_defaults_to_staying(qtbot: object, make_view: Make) -> None:
    view = make_view(FakeSink())
    box = leave_question_box(view)
    qtbot.addWidget(box)  # type: ignore[attr-defined]
    assert box.text() == LEAVE_QUESTION == "Leave the student view? Answers so far are saved."
    stay = box.defaultButton()
    assert stay.text() == "Stay"
    assert box.escapeButton() is stay
    assert box.buttonRole(stay) == QMessageBox.ButtonRole.RejectRole
    assert [b.text() for b in box.buttons()].count("Leave") == 1
