"""Learner text is data: hostile or absurd input is refused with a message, and nothing runs."""

from __future__ import annotations

import pytest

from tutor.derive.check import check_answer
from tutor.derive.syntax import MAX_CHARS, InputError, parse_answer

HOSTILE = [
    ("__import__('os').system('touch {marker}')", "not allowed"),
    ("exp(x).__class__", "not allowed"),
    ("x.__class__.__bases__", "not allowed"),
    ("(lambda: 1)()", "not part of the math"),
    ("[t for t in (1,)]", "not part of the math"),
    ("{'a': 1}", "not part of the math"),
    ("'hello'", "not math"),
    ("open('{marker}', 'w')", "not one of the functions"),
    ("eval('1')", "not one of the functions"),
    ("globals()", "not one of the functions"),
    ("x if x else x", "not part of the math"),
    ("x[0]", "indexing"),
    ("(y := 1)", "not part of the math"),
    ("9**9**9**9", "exponent"),
    ("x**10**10", "exponent"),
    ("factorial(10**7)", "not one of the functions"),
    ("10**400", "too large"),
    ("1" * 500, "characters long"),
    ("sin(exp(exp(exp(3))))", "too large"),
    ("exp(1000)", "too large"),
    ("(" * 200 + "x" + ")" * 200, ""),
    ("ones(10**6, 10**6)", "whole number"),
    ("-".join(["x"] * 190), "too big"),
    ("(x-x)" + "*(x-x)" * 60, "too big"),
]

LOOKALIKES = [
    ("ｘ**5", "FULLWIDTH LATIN SMALL LETTER X"),
    ("х**5", "CYRILLIC SMALL LETTER HA"),
    ("𝑥**5", "MATHEMATICAL ITALIC SMALL X"),
    ("x\u200b**5", "ZERO WIDTH SPACE"),
    ("ⅹ**5", "SMALL ROMAN NUMERAL TEN"),
]


@pytest.mark.parametrize("text, expected", HOSTILE)
def test_hostile_input_is_refused_and_nothing_runs(bank, tmp_path, text, expected):
    marker = tmp_path / "pwned"
    text = text.replace("{marker}", str(marker))
    verdict = check_answer(bank["power-rule"], text)
    assert verdict.verdict == "invalid"
    assert expected in verdict.message
    assert not marker.exists()


@pytest.mark.parametrize("text, name", LOOKALIKES)
def test_unicode_lookalikes_are_named(bank, text, name):
    verdict = check_answer(bank["power-rule"], text)
    assert verdict.verdict == "invalid"
    assert name in verdict.message


def test_the_mapped_symbols_are_read():
    tree = parse_answer("σ(z) − y ⊙ zᵀ", {"z", "y"})
    from tutor.derive.render import render

    assert render(tree, unicode=False) == "sigmoid(z) - y * z.T"


def test_length_limit_is_stated():
    with pytest.raises(InputError, match=str(MAX_CHARS)):
        parse_answer("x+" * MAX_CHARS + "x", {"x"})


def test_parsing_never_calls_eval(monkeypatch, bank):
    import builtins

    def boom(*args, **kwargs):
        raise AssertionError("eval or exec was called")

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    assert check_answer(bank["power-rule"], "5*x**4").correct
    assert check_answer(bank["power-rule"], "__import__('os')").verdict == "invalid"


def test_sandboxed_checker_refuses_injection_and_survives(tmp_path):
    from tutor.derive.sandbox import Checker

    marker = tmp_path / "pwned"
    with Checker(timeout=60) as checker:
        v = checker.check("power-rule", f"__import__('os').system('touch {marker}')")
        assert v.verdict == "invalid"
        assert checker.check("power-rule", "5*x**4").correct
    assert not marker.exists()


def test_a_check_past_its_deadline_is_stopped_and_the_checker_restarts():
    from tutor.derive.sandbox import Checker

    with Checker(timeout=60) as checker:
        checker.warm("affine-dw")
        checker.timeout = 1e-6  # no check can finish in a microsecond: the worker is killed
        v = checker.check("affine-dw", "X.T @ G")
        assert v.verdict == "error" and "too long" in v.message
        checker.timeout = 30
        assert checker.check("affine-dw", "X.T @ G").correct


def test_worker_cpu_budget_interrupts_python_code():
    """The SIGXCPU handler set by the worker turns a CPU overrun into an exception."""
    import subprocess
    import sys

    code = (
        "import signal, resource\n"
        "from tutor.derive import sandbox\n"
        "signal.signal(signal.SIGXCPU, sandbox._on_xcpu)\n"
        "sandbox._set_cpu_budget(0)\n"
        "try:\n"
        "    n = 0\n"
        "    while True:\n"
        "        n += 1\n"
        "except sandbox._CpuLimit:\n"
        "    print('stopped')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "stopped"
