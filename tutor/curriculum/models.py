"""Typed models of the curriculum: the plan, days, lessons, tasks, cards.

Content is data in ``lessons/`` and ``quizzes/``; these models are what the loader turns it
into. They are pydantic models so a broken file produces a precise message, not a traceback.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, so a typo is caught by `tutor validate`."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LessonStatus(StrEnum):
    """Whether a day's lesson is written ("complete") or only planned ("outline")."""

    COMPLETE = "complete"
    OUTLINE = "outline"


class Phase(Strict):
    """One of the four phases of the 84-day plan."""

    number: int = Field(ge=1, le=4)
    name: str
    first_day: int = Field(ge=1, le=84)
    last_day: int = Field(ge=1, le=84)
    goal: str


class Milestone(Strict):
    """A milestone reached at the end of a day (shown as a star on the calendar)."""

    day: int = Field(ge=1, le=84)
    text: str


class Plan(Strict):
    """The 84-day plan's structure: phases and milestones."""

    title: str
    days: int = Field(84, ge=1)
    minutes_per_day: int = Field(120, ge=1)
    phases: list[Phase]
    milestones: list[Milestone] = []

    def phase_of(self, day: int) -> Phase:
        """Return the phase that contains ``day``."""
        for phase in self.phases:
            if phase.first_day <= day <= phase.last_day:
                return phase
        raise KeyError(f"day {day} is in no phase")

    def milestone_of(self, day: int) -> Milestone | None:
        """Return the milestone reached on ``day``, if any."""
        return next((m for m in self.milestones if m.day == day), None)


class DayFrontMatter(Strict):
    """The front matter of ``lessons/day-NN/lesson.md``."""

    day: int = Field(ge=1, le=84)
    title: str = Field(min_length=3)
    phase: int = Field(ge=1, le=4)
    week: int = Field(ge=1, le=12)
    minutes: int = Field(120, ge=10, le=240)
    source: str = Field(min_length=3, description="The line of the plan this day comes from.")
    objectives: list[str] = Field(min_length=1)
    status: LessonStatus = LessonStatus.OUTLINE
    tasks: list[str] = []
    quizzes: list[str] = []
    cards: list[str] = []
    extra_topics: list[str] = Field(
        default=[], description="Topics from the 21-day track given a place in this day."
    )

    @field_validator("tasks", "quizzes", "cards")
    @classmethod
    def _ids_are_unique(cls, ids: list[str]) -> list[str]:
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"listed twice: {', '.join(duplicates)}")
        return ids


class Day(BaseModel):
    """A loaded day: its front matter, lesson body and where it came from."""

    model_config = ConfigDict(frozen=True)

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


class Card(Strict):
    """A review card defined by content (``quizzes/cards/*.toml``)."""

    id: str = Field(pattern=ID_PATTERN)
    day: int = Field(ge=1, le=84)
    kind: CardKind = CardKind.CONCEPT
    front: str = Field(min_length=3)
    back: str = ""
    ref: str | None = Field(None, description="Problem id (derivation) or task id (kata).")
    tags: list[str] = []


class IntensiveDay(Strict):
    """One day of the 21-day intensive track, and the 84-day lessons it covers."""

    day: int = Field(ge=1, le=21)
    title: str
    week: int = Field(ge=1, le=3)
    covers: list[int] = Field(min_length=1, description="Days of the 84-day plan this day uses.")
    sections: list[str] = Field(default=[], description="What to read or do from those days.")


class IntensiveTrack(Strict):
    """The 21-day intensive track over the same lessons."""

    title: str
    days: list[IntensiveDay]
