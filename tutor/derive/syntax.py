"""Read a learner's answer safely: text -> a small expression tree, never code.

The text is parsed with Python's ``ast`` (so ``@``, ``*``, ``**`` and ``.T`` mean what they
mean in NumPy) and then walked against a whitelist: the operators below, the functions in
``FUNCTIONS`` and the problem's own names. Nothing is evaluated here; the tree is made of
``Node`` objects that only ``tutor.derive.evaluate`` interprets. Limits on length, size,
nesting and exponents keep every later step cheap.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 400
MAX_NODES = 150
MAX_DEPTH = 60
MAX_CALL_DEPTH = 6
MAX_LITERAL = 1e6
MAX_EXPONENT = 16
MAX_SIZE_ARG = 64


class InputError(ValueError):
    """The learner's text cannot be read as an answer; ``str(err)`` says why, kindly."""


@dataclass(frozen=True)
class Node:
    """One piece of a parsed answer.

    kind is "num" (value: the number), "name" (value: the name), "call" (value: the
    function, args: its arguments), "bin" (value: one of + - * / @ **), "neg", or "T".
    """

    kind: str
    value: object = None
    args: tuple["Node", ...] = ()


# name -> (min args, max args, which argument positions must be whole numbers)
FUNCTIONS: dict[str, tuple[int, int, tuple[int, ...]]] = {
    "exp": (1, 1, ()), "log": (1, 1, ()), "sqrt": (1, 1, ()), "abs": (1, 1, ()),
    "sin": (1, 1, ()), "cos": (1, 1, ()), "tanh": (1, 1, ()),
    "sigmoid": (1, 1, ()), "relu": (1, 1, ()), "softplus": (1, 1, ()), "step": (1, 1, ()),
    "softmax": (1, 1, ()),
    "sum": (1, 2, (1,)), "mean": (1, 2, (1,)),
    "diag": (1, 1, ()), "ones": (1, 2, (0, 1)), "zeros": (1, 2, (0, 1)), "eye": (1, 1, (0,)),
    "conv1d": (2, 2, ()), "conv2d": (2, 2, ()), "flip": (1, 1, ()), "pad": (2, 2, (1,)),
    "maxpool": (1, 1, ()), "upsample": (1, 1, ()),
}

# Spellings a learner reaches for, mapped on purpose (and listed in the convention).
ALIASES = {"sigma": "sigmoid", "ln": "log", "heaviside": "step"}

# The only non-ASCII characters we read, each mapped explicitly.
UNICODE_MAP = {"σ": "sigmoid", "−": "-", "⊙": "*", "ᵀ": ".T", "²": "**2", "³": "**3"}
UNICODE_ADVICE = {
    "×": "type * for elementwise or @ for a matrix product",
    "·": "type @ for a dot or matrix product, * for elementwise",
    "Σ": "type sum(...)",
    "∑": "type sum(...)",
    "√": "type sqrt(...)",
}

_NODE_NAMES = {
    ast.Lambda: "a lambda", ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension", ast.GeneratorExp: "a comprehension",
    ast.Subscript: "indexing with [ ]", ast.Dict: "a dict", ast.Set: "a set",
    ast.List: "a list", ast.Tuple: "a tuple (a comma)", ast.Compare: "a comparison",
    ast.BoolOp: "'and'/'or'", ast.IfExp: "'if ... else'", ast.NamedExpr: "':='",
    ast.JoinedStr: "a string", ast.Starred: "'*' unpacking", ast.Await: "'await'",
    ast.Yield: "'yield'", ast.YieldFrom: "'yield'", ast.Slice: "a slice",
}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@", ast.Pow: "**"}
_NUMBER = r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"


def normalise_text(text: str) -> str:
    """Map the few Unicode symbols we accept to ASCII and refuse every other non-ASCII one.

    A look-alike (a Cyrillic 'а', a full-width 'ｘ', a math-italic '𝑥') is refused with its
    name, because Python would otherwise quietly read it as a different letter.
    """
    out = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
        elif ch in UNICODE_MAP:
            out.append(UNICODE_MAP[ch])
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif ch in UNICODE_ADVICE:
            raise InputError(f"'{ch}' at position {i + 1}: {UNICODE_ADVICE[ch]}.")
        else:
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            plain = unicodedata.normalize("NFKC", ch)
            if unicodedata.category(ch) in ("Cf", "Cc"):
                raise InputError(f"there is an invisible character ({name}) at position {i + 1}; "
                                 "delete it and retype that spot.")
            looks = f" It looks like '{plain}' but is a different character." if plain != ch and plain.isascii() else ""
            raise InputError(f"'{ch}' ({name}) at position {i + 1} is not plain ASCII.{looks} "
                             "Type answers with ordinary keyboard letters.")
    return "".join(out)


