"""`tutor task list`, `tutor check` and `tutor dev check` from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOFTMAX_SOLUTION = ROOT / "lessons/day-09/tasks/softmax/solution.py"


def tutor(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, TUTOR_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("TUTOR_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=ROOT)


def test_task_list_json(tmp_path):
    run = tutor("task", "list", "--json", home=tmp_path)
    assert run.returncode == 0
    tasks = {t["id"]: t for t in json.loads(run.stdout)}
    assert tasks["softmax"] == {"id": "softmax", "day": 9, "title": "Softmax that survives large scores",
                                "kind": "function"}
    assert {"dot-product-loops", "matmul-loops", "matmul-vectorised", "perceptron", "affine-backward"} <= set(tasks)


def test_check_exit_codes_and_json(tmp_path):
    passed = tutor("check", "softmax", "--file", str(SOFTMAX_SOLUTION), "--json", home=tmp_path)
    assert passed.returncode == 0, passed.stderr
    data = json.loads(passed.stdout)
    assert data["task"] == "softmax" and data["passed"] is True and data["score"] == 1.0
    assert {"cases", "diagnosis", "duration_ms"} <= set(data)

    # the workspace file is the starter on first use: it fails, and says so
    failed = tutor("check", "softmax", home=tmp_path)
    assert failed.returncode == 1
    assert "softmax: FAIL" in failed.stdout and "NotImplementedError" in failed.stdout
    assert (tmp_path / "workspace/day-09/softmax.py").is_file()

    assert tutor("check", "no-such-task", home=tmp_path).returncode == 2
    missing = tutor("check", "softmax", "--file", str(tmp_path / "nope.py"), home=tmp_path)
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_check_saves_the_attempt(tmp_path):
    assert tutor("check", "softmax", "--file", str(SOFTMAX_SOLUTION), home=tmp_path).returncode == 0
    from sqlmodel import Session, create_engine, select

    from tutor.store.models import TaskAttempt

    engine = create_engine(f"sqlite:///{tmp_path / 'tutor.db'}")
    with Session(engine) as db:
        attempts = db.exec(select(TaskAttempt)).all()
    assert [(a.task_id, a.day, a.passed) for a in attempts] == [("softmax", 9, True)]
    assert "def softmax" in attempts[0].code and json.loads(attempts[0].verdict_json)["passed"] is True


def test_check_of_a_numpy_task_never_imports_torch(tmp_path):
    code = ("import sys\nfrom tutor.cli import main\n"
            f"rc = main(['check', 'softmax', '--file', {str(SOFTMAX_SOLUTION)!r}, '--no-save', '--json'])\n"
            "sys.stdout.flush()\nprint('TORCH' if 'torch' in sys.modules else 'NO-TORCH', rc)\n")
    env = dict(os.environ, TUTOR_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert run.stdout.strip().endswith("NO-TORCH 0"), run.stdout + run.stderr


@pytest.mark.slow
def test_dev_check_of_one_task(tmp_path):
    run = tutor("dev", "check", "dot-product-loops", home=tmp_path)
    assert run.returncode == 0, run.stdout
    assert "ok   dot-product-loops: mutant no-length-check fails and is named" in run.stdout


def test_watch_checks_again_on_every_save(tmp_path):
    import time

    learner_file = tmp_path / "softmax.py"
    learner_file.write_text("def softmax(x):\n    return x\n")
    env = dict(os.environ, TUTOR_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "tutor", "check", "softmax", "--watch", "--no-save",
                                "--file", str(learner_file)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=ROOT)
    try:
        first = process.stdout.readline()
        assert first.startswith("softmax: FAIL")
        time.sleep(0.05)
        learner_file.write_text(SOFTMAX_SOLUTION.read_text())
        line = process.stdout.readline()
        while line and not line.startswith("softmax:"):
            line = process.stdout.readline()
        assert line.startswith("softmax: PASS")
    finally:
        process.kill()
        process.wait()
