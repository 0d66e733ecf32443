"""Name the bug: compare a failing answer with the task's known-wrong versions, then with
simple distortions of the expected answer (a scale factor, a transpose, an offset, overflow).

A mutant is named only when it reproduces the learner's output on every failing case; a
scale factor is tied to a size of the case (N, the batch size) when it equals one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tutor.grading.cases import BuiltCase
from tutor.grading.compare import Comparison, compare
from tutor.grading.kinds import Raised, call_trusted, tolerance_fn
from tutor.grading.resolve import resolve
from tutor.grading.result import Diagnosis
from tutor.grading.spec import Kind, Mutant, TaskSpec


@dataclass
class Failure:
    """A failing case with what the learner returned and what was expected."""

    case: BuiltCase
    frame: dict
    expected: Any
    comparison: Comparison | None


@dataclass
class LoadedMutant:
    """A mutant ready to call."""

    name: str
    function: Any
    diagnosis: str


def load_mutants(spec: TaskSpec, folder: Path | None) -> list[LoadedMutant]:
    """The task's mutants, task-local ones and those from ``kernels.mutants``."""
    loaded = []
    registry = None
    for mutant in spec.mutant:
        if mutant.function:
            loaded.append(LoadedMutant(mutant.label, resolve(mutant.function, folder), mutant.diagnosis or ""))
            continue
        if registry is None:
            from kernels.mutants import registry as make_registry

            registry = make_registry()
        entry = registry[mutant.registry]
        loaded.append(LoadedMutant(mutant.label, entry.function, mutant.diagnosis or entry.diagnosis))
    return loaded


def _learner_value(frame: dict) -> Any:
    if frame.get("status") == "error":
        return Raised(frame["error"].get("type", ""), frame["error"].get("message", ""))
    return frame.get("value")


def _same(learner: Any, other: Any, spec: TaskSpec, case: BuiltCase, device: str = "cpu") -> bool:
    if isinstance(learner, Raised) or isinstance(other, Raised):
        return isinstance(learner, Raised) and isinstance(other, Raised) and learner.type == other.type
    names = spec.wrt if spec.kind is Kind.GRADIENT and spec.form == "backward" else spec.returns
    return compare(learner, other, tolerance_fn(spec, case, device), names=names or None).ok


def match_mutant(spec: TaskSpec, folder: Path | None, failures: list[Failure],
                 device: str = "cpu") -> LoadedMutant | None:
    """The first mutant that gives the learner's output on every failing case (mutants run
    here, on the CPU; the tolerance is the one of the device the learner's code ran on)."""
    for mutant in load_mutants(spec, folder):
        if all(_same(_learner_value(f.frame), call_trusted(mutant.function, f.case, spec), spec, f.case, device)
               for f in failures):
            return mutant
    return None


def _dim_for(factor: float, dims: dict[str, int]) -> str | None:
    for name, size in dims.items():
        if size > 1 and abs(factor - size) <= 1e-6 * size:
            return name
    return None


def _scaled(failure: Failure, spec: TaskSpec) -> Diagnosis | None:
    cmp = failure.comparison
    a, e = np.asarray(cmp.actual, dtype=np.float64), np.asarray(cmp.expected, dtype=np.float64)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(e))) or not np.any(e):
        return None
    alpha = float(np.vdot(a, e) / np.vdot(e, e))  # least-squares scale: min ‖a − αe‖
    if not np.allclose(a, alpha * e, rtol=1e-6, atol=1e-9 * max(1.0, float(np.abs(e).max()))):
        return None
    what = cmp.where or "output"
    dims = failure.case.dims
    if (name := _dim_for(alpha, dims)) is not None:
        meaning = spec.dim_names.get(name, "")
        because = " (averaging over the batch?)" if "batch" in meaning else ""
        return Diagnosis(f"Your {what} is exactly {name} times too large ({name} = {dims[name]} here"
                         f"{', ' + meaning if meaning else ''}): did you forget to divide by {name}{because}?",
                         "scaled")
    if alpha != 0 and (name := _dim_for(1 / alpha, dims)) is not None:
        return Diagnosis(f"Your {what} is exactly {name} times too small ({name} = {dims[name]} here): "
                         f"did you divide by {name} twice, or average where a sum is needed?", "scaled")
    if abs(alpha + 1) < 1e-6:
        return Diagnosis(f"Your {what} has the wrong sign everywhere: check the sign of each term.", "scaled")
    if e.size < 2 and not any(abs(alpha - f) < 1e-6 for f in (2.0, 0.5)):
        return None  # any two numbers differ by some factor: that alone says nothing
    return Diagnosis(f"Your {what} is the expected one times {alpha:.6g}: a constant factor is off "
                     f"(a missing 2 or ½, or a wrong denominator?).", "scaled")


