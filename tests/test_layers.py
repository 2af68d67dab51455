"""Nothing in domain/, store/ or reports/ may use Qt (lint-imports checks the same in CI)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ilp_desktop"
FORBIDDEN = ("PySide6", "shiboken6", "ilp_desktop.gui", "ilp_desktop.app")
LOWER_LAYERS = ("domain", "store", "reports")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
                base = list(package[: len(package) - node.level + 1])
                names.append(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.append(node.module)
    return names


MODULES = sorted(p for layer in LOWER_LAYERS for p in (PACKAGE / layer).rglob("*.py"))


def test_lower_layers_exist() -> None:
    assert len(MODULES) >= 8


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_below_the_gui(path: Path) -> None:
    bad = [name for name in _imports(path) if name.startswith(FORBIDDEN)]
    assert bad == [], f"{path.name} imports {bad}"


def test_the_check_sees_relative_gui_imports(tmp_path: Path) -> None:
    fake = PACKAGE / "store" / "_layer_probe.py"
    assert not fake.exists()
    assert "ilp_desktop.gui" in [
        n for n in _imports_of_text("from ..gui import main_window\n", fake)
    ]


def _imports_of_text(text: str, where: Path) -> list[str]:
    probe = where
    probe.write_text(text, encoding="utf-8")
    try:
        return _imports(probe)
    finally:
        probe.unlink()
