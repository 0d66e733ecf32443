"""The warm worker: answers checks, survives hostile code, restarts when killed, and keeps
torch out of the process that talks to it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grading.conftest import SOLUTION
from tutor.grading.client import GradingClient, WorkerError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    worker = GradingClient(load_torch=False)
    yield worker
    worker.close()


def test_the_worker_grades_and_names_bugs(client):
    assert client.check("softmax", SOLUTION).passed
    bad = client.check("softmax", "import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)\n")
    assert bad.diagnosis.mutant == "no-max-shift"
    assert "For example" in client.statement("softmax")


def test_the_worker_survives_hostile_code_and_restarts_when_killed(client):
    pid = client.pid
    result = client.check("softmax", "import os, signal\ndef softmax(x):\n    os.kill(os.getppid(), signal.SIGKILL)\n    return x\n")
    assert not result.passed
    assert client.pid == pid  # the worker itself was out of reach
    os.kill(pid, signal.SIGKILL)
    assert client.check("softmax", SOLUTION).passed  # a new worker took over
    assert client.pid != pid


def test_an_unknown_task_is_an_error_not_a_crash(client):
    with pytest.raises(WorkerError):
        client.check("no-such-task", SOLUTION)
    assert client.check("softmax", SOLUTION).passed


def test_the_client_imports_neither_torch_nor_numpy():
    code = ("import sys\nfrom tutor.grading.client import GradingClient\n"
            "print(sorted(m for m in ('torch', 'numpy') if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert run.stdout.strip() == "[]", run.stderr
