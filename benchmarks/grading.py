"""Submit-to-verdict time: the warm grading worker against a cold `python -c` per check.

Run from the repository root:  python benchmarks/grading.py [--warm 15] [--cold 5]

For a NumPy task (softmax, day 9) and a torch task (torch-softmax, day 29) it grades the
shipped solution repeatedly and prints the medians and the ratio, all measured in this run.
Targets on the 2-core development machine: NumPy under 150 ms, torch under 400 ms (warm).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TASKS = {"numpy": "softmax", "torch": "torch-softmax"}
COLD = ("import sys, json; from tutor.grading.engine import grade; "
        "r = grade(sys.argv[1], open(sys.argv[2]).read()); print(json.dumps({'passed': r.passed}))")


def solution(task_id: str) -> Path:
    """The shipped solution file of a task."""
    from tutor.grading.spec import find_task_folder

    return find_task_folder(task_id) / "solution.py"


def time_warm(client, task_id: str, reps: int) -> tuple[list[float], list[float]]:
    """(submit-to-verdict ms, grader-internal ms) for ``reps`` checks in the warm worker."""
    source = solution(task_id).read_text()
    client.check(task_id, source)  # the first check of a task builds its cases and expected values
    total, inside = [], []
    for _ in range(reps):
        started = time.perf_counter()
        result = client.check(task_id, source)
        total.append((time.perf_counter() - started) * 1000)
        inside.append(result.duration_ms)
        assert result.passed, result.message
    return total, inside


def time_cold(task_id: str, reps: int) -> list[float]:
    """Submit-to-verdict ms for ``reps`` checks, each in a fresh `python -c` process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", COLD, task_id, str(solution(task_id))],
                             capture_output=True, text=True, env=env, cwd=ROOT)
        times.append((time.perf_counter() - started) * 1000)
        assert '"passed": true' in run.stdout, run.stderr[-2000:]
    return times


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=15, help="checks per task in the warm worker")
    parser.add_argument("--cold", type=int, default=5, help="checks per task in cold processes")
    args = parser.parse_args()
    from tutor.grading.client import GradingClient

    client = GradingClient(load_torch=True)
    started = time.perf_counter()
    client.start()
    print(f"worker ready (NumPy loaded, torch loading in the background): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"machine: {os.cpu_count()} CPUs; {args.warm} warm and {args.cold} cold checks per task")
    print(f"{'task':<22}{'warm median':>12}{'in grader':>11}{'cold median':>13}{'cold / warm':>13}")
    try:
        for framework, task_id in TASKS.items():
            warm, inside = time_warm(client, task_id, args.warm)
            cold = time_cold(task_id, args.cold)
            w, c = statistics.median(warm), statistics.median(cold)
            print(f"{framework + ' (' + task_id + ')':<22}{w:>10.0f} ms{statistics.median(inside):>8.0f} ms"
                  f"{c:>10.0f} ms{c / w:>12.1f}x")
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