def _missing_star_hint(text: str) -> str | None:
    """Spot implicit multiplication ("2x", "2 sigma(z)", ")(", "x y") and say where '*' goes."""
    m = re.search(rf"(?<![\w.])({_NUMBER})\s*([A-Za-z_]\w*|\()", text)
    if m:
        return f"missing '*' between {m.group(1)} and {m.group(2)}"
    m = re.search(r"\)\s*([A-Za-z_]\w*|\(|\d+)", text)
    if m:
        return f"missing '*' between ')' and '{m.group(1)}'"
    m = re.search(r"\b([A-Za-z_]\w*)\s+([A-Za-z_]\w*|\d+)\b", text)
    if m and m.group(1) not in ("and", "or", "not", "if", "else", "lambda", "for", "in", "is"):
        return f"missing '*' between {m.group(1)} and {m.group(2)}"
    return None


def _syntax_message(text: str, err: SyntaxError) -> str:
    hint = _missing_star_hint(text)
    if hint:
        return hint
    msg = (err.msg or "").lower()
    if "never closed" in msg or "was never closed" in msg:
        return "a '(' is never closed: count your brackets."
    if "unmatched" in msg or "does not match" in msg:
        return "there is a ')' without its '(': count your brackets."
    if "=" in text and "==" not in text:
        return "type only the expression, without 'name ='."
    if text.strip() == "":
        return "type an expression first."
    col = f" near position {err.offset}" if err.offset else ""
    return f"this isn't a complete expression{col}: check for a missing operand or operator."


def parse_answer(text: str, names: set[str] | frozenset[str], ints: set[str] | frozenset[str] = frozenset()) -> Node:
    """Parse ``text`` into a ``Node`` tree, allowing only whitelisted operations and ``names``.

    ``ints`` are names that stand for whole numbers (the problem's dimensions, such as N).
    Raises ``InputError`` with a message for the learner when the text is not acceptable.
    """
    if len(text) > MAX_CHARS:
        raise InputError(f"that answer is {len(text)} characters long; keep it under {MAX_CHARS}.")
    text = normalise_text(text)
    if not text.strip():
        raise InputError("type an expression first.")
    if "^" in text:
        raise InputError("use ** for a power (x**2): in Python ^ is not a power.")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise InputError(_syntax_message(text, err)) from None
    except (ValueError, RecursionError, MemoryError, OverflowError):
        raise InputError("that expression is too long or too deeply nested to read.") from None
    if sum(1 for _ in ast.walk(tree)) > 3 * MAX_NODES:
        raise InputError(f"that expression is too big (over {MAX_NODES} pieces); a gradient here is much shorter.")
    walker = _Walker(frozenset(names), frozenset(ints))
    result = walker.walk(tree.body, 0, 0)
    _check_constants(result)
    return result


def _check_constants(node: Node) -> None:
    """Compute every name-free part once in floats, so an overflowing constant is refused now."""
    if node.kind == "num":
        return
    if not _has_names(node):
        _check_constant(node)
        return
    for arg in node.args:
        _check_constants(arg)


