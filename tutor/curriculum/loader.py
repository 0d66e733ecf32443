"""Load the curriculum from ``lessons/`` and ``quizzes/`` into typed models.

A lesson file is TOML front matter between ``+++`` lines, then Markdown::

    +++
    day = 1
    title = "..."
    +++
    # The lesson
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tutor import paths
from tutor.curriculum.models import (
    ID_PATTERN,
    Card,
    Day,
    DayFrontMatter,
    IntensiveTrack,
    Plan,
    parse,
)
from tutor.curriculum.problems import (
    ContentError,
    ContentProblem,
    line_of_key,
    line_of_table,
    toml_problem,
    validation_problems,
)

DAY_FOLDER = re.compile(r"^day-(\d{2})$")
FRONT_MATTER_FENCE = "+++"


def read_toml(path: Path) -> dict:
    """Read a TOML file, raising ContentError with the line of any syntax error."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError([toml_problem(path, error)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([ContentProblem(path, 1, f"cannot read: {error}")]) from None


def split_front_matter(path: Path, text: str) -> tuple[str, str, int]:
    """Split a lesson into (front matter TOML, Markdown body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError([ContentProblem(path, 1, "front matter missing: the file must start with '+++'")])
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise ContentError([ContentProblem(path, 1, "front matter is not closed: no second '+++' line")])


def load_day(folder: Path) -> Day:
    """Load one day folder (``lessons/day-NN``); raise ContentError describing what is wrong."""
    path = folder / "lesson.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([ContentProblem(path, 1, "lesson.md is missing")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([ContentProblem(path, 1, f"cannot read: {error}")]) from None
    front, body, _ = split_front_matter(path, text)
    try:
        raw = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise ContentError([toml_problem(path, error, line_offset=1)]) from None
    from pydantic import ValidationError

    try:
        meta = parse(DayFrontMatter, raw)
    except ValidationError as error:
        raise ContentError(validation_problems(path, error, front, start_line=2, default_line=1)) from None
    duplicated = [(key, sorted({i for i in ids if ids.count(i) > 1}))
                  for key, ids in (("tasks", meta.tasks), ("quizzes", meta.quizzes), ("cards", meta.cards))]
    problems = [ContentProblem(path, line_of_key(front, key, start_line=2), f"{key}: listed twice: {', '.join(ids)}")
                for key, ids in duplicated if ids]
    if problems:
        raise ContentError(problems)
    match = DAY_FOLDER.match(folder.name)
    if match and int(match.group(1)) != meta.day:
        line = line_of_key(front, "day", start_line=2)
        raise ContentError([ContentProblem(path, line, f"day = {meta.day} but the folder is {folder.name}")])
    return Day(meta=meta, body=body, folder=folder)


@dataclass(frozen=True)
class TaskEntry:
    """A coding task found in a day folder: where its spec is and its basic fields."""

    id: str
    day: int
    title: str
    kind: str
    folder: Path


@dataclass(frozen=True)
class QuizEntry:
    """A derivation problem's id, day and title, as listed in ``quizzes/derivations``."""

    id: str
    day: int
    title: str
    path: Path


def load_cards(path: Path) -> list[Card]:
    """Load the ``[[card]]`` tables of one cards file."""
    from pydantic import ValidationError

    raw = read_toml(path)
    source = path.read_text(encoding="utf-8")
    cards, problems = [], []
    for index, item in enumerate(raw.get("card", [])):
        line = line_of_table(source, "card", index)
        try:
            card = parse(Card, item)
        except ValidationError as error:
            problems.extend(validation_problems(path, error, "", default_line=line))
            continue
        if not ID_PATTERN.match(card.id):
            problems.append(ContentProblem(path, line, f"card id {card.id!r}: use lowercase letters, digits and '-'"))
            continue
        cards.append(card)
    unknown = set(raw) - {"card"}
    if unknown:
        problems.append(ContentProblem(path, 1, f"unknown top-level keys: {', '.join(sorted(unknown))}"))
    if problems:
        raise ContentError(problems)
    return cards


@dataclass
class Curriculum:
    """Everything the app shows: the plan, the days, tasks, quizzes and cards.

    Loading is forgiving: what loads is kept, and what does not is listed in ``problems``,
    so one broken lesson never stops the app from opening the other 83.
    """

    root: Path
    plan: Plan | None = None
    intensive: IntensiveTrack | None = None
    days: dict[int, Day] = field(default_factory=dict)
    tasks: dict[str, TaskEntry] = field(default_factory=dict)
    quizzes: dict[str, QuizEntry] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)

    @cached_property
    def lessons_dir(self) -> Path:
        """The folder of day folders."""
        return self.root / "lessons"

    def day(self, number: int) -> Day | None:
        """The loaded day ``number``, or None if it failed to load."""
        return self.days.get(number)

    def tasks_of(self, day: int) -> list[TaskEntry]:
        """The tasks of a day, in the order its front matter lists them."""
        loaded = self.days.get(day)
        ids = loaded.meta.tasks if loaded else []
        return [self.tasks[i] for i in ids if i in self.tasks]

    def quizzes_of(self, day: int) -> list[QuizEntry]:
        """The derivation problems of a day, in the order its front matter lists them."""
        loaded = self.days.get(day)
        ids = loaded.meta.quizzes if loaded else []
        return [self.quizzes[i] for i in ids if i in self.quizzes]

    def cards_of(self, day: int) -> list[Card]:
        """The concept cards a day lists."""
        loaded = self.days.get(day)
        ids = loaded.meta.cards if loaded else []
        return [self.cards[i] for i in ids if i in self.cards]


