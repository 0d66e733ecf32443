"""Typed models of the curriculum: the plan, days, lessons, tasks, cards.

Content is data in ``lessons/`` and ``quizzes/``; these models are what the loader turns it
into. They are plain frozen dataclasses, validated by pydantic (`parse`) when a file is read,
so a broken file produces a precise message, not a traceback. Being plain dataclasses, they
cost nothing to import and unpickle: the app starts from a cache of them without importing
pydantic at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from annotated_types import Ge, Le, MinLen

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Unknown keys are errors, so a typo is caught by `tutor validate`.
STRICT = {"extra": "forbid"}

DayNumber = Annotated[int, Ge(1), Le(84)]
Text = Annotated[str, MinLen(3)]

Model = TypeVar("Model")


def parse(model: type[Model], raw: Any) -> Model:
    """Validate ``raw`` (parsed TOML) as ``model``; raises pydantic.ValidationError with every problem."""
    from pydantic import TypeAdapter

    return _adapter(model, TypeAdapter).validate_python(raw)


_ADAPTERS: dict[type, Any] = {}


def _adapter(model: type, factory) -> Any:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = factory(model)
    return _ADAPTERS[model]


class LessonStatus(StrEnum):
    """Whether a day's lesson is written ("complete") or only planned ("outline")."""

    COMPLETE = "complete"
    OUTLINE = "outline"


@dataclass(frozen=True)
class Phase:
    """One of the four phases of the 84-day plan."""

    __pydantic_config__ = STRICT

    number: Annotated[int, Ge(1), Le(4)]
    name: str
    first_day: DayNumber
    last_day: DayNumber
    goal: str


@dataclass(frozen=True)
class Milestone:
    """A milestone reached at the end of a day (shown as a star on the calendar)."""

    __pydantic_config__ = STRICT

    day: DayNumber
    text: str


@dataclass(frozen=True)
class Plan:
    """The 84-day plan's structure: phases and milestones."""

    __pydantic_config__ = STRICT

    title: str
    phases: list[Phase]
    days: Annotated[int, Ge(1)] = 84
    minutes_per_day: Annotated[int, Ge(1)] = 120
    milestones: list[Milestone] = field(default_factory=list)

    def phase_of(self, day: int) -> Phase:
        """Return the phase that contains ``day``."""
        for phase in self.phases:
            if phase.first_day <= day <= phase.last_day:
                return phase
        raise KeyError(f"day {day} is in no phase")

    def milestone_of(self, day: int) -> Milestone | None:
        """Return the milestone reached on ``day``, if any."""
        return next((m for m in self.milestones if m.day == day), None)


@dataclass(frozen=True)
class DayFrontMatter:
    """The front matter of ``lessons/day-NN/lesson.md``.

    ``source`` is the line of the plan the day comes from; ``extra_topics`` are topics from
    the 21-day track given a place in this day.
    """

    __pydantic_config__ = STRICT

    day: DayNumber
    title: Text
    phase: Annotated[int, Ge(1), Le(4)]
    week: Annotated[int, Ge(1), Le(12)]
    source: Text
    objectives: Annotated[list[str], MinLen(1)]
    minutes: Annotated[int, Ge(10), Le(240)] = 120
    status: LessonStatus = LessonStatus.OUTLINE
    tasks: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    extra_topics: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", LessonStatus(self.status))  # also when built in code


@dataclass(frozen=True)
class Day:
    """A loaded day: its front matter, lesson body and where it came from."""

    meta: DayFrontMatter
    body: str
    folder: Path

    @property
    def number(self) -> int:
        """The day's number in the 84-day plan."""
        return self.meta.day

    @property
    def is_outline(self) -> bool:
        """True when the lesson is not written yet."""
        return self.meta.status is LessonStatus.OUTLINE


class CardKind(StrEnum):
    """What a review card asks for."""

    CONCEPT = "concept"  # question and answer, graded by the learner
    DERIVATION = "derivation"  # re-asks a derivation problem, graded by the checker
    KATA = "kata"  # re-implement a kernel, graded by the grader


@dataclass(frozen=True)
class Card:
    """A review card defined by content (``quizzes/cards/*.toml``).

    ``ref`` is the problem id of a derivation card or the task id of a kata card.
    """

    __pydantic_config__ = STRICT

    id: str
    day: DayNumber
    front: Text
    kind: CardKind = CardKind.CONCEPT
    back: str = ""
    ref: str | None = None
    tags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", CardKind(self.kind))  # also when built in code


@dataclass(frozen=True)
class IntensiveDay:
    """One day of the 21-day intensive track; ``covers`` lists the 84-day plan days it uses."""

    __pydantic_config__ = STRICT

    day: Annotated[int, Ge(1), Le(21)]
    title: str
    week: Annotated[int, Ge(1), Le(3)]
    covers: Annotated[list[int], MinLen(1)]
    sections: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IntensiveTrack:
    """The 21-day intensive track over the same lessons."""

    __pydantic_config__ = STRICT

    title: str
    days: list[IntensiveDay]
