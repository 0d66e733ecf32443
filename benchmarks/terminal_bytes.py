"""Bytes `tutor` writes to its terminal: per keystroke in the drill editor, and per second while idle.

Every scene is a fresh `tutor` process on a real pseudo-terminal (80x24 unless told), with an
empty TUTOR_HOME, and what it writes to the tty is counted: that is what a learner's terminal,
or an SSH connection, receives. Idle means no key pressed for the whole window, after the
screen has settled. Targets: zero bytes while idle, under 2 KB per keystroke in the editor.
A running drill's countdown changes once a second (its clock cell only), so that scene is
reported separately, as is the countdown in whole minutes (F2).

    python benchmarks/terminal_bytes.py [--idle 5] [--keys 40] [--term xterm-256color] [--no-color]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.drills.ptyterm import PtyApp  # noqa: E402 - the path above makes the repository importable

DOWN, UP, ENTER, BACKSPACE, ESC, F2, CTRL_G = b"\x1b[B", b"\x1b[A", b"\r", b"\x7f", b"\x1b", b"\x1bOQ", b"\x07"
TYPED = b"e = np.exp(x - x.max(axis=-1, keepdims=True)) / 2"


# Screens with no command of their own are opened by a small launcher over the real app.
OPEN_SCREEN = """
import sys
from pathlib import Path

import tutor.ui.app
from tutor.context import LearnerContext
from tutor.ui.app import TutorApp

class Opened(TutorApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(getattr(self, sys.argv[1]), sys.argv[2])

Opened(LearnerContext.prepare(), css_path=str(Path(tutor.ui.app.__file__).with_name("tutor.tcss"))).run()
"""


def launch(args: list[str], term: str, no_color: bool, size=(80, 24)) -> PtyApp:
    env = dict(os.environ, TUTOR_HOME=tempfile.mkdtemp(prefix="tutor-bytes-"), TUTOR_LEARNER="bench", TERM=term)
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    argv = ["-c", OPEN_SCREEN, *args[1:]] if args and args[0] == "--open" else ["-m", "tutor", *args]
    app = PtyApp([sys.executable, *argv], env, size=size, cwd=str(ROOT))
    app.wait_for(b"tutor", timeout=90)
    return app


def settle(app: PtyApp, seconds: float = 2.0) -> None:
    """Let start-up work (the store, the workers) finish drawing."""
    app.wait_quiet(seconds, timeout=30)


def idle_scene(name: str, args: list[str], keys: list[bytes], opts) -> tuple[str, float]:
    app = launch(args, opts.term, opts.no_color)
    try:
        settle(app)
        for key in keys:
            app.send(key)
            app.wait_quiet(1.0, timeout=15, since=time.monotonic())
        settle(app)
        return name, app.idle_bytes(opts.idle) / opts.idle
    finally:
        app.close()


def task_editor_scene(opts) -> dict[str, list[int]]:
    """Typing in a coding task's editor (the task screen, not a drill)."""
    app = launch(["--open", "open_task", "softmax"], opts.term, opts.no_color)
    try:
        settle(app)
        typed = [app.keystroke_bytes(bytes([c]), settle=0.15) for c in TYPED[:opts.keys]]
        arrows = [app.keystroke_bytes(k, settle=0.15) for k in (UP, DOWN) * 3]
        return {"task editor keystroke (printable)": typed, "task editor keystroke (arrows)": arrows}
    finally:
        app.close()


def drill_scenes(opts) -> dict[str, float | list[int]]:
    """The drill editor: keystrokes, Enter, Backspace, arrows, a resize, and the idle rates."""
    app = launch(["drill", "softmax"], opts.term, opts.no_color)
    out: dict[str, float | list[int]] = {}
    try:
        app.wait_for(b"left", timeout=60)
        time.sleep(3)
        out["running drill, idle (B/s)"] = app.idle_bytes(opts.idle) / opts.idle
        app.keystroke_bytes(b"\x0b")  # ctrl+k: clear the starter's raise line
        typed = [app.keystroke_bytes(bytes([c]), settle=0.15) for c in TYPED[:opts.keys]]
        out["keystroke (printable)"] = typed
        out["keystroke (Backspace)"] = [app.keystroke_bytes(BACKSPACE, settle=0.15) for _ in range(5)]
        out["keystroke (arrow up/down)"] = [app.keystroke_bytes(k, settle=0.15) for k in (UP, DOWN) * 3]
        out["keystroke (Enter, new line)"] = [app.keystroke_bytes(ENTER, settle=0.15) for _ in range(3)]
        start = app.resize(100, 30)
        app.wait_quiet(0.5, timeout=10, since=start)
        back = app.resize(80, 24)
        app.wait_quiet(0.5, timeout=10, since=back)
        out["resize 100x30 and back (bytes)"] = float(len(app.output(start)))
        app.keystroke_bytes(F2, settle=0.3)  # the countdown in whole minutes
        out["running drill, minutes, idle (B/s)"] = app.idle_bytes(opts.idle) / opts.idle
        app.keystroke_bytes(CTRL_G, settle=0.5)  # give up: the clock stops
        settle(app, 1.0)
        out["finished drill, idle (B/s)"] = app.idle_bytes(opts.idle) / opts.idle
    finally:
        app.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of each idle window")
    parser.add_argument("--keys", type=int, default=40, help="printable keystrokes to measure")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--no-color", action="store_true", help="set NO_COLOR=1")
    parser.add_argument("--quiz", default="dot-product-gradient", help="the derivation problem to open")
    opts = parser.parse_args()
    print(f"TERM={opts.term}{' NO_COLOR=1' if opts.no_color else ''}, 80x24, idle windows of {opts.idle:g} s")
    scenes = [
        ("calendar", [], []),
        ("lesson (day 1)", [], [ENTER]),
        ("reviews", ["review"], []),
        ("statistics", ["stats"], []) if (ROOT / "tutor/commands/stats.py").exists() else None,
        ("task (softmax)", ["--open", "open_task", "softmax"], []),
        ("derivation (first problem)", ["--open", "open_quiz", opts.quiz], []),
        ("drill list", ["drill"], []),
    ]
    for name, args, keys in filter(None, scenes):
        label, rate = idle_scene(name, args, keys, opts)
        print(f"{label + ', idle':36s}: {rate:8.1f} B/s")
    for label, value in {**task_editor_scene(opts), **drill_scenes(opts)}.items():
        if isinstance(value, list):
            print(f"{label:36s}: median {statistics.median(value):6.0f} B, max {max(value):6d} B, n={len(value)}")
        elif "B/s" in label:
            print(f"{label:36s}: {value:8.1f} B/s")
        else:
            print(f"{label:36s}: {value:8.0f}")


if __name__ == "__main__":
    main()
