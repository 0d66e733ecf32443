"""Check answers in a separate, long-lived process with CPU, memory and wall-clock limits.

The parent (the CLI or the app) never evaluates an answer itself: it sends one JSON line per
request to ``python -m tutor.derive.sandbox`` and reads one JSON line back. The worker caps its
own address space (RLIMIT_AS) once, and before each request moves its CPU-time soft limit
(RLIMIT_CPU) to "now + budget", so a runaway check gets SIGXCPU and answers "too long". The
parent also gives each request a wall-clock deadline; past it, the worker is killed and a new
one is started for the next request. Compiled keys stay cached in the worker between checks.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time

from tutor.derive.feedback import Verdict

MEMORY_BYTES = 1536 * 1024**2
CHECK_CPU_SECONDS = 3
COMPILE_CPU_SECONDS = 60


class CheckerError(RuntimeError):
    """The checker process could not give an answer (it died or ran out of time)."""


class Checker:
    """A handle on the checker process; thread-safe, started on first use, restarted if killed."""

    def __init__(self, timeout: float = 5.0, compile_timeout: float = 90.0):
        self.timeout = timeout
        self.compile_timeout = compile_timeout
        self._proc: subprocess.Popen | None = None
        self._buffer = b""
        self._lock = threading.Lock()
        self._compiled: set[str] = set()

    def __enter__(self) -> "Checker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH",
                                                            "TUTOR_CONTENT", "TUTOR_HOME", "SYSTEMROOT")}
        # One BLAS thread: the arrays are tiny, and thread pools would eat the memory limit.
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
        proc = subprocess.Popen([sys.executable, "-m", "tutor.derive.sandbox"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
        self._buffer = b""
        self._compiled = set()
        return proc

    def _request(self, payload: dict, timeout: float) -> dict:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write((json.dumps(payload) + "\n").encode())
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self._kill()
            raise CheckerError("the checker process stopped unexpectedly") from None
        deadline = time.monotonic() + timeout
        fd = proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                raise CheckerError("checking took too long and was stopped")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self._kill()
                    raise CheckerError("the checker process stopped unexpectedly")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _kill(self) -> None:
        if self._proc is not None:
            try:
                self._proc.kill()
                self._proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._proc = None
        self._compiled = set()

    def warm(self, problem_id: str) -> dict:
        """Compile ``problem_id``'s key in the worker now (the first check is then fast)."""
        with self._lock:
            return self._warm(problem_id)

    def _warm(self, problem_id: str) -> dict:
        if problem_id in self._compiled and self._proc is not None:
            return {"ok": True, "seconds": 0.0}
        reply = self._request({"op": "compile", "id": problem_id}, self.compile_timeout)
        if reply.get("ok"):
            self._compiled.add(problem_id)
        return reply

    def check(self, problem_id: str, answer: str) -> Verdict:
        """Check ``answer`` to ``problem_id`` in the worker and return its verdict.

        An unknown problem gives verdict "invalid"; a check that runs out of time or memory
        gives verdict "error" with a message for the learner.
        """
        with self._lock:
            try:
                reply = self._warm(problem_id)
                if not reply.get("ok"):
                    return Verdict(reply.get("verdict", "error"), reply.get("message", "cannot check that problem"),
                                   ["problem"])
                reply = self._request({"op": "check", "id": problem_id, "answer": answer}, self.timeout)
            except CheckerError as err:
                return Verdict("error", f"{err}; nothing of your answer ran outside the checker. Try a simpler form.",
                               ["timeout"])
        return Verdict.from_dict(reply)

    def close(self) -> None:
        """Stop the worker."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                try:
                    assert self._proc.stdin is not None
                    self._proc.stdin.close()
                    self._proc.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._kill()


# ---- the worker side -------------------------------------------------------------------------


class _CpuLimit(Exception):
    pass


def _on_xcpu(signum, frame):
    raise _CpuLimit


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _set_cpu_budget(seconds: float) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(_cpu_used() + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _handle(request: dict, bank: dict) -> dict:
    from tutor.derive.check import check_answer
    from tutor.derive.compile import compiled
    from tutor.derive.problem import ProblemError

    problem = bank.get(str(request.get("id")))
    if problem is None:
        return {"ok": False, "verdict": "invalid", "message": f"there is no problem {request.get('id')!r}."}
    if request.get("op") == "compile":
        start = time.perf_counter()
        try:
            compiled(problem)
        except ProblemError as err:
            return {"ok": False, "verdict": "error", "message": f"this problem cannot be checked: {err}"}
        return {"ok": True, "seconds": time.perf_counter() - start}
    return check_answer(problem, str(request.get("answer", ""))).to_dict()


def serve() -> None:
    """Worker loop: one JSON request per line on stdin, one JSON reply per line on stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGXCPU, _on_xcpu)
    from tutor.derive.bank import load_bank

    bank = load_bank()
    out = sys.stdout
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            continue
        _set_cpu_budget(COMPILE_CPU_SECONDS if request.get("op") == "compile" else CHECK_CPU_SECONDS)
        try:
            reply = _handle(request, bank)
        except _CpuLimit:
            reply = Verdict("error", "that answer took too long to check and was stopped.", ["timeout"]).to_dict()
        except MemoryError:
            reply = Verdict("error", "that answer needed too much memory to check.", ["memory"]).to_dict()
        except RecursionError:
            reply = Verdict("error", "that answer is nested too deeply to check.", ["depth"]).to_dict()
        except Exception as err:  # a checker bug must not take the worker down with it
            reply = Verdict("error", f"the checker failed on this answer ({type(err).__name__}); "
                            "please report it.", ["bug"]).to_dict()
        finally:
            _set_cpu_budget(COMPILE_CPU_SECONDS)
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    serve()
