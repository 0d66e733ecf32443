"""Decide whether an answer is right and, if not, say what is wrong the way a tutor would.

Checks run in a fixed order, and the first that explains the answer wins: shape or transpose,
undefined values, sign, constant factor, constant offset, the gradient of another variable,
known mistakes, and finally which entries differ. A known mistake that also matches adds its
own explanation to the generic one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
from tutor.derive.evaluate import as_scalar
from tutor.derive.render import shape_text

if TYPE_CHECKING:
    from tutor.derive.compile import Compiled

RTOL = 1e-6
ATOL = 1e-8


@dataclass
class Verdict:
    """The outcome of one check: verdict is "correct", "incorrect", "invalid" or "error"."""

    verdict: str
    message: str
    diagnosis: list[str] = field(default_factory=list)
    parsed: str | None = None
    shape: str | None = None
    confirmed: str | None = None

    @property
    def correct(self) -> bool:
        """True for a right answer."""
        return self.verdict == "correct"

    def to_dict(self) -> dict:
        """A JSON-ready dict (what ``tutor quiz check --json`` prints)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Verdict":
        """Rebuild a verdict sent back by the checker process."""
        return cls(**{k: data.get(k) for k in ("verdict", "message", "parsed", "shape", "confirmed")},
                   diagnosis=list(data.get("diagnosis") or []))


