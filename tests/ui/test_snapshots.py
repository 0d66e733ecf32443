"""Snapshots of the calendar and a lesson at 80x24 and 120x40, on a frozen clock.

When a screen changes on purpose, review the new SVGs and run
`python -m pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from .helpers import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_calendar(snap_compare, size):
    assert snap_compare(make_app(day=9), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_intensive_track(snap_compare, size):
    assert snap_compare(make_app(day=3), terminal_size=size, press=["t"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson_day_1(snap_compare, size):
    assert snap_compare(make_app(day=1, done=()), terminal_size=size, press=["enter"])
