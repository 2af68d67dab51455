from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ilp_desktop.domain.backup_rotation import (
    BackupStamp,
    RotationPolicy,
    backup_name,
    choose_kept,
    choose_removed,
    clean_reason,
    has_backup_on,
    parse_backup_name,
    reason_label,
)

NOON = dt.datetime(2026, 11, 22, 12, 0, 0)


def stamp(made_at: dt.datetime, reason: str = "daily", sequence: int = 1) -> BackupStamp:
    parsed = parse_backup_name(backup_name("ilp", reason, made_at, sequence))
    assert parsed is not None
    return parsed


def test_names_round_trip_and_sort_by_time() -> None:
    name = backup_name("new-school", "before-roster-import", NOON)
    assert name == "new-school-2026-11-22T120000-before-roster-import.sqlite"
    parsed = parse_backup_name(name)
    assert parsed == BackupStamp(NOON, 1, "before-roster-import", name)
    second = backup_name("new-school", "before-roster-import", NOON, sequence=2)
    assert second == "new-school-2026-11-22T120000_2-before-roster-import.sqlite"
    assert parse_backup_name(second).sequence == 2  # type: ignore[union-attr]
    later = backup_name("new-school", "daily", NOON + dt.timedelta(seconds=1))
    assert sorted([later, second, name])[0] == name


def test_migration_names_parse() -> None:
    name = backup_name("ilp", "before-0006_audit", NOON)
    assert parse_backup_name(name).reason == "before-0006_audit"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name",
    [
        "notes.sqlite",
        "ilp.sqlite",
        "ilp-2026-11-22T120000-daily.sqlite.partial",
        "ilp-2026-13-40T120000-daily.sqlite",
        "ilp-2026-11-22T1200-daily.sqlite",
        "ilp-2026-11-22T120000_1-daily.sqlite",
        "ilp-2026-11-22T120000-Daily Copy.sqlite",
    ],
)
def test_other_files_are_not_backups(name: str) -> None:
    assert parse_backup_name(name) is None


def test_reasons_are_cleaned_for_file_names() -> None:
    assert clean_reason("Before Roster Import!") == "before-roster-import"
    assert clean_reason("  ") == "manual"
    assert parse_backup_name(backup_name("ilp", "Made by Ms. Ortiz", NOON)) is not None


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        ("daily", "Daily"),
        ("manual", "Made by you"),
        ("before-roster-import", "Before importing a roster"),
        ("before-restore", "Before restoring a backup"),
        ("before-0006_audit", "Before updating ILP Desktop's data"),
        ("before-purge-student", "Before removing a student"),
        ("before-something-new", "Before something new"),
        ("weekly_copy", "Weekly copy"),
    ],
)
def test_reasons_in_plain_words(reason: str, label: str) -> None:
    assert reason_label(reason) == label


def test_a_backup_today_is_found() -> None:
    stamps = [stamp(NOON - dt.timedelta(days=1)), stamp(NOON.replace(hour=0, minute=0))]
    assert has_backup_on(stamps, NOON.date())
    assert not has_backup_on(stamps[:1], NOON.date())
    assert not has_backup_on([], NOON.date())


def test_hourly_backups_for_sixty_days_keep_seven_days_and_four_weeks() -> None:
    stamps = [stamp(NOON - dt.timedelta(hours=h)) for h in range(60 * 24)]
    kept = choose_kept(stamps)
    by_name = {s.name: s for s in stamps}
    kept_times = sorted((by_name[n].made_at for n in kept), reverse=True)
    assert len(kept) == 7 + 4
    assert kept_times[0] == NOON  # the newest is always kept
    days = [t.date() for t in kept_times[:7]]
    assert days == [NOON.date() - dt.timedelta(days=d) for d in range(7)]
    # each kept day is represented by its newest backup (23:00, or noon today)
    assert all(t.hour == 23 for t in kept_times[1:7])
    weeks = [t.isocalendar()[:2] for t in kept_times[7:]]
    assert len(set(weeks)) == 4
    assert all(t.date() < days[-1] for t in kept_times[7:])
    removed = choose_removed(stamps)
    assert len(removed) == len(stamps) - len(kept)
    assert set(removed).isdisjoint(kept)


def test_before_and_manual_copies_are_kept_beyond_the_days() -> None:
    old = NOON - dt.timedelta(days=200)
    befores = [stamp(old + dt.timedelta(minutes=m), "before-roster-import") for m in range(8)]
    manuals = [stamp(old + dt.timedelta(minutes=30 + m), "manual") for m in range(7)]
    daily = [stamp(NOON - dt.timedelta(days=d)) for d in range(10)]
    kept = choose_kept(befores + manuals + daily)
    assert {s.name for s in befores[-5:]} <= kept
    assert not {s.name for s in befores[:3]} & kept
    assert {s.name for s in manuals[-5:]} <= kept
    assert not {s.name for s in manuals[:2]} & kept


def test_two_backups_in_one_second_are_two_backups() -> None:
    first, second = stamp(NOON, "before-roster-import"), stamp(NOON, "before-roster-import", 2)
    kept = choose_kept([first, second], RotationPolicy(before=1))
    assert second.name in kept  # the later one of the second is the newest


stamps_strategy = st.lists(
    st.builds(
        stamp,
        st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 1, 1)),
        st.sampled_from(["daily", "manual", "before-roster-import", "before-restore"]),
        st.integers(min_value=1, max_value=3),
    ),
    max_size=80,
    unique_by=lambda s: s.name,
)


def _check_rotation(stamps: list[BackupStamp]) -> None:
    kept = choose_kept(stamps)
    assert kept <= {s.name for s in stamps}
    if stamps:
        assert max(stamps).name in kept
    assert len(kept) <= 7 + 4 + 5 + 5
    survivors = [s for s in stamps if s.name in kept]
    assert choose_kept(survivors) == kept  # a second rotation removes nothing more


@settings(max_examples=150, deadline=None)
@given(stamps_strategy)
def test_rotation_keeps_the_newest_and_is_stable(stamps: list[BackupStamp]) -> None:
    _check_rotation(stamps)


@pytest.mark.stress
@settings(max_examples=5000, deadline=None)
@given(stamps_strategy)
def test_rotation_keeps_the_newest_and_is_stable_stress(stamps: list[BackupStamp]) -> None:
    _check_rotation(stamps)
