"""Every location the app uses: platformdirs folders, the database, bundled resources."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "ilp-desktop"
DEFAULT_DB_NAME = "ilp.sqlite"
DEMO_DB_NAME = "demo-school.sqlite"


@dataclass(frozen=True)
class AppDirs:
    """The per-user folders: data (databases), backups, config, logs and locks."""

    data: Path
    config: Path
    logs: Path
    state: Path

    @classmethod
    def for_user(cls) -> AppDirs:
        from platformdirs import PlatformDirs

        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data=Path(dirs.user_data_dir),
            config=Path(dirs.user_config_dir),
            logs=Path(dirs.user_log_dir),
            state=Path(dirs.user_state_dir),
        )

    @property
    def default_db(self) -> Path:
        return self.data / DEFAULT_DB_NAME

    @property
    def demo_db(self) -> Path:
        return self.data / DEMO_DB_NAME

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def locks(self) -> Path:
        return self.state / "locks"

    def backups_for(self, db_path: Path) -> Path:
        """Backups of one database, kept apart from those of other databases."""
        from .store.instance_lock import database_key

        return self.backups / f"{Path(db_path).stem}-{database_key(db_path)}"


def _bundled_root() -> Path:
    """Where resources/ and ui/ sit: PyInstaller bundle, installed wheel or source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    if (package / "resources").is_dir():  # installed wheel: mapped into the package
        return package
    return package.parent  # source checkout


def resources_dir() -> Path:
    return _bundled_root() / "resources"


def ui_dir() -> Path:
    return _bundled_root() / "ui"


def resource(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource {path}")
    return path


def ui_file(name: str) -> Path:
    path = ui_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"missing interface file {path}")
    return path
