"""Keying a paper answer sheet: digits move on, bad keys are refused, review before scoring."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import QApplication

from ilp_desktop import paths
from ilp_desktop.domain.interests import InventoryForm, load_inventory
from ilp_desktop.gui.inventory_keying import (
    ANSWER,
    NUMBER,
    REFUSAL,
    STATEMENT,
    KeyingAnswersModel,
    KeyingWidget,
)

BACKGROUND = Qt.ItemDataRole.BackgroundRole


class FakeSink:
    """Records what the keying screen tells the tab."""

    def __init__(self) -> None:
        self.saved: list[tuple[str, int | None]] = []
        self.finished = 0

    def save_answer(self, item_id: str, value: int | None) -> None:
        self.saved.append((item_id, value))

    def finish(self) -> None:
        self.finished += 1


@pytest.fixture(scope="module")
def younger() -> InventoryForm:
    data = json.loads(paths.resource("inventory", "forms.json").read_text(encoding="utf-8"))
    return load_inventory(data).form("younger")


Make = Callable[..., KeyingWidget]


@pytest.fixture
def make_keying(qtbot: object, younger: InventoryForm) -> Make:
    def make(
        sink: FakeSink, answers: dict[str, int | None] | None = None, lang: str = "en"
    ) -> KeyingWidget:
        widget = KeyingWidget(younger, sink, answers, lang)
        qtbot.addWidget(widget)  # type: ignore[attr-defined]
        widget.show()
        qtbot.waitExposed(widget)  # type: ignore[attr-defined]
        return widget

    return make


def _type(qtbot: object, widget: KeyingWidget, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(widget, key)  # type: ignore[attr-defined]


def _answer_column(widget: KeyingWidget) -> list[str]:
    model = widget.model
    return [model.index(row, ANSWER).data() for row in range(model.rowCount())]


def test_digits_save_and_advance(qtbot: object, make_keying: Make, younger: InventoryForm) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    assert widget.item_number_label.text() == "Statement 1 of 30"
    assert widget.statement_label.text() == younger.items[0].text.en
    _type(qtbot, widget, "4152")
    assert sink.saved == [("Y01", 4), ("Y02", 1), ("Y03", 5), ("Y04", 2)]
    assert widget.current_index == 4
    assert widget.item_number_label.text() == "Statement 5 of 30"
    assert widget.statement_label.text() == younger.items[4].text.en
    # The live list shows every answer so far.
    assert _answer_column(widget)[:5] == [
        "4 · Like",
        "1 · Strongly dislike",
        "5 · Strongly like",
        "2 · Dislike",
        "",
    ]
    assert widget.count_label.text() == "4 of 30 keyed"
    qtbot.keyClick(widget, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)  # type: ignore[attr-defined]
    assert sink.saved[-1] == ("Y05", 3)


def test_other_keys_are_refused_with_a_message_and_nothing_moves(
    qtbot: object, make_keying: Make
) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    _type(qtbot, widget, "3")
    for key in ("7", "a", "6", "+"):
        qtbot.keyClick(widget, key)  # type: ignore[attr-defined]
        assert REFUSAL in widget.message_label.text()
        assert f"“{key}”" in widget.message_label.text()
        assert widget.message_label.isVisibleTo(widget)
        assert widget.current_index == 1
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert "Type 1 to 5, or 0 for a skipped statement" in widget.message_label.text()
    assert widget.current_index == 1
    assert sink.saved == [("Y01", 3)]
    # The next good key clears the message.
    _type(qtbot, widget, "2")
    assert not widget.message_label.isVisibleTo(widget)
    assert sink.saved == [("Y01", 3), ("Y02", 2)]


def test_shortcuts_and_held_keys_are_not_answers(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Shift)  # type: ignore[attr-defined]
    assert not widget.message_label.isVisibleTo(widget)
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_4, Qt.KeyboardModifier.NoModifier, "4", True)
    QApplication.sendEvent(widget, held)
    assert sink.saved == []
    assert widget.current_index == 0


def test_zero_space_and_minus_record_a_skip(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    qtbot.keyClick(widget, "0")  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    qtbot.keyClick(widget, "-")  # type: ignore[attr-defined]
    assert sink.saved == [("Y01", None), ("Y02", None), ("Y03", None)]
    assert _answer_column(widget)[:3] == ["Skipped"] * 3
    assert widget.current_index == 3
    assert widget.count_label.text() == "3 of 30 keyed · 3 skipped"
    # Skipped rows stand out in the list.
    skipped = widget.model.index(0, ANSWER).data(BACKGROUND)
    assert isinstance(skipped, QBrush)
    assert widget.model.index(4, ANSWER).data(BACKGROUND) is None


def test_backspace_goes_back_one_and_clears_it(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
    assert sink.saved == []  # nothing before the first statement
    _type(qtbot, widget, "34")
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
    assert widget.current_index == 1
    assert sink.saved[-1] == ("Y02", None)  # cleared: scores as skipped until keyed again
    assert not widget.model.has_answer(1)
    assert _answer_column(widget)[:2] == ["3 · Not sure", ""]
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
    assert widget.current_index == 0
    assert not widget.model.has_answer(0)
    _type(qtbot, widget, "55")
    assert sink.saved[-2:] == [("Y01", 5), ("Y02", 5)]
    assert widget.current_index == 2


def test_the_last_answer_opens_the_review_listing_every_answer(
    qtbot: object, make_keying: Make
) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    assert not widget.score_button.isVisibleTo(widget)
    keys = "12345" * 5 + "1234" + "0"
    _type(qtbot, widget, keys)
    assert widget.reviewing
    assert widget.review_page.isVisibleTo(widget)
    assert not widget.entry_page.isVisibleTo(widget)
    assert sink.finished == 0  # reviewing is not scoring
    view = widget.review_view
    model = view.model()
    assert model.rowCount() == 30
    expected = ["Skipped" if k == "0" else widget.model.answer_text(int(k)) for k in keys]
    assert [model.index(r, ANSWER).data() for r in range(30)] == expected
    assert [model.index(r, NUMBER).data() for r in range(30)] == [str(n) for n in range(1, 31)]
    assert model.index(29, ANSWER).data(BACKGROUND) is not None  # the skipped one is highlighted
    assert model.index(28, ANSWER).data(BACKGROUND) is None
    assert "29 answered, 1 skipped" in widget.review_summary.text()
    # Typing in the review keys nothing.
    _type(qtbot, widget, "3")
    assert len(sink.saved) == 30


def test_score_only_after_review(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    _type(qtbot, widget, "3" * 10)
    widget.score()  # not from the keying step
    assert sink.finished == 0
    assert not widget.score_button.isEnabled()
    qtbot.mouseClick(widget.review_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert widget.reviewing
    assert "20 not keyed" in widget.review_summary.text()
    assert widget.model.index(15, ANSWER).data() == "Not keyed"
    assert widget.model.index(15, ANSWER).data(BACKGROUND) is not None
    qtbot.mouseClick(widget.score_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert sink.finished == 1
    assert widget.scored
    qtbot.mouseClick(widget.score_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    widget.score()
    assert sink.finished == 1


def test_review_goes_back_to_any_item_and_returns(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    _type(qtbot, widget, "4" * 30)
    assert widget.reviewing
    widget.review_view.selectRow(6)
    qtbot.mouseClick(widget.change_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not widget.reviewing
    assert widget.current_index == 6
    assert "Keyed as 4 · Like" in widget.answer_label.text()
    _type(qtbot, widget, "2")
    assert sink.saved[-1] == ("Y07", 2)
    assert widget.reviewing  # straight back to the review after the fix
    assert widget.model.index(6, ANSWER).data() == "2 · Dislike"
    # Enter or double-click on a row does the same.
    widget.review_view.activated.emit(widget.model.index(20, STATEMENT))
    assert widget.current_index == 20
    _type(qtbot, widget, "0")
    assert sink.saved[-1] == ("Y21", None)
    assert widget.reviewing
    assert sink.finished == 0
    qtbot.mouseClick(widget.keep_keying_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert widget.current_index == 29  # all keyed: back at the last one


def test_live_list_click_goes_to_that_statement(qtbot: object, make_keying: Make) -> None:
    sink = FakeSink()
    widget = make_keying(sink)
    _type(qtbot, widget, "1111")
    view = widget.answers_view
    rect = view.visualRect(widget.model.index(1, STATEMENT))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    assert widget.current_index == 1
    _type(qtbot, widget, "5")
    assert sink.saved[-1] == ("Y02", 5)
    assert widget.current_index == 2  # then on in order from there


def test_resume_starts_at_the_first_not_keyed(make_keying: Make) -> None:
    widget = make_keying(FakeSink(), {"Y01": 2, "Y02": None, "Y03": 4})
    assert widget.current_index == 3
    assert _answer_column(widget)[:4] == ["2 · Dislike", "Skipped", "4 · Like", ""]
    done = make_keying(FakeSink(), {f"Y{n:02d}": 3 for n in range(1, 31)})
    assert done.reviewing


def test_spanish_sheet_shows_spanish_statements(make_keying: Make, younger: InventoryForm) -> None:
    widget = make_keying(FakeSink(), lang="es")
    assert widget.statement_label.text() == younger.items[0].text.es
    assert widget.model.index(0, STATEMENT).data() == younger.items[0].text.es


def test_answers_model_is_a_well_behaved_model(
    qtmodeltester: object, younger: InventoryForm
) -> None:
    model = KeyingAnswersModel(younger, {"Y01": 5, "Y02": None})
    model.set_current(2)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_reviewing(True)
    model.clear(0)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.counts() == (0, 1, 29)