def load_curriculum(root: Path | None = None) -> Curriculum:
    """Load all content under ``root`` (default: the shipped content) and collect every problem."""
    root = root or paths.content_root()
    curriculum = Curriculum(root=root)
    _load_plan(curriculum)
    _load_days(curriculum)
    _load_tasks(curriculum)
    _load_quizzes(curriculum)
    _load_cards(curriculum)
    return curriculum


def _collect(curriculum: Curriculum, action):
    try:
        return action()
    except ContentError as error:
        curriculum.problems.extend(error.problems)
        return None


def _load_plan(curriculum: Curriculum) -> None:
    """The 84-day plan (plan.toml) and the 21-day track (intensive.toml)."""
    curriculum.plan = _load_model(curriculum, curriculum.lessons_dir / "plan.toml", Plan)
    curriculum.intensive = _load_model(curriculum, curriculum.lessons_dir / "intensive.toml", IntensiveTrack)


def _load_model(curriculum: Curriculum, path: Path, model: type):
    """One TOML file validated as ``model``; None (with its problems recorded) if it is broken."""
    from pydantic import ValidationError

    raw = _collect(curriculum, lambda: read_toml(path))
    if raw is None:
        return None
    try:
        return parse(model, raw)
    except ValidationError as error:
        curriculum.problems.extend(validation_problems(path, error, path.read_text(encoding="utf-8")))
        return None


def _load_days(curriculum: Curriculum) -> None:
    folders = sorted(p for p in curriculum.lessons_dir.glob("day-*") if p.is_dir())
    for folder in folders:
        day = _collect(curriculum, lambda folder=folder: load_day(folder))
        if day is None:
            continue
        if day.number in curriculum.days:
            curriculum.problems.append(
                ContentProblem(folder / "lesson.md", 1, f"day {day.number} is defined twice")
            )
            continue
        curriculum.days[day.number] = day


def _load_tasks(curriculum: Curriculum) -> None:
    for number, day in sorted(curriculum.days.items()):
        for spec_path in sorted(day.folder.glob("tasks/*/task.toml")):
            raw = _collect(curriculum, lambda spec_path=spec_path: read_toml(spec_path))
            if raw is None:
                continue
            missing = [key for key in ("id", "title", "kind") if key not in raw]
            if missing:
                curriculum.problems.append(
                    ContentProblem(spec_path, 1, f"required key is missing: {', '.join(missing)}")
                )
                continue
            task_id = str(raw["id"])
            if task_id != spec_path.parent.name:
                line = line_of_key(spec_path.read_text(), "id")
                curriculum.problems.append(
                    ContentProblem(spec_path, line, f"id {task_id!r} differs from its folder name")
                )
            if task_id in curriculum.tasks:
                line = line_of_key(spec_path.read_text(), "id")
                other = curriculum.tasks[task_id].folder / "task.toml"
                curriculum.problems.append(
                    ContentProblem(spec_path, line, f"duplicate task id {task_id!r} (also in {other})")
                )
                continue
            curriculum.tasks[task_id] = TaskEntry(
                task_id, number, str(raw["title"]), str(raw["kind"]), spec_path.parent
            )


def _load_quizzes(curriculum: Curriculum) -> None:
    folder = curriculum.root / "quizzes" / "derivations"
    for path in sorted(folder.glob("*.toml")):
        raw = _collect(curriculum, lambda path=path: read_toml(path))
        if raw is None:
            continue
        source = path.read_text(encoding="utf-8")
        for index, item in enumerate(raw.get("problem", [])):
            line = line_of_table(source, "problem", index)
            problem_id = item.get("id")
            if not isinstance(problem_id, str) or not isinstance(item.get("day"), int):
                curriculum.problems.append(ContentProblem(path, line, "a problem needs an 'id' and a 'day'"))
                continue
            if problem_id in curriculum.quizzes:
                curriculum.problems.append(
                    ContentProblem(path, line, f"duplicate problem id {problem_id!r}")
                )
                continue
            curriculum.quizzes[problem_id] = QuizEntry(
                problem_id, item["day"], str(item.get("title", problem_id)), path
            )


def _load_cards(curriculum: Curriculum) -> None:
    folder = curriculum.root / "quizzes" / "cards"
    for path in sorted(folder.glob("*.toml")):
        cards = _collect(curriculum, lambda path=path: load_cards(path))
        for card in cards or []:
            if card.id in curriculum.cards:
                line = _last_line_containing(path.read_text(), f'"{card.id}"')
                curriculum.problems.append(ContentProblem(path, line, f"duplicate card id {card.id!r}"))
                continue
            curriculum.cards[card.id] = card


def _last_line_containing(source: str, needle: str) -> int:
    """Line (1-based) of the last line of source containing needle (1 if none)."""
    found = 1
    for number, text in enumerate(source.splitlines(), start=1):
        if needle in text:
            found = number
    return found
