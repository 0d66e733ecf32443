"""Time as the learner sees it: days start at a configurable local hour, not at midnight.

Everything that depends on "now" takes a Clock, so tests and snapshots freeze time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

DEFAULT_DAY_START_HOUR = 4


class Clock(Protocol):
    """Something that tells the current time (UTC, timezone-aware)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still until told to move; for tests and snapshots."""

    moment: datetime

    def now(self) -> datetime:
        """The fixed time."""
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``advance(days=1)``."""
        self.moment += timedelta(**delta)


def clock_from_env() -> Clock:
    """The system clock, or a fixed one when ``TUTOR_NOW`` holds an ISO time (demos, benchmarks)."""
    fixed = os.environ.get("TUTOR_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return FixedClock(moment)
    return SystemClock()


def day_start_hour() -> int:
    """The local hour at which the learner's day begins (``TUTOR_DAY_START``, default 4 AM)."""
    try:
        hour = int(os.environ.get("TUTOR_DAY_START", DEFAULT_DAY_START_HOUR))
    except ValueError:
        return DEFAULT_DAY_START_HOUR
    return hour if 0 <= hour <= 23 else DEFAULT_DAY_START_HOUR


def learner_date(moment: datetime, start_hour: int | None = None, tz: tzinfo | None = None) -> date:
    """The learner's calendar date at ``moment``: 2 AM still counts as the day before (start 4 AM)."""
    hour = day_start_hour() if start_hour is None else start_hour
    local = moment.astimezone(tz)  # tz None: the machine's local zone
    return (local - timedelta(hours=hour)).date()


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC time: SQLite hands back naive datetimes, and tutor stores UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def streak(dates: Iterable[date], today: date) -> int:
    """Consecutive days of activity ending today, or yesterday if today has none yet."""
    active = set(dates)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count
