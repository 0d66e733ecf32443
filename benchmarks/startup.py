"""Median time from launching `tutor` to its first screen drawn, against a minimal Textual app.

Each run is a fresh process: interpreter start, imports, content load, first paint. The
parent notes the wall-clock time just before it spawns the child; the child prints the
wall-clock time after its first screen's first refresh. For tutor it also prints when the
learner's progress (statuses, today, streak) has been drawn: the store opens in a worker
thread after the first paint. Both apps run alternately in one run, headless at 80x24.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

MINIMAL = """
import os, sys, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.painted)
    def painted(self):
        print("paint", time.time(), flush=True)
        os._exit(0)

Minimal().run(headless=True, size=(80, 24))
"""

TUTOR = """
import os, sys, time
from tutor.context import LearnerContext
from tutor.ui.app import TutorApp
from tutor.ui.screens.calendar import CalendarScreen

original_mount, original_apply = CalendarScreen.on_mount, CalendarScreen._apply

def on_mount(self):
    original_mount(self)
    self.call_after_refresh(lambda: print("paint", time.time(), flush=True))

def apply(self, snapshot):
    original_apply(self, snapshot)
    if snapshot is not None:
        def done():
            print("progress", time.time(), flush=True)
            assert "torch" not in sys.modules, "the app imported torch"
            os._exit(0)
        self.call_after_refresh(done)

CalendarScreen.on_mount, CalendarScreen._apply = on_mount, apply
TutorApp(LearnerContext.prepare()).run(headless=True, size=(80, 24))
"""


def time_once(code: str, env: dict) -> dict[str, float]:
    """Seconds from spawn to each event the child prints."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                         text=True, timeout=120).stdout
    return {name: float(stamp) - start for name, stamp in (line.split() for line in out.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="tutor-bench-")
    env = dict(os.environ, TUTOR_HOME=home, TUTOR_LEARNER="bench")
    time_once(TUTOR, env)  # creates the database; warms the file cache for both
    time_once(MINIMAL, env)
    minimal, paint, progress = [], [], []
    for _ in range(args.runs):
        minimal.append(time_once(MINIMAL, env)["paint"])
        tutor = time_once(TUTOR, env)
        paint.append(tutor["paint"])
        progress.append(tutor["progress"])
    m, p, g = (statistics.median(x) for x in (minimal, paint, progress))
    print(f"runs: {args.runs} each, headless, 80x24, python {sys.version.split()[0]}")
    print(f"minimal Textual app, first paint    : median {m * 1000:7.1f} ms")
    print(f"tutor calendar, first paint         : median {p * 1000:7.1f} ms")
    print(f"tutor calendar, with progress drawn : median {g * 1000:7.1f} ms")
    print(f"ratio first paint tutor/minimal     : {p / m:.2f}x  (target: within 1.5x)")
    print(f"ratio progress drawn tutor/minimal  : {g / m:.2f}x")


if __name__ == "__main__":
    main()
