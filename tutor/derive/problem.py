"""A derivation problem as data: its variables, the function to differentiate, hints and mistakes.

One ``[[problem]]`` table in ``quizzes/derivations/*.toml`` becomes one ``Problem``. Fields:

- ``id`` (kebab-case), ``day`` (1-84), ``title``, ``statement`` (what the learner reads)
- ``kind``: "gradient" (default: ∂f/∂wrt of a scalar f), "jacobian" (a column vector f of a
  column vector wrt: J[i, j] = ∂fᵢ/∂wrtⱼ) or "value" (no derivative: the answer equals f,
  simplified; used for numerical-derivative algebra)
- ``f``: the function or loss, in the same language learners type; ``wrt``: a variable name
- ``symbol``: what f is called in messages (default "L"), as in ∂L/∂W
- ``dims``: sizes such as ``{ N = 2, D = 3 }`` (distinct, so a transpose shows in the shape)
- ``[problem.vars.NAME]``: ``shape`` ("" scalar, "D" a D×1 column, "N,D", "1,M" a row),
  ``domain = [low, high]`` and ``constraint``: onehot, simplex, binary, pm1 or positive
- ``let``: named intermediate quantities the learner may use (``p = "softmax(z)"``)
- ``hints`` (tiers, gentlest first), ``worked`` (the worked derivation)
- ``accept``: answers that must be marked correct; ``invalid``: inputs that must be refused
- ``[[problem.mistake]]``: ``answer`` and the ``message`` a tutor says when a learner gives it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CONSTRAINTS = ("onehot", "simplex", "binary", "pm1", "positive")
DISCRETE = ("onehot", "binary", "pm1")
KINDS = ("gradient", "jacobian", "value")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class ProblemError(ValueError):
    """A problem's data is wrong; ``field`` says which key, for the line number."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Variable:
    """An input to the function: its name, concrete shape, sampling domain and constraint."""

    name: str
    shape: tuple[int, ...]
    shape_spec: str
    low: float
    high: float
    constraint: str | None

    @property
    def continuous(self) -> bool:
        """True when it makes sense to differentiate with respect to this variable."""
        return self.constraint not in DISCRETE


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer and what a tutor would say about it."""

    answer: str
    message: str


@dataclass
class Problem:
    """One derivation problem, as loaded from the bank."""

    id: str
    day: int
    title: str
    statement: str
    kind: str
    f: str
    wrt: str
    symbol: str
    dims: dict[str, int]
    vars: dict[str, Variable]
    let: dict[str, str]
    hints: list[str]
    worked: str
    accept: list[str]
    invalid: list[str]
    mistakes: list[Mistake]
    source: Path | None = None
    line: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def names(self) -> frozenset[str]:
        """Every name a learner may type in this problem: variables, lets and dimensions."""
        return frozenset(self.vars) | frozenset(self.let) | frozenset(self.dims)

    @property
    def target_label(self) -> str:
        """How the asked-for quantity is written: ∂L/∂W, or "the simplified expression"."""
        if self.kind == "value":
            return "the simplified expression"
        return self.label_for(self.wrt)

    def label_for(self, name: str) -> str:
        """∂f/∂name, with this problem's symbol for f."""
        return f"∂{self.symbol}/∂{name}"


def _shape(spec: object, dims: dict[str, int], name: str) -> tuple[int, ...]:
    if not isinstance(spec, str):
        raise ProblemError(f"vars.{name}.shape must be a string such as \"N,D\"", "shape")
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    sizes = []
    for p in parts:
        if p.isdigit():
            sizes.append(int(p))
        elif p in dims:
            sizes.append(dims[p])
        else:
            raise ProblemError(f"vars.{name}.shape uses unknown dimension {p!r}", "shape")
    if len(sizes) == 1:
        sizes.append(1)  # a vector is a column
    if len(sizes) > 2:
        raise ProblemError(f"vars.{name}.shape has more than two dimensions", "shape")
    return tuple(sizes)


