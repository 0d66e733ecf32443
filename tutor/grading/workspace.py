"""The learner's copy of each task's starter file, in ``TUTOR_HOME/workspace/day-NN/<task>.py``."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from tutor import paths


def workspace_file(task_id: str, day: int) -> Path:
    """Where the learner's file for a task lives (it may not exist yet)."""
    return paths.workspace_dir() / f"day-{day:02d}" / f"{task_id}.py"


def ensure_workspace_file(task_id: str, day: int, starter: Path) -> Path:
    """The learner's file, copied from the starter on first use."""
    target = workspace_file(task_id, day)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(starter, target)
    return target


def reset_workspace_file(task_id: str, day: int, starter: Path) -> Path | None:
    """Put the starter back; the old file is kept next to it as a timestamped backup (returned)."""
    target = workspace_file(task_id, day)
    backup = None
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = target.with_name(f"{target.stem}.{stamp}.bak.py")
        counter = 1
        while backup.exists():
            backup = target.with_name(f"{target.stem}.{stamp}-{counter}.bak.py")
            counter += 1
        shutil.copyfile(target, backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(starter, target)
    return backup
