"""What a learner is told about a wrong answer, in the order the issue fixes."""

from __future__ import annotations

from tutor.derive.check import check_answer


def check(bank, pid, text):
    return check_answer(bank[pid], text)


def test_missing_star_is_named(bank):
    v = check(bank, "sigmoid-derivative", "2sigma(x)")
    assert v.verdict == "invalid"
    assert v.message == "missing '*' between 2 and sigma"


def test_sigma_and_the_greek_letter_mean_sigmoid(bank):
    assert check(bank, "sigmoid-derivative", "sigma(x) * (1 - sigma(x))").correct
    assert check(bank, "sigmoid-derivative", "σ(x) * (1 − σ(x))").correct


def test_transposed_answer_is_called_transposed(bank):
    v = check(bank, "affine-dw", "G.T @ X")
    assert v.verdict == "incorrect"
    assert "your answer is 4×3 (M×D) but ∂L/∂W is 3×4 (D×M): transposed?" in v.message
    assert v.diagnosis[:2] == ["shape", "transpose"]


def test_wrong_shape_says_both_shapes(bank):
    v = check(bank, "affine-db", "sum(G, 1)")
    assert "2×1" in v.message and "1×4" in v.message
    assert "shape" in v.diagnosis


def test_inner_size_mismatch_is_explained(bank):
    v = check(bank, "affine-dx", "G @ W")
    assert v.verdict == "incorrect"
    assert "inner sizes" in v.message and "G @ W" in v.message


def test_sign_error(bank):
    v = check(bank, "softmax-cross-entropy", "y - softmax(z)")
    assert v.message.startswith("Sign error")
    assert v.diagnosis[0] == "sign"


def test_factor_of_two(bank):
    v = check(bank, "chain-rule-sin", "4*x*cos(x**2)")
    assert "off by a factor of 2" in v.message.lower()
    assert v.diagnosis == ["factor"]


def test_factor_names_the_batch_size(bank):
    v = check(bank, "linear-regression-weights", "X.T @ r")
    assert "Here N = 4" in v.message


def test_constant_offset(bank):
    v = check(bank, "power-rule", "5*x**4 + 3")
    assert "Off by a constant" in v.message and "+ 3" in v.message


def test_gradient_of_another_variable(bank):
    v = check(bank, "affine-dx", "X.T @ G")
    assert "that is ∂L/∂W, not ∂L/∂X" in v.message
    v = check(bank, "partial-derivative", "y**2 + y*cos(x*y)")
    assert "that is ∂f/∂x, not ∂f/∂y" in v.message


def test_some_entries_wrong_are_listed_as_differing(bank):
    # Wrong only where 0 <= x < 1: the other entries are right.
    v = check(bank, "relu-backward", "G * step(x - 1)")
    assert v.verdict == "incorrect" and v.diagnosis == ["entries"]
    assert "differ" in v.message and "At one test point your answer is" in v.message


def test_wrong_entries_message(bank):
    v = check(bank, "relu-backward", "G * step(x - 1)")
    assert v.verdict == "incorrect"
    assert "differ" in v.message
    v = check(bank, "power-rule", "4*x**3")
    assert v.message.startswith("Not equal: at x = ")


def test_undefined_values_are_reported(bank):
    v = check(bank, "power-rule", "5*x**4 + log(x) - log(x)")
    assert v.diagnosis == ["undefined"]


def test_value_problem_wants_a_simplified_answer(bank):
    v = check(bank, "square-from-limit", "((x + h)**2 - x**2) / h")
    assert v.verdict == "incorrect" and "not simplified" in v.message
    assert check(bank, "square-from-limit", "2*x + h").correct


def test_scalar_answers_are_confirmed_symbolically(bank, monkeypatch):
    import tutor.derive.check

    monkeypatch.setattr(tutor.derive.check, "SIMPLIFY_SECONDS", 5.0)  # a loaded machine is slow
    v = check(bank, "product-rule", "x*(2*sin(x) + x*cos(x))")
    assert v.correct and v.confirmed == "symbolic"
    assert check(bank, "affine-dw", "X.T @ G").confirmed == "numeric"


def test_one_hot_constraint_is_used(bank):
    # p - y is right only because y is one-hot; the unconstrained key is p*sum(y) - y.
    assert check(bank, "softmax-cross-entropy", "p - y").correct
    assert check(bank, "softmax-cross-entropy", "p * sum(y) - y").correct
