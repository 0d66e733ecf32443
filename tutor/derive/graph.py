"""Differentiate a problem's function with SymPy, one named step at a time.

Each ``let`` of a problem (``A = X @ W1 + b1``, ``P = softmax(S)``...) and f itself become a
stage: an array of SymPy expressions in the symbols of its direct inputs only (every entry of
every variable and of earlier stages has its own symbol). ``sympy.diff`` gives every local
partial derivative ∂(stage entry)/∂(input entry); the chain rule then adds them up backwards
through the stages at each sample point, which is exactly what backprop does. Expanding the
whole loss into one formula first would give the same numbers, but for a two-layer network
its derivatives run to hundreds of thousands of terms; the staged form stays small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from tutor.derive.evaluate import SYMBOLIC, evaluate
from tutor.derive.problem import Problem, Variable
from tutor.derive.syntax import Node

F_NAME = "__f__"

# SymPy prints Heaviside(a - Max(b, c, d)) as a many-branch Piecewise, which takes seconds
# to generate; an opaque "vmax" keeps the code short and means the same thing.
_VMAX = sp.Function("vmax")
_VMIN = sp.Function("vmin")
_MODULES = [{"vmax": lambda *xs: np.max(np.broadcast_arrays(*xs), axis=0),
             "vmin": lambda *xs: np.min(np.broadcast_arrays(*xs), axis=0)}, "numpy"]


def lambdify(args: list, exprs: object):
    """``sympy.lambdify`` for NumPy, with Max and Min printed as plain elementwise calls."""
    def plain(e):
        if isinstance(e, sp.Basic):
            return e.replace(sp.Max, lambda *a: _VMAX(*a)).replace(sp.Min, lambda *a: _VMIN(*a))
        return e
    exprs = [plain(e) for e in exprs] if isinstance(exprs, list) else plain(exprs)
    return sp.lambdify(args, exprs, modules=_MODULES, cse=True)


def symbols_for(name: str, shape: tuple[int, ...]) -> np.ndarray:
    """An array of real SymPy symbols named after ``name`` and each entry's index."""
    if shape == ():
        return np.asarray(sp.Symbol(name, real=True), dtype=object)
    out = np.empty(shape, dtype=object)
    for idx in np.ndindex(shape):
        out[idx] = sp.Symbol(f"{name}_{'_'.join(map(str, idx))}", real=True)
    return out


def variable_symbols(var: Variable) -> np.ndarray:
    """The symbols standing for one variable's entries."""
    return symbols_for(var.name, var.shape)


@dataclass
class Stage:
    """One named step: its output symbols, and lambdified local partials (out index, in index)."""

    name: str
    shape: tuple[int, ...]
    start: int
    out_idx: np.ndarray
    in_idx: np.ndarray
    partials: object  # callable: flat values -> list of partial values


class Graph:
    """The staged form of a problem's function, ready to give gradients at any point."""

    def __init__(self, problem: Problem, lets: dict[str, Node], f_tree: Node):
        self.problem = problem
        env: dict[str, np.ndarray] = {}
        order: list[tuple[str, np.ndarray]] = []
        for var in problem.vars.values():
            env[var.name] = variable_symbols(var)
            order.append((var.name, env[var.name]))
        local: list[tuple[str, np.ndarray, np.ndarray]] = []
        for name, tree in list(lets.items()) + [(F_NAME, f_tree)]:
            expr = evaluate(tree, env, SYMBOLIC, problem.dims)
            syms = symbols_for(f"{name}__" if name != F_NAME else "f__", expr.shape)
            env[name] = syms
            order.append((name, syms))
            local.append((name, syms, expr))
        self.f_shape = local[-1][2].shape
        self.slices: dict[str, slice] = {}
        self.shapes: dict[str, tuple[int, ...]] = {}
        index: dict[sp.Symbol, int] = {}
        flat_syms: list[sp.Symbol] = []
        for name, syms in order:
            start = len(flat_syms)
            flat_syms.extend(np.asarray(syms).reshape(-1))
            self.slices[name] = slice(start, len(flat_syms))
            self.shapes[name] = np.asarray(syms).shape
        index = {s: i for i, s in enumerate(flat_syms)}
        self.size = len(flat_syms)
        needed = self._reachable(local)
        self.stages: list[Stage] = []
        for name, syms, expr in local:
            if name not in needed:
                continue
            outs, ins, diffs = [], [], []
            for out_sym, e in zip(np.asarray(syms).reshape(-1), np.asarray(expr).reshape(-1)):
                for s in sorted(getattr(e, "free_symbols", ()), key=lambda s: index[s]):
                    outs.append(index[out_sym])
                    ins.append(index[s])
                    diffs.append(sp.diff(e, s))
            func = lambdify([flat_syms], diffs) if diffs else None
            self.stages.append(Stage(name, np.asarray(syms).shape, self.slices[name].start,
                                     np.array(outs, dtype=int), np.array(ins, dtype=int), func))

    @staticmethod
    def _reachable(local: list[tuple[str, np.ndarray, np.ndarray]]) -> set[str]:
        """Stages f depends on (helper names offered to learners but unused by f cost nothing)."""
        owner = {s: name for name, syms, _ in local for s in np.asarray(syms).reshape(-1)}
        needed, frontier = set(), [F_NAME]
        exprs = {name: expr for name, _, expr in local}
        while frontier:
            name = frontier.pop()
            if name in needed:
                continue
            needed.add(name)
            for e in np.asarray(exprs[name]).reshape(-1):
                for s in getattr(e, "free_symbols", ()):
                    if s in owner:
                        frontier.append(owner[s])
        return needed

    def flat_values(self, env: dict[str, np.ndarray], f_value: np.ndarray) -> np.ndarray:
        """All symbol values at one point, in the graph's order (f's value included)."""
        vals = np.zeros(self.size)
        for name, sl in self.slices.items():
            value = f_value if name == F_NAME else env[name]
            vals[sl] = np.asarray(value, dtype=np.float64).reshape(-1)
        return vals

    def gradients(self, vals: np.ndarray) -> dict[str, np.ndarray]:
        """∂f/∂(every variable) at one point; for a vector f, rows of the Jacobian."""
        partials = []
        for stage in self.stages:
            if stage.partials is None:
                partials.append(np.zeros(0))
            else:
                with np.errstate(all="ignore"):
                    partials.append(np.asarray(stage.partials(vals), dtype=np.float64).reshape(-1))
        f_slice = self.slices[F_NAME]
        rows = []
        for seed in range(f_slice.start, f_slice.stop):
            adj = np.zeros(self.size)
            adj[seed] = 1.0
            for stage, part in zip(reversed(self.stages), reversed(partials)):
                if part.size:
                    np.add.at(adj, stage.in_idx, adj[stage.out_idx] * part)
            rows.append(adj)
        out = {}
        for name, var in self.problem.vars.items():
            sl = self.slices[name]
            per_seed = [row[sl].reshape(var.shape) for row in rows]
            if len(per_seed) == 1:
                out[name] = per_seed[0]
            else:
                out[name] = np.array([g.reshape(-1) for g in per_seed])
        return out
