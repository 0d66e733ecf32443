"""Hostile or broken solutions get a clear verdict within the time limit and hurt nothing.

Each test grades one bad file for the softmax task with a one-second wall clock, then checks
the verdict, that the learner's home and database are untouched, and that no process is
left behind.
"""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from tests.grading.conftest import SOLUTION, assert_no_strays
from tutor.grading.engine import grade
from tutor.grading.sandbox import namespaces_available

needs_namespaces = pytest.mark.skipif(not namespaces_available(), reason="this OS refuses namespaces")


def run_bad(task, source: str):
    """Grade ``source``; it must come back quickly and leave nothing running."""
    started = time.monotonic()
    result = grade(task, source)
    assert time.monotonic() - started < task.spec.time_limit_s + 4
    assert not result.passed
    assert_no_strays()
    return result


def statuses(result) -> set[str]:
    return {c.status for c in result.cases if c.kind == "case"}


def test_infinite_loop_times_out(quick_task):
    result = run_bad(quick_task, "def softmax(x):\n    while True:\n        pass\n")
    assert result.cases[0].status == "timeout"
    assert "did not finish within 1 s" in result.cases[0].message
    assert {c.status for c in result.cases[1:]} == {"skipped"}


def test_unbounded_memory_is_stopped(quick_task):
    source = "import numpy as np\ndef softmax(x):\n    keep = []\n    while True:\n        keep.append(np.ones(10**8))\n"
    result = run_bad(quick_task, source)
    assert result.cases[0].status == "error"
    assert "ran out of memory" in result.cases[0].message


def test_fork_bomb_is_contained(quick_task):
    source = ("import os\ndef softmax(x):\n    while True:\n        try:\n            os.fork()\n"
              "        except OSError:\n            pass\n")
    result = run_bad(quick_task, source)
    assert result.cases[0].status in ("timeout", "error")


def test_os_system_cannot_touch_the_learners_files(quick_task, home):
    keep = home / "notes.txt"
    keep.write_text("mine")
    source = (f"import os\ndef softmax(x):\n    os.system('rm -rf {home} /tmp/*; echo gone > {keep}')\n"
              f"    return x\n")
    result = run_bad(quick_task, source)
    assert keep.read_text() == "mine"
    assert "fail" in statuses(result)


def test_the_database_is_out_of_reach(quick_task, home):
    db = home / "tutor.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(100))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    source = (f"def softmax(x):\n    data = open({str(db)!r}, 'rb').read()\n"
              f"    open({str(db)!r}, 'wb').write(b'gone')\n    return x\n")
    result = run_bad(quick_task, source)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert result.cases[0].status == "error"
    assert "Error" in result.cases[0].message  # FileNotFoundError or PermissionError, never a pass


def test_sys_exit_is_a_clear_error(quick_task):
    result = run_bad(quick_task, "import sys\ndef softmax(x):\n    sys.exit(3)\n")
    assert "called sys.exit()" in result.cases[0].message
    assert result.cases[1].status == "error"  # the run goes on to the next case


def test_os_exit_ends_the_run_with_a_verdict(quick_task):
    result = run_bad(quick_task, "import os\ndef softmax(x):\n    os._exit(0)\n")
    assert "ended the process" in result.cases[0].message


def test_a_segfault_is_reported(quick_task):
    result = run_bad(quick_task, "import ctypes\ndef softmax(x):\n    return ctypes.string_at(0)\n")
    assert "segmentation fault" in result.cases[0].message


def test_printing_100_mb_is_capped(quick_task):
    source = "def softmax(x):\n    for _ in range(100):\n        print('x' * 1_000_000)\n    return x\n"
    result = run_bad(quick_task, source)  # 100 MB in all
    assert "printed more than the output limit" in result.cases[0].message
    assert len(result.output) < 20_000
    assert "bytes in all" in result.output


def test_wrong_type(quick_task):
    result = run_bad(quick_task, "def softmax(x):\n    return 'probabilities'\n")
    assert "got a str" in result.cases[0].message


def test_wrong_shape(quick_task):
    source = "import numpy as np\ndef softmax(x):\n    return np.exp(x).sum(axis=-1)\n"
    result = run_bad(quick_task, source)
    assert "expected shape" in result.cases[0].message


def test_forgetting_return(quick_task):
    source = "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max())\n"
    result = run_bad(quick_task, source)
    assert "forget `return`" in result.cases[0].message


