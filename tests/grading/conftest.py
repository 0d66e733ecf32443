"""Shared fixtures for the grading tests: a learner home in tmp_path, a quick task, strays."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from tutor.grading.engine import Task

SOLUTION = """
import numpy as np

def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
"""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """TUTOR_HOME and the database live in tmp_path; returns the home folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("TUTOR_HOME", str(folder))
    monkeypatch.setenv("TUTOR_DB_URL", f"sqlite:///{folder / 'tutor.db'}")
    return folder


@pytest.fixture(scope="session")
def softmax_task() -> Task:
    """The shipped softmax task, loaded once."""
    return Task.load("softmax")


@pytest.fixture
def quick_task(softmax_task) -> Task:
    """The softmax task with a one-second wall clock and 256 MiB, for hostile code."""
    spec = softmax_task.spec.model_copy(update={"time_limit_s": 1.0, "memory_mb": 256})
    return replace(softmax_task, spec=spec, expected={})


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def stray_processes() -> set[int]:
    """Processes left behind by sandboxes: our descendants, and orphans running as a sandbox uid
    (other programs' live sandboxes have a living parent, so they do not count)."""
    strays = _descendants(os.getpid())
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            uid, parent = int(fields["Uid"].split()[0]), int(fields["PPid"])
        except (OSError, KeyError, ValueError):
            continue
        if 200_000 <= uid < 300_000 and parent == 1:
            strays.add(int(status.parent.name))
    return strays


def assert_no_strays(timeout: float = 5.0) -> None:
    """Fail if sandbox processes are still alive after ``timeout`` (other tests' short runs may
    overlap, so wait for them to end rather than failing at once)."""
    import time

    deadline = time.monotonic() + timeout
    while (left := stray_processes()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"processes left behind: {sorted(left)}"