def _close(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return all(x.shape == y.shape and np.allclose(x, y, rtol=RTOL, atol=ATOL) for x, y in zip(a, b))


def _squeeze(values: list[np.ndarray]) -> list[np.ndarray]:
    """Treat a 1×1 result as the scalar it is."""
    out = []
    for v in values:
        s = as_scalar(v)
        out.append(s if s is not None else v)
    return out


def _fmt(value: np.ndarray) -> str:
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return f"{float(a):.4g}"
    rows = ["[" + ", ".join(f"{x:.3g}" for x in row) + "]" for row in a]
    return rows[0] if len(rows) == 1 else "[" + ", ".join(rows) + "]"


def _factor_words(c: float, dims: dict[str, int]) -> str:
    frac = Fraction(abs(c)).limit_denominator(12)
    if abs(float(frac) - abs(c)) > 1e-6 * abs(c):
        return f"off by a factor: your answer is {c:.4g} times the right one."
    sign = "sign error, and " if c < 0 else ""
    if frac.denominator == 1:
        text = f"{sign}off by a factor of {frac.numerator}: your answer is {frac.numerator} times too big."
        size = frac.numerator
    elif frac.numerator == 1:
        text = f"{sign}off by a factor of {frac.denominator}: your answer is 1/{frac.denominator} of the right one."
        size = frac.denominator
    else:
        return f"{sign}off by a factor of {frac}: your answer is {frac} times the right one."
    named = [n for n, v in dims.items() if v == size and size > 1]
    if named:
        text += f" Here {named[0]} = {size}: is a 1/{named[0]} missing or extra?"
    elif size == 2:
        text += " Check the 2 that a square brings down, or a ½ in front."
    return text[0].upper() + text[1:]


def diagnose(comp: Compiled, values: list[np.ndarray], parsed: str) -> Verdict:
    """Compare the answer's values at the problem's points with the key and explain any difference."""
    p = comp.problem
    label = p.target_label
    answer, key = _squeeze(values), _squeeze(comp.key)
    shape = shape_text(answer[0].shape, p.dims)

    def verdict(kind: str, message: str, codes: list[str]) -> Verdict:
        extra = known_mistake(comp, values)
        if extra and kind == "incorrect" and extra not in message:
            message = extra if codes == ["entries"] else f"{message} {extra}"
            codes = codes + ["known-mistake"] if codes != ["entries"] else ["known-mistake"]
        return Verdict(kind, message, codes, parsed, shape)

    if answer[0].shape != key[0].shape:
        got, want = shape_text(answer[0].shape, p.dims), shape_text(key[0].shape, p.dims)
        other = _other_variable(comp, answer)
        if other:
            return verdict("incorrect", f"that is {p.label_for(other)}, not {label}.", ["shape", "other-variable"])
        if answer[0].shape == key[0].shape[::-1]:
            if _close([a.T for a in answer], key):
                return verdict("incorrect", f"your answer is {got} but {label} is {want}: transposed? "
                               "Its transpose is exactly right.", ["shape", "transpose"])
            return verdict("incorrect", f"your answer is {got} but {label} is {want}: transposed?",
                           ["shape", "transpose"])
        why = ""
        if p.kind == "gradient" and p.wrt in p.vars:
            why = f" A gradient always has the shape of its variable, and {p.wrt} is {want}."
        return verdict("incorrect", f"your answer is {got} but {label} is {want}.{why}", ["shape"])

    if not all(np.all(np.isfinite(a)) for a in answer):
        return verdict("incorrect", "your answer is undefined (NaN or infinite) at some points where "
                       f"{label} is not: a log or sqrt of a negative number, or a division by zero?",
                       ["undefined"])
    if _close(answer, key):
        return Verdict("correct", "Correct.", [], parsed, shape)
    if _close(answer, [-k for k in key]):
        return verdict("incorrect", f"Sign error: your answer is exactly −{label}.", ["sign"])
    flat_a = np.concatenate([a.reshape(-1) for a in answer])
    flat_k = np.concatenate([k.reshape(-1) for k in key])
    kk = float(flat_k @ flat_k)
    if np.allclose(flat_a, 0.0, atol=ATOL):
        return verdict("incorrect", f"your answer is zero everywhere, but {label} is not.", ["zero"])
    if kk > 0:
        c = float(flat_a @ flat_k) / kk
        if abs(c) > 1e-9 and np.allclose(flat_a, c * flat_k, rtol=RTOL, atol=ATOL):
            return verdict("incorrect", _factor_words(c, p.dims), ["factor"])
    diff = flat_a - flat_k
    if np.allclose(diff, diff[0], rtol=RTOL, atol=ATOL):
        off = float(diff[0])
        sign = "+" if off > 0 else "−"
        return verdict("incorrect", f"Off by a constant: your answer is {label} {sign} {abs(off):.4g} "
                       "everywhere. A constant term should have dropped out when you differentiated.",
                       ["offset"])
    other = _other_variable(comp, answer)
    if other:
        return verdict("incorrect", f"that is {p.label_for(other)}, not {label}.", ["other-variable"])
    mistake = known_mistake(comp, values)
    if mistake:
        return Verdict("incorrect", mistake, ["known-mistake"], parsed, shape)
    return Verdict("incorrect", _entries_message(comp, answer, key), ["entries"], parsed, shape)


def _other_variable(comp: Compiled, answer: list[np.ndarray]) -> str | None:
    for name, grad in comp.others.items():
        if _close(answer, _squeeze(grad)):
            return name
    return None


def known_mistake(comp: Compiled, values: list[np.ndarray]) -> str | None:
    """The message of the problem's known mistake that these values match, if any."""
    answer = _squeeze(values)
    for message, mistake_values in comp.mistakes:
        if _close(answer, _squeeze(mistake_values)):
            return message
    return None


def _entries_message(comp: Compiled, answer: list[np.ndarray], key: list[np.ndarray]) -> str:
    p = comp.problem
    label = p.target_label
    agree = [a.shape == k.shape and np.allclose(a, k, rtol=RTOL, atol=ATOL) for a, k in zip(answer, key)]
    first = agree.index(False)
    env = comp.points[first]
    if key[0].ndim == 0:
        where = ", ".join(f"{n} = {float(env[n]):.3g}" for n, v in p.vars.items() if v.shape == ())
        where = f"at {where}, " if where else ""
        text = (f"Not equal: {where}your answer is {_fmt(answer[first])} "
                f"but {label} is {_fmt(key[first])}.")
        if any(agree):
            text += f" It agrees at {sum(agree)} of {len(agree)} test points, so part of it is right."
        return text
    wrong = np.zeros(key[0].shape, dtype=bool)
    for a, k in zip(answer, key):
        wrong |= ~np.isclose(a, k, rtol=RTOL, atol=ATOL)
    idx = [tuple(int(i) for i in ix) for ix in np.argwhere(wrong)]
    if len(idx) < wrong.size:
        listed = ", ".join(str(i) for i in idx[:6]) + (" ..." if len(idx) > 6 else "")
        return (f"These entries differ: {listed}; the other {wrong.size - len(idx)} of {wrong.size} are right. "
                f"At one test point your answer is {_fmt(answer[first])} but {label} is {_fmt(key[first])}.")
    return (f"Every entry differs. At one test point your answer is {_fmt(answer[first])} "
            f"but {label} is {_fmt(key[first])}.")
