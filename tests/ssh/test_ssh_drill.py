"""`ssh -t host tutor` end to end: a drill inside tmux over a real SSH login, read off the screen.

The learner's terminal is a local tmux window of 80x24 running ssh; on the server, the
documented recipe keeps the app alive across a dropped connection:

    ssh -t host 'tmux -u new-session -A -s tutor tutor drill softmax'

(``-u``: UTF-8 even when the login passes no LANG; without it tmux draws ``_`` and ``q``
in place of the app's lines and dots.)

The test types a solution, drops the connection (the local terminal dies), logs in again
with the same command, finds the drill where it was with its clock still counting, submits
and reads the verdict and the speed round.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.ssh, pytest.mark.slow]


class Terminal:
    """The learner's terminal: a local tmux server whose one window runs a command."""

    def __init__(self, name: str, conf: Path):
        self.tmux = ["tmux", "-L", name, "-f", str(conf)]

    def open(self, command: list[str]) -> None:
        subprocess.run(self.tmux + ["new-session", "-d", "-x", "80", "-y", "24", "-s", "learner",
                                    shlex.join(command)], check=True)

    def screen(self) -> str:
        result = subprocess.run(self.tmux + ["capture-pane", "-p", "-t", "learner"], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, pattern: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if re.search(pattern, text):
                return text
            time.sleep(0.3)
        raise AssertionError(f"{pattern!r} never appeared; the screen:\n{self.screen()}")

    def keys(self, *names: str, literal: bool = False) -> None:
        subprocess.run(self.tmux + ["send-keys", "-t", "learner"] + (["-l"] if literal else []) + list(names),
                       check=True)
        time.sleep(0.3)

    def resize(self, columns: int, rows: int) -> None:
        subprocess.run(self.tmux + ["resize-window", "-t", "learner", "-x", str(columns), "-y", str(rows)],
                       check=True)

    def close(self) -> None:
        subprocess.run(self.tmux + ["kill-server"], capture_output=True)


def seconds_left(screen: str) -> int:
    minutes, seconds = re.search(r"(\d+):(\d\d) left", screen).groups()
    return int(minutes) * 60 + int(seconds)


def test_a_drill_over_ssh_survives_a_dropped_connection(ssh_server, tmp_path):
    conf = tmp_path / "tmux.conf"
    conf.write_text("set -g status off\n")  # the whole 80x24 is the app's, on both sides
    remote_socket = f"tutor-remote-{os.getpid()}"
    app = f"cd {shlex.quote(str(ROOT))} && exec {shlex.quote(sys.executable)} -m tutor drill softmax"
    remote = (f"env TUTOR_HOME={shlex.quote(str(tmp_path / 'home'))} TUTOR_LEARNER=ada "
              f"tmux -u -L {remote_socket} -f {shlex.quote(str(conf))} new-session -A -s tutor {shlex.quote(app)}")
    login = ssh_server.ssh(remote, tty=True)
    first = Terminal(f"tutor-local-{os.getpid()}-1", conf)
    second = Terminal(f"tutor-local-{os.getpid()}-2", conf)
    try:
        first.open(login)
        screen = first.wait_for(r"\d:\d\d left")
        assert "def softmax(x):" in screen and "raise NotImplementedError" in screen
        assert "^r Submit" in screen and max(len(line) for line in screen.splitlines()) <= 80
        assert "·" in screen and "─" * 20 in screen  # UTF-8 made it through ssh and both tmuxes
        first.keys("C-k")
        first.keys("e = np.exp(x - x.max(axis=-1, keepdims=True))", literal=True)
        first.keys("Enter")
        first.keys("return e / e.sum(axis=-1, keepdims=True)", literal=True)
        before = seconds_left(first.wait_for(r"return e / e\.sum"))

        first.close()  # the connection drops: the local terminal and its ssh are gone
        time.sleep(3)
        second.open(login)  # the same command attaches to the tutor still running on the server
        screen = second.wait_for(r"return e / e\.sum")
        assert seconds_left(screen) <= before - 3  # the clock kept counting while away
        assert "0 failed" in screen

        second.resize(100, 30)  # the window change travels through ssh and tmux to the app
        screen = second.wait_for(r"─{100}[\s\S]*\^r Submit")
        assert len(screen.splitlines()) == 30 and "^r Submit" in screen.splitlines()[-1]
        second.resize(80, 24)
        screen = second.wait_for(r"(?m)^─{80}$[\s\S]*\^r Submit")
        assert "^r Submit" in screen.splitlines()[-1] and "return e / e.sum" in screen
        assert max(len(line) for line in screen.splitlines()) <= 80  # nothing left over from 100 wide

        second.keys("C-r")
        screen = second.wait_for(r"Passed in \d+:\d\d", timeout=60)
        assert "1 attempt" in screen and "personal best" in screen
        screen = second.wait_for(r"speed round: .*(faster|slower|as fast)", timeout=90)
        assert "median of" in screen
    finally:
        first.close()
        second.close()
        subprocess.run(["tmux", "-L", remote_socket, "kill-server"], capture_output=True)
