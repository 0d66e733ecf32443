"""The drill worker: ``python -m tutor.drills.worker [--no-torch]``.

The grading worker's protocol (one JSON request per line, see ``tutor.grading.worker``) with
one more op: ``{"op": "bench", "task": ..., "source": ...}`` runs the speed round and answers
``{"speed": {...}}`` (see ``speed.SpeedResult``). ``check`` and ``statement`` are answered by
the grading worker's own code, so a drill is graded exactly as the task is.

Before NumPy is imported, BLAS and OpenMP are pinned to one thread, so that the speed round
compares code, not thread pools, and gives the same figures on a laptop and a shared server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS")


def pin_threads(env: dict) -> dict:
    """``env`` with every BLAS/OpenMP thread count set to 1."""
    return {**env, **{name: "1" for name in THREAD_VARIABLES}}


def _make_worker():
    from tutor.grading.worker import Worker

    class DrillWorker(Worker):
        """The grading worker, plus the speed round."""

        def handle(self, request: dict) -> dict:
            if request.get("op") == "bench":
                from tutor.drills.bench import speed_round

                task = self.task(str(request["task"]))
                return {"speed": speed_round(task, str(request.get("source", ""))).to_dict()}
            return super().handle(request)

    return DrillWorker()


def _answer(worker, line: str) -> str:
    """One reply line; a bad request gets an error reply and never ends the worker."""
    request_id = None
    try:
        request = json.loads(line)
        request_id = request.get("id")
        reply = worker.handle(request)
    except Exception as error:  # noqa: BLE001
        reply = {"error": f"{type(error).__name__}: {error}"}
    reply["id"] = request_id
    return json.dumps(reply, allow_nan=False) + "\n"


def serve(load_torch: bool) -> int:
    """Answer requests until stdin closes."""
    os.environ.update(pin_threads({}))
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # anything printed by content code goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    import numpy  # noqa: F401 - warm imports are the point of this process

    from tutor.grading import engine, sandbox  # noqa: F401

    sandbox.namespaces_available()
    worker = _make_worker()
    if load_torch:
        import torch

        torch.set_num_threads(1)
    protocol.write(json.dumps({"ready": True, "pid": os.getpid(), "torch": load_torch}) + "\n")
    for line in sys.stdin:
        if line.strip():
            protocol.write(_answer(worker, line))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(prog="python -m tutor.drills.worker")
    parser.add_argument("--no-torch", action="store_true", help="do not import torch (NumPy drills only)")
    args = parser.parse_args(argv)
    return serve(load_torch=not args.no_torch)


if __name__ == "__main__":
    raise SystemExit(main())
