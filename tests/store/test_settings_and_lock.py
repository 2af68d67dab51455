from __future__ import annotations

from pathlib import Path

from ilp_desktop.store.db import Store
from ilp_desktop.store.instance_lock import InstanceLock, database_key
from ilp_desktop.store.settings import SettingsStore


def test_settings_round_trip(store: Store) -> None:
    settings = SettingsStore(store)
    assert settings.get("school_name", "none") == "none"
    settings.set("school_name", "Escuela Secundaria Peña")
    settings.set("school_name", "Ridgeview Middle")
    assert settings.get("school_name") == "Ridgeview Middle"


def test_one_lock_per_database(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    first, second = InstanceLock(tmp_path / "locks", db), InstanceLock(tmp_path / "locks", db)
    other = InstanceLock(tmp_path / "locks", tmp_path / "b.sqlite")
    assert first.acquire()
    assert not second.acquire()
    assert other.acquire()
    first.release()
    assert second.acquire()
    second.release()
    other.release()


def test_database_key_follows_the_resolved_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert database_key(tmp_path / "sub" / ".." / "a.sqlite") == database_key(tmp_path / "a.sqlite")
    assert database_key(tmp_path / "a.sqlite") != database_key(tmp_path / "b.sqlite")
