from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.students import StudentStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "school.sqlite", tmp_path / "backups")
    yield opened
    opened.close()


@pytest.fixture
def students(store: Store) -> StudentStore:
    return StudentStore(store)
