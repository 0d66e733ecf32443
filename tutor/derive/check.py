"""Check one answer in this process: parse, evaluate at the problem's points, diagnose, confirm.

This is what the sandboxed worker runs (``tutor.derive.sandbox``); call ``check_answer``
directly only on trusted machines or in tests. ``preview`` is cheap and safe enough for the
UI thread: it parses and works out shapes, without the key.
"""

from __future__ import annotations

import signal
import threading

import numpy as np

from tutor.derive.compile import compiled
from tutor.derive.evaluate import NUMERIC, ShapeError, as_scalar, evaluate
from tutor.derive.feedback import Verdict, diagnose, known_mistake
from tutor.derive.preview import CONVENTION, Preview, parse, preview, scalar_names  # noqa: F401  (re-exported)
from tutor.derive.problem import Problem
from tutor.derive.render import render
from tutor.derive.syntax import InputError, Node

SIMPLIFY_SECONDS = 0.02
SIMPLIFY_MAX_OPS = 60

class _Timeout(Exception):
    pass


def _confirm_symbolic(comp, tree: Node) -> bool | None:
    """Try ``simplify(answer - key) == 0`` under a short time limit; None when too costly to try."""
    import sympy as sp

    if comp.key_expr is None or threading.current_thread() is not threading.main_thread():
        return None
    from tutor.derive.evaluate import SYMBOLIC

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