def test_an_exception_names_its_line(quick_task):
    result = run_bad(quick_task, "def softmax(x):\n    y = 1\n    raise ValueError('boom')\n")
    assert result.cases[0].message.startswith("line 3: ValueError: boom")


def test_a_missing_import(quick_task):
    result = run_bad(quick_task, "import numpyy as np\n" + SOLUTION)
    assert result.status == "error"
    assert "No module named 'numpyy'" in result.message
    assert statuses(result) == {"skipped"}


def test_a_syntax_error_is_reported_without_running(quick_task):
    result = grade(quick_task, "def softmax(x)\n    return x\n")
    assert result.status == "error"
    assert result.message.startswith("line 1: SyntaxError")


def test_monkeypatching_numpy_changes_nothing_outside(quick_task):
    source = ("import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.abs = lambda x: 0 * x\n"
              "np.testing.assert_allclose = lambda *a, **k: None\ndef softmax(x):\n    return x\n")
    result = run_bad(quick_task, source)
    assert "fail" in statuses(result)
    assert grade(quick_task, SOLUTION).passed  # this process's NumPy is intact


def test_monkeypatching_the_checker_changes_nothing(quick_task):
    source = ("import sys\nfor name, module in list(sys.modules.items()):\n"
              "    if name.startswith('tutor.grading'):\n"
              "        for attr in ('compare', 'compare_arrays', 'judge'):\n"
              "            if hasattr(module, attr):\n"
              "                setattr(module, attr, lambda *a, **k: None)\n"
              "def softmax(x):\n    return x\n")
    result = run_bad(quick_task, source)
    assert "fail" in statuses(result)


def test_importing_the_reference_is_flagged(quick_task):
    source = "from kernels.numpy.losses import softmax\n"
    result = grade(quick_task, source)
    assert not result.passed
    assert any("holds the answer" in c.message for c in result.cases if c.kind == "check")


def test_killing_the_parent_hurts_nobody(quick_task):
    source = ("import os, signal\ndef softmax(x):\n    for pid in (os.getppid(), 0, -1):\n"
              "        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n"
              "            pass\n    return x\n")
    result = run_bad(quick_task, source)
    assert result.cases  # a verdict came back, and this process is alive to read it


@needs_namespaces
def test_no_network(quick_task):
    source = ("import socket\ndef softmax(x):\n    socket.create_connection(('1.1.1.1', 53), timeout=0.5)\n"
              "    return x\n")
    result = run_bad(quick_task, source)
    assert "network-namespace" in result.isolation
    assert result.cases[0].status == "error"


def test_the_environment_is_scrubbed(quick_task, home, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN", "hunter2")
    source = "import os\ndef softmax(x):\n    print(sorted(os.environ.items()))\n    return x\n"
    result = run_bad(quick_task, source)
    assert "hunter2" not in result.output
    assert "TUTOR_DB_URL" not in result.output and "TUTOR_HOME" not in result.output


HIDDEN_BY_TMPFS = ("/tmp/", "/var/tmp/", "/dev/shm/")  # the sandbox mounts these empty


@needs_namespaces
@pytest.mark.parametrize("where", ["the repository", "the numpy package"])
def test_the_file_system_is_read_only_outside_tmp(quick_task, where):
    import numpy

    here = os.path.dirname(os.path.abspath(__file__ if where == "the repository" else numpy.__file__))
    target = os.path.join(here, "written-by-a-learner.txt")
    source = f"def softmax(x):\n    open({target!r}, 'w').write('x')\n    return x\n"
    result = run_bad(quick_task, source)
    assert not os.path.exists(target)
    message = result.cases[0].message
    if target.startswith(HIDDEN_BY_TMPFS):
        # A checkout under /tmp is not even visible inside the sandbox: its /tmp is empty.
        assert "No such file or directory" in message or "Read-only file system" in message
    else:
        assert "Read-only file system" in message or "Permission" in message


def test_without_pidfd_the_supervisor_polls(quick_task, monkeypatch):
    """Kernels before 5.3 have no pidfd: the wall clock still holds, and results still arrive."""
    from tutor.grading import sandbox

    monkeypatch.setattr(sandbox, "_exit_notifier", lambda pid: None)
    assert grade(quick_task, SOLUTION).passed
    result = run_bad(quick_task, "def softmax(x):\n    while True:\n        pass\n")
    assert result.cases[0].status == "timeout"
