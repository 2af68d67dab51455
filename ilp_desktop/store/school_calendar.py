"""The school's calendar (school-year dates and review due dates), kept in the settings table."""

from __future__ import annotations

import logging

from ..domain.school_year import DEFAULT_CALENDAR, CalendarError, SchoolCalendar, calendar_from_json
from .db import Store
from .settings import SettingsStore

KEY = "school_calendar"
log = logging.getLogger(__name__)


def load_calendar(store: Store) -> SchoolCalendar:
    """The calendar set in this database; the default one when none is set (or it is unreadable,
    which only a hand-edited database can make: the settings dialog checks before saving)."""
    raw = SettingsStore(store).get(KEY)
    if raw is None:
        return DEFAULT_CALENDAR
    try:
        return calendar_from_json(raw)
    except CalendarError as error:
        log.warning("school calendar setting not used: %s", error)
        return DEFAULT_CALENDAR


def save_calendar(store: Store, calendar: SchoolCalendar) -> None:
    SettingsStore(store).set(KEY, calendar.to_json())
