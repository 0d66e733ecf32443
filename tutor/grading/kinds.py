"""What "correct" means for each kind of task, computed on the trusted side.

* function / spec: the reference kernel's output on the same inputs (or the exception it
  raises, which the learner must raise too);
* gradient: the reference backward pass, cross-checked against central differences in
  float64 (and torch autograd when torch is already loaded): the learner's gradient must
  match it;
* training: the learner's trained parameters, used by the reference ``predict``, must reach
  the metric threshold on the case's data.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tutor.grading.cases import BuiltCase
from tutor.grading.compare import Comparison, compare, describe
from tutor.grading.harness import call_case
from tutor.grading.resolve import resolve
from tutor.grading.result import CaseResult
from tutor.grading.spec import Kind, Metric, TaskSpec
from tutor.grading.wire import to_plain

GRADIENT_H = 1e-5


@dataclass(frozen=True)
class Raised:
    """The reference (or a mutant) raised instead of returning."""

    type: str
    message: str


@dataclass
class Expected:
    """The trusted answer for one case."""

    value: Any
    note: str = ""  # e.g. how well central differences agree with the reference
    agreement: float | None = None  # gradient tasks: worst relative error between the trusted sources


def call_trusted(function, case: BuiltCase, spec: TaskSpec, device: str = "cpu") -> Any:
    """Call trusted code (reference, mutant) on the case; plain data, or Raised."""
    try:
        with np.errstate(all="ignore"):
            result, _ = call_case(function, case, spec.framework, device)
        return to_plain(result)
    except Exception as error:  # noqa: BLE001 - a reference that raises is part of the spec
        return Raised(type(error).__name__, str(error))


def prepare(spec: TaskSpec, folder: Path | None, cases: list[BuiltCase]) -> None:
    """Fill each case's call: a backward task gets (dout, cache) from the reference forward."""
    if spec.kind is not Kind.GRADIENT or spec.form != "backward":
        return
    forward = resolve(spec.forward, folder)
    for case in cases:
        out, cache = forward(*case.fresh_call()[0], **case.kwargs)
        dout = np.random.default_rng(10_000 + case.seed).normal(size=np.shape(out))
        case.call_args = [dout, cache]
        case.extra["dout"] = dout


def _numeric_gradients(spec: TaskSpec, folder: Path | None, case: BuiltCase) -> dict[str, np.ndarray]:
    """Central differences, in float64, of the scalar the gradient is of."""
    named = case.named()
    if spec.form == "backward":
        forward = resolve(spec.forward, folder)
        dout = case.extra["dout"]

        def scalar(**inputs) -> float:
            return float(np.sum(np.asarray(forward(*inputs.values(), **case.kwargs)[0], dtype=np.float64) * dout))
    else:
        reference = resolve(spec.reference, folder)

        def scalar(**inputs) -> float:
            return float(reference(*inputs.values(), **case.kwargs)[0])

    grads = {}
    for name in spec.wrt:
        base = np.array(named[name], dtype=np.float64)
        grad = np.zeros_like(base)
        flat = base.reshape(-1)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + GRADIENT_H
            plus = scalar(**{**named, name: base.copy()})
            flat[i] = old - GRADIENT_H
            minus = scalar(**{**named, name: base.copy()})
            flat[i] = old
            grad.reshape(-1)[i] = (plus - minus) / (2 * GRADIENT_H)
        grads[name] = grad
    return grads


