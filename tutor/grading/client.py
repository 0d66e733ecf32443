"""Talk to the warm grading worker from the app. Imports neither NumPy nor torch.

One worker process serves the app; it is started on demand, restarted if it dies, and
killed if a request outlives its timeout (the sandbox has its own, shorter limits, so that
only happens if something is badly wrong).
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from tutor.grading.result import Result


class WorkerError(RuntimeError):
    """The worker could not answer."""


def _package_root() -> str:
    import tutor

    return str(Path(tutor.__file__).resolve().parent.parent)


class GradingClient:
    """A handle on one worker process; thread-safe (requests are serialised)."""

    def __init__(self, load_torch: bool = True, start_timeout: float = 90.0, python: str | None = None):
        self.load_torch = load_torch
        self.start_timeout = start_timeout
        self.python = python or sys.executable
        self._process: subprocess.Popen | None = None
        self._buffer = b""
        self._lock = threading.Lock()
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        """The worker's process id, if it is running."""
        return self._process.pid if self._process and self._process.poll() is None else None

    def start(self) -> None:
        """Start the worker and wait until it has its imports done."""
        with self._lock:
            self._ensure()

    def _spawn(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_package_root(), env.get("PYTHONPATH")]))
        command = [self.python, "-m", "tutor.grading.worker"] + ([] if self.load_torch else ["--no-torch"])
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        self._buffer = b""
        ready = self._read_line(self.start_timeout)
        if not ready.get("ready"):
            raise WorkerError(f"the grading worker did not start: {ready}")

    def _ensure(self) -> None:
        if self._process is None or self._process.poll() is not None:
            self._spawn()

    def _read_line(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        stream = self._process.stdout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                self._kill()
                raise WorkerError("the grading worker did not answer in time")
            ready, _, _ = select.select([stream], [], [], left)
            if ready:
                chunk = os.read(stream.fileno(), 1 << 20)
                if not chunk:
                    self._kill()
                    raise WorkerError("the grading worker stopped")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _kill(self) -> None:
        if self._process is not None:
            try:
                os.killpg(self._process.pid, 9)
            except OSError:
                pass
            self._process.wait()
            self._process = None

    def request(self, payload: dict, timeout: float = 120.0, retry: bool = True) -> dict:
        """Send one request and return the reply (restarting a dead worker once)."""
        with self._lock:
            for attempt in (1, 2):
                self._ensure()
                self._next_id += 1
                message = dict(payload, id=self._next_id)
                try:
                    self._process.stdin.write((json.dumps(message) + "\n").encode())
                    self._process.stdin.flush()
                    reply = self._read_line(timeout)
                except (BrokenPipeError, WorkerError):
                    self._kill()
                    if attempt == 2 or not retry:
                        raise WorkerError("the grading worker stopped") from None
                    continue
                if "error" in reply:
                    raise WorkerError(reply["error"])
                return reply
        raise WorkerError("unreachable")

    def check(self, task_id: str, source: str, timeout: float = 120.0) -> Result:
        """Grade ``source`` for ``task_id`` in the worker."""
        reply = self.request({"op": "check", "task": task_id, "source": source}, timeout)
        return Result.from_dict(reply["result"])

    def statement(self, task_id: str, timeout: float = 60.0) -> str:
        """The task's statement with its example computed (by the worker, which has torch)."""
        return self.request({"op": "statement", "task": task_id}, timeout)["text"]

    def close(self) -> None:
        """Stop the worker."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                try:
                    self._process.stdin.close()
                    self._process.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._kill()
