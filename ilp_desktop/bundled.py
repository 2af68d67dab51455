"""The data files shipped in resources/, each read and checked once per process."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .domain.career_library import StarterLibrary, load_starter
from .domain.interests import Inventory, load_inventory
from .domain.self_exploration import Checklists, load_checklists
from .paths import resource


def _json(*parts: str) -> Any:
    return json.loads(resource(*parts).read_text(encoding="utf-8"))


@cache
def inventory_data() -> dict[str, Any]:
    """resources/inventory/forms.json as written (the answer sheets print from it)."""
    return _json("inventory", "forms.json")


@cache
def inventory() -> Inventory:
    """The interest inventory's item bank, checked."""
    return load_inventory(inventory_data())


@cache
def checklists() -> Checklists:
    """The self-exploration lists (strengths, skills, values, learning, supports), checked."""
    return load_checklists(_json("self_exploration", "checklists.json"))


@cache
def starter_library() -> StarterLibrary:
    """The project's own starter career library (resources/careers/starter.json), checked."""
    return load_starter(_json("careers", "starter.json"))
