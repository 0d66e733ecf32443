"""What the terminal receives, on a real pty: nothing while idle, little per keystroke, and
partial redraws that leave the same screen as a full one. Byte counts, never timings."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.drills.ptyterm import PtyApp

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def launch(tmp_path, *args: str) -> PtyApp:
    env = dict(os.environ, TUTOR_HOME=str(tmp_path / "home"), TERM="xterm-256color")
    app = PtyApp([sys.executable, "-m", "tutor", *args], env, cwd=str(ROOT))
    assert app.wait_for(b"tutor", timeout=90), "the app drew nothing"
    return app


def test_the_calendar_and_the_drill_list_send_nothing_while_idle(tmp_path):
    for args in ((), ("drill",)):
        app = launch(tmp_path, *args)
        try:
            assert app.wait_quiet(2.0, timeout=45), f"tutor {' '.join(args)} never stopped drawing"
            assert app.idle_bytes(2.5) == 0
        finally:
            app.close()


def test_editor_keystrokes_are_small_and_a_stopped_clock_is_silent(tmp_path):
    app = launch(tmp_path, "drill", "softmax")
    try:
        assert app.wait_for(b" left", timeout=60)
        app.wait_quiet(1.0, timeout=10)
        app.keystroke_bytes(b"\x0b")  # ctrl+k clears the starter's raise line
        typed = [app.keystroke_bytes(bytes([c]), settle=0.15) for c in b"e = x - 1"]
        assert statistics.median(typed) < 2048, typed
        assert app.keystroke_bytes(b"\r", settle=0.15) < 2048  # a new line at the end of the body
        app.send(b"\x07")  # ctrl+g: give up, the clock stops
        assert app.wait_for(b"gave up", timeout=20)
        assert app.wait_quiet(1.5, timeout=20)
        assert app.idle_bytes(2.0) == 0
    finally:
        app.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_partial_redraws_match_a_full_redraw(tmp_path):
    """Edits redraw only some rows; tmux keeps the cells, and a resize forces a full redraw."""
    session = f"tutor-test-{os.getpid()}"
    home = tmp_path / "home"
    tmux = ["tmux", "-L", session, "-f", "/dev/null"]
    command = f"cd {ROOT} && TUTOR_HOME={home} TERM=xterm-256color {sys.executable} -m tutor drill softmax"
    subprocess.run(tmux + ["new-session", "-d", "-x", "80", "-y", "24", "-s", session, command], check=True)

    def pane(escapes: bool = True, skip: int = 2) -> str:
        """The screen below the header and the clock line (which ticks)."""
        out = subprocess.run(tmux + ["capture-pane", "-p", "-t", session] + (["-e"] if escapes else []),
                             capture_output=True, text=True, check=True).stdout
        return "\n".join(out.splitlines()[skip:])

    def keys(*names: str, literal: bool = False) -> None:
        subprocess.run(tmux + ["send-keys", "-t", session] + (["-l"] if literal else []) + list(names), check=True)
        time.sleep(0.4)

    try:
        deadline = time.monotonic() + 60
        while "left" not in pane(escapes=False, skip=0) and time.monotonic() < deadline:
            time.sleep(0.3)
        keys("C-k")
        keys("e = 1", literal=True)
        keys("Enter")
        keys("return e", literal=True)
        keys("Up")
        keys(' + "', literal=True)  # opens a string: the colours of the row below change too
        keys("BSpace")
        keys("Down")
        time.sleep(1.0)
        partial, text = pane(), pane(escapes=False)
        subprocess.run(tmux + ["resize-window", "-t", session, "-x", "100", "-y", "30"], check=True)
        time.sleep(1.5)
        subprocess.run(tmux + ["resize-window", "-t", session, "-x", "80", "-y", "24"], check=True)
        time.sleep(2.0)
        full = pane()
        assert "e = 1 +" in text and "return e" in text, text
        assert partial == full
    finally:
        subprocess.run(tmux + ["kill-server"], check=False)
