"""Check the whole curriculum: every file loads, and every reference points somewhere.

`tutor validate` prints what this returns. Other parts add their own checks through
``extra_checks`` (the derivation bank, the task specs), so one command proves all content.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from tutor.curriculum.loader import Curriculum, load_curriculum
from tutor.curriculum.models import LessonStatus
from tutor.curriculum.problems import ContentProblem, line_of_key

PLAN_DAYS = 84
MIN_COMPLETE_WORDS = 500

# Checks owned by other packages, found by name so this module does not depend on them.
# Each is "module:function", the function taking a Curriculum and returning ContentProblems.
EXTRA_CHECKS = (
    "tutor.grading.spec:validate_task_specs",
    "tutor.derive.validation:validate_for_curriculum",
)


def validate(root: Path | None = None) -> tuple[Curriculum, list[ContentProblem]]:
    """Load the content under ``root`` and return it with every problem found, sorted."""
    curriculum = load_curriculum(root)
    problems = list(curriculum.problems)
    problems += _check_days(curriculum)
    problems += _check_references(curriculum)
    problems += _check_intensive(curriculum)
    for check in _extra_checks():
        problems += check(curriculum)
    return curriculum, sorted(set(problems))


def _extra_checks() -> list[Callable[[Curriculum], list[ContentProblem]]]:
    checks = []
    for spec in EXTRA_CHECKS:
        module_name, _, function = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # that part of the app is not built yet
            raise
        checks.append(getattr(module, function))
    return checks


def _check_days(curriculum: Curriculum) -> list[ContentProblem]:
    problems = []
    lessons = curriculum.lessons_dir
    plan = curriculum.plan
    for number in range(1, PLAN_DAYS + 1):
        folder = lessons / f"day-{number:02d}"
        if number not in curriculum.days and not (folder / "lesson.md").exists():
            problems.append(ContentProblem(folder / "lesson.md", 1, f"day {number} of {PLAN_DAYS} is missing"))
    for number, day in curriculum.days.items():
        path = day.folder / "lesson.md"
        source = path.read_text(encoding="utf-8")
        expected_week = (number - 1) // 7 + 1
        if day.meta.week != expected_week:
            problems.append(ContentProblem(path, line_of_key(source, "week"),
                                           f"day {number} is in week {expected_week}, not {day.meta.week}"))
        if plan is not None:
            try:
                phase = plan.phase_of(number).number
            except KeyError:
                phase = None
            if phase is not None and day.meta.phase != phase:
                problems.append(ContentProblem(path, line_of_key(source, "phase"),
                                               f"day {number} is in phase {phase}, not {day.meta.phase}"))
        if day.meta.status is LessonStatus.COMPLETE:
            words = len(day.body.split())
            if words < MIN_COMPLETE_WORDS:
                problems.append(ContentProblem(path, line_of_key(source, "status"),
                                               f"marked complete but the lesson has {words} words "
                                               f"(at least {MIN_COMPLETE_WORDS})"))
    return problems


def _check_references(curriculum: Curriculum) -> list[ContentProblem]:
    problems = []
    for number, day in curriculum.days.items():
        path = day.folder / "lesson.md"
        source = path.read_text(encoding="utf-8")
        kinds = (("tasks", curriculum.tasks, "task"), ("quizzes", curriculum.quizzes, "derivation problem"),
                 ("cards", curriculum.cards, "card"))
        for key, known, what in kinds:
            for ref in getattr(day.meta, key):
                if ref not in known:
                    problems.append(ContentProblem(path, line_of_key(source, key),
                                                   f"{key}: no {what} with id {ref!r}"))
                elif getattr(known[ref], "day", number) != number:
                    problems.append(ContentProblem(path, line_of_key(source, key),
                                                   f"{key}: {ref!r} belongs to day {known[ref].day}"))
    listed = {ref for day in curriculum.days.values() for ref in day.meta.tasks}
    for task in curriculum.tasks.values():
        if task.id not in listed:
            problems.append(ContentProblem(task.folder / "task.toml", 1,
                                           f"task {task.id!r} is not listed in its day's front matter"))
    return problems


def _check_intensive(curriculum: Curriculum) -> list[ContentProblem]:
    track = curriculum.intensive
    if track is None:
        return []
    path = curriculum.lessons_dir / "intensive.toml"
    problems = []
    numbers = [d.day for d in track.days]
    if sorted(numbers) != list(range(1, 22)):
        problems.append(ContentProblem(path, 1, "the intensive track must have days 1-21, each once"))
    for item in track.days:
        for covered in item.covers:
            if not 1 <= covered <= PLAN_DAYS:
                problems.append(ContentProblem(path, 1, f"intensive day {item.day} covers day {covered}, "
                                               f"which is not in the plan"))
    return problems
