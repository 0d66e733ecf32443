"""The status of a day on the calendar. Kept apart from the store so the UI can draw it early."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class DayStatus(StrEnum):
    """What the calendar shows for a day."""

    OUTLINE = "outline"
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


def status_of(started_at: datetime | None, completed_at: datetime | None, is_outline: bool) -> DayStatus:
    """A day's status from when it was first opened and finished (either may be None)."""
    if completed_at is not None:
        return DayStatus.DONE
    if started_at is not None:
        return DayStatus.IN_PROGRESS
    return DayStatus.OUTLINE if is_outline else DayStatus.NOT_STARTED
