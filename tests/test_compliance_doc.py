"""docs/compliance-export.md documents every column the export writes, in the same order."""

from __future__ import annotations

import re
from pathlib import Path

from ilp_desktop.domain.caseload import COMPLIANCE_COLUMNS

DOC = Path(__file__).resolve().parents[1] / "docs" / "compliance-export.md"


def test_every_column_is_documented_in_order() -> None:
    documented = re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M)
    assert documented == [name for name, _ in COMPLIANCE_COLUMNS]
