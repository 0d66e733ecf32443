"""Shared fixtures: the bank, loaded once."""

from __future__ import annotations

import pytest

from tutor.derive.bank import load_bank


@pytest.fixture(scope="session")
def bank():
    return load_bank()
