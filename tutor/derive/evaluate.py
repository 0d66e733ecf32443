"""Interpret a parsed expression on arrays: floats (to check answers) or SymPy symbols (to derive keys).

Every value is a 2-D NumPy array (vectors are columns, n×1) or a 0-d array for a scalar. The
same code runs on float64 arrays and on object arrays of SymPy expressions, so the loss a
problem states and the answer a learner types mean exactly the same thing on both sides.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from tutor.derive.render import render, shape_text
from tutor.derive.syntax import Node


class ShapeError(ValueError):
    """The expression is well formed but its shapes do not fit (e.g. X @ W with 2×3 and 4×5)."""


def _shape(a: np.ndarray) -> str:
    return shape_text(a.shape)


class Backend:
    """How to compute each function: ``numeric`` on float64, ``symbolic`` on SymPy objects."""

    def __init__(self, symbolic: bool):
        self.symbolic = symbolic
        self.dtype = object if symbolic else np.float64
        self.sp = None
        if symbolic:
            import sympy as sp  # only the key compiler needs SymPy; the UI's preview does not

            self.sp = sp
            self.elementwise: dict[str, Callable] = {
                "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "sin": sp.sin,
                "cos": sp.cos, "tanh": sp.tanh, "sigmoid": lambda x: 1 / (1 + sp.exp(-x)),
                "relu": lambda x: sp.Max(0, x), "softplus": lambda x: sp.log(1 + sp.exp(x)),
                "step": lambda x: sp.Heaviside(x, 1),
            }
        else:
            self.elementwise = {
                "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "abs": np.abs, "sin": np.sin,
                "cos": np.cos, "tanh": np.tanh, "sigmoid": lambda x: 0.5 * (1.0 + np.tanh(0.5 * x)),
                "relu": lambda x: np.maximum(x, 0.0), "softplus": lambda x: np.logaddexp(0.0, x),
                "step": lambda x: np.heaviside(x, 1.0),
            }

    def arr(self, value: object) -> np.ndarray:
        """Wrap a result as an array of this backend's dtype (0-d for a scalar)."""
        return np.asarray(value, dtype=self.dtype)

    def number(self, value: float | int) -> np.ndarray:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if self.symbolic:
            return self.arr(self.sp.Integer(value) if isinstance(value, int) else self.sp.Float(value))
        return self.arr(float(value))

    def apply(self, name: str, x: np.ndarray) -> np.ndarray:
        f = self.elementwise[name]
        if self.symbolic:
            return self.arr(np.frompyfunc(f, 1, 1)(x))
        return self.arr(f(x))

    def max(self, values: list) -> object:
        return self.sp.Max(*values, evaluate=False) if self.symbolic else max(values)

    def zero(self) -> object:
        """0 as this backend's scalar."""
        return self.sp.Integer(0) if self.symbolic else 0.0


NUMERIC = Backend(symbolic=False)


def __getattr__(name: str):
    # SYMBOLIC is built on first use, so importing this module does not import SymPy.
    if name == "SYMBOLIC":
        global SYMBOLIC
        SYMBOLIC = Backend(symbolic=True)
        return SYMBOLIC
    raise AttributeError(name)


def evaluate(node: Node, env: dict[str, np.ndarray], backend: Backend, dims: dict[str, int]) -> np.ndarray:
    """Compute ``node`` with the names in ``env`` (arrays) and ``dims`` (whole numbers).

    Raises ``ShapeError`` with a learner-facing message when an operation's shapes do not fit.
    """
    k = node.kind
    if k == "num":
        return backend.number(node.value)
    if k == "name":
        name = str(node.value)
        if name in env:
            return env[name]
        return backend.number(dims[name])
    if k == "neg":
        return backend.arr(-evaluate(node.args[0], env, backend, dims))
    if k == "T":
        return backend.arr(evaluate(node.args[0], env, backend, dims).T)
    if k == "bin":
        return _binop(node, env, backend, dims)
    return _call(node, env, backend, dims)


def _binop(node: Node, env, backend: Backend, dims) -> np.ndarray:
    op = node.value
    a = evaluate(node.args[0], env, backend, dims)
    if op == "**":
        exponent = node.args[1].value
        if isinstance(exponent, float) and exponent.is_integer():
            exponent = int(exponent)
        elif backend.symbolic:
            exponent = backend.sp.nsimplify(exponent)
        return backend.arr(a ** exponent)
    b = evaluate(node.args[1], env, backend, dims)
    if op == "@":
        if a.ndim < 2 or b.ndim < 2:
            side = render(node.args[0]) if a.ndim < 2 else render(node.args[1])
            raise ShapeError(f"in {render(node)}, {side} is a scalar: scale with * rather than @.")
        if a.shape[1] != b.shape[0]:
            raise ShapeError(f"in {render(node)}, the left side is {_shape(a)} and the right side is "
                             f"{_shape(b)}: for @ the inner sizes ({a.shape[1]} and {b.shape[0]}) must match.")
        return backend.arr(a @ b)
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ShapeError(f"in {render(node)}, the two sides are {_shape(a)} and {_shape(b)}: "
                         f"{op} works entry by entry, so their shapes must match.") from None
    if op == "+":
        return backend.arr(a + b)
    if op == "-":
        return backend.arr(a - b)
    if op == "*":
        return backend.arr(a * b)
    return backend.arr(a / b)


