"""The speed round in the real drill worker: a benchmark input from the task's cases, both sides timed.

No test here asserts a time: only that the round runs, what it reports, and how the input is built.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.drills.conftest import GOOD_SOFTMAX, NAIVE_SOFTMAX
from tutor.drills import bench
from tutor.drills.client import DrillClient
from tutor.grading.engine import Task


@pytest.fixture(scope="module")
def client():
    worker = DrillClient(load_torch=False)
    yield worker
    worker.close()


def test_benchmark_input_is_the_largest_case_scaled_up():
    task = Task.load("softmax")
    case = bench.benchmark_case(task)
    x = case.call_args[0]
    assert x.ndim == 2 and x.size >= bench.TARGET_ELEMENTS
    assert x.size > max(np.size(c.call_args[0]) for c in task.cases)
    assert case.dims == {"N": x.shape[0], "C": x.shape[1]}


def test_loop_tasks_get_a_smaller_benchmark_and_refused_sizes_are_never_used():
    task = Task.load("dot-product-loops")
    case = bench.benchmark_case(task)
    x, y = case.call_args
    assert x.shape == y.shape  # the "lengths differ" case, which raises, is not the benchmark
    assert bench.LOOP_TARGET_ELEMENTS <= x.size + y.size < bench.TARGET_ELEMENTS


def test_a_drill_is_graded_and_raced_in_the_worker(client):
    assert not client.check("softmax", NAIVE_SOFTMAX).passed
    assert client.check("softmax", GOOD_SOFTMAX).passed
    speed = client.bench("softmax", GOOD_SOFTMAX)
    assert speed.ok and speed.speedup > 0 and speed.learner_ms > 0 and speed.reference_ms > 0
    assert speed.threads == 1 and speed.repeats >= bench.MIN_REPEATS and speed.clock == "cpu"
    assert "speed round:" in speed.summary() and "1 thread" in speed.summary()


def test_code_that_breaks_on_the_benchmark_input_gets_no_speedup(client):
    broken = GOOD_SOFTMAX.replace("    e = np", "    assert x.size < 1000, 'too big'\n    e = np")
    speed = client.bench("softmax", broken)
    assert not speed.ok and speed.speedup is None and "too big" in speed.message
