"""The learner's file: copied from the starter on first use, reset with a backup kept."""

from __future__ import annotations

from tutor.grading.spec import find_task_folder
from tutor.grading.workspace import ensure_workspace_file, reset_workspace_file, workspace_file


def test_first_use_copies_the_starter_and_never_overwrites(home):
    starter = find_task_folder("softmax") / "starter.py"
    path = ensure_workspace_file("softmax", 9, starter)
    assert path == home / "workspace/day-09/softmax.py"
    assert path.read_text() == starter.read_text()
    path.write_text("my work")
    assert ensure_workspace_file("softmax", 9, starter).read_text() == "my work"


def test_reset_restores_the_starter_and_keeps_a_backup(home):
    starter = find_task_folder("softmax") / "starter.py"
    path = ensure_workspace_file("softmax", 9, starter)
    path.write_text("my work")
    backup = reset_workspace_file("softmax", 9, starter)
    assert path.read_text() == starter.read_text()
    assert backup.read_text() == "my work" and backup.parent == path.parent
    second = reset_workspace_file("softmax", 9, starter)
    assert second != backup and backup.exists()
    assert workspace_file("softmax", 9) == path