class _Walker:
    def __init__(self, names: frozenset[str], ints: frozenset[str]):
        self.names = names
        self.ints = ints
        self.count = 0

    def walk(self, node: ast.AST, depth: int, calls: int) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(f"that expression is too big (over {MAX_NODES} pieces); a gradient here is much shorter.")
        if depth > MAX_DEPTH:
            raise InputError("that expression is nested too deeply.")
        d = depth + 1
        if isinstance(node, ast.Constant):
            return self._constant(node.value)
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                inner = self.walk(node.operand, d, calls)
                return Node("num", -inner.value) if inner.kind == "num" else Node("neg", None, (inner,))
            if isinstance(node.op, ast.UAdd):
                return self.walk(node.operand, d, calls)
            raise InputError("'not' and '~' are not part of the math here.")
        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                sym = {ast.BitXor: "^", ast.Mod: "%", ast.FloorDiv: "//", ast.BitAnd: "&",
                       ast.BitOr: "|", ast.LShift: "<<", ast.RShift: ">>"}.get(type(node.op), "that operator")
                raise InputError(f"'{sym}' is not one of the operators here; use + - * / @ **.")
            left = self.walk(node.left, d, calls)
            if op == "**":
                return Node("bin", "**", (left, self._exponent(node.right)))
            return Node("bin", op, (left, self.walk(node.right, d, calls)))
        if isinstance(node, ast.Attribute):
            if node.attr == "T":
                return Node("T", None, (self.walk(node.value, d, calls),))
            if isinstance(node.value, ast.Name) and node.value.id in ("np", "numpy", "torch", "math", "sp"):
                raise InputError(f"drop the '{node.value.id}.': write {node.attr}(...) directly.")
            raise InputError(f"'.{node.attr}' is not allowed: the only thing after a dot is .T (transpose).")
        if isinstance(node, ast.Call):
            return self._call(node, d, calls + 1)
        if isinstance(node, ast.Compare):
            raise InputError("comparisons are not part of an answer; step(x) is 1 where x ≥ 0 and 0 elsewhere.")
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            raise InputError("text in quotes is not math.")
        what = _NODE_NAMES.get(type(node), type(node).__name__)
        raise InputError(f"{what} is not part of the math here.")

    def _constant(self, value: object) -> Node:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, complex):
                raise InputError("complex numbers (like 2j) are not used here.")
            if isinstance(value, (str, bytes)):
                raise InputError("text in quotes is not math.")
            raise InputError(f"{value!r} is not a number I can use.")
        if not math.isfinite(value) or abs(value) > MAX_LITERAL:
            raise InputError(f"the number {value:.3g} is too large; numbers here stay below {MAX_LITERAL:.0e}.")
        return Node("num", value)

    def _name(self, name: str) -> Node:
        if name.startswith("__"):
            raise InputError(f"names like '{name}' are never allowed.")
        if name in self.names:
            return Node("name", name)
        target = ALIASES.get(name, name)
        if target in FUNCTIONS:
            raise InputError(f"{name} is a function: write {name}(...).")
        known = sorted(self.names | set(FUNCTIONS))
        close = [n for n in known if n.lower() == name.lower()] or \
            difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]}?" if close else ""
        avail = ", ".join(sorted(n for n in self.names if n not in self.ints))
        raise InputError(f"I don't know the name '{name}'.{hint} Names in this problem: {avail}.")

    def _exponent(self, node: ast.AST) -> Node:
        """Exponents must be small constant numbers, so 9**9**9 never gets computed."""
        try:
            value = _constant_value(node, 0)
        except InputError:
            raise InputError("an exponent must be a plain number such as 2, -1 or 0.5 "
                             "(for a variable exponent write exp(y*log(x))).") from None
        if abs(value) > MAX_EXPONENT:
            raise InputError(f"the exponent {value:g} is too large; exponents here stay within ±{MAX_EXPONENT}.")
        return Node("num", value)

    def _call(self, node: ast.Call, depth: int, calls: int) -> Node:
        func = node.func
        if isinstance(func, ast.Constant) and isinstance(func.value, (int, float)):
            raise InputError(f"missing '*' between {func.value} and '('")
        if isinstance(func, ast.Attribute):
            if func.attr == "T":
                raise InputError("missing operator between .T and '(': write @ for a matrix product or * elementwise.")
            self.walk(func, depth, calls)  # reports the attribute
            raise InputError("only named functions such as exp(...) can be called.")
        if not isinstance(func, ast.Name):
            if isinstance(func, (ast.BinOp, ast.UnaryOp, ast.Call, ast.Constant)):
                raise InputError("missing '*' between ')' and '(': to multiply two brackets write (...)*(...).")
            self.walk(func, depth, calls)  # names what is not allowed (a lambda, a subscript...)
            raise InputError("only named functions such as exp(...) can be called.")
        name = ALIASES.get(func.id, func.id)
        if func.id.startswith("__"):
            raise InputError(f"names like '{func.id}' are never allowed.")
        if name not in FUNCTIONS:
            if func.id in self.names:
                raise InputError(f"{func.id} is not a function: put '*' between {func.id} and '(' "
                                 f"to multiply, as in {func.id}*(...).")
            close = difflib.get_close_matches(func.id, sorted(FUNCTIONS), n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise InputError(f"{func.id}() is not one of the functions here.{hint}")
        if calls > MAX_CALL_DEPTH:
            raise InputError(f"functions are nested more than {MAX_CALL_DEPTH} deep; that is not needed here.")
        lo, hi, int_positions = FUNCTIONS[name]
        args = list(node.args)
        for kw in node.keywords:
            if kw.arg == "axis" and name in ("sum", "mean") and len(args) == 1:
                args.append(kw.value)
            else:
                raise InputError(f"{name}() takes no keyword '{kw.arg}'" + (" other than axis=" if name in ("sum", "mean") else "") + ".")
        if any(isinstance(a, ast.Starred) for a in args):
            raise InputError("'*' unpacking is not part of the math here.")
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} or {hi}"
            raise InputError(f"{name}() takes {want} argument{'s' if hi > 1 else ''}, not {len(args)}.")
        out = []
        for i, arg in enumerate(args):
            out.append(self._int_arg(name, i, arg) if i in int_positions else self.walk(arg, depth, calls))
        if name in ("sum", "mean") and len(out) == 2 and out[1].value not in (0, 1):
            raise InputError(f"{name}(A, axis): axis is 0 (down the columns) or 1 (along the rows).")
        return Node("call", name, tuple(out))

    def _int_arg(self, func: str, pos: int, node: ast.AST) -> Node:
        if isinstance(node, ast.Name) and node.id in self.ints:
            return Node("name", node.id)
        try:
            value = _constant_value(node, 0)
        except InputError:
            raise InputError(f"argument {pos + 1} of {func}() must be a whole number or a size such as N.") from None
        if value != int(value) or not 0 <= value <= MAX_SIZE_ARG:
            raise InputError(f"argument {pos + 1} of {func}() must be a whole number from 0 to {MAX_SIZE_ARG}.")
        return Node("num", int(value))


