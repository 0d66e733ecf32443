"""Fixtures for the drill tests: a learner on a frozen clock, and a stand-in grader."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.conftest import FIXED_NOW
from tutor.clock import FixedClock
from tutor.context import LearnerContext
from tutor.drills.speed import SpeedResult
from tutor.grading.result import CaseResult, Result

# A softmax that passes, and one that forgets the max shift (it fails on large scores).
GOOD_SOFTMAX = """import numpy as np


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
"""
NAIVE_SOFTMAX = """import numpy as np


def softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
"""


@dataclass
class FakeGrader:
    """Passes code that subtracts the max; records what it was asked. No worker, no NumPy."""

    checks: list[str] = field(default_factory=list)
    benches: list[str] = field(default_factory=list)
    speedup: float = 1.5

    def check(self, task_id: str, source: str) -> Result:
        self.checks.append(source)
        if "x.max(" in source:
            return Result(task=task_id, passed=True, score=1.0, status="pass", message="all checks pass",
                          cases=[CaseResult("large scores", "pass")])
        return Result(task=task_id, passed=False, score=0.5, status="fail", message="1 of 2 checks pass",
                      cases=[CaseResult("large scores", "fail", "expected 0.09, got nan")])

    def bench(self, task_id: str, source: str) -> SpeedResult:
        self.benches.append(source)
        return SpeedResult(task=task_id, ok=True, learner_ms=2.0, reference_ms=2.0 * self.speedup,
                           speedup=self.speedup, repeats=9, dims={"N": 384, "C": 448})


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW)


@pytest.fixture
def ctx(clock) -> LearnerContext:
    return LearnerContext.open(clock=clock, learner="ada")


@pytest.fixture
def grader() -> FakeGrader:
    return FakeGrader()
