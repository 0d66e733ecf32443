"""The warm grading worker: ``python -m tutor.grading.worker``.

It imports NumPy and torch once (torch in the background, while NumPy checks are already
answered), then answers requests, one JSON object per line on stdin
and stdout: ``{"id": 1, "op": "check", "task": "softmax", "source": "..."}`` gets
``{"id": 1, "result": {...}}`` (see ``result.Result``); ``op`` may also be ``statement``
(the statement with its example computed) or ``ping``. Each check forks a sandboxed child,
so a verdict costs milliseconds instead of the seconds that importing torch takes.

CUDA is never initialised here: a forked child cannot use a CUDA context made before the
fork, so GPU work happens only in children (see ``engine._run_expected``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import traceback


class Worker:
    """Keeps loaded tasks (with their cases built) and answers requests."""

    def __init__(self) -> None:
        self._tasks: dict = {}

    def task(self, task_id: str):
        """The loaded task, reloaded when its spec file changes."""
        from tutor.grading.engine import Task
        from tutor.grading.spec import find_task_folder

        folder = find_task_folder(task_id)
        stamp = max(p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file())
        cached = self._tasks.get(task_id)
        if cached is None or cached[0] != stamp:
            cached = (stamp, Task.load(folder))
            self._tasks[task_id] = cached
        return cached[1]

    def handle(self, request: dict) -> dict:
        """Answer one request."""
        op = request.get("op")
        if op == "ping":
            return {"pong": True, "pid": os.getpid()}
        if op == "check":
            from tutor.grading.engine import grade

            result = grade(self.task(str(request["task"])), str(request.get("source", "")))
            return {"result": result.to_dict()}
        if op == "statement":
            from tutor.grading.statement import render_statement

            task = self.task(str(request["task"]))
            return {"text": render_statement(task.spec, task.folder)}
        return {"error": f"unknown op {op!r}"}


def _answer(worker: Worker, line: str) -> str:
    request_id = None
    try:
        request = json.loads(line)
        request_id = request.get("id")
        reply = worker.handle(request)
    except Exception as error:  # noqa: BLE001 - one bad request must not end the worker
        reply = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()[-2000:]}
    reply["id"] = request_id
    return json.dumps(reply, allow_nan=False) + "\n"


class NumpyZygote:
    """A child forked before torch is imported, which grades the NumPy tasks.

    Forking a process that has torch loaded (half a gigabyte mapped) costs tens of
    milliseconds, twice per check; forking this small one costs about one.
    """

    def __init__(self, worker: Worker):
        to_child, self._send = os.pipe()
        self._receive, from_child = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._send)
            os.close(self._receive)
            code = 0
            try:
                replies = os.fdopen(from_child, "w", buffering=1, encoding="utf-8")
                for line in os.fdopen(to_child, encoding="utf-8"):
                    replies.write(_answer(worker, line))
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_child)
        self._writer = os.fdopen(self._send, "w", buffering=1, encoding="utf-8")
        self._reader = os.fdopen(self._receive, encoding="utf-8")

    def ask(self, line: str) -> str | None:
        """Forward one request line; None if the zygote is gone."""
        try:
            self._writer.write(line if line.endswith("\n") else line + "\n")
            return self._reader.readline() or None
        except OSError:
            return None


def _framework(task_id: str) -> str:
    from tutor.grading.spec import find_task_folder, load_spec

    try:
        return load_spec(find_task_folder(task_id)).framework
    except Exception:  # noqa: BLE001 - the main worker will report the problem
        return "torch"


def serve(load_torch: bool = True) -> int:
    """Run the request loop until stdin closes."""
    # Only protocol lines go to the real stdout; anything else printed goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import numpy  # noqa: F401 - warm imports are the point of this process

    from tutor.grading import engine, sandbox  # noqa: F401

    sandbox.namespaces_available()
    worker = Worker()
    zygote = NumpyZygote(worker) if load_torch else None
    # torch loads in the background: NumPy checks are answered by the zygote meanwhile, and
    # anything this process answers waits for the import (so no thread runs when it forks).
    importer = threading.Thread(target=_import_torch, daemon=True)
    if load_torch:
        importer.start()
    protocol.write(json.dumps({"ready": True, "pid": os.getpid(), "torch": load_torch}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        reply = None
        if zygote is not None:
            try:
                request = json.loads(line)
            except ValueError:
                request = {}
            if request.get("op") in ("check", "statement") and _framework(str(request.get("task"))) == "numpy":
                reply = zygote.ask(line)
                if reply is None:
                    zygote = None  # it died: grade here from now on
        if reply is None and importer.is_alive():
            importer.join()
        protocol.write(reply or _answer(worker, line))
    return 0


def _import_torch() -> None:
    import torch

    torch.set_num_threads(1)  # tiny tensors; and no OpenMP pool to confuse forked children


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(prog="python -m tutor.grading.worker")
    parser.add_argument("--no-torch", action="store_true", help="do not import torch (NumPy tasks only)")
    args = parser.parse_args(argv)
    return serve(load_torch=not args.no_torch)


if __name__ == "__main__":
    raise SystemExit(main())