def _structural(failure: Failure, spec: TaskSpec) -> Diagnosis | None:
    cmp = failure.comparison
    if cmp is None or cmp.actual is None or cmp.expected is None:
        return None
    a, e = np.asarray(cmp.actual), np.asarray(cmp.expected)
    what = cmp.where or "output"
    if a.ndim == 2 and a.shape == e.shape[::-1] and a.shape != e.shape:
        if np.allclose(a.T, e, rtol=1e-6, atol=1e-9):
            return Diagnosis(f"Your {what} is the transpose of the expected one: check the order of the "
                             f"factors or the axes.", "transposed")
        return None
    if a.shape != e.shape or a.dtype.kind not in "fc" and e.dtype.kind not in "fc":
        return None
    a64, e64 = a.astype(np.float64), e.astype(np.float64)
    if not np.all(np.isfinite(a64)) and np.all(np.isfinite(e64)):
        return Diagnosis(f"Your {what} has inf or nan where the expected values are finite: an exp or a "
                         f"division overflowed. For softmax-like code, subtract the max first.", "overflow")
    if (found := _scaled(failure, spec)) is not None:
        return found
    diff = a64 - e64
    if diff.size > 1 and np.allclose(diff, diff.reshape(-1)[0], rtol=0, atol=1e-9) and abs(diff.reshape(-1)[0]) > 0:
        return Diagnosis(f"Your {what} is off by the same constant {diff.reshape(-1)[0]:.6g} everywhere.", "offset")
    if a.dtype.itemsize < e.dtype.itemsize and cmp.rel_err is not None and cmp.rel_err < 1e-4:
        return Diagnosis(f"Your {what} is {a.dtype} but {e.dtype} was expected: the small error comes from "
                         f"computing in lower precision (a cast, or an array created as {a.dtype}).", "dtype")
    return None


def _worst_entries(failure: Failure, count: int = 3) -> Diagnosis | None:
    cmp = failure.comparison
    if cmp is None or cmp.actual is None or np.shape(cmp.actual) != np.shape(cmp.expected):
        return None
    a, e = np.asarray(cmp.actual, dtype=np.float64), np.asarray(cmp.expected, dtype=np.float64)
    if a.size == 0:
        return None
    err = np.nan_to_num(np.abs(a - e), nan=np.inf).reshape(-1)
    order = np.argsort(-err, kind="stable")[:count]
    lines = []
    for flat in order:
        index = tuple(int(i) for i in np.unravel_index(int(flat), e.shape)) if e.ndim else ()
        lines.append(f"  at {index}: expected {e.reshape(-1)[flat]:.8g}, got {a.reshape(-1)[flat]:.8g}")
    return Diagnosis(f"No known bug matches in case '{failure.case.name}'. The worst entries:\n" + "\n".join(lines),
                     "worst")


def diagnose(spec: TaskSpec, folder: Path | None, failures: list[Failure], device: str = "cpu") -> Diagnosis | None:
    """The most likely bug behind ``failures`` (cases the learner's code got wrong)."""
    if not failures:
        return None
    mutant = match_mutant(spec, folder, failures, device)
    if mutant is not None:
        return Diagnosis(mutant.diagnosis, "mutant", mutant.name)
    for failure in failures:
        if (found := _structural(failure, spec)) is not None:
            return found
    for failure in failures:
        if (found := _worst_entries(failure)) is not None:
            return found
    return None


__all__ = ["Diagnosis", "Failure", "Mutant", "diagnose", "load_mutants", "match_mutant"]
