"""A check's result as data (in the spirit of Exercism's test-runner results).

The UI only renders it; `tutor check --json` prints it; an attempt stores it as JSON.
Numbers that are not finite are written as null (strict JSON); the messages say inf or nan.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields

RESULT_VERSION = 1


@dataclass
class CaseResult:
    """One case or named check: its status and, on a failure, where and by how much."""

    name: str
    status: str  # "pass", "fail", "error", "timeout" or "skipped"
    message: str = ""
    max_abs_err: float | None = None
    rel_err: float | None = None
    worst_index: list[int] | None = None
    expected: float | None = None  # the expected value at worst_index
    actual: float | None = None  # the learner's value there
    elapsed_ms: float | None = None
    note: str = ""  # what this case is there to catch
    kind: str = "case"  # "case" or "check"

    @property
    def passed(self) -> bool:
        """True when this case passed."""
        return self.status == "pass"


@dataclass
class Diagnosis:
    """The most likely bug, when one can be named."""

    message: str
    kind: str = "mutant"  # "mutant", "scaled", "transposed", "offset", "overflow", "dtype", "worst"
    mutant: str | None = None


@dataclass
class Result:
    """The verdict on one submission of one task."""

    task: str
    passed: bool
    score: float  # the fraction of cases and checks passed, 0..1
    points: int = 0  # the task's points, earned on a pass
    status: str = "fail"  # "pass", "fail" or "error" (the file could not be graded at all)
    message: str = ""
    cases: list[CaseResult] = field(default_factory=list)
    diagnosis: Diagnosis | None = None
    duration_ms: int = 0
    output: str = ""  # what the code printed (capped)
    device: str = "cpu"
    isolation: list[str] = field(default_factory=list)
    version: int = RESULT_VERSION

    def first_failure(self) -> CaseResult | None:
        """The first case or check that did not pass."""
        return next((c for c in self.cases if not c.passed and c.status != "skipped"), None)

    def to_dict(self) -> dict:
        """Plain data, strict-JSON safe."""
        return _finite(asdict(self))

    def to_json(self, indent: int | None = None) -> str:
        """The result as one JSON object."""
        return json.dumps(self.to_dict(), indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        """Rebuild a result from ``to_dict`` output (e.g. from the worker)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        case_fields = {f.name for f in fields(CaseResult)}
        values["cases"] = [CaseResult(**{k: v for k, v in c.items() if k in case_fields})
                           for c in data.get("cases", [])]
        diagnosis = data.get("diagnosis")
        values["diagnosis"] = Diagnosis(**diagnosis) if diagnosis else None
        return cls(**values)


def _finite(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
