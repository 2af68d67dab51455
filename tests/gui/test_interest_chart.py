"""The interest chart paints every kind of result, and its bars mean what the scores say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPalette

from ilp_desktop.domain.interests import TYPES
from ilp_desktop.gui.interest_chart import MINIMUM_SIZE, InterestChart, type_labels
from ilp_desktop.gui.interest_results import bundled_inventory

from helpers import inventory_result

_result = inventory_result


RESULTS = {
    "normal": _result(S=5, E=4, A=3, I=2, R=2, C=1),
    "tied": _result(S=5, E=5, A=4, I=3, R=2, C=1),
    "flat": _result(R=3, I=3, A=[3, 4], S=3, E=3, C=3),
    "partial": _result(skip="RI", A=4, S=3, E=2, C=2),
    "younger": _result("younger", R=5, I=[4, 5], A=3, S=2, E=2, C=1),
}


@pytest.fixture
def chart(qtbot: object) -> InterestChart:
    widget = InterestChart()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.set_type_labels(type_labels(bundled_inventory()))
    widget.resize(480, 300)
    return widget


def _image(chart: InterestChart) -> QImage:
    image = chart.grab().toImage()
    assert not image.isNull()
    return image


def test_results_used_here_are_what_they_say() -> None:
    assert RESULTS["tied"].ties == (("S", "E"),)
    assert RESULTS["flat"].flat
    assert RESULTS["partial"].code is None
    assert RESULTS["partial"].scores["R"] is None


@pytest.mark.parametrize("name", [*RESULTS, None])
def test_paints_every_kind_of_result(chart: InterestChart, name: str | None) -> None:
    chart.set_result(RESULTS[name] if name else None)
    _image(chart)


@pytest.mark.parametrize("size", [(MINIMUM_SIZE.width(), MINIMUM_SIZE.height()), (1200, 700)])
def test_bars_stay_inside_the_widget_at_any_size(
    chart: InterestChart, size: tuple[int, int]
) -> None:
    chart.resize(*size)
    chart.set_result(RESULTS["tied"], RESULTS["normal"])
    _image(chart)
    inside = QRectF(chart.rect())
    bars = chart.bar_rects()
    assert set(bars) == set(TYPES)
    for rect in bars.values():
        assert rect is not None
        # contains() is False for a zero-width bar (a score of 0): compare the edges instead.
        assert inside.left() <= rect.left() <= rect.right() <= inside.right()
        assert inside.top() <= rect.top() <= rect.bottom() <= inside.bottom()
    tops = [bars[letter].top() for letter in TYPES]  # type: ignore[union-attr]
    assert tops == sorted(tops), "rows go R, I, A, S, E, C from the top"


def test_different_results_draw_differently(chart: InterestChart) -> None:
    chart.set_result(RESULTS["normal"])
    first = _image(chart)
    chart.set_result(RESULTS["younger"])
    assert _image(chart) != first


def test_previous_attempt_marks_are_drawn(chart: InterestChart) -> None:
    chart.set_result(RESULTS["tied"])
    without = _image(chart)
    chart.set_result(RESULTS["tied"], RESULTS["younger"], previous_label="Mar 4, 2025")
    assert _image(chart) != without


def test_tied_scores_have_equal_bars_and_higher_scores_longer_ones(chart: InterestChart) -> None:
    chart.set_result(RESULTS["tied"])
    bars = chart.bar_rects()
    scores = RESULTS["tied"].scores
    assert scores["S"] == scores["E"]
    assert bars["S"].width() == bars["E"].width()  # type: ignore[union-attr]
    assert bars["S"].width() > bars["A"].width() > bars["I"].width()  # type: ignore[union-attr]
    # The tied types and the third letter are all drawn as part of the code.
    assert chart.highlighted() == {"S", "E", "A"}


def test_scores_map_linearly_onto_the_track(chart: InterestChart) -> None:
    chart.set_result(RESULTS["normal"])
    bars = chart.bar_rects()
    scores = RESULTS["normal"].scores
    full = bars["S"].width() / scores["S"]  # type: ignore[operator,union-attr]
    for letter in TYPES:
        assert bars[letter].width() == pytest.approx(full * scores[letter])  # type: ignore[union-attr,operator]


def test_a_type_without_answers_has_no_bar_and_says_so(chart: InterestChart) -> None:
    chart.set_result(RESULTS["partial"])
    bars = chart.bar_rects()
    assert bars["R"] is None and bars["I"] is None
    assert bars["A"] is not None
    assert chart.highlighted() == frozenset()  # no code, nothing to highlight
    assert "Realistic · Doers not enough answers" in chart.summary()
    chart.set_language("es")
    assert "faltan respuestas" in chart.summary()


def test_a_zero_is_a_score_not_a_gap(chart: InterestChart) -> None:
    chart.set_result(RESULTS["normal"])
    assert RESULTS["normal"].scores["C"] == 0
    assert chart.bar_rects()["C"] is not None


def test_labels_name_the_type_and_its_nickname() -> None:
    labels = type_labels(bundled_inventory())
    assert labels["R"] == "Realistic · Doers"
    assert type_labels(bundled_inventory(), "es")["S"] == "Social · Ayudar"


def test_dark_palette_draws_light_bars(chart: InterestChart) -> None:
    chart.set_result(RESULTS["tied"])
    bar = chart.bar_rects()["S"]
    assert bar is not None
    point = QPoint(round(bar.center().x()), round(bar.center().y()))
    light = QColor(_image(chart).pixel(point))
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202326"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    chart.setPalette(palette)
    dark = QColor(_image(chart).pixel(point))
    # The code's bars are dark on a light theme and light on a dark one: always in contrast.
    assert light.lightness() < 100 < dark.lightness()


def test_size_hints(chart: InterestChart) -> None:
    assert chart.minimumSizeHint() == MINIMUM_SIZE
    hint = chart.sizeHint()
    assert hint.width() >= MINIMUM_SIZE.width() and hint.height() >= MINIMUM_SIZE.height()


def test_unknown_language_is_refused(chart: InterestChart) -> None:
    with pytest.raises(ValueError, match="fr"):
        chart.set_language("fr")
