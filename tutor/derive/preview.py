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
    "@ matrix product · * elementwise · ** power · .T transpose\n"
    "Vectors are columns. sum(A,0) sums down the columns, sum(A,1) rows\n"
    "exp log sqrt abs sin cos tanh sigmoid (σ) relu softplus step softmax\n"
    "sum mean diag ones zeros eye conv1d conv2d flip pad maxpool upsample\n"
    "step(x) = 1 where x ≥ 0 · softmax of a column or of each row"
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


_CONSTRAINT_WORDS = {"onehot": "one-hot", "simplex": "sums to 1", "binary": "0s and 1s",
                     "pm1": "±1", "positive": "positive"}


def names_table(problem: Problem) -> list[str]:
    """One line per name the learner may use: its shape, constraint, or definition."""
    env = _preview_env(problem)
    lines = []
    for name, var in problem.vars.items():
        extra = f", {_CONSTRAINT_WORDS[var.constraint]}" if var.constraint else ""
        lines.append(f"{name} [{shape_text(env[name].shape, problem.dims)}{extra}]")
    for name, text in problem.let.items():
        pretty = render(parse(problem, text), scalars=scalar_names(problem, env))
        lines.append(f"{name} = {pretty} [{shape_text(env[name].shape, problem.dims)}]")
    if problem.dims:
        lines.append("sizes: " + ", ".join(f"{k} = {v}" for k, v in problem.dims.items()))
    return lines
