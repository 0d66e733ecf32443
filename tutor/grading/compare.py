"""Compare what the learner's function returned with what the reference returned.

Arrays pass when every element satisfies |actual − expected| ≤ atol + rtol·|expected|
(NaN only where NaN is expected), with the tolerance chosen by the expected dtype. A
failure names the worst element: its index, both values, the absolute error and the
relative error as CS231n defines it, max |x − y| / max(1e-8, |x| + |y|).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.grading.spec import Tolerance
from tutor.grading.wire import Opaque


@dataclass
class Comparison:
    """The result of comparing one returned value (or one part of it) with the expected one."""

    ok: bool
    message: str = ""
    where: str = ""  # which part of the result, e.g. "dx" or "[1]"
    max_abs_err: float | None = None
    rel_err: float | None = None
    worst_index: list[int] | None = None
    expected_at: float | None = None
    actual_at: float | None = None
    actual: Any = None  # the arrays compared, for the diagnosis
    expected: Any = None


def rel_error(actual: np.ndarray, expected: np.ndarray) -> float:
    """CS231n's relative error: max |x − y| / max(1e-8, |x| + |y|) over the elements."""
    a, e = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if a.size == 0:
        return 0.0
    with np.errstate(invalid="ignore", over="ignore"):
        ratio = np.abs(a - e) / np.maximum(1e-8, np.abs(a) + np.abs(e))
    both_nan = np.isnan(a) & np.isnan(e)
    same_inf = np.isinf(a) & (a == e)
    ratio = np.where(both_nan | same_inf, 0.0, ratio)
    return float(np.nan_to_num(ratio, nan=np.inf).max())


def describe(value: Any) -> str:
    """A short description of a value's type and shape, for messages."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"a number ({value.dtype})" if value.ndim == 0 else f"an array of shape {value.shape} ({value.dtype})"
    if isinstance(value, Opaque):
        return f"a {value.type}"
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    return f"a {type(value).__name__}"


def _fmt(x: float) -> str:
    return f"{x:.8g}"


def _as_array(actual: Any) -> np.ndarray | None:
    if isinstance(actual, np.ndarray):
        return actual
    if isinstance(actual, list | tuple):
        try:
            array = np.asarray(actual, dtype=np.float64)
        except (TypeError, ValueError):
            return None
        return array
    return None


def compare_arrays(actual: np.ndarray, expected: np.ndarray, tol: Tolerance, where: str = "") -> Comparison:
    """Element-wise comparison of two arrays of the same shape (shape is checked first)."""
    label = f"{where}: " if where else ""
    if actual.shape != expected.shape:
        hint = ""
        if actual.size == expected.size:
            hint = " (same numbers of elements: a reshape, a transpose or keepdims?)"
        return Comparison(False, f"{label}expected shape {expected.shape}, got {actual.shape}{hint}", where,
                          actual=actual, expected=expected)
    if actual.dtype.kind not in "biufc":
        return Comparison(False, f"{label}expected numbers, got an array of {actual.dtype}", where)
    if actual.dtype.kind == expected.dtype.kind == "f" and actual.dtype.itemsize < expected.dtype.itemsize:
        return Comparison(False, f"{label}expected {expected.dtype}, got {actual.dtype}: keep the input's "
                                 f"precision (a cast, or an array created as {actual.dtype}?)", where,
                          actual=actual, expected=expected)
    a = actual.astype(np.complex128 if actual.dtype.kind == "c" else np.float64)
    e = expected.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(a - e)
        allowed = tol.atol + tol.rtol * np.abs(e)
        same_special = (np.isnan(a) & np.isnan(e)) | (np.isinf(a) & (a == e))
        err = np.where(same_special, 0.0, err)
        err = np.where(np.isnan(err), np.inf, err)
        within = same_special | (err <= allowed)
        excess = np.where(within, 0.0, err / np.maximum(np.nan_to_num(allowed, nan=1e-300), 1e-300))
    if e.size == 0 or not excess.any():
        return Comparison(True, "", where, float(err.max()) if err.size else 0.0, rel_error(a.real, e.real),
                          actual=actual, expected=expected)
    flat = int(np.argmax(excess))
    index = [int(i) for i in np.unravel_index(flat, e.shape)]
    at_e, at_a = e.reshape(-1)[flat], a.reshape(-1)[flat]
    where_text = f" at index {tuple(index)}" if e.ndim else ""
    bad = int((excess > 0).sum())
    count = f" ({bad} of {e.size} elements are off)" if e.size > 1 else ""
    shape = f"shape {actual.shape}, {actual.dtype}" if actual.ndim else str(actual.dtype)
    message = (f"{label}wrong value{where_text} ({shape}): expected {_fmt(at_e.real)}, got {_fmt(at_a.real)}"
               f"{count}; max abs error {float(err.max()):.2e}, relative error {rel_error(a.real, e.real):.2e} "
               f"(allowed: rtol {tol.rtol:g}, atol {tol.atol:g})")
    return Comparison(False, message, where, float(np.max(err)), rel_error(a.real, e.real), index,
                      float(at_e.real), float(at_a.real), actual=actual, expected=expected)


def compare(actual: Any, expected: Any, tolerance: Callable[[str], Tolerance], where: str = "",
            names: list[str] | None = None) -> Comparison:
    """Compare two plain values (see ``wire.to_plain``) recursively; the first failure wins."""
    label = f"{where}: " if where else ""
    if isinstance(expected, np.ndarray):
        array = _as_array(actual)
        if array is None:
            extra = " (did you forget `return`?)" if actual is None else ""
            return Comparison(False, f"{label}expected {describe(expected)}, got {describe(actual)}{extra}", where)
        if expected.ndim == 0 and array.shape == (1,):
            return Comparison(False, f"{label}expected a single number, got an array of shape (1,): "
                                     f"return the number itself (e.g. `.item()` or index [0])", where,
                              actual=array, expected=expected)
        return compare_arrays(array, expected, tolerance(str(expected.dtype)), where)
    if isinstance(expected, tuple | list):
        if not isinstance(actual, tuple | list) or len(actual) != len(expected):
            what = f"{len(expected)} values" + (f" ({', '.join(names)})" if names else "")
            return Comparison(False, f"{label}expected {what}, got {describe(actual)}", where)
        worst = Comparison(True, where=where)
        for i, (a, e) in enumerate(zip(actual, expected)):
            part = names[i] if names and i < len(names) else f"{where}[{i}]"
            result = compare(a, e, tolerance, part)
            if not result.ok:
                return result
            if (result.rel_err or 0) >= (worst.rel_err or 0):
                worst = Comparison(True, "", part, result.max_abs_err, result.rel_err)
        return worst
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return Comparison(False, f"{label}expected a dict with keys {sorted(expected)}, got {describe(actual)}",
                              where)
        for key in expected:
            result = compare(actual[key], expected[key], tolerance, key)
            if not result.ok:
                return result
        return Comparison(True, where=where)
    if expected is None:
        ok = actual is None
        return Comparison(ok, "" if ok else f"{label}expected None, got {describe(actual)}", where)
    ok = actual == expected if not isinstance(actual, np.ndarray) else False
    return Comparison(bool(ok), "" if ok else f"{label}expected {expected!r}, got {describe(actual)}", where)
