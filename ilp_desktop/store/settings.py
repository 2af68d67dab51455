"""Settings kept inside the database (they travel with it): JSON values by key."""

from __future__ import annotations

import json
from typing import Any

from .db import Store


class SettingsStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str, default: Any = None) -> Any:
        with self.store.reading() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self.store.action() as db:
            db["settings"].upsert(
                {"key": key, "value": json.dumps(value, ensure_ascii=False)}, pk="key"
            )
