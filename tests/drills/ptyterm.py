"""Run a program on a real pseudo-terminal and count the bytes it writes to it.

What a learner's terminal (or SSH) receives is exactly what the program writes to its tty,
so this is where "nothing is sent while idle" and "bytes per keystroke" are measured. Used by
the quiet-terminal tests and by ``benchmarks/terminal_bytes.py``.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import termios
import threading
import time


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _controlling_tty() -> None:  # runs in the child, after setsid: make the pty its terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """A child process on a pty of ``size`` (columns, rows); every byte it writes is timestamped."""

    def __init__(self, argv: list[str], env: dict, size: tuple[int, int] = (80, 24), cwd: str | None = None):
        master, slave = os.openpty()
        _set_size(slave, *size)
        self.master = master
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                     start_new_session=True, preexec_fn=_controlling_tty, close_fds=True)
        os.close(slave)
        self.chunks: list[tuple[float, bytes]] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.chunks.append((time.monotonic(), data))
            if b"\x1b[6n" in data:  # a cursor-position query: answer as a terminal would
                os.write(self.master, b"\x1b[1;1R")

    def output(self, since: float = 0.0) -> bytes:
        """Everything written since ``since`` (a time.monotonic() value)."""
        with self._lock:
            return b"".join(data for stamp, data in self.chunks if stamp >= since)

    def last_output_at(self) -> float:
        with self._lock:
            return self.chunks[-1][0] if self.chunks else 0.0

    def wait_quiet(self, quiet: float = 1.0, timeout: float = 60.0, since: float | None = None) -> bool:
        """Wait until nothing has been written for ``quiet`` seconds (counting from ``since`` at the
        earliest, default now); False if that never happened before ``timeout``."""
        start = time.monotonic() if since is None else since
        deadline = start + timeout
        while time.monotonic() < deadline:
            last = max(self.last_output_at(), start)
            if time.monotonic() - last >= quiet:
                return True
            time.sleep(min(0.05, quiet / 4))
        return False

    def wait_for(self, text: bytes, since: float = 0.0, timeout: float = 60.0) -> bool:
        """Wait until ``text`` appears in the output written since ``since``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output(since):
                return True
            time.sleep(0.05)
        return False

    def send(self, data: bytes) -> float:
        """Type ``data``; returns the moment it was sent."""
        now = time.monotonic()
        os.write(self.master, data)
        return now

    def idle_bytes(self, seconds: float) -> int:
        """Bytes written during ``seconds`` of doing nothing."""
        start = time.monotonic()
        time.sleep(seconds)
        return len(self.output(start))

    def keystroke_bytes(self, key: bytes, settle: float = 0.25) -> int:
        """Bytes written in answer to one keystroke (until the screen is quiet again)."""
        sent = self.send(key)
        self.wait_quiet(settle, timeout=10, since=sent)
        return len(self.output(sent))

    def resize(self, cols: int, rows: int) -> float:
        """Change the terminal size (the program gets SIGWINCH); returns the moment."""
        now = time.monotonic()
        _set_size(self.master, cols, rows)  # the kernel sends SIGWINCH to the program
        return now

    def close(self) -> None:
        """End the program and its process group."""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        try:
            os.close(self.master)
        except OSError:
            pass
