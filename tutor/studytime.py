"""Counting study time honestly: time passes only while the learner is active.

A learner who leaves the lesson open over lunch has not studied for an hour. The timer
counts the time between two signs of activity only up to ``idle_cap``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

IDLE_CAP = timedelta(minutes=5)


@dataclass
class StudyTimer:
    """Accumulates active seconds from a stream of activity times."""

    started_at: datetime
    idle_cap: timedelta = IDLE_CAP
    _last: datetime = field(init=False)
    _active: timedelta = field(init=False, default=timedelta())

    def __post_init__(self) -> None:
        self._last = self.started_at

    def touch(self, now: datetime) -> None:
        """Record activity at ``now`` (a key press); gaps longer than the idle cap count as the cap."""
        gap = now - self._last
        if gap > timedelta():
            self._active += min(gap, self.idle_cap)
            self._last = now

    def seconds(self, now: datetime | None = None) -> int:
        """Active seconds so far; with ``now``, including the current stretch (capped)."""
        total = self._active
        if now is not None and now > self._last:
            total += min(now - self._last, self.idle_cap)
        return int(total.total_seconds())
