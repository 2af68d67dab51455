"""PDF tests build byte-for-byte repeatable files: no timestamps or random ids."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reportlab import rl_config


@pytest.fixture(scope="session", autouse=True)
def invariant_pdfs() -> Iterator[None]:
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before
