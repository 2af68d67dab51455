"""The attempts table: what each column says, reflections kept in step, both languages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ilp_desktop.domain.interests import TYPES, InventoryResult, score
from ilp_desktop.gui.interest_results import bundled_inventory
from ilp_desktop.gui.models.attempts_model import (
    ATTEMPT_KEY_ROLE,
    CODE,
    DATE,
    ENTERED,
    FORM,
    REFLECTION,
    AttemptsModel,
    AttemptView,
    agreement_label,
    entered_label,
    form_label,
    format_date,
)


def _result(form_key: str, **by_type: int) -> InventoryResult:
    form = bundled_inventory().form(form_key)
    return score(form, {item.id: by_type.get(item.type, 1) for item in form.items})


def _attempts() -> list[AttemptView]:
    tie = _result("secondary", S=5, E=5, A=4, I=3, R=2, C=1)
    plain = _result("younger", R=5, I=4, A=3, S=2, E=2, C=1)
    skipped = score(bundled_inventory().form("secondary"), {})
    return [
        AttemptView(
            "c", dt.date(2026, 3, 4), "secondary", "student", tie, "partly", "Sí, más o menos"
        ),
        AttemptView("b", dt.date(2025, 10, 1), "secondary", "keyed", skipped, None, ""),
        AttemptView("a", dt.date(2024, 9, 12), "younger", "counselor", plain, "agree", ""),
    ]


def _cell(model: AttemptsModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.index(row, column).data(role)


def test_model_passes_the_qt_model_tester(qtmodeltester: object) -> None:
    model = AttemptsModel()
    model.set_attempts(_attempts())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_attempts([])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_columns_say_date_form_code_entry_and_reflection() -> None:
    model = AttemptsModel()
    model.set_attempts(_attempts())
    assert model.rowCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Date",
        "Form",
        "Code",
        "Entered",
        "Reflection",
    ]
    assert _cell(model, 0, DATE) == "Mar 4, 2026"
    assert _cell(model, 0, FORM) == "60 statements"
    assert _cell(model, 2, FORM) == "30 statements"
    assert _cell(model, 0, CODE) == "(S/E)A"
    assert _cell(model, 1, CODE) == "no code"
    assert _cell(model, 0, ENTERED) == "On screen"
    assert _cell(model, 1, ENTERED) == "Paper sheet"
    assert _cell(model, 2, ENTERED) == "counselor"  # a value this app does not know, as given
    assert _cell(model, 0, REFLECTION) == "Partly agrees"
    assert _cell(model, 1, REFLECTION) == "—"
    assert _cell(model, 0, DATE, ATTEMPT_KEY_ROLE) == "c"


def test_tooltips_explain_the_code_and_show_the_reflection() -> None:
    model = AttemptsModel()
    model.set_attempts(_attempts())
    assert "tie at 100" in _cell(model, 0, CODE, Qt.ItemDataRole.ToolTipRole)
    assert "skipped" in _cell(model, 1, CODE, Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 0, REFLECTION, Qt.ItemDataRole.ToolTipRole) == "Sí, más o menos"
    assert _cell(model, 2, REFLECTION, Qt.ItemDataRole.ToolTipRole) is None


def test_previous_and_row_of() -> None:
    model = AttemptsModel()
    attempts = _attempts()
    model.set_attempts(attempts)
    assert model.previous(0) == attempts[1]
    assert model.previous(2) is None
    assert model.row_of("a") == 2
    assert model.row_of("nope") is None


def test_set_reflection_updates_the_row_and_signals(qtbot: object) -> None:
    model = AttemptsModel()
    model.set_attempts(_attempts())
    with qtbot.waitSignal(model.dataChanged) as blocker:  # type: ignore[attr-defined]
        model.set_reflection("b", "disagree", "No me veo así")
    assert blocker.args[0].row() == 1
    assert model.attempt(1).agreement == "disagree"
    assert model.attempt(1).reflection == "No me veo así"
    assert _cell(model, 1, REFLECTION) == "Disagrees"
    model.set_reflection("missing", "agree", "ignored")  # no such attempt: nothing happens
    assert [a.key for a in model.attempts()] == ["c", "b", "a"]


def test_spanish() -> None:
    model = AttemptsModel()
    model.set_attempts(_attempts())
    model.set_language("es")
    assert model.headerData(DATE, Qt.Orientation.Horizontal) == "Fecha"
    assert _cell(model, 0, DATE) == "4 mar 2026"
    assert _cell(model, 0, FORM) == "60 frases"
    assert _cell(model, 1, CODE) == "sin código"
    assert _cell(model, 0, REFLECTION) == "En parte"


def test_word_helpers() -> None:
    assert format_date(dt.date(2025, 12, 1)) == "Dec 1, 2025"
    assert format_date(dt.date(2025, 9, 30), "es") == "30 sept 2025"
    assert form_label("secondary") == f"{10 * len(TYPES)}-statement form"
    assert form_label("younger", "es") == "formulario de 30 frases"
    assert form_label("pilot") == "pilot"
    assert entered_label("keyed") == "Keyed in from a paper answer sheet"
    assert agreement_label(None) == "—"
    assert agreement_label("agree", "es") == "De acuerdo"
