"""The drill in progress, saved in ``TUTOR_HOME/drills/`` so that it survives the app closing.

If the connection drops and the app dies with it, `tutor drill` resumes the drill: same
start time (so the clock has kept counting), same penalties, the last saved draft. A drill
left for longer than ``RESUME_HOURS`` is treated as abandoned and starts afresh.
Writes are atomic (a temporary file renamed over the old one), so a crash mid-write never
leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from tutor import paths
from tutor.drills.scoring import DrillRun

RESUME_HOURS = 6


def _file(learner: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", learner) or "learner"
    return paths.tutor_home() / "drills" / f"active-{safe}.json"


def save_run(learner: str, run: DrillRun) -> None:
    """Save ``run`` as the learner's drill in progress."""
    target = _file(learner)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".active-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(run.to_json())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_run(learner: str, now: datetime) -> DrillRun | None:
    """The learner's unfinished drill, if there is one recent enough to resume."""
    target = _file(learner)
    try:
        run = DrillRun.from_json(target.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if run.finished or now - run.started_at > timedelta(hours=RESUME_HOURS):
        return None
    return run


def clear_run(learner: str) -> None:
    """Forget the learner's drill in progress."""
    _file(learner).unlink(missing_ok=True)
