"""`tutor dev check` proves every shipped task: starters fail, solutions pass, mutants are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor import paths
from tutor.grading.devcheck import check_task

TASKS = sorted(p.parent for p in paths.lessons_dir().glob("day-*/tasks/*/task.toml"))


def test_there_are_at_least_twelve_tasks():
    assert len(TASKS) >= 12


@pytest.mark.parametrize("folder", TASKS, ids=[p.name for p in TASKS])
def test_task_content_holds(folder: Path):
    if "torch" in (folder / "task.toml").read_text():
        pytest.importorskip("torch")
    failures = [f"{c.what}: {c.detail}" for c in check_task(folder) if not c.ok]
    assert failures == []


def test_a_mutant_that_passes_is_reported(tmp_path):
    import shutil

    folder = tmp_path / "softmax"
    shutil.copytree(paths.lessons_dir() / "day-09/tasks/softmax", folder)
    (folder / "mutants.py").write_text((folder / "mutants.py").read_text() + (
        "\n\ndef harmless(x):\n    e = np.exp(x - np.max(x, axis=-1, keepdims=True))\n"
        "    return e / np.sum(e, axis=-1, keepdims=True)\n"))
    spec = folder / "task.toml"
    spec.write_text(spec.read_text() + '\n[[mutant]]\nname = "harmless"\nfunction = "mutants:harmless"\n'
                                       'diagnosis = "not a bug at all"\n')
    found = {c.what: c for c in check_task(folder)}
    assert not found["mutant harmless fails and is named"].ok
    assert "passes every check" in found["mutant harmless fails and is named"].detail
