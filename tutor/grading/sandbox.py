"""Run untrusted code in a child process that cannot hurt the learner's app or data.

Two processes per run, both forked from the trusted grader (so NumPy and torch are already
imported and a check takes milliseconds):

* the *supervisor* starts a new session, enters new namespaces where the OS allows it
  (mount, network, PID; and a user namespace when not root), mounts empty tmpfs over /tmp,
  the learner's TUTOR_HOME, the database and secret folders, then forks
* the *sandboxed* process: PID 1 of its own PID namespace, a fresh /proc, no capabilities,
  no_new_privs, its own uid when the grader runs as root, resource limits (CPU seconds,
  address space, processes, file size, open files), a scrubbed environment, stdout and
  stderr captured to a capped file, a tmpfs working directory. It writes its results to a
  pipe. When it ends (or is killed at the wall-clock limit) the kernel kills every process
  left in its PID namespace, so a fork bomb leaves nothing behind.

Where namespaces are not allowed (some containers, or Ubuntu's AppArmor rules for user
namespaces), the run still has the limits, a new session killed as a group, the scrubbed
environment and a temporary directory; ``Outcome.isolation`` says what was in force.
"""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tutor.grading import isolation as osi

ACTIVE_ISOLATION: list[str] = []  # inside a sandboxed process: what is in force there
SECRET_PATHS = (".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".netrc", ".pgpass",
                ".config/gcloud", ".git-credentials", ".pypirc")


@dataclass(frozen=True)
class Limits:
    """What one run may use."""

    wall_s: float = 5.0
    cpu_s: float | None = None  # default: the wall-clock limit plus one second
    memory_mb: int = 512  # address space on top of what the forked grader already maps
    output_bytes: int = 1 << 20  # stdout + stderr file size; writes past it fail
    result_bytes: int = 64 << 20  # the result stream; past it the run is stopped
    processes: int = 32
    open_files: int = 256
    limit_memory: bool = True  # False for CUDA, which maps tens of GB of address space


@dataclass
class Outcome:
    """How a run ended and what it wrote."""

    data: bytes = b""
    exit_code: int | None = None
    signal: int | None = None
    timed_out: bool = False
    result_overflow: bool = False
    output: str = ""
    output_size: int = 0
    isolation: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    supervisor_error: str = ""

    @property
    def crashed(self) -> bool:
        """True when the process died from a signal (and not from our wall-clock kill)."""
        return self.signal is not None and not self.timed_out


def hidden_paths(extra: Iterable[Path] = ()) -> list[str]:
    """Real paths the learner's code must not see: TUTOR_HOME, the database, secrets."""
    from tutor import paths

    found = [paths.tutor_home()]
    url = os.environ.get("TUTOR_DB_URL", "")
    if url.startswith("sqlite:///"):
        found.append(Path(url.removeprefix("sqlite:///")).parent)
    home = Path(os.path.expanduser("~"))
    found += [home / name for name in SECRET_PATHS]
    found += list(extra)
    real = {os.path.realpath(p) for p in found if os.path.lexists(p)}
    return sorted(real)


def _set_limits(limits: Limits) -> None:
    cpu = int(limits.cpu_s if limits.cpu_s is not None else limits.wall_s + 1) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes, limits.output_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    if limits.limit_memory:
        mapped = 0
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    mapped = int(line.split()[1]) * 1024
        budget = mapped + limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))


