"""Check one answer in this process: parse, evaluate at the problem's points, diagnose, confirm.

This is what the sandboxed worker runs (``tutor.derive.sandbox``); call ``check_answer``
directly only on trusted machines or in tests. ``preview`` is cheap and safe enough for the
UI thread: it parses and works out shapes, without the key.
"""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass, field

import numpy as np

from tutor.derive.compile import _sample, compiled
from tutor.derive.evaluate import NUMERIC, SYMBOLIC, ShapeError, as_scalar, evaluate
from tutor.derive.feedback import Verdict, diagnose, known_mistake
from tutor.derive.problem import Problem
from tutor.derive.render import render, shape_text
from tutor.derive.syntax import InputError, Node, parse_answer

SIMPLIFY_SECONDS = 0.02
SIMPLIFY_MAX_OPS = 60

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
    env = {v.name: _sample(v, rng) for v in problem.vars.values()}
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


class _Timeout(Exception):
    pass


def _confirm_symbolic(comp, tree: Node) -> bool | None:
    """Try ``simplify(answer - key) == 0`` under a short time limit; None when too costly to try."""
    import sympy as sp

    if comp.key_expr is None or threading.current_thread() is not threading.main_thread():
        return None
    try:
        learner = as_scalar(evaluate(tree, comp.sym_env, SYMBOLIC, comp.problem.dims))
    except ShapeError:
        return None
    if learner is None:
        return None
    diff = learner.item() - comp.key_expr
    if sp.count_ops(diff) > SIMPLIFY_MAX_OPS:
        return None

    def _raise(signum, frame):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, SIMPLIFY_SECONDS)
    try:
        return sp.simplify(diff) == 0
    except _Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check_answer(problem: Problem, text: str, confirm: bool = True) -> Verdict:
    """Check the learner's ``text`` against ``problem``'s key and say what, if anything, is wrong."""
    try:
        tree = parse(problem, text)
    except InputError as err:
        return Verdict("invalid", str(err), ["syntax"])
    comp = compiled(problem)
    parsed = render(tree, scalars=comp.scalars)
    try:
        with np.errstate(all="ignore"):
            values = [evaluate(tree, env, NUMERIC, problem.dims) for env in comp.points]
    except ShapeError as err:
        return Verdict("incorrect", f"{err}", ["shape"], parsed)
    result = diagnose(comp, values, parsed)
    if result.correct:
        result.confirmed = "numeric"
        if problem.kind == "value" and _ops(tree) > comp.key_simple_ops + 1:
            message = "That is equal to the expression, but not simplified yet: expand, cancel, and keep only what is left."
            known = known_mistake(comp, values)
            return Verdict("incorrect", f"{message} {known}" if known else message,
                           ["not-simplified"] + (["known-mistake"] if known else []), parsed, result.shape)
        if confirm and _confirm_symbolic(comp, tree):
            result.confirmed = "symbolic"
    return result


def _ops(node: Node) -> int:
    """Operations in the answer (the measure SymPy's count_ops uses, roughly)."""
    own = 0 if node.kind in ("num", "name") else 1
    if node.kind == "bin" and node.value == "**" and node.args[1].kind == "num":
        own = 1
    return own + sum(_ops(a) for a in node.args)