def problem_from_dict(data: dict, source: Path | None = None, line: int = 0) -> Problem:
    """Build a ``Problem`` from one ``[[problem]]`` table, raising ``ProblemError`` on bad data."""
    for key in ("id", "day", "title", "statement", "f", "hints", "worked", "accept"):
        if key not in data:
            raise ProblemError(f"missing required key {key!r}", key)
    pid = data["id"]
    if not isinstance(pid, str) or not ID_RE.match(pid):
        raise ProblemError(f"id {pid!r} must be kebab-case (lowercase letters, digits, hyphens)", "id")
    day = data["day"]
    if not isinstance(day, int) or not 1 <= day <= 84:
        raise ProblemError(f"day {day!r} must be a whole number from 1 to 84", "day")
    kind = data.get("kind", "gradient")
    if kind not in KINDS:
        raise ProblemError(f"kind {kind!r} must be one of {', '.join(KINDS)}", "kind")
    dims = data.get("dims", {})
    if not all(NAME_RE.match(k) and isinstance(v, int) and 1 <= v <= 8 for k, v in dims.items()):
        raise ProblemError("dims must map names to sizes from 1 to 8", "dims")
    variables = {}
    for name, spec in data.get("vars", {}).items():
        if not NAME_RE.match(name):
            raise ProblemError(f"variable name {name!r} is not a plain identifier", "vars")
        constraint = spec.get("constraint")
        if constraint is not None and constraint not in CONSTRAINTS:
            raise ProblemError(f"vars.{name}: unknown constraint {constraint!r}; "
                               f"use one of {', '.join(CONSTRAINTS)}", "constraint")
        default = [0.5, 2.0] if constraint == "positive" else [-2.0, 2.0]
        low, high = spec.get("domain", default)
        if not low < high:
            raise ProblemError(f"vars.{name}.domain must be [low, high] with low < high", "domain")
        shape_spec = spec.get("shape", "")
        variables[name] = Variable(name, _shape(shape_spec, dims, name) if shape_spec else (),
                                   shape_spec, float(low), float(high), constraint)
    wrt = data.get("wrt", "")
    if kind != "value":
        if wrt not in variables:
            raise ProblemError(f"wrt {wrt!r} is not one of the problem's vars", "wrt")
        if not variables[wrt].continuous:
            raise ProblemError(f"wrt {wrt!r} is {variables[wrt].constraint}: it cannot be differentiated", "wrt")
    let = dict(data.get("let", {}))
    clash = (set(let) | set(variables)) & set(dims) or set(let) & set(variables)
    if clash:
        raise ProblemError(f"name used twice: {', '.join(sorted(clash))}", "let")
    hints = data["hints"]
    if not isinstance(hints, list) or not hints or not all(isinstance(h, str) for h in hints):
        raise ProblemError("hints must be a non-empty list of strings", "hints")
    mistakes = []
    for m in data.get("mistake", []):
        if not isinstance(m.get("answer"), str) or not isinstance(m.get("message"), str):
            raise ProblemError("each [[problem.mistake]] needs an answer and a message", "mistake")
        mistakes.append(Mistake(m["answer"], m["message"]))
    known = {"id", "day", "title", "statement", "kind", "f", "wrt", "symbol", "dims", "vars", "let",
             "hints", "worked", "accept", "invalid", "mistake"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProblemError(f"unknown key {unknown[0]!r}", unknown[0])
    return Problem(
        id=pid, day=day, title=str(data["title"]), statement=str(data["statement"]).strip(),
        kind=kind, f=str(data["f"]), wrt=wrt, symbol=str(data.get("symbol", "L")), dims=dict(dims),
        vars=variables, let=let, hints=list(hints), worked=str(data["worked"]).strip(),
        accept=list(data["accept"]), invalid=list(data.get("invalid", [])), mistakes=mistakes,
        source=source, line=line,
    )
