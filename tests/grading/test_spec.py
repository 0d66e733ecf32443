"""Specs are data: a broken one is reported as path:line: message by `tutor validate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tutor.curriculum.loader import load_curriculum
from tutor.grading.cases import build_cases, example_call_text
from tutor.grading.spec import SpecError, UnknownTask, find_task_folder, load_spec, validate_task_specs

ROOT = Path(__file__).resolve().parents[2]


def content_copy(tmp_path: Path) -> Path:
    """A content root with the shipped lessons, to break one task in."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "lessons", root / "lessons")
    return root


def validate(root: Path):
    """What `tutor validate` reports about the task specs under ``root``."""
    curriculum = load_curriculum(root)
    return curriculum, curriculum.problems + validate_task_specs(curriculum)


def test_every_shipped_spec_loads_and_validates():
    curriculum = load_curriculum()
    assert validate_task_specs(curriculum) == []
    assert len(curriculum.tasks) >= 12


def test_a_typo_is_reported_at_its_line(tmp_path):
    root = content_copy(tmp_path)
    spec = root / "lessons/day-09/tasks/softmax/task.toml"
    lines = spec.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("points"))
    lines[index] = "pionts = 10"
    spec.write_text("\n".join(lines) + "\n")
    _, problems = validate(root)
    assert any(p.path == spec and p.line == index + 1 and "unknown key" in p.message for p in problems)


def test_a_missing_reference_and_a_bad_size_are_reported(tmp_path):
    root = content_copy(tmp_path)
    spec = root / "lessons/day-09/tasks/softmax/task.toml"
    text = spec.read_text().replace("kernels.numpy.losses:softmax", "kernels.numpy.losses:softmaxx")
    text = text.replace('normal = ["N", "C"], std = 2.0', 'normal = ["N", "K"], std = 2.0')
    spec.write_text(text)
    _, problems = validate(root)
    messages = [f"{p.line}: {p.message}" for p in problems if p.path == spec]
    assert any("defines no 'softmaxx'" in m for m in messages)
    assert any("size 'K' is not in dims" in m for m in messages)


def test_a_starter_without_the_entry_function_is_reported(tmp_path):
    root = content_copy(tmp_path)
    starter = root / "lessons/day-09/tasks/softmax/starter.py"
    starter.write_text("def soft_max(x):\n    pass\n")
    _, problems = validate(root)
    assert any("starter.py defines no function softmax()" in p.message for p in problems)


def test_load_spec_raises_with_lines(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "task.toml").write_text('id = "t"\ntitle = "x"\n')
    with pytest.raises(SpecError) as error:
        load_spec(folder)
    assert any("kind" in p.message for p in error.value.problems)


def test_unknown_task():
    with pytest.raises(UnknownTask):
        find_task_folder("no-such-task")


def test_cases_are_the_same_every_time():
    folder = find_task_folder("softmax")
    spec = load_spec(folder)
    first, second = build_cases(spec, folder), build_cases(spec, folder)
    assert [c.name for c in first] == [c.name for c in second]
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.inputs[0], b.inputs[0])
    sizes = {c.inputs[0].shape for c in first if c.name.startswith("a batch of scores")}
    assert len(sizes) > 1  # the seeds draw different sizes
    assert any(c.inputs[0].dtype == np.float32 for c in first)


def test_example_call_is_written_as_a_learner_types_it():
    assert example_call_text(load_spec(find_task_folder("softmax"))) == "softmax(np.array([1.0, 2.0, 3.0]))"


def test_a_wide_example_call_names_its_arguments_to_fit_80_columns():
    text = example_call_text(load_spec(find_task_folder("cross-entropy")))
    assert text == ("probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])\n"
                    ">>> y = np.array([0, 2])\n"
                    ">>> cross_entropy(probs, y)")
    assert all(len(">>> " + line) <= 70 for line in text.split("\n>>> "))