def _axis_of(x: np.ndarray) -> int:
    """The class axis: down a column vector, along each row of a matrix."""
    return 0 if x.shape[1] == 1 else 1


def _need_2d(name: str, x: np.ndarray) -> None:
    if x.ndim != 2:
        raise ShapeError(f"{name}() needs a vector or a matrix, not a scalar.")


def _int(node: Node, dims: dict[str, int]) -> int:
    return dims[str(node.value)] if node.kind == "name" else int(node.value)  # type: ignore[arg-type]


def _call(node: Node, env, backend: Backend, dims) -> np.ndarray:
    name = str(node.value)
    arr = backend.arr
    if name in ("ones", "zeros", "eye"):
        sizes = [_int(a, dims) for a in node.args]
        shape = (sizes[0], sizes[0]) if name == "eye" else (sizes[0], sizes[1] if len(sizes) > 1 else 1)
        base = np.eye(shape[0]) if name == "eye" else (np.ones(shape) if name == "ones" else np.zeros(shape))
        if backend.symbolic:
            return arr(np.vectorize(backend.sp.Integer, otypes=[object])(base.astype(int)))
        return arr(base)
    x = evaluate(node.args[0], env, backend, dims)
    if name in backend.elementwise:
        return backend.apply(name, x)
    if name in ("sum", "mean"):
        if len(node.args) == 1:
            total = arr(np.sum(x)) if x.size else arr(0.0)
            return arr(total / x.size) if name == "mean" else total
        _need_2d(name, x)
        axis = _int(node.args[1], dims)
        total = arr(np.sum(x, axis=axis, keepdims=True))
        return arr(total / x.shape[axis]) if name == "mean" else total
    if name == "softmax":
        _need_2d(name, x)
        axis = _axis_of(x)
        if backend.symbolic:
            e = backend.apply("exp", x)
        else:
            e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return arr(e / np.sum(e, axis=axis, keepdims=True))
    if name == "diag":
        _need_2d(name, x)
        if 1 in x.shape:
            out = np.zeros((x.size, x.size), dtype=backend.dtype)
            if backend.symbolic:
                out[:] = backend.zero()
            for i, v in enumerate(x.reshape(-1)):
                out[i, i] = v
            return arr(out)
        if x.shape[0] == x.shape[1]:
            return arr(np.diagonal(x).reshape(-1, 1))
        raise ShapeError(f"diag() takes a vector or a square matrix, not {_shape(x)}.")
    if name == "flip":
        _need_2d(name, x)
        return arr(x[::-1, ::-1])
    if name == "pad":
        _need_2d(name, x)
        p = _int(node.args[1], dims)
        width = ((p, p), (0, 0)) if x.shape[1] == 1 else ((p, p), (p, p))
        return arr(np.pad(x, width, constant_values=backend.zero()))
    if name in ("conv1d", "conv2d"):
        return _conv(name, x, evaluate(node.args[1], env, backend, dims), backend)
    if name == "maxpool":
        return _maxpool(x, backend)
    if name == "upsample":
        _need_2d(name, x)
        out = np.repeat(x, 2, axis=0)
        return arr(out if x.shape[1] == 1 else np.repeat(out, 2, axis=1))
    raise ShapeError(f"{name}() cannot be computed here.")  # unreachable: the parser whitelists names


def _conv(name: str, x: np.ndarray, w: np.ndarray, backend: Backend) -> np.ndarray:
    """Valid cross-correlation (what deep-learning libraries call convolution), no flip."""
    _need_2d(name, x)
    _need_2d(name, w)
    if name == "conv1d" and (x.shape[1] != 1 or w.shape[1] != 1):
        raise ShapeError("conv1d(x, w) takes two column vectors.")
    kh, kw = w.shape
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if oh < 1 or ow < 1:
        raise ShapeError(f"{name}(): the kernel ({_shape(w)}) is larger than the input ({_shape(x)}).")
    out = np.empty((oh, ow), dtype=backend.dtype)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(x[i:i + kh, j:j + kw] * w)
    return backend.arr(out)


def _maxpool(x: np.ndarray, backend: Backend) -> np.ndarray:
    """Max over windows of 2 (a column vector) or 2×2 (a matrix), stride equal to the window."""
    _need_2d("maxpool", x)
    wh, ww = (2, 1) if x.shape[1] == 1 else (2, 2)
    if x.shape[0] % wh or x.shape[1] % ww:
        raise ShapeError(f"maxpool() needs even sizes, not {_shape(x)}.")
    out = np.empty((x.shape[0] // wh, x.shape[1] // ww), dtype=backend.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = backend.max(list(x[i * wh:(i + 1) * wh, j * ww:(j + 1) * ww].reshape(-1)))
    return backend.arr(out)


def as_scalar(value: np.ndarray) -> np.ndarray | None:
    """A 0-d view of a scalar or 1×1 result, or None when it holds more than one entry."""
    if value.ndim == 0:
        return value
    if value.size == 1:
        return value.reshape(())
    return None
