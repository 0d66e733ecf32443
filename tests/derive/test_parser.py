"""Reading answers: what is accepted, how it is shown back, and the live preview."""

from __future__ import annotations

import pytest

from tutor.derive.check import preview
from tutor.derive.render import render
from tutor.derive.syntax import parse_answer

NAMES = {"X", "W", "G", "b", "x", "y", "N"}


@pytest.mark.parametrize("text", [
    "X.T @ G", "-G @ W.T", "sum(G, 0)", "sum(G, axis=1) / N", "(x - y)**2 / 2",
    "sigmoid(x) * (1 - sigmoid(x))", "exp(-x) / (1 + exp(-x))**2", "x - (y - x)", "x / (y * x)",
    "-(x + y)", "x**-1", "(-x)**2", "diag(x) - x @ x.T", "ones(N, 1).T @ G",
])
def test_plain_rendering_reads_back_to_the_same_tree(text):
    tree = parse_answer(text, NAMES, {"N"})
    assert parse_answer(render(tree, unicode=False), NAMES, {"N"}) == tree


def test_pretty_form_uses_math_symbols():
    tree = parse_answer("sigmoid(x) * (1 - sigmoid(x)) + X.T @ G * 2", NAMES)
    assert render(tree, scalars=frozenset({"x"})) == "σ(x)·(1 − σ(x)) + Xᵀ @ G ⊙ 2".replace(" ⊙ 2", "·2")


def test_preview_shows_shape_and_names(bank):
    pv = preview(bank["affine-dw"], "X.T @ G")
    assert pv.ok and pv.pretty == "Xᵀ @ G" and pv.shape == "3×4 (D×M)"
    assert "X is 2×3 (N×D)" in pv.names


def test_preview_explains_a_shape_clash(bank):
    pv = preview(bank["affine-dw"], "X @ G")
    assert not pv.ok and "inner sizes" in pv.message


def test_preview_of_unfinished_input_says_why(bank):
    pv = preview(bank["affine-dw"], "X.T @ (G")
    assert not pv.ok and "never closed" in pv.message


def test_unknown_names_get_a_suggestion(bank):
    pv = preview(bank["softmax-cross-entropy"], "p - Y")
    assert "Did you mean y?" in pv.message


def test_derive_core_does_not_import_textual_or_torch():
    import subprocess
    import sys

    code = ("import sys, tutor.derive.check, tutor.derive.sandbox, tutor.derive.bank, tutor.commands.quiz\n"
            "print(any(m.split('.')[0] in ('textual', 'torch') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_preview_and_checker_client_do_not_import_sympy():
    """The app process previews and sends answers; only the checker process loads SymPy."""
    import subprocess
    import sys

    code = ("import sys, tutor.derive.preview, tutor.derive.sandbox, tutor.derive.bank\n"
            "from tutor.derive.bank import load_bank\n"
            "tutor.derive.preview.preview(load_bank()['affine-dw'], 'X.T @ G')\n"
            "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr
