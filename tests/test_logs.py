from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from ilp_desktop import logs


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_file_rotates_and_keeps_five(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logger: logging.Logger
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(tmp_path / "log")
    for n in range(400):
        logging.getLogger("ilp_desktop.test").info("line %d %s", n, "x" * 40)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == [
        "ilp-desktop.log",
        "ilp-desktop.log.1",
        "ilp-desktop.log.2",
        "ilp-desktop.log.3",
        "ilp-desktop.log.4",
        "ilp-desktop.log.5",
    ]
    assert all(p.stat().st_size <= 2_200 for p in path.parent.iterdir())
    assert "line 399" in path.read_text(encoding="utf-8")
    assert "line 399" not in (path.parent / "ilp-desktop.log.1").read_text(encoding="utf-8")
