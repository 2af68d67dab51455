from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from ilp_desktop.gui.ui_loader import load_ui
from ilp_desktop.paths import ui_dir

UI_FILES = sorted(p.name for p in ui_dir().glob("*.ui"))


def test_there_are_ui_files() -> None:
    assert len(UI_FILES) >= 4


@pytest.mark.parametrize("name", UI_FILES)
def test_ui_file_loads(qtbot: object, name: str) -> None:
    widget = load_ui(name)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    assert isinstance(widget, QWidget)
    assert widget.objectName() == Path(name).stem.title().replace("_", "") or widget.objectName()
