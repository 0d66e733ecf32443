"""Turn a spec's ``[[case]]`` tables into concrete inputs, reproducibly from seeds.

Each case family gives one case per seed. Sizes come first (``dims``, drawn from their
ranges), then each input in order, all from ``numpy.random.default_rng(seed)``, so the
same spec always gives the same numbers, in the worker, in a cold process and in tests.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tutor.grading.resolve import resolve
from tutor.grading.spec import Arg, Case, Example, TaskSpec, Tolerance


@dataclass
class BuiltCase:
    """One concrete case: the inputs, and the call the learner's function gets."""

    name: str
    inputs: list[Any]  # the generated inputs, in spec order
    names: list[str | None]  # their names (for gradient tasks and messages)
    kwargs: dict[str, Any]
    dims: dict[str, int]
    seed: int
    note: str = ""
    tolerance: Tolerance | None = None
    call_args: list[Any] = field(default_factory=list)  # what the entry function is called with
    extra: dict[str, Any] = field(default_factory=dict)  # kind-specific data (dout, ...)

    def fresh_call(self) -> tuple[list[Any], dict[str, Any]]:
        """Deep copies of the call's arguments, so no call can change another's inputs."""
        return copy.deepcopy(self.call_args), copy.deepcopy(self.kwargs)

    def named(self) -> dict[str, Any]:
        """The named inputs, by name."""
        return {n: v for n, v in zip(self.names, self.inputs) if n}


def draw_dims(dims: dict[str, int | list[int]], rng: np.random.Generator) -> dict[str, int]:
    """Concrete sizes: a fixed int stays, a [low, high] range is drawn (both ends included)."""
    out = {}
    for key, spec in dims.items():
        out[key] = int(spec) if isinstance(spec, int) else int(rng.integers(spec[0], spec[1] + 1))
    return out


def _size(item: int | str, dims: dict[str, int]) -> int:
    if isinstance(item, int):
        return item
    if item not in dims:
        raise KeyError(f"size {item!r} is not in this case's dims")
    return dims[item]


def _shape(items: list[int | str], dims: dict[str, int]) -> tuple[int, ...]:
    return tuple(_size(i, dims) for i in items)


def _dtype(arg: Arg, default: str) -> np.dtype:
    return np.dtype(arg.dtype if "dtype" in arg.model_fields_set else default)


def make_value(arg: Arg, rng: np.random.Generator, dims: dict[str, int], folder: Path | None) -> Any:
    """Build one input from its spec (see ``spec.Arg``)."""
    key = arg.generator_key
    if key == "array":
        return np.array(arg.array, dtype=_dtype(arg, "float64"))
    if key == "value":
        return arg.value
    if key == "function":
        return resolve(arg.function, folder)
    if key == "generator":
        return resolve(arg.generator, folder)(rng, dict(dims))
    if key == "labels":
        n, classes = _size(arg.labels, dims), _size(arg.classes, dims)
        return rng.integers(0, classes, size=n).astype(_dtype(arg, "int64"))
    shape = _shape(getattr(arg, key), dims)
    if key == "normal":
        values = rng.normal(arg.mean, arg.std, size=shape) + arg.shift
    elif key == "uniform":
        values = rng.uniform(float(arg.low), float(arg.high), size=shape) + arg.shift
    elif key == "integers":
        low = _size(arg.low, dims) if isinstance(arg.low, str) else int(arg.low)
        high = _size(arg.high, dims) if isinstance(arg.high, str) else int(arg.high)
        return rng.integers(low, high, size=shape).astype(_dtype(arg, "int64"))
    elif key == "probs":
        z = rng.normal(0.0, arg.std, size=shape)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        values = e / e.sum(axis=-1, keepdims=True)
    elif key == "zeros":
        values = np.zeros(shape)
    else:
        values = np.ones(shape)
    return values.astype(_dtype(arg, "float64"))


