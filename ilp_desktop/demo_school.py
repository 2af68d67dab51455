"""Build the demo school: invented students written into a new or earlier demo database.

No Qt here: the command line calls it directly, the GUI from a worker thread with a progress
dialog (``progress`` and ``is_cancelled`` are its hooks).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from . import bundled
from .domain.courses import Course, GraduationRules, parse_catalog
from .domain.demo_careers import generate_shortlists
from .domain.demo_plans import DemoPlan, generate_plans
from .domain.demo_reviews import DemoSession, generate_history
from .domain.demo_self_exploration import generate_self_exploration
from .domain.demo_students import generate_students
from .domain.interests import Inventory
from .domain.self_exploration import Checklists, SelfExplorationProfile
from .domain.students import Student
from .paths import resource
from .store.courses import CourseStore
from .store.db import Store
from .store.plans import PlanRecords, PlanStore
from .store.postsecondary import PostsecondaryStore
from .store.school_calendar import load_calendar
from .store.self_exploration import SelfExplorationStore
from .store.sessions import SessionHistory, SessionStore
from .store.settings import SettingsStore
from .store.shortlist import ShortlistStore
from .store.students import StudentStore

# The settings key that marks a database as a demo; its value is {"students": N, "seed": S}.
DEMO_KEY = "demo_school"
CATALOG_FILE = ("demo", "course_catalog.csv")
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


def load_course_catalog(rules: GraduationRules) -> list[Course]:
    """The bundled demo course catalog (resources/demo/course_catalog.csv), read against
    ``rules``; DemoRefused, saying which line is wrong, when it does not fit them."""
    path = resource(*CATALOG_FILE)
    with path.open(encoding="utf-8", newline="") as handle:
        parsed = parse_catalog(list(csv.reader(handle)), rules)
    if parsed.problems:
        first = parsed.problems[0]
        more = len(parsed.problems) - 1
        also = f" (and {more} more line{'s' if more > 1 else ''} like it)" if more else ""
        raise DemoRefused(
            f"The demo course catalog {path} does not fit this database's graduation rules: "
            f"line {first.row}: {first.message.rstrip('.')}{also}. Build the demo school in a "
            f"new file instead, for example demo-school.sqlite. Nothing was changed."
        )
    return parsed.courses


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
    today: dt.date | None = None,
) -> int:
    """Fill ``store`` with a demo school of ``students`` invented students; return how many.

    An empty database, or one an earlier demo built, is filled (the earlier demo students are
    replaced) and marked as a demo. Most students get self-exploration records too: inventory
    attempts with reflections, strengths, skills, values, activities and supports; and plans:
    baselines, assessments, goals with steps, a course plan from the demo course catalog (which
    replaces the database's catalog) and a postsecondary plan, dated around ``today`` (the real
    date unless a test gives one); and three school years of reviews and other sessions, on the
    database's school calendar, with acknowledgements and a snapshot of the plan at each review.
    A database that holds students and is not marked as a demo is refused with DemoRefused:
    invented students are never mixed into real records. All of it is one transaction, so a
    failure or a cancel (DemoCancelled) leaves the database as it was.
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
        shortlists = list(
            generate_shortlists(
                profiles, bundled.starter_library().careers, bundled.inventory(), seed
            )
        )
        ShortlistStore(store).add_many(
            (student.id, entries)
            for student, entries in zip(added, shortlists, strict=True)
            if student.id is not None and entries
        )
        courses = CourseStore(store)
        rules = courses.rules()
        catalog = load_course_catalog(rules)
        courses.import_catalog(catalog, replace_all=True)
        day = today or dt.date.today()
        plans = generate_plans(added, profiles, shortlists, catalog, rules, seed, day)
        step_ids = _add_plans(store, added, plans)
        history = generate_history(
            added,
            plans,
            profiles,
            shortlists,
            load_calendar(store),
            seed,
            day,
            inventory=bundled.inventory(),
            checklists=bundled.checklists(),
        )
        _add_history(store, added, history, step_ids)
        SettingsStore(store).set(DEMO_KEY, {"students": len(roster), "seed": seed})
        # A last look before the commit: Cancel pressed during the final batch still counts.
        if is_cancelled is not None and is_cancelled():
            raise _cancelled()
    return len(roster)


def _add_plans(
    store: Store, students: Sequence[Student], plans: Sequence[DemoPlan]
) -> dict[int, list[int]]:
    """The generated plans, each in the store that keeps its part; returns each student's new
    step ids in PlanRecords.all_steps() order."""
    pairs = [(s.id, plan) for s, plan in zip(students, plans, strict=True) if s.id is not None]
    step_ids = PlanStore(store).add_plans(
        (sid, PlanRecords(plan.baselines, plan.assessments, plan.goals, plan.plan_steps))
        for sid, plan in pairs
    )
    CourseStore(store).add_plans((sid, plan.courses) for sid, plan in pairs if plan.courses)
    PostsecondaryStore(store).add_plans(
        (sid, plan.postsecondary) for sid, plan in pairs if not plan.postsecondary.is_empty
    )
    return step_ids


def _add_history(
    store: Store,
    students: Sequence[Student],
    history: Sequence[Sequence[DemoSession]],
    step_ids: Mapping[int, Sequence[int]],
) -> None:
    """The generated sessions, their steps marked as agreed at them by the ids just given."""
    SessionStore(store).add_history(
        SessionHistory(
            s.id,
            item.session,
            tuple(step_ids[s.id][index] for index in item.step_indexes),
            item.snapshot,
        )
        for s, items in zip(students, history, strict=True)
        if s.id is not None
        for item in items
    )


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