def _autograd(spec: TaskSpec, folder: Path | None, case: BuiltCase) -> dict[str, np.ndarray] | None:
    """Torch autograd's gradients (float64, CPU), only when torch is already loaded."""
    if not spec.autograd or "torch" not in sys.modules or spec.form != "backward":
        return None
    import torch

    forward = resolve(spec.autograd, folder)
    named = case.named()
    tensors = {k: torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=k in spec.wrt)
               for k, v in named.items()}
    out = forward(*tensors.values(), **case.kwargs)
    out = out[0] if isinstance(out, tuple) else out
    out.backward(torch.from_numpy(case.extra["dout"]))
    return {k: tensors[k].grad.numpy() for k in spec.wrt}


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """How far two gradients differ, relative to their size: max |a − b| / (max |a| + max |b|).

    Element-wise relative error is meaningless where a sigmoid saturates (gradients of 1e-9
    known to 1e-12); measured against the whole gradient's scale it is not.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b))))


def expected_for(spec: TaskSpec, folder: Path | None, case: BuiltCase, device: str = "cpu") -> Expected:
    """The trusted answer for one case."""
    reference = resolve(spec.reference, folder)
    value = call_trusted(reference, case, spec, device)
    if spec.kind is not Kind.GRADIENT or isinstance(value, Raised):
        return Expected(value)
    grads = value if isinstance(value, tuple) else (value,)
    grads = grads[1:] if spec.form == "loss" else grads
    if not case.extra.get("central_differences", True):
        return Expected(value, "At a kink central differences are not defined; this case trusts the reference")
    numeric = _numeric_gradients(spec, folder, case)
    errors = [agreement(g, numeric[name]) for g, name in zip(grads, spec.wrt)]
    note = f"Central differences in float64 agree with the expected gradient to {max(errors):.1e}"
    autograd = _autograd(spec, folder, case)
    if autograd is not None:
        agree = max(agreement(g, autograd[name]) for g, name in zip(grads, spec.wrt))
        note += f", torch autograd to {agree:.1e}"
        errors.append(agree)
    return Expected(value, note, max(errors))


def error_message(error: dict, spec: TaskSpec) -> str:
    """An exception from the learner's code, said plainly (with the learner's line)."""
    kind, text, line = error.get("type", "Exception"), error.get("message", ""), error.get("line")
    where = f"line {line}: " if line else ""
    if kind == "SystemExit":
        return f"{where}your code called sys.exit() or exit(): a function should return its result instead"
    if kind == "MemoryError":
        return f"{where}ran out of memory (the limit is {spec.memory_mb} MiB): is an array much bigger than needed?"
    if kind == "RecursionError":
        return f"{where}recursion too deep: a function calls itself without end?"
    if kind == "OSError" and "too large" in text.lower():
        return "printed more than the output limit (1 MiB): take prints out of loops"
    trace = error.get("traceback", "").rstrip()
    return f"{where}{kind}: {text}" + (f"\n{trace}" if trace else "")


def _result(case: BuiltCase, status: str, message: str, frame: dict, cmp: Comparison | None = None) -> CaseResult:
    result = CaseResult(name=case.name, status=status, message=message, elapsed_ms=frame.get("elapsed_ms"),
                        note=case.note)
    if cmp is not None:
        result.max_abs_err, result.rel_err, result.worst_index = cmp.max_abs_err, cmp.rel_err, cmp.worst_index
        result.expected, result.actual = cmp.expected_at, cmp.actual_at
    return result


def tolerance_fn(spec: TaskSpec, case: BuiltCase, device: str):
    """The tolerance for a case: its own, else the spec's by dtype (float32 on CUDA counts as TF32)."""
    def pick(dtype: str):
        if case.tolerance is not None:
            return case.tolerance
        if device.startswith("cuda") and dtype == "float32":
            return spec.tolerance_for("tf32")
        return spec.tolerance_for(dtype)
    return pick


def judge(spec: TaskSpec, folder: Path | None, case: BuiltCase, frame: dict, expected: Expected,
          device: str = "cpu") -> tuple[CaseResult, Comparison | None]:
    """Decide one case from the learner's frame and the trusted answer."""
    want = expected.value
    if isinstance(want, Raised):
        if frame.get("status") == "error":
            got = frame["error"]
            if got.get("type") == want.type:
                return _result(case, "pass", f"raised {want.type} as expected", frame), None
            return _result(case, "fail", f"expected {want.type} ({want.message}), your code raised "
                                         f"{got.get('type')}: {got.get('message')}", frame), None
        return _result(case, "fail", f"expected your function to raise {want.type} ({want.message}); "
                                     f"it returned {describe(frame.get('value'))}", frame), None
    if frame.get("status") == "error":
        return _result(case, "error", error_message(frame["error"], spec), frame), None
    actual = frame.get("value")
    if spec.kind is Kind.TRAINING:
        return _judge_training(spec, folder, case, frame, actual), None
    names = [f"d{w}" for w in spec.wrt] if spec.kind is Kind.GRADIENT and spec.form == "backward" else spec.returns
    cmp = compare(actual, want, tolerance_fn(spec, case, device), names=names or None)
    if cmp.ok:
        return _result(case, "pass", "", frame, cmp), cmp
    message = cmp.message + (f". ({expected.note}.)" if expected.note else "")
    return _result(case, "fail", message, frame, cmp), cmp


def metric_value(spec: TaskSpec, folder: Path | None, case: BuiltCase, params: Any) -> float:
    """Score trained parameters on the case's data (X = first input, y = second)."""
    predict = resolve(spec.predict, folder)
    X, y = case.inputs[0], np.asarray(case.inputs[1])
    parts = params if isinstance(params, tuple | list) else (params,)
    parts = [np.asarray(p) if isinstance(p, list) else p for p in parts]
    with np.errstate(all="ignore"):
        predictions = np.asarray(predict(X, *parts), dtype=np.float64).reshape(y.shape)
    if spec.metric is Metric.ACCURACY:
        return float(np.mean(predictions == y))
    return float(np.mean((predictions - y) ** 2))


def reaches(spec: TaskSpec, value: float) -> bool:
    """Whether a metric value meets the task's threshold."""
    return value >= spec.threshold if spec.metric is Metric.ACCURACY else value <= spec.threshold


def _judge_training(spec: TaskSpec, folder: Path | None, case: BuiltCase, frame: dict, params: Any) -> CaseResult:
    try:
        value = metric_value(spec, folder, case, params)
    except Exception as error:  # noqa: BLE001 - the learner's parameters may have any shape
        return _result(case, "fail", f"your trained parameters ({describe(params)}) could not be used to "
                                     f"predict: {type(error).__name__}: {error}", frame)
    result = _result(case, "pass" if reaches(spec, value) else "fail", "", frame)
    result.actual, result.expected = value, spec.threshold
    goal = "at least" if spec.metric is Metric.ACCURACY else "at most"
    if not result.passed:
        result.message = f"{spec.metric.value} {value:.4g} on this data; it must be {goal} {spec.threshold:g}"
    return result
