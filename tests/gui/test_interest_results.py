"""The results panel: what it shows for each kind of result, history, and the reflection."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from ilp_desktop.domain.interests import compare
from ilp_desktop.gui.interest_results import (
    AttemptView,
    InterestResultsPanel,
    bundled_inventory,
)

from helpers import inventory_result
from qt_helpers import type_text

_result = inventory_result


TIED = _result(S=5, E=5, A=4, I=3, R=2, C=1)
FLAT = _result(R=3, I=3, A=[3, 4], S=3, E=3, C=3)
SKIPPED = _result(skip="RI", A=4, S=3, E=2, C=2)
OLDEST = _result("younger", R=5, I=[4, 5], A=3, S=2, E=2, C=1)


def _attempts() -> list[AttemptView]:
    return [
        AttemptView(
            3, dt.date(2026, 10, 14), "secondary", "student", TIED, "partly", "Más o menos"
        ),
        AttemptView(2, dt.date(2025, 11, 3), "secondary", "keyed", FLAT, None, ""),
        AttemptView(1, dt.date(2024, 3, 12), "younger", "student", OLDEST, "agree", ""),
    ]


@pytest.fixture
def panel(qtbot: object) -> Iterator[InterestResultsPanel]:
    widget = InterestResultsPanel()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(900, 640)
    widget.show()
    qtbot.waitExposed(widget)  # type: ignore[attr-defined]
    yield widget


def _emissions(panel: InterestResultsPanel) -> list[tuple[object, object, str]]:
    seen: list[tuple[object, object, str]] = []
    panel.reflection_changed.connect(
        lambda key, agreement, text: seen.append((key, agreement, text))
    )
    return seen


def _select_row(panel: InterestResultsPanel, row: int) -> None:
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_empty_state_is_a_friendly_line(panel: InterestResultsPanel) -> None:
    panel.set_attempts([])
    assert panel.empty_label.isVisible()
    assert "No interest inventory yet" in panel.empty_label.text()
    assert not panel.body.isVisible()
    assert panel.shown_attempt() is None


def test_shows_the_newest_attempt_with_its_code_and_tie(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    assert panel.body.isVisible() and not panel.empty_label.isVisible()
    assert panel.shown_attempt().key == 3  # type: ignore[union-attr]
    assert panel.code_label.text() == TIED.code_display == "(S/E)A"
    assert panel.messages_label.isVisible()
    assert "Social and Enterprising tie at 100" in panel.messages_label.text()
    assert "Oct 14, 2026" in panel.title_label.text()
    assert "60-statement form" in panel.details_label.text()
    assert "Taken on screen by the student" in panel.details_label.text()
    # Each type of the code explained in plain words, from the item bank.
    types = bundled_inventory().types
    for letter in "SEA":
        assert types[letter].short.en in panel.types_label.text()
    assert panel.chart.result() is TIED
    assert panel.reflection_text.toPlainText() == "Más o menos"
    assert panel.agreement_buttons["partly"].isChecked()


def test_a_flat_profile_says_no_clear_preference(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    panel.show_attempt(2)
    assert "No clear preference yet: talk about it" in panel.messages_label.text()
    assert panel.code_caption.text() == "Highest scores for now"
    assert "Keyed in from a paper answer sheet" in panel.details_label.text()
    assert not any(button.isChecked() for button in panel.agreement_buttons.values())


def test_too_many_skipped_gives_no_code_and_says_why(panel: InterestResultsPanel) -> None:
    attempts = [AttemptView(9, dt.date(2026, 11, 1), "secondary", "keyed", SKIPPED, None, "")]
    panel.set_attempts(attempts)
    assert not panel.code_label.isVisible()
    assert panel.code_caption.text() == "No code yet"
    assert "so there is no code yet" in panel.messages_label.text()
    assert panel.chart.bar_rects()["R"] is None


def test_selecting_an_older_attempt_shows_what_changed(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    shown: list[object] = []
    panel.attempt_shown.connect(shown.append)
    _select_row(panel, 1)
    assert shown == [2]
    assert panel.chart.result() is FLAT
    assert panel.changes_title.text() == "What changed since Mar 12, 2024"
    changes = compare(OLDEST, FLAT)
    assert len(changes) > 2
    for line in changes:
        assert html.escape(line) in panel.changes_label.text()
    _select_row(panel, 2)
    assert "first attempt" in panel.changes_label.text()
    assert not panel.changes_title.isVisible()


def test_reflection_is_reported_after_typing_stops(
    qtbot: object, panel: InterestResultsPanel
) -> None:
    panel.set_attempts(_attempts())
    panel.show_attempt(2)
    words = "Me gusta ayudar en la biblioteca — ¡y dibujar! 日本語も"
    with qtbot.waitSignal(panel.reflection_changed, timeout=3000) as blocker:  # type: ignore[attr-defined]
        type_text(panel.reflection_text, words)
    assert blocker.args == [2, None, words]
    assert panel.model.attempt(1).reflection == words


def test_one_report_for_a_burst_of_typing(qtbot: object, panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    seen = _emissions(panel)
    type_text(panel.reflection_text, " sí")
    type_text(panel.reflection_text, "gracias")
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)  # type: ignore[attr-defined]
    assert seen == [(3, "partly", "Más o menos sígracias")]


def test_hiding_reports_what_was_typed_at_once(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    seen = _emissions(panel)
    type_text(panel.reflection_text, " ñandú")
    assert seen == []  # still waiting for typing to stop
    panel.hide()
    assert seen == [(3, "partly", "Más o menos ñandú")]
    assert not panel._timer.isActive()  # and no second report later


def test_leaving_the_text_box_reports_at_once(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    seen = _emissions(panel)
    type_text(panel.reflection_text, "!")
    QApplication.sendEvent(panel.reflection_text, QFocusEvent(QEvent.Type.FocusOut))
    assert seen == [(3, "partly", "Más o menos!")]


def test_choosing_agreement_reports_at_once(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    panel.show_attempt(2)
    seen = _emissions(panel)
    panel.agreement_buttons["disagree"].click()
    assert seen == [(2, "disagree", "")]
    assert panel.model.attempt(1).agreement == "disagree"


def test_switching_attempts_keeps_what_was_typed(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    seen = _emissions(panel)
    type_text(panel.reflection_text, " Ünd")
    _select_row(panel, 2)
    assert seen == [(3, "partly", "Más o menos Ünd")]
    assert panel.reflection_text.toPlainText() == ""
    assert panel.agreement_buttons["agree"].isChecked()
    _select_row(panel, 0)
    assert panel.reflection_text.toPlainText() == "Más o menos Ünd"
    assert len(seen) == 1  # showing an attempt is not an edit


def test_reloading_stays_on_the_shown_attempt(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    panel.show_attempt(1)
    seen = _emissions(panel)
    type_text(panel.reflection_text, "x")
    panel.set_attempts(_attempts())
    assert seen == [(1, "agree", "x")]  # reported before the reload replaced it
    assert panel.shown_attempt().key == 1  # type: ignore[union-attr]
    assert panel.show_attempt("missing") is False


def test_spanish(panel: InterestResultsPanel) -> None:
    panel.set_attempts(_attempts())
    panel.set_language("es")
    assert panel.language() == "es"
    types = bundled_inventory().types
    assert types["S"].describe.es in panel.types_label.text()
    assert "empatan" in panel.messages_label.text()
    assert panel.prompt_label.text() == "¿Te describe esto?"
    assert panel.agreement_buttons["agree"].text() == "Estoy de acuerdo"
    with pytest.raises(ValueError):
        panel.set_language("de")
