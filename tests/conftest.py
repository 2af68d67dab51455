"""Shared test set-up: offscreen Qt, and every per-user folder redirected into tmp."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: no display is needed, and none is used.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, config, logs and locks (via platformdirs) all go to a fresh tmp folder."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
