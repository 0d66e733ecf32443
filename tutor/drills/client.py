"""Talk to the drill worker from the app: grade a drill, run its speed round. No NumPy, no torch here.

The drill worker is the grading worker with a speed round added (``tutor.drills.worker``),
started with one BLAS thread. NumPy drills start it without torch (a fraction of a second);
a torch drill restarts it with torch.
"""

from __future__ import annotations

import os
import subprocess

from tutor.drills.speed import SpeedResult
from tutor.grading.client import GradingClient, WorkerError, _package_root


class DrillClient(GradingClient):
    """A handle on one drill worker process (thread-safe; requests are serialised)."""

    def _spawn(self) -> None:
        from tutor.drills.worker import pin_threads

        env = pin_threads(dict(os.environ))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_package_root(), env.get("PYTHONPATH")]))
        command = [self.python, "-m", "tutor.drills.worker"] + ([] if self.load_torch else ["--no-torch"])
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        self._buffer = b""
        ready = self._read_line(self.start_timeout)
        if not ready.get("ready"):
            raise WorkerError(f"the drill worker did not start: {ready}")

    def bench(self, task_id: str, source: str, timeout: float = 180.0) -> SpeedResult:
        """Time ``source`` against the reference kernel on the drill's benchmark input."""
        reply = self.request({"op": "bench", "task": task_id, "source": source}, timeout)
        return SpeedResult.from_dict(reply["speed"])
