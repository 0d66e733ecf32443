"""Derive a problem's key with SymPy and evaluate it at random points of the problem's domain.

Each variable becomes a small concrete matrix of symbols (sizes from the problem's dims). The
problem's function is built from them with the same interpreter that reads learner answers,
then differentiated entry by entry with ``sympy.diff``: the key is never typed by hand. The key
(and the gradients of the other variables, for "that is ∂L/∂X" feedback, and the known
mistakes) are evaluated once at a fixed set of points; checking an answer then only costs
evaluating the answer at those points.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from tutor.derive.evaluate import NUMERIC, SYMBOLIC, ShapeError, as_scalar, evaluate
from tutor.derive.graph import Graph, lambdify, variable_symbols
from tutor.derive.problem import Problem, ProblemError
from tutor.derive.sampling import sample
from tutor.derive.syntax import InputError, Node, parse_answer

N_POINTS = 8
MAX_REDRAWS = 200


@dataclass
class Compiled:
    """A problem ready to check: points, key values there, and what feedback compares against."""

    problem: Problem
    points: list[dict[str, np.ndarray]]
    key: list[np.ndarray]
    others: dict[str, list[np.ndarray]]
    mistakes: list[tuple[str, list[np.ndarray]]]
    key_expr: sp.Expr | None
    key_simple_ops: int
    sym_env: dict[str, np.ndarray]
    seconds: float
    mistake_trees: list[Node] = field(default_factory=list)
    scalars: frozenset[str] = frozenset()

    @property
    def key_shape(self) -> tuple[int, ...]:
        """The shape the answer must have."""
        return self.key[0].shape


def _parse(problem: Problem, text: str, where: str) -> Node:
    try:
        return parse_answer(text, problem.names, frozenset(problem.dims))
    except InputError as err:
        raise ProblemError(f"{where} {text!r} does not parse: {err}", where.split()[0]) from None


def _numeric_env(problem: Problem, values: dict[str, np.ndarray], lets: dict[str, Node]) -> dict[str, np.ndarray]:
    env = dict(values)
    with np.errstate(all="ignore"):
        for name, tree in lets.items():
            env[name] = evaluate(tree, env, NUMERIC, problem.dims)
    return env


def _full_env(problem: Problem, lets: dict[str, Node]) -> dict[str, np.ndarray]:
    """Variables as symbols and every let expanded in terms of them (small problems only)."""
    env = {v.name: variable_symbols(v) for v in problem.vars.values()}
    for name, tree in lets.items():
        env[name] = evaluate(tree, env, SYMBOLIC, problem.dims)
    return env


def compile_problem(problem: Problem) -> Compiled:
    """Derive the key of ``problem`` and evaluate everything feedback needs at fixed random points.

    Raises ``ProblemError`` when the problem's data cannot be compiled (bad names, shapes,
    a non-scalar loss, a key that is undefined everywhere on the domain).
    """
    start = time.perf_counter()
    lets = {name: _parse(problem, text, f"let {name} =") for name, text in problem.let.items()}
    f_tree = _parse(problem, problem.f, "f")
    mistake_trees = [_parse(problem, m.answer, "mistake") for m in problem.mistakes]
    all_scalar = all(v.shape == () for v in problem.vars.values())
    graph, key_expr, key_func, sym_env = None, None, None, {}
    try:
        if all_scalar:
            sym_env = _full_env(problem, lets)
            f_full = as_scalar(evaluate(f_tree, sym_env, SYMBOLIC, problem.dims))
            if f_full is None:
                raise ProblemError("with scalar variables, f must be a scalar", "f")
            key_expr = f_full.item() if problem.kind == "value" else sp.diff(f_full.item(), sp.Symbol(problem.wrt, real=True))
            flat_syms = [sp.Symbol(v.name, real=True) for v in problem.vars.values()]
            key_func = lambdify(flat_syms, key_expr)
        elif problem.kind == "value":
            raise ProblemError("a value problem takes scalar variables", "kind")
        if problem.kind != "value":
            graph = Graph(problem, lets, f_tree)
    except ShapeError as err:
        raise ProblemError(f"f or a let does not fit its shapes: {err}", "f") from None
    if graph is not None:
        if problem.kind == "gradient" and graph.f_shape not in ((), (1, 1)):
            raise ProblemError(f"f must be a scalar for a gradient problem, not {graph.f_shape}", "f")
        if problem.kind == "jacobian" and (len(graph.f_shape) != 2 or graph.f_shape[1] != 1
                                           or problem.vars[problem.wrt].shape[1:] != (1,)):
            raise ProblemError("a jacobian problem needs a column-vector f and a column-vector wrt", "kind")

    rng = np.random.default_rng(zlib.crc32(problem.id.encode()))
    points, keys = [], []
    others: dict[str, list[np.ndarray]] = {n: [] for n, v in problem.vars.items()
                                           if graph is not None and v.continuous and n != problem.wrt}
    tries = 0
    while len(points) < N_POINTS:
        tries += 1
        if tries > MAX_REDRAWS:
            raise ProblemError("the key is undefined at almost every point of the domain: check domains", "f")
        draw = {v.name: sample(v, rng) for v in problem.vars.values()}
        env = _numeric_env(problem, draw, lets)
        with np.errstate(all="ignore"):
            f_value = evaluate(f_tree, env, NUMERIC, problem.dims)
            if graph is not None:
                grads = graph.gradients(graph.flat_values(env, f_value))
                key = grads[problem.wrt]
            else:
                grads = {}
                key = np.asarray(key_func(*[draw[n] for n in problem.vars]), dtype=np.float64)
        if not np.all(np.isfinite(f_value)) or not all(np.all(np.isfinite(g)) for g in grads.values()) \
                or not np.all(np.isfinite(key)):
            continue  # undefined here (log of 0, a kink): draw again
        if key_func is not None and graph is not None:
            direct = np.asarray(key_func(*[draw[n] for n in problem.vars]), dtype=np.float64)
            if not np.allclose(direct, key, rtol=1e-7, atol=1e-9):
                raise ProblemError("the staged and the expanded derivative disagree (an engine bug)", "f")
        points.append(env)
        keys.append(key)
        for name in others:
            others[name].append(grads[name])
    if all(np.allclose(k, 0.0) for k in keys):
        raise ProblemError("the key is zero everywhere: the function does not depend on wrt", "wrt")
    if problem.kind == "jacobian":
        others = {n: g for n, g in others.items() if problem.vars[n].shape[1:] == (1,)}

    mistakes = []
    for m, tree in zip(problem.mistakes, mistake_trees):
        try:
            with np.errstate(all="ignore"):
                mistakes.append((m.message, [evaluate(tree, env, NUMERIC, problem.dims) for env in points]))
        except ShapeError as err:
            raise ProblemError(f"mistake {m.answer!r} does not fit its shapes: {err}", "mistake") from None
    simple_ops = 0
    if problem.kind == "value" and key_expr is not None:
        simple_ops = int(sp.count_ops(sp.simplify(key_expr)))
    return Compiled(problem=problem, points=points, key=keys, others=others, mistakes=mistakes,
                    key_expr=key_expr, key_simple_ops=simple_ops, sym_env=sym_env,
                    seconds=time.perf_counter() - start, mistake_trees=mistake_trees,
                    scalars=frozenset(n for n, v in points[0].items() if np.ndim(v) == 0) | frozenset(problem.dims))


def compiled(problem: Problem) -> Compiled:
    """The compiled form of ``problem``, derived once per process and then reused."""
    return _cache(problem)


_CACHE: dict[tuple[str, str], Compiled] = {}


def _cache(problem: Problem) -> Compiled:
    fingerprint = repr((problem.f, problem.wrt, problem.kind, problem.dims, problem.vars, problem.let,
                        problem.mistakes))
    key = (problem.id, fingerprint)
    if key not in _CACHE:
        _CACHE[key] = compile_problem(problem)
    return _CACHE[key]
