"""Every .ui form loads, and our reader builds the same tree QUiLoader does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QTabWidget, QWidget

from ilp_desktop.gui.ui_loader import UiFormatError, load_ui
from ilp_desktop.paths import ui_dir

UI_FILES = sorted(p.name for p in ui_dir().glob("*.ui"))
# Properties compared between the two readers, where a widget has them.
PROPERTIES = (
    "text",
    "placeholderText",
    "wordWrap",
    "alignment",
    "title",
    "editable",
    "checked",
    "maximumSize",
    "minimumSize",
    "selectionMode",
    "editTriggers",
    "textInteractionFlags",
    "frameShape",
    "clearButtonEnabled",
    "sortingEnabled",
)


def _tree(obj: QObject) -> list[tuple[str, ...]]:
    rows = []
    for item in [obj, *obj.findChildren(QObject)]:
        if not item.objectName() or item.objectName().startswith("qt_"):
            continue  # Qt's own internals (scroll bars, viewports)
        props = tuple(
            f"{p}={item.property(p)!r}" for p in PROPERTIES if item.property(p) is not None
        )
        rows.append((type(item).__name__, item.objectName(), *props))
        if isinstance(item, QLayout):
            margins = item.contentsMargins()
            rows.append(
                (
                    item.objectName(),
                    "margins",
                    str(margins.left()),
                    str(margins.top()),
                    str(margins.right()),
                    str(margins.bottom()),
                )
            )
        if isinstance(item, QGridLayout):
            rows.append(
                (
                    item.objectName(),
                    "stretch",
                    str(item.columnStretch(0)),
                    str(item.columnStretch(1)),
                )
            )
        if isinstance(item, QTabWidget):
            rows.append((item.objectName(), *(item.tabText(i) for i in range(item.count()))))
        if isinstance(item, QLabel) and item.buddy() is not None:
            rows.append((item.objectName(), "buddy", item.buddy().objectName()))
    return sorted(rows)


def test_there_are_ui_files() -> None:
    assert len(UI_FILES) >= 4


@pytest.mark.parametrize("name", UI_FILES)
def test_ui_file_loads_like_qt_designer_loads_it(qtbot: object, name: str) -> None:
    ours = load_ui(name)
    qtbot.addWidget(ours)  # type: ignore[attr-defined]
    theirs = QUiLoader().load(str(ui_dir() / name))
    qtbot.addWidget(theirs)  # type: ignore[attr-defined]
    assert isinstance(ours, QWidget)
    assert _tree(ours) == _tree(theirs)


def test_unsupported_content_is_refused(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = tmp_path / "odd.ui"
    form.write_text(
        '<ui version="4.0"><widget class="QWidget" name="Odd">'
        '<widget class="QLabel" name="x"><property name="noSuchProperty">'
        "<string>hi</string></property></widget></widget></ui>"
    )
    monkeypatch.setattr("ilp_desktop.gui.ui_loader.ui_file", lambda name: tmp_path / name)
    with pytest.raises(UiFormatError, match="noSuchProperty"):
        load_ui("odd.ui")
