"""Write a parsed answer back out: as typed (plain) or as math (Unicode), with its shapes."""

from __future__ import annotations

from tutor.derive.syntax import Node

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "neg": 3, "**": 4}
_PRETTY_OPS = {"+": " + ", "-": " − ", "*": " ⊙ ", "/": " / ", "@": " @ "}
_PRETTY_FUNCS = {"sigmoid": "σ"}
_SUPER = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _prec(node: Node) -> int:
    if node.kind == "bin":
        return _PREC[str(node.value)]
    if node.kind == "neg" or (node.kind == "num" and float(node.value) < 0):
        return 3
    return 5


_ELEMENTWISE = {"exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "softplus", "step"}


def is_scalar(node: Node, scalars: frozenset[str]) -> bool:
    """Whether ``node`` is a single number, judging from which names are scalars."""
    k = node.kind
    if k == "num":
        return True
    if k == "name":
        return node.value in scalars
    if k in ("neg", "T"):
        return is_scalar(node.args[0], scalars)
    if k == "bin":
        return node.value != "@" and all(is_scalar(a, scalars) for a in node.args)
    if node.value in ("sum", "mean"):
        return len(node.args) == 1
    return node.value in _ELEMENTWISE and is_scalar(node.args[0], scalars)


def render(node: Node, unicode: bool = True, scalars: frozenset[str] = frozenset()) -> str:
    """Return ``node`` as text: Unicode math (σ, ⊙, ᵀ, superscripts) or the plain input language.

    ``scalars`` names the scalar quantities, so a product with a scalar prints as ``·``
    and an elementwise product of arrays as ``⊙``.
    """
    k = node.kind
    sub = lambda n: render(n, unicode, scalars)  # noqa: E731
    if k == "num":
        return _num(node.value)
    if k == "name":
        return str(node.value)
    if k == "neg":
        inner = node.args[0]
        text = sub(inner)
        if _prec(inner) < 3:
            text = f"({text})"
        return ("−" if unicode else "-") + text
    if k == "T":
        inner = node.args[0]
        text = sub(inner)
        if _prec(inner) < 5:
            text = f"({text})"
        return text + ("ᵀ" if unicode else ".T")
    if k == "call":
        name = str(node.value)
        if unicode:
            name = _PRETTY_FUNCS.get(name, name)
        return f"{name}(" + ", ".join(sub(a) for a in node.args) + ")"
    op = str(node.value)
    left, right = node.args
    p = _PREC[op]
    lt, rt = sub(left), sub(right)
    if op == "**":
        if _prec(left) <= p:
            lt = f"({lt})"
        if unicode and right.kind == "num" and _num(right.value).lstrip("-").replace(".", "").isdigit():
            return lt + _num(right.value).translate(_SUPER)
        if _prec(right) <= p:
            rt = f"({rt})"
        return f"{lt}**{rt}"
    if _prec(left) < p:
        lt = f"({lt})"
    # Left-associative: a - (b - c) and a / (b * c) need their brackets on the right.
    if _prec(right) < p or (_prec(right) == p and op in "-/@*" and right.kind == "bin"):
        rt = f"({rt})"
    sep = _PRETTY_OPS[op] if unicode else f" {op} "
    if unicode and op == "*" and (is_scalar(left, scalars) or is_scalar(right, scalars)):
        sep = "·"
    if not unicode and op in "*/":
        sep = op if (left.kind in ("num", "name") and right.kind in ("num", "name", "call")) else f" {op} "
    return lt + sep + rt


def shape_text(shape: tuple[int, ...], dims: dict[str, int] | None = None) -> str:
    """A shape as a learner reads it: "scalar", "4×1" or "2×3 (N×D)" when the sizes name dimensions."""
    if len(shape) == 0 or shape == (1, 1) and not dims:
        return "scalar" if len(shape) == 0 else "1×1"
    text = "×".join(str(s) for s in shape)
    if dims:
        by_size = {v: k for k, v in dims.items()}
        names = [by_size.get(s, str(s)) for s in shape]
        if any(n != str(s) for n, s in zip(names, shape)):
            text += " (" + "×".join(names) + ")"
    return text
