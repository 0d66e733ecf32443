"""The problem bank: coverage of the plan, and every problem's own examples checked."""

from __future__ import annotations

import pytest

from tutor.derive.bank import load_bank, validate_bank
from tutor.derive.check import check_answer

BANK = load_bank()
IDS = sorted(BANK)


def test_bank_validates_cleanly():
    assert validate_bank() == []


def test_bank_has_forty_problems_with_unique_kebab_ids():
    assert len(BANK) >= 40
    assert all(1 <= p.day <= 84 for p in BANK.values())


@pytest.mark.parametrize("topic", [
    "power-rule", "chain-rule-sin", "product-rule", "sigmoid-derivative", "tanh-derivative",
    "relu-backward", "softplus-derivative", "softmax-jacobian", "softmax-cross-entropy",
    "sigmoid-bce-logit", "mse-prediction", "l2-regularisation", "linear-regression-weights",
    "logistic-regression-weights", "perceptron-gradient", "affine-dx", "affine-dw", "affine-db",
    "two-layer-dw1", "two-layer-db1", "two-layer-dw2", "two-layer-db2", "batchnorm-dgamma",
    "batchnorm-dbeta", "batchnorm-dx", "dropout-backward", "conv1d-dw", "conv2d-dx",
    "maxpool-backward", "rnn-step-dh", "lstm-cell-dc", "gru-update-gate",
    "attention-softmax-scores", "layernorm-dx", "gan-generator-nonsaturating",
    "central-difference-error",
])
def test_the_plan_topics_are_covered(topic):
    assert topic in BANK


@pytest.mark.parametrize("pid", IDS)
def test_accepted_forms_are_marked_correct(pid):
    problem = BANK[pid]
    assert len(problem.accept) >= 3
    for text in problem.accept:
        verdict = check_answer(problem, text)
        assert verdict.verdict == "correct", (text, verdict.message)


@pytest.mark.parametrize("pid", IDS)
def test_each_known_mistake_gets_its_message(pid):
    problem = BANK[pid]
    assert problem.mistakes
    for mistake in problem.mistakes:
        verdict = check_answer(problem, mistake.answer)
        assert verdict.verdict == "incorrect"
        assert mistake.message in verdict.message


@pytest.mark.parametrize("pid", IDS)
def test_invalid_inputs_are_refused(pid):
    problem = BANK[pid]
    assert problem.invalid
    for text in problem.invalid:
        verdict = check_answer(problem, text)
        assert verdict.verdict == "invalid", (text, verdict.message)
        assert verdict.message


def test_validate_reports_broken_problems_with_lines(tmp_path):
    folder = tmp_path / "quizzes" / "derivations"
    folder.mkdir(parents=True)
    good = (BANK["power-rule"].source).read_text(encoding="utf-8").split("[[problem]]")[1]
    (folder / "a.toml").write_text(
        "[[problem]]" + good
        + '\n[[problem]]\nid = "Bad_Id"\nday = 3\ntitle = "t"\nstatement = "s"\nf = "x"\nhints = ["h"]\n'
        + 'worked = "w"\naccept = ["1", "1", "1"]\n\n'
        + '[[problem]]\nid = "unknown-name"\nday = 3\ntitle = "t"\nstatement = "s"\nf = "x * zz"\n'
        + 'wrt = "x"\nhints = ["h"]\nworked = "w"\naccept = ["1", "1", "1"]\n[problem.vars.x]\n',
        encoding="utf-8")
    (folder / "b.toml").write_text("[[problem]]\nid = 'x\n", encoding="utf-8")
    found = validate_bank(root=tmp_path)
    messages = {(p.name, line): msg for p, line, msg in found}
    assert any("kebab-case" in m and name == "a.toml" for (name, _), m in messages.items())
    assert any("zz" in m for m in messages.values())
    assert any("bad TOML" in m and name == "b.toml" for (name, _), m in messages.items())
    bad_line = next(line for (name, line), m in messages.items() if "kebab-case" in m)
    text = (folder / "a.toml").read_text().splitlines()
    assert text[bad_line - 1].startswith("id = ")


def test_duplicate_ids_are_reported(tmp_path):
    folder = tmp_path / "quizzes" / "derivations"
    folder.mkdir(parents=True)
    text = BANK["power-rule"].source.read_text(encoding="utf-8")
    first = "[[problem]]" + text.split("[[problem]]")[1]
    (folder / "a.toml").write_text(first + "\n" + first, encoding="utf-8")
    found = validate_bank(root=tmp_path)
    assert any("duplicate id 'power-rule'" in m for _, _, m in found)
