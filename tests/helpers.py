"""Small helpers shared by tests (importable because pytest puts tests/ on the path)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ilp_desktop import bundled
from ilp_desktop.domain.interests import TYPES, InventoryResult, score
from ilp_desktop.domain.students import Guardian, Student


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_student(n: int, **changes: object) -> Student:
    base = Student(
        sis_id=f"{100000 + n}",
        first_name=f"First{n}",
        last_name=f"Last{n}",
        grade=str(6 + n % 7),
        guardians=[Guardian(name=f"Guardian {n}", relationship="mother", phone="555-0100")],
    )
    return base.with_changes(**changes)


def named_students() -> list[Student]:
    """A small roster with names from several scripts, for search and sort tests."""
    rows = [
        ("200001", "Văn An", "Nguyễn", "", "9"),
        ("200002", "Ingrid", "Ødegård", "", "10"),
        ("200003", "Łukasz", "Żółć", "", "11"),
        ("200004", "Sinéad", "Ní Bhriain", "", "7"),
        ("200005", "María José", "Peña", "Majo", "8"),
        ("200006", "小明", "王", "", "12"),
        ("200007", "فاطمة", "الزهراء", "", "6"),
        ("200008", "Hodan", "Warsame", "", "9"),
        ("200009", "Oliver", "Nguyen-Smith", "Ollie", "10"),
    ]
    return [
        Student(sis_id=s, first_name=f, last_name=last, preferred_name=p, grade=g)
        for s, f, last, p, g in rows
    ]


def inventory_result(
    form_key: str = "secondary", skip: str = "", **by_type: int | list[int]
) -> InventoryResult:
    """Every statement of a type answered with one value (or the values of a list, in turn);
    the types in ``skip`` left unanswered."""
    form = bundled.inventory().form(form_key)
    answers: dict[str, int | None] = {}
    for letter in TYPES:
        given = by_type.get(letter, 1)
        for index, item in enumerate(form.items_of(letter)):
            value = given[index % len(given)] if isinstance(given, list) else given
            answers[item.id] = None if letter in skip else value
    return score(form, answers)