def _constant_value(node: ast.AST, depth: int) -> float:
    """Value of a tiny constant expression (numbers with + - * /), with every step bounded."""
    if depth > 8:
        raise InputError("constant too complicated")
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        value = float(node.value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _constant_value(node.operand, depth + 1)
        value = -value if isinstance(node.op, ast.USub) else value
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        a, b = _constant_value(node.left, depth + 1), _constant_value(node.right, depth + 1)
        if isinstance(node.op, ast.Div) and b == 0:
            raise InputError("division by zero")
        value = {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}.get(type(node.op), a / b if b else 0.0)
    else:
        raise InputError("not a constant")
    if not math.isfinite(value) or abs(value) > MAX_LITERAL:
        raise InputError("constant too large")
    return value


def _has_names(node: Node) -> bool:
    return node.kind == "name" or any(_has_names(a) for a in node.args)


_SCALAR_FUNCS = {"exp": math.exp, "log": math.log, "sqrt": math.sqrt, "sin": math.sin, "cos": math.cos,
                 "tanh": math.tanh, "abs": abs}


def _check_constant(node: Node) -> float:
    """Compute a constant subexpression in floats; refuse it when it overflows or is undefined."""
    if node.kind == "num":
        return float(node.value)
    if node.kind == "neg":
        return -_check_constant(node.args[0])
    if node.kind == "call" and node.value in _SCALAR_FUNCS:
        arg = _check_constant(node.args[0])
        try:
            value = _SCALAR_FUNCS[node.value](arg)
        except OverflowError:
            raise InputError(f"{render_plain(node)} is far too large to compute: it overflows every float.") from None
        except ValueError:
            raise InputError(f"{render_plain(node)} is undefined.") from None
        if not math.isfinite(value):
            raise InputError(f"{render_plain(node)} is far too large to compute.")
        return value
    if node.kind == "bin" and node.value == "**":
        try:
            value = math.pow(_check_constant(node.args[0]), _check_constant(node.args[1]))
        except (OverflowError, ValueError):
            value = math.inf
        if not math.isfinite(value) or abs(value) > 1e300:
            raise InputError(f"{render_plain(node)} is far too large to compute.")
        return value
    if node.kind == "bin" and node.value in "+-*/":
        a, b = _check_constant(node.args[0]), _check_constant(node.args[1])
        value = {"+": a + b, "-": a - b, "*": a * b}.get(node.value, a / b if b else math.inf)
        if not math.isfinite(value):
            raise InputError(f"{render_plain(node)} is too large or undefined.")
        return value
    return 0.0  # other constant forms (ones(3), sums) are bounded by the size limits


def render_plain(node: Node) -> str:
    """The tree written back in the input language (used in messages)."""
    from tutor.derive.render import render

    return render(node, unicode=False)
