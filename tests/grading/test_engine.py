"""Each kind of task, graded end to end: what passes, what fails, and what the learner is told."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tutor.grading.engine import Task, grade

SOFTMAX_LOSS = """
import numpy as np

def softmax_loss(x, y):
    n = x.shape[0]
    rows = np.arange(n)
    shifted = x - x.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[rows, y])
    dx = np.exp(log_p)
    dx[rows, y] -= 1
    return loss, DX
"""


def without_mutants(task: Task) -> Task:
    """The same task with no known mutants, so only the generic diagnoses can speak."""
    return replace(task, spec=task.spec.model_copy(update={"mutant": []}), expected={})


@pytest.fixture(scope="module")
def tasks():
    return {name: Task.load(name) for name in
            ("softmax", "softmax-loss", "matmul-vectorised", "affine-backward", "perceptron", "dot-product-loops")}


def test_a_known_bug_is_named(tasks):
    source = "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(axis=-1, keepdims=True)\n"
    result = grade(tasks["softmax"], source)
    assert not result.passed
    assert result.diagnosis.mutant == "no-max-shift"
    assert "subtracting the max" in result.diagnosis.message
    failed = [c for c in result.cases if not c.passed]
    assert [c.name for c in failed] == ["large scores"]
    assert failed[0].worst_index is not None and failed[0].expected is not None


def test_a_gradient_n_times_too_large_names_the_batch(tasks):
    result = grade(without_mutants(tasks["softmax-loss"]), SOFTMAX_LOSS.replace("DX", "dx"))
    assert result.diagnosis.kind == "scaled"
    assert "exactly N times too large" in result.diagnosis.message
    assert "averaging over the batch" in result.diagnosis.message
    # the same bug, with the task's mutants: the mutant's own words
    named = grade(tasks["softmax-loss"], SOFTMAX_LOSS.replace("DX", "dx"))
    assert named.diagnosis.mutant == "gradient-not-averaged"


def test_a_constant_factor_and_a_sign_are_named(tasks):
    task = without_mutants(tasks["softmax-loss"])
    assert "times 2" in grade(task, SOFTMAX_LOSS.replace("DX", "2 * dx / n")).diagnosis.message
    assert "wrong sign" in grade(task, SOFTMAX_LOSS.replace("DX", "-dx / n")).diagnosis.message


def test_a_transposed_result_is_named(tasks):
    result = grade(without_mutants(tasks["matmul-vectorised"]), "def matmul(A, B):\n    return (A @ B).T\n")
    assert result.diagnosis.kind == "transposed"


def test_no_match_shows_the_worst_entries(tasks):
    source = "import numpy as np\ndef softmax(x):\n    return np.full(x.shape, 0.25, dtype=x.dtype)\n"
    result = grade(without_mutants(tasks["softmax"]), source)
    assert result.diagnosis.kind == "worst"
    assert "The worst entries" in result.diagnosis.message


def test_a_gradient_failure_cites_central_differences(tasks):
    source = ("import numpy as np\ndef affine_backward(dout, cache):\n    x, w, b = cache\n"
              "    n = x.shape[0]\n    return (dout @ w.T).reshape(x.shape), dout.T @ x.reshape(n, -1), dout.sum(axis=0)\n")
    result = grade(tasks["affine-backward"], source)
    assert result.diagnosis.mutant == "transposed-dw"
    first = result.first_failure()
    assert first.message.startswith("dw:")
    assert "Central differences in float64 agree" in first.message


def test_a_training_task_scores_the_trained_parameters(tasks):
    source = ("import numpy as np\ndef perceptron_train(X, y, lr=1.0, epochs=10):\n    w = np.zeros(X.shape[1])\n"
              "    for _ in range(epochs):\n        for xi, yi in zip(X, y):\n"
              "            y_hat = 1 if xi @ w > 0 else 0\n            w = w + lr * (yi - y_hat) * xi\n"
              "    return w, 0.0\n")
    result = grade(tasks["perceptron"], source)
    assert not result.passed
    and_case = next(c for c in result.cases if c.name == "AND")
    assert and_case.status == "fail" and "accuracy" in and_case.message and and_case.actual < 1.0
    assert result.diagnosis.mutant == "bias-never-updated"


def test_a_spec_task_reads_the_code(tasks):
    source = ("import numpy as np\ndef matmul(A, B):\n    C = np.zeros((A.shape[0], B.shape[1]))\n"
              "    for i in range(A.shape[0]):\n        for j in range(B.shape[1]):\n"
              "            C[i, j] = A[i] @ B[:, j]\n    if A.shape[1] != B.shape[0]:\n        raise ValueError\n"
              "    return C\n")
    result = grade(tasks["matmul-vectorised"], source)
    check = next(c for c in result.cases if c.name == "no nested loops")
    assert check.status == "fail" and "nested 2 deep (line 5)" in check.message


def test_an_expected_exception_must_be_raised(tasks):
    source = "def dot(x, y):\n    total = 0.0\n    for a, b in zip(x, y):\n        total += a * b\n    return total\n"
    result = grade(tasks["dot-product-loops"], source)
    case = next(c for c in result.cases if c.name == "lengths differ")
    assert case.status == "fail" and "expected your function to raise ValueError" in case.message
    assert result.diagnosis.mutant == "no-length-check"


def test_the_result_is_one_json_object(tasks):
    result = grade(tasks["softmax"], "def softmax(x):\n    return x\n")
    data = json.loads(result.to_json())
    assert {"task", "passed", "score", "cases", "diagnosis", "duration_ms"} <= set(data)
    assert {"name", "status", "message", "max_abs_err", "rel_err", "worst_index"} <= set(data["cases"][0])
    assert data["passed"] is False and 0 <= data["score"] < 1


def test_a_torch_task_runs_the_learners_tensor_code():
    pytest.importorskip("torch")
    task = Task.load("torch-softmax")
    solution = (task.folder / "solution.py").read_text()
    assert grade(task, solution).passed
    bad = "import torch\ndef softmax(x):\n    e = torch.exp(x)\n    return e / e.sum(dim=-1, keepdim=True)\n"
    result = grade(task, bad)
    assert result.diagnosis.mutant == "no-max-shift"
    assert result.device == "cpu" or result.device.startswith("cuda")


def test_expected_values_from_a_child_match_those_computed_here():
    """The GPU path computes the reference in a forked child; on the CPU it must agree."""
    pytest.importorskip("torch")
    import numpy as np

    from tutor.grading.engine import _expected_in_child, limits_for
    from tutor.grading.kinds import expected_for

    task = Task.load("torch-softmax")
    from_child = _expected_in_child(task, "cpu", limits_for(task.spec, "cpu"))()
    for case, answer in zip(task.cases, from_child):
        np.testing.assert_array_equal(answer.value, expected_for(task.spec, task.folder, case).value)