def _scrub_environment(workdir: str) -> None:
    keep = {"LANG": os.environ.get("LANG", "C.UTF-8"), "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": workdir, "TMPDIR": workdir, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES"):
        if name in os.environ:
            keep[name] = os.environ[name]
    os.environ.clear()
    os.environ.update(keep)


def _sandboxed(body: Callable[[int], None], result_fd: int, capture_fd: int, workdir: str,
               limits: Limits, isolation: list[str], run_as: int | None) -> None:
    """The sandboxed process: lock itself down, then run ``body``. Never returns."""
    code = 0
    try:
        osi.prctl(osi.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.setpgid(0, 0)  # its own group: kill(0) cannot reach the supervisor, killpg reaches all of it
        if "pid-namespace" in isolation:
            try:
                osi.mount("proc", "/proc", "proc", osi.MS_NOSUID | osi.MS_NODEV | osi.MS_NOEXEC | osi.MS_RDONLY)
                isolation.append("private-proc")
            except OSError:
                pass
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(capture_fd, 1)
        os.dup2(capture_fd, 2)
        # Python's own streams may point anywhere (pytest's capture, the worker's pipe).
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        keep = sorted({0, 1, 2, result_fd})
        for low, high in zip(keep, keep[1:] + [resource.getrlimit(resource.RLIMIT_NOFILE)[0]]):
            os.closerange(low + 1, high)
        os.chdir(workdir)
        sys.dont_write_bytecode = True
        if run_as is not None:  # a root grader: run as an unused uid
            osi.become(run_as)
        elif "user-namespace" in isolation:
            osi.set_capabilities(0)
        osi.prctl(osi.PR_SET_NO_NEW_PRIVS, 1)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails instead of killing
        _scrub_environment(workdir)
        _set_limits(limits)
        os.nice(5)
        ACTIVE_ISOLATION[:] = isolation
        body(result_fd)
    except BaseException:
        code = 70
        try:
            os.write(2, traceback.format_exc().encode(errors="replace")[-4000:])
        except OSError:
            pass
    finally:
        os._exit(code)


def _exit_notifier(pid: int) -> int | None:
    """A pidfd that becomes readable when ``pid`` exits (Linux ≥ 5.3), else None: then the
    caller polls (no thread: none can be started after unshare(CLONE_NEWPID))."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _has_exited(pid: int) -> bool:
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def _wait_for(pid: int, result_fd: int, limits: Limits, started: float) -> tuple[bytearray, int, bool, bool]:
    """Collect the result stream until the process ends, killing it at the wall-clock limit.

    Returns (data, wait status, timed out, result overflow).
    """
    data = bytearray()
    overflow = exited = False
    pidfd = _exit_notifier(pid)
    watching = {result_fd} | ({pidfd} if pidfd is not None else set())
    deadline = started + limits.wall_s
    while result_fd in watching or not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready = select.select(list(watching), [], [], left if pidfd is not None else min(left, 0.01))[0]
        if pidfd in ready or (pidfd is None and not exited and _has_exited(pid)):
            exited = True
            watching.discard(pidfd)
            # What is still in the pipe comes at once; a leftover child holding it open does not count.
            deadline = min(deadline, time.monotonic() + 0.2)
        if result_fd in ready:
            chunk = os.read(result_fd, 1 << 16)
            if not chunk:
                watching.discard(result_fd)
            elif len(data) + len(chunk) > limits.result_bytes:
                overflow = True
                break
            else:
                data += chunk
    timed_out = not exited and not overflow
    if not exited:
        os.kill(pid, signal.SIGKILL)
    if pidfd is not None:
        os.close(pidfd)
    return data, os.waitpid(pid, 0)[1], timed_out, overflow


def _supervise(body: Callable[[int], None], report_fd: int, limits: Limits, hide: list[str],
               isolate: bool, fallback_dir: str) -> None:
    """The supervisor process: isolate, fork the sandboxed process, report. Never returns."""
    status: dict = {}
    data = b""
    try:
        os.setsid()
        osi.prctl(osi.PR_SET_PDEATHSIG, signal.SIGKILL)
        started = time.monotonic()
        as_root = os.geteuid() == 0
        isolation = osi.enter_namespaces(as_root) if isolate and namespaces_available() else []
        if "mount-namespace" in isolation:
            hidden = osi.hide(hide)
            isolation += [p if p == "read-only-filesystem" else ("tmpfs:" if p in osi.SCRATCH_DIRS else "hidden:") + p
                          for p in hidden]
            workdir = "/tmp/work"
            os.mkdir(workdir, 0o777)
            os.chmod(workdir, 0o777)
        else:
            workdir = fallback_dir
        capture_path = os.path.join(os.path.dirname(workdir), ".output") if "mount-namespace" in isolation \
            else os.path.join(workdir, ".output")
        capture_fd = os.open(capture_path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o666)
        run_as = None
        if isolate and as_root:
            run_as = 200_000 + os.getpid() % 100_000  # an unused uid, unique among live runs
            os.chown(workdir, run_as, run_as)
            isolation.append("own-uid")
        if isolate:
            isolation += ["rlimits", "scrubbed-environment", "no-new-privileges"]
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(result_r)
            os.close(report_fd)
            if isolate:
                _sandboxed(body, result_w, capture_fd, workdir, limits, isolation, run_as)
            else:
                os.dup2(capture_fd, 1)
                os.dup2(capture_fd, 2)
                try:
                    body(result_w)
                finally:
                    os._exit(0)
        os.close(result_w)
        data, wait_status, timed_out, overflow = _wait_for(pid, result_r, limits, started)
        if "pid-namespace" not in isolation:
            try:
                os.killpg(pid, signal.SIGKILL)  # anything it started, unless it changed session
            except OSError:
                pass
        size = os.fstat(capture_fd).st_size
        output = os.pread(capture_fd, 16_384, 0).decode(errors="replace")
        status = {"exit_code": os.waitstatus_to_exitcode(wait_status) if os.WIFEXITED(wait_status) else None,
                  "signal": os.WTERMSIG(wait_status) if os.WIFSIGNALED(wait_status) else None,
                  "timed_out": timed_out, "result_overflow": overflow, "output": output,
                  "output_size": size, "isolation": isolation,
                  "elapsed_ms": (time.monotonic() - started) * 1000}
    except BaseException:
        status = {"supervisor_error": traceback.format_exc()[-2000:]}
    try:
        head = json.dumps(status).encode()
        os.write(report_fd, struct.pack("<I", len(head)) + head)
        view = memoryview(bytes(data))
        while view:
            view = view[os.write(report_fd, view):]
    finally:
        os._exit(0)


@cache
def namespaces_available() -> bool:
    """Whether this machine lets us create the namespaces (probed once, in a throwaway child)."""
    pid = os.fork()
    if pid == 0:
        try:
            flags = osi.CLONE_NEWNS | osi.CLONE_NEWNET | osi.CLONE_NEWPID | (0 if os.geteuid() == 0 else osi.CLONE_NEWUSER)
            os._exit(0 if osi.libc.unshare(flags) == 0 else 1)
        except BaseException:
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


class Run:
    """A run in progress: start it, do other work (compute the expected values), then wait."""

    def __init__(self, body: Callable[[int], None], limits: Limits, hide: Iterable[str] = (),
                 isolate: bool = True):
        namespaces_available()  # probe before forking, so the answer is cached here
        self.limits = limits
        self._dir = tempfile.mkdtemp(prefix="tutor-run-")
        os.chmod(self._dir, 0o777)  # a root grader runs the code as another uid
        self._read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            os.close(self._read)
            _supervise(body, write, limits, list(hide), isolate, self._dir)
        os.close(write)
        self._started = time.monotonic()

    def wait(self) -> Outcome:
        """Wait for the run (the supervisor enforces the limits; this is a backstop) and decode it."""
        data = bytearray()
        deadline = self._started + self.limits.wall_s + 10.0
        try:
            while True:
                ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    os.killpg(self._pid, signal.SIGKILL)
                    break
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(self._read)
            os.waitpid(self._pid, 0)
            shutil.rmtree(self._dir, ignore_errors=True)
        if len(data) < 4:
            return Outcome(supervisor_error="the supervisor ended without a report")
        (head_len,) = struct.unpack_from("<I", data, 0)
        status = json.loads(data[4:4 + head_len])
        outcome = Outcome(data=bytes(data[4 + head_len:]), **status)
        outcome.elapsed_ms = (time.monotonic() - self._started) * 1000
        return outcome


def run_isolated(body: Callable[[int], None], limits: Limits, hide: Iterable[str] = (),
                 isolate: bool = True) -> Outcome:
    """Run ``body(result_fd)`` in a sandboxed child and return how it went."""
    return Run(body, limits, hide, isolate).wait()
