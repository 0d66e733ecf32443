"""Checks that read the learner's code without running it (the ``spec`` kind's named checks).

Reading is done with ``ast`` in the trusted process: parsing never executes anything.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from tutor.grading.spec import Check, Rule

# The answer is in these packages; a solution that imports them has not been written.
FORBIDDEN_MODULES = ("kernels", "tutor")
MAX_SOURCE_BYTES = 1 << 20


@dataclass
class RuleResult:
    """Whether a static rule holds, and a detail to add to the check's message."""

    ok: bool
    detail: str = ""


def _entry_node(tree: ast.Module, entry: str) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == entry:
            return node
    return tree


def loop_depth(node: ast.AST) -> tuple[int, int]:
    """The deepest nesting of loops (for, while, comprehensions) under ``node``, and its line."""
    best = (0, 0)

    def visit(current: ast.AST, depth: int) -> None:
        nonlocal best
        for child in ast.iter_child_nodes(current):
            if isinstance(child, ast.For | ast.AsyncFor | ast.While):
                inner = depth + 1
            elif isinstance(child, ast.comprehension):
                inner = depth + 1
            else:
                inner = depth
            if inner > best[0]:
                best = (inner, getattr(child, "lineno", getattr(current, "lineno", 0)))
            visit(child, inner)

    visit(node, 0)
    return best


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local names for modules: ``import numpy as np`` maps np -> numpy."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def used_names(tree: ast.Module) -> dict[str, int]:
    """Every dotted name used, with module aliases expanded (np.dot -> numpy.dot), every
    attribute as ``.name``, and ``@`` for the matrix-product operator."""
    aliases = _aliases(tree)
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.MatMult):
            found.setdefault("@", node.lineno)
        if isinstance(node, ast.Attribute):
            found.setdefault("." + node.attr, node.lineno)  # ".softmax" forbids x.softmax(...) on anything
        name = _dotted(node) if isinstance(node, ast.Attribute | ast.Name) else None
        if name:
            head, _, rest = name.partition(".")
            full = aliases.get(head, head) + (f".{rest}" if rest else "")
            found.setdefault(full, getattr(node, "lineno", 0))
            found.setdefault(name, getattr(node, "lineno", 0))
    return found


def _normalise(name: str) -> str:
    return "numpy." + name[3:] if name.startswith("np.") else name


def apply_rule(check: Check, tree: ast.Module, entry: str) -> RuleResult:
    """Evaluate one static rule on the parsed source."""
    if check.rule is Rule.MAX_LOOP_DEPTH:
        depth, line = loop_depth(_entry_node(tree, entry))
        limit = check.max if check.max is not None else 1
        return RuleResult(depth <= limit, f"loops nested {depth} deep (line {line})" if depth > limit else "")
    if check.rule is Rule.REQUIRE_LOOP:
        depth, _ = loop_depth(_entry_node(tree, entry))
        return RuleResult(depth >= 1, "" if depth else f"{entry} has no loop")
    if check.rule is Rule.FORBID_CALLS:
        used = used_names(tree)
        for name in check.names:
            full = _normalise(name)
            if full in used or name in used:
                line = used.get(full, used.get(name))
                return RuleResult(False, f"uses {name} (line {line})")
        return RuleResult(True)
    return RuleResult(True)  # timing rules are judged after the run


def forbidden_import(tree: ast.Module) -> tuple[str, int] | None:
    """The first import of the reference packages, as (module, line), if any."""
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        for module in modules:
            if module.split(".")[0] in FORBIDDEN_MODULES:
                return module, node.lineno
    return None
