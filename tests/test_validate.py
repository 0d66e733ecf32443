"""`tutor validate` on the shipped content and on broken copies of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor import paths
from tutor.curriculum.validate import validate

ROOT = paths.content_root()


def run_validate(root: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "tutor", "validate"] + (["--root", str(root)] if root else [])
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def test_shipped_content_is_valid():
    result = run_validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: 84 days")


def test_all_84_days_have_front_matter():
    curriculum, problems = validate()
    assert problems == []
    assert sorted(curriculum.days) == list(range(1, 85))
    for day in curriculum.days.values():
        assert day.meta.source and day.meta.objectives and day.meta.title
    assert [d for d in (1, 2, 3) if curriculum.days[d].is_outline] == []


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the shipped lessons and quizzes."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "lessons", root / "lessons")
    shutil.copytree(ROOT / "quizzes", root / "quizzes")
    return root


def lesson(root: Path, day: int) -> Path:
    return root / "lessons" / f"day-{day:02d}" / "lesson.md"


def replace_line(path: Path, startswith: str, new: str) -> int:
    """Replace the first line starting with ``startswith``; return its 1-based number."""
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(startswith):
            lines[number - 1] = new
            path.write_text("\n".join(lines) + "\n")
            return number
    raise AssertionError(f"no line starting with {startswith!r} in {path}")


def test_toml_syntax_error_points_at_its_line(content):
    line = replace_line(lesson(content, 5), "title =", 'title = "unclosed')
    result = run_validate(content)
    assert result.returncode == 1
    assert f"day-05/lesson.md:{line}: invalid TOML" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("1 problem in")


def test_unknown_key_and_missing_key_are_named(content):
    line = replace_line(lesson(content, 6), "minutes =", "minuts = 120")
    replace_line(lesson(content, 7), "objectives = [", "objectivs = [")
    result = run_validate(content)
    assert f"day-06/lesson.md:{line}: minuts: unknown key (a typo?)" in result.stdout
    assert "day-07/lesson.md:" in result.stdout and "objectives: required key is missing" in result.stdout


def test_missing_front_matter_fence(content):
    path = lesson(content, 8)
    path.write_text("# Day 8\nNo front matter here.\n")
    result = run_validate(content)
    assert f"{path}:1: front matter missing" in result.stdout


def test_missing_task_is_reported_at_the_tasks_line(content):
    path = lesson(content, 60)  # an outline day: no tasks line yet
    line = replace_line(path, "status =", 'status = "outline"\ntasks = ["no-such-task"]') + 1
    result = run_validate(content)
    assert result.returncode == 1
    assert f"day-60/lesson.md:{line}: " in result.stdout
    assert "tasks: no task with id 'no-such-task'" in result.stdout


def test_duplicate_card_id(content):
    cards = content / "quizzes" / "cards" / "zz-duplicates.toml"
    cards.write_text('[[card]]\nid = "dup-card"\nday = 4\nfront = "What is 2+2?"\nback = "4"\n\n'
                     '[[card]]\nid = "dup-card"\nday = 4\nfront = "What is 3+3?"\nback = "6"\n')
    result = run_validate(content)
    assert f"{cards}:8: duplicate card id 'dup-card'" in result.stdout


def test_wrong_week_and_missing_day(content):
    line = replace_line(lesson(content, 20), "week =", "week = 4")
    shutil.rmtree(content / "lessons" / "day-84")
    result = run_validate(content)
    assert f"day-20/lesson.md:{line}: day 20 is in week 3, not 4" in result.stdout
    assert "day 84 of 84 is missing" in result.stdout


def test_a_broken_day_does_not_hide_the_others(content):
    lesson(content, 30).write_text("+++\nday = \n+++\n")
    curriculum, problems = validate(content)
    assert len(curriculum.days) == 83
    assert any("day-30" in str(p) for p in problems)


def test_errors_inside_a_table_point_into_that_table(content):
    plan = content / "lessons" / "plan.toml"
    lines = plan.read_text().splitlines()
    typo = next(i for i, line in enumerate(lines, start=1) if line == 'name = "Core neural networks"')
    header = max(i for i, line in enumerate(lines[:typo], start=1) if line == "[[phases]]")
    plan.write_text(plan.read_text().replace('name = "Core neural networks"', 'nme = "Core neural networks"'))
    result = run_validate(content)
    assert f"plan.toml:{typo}: phases.1.nme: unknown key (a typo?)" in result.stdout
    assert f"plan.toml:{header}: phases.1.name: required key is missing" in result.stdout
