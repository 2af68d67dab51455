from __future__ import annotations

from PySide6.QtCore import Qt

from ilp_desktop.domain.students import RosterEntry
from ilp_desktop.gui.models.roster_model import GRADE, NAME, RosterFilterProxy, RosterModel

from helpers import named_students


def _entries() -> list[RosterEntry]:
    entries = []
    for n, student in enumerate(named_students(), start=1):
        student.id = n
        entries.append(RosterEntry.of(student))
    return entries


def _names(proxy: RosterFilterProxy) -> list[str]:
    return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]


def test_models_pass_qt_model_tester(qtmodeltester: object) -> None:
    model = RosterModel()
    model.set_entries(_entries())
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def test_sorts_by_name_folded_and_by_grade() -> None:
    model = RosterModel()
    model.set_entries(_entries())
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    names = _names(proxy)
    assert names.index("Ødegård, Ingrid") < names.index("Peña, María José (Majo)")
    assert names.index("Nguyễn, Văn An") < names.index("Nguyen-Smith, Oliver (Ollie)")
    proxy.sort(GRADE, Qt.SortOrder.AscendingOrder)
    grades = [proxy.index(r, GRADE).data() for r in range(proxy.rowCount())]
    assert grades == sorted(grades, key=int)
    proxy.sort(GRADE, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, GRADE).data() == "12"


def test_filters_by_words_grade_and_archived() -> None:
    entries = _entries()
    entries[1].archived_at = "2026-10-01T10:00:00"
    model = RosterModel()
    model.set_entries(entries)
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == len(entries) - 1
    proxy.set_search("nguyen")
    assert sorted(_names(proxy)) == ["Nguyen-Smith, Oliver (Ollie)", "Nguyễn, Văn An"]
    proxy.set_grade("10")
    assert _names(proxy) == ["Nguyen-Smith, Oliver (Ollie)"]
    proxy.set_grade(None)
    proxy.set_search("odegard")
    assert _names(proxy) == []
    proxy.set_show_archived(True)
    assert _names(proxy) == ["Ødegård, Ingrid — archived"]
    proxy.set_search("majo")
    assert _names(proxy) == ["Peña, María José (Majo)"]
    proxy.set_search("200003")
    assert _names(proxy) == ["Żółć, Łukasz"]
