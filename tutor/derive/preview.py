"""The live preview of an answer while it is typed: how it was read, and its shape.

Cheap and safe enough for the UI thread: it parses with the whitelist and evaluates on tiny
float arrays, without SymPy and without the key. Checking is done elsewhere (``check``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tutor.derive.evaluate import NUMERIC, ShapeError, evaluate
from tutor.derive.problem import Problem
from tutor.derive.render import render, shape_text
from tutor.derive.sampling import sample
from tutor.derive.syntax import InputError, Node, parse_answer

CONVENTION = (
    "@ matrix product · * elementwise product · / division · ** power (x**2) · .T transpose\n"
    "Vectors are columns (n×1). Functions: exp log sqrt abs sin cos tanh sigmoid relu softplus "
    "step softmax sum mean diag ones zeros eye conv1d conv2d flip pad maxpool upsample\n"
    "sum(A) adds everything; sum(A, 0) adds down the columns (a 1×n row); sum(A, 1) along the rows. "
    "softmax normalises a column vector, or each row of a matrix. step(x) is 1 where x ≥ 0, else 0.\n"
    "σ may be typed for sigmoid (or sigma), − for -, ⊙ for *, ᵀ for .T."
)


def parse(problem: Problem, text: str) -> Node:
    """Parse ``text`` with ``problem``'s names; raises ``InputError`` with the learner's message."""
    return parse_answer(text, problem.names, frozenset(problem.dims))


@dataclass
class Preview:
    """How the input was read: pretty form and shape, or why it cannot be read yet."""

    ok: bool
    pretty: str
    shape: str
    message: str
    names: list[str] = field(default_factory=list)


def _preview_env(problem: Problem) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    env = {v.name: sample(v, rng) for v in problem.vars.values()}
    with np.errstate(all="ignore"):
        for name, text in problem.let.items():
            env[name] = evaluate(parse(problem, text), env, NUMERIC, problem.dims)
    return env


def preview(problem: Problem, text: str) -> Preview:
    """Read ``text`` without checking it: its pretty-printed form and its shape, or the error."""
    try:
        tree = parse(problem, text)
    except InputError as err:
        return Preview(False, "", "", str(err))
    env = _preview_env(problem)
    pretty = render(tree, scalars=scalar_names(problem, env))
    used = sorted(_names_in(tree) - set(problem.dims))
    names = [f"{n} is {shape_text(env[n].shape, problem.dims)}" for n in used]
    try:
        with np.errstate(all="ignore"):
            value = evaluate(tree, env, NUMERIC, problem.dims)
    except ShapeError as err:
        return Preview(False, pretty, "", str(err), names)
    return Preview(True, pretty, shape_text(value.shape, problem.dims), "", names)


def scalar_names(problem: Problem, env: dict[str, np.ndarray] | None = None) -> frozenset[str]:
    """The problem's names that hold a single number (dimensions included)."""
    env = env if env is not None else _preview_env(problem)
    return frozenset(n for n, v in env.items() if np.ndim(v) == 0) | frozenset(problem.dims)


def _names_in(node: Node) -> set[str]:
    own = {str(node.value)} if node.kind == "name" else set()
    return own.union(*(_names_in(a) for a in node.args))
