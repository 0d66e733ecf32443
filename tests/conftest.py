"""Shared fixtures: every test gets its own TUTOR_HOME, so no test touches a real learner's data."""

from __future__ import annotations

from datetime import UTC, datetime

import time

import pytest

# A Monday morning, after the 4 AM day start, fixed so snapshots and calendars are stable.
FIXED_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tutor_home(tmp_path, monkeypatch):
    """A fresh, empty learner home; TUTOR_DB_URL and friends cleared."""
    home = tmp_path / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    for name in ("TUTOR_DB_URL", "TUTOR_NOW", "TUTOR_CONTENT", "TUTOR_ASCII", "TUTOR_DAY_START"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUTOR_LEARNER", "tester")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # learner dates use the local zone; make it the same on every machine
    return home
