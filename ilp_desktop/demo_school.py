"""Build the demo school: invented students written into a new or earlier demo database.

No Qt here: the command line calls it directly, the GUI from a worker thread with a progress
dialog (``progress`` and ``is_cancelled`` are its hooks).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from . import bundled
from .domain.demo_careers import generate_shortlists
from .domain.demo_self_exploration import generate_self_exploration
from .domain.demo_students import generate_students
from .domain.interests import Inventory
from .domain.self_exploration import Checklists, SelfExplorationProfile
from .domain.students import Student
from .paths import resource
from .store.db import Store
from .store.self_exploration import SelfExplorationStore
from .store.settings import SettingsStore
from .store.shortlist import ShortlistStore
from .store.students import StudentStore

# The settings key that marks a database as a demo; its value is {"students": N, "seed": S}.
DEMO_KEY = "demo_school"
# How often progress is reported and Cancel is looked at: often enough for a smooth dialog,
# rarely enough to cost nothing.
PROGRESS_EVERY = 250


class DemoRefused(Exception):  # noqa: N818 - the name cli.py and the GUI catch
    """The demo school was not built; ``str()`` is the message for the user."""


class DemoCancelled(DemoRefused):
    """The user cancelled while the demo school was being built; nothing was changed."""


def load_names() -> dict[str, Any]:
    """The bundled name data (resources/demo/names.json)."""
    return json.loads(resource("demo", "names.json").read_text(encoding="utf-8"))


def load_self_exploration_data() -> tuple[Inventory, Checklists]:
    """The bundled interest inventory and self-exploration lists the demo answers and picks from."""
    return bundled.inventory(), bundled.checklists()


def demo_marker(store: Store) -> Mapping[str, Any] | None:
    """What the demo mark of this database says ({"students": N, "seed": S}), or None."""
    marker = SettingsStore(store).get(DEMO_KEY)
    return marker if isinstance(marker, dict) else None


def build_demo_school(
    store: Store,
    *,
    students: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> int:
    """Fill ``store`` with a demo school of ``students`` invented students; return how many.

    An empty database, or one an earlier demo built, is filled (the earlier demo students are
    replaced) and marked as a demo. Most students get self-exploration records too: inventory
    attempts with reflections, strengths, skills, values, activities and supports. A database
    that holds students and is not marked as a demo is refused with DemoRefused: invented
    students are never mixed into real records. All of it is one transaction, so a failure or a
    cancel (DemoCancelled) leaves the database as it was.
    """
    if students < 1:
        raise ValueError("a demo school needs at least one student")
    if is_cancelled is not None and is_cancelled():
        raise _cancelled()
    roster = generate_students(students, seed, load_names())
    # Made student by student alongside the inserts, so progress covers the time they take.
    made = generate_self_exploration(roster, seed, *load_self_exploration_data())
    profiles: list[SelfExplorationProfile] = []

    def with_profiles() -> Iterator[Student]:
        for student in _watched(roster, progress, is_cancelled):
            profiles.append(next(made))
            yield student

    student_store = StudentStore(store)
    with store.action():
        # Checked inside the transaction: should another program write in between, our first
        # write fails (database busy) rather than mixing demo students into its records.
        existing = student_store.count(include_archived=True)
        if existing and demo_marker(store) is None:
            raise DemoRefused(_refusal(store, existing))
        if existing:
            # An earlier demo: its students (and, by cascade, their guardians and
            # self-exploration records) make way.
            student_store.delete_all()
        added = student_store.add_many(with_profiles())
        SelfExplorationStore(store).add_profiles(
            (student.id, profile)
            for student, profile in zip(added, profiles, strict=True)
            if student.id is not None and not profile.is_empty
        )
        shortlists = generate_shortlists(
            profiles, bundled.starter_library().careers, bundled.inventory(), seed
        )
        ShortlistStore(store).add_many(
            (student.id, entries)
            for student, entries in zip(added, shortlists, strict=True)
            if student.id is not None and entries
        )
        SettingsStore(store).set(DEMO_KEY, {"students": len(roster), "seed": seed})
        # A last look before the commit: Cancel pressed during the final batch still counts.
        if is_cancelled is not None and is_cancelled():
            raise _cancelled()
    return len(roster)


def _watched(
    roster: list[Student],
    progress: Callable[[int, int], None] | None,
    is_cancelled: Callable[[], bool] | None,
) -> Iterator[Student]:
    """Hand the students to the store one by one, reporting progress and honouring Cancel."""
    total = len(roster)
    if progress is not None:
        progress(0, total)
    for done, student in enumerate(roster):
        if done and done % PROGRESS_EVERY == 0:
            if is_cancelled is not None and is_cancelled():
                raise _cancelled()  # inside the transaction: it rolls back
            if progress is not None:
                progress(done, total)
        yield student
    if progress is not None:
        progress(total, total)


def _cancelled() -> DemoCancelled:
    return DemoCancelled("Building the demo school was cancelled; nothing was changed.")


def _refusal(store: Store, existing: int) -> str:
    students = "1 student" if existing == 1 else f"{existing} students"
    return (
        f"{store.path} already holds {students} that the demo did not make, so no demo school "
        f"was added: invented students are never mixed with real records. Choose a new file "
        f"for the demo school, for example demo-school.sqlite. Nothing was changed."
    )
