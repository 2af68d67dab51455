"""The Career exploration tab in the real main window: match, search, filter, browse by cluster,
shortlist with notes, compare, and import an O*NET release."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ilp_desktop import bundled
from ilp_desktop.domain.career_clusters import MODERN, clusters_in
from ilp_desktop.gui.dialogs.compare_dialog import CompareDialog
from ilp_desktop.gui.dialogs.sources_dialog import SourcesDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.careers_model import FIT, TITLE, ZONE
from ilp_desktop.gui.tabs.career_exploration import CareerExplorationTab
from ilp_desktop.store.db import open_store
from ilp_desktop.store.self_exploration import SelfExplorationStore
from ilp_desktop.store.shortlist import ShortlistStore

from onet_fixtures import write_release
from qt_helpers import type_text

MakeWindow = Callable[[Path], MainWindow]
STUDENT = 1  # Nguyễn Văn An, grade 9


def _open(window: MainWindow, student_id: int = STUDENT) -> CareerExplorationTab:
    assert window.roster.select_student(student_id)
    window.student_page.tabs.setCurrentIndex(1)
    tab = window.career_exploration()
    assert window.student_page.tabs.widget(1).isAncestorOf(tab)
    return tab


def _rows(tab: CareerExplorationTab, column: int = TITLE) -> list[str]:
    proxy = tab.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def _record_inventory(db: Path, student_id: int, **scores: int) -> None:
    store = open_store(db)
    try:
        selfx = SelfExplorationStore(store)
        attempt = selfx.start_attempt(student_id, "secondary", "en", "keyed")
        form = bundled.inventory().form("secondary")
        for letter in "RIASEC":
            for item in form.items_of(letter):
                selfx.save_answer(attempt.id, item.id, scores.get(letter, 1))  # type: ignore[arg-type]
        selfx.finish_attempt(attempt.id)  # type: ignore[arg-type]
    finally:
        store.close()


def test_without_an_inventory_a_typed_code_gives_matches(
    make_window: MakeWindow, school_db: Path
) -> None:
    tab = _open(make_window(school_db))
    assert "No interest inventory yet" in tab.interests_label.text()
    assert set(_rows(tab, FIT)) == {"—"}
    type_text(tab.code_edit, "sia")
    assert "SIA" in tab.interests_label.text()
    fits = [int(f) for f in _rows(tab, FIT)]
    assert fits == sorted(fits, reverse=True) and fits[0] > fits[-1]
    top = _rows(tab)[0]
    assert "Matches your top interests, Social" in top
    tab.code_edit.clear()
    type_text(tab.code_edit, "SIX")
    assert "X is not an interest letter" in tab.code_error.text()
    assert tab.code_error.isVisible()
    assert "<b>SI</b>" in tab.interests_label.text()  # the last good code still stands
    tab.code_edit.clear()
    tab._code_typed("")
    assert not tab.code_error.isVisible()
    assert "No interest inventory yet" in tab.interests_label.text()


def test_matches_come_from_the_latest_inventory(make_window: MakeWindow, school_db: Path) -> None:
    _record_inventory(school_db, STUDENT, S=5, I=4, A=3)
    tab = _open(make_window(school_db))
    assert "SIA" in tab.interests_label.text() and "inventory" in tab.interests_label.text()
    assert not tab.use_inventory.isVisible()
    tab.table.selectRow(0)
    detail = tab.detail
    assert detail.career is not None
    assert detail.fit_title.text().startswith("Fit ")
    assert "Social rated" in detail.fit_text.text()
    assert "student 100 of 100" in detail.chart.summary()  # Social answered "5" throughout
    # A typed code overrides for this session; one click goes back to the inventory.
    type_text(tab.code_edit, "RC")
    assert tab.interests is not None and tab.interests.code == "RC"
    assert tab.use_inventory.isVisibleTo(tab)
    tab.use_inventory.click()
    assert tab.interests is tab.inventory_interests


def test_search_is_blind_to_case_and_accents_and_finds_other_titles(
    make_window: MakeWindow, school_db: Path
) -> None:
    tab = _open(make_window(school_db))
    total = tab.proxy.rowCount()
    type_text(tab.search, "NURSE")
    nursing = _rows(tab)
    assert 0 < len(nursing) < total
    library = tab.holder.library
    codes = [tab.proxy.code(r) for r in range(tab.proxy.rowCount())]
    assert all("nurse" in library.search_text[c] for c in codes)
    assert any("Registered Nurses" in t for t in nursing)
    tab.search.clear()
    type_text(tab.search, "enfermeria")  # no accent, Spanish title
    assert tab.proxy.rowCount() >= 1
    tab.search.clear()
    type_text(tab.search, "software engineer")  # an alternate title of Software Developers
    assert any("Software Developers" in t for t in _rows(tab))
    tab.search.clear()
    assert tab.proxy.rowCount() == total
    assert f"{total:,} careers" in tab.count_label.text()


def test_filters_for_preparation_education_pay_and_cluster(
    make_window: MakeWindow, school_db: Path
) -> None:
    tab = _open(make_window(school_db))
    library = tab.holder.library
    tab.zone_filter.setCurrentIndex(tab.zone_filter.findData(2))
    shown = [tab.proxy.code(r) for r in range(tab.proxy.rowCount())]
    assert shown and all(library.get(c).job_zone == 2 for c in shown)  # type: ignore[union-attr]
    assert all(v.startswith("Zone 2") for v in _rows(tab, ZONE))
    tab.zone_filter.setCurrentIndex(0)
    tab.education_filter.setCurrentIndex(tab.education_filter.findData("associates"))
    tab.wage_filter.setCurrentIndex(tab.wage_filter.findData(55_000))
    shown = [library.get(tab.proxy.code(r)) for r in range(tab.proxy.rowCount())]
    assert shown
    for career in shown:
        assert career is not None
        assert career.median_wage is not None and career.median_wage >= 55_000
        assert career.education in (
            "none",
            "high_school",
            "postsecondary_award",
            "some_college",
            "associates",
        )
    assert "left out" in tab.count_label.text()
    tab.education_filter.setCurrentIndex(0)
    tab.wage_filter.setCurrentIndex(0)
    tab.cluster_filter.setCurrentIndex(tab.cluster_filter.findData("2024:digital_technology"))
    shown = [library.get(tab.proxy.code(r)) for r in range(tab.proxy.rowCount())]
    assert shown
    assert all("digital_technology" in clusters_in(c, "2024") for c in shown)  # type: ignore[arg-type]


def test_browse_by_cluster_in_both_frameworks(make_window: MakeWindow, school_db: Path) -> None:
    tab = _open(make_window(school_db))
    tab.views.setCurrentIndex(1)
    assert tab.cluster_proxy.rowCount() == 16
    health = next(
        r
        for r in range(tab.cluster_proxy.rowCount())
        if "Health Science" in tab.cluster_proxy.index(r, 0).data()
    )
    tab.cluster_list.setCurrentIndex(tab.cluster_proxy.index(health, 0))
    count = tab.cluster_careers_proxy.rowCount()
    assert count > 10 and f"{count:,} careers in Health Science" == tab.cluster_count.text()
    tab.framework.setCurrentIndex(tab.framework.findData("2024"))
    assert tab.cluster_proxy.rowCount() == 14
    names = [tab.cluster_proxy.index(r, 0).data() for r in range(14)]
    assert all(any(n.startswith(m) for n in names) for m in MODERN.values())
    tab.cluster_table.selectRow(0)
    assert tab.detail.career is not None


def test_shortlist_add_notes_rank_remove_and_compare(
    qtbot: object, make_window: MakeWindow, school_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(school_db)
    tab = _open(window)
    picked = []
    for row in range(3):
        tab.table.selectRow(row)
        picked.append(tab.detail.career.title)  # type: ignore[union-attr]
        assert tab.detail.shortlist_button.text() == "Add to shortlist"
        tab.detail.shortlist_button.click()
        assert tab.detail.shortlist_button.text().startswith("✓ On the shortlist")
    assert tab.views.tabText(2) == "Shortlist (3)"
    assert _rows(tab)[0].startswith("★ ")
    tab.views.setCurrentIndex(2)
    # Notes are saved a moment after typing, in the student's words.
    tab.shortlist_table.selectRow(0)
    type_text(tab.why_edit, "I like helping people & <b>fixing</b> things")
    type_text(tab.need_edit, "Dual credit")
    qtbot.waitUntil(lambda: not tab._notes_timer.isActive(), timeout=3000)  # type: ignore[attr-defined]
    store = ShortlistStore(window.store)
    first = store.entries(STUDENT)[0]
    assert first.why == "I like helping people & <b>fixing</b> things"
    assert first.need == "Dual credit"
    # Move the third career to the top.
    tab.shortlist_table.selectRow(2)
    tab.up_button.click()
    tab.up_button.click()
    assert [e.title for e in store.entries(STUDENT)] == [picked[2], picked[0], picked[1]]
    assert not tab.up_button.isEnabled()
    # Removing a career with notes asks first.
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes,
    )
    tab.shortlist_table.selectRow(1)
    tab.remove_button.click()
    assert asked and [e.title for e in store.entries(STUDENT)] == [picked[2], picked[1]]
    # Compare the two left.
    shown = []
    monkeypatch.setattr(CompareDialog, "exec", lambda self: shown.append(self) or 0)
    tab.compare()
    assert shown
    model = shown[0].model
    assert model.columnCount() == 2
    assert model.index(0, 0).data() == picked[2]
    assert model.index(1, 0).data().endswith("of 100") or model.index(1, 0).data() == "—"


def test_notes_survive_switching_student_at_once(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    tab = _open(window)
    tab.table.selectRow(0)
    tab.detail.shortlist_button.click()
    tab.views.setCurrentIndex(2)
    tab.shortlist_table.selectRow(0)
    type_text(tab.why_edit, "Because")
    assert window.roster.select_student(2)  # before the save timer fires
    assert ShortlistStore(window.store).entries(STUDENT)[0].why == "Because"
    assert tab.shortlist_model.rowCount() == 0


def test_related_careers_are_clickable(make_window: MakeWindow, school_db: Path) -> None:
    tab = _open(make_window(school_db))
    tab.show_career("29-1141.00")
    related = tab.holder.library.related(tab.detail.career)  # type: ignore[arg-type]
    assert related
    tab.detail.related.linkActivated.emit(related[0].code)
    assert tab.detail.career is not None and tab.detail.career.code == related[0].code
    assert tab.proxy.code(tab.table.currentIndex().row()) == related[0].code


def test_import_from_the_gui_lands_and_shows_its_source(
    qtbot: object,
    make_window: MakeWindow,
    school_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ilp_desktop.gui import onet_import_flow
    from ilp_desktop.store.backups import list_backups

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    window = make_window(school_db)
    tab = _open(window)
    starter_count = len(tab.holder.library.careers)
    # Not a release: a clear message, the library unchanged.
    junk = tmp_path / "photos.zip"
    junk.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    onet_import_flow.start_import(window, tab.holder, junk, None)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)  # type: ignore[attr-defined]
    assert "O*NET" in said[-1] and "Nothing was changed" in said[-1]
    assert len(tab.holder.library.careers) == starter_count
    # A real-format release lands: the list, the Sources screen and the detail say so.
    release = write_release(tmp_path / "db_29_3_text")
    said.clear()
    with qtbot.waitSignal(tab.holder.changed, timeout=20000):  # type: ignore[attr-defined]
        onet_import_flow.start_import(window, tab.holder, release, None)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)  # type: ignore[attr-defined]
    assert said[-1].startswith("Imported ")
    backups = list_backups(window.dirs.backups_for(window.store.path))
    assert [b.reason for b in backups] == ["before-onet-import"]  # the junk made none
    library = tab.holder.library
    assert library.release is not None and library.source_label.startswith("O*NET")
    assert "O*NET" in tab.sources_button.text()
    assert tab.model.rowCount() == len(library.careers) < starter_count
    tab.show_career(library.careers[0].code)
    assert "CC BY 4.0" in tab.detail.source.text()
    sources = SourcesDialog(tab.holder, window)
    assert "O*NET" in sources.in_use.text() and sources.remove_button.isEnabled()
    assert "USDOL/ETA" in sources.body.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sources.remove_button.click()
    assert tab.holder.library.release is None
    assert len(tab.holder.library.careers) == starter_count
    sources.close()


def test_sources_menu_and_import_menu_exist(make_window: MakeWindow, school_db: Path) -> None:
    window = make_window(school_db)
    texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert "&Import O*NET database…" in texts and "&Career library sources" in texts