def build_family(case: Case, folder: Path | None) -> list[BuiltCase]:
    """The concrete cases of one ``[[case]]`` table, one per seed."""
    built = []
    for seed in case.seeds:
        rng = np.random.default_rng(seed)
        dims = draw_dims(case.dims, rng)
        if case.generator:
            made = resolve(case.generator, folder)(rng, dict(dims))
            inputs = list(made["args"] if isinstance(made, dict) else made)
            kwargs = dict(made.get("kwargs", {})) if isinstance(made, dict) else {}
            names = list(made.get("names", [None] * len(inputs))) if isinstance(made, dict) else [None] * len(inputs)
        else:
            inputs = [make_value(a, rng, dims, folder) for a in case.args]
            kwargs = {k: make_value(a, rng, dims, folder) for k, a in case.kwargs.items()}
            names = [a.name for a in case.args]
        name = case.name if len(case.seeds) == 1 else f"{case.name} [seed {seed}]"
        built.append(BuiltCase(name=name, inputs=inputs, names=names, kwargs=kwargs, dims=dims, seed=seed,
                               note=case.note, tolerance=case.tolerance, call_args=list(inputs),
                               extra={"central_differences": case.central_differences}))
    return built


def build_cases(spec: TaskSpec, folder: Path | None) -> list[BuiltCase]:
    """Every concrete case of a task, in spec order."""
    return [c for family in spec.case for c in build_family(family, folder)]


# The example call in the statement ----------------------------------------------------------

def _show_arg(arg: Arg) -> str:
    if arg.shown:
        return arg.shown
    if arg.array is not None:
        implied = np.array(arg.array).dtype == np.dtype(arg.dtype)
        dtype = "" if "dtype" not in arg.model_fields_set or implied else f", dtype=np.{arg.dtype}"
        return f"np.array({arg.array!r}{dtype})"
    if arg.value is not None:
        return repr(arg.value)
    if arg.function is not None:
        module, _, attr = arg.function.partition(":")
        return f"np.{attr}" if module == "numpy" else attr
    raise ValueError("an example input needs array, value, function, or a 'shown' text")


EXAMPLE_WIDTH = 70  # a statement is read in an 80-column terminal, inside a panel


def example_call_text(spec: TaskSpec, example: Example | None = None) -> str:
    """The example call as the learner would type it, e.g. ``softmax(np.array([1.0, 2.0]))``.

    A call too wide for an 80-column terminal names its arguments first, one per line
    (``A = np.array(...)`` then ``matmul(A, B)``), with the names the task's cases use.
    Every line after the first is returned with its own ``>>> `` prompt.
    """
    example = example or spec.example
    parts = [_show_arg(a) for a in example.args]
    parts += [f"{k}={_show_arg(a)}" for k, a in example.kwargs.items()]
    call = f"{spec.entry}({', '.join(parts)})"
    if len(call) + 4 <= EXAMPLE_WIDTH:
        return call
    names = _argument_names(spec, len(example.args))
    lines, used = [], []
    for name, text in zip(names, parts[:len(example.args)], strict=True):
        lines.append(f"{name} = {text}")
        used.append(name)
    used += [f"{k}={k}" for k in example.kwargs]
    lines += [f"{k} = {_show_arg(a)}" for k, a in example.kwargs.items()]
    lines.append(f"{spec.entry}({', '.join(used)})")
    return "\n>>> ".join(lines)


def _argument_names(spec: TaskSpec, count: int) -> list[str]:
    """Names for the example's positional arguments: its own, else the first case's, else a, b, ..."""
    for source in [spec.example.args] + [case.args for case in spec.case]:
        names = [getattr(a, "name", None) for a in source[:count]]
        if len(names) == count and all(names):
            return names
    return [chr(ord("a") + i) for i in range(count)]


def show_value(value: Any) -> str:
    """A value as a Python prompt prints it, NumPy scalars shown as plain numbers."""
    if isinstance(value, tuple):
        inner = ", ".join(show_value(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, np.generic):
        value = value.item()
    with np.printoptions(precision=6, suppress=True):
        return repr(value)
