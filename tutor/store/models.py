"""SQLModel tables of the learner's progress.

Times are UTC. The review log is append-only: a grade is never updated or deleted; an undo
is a new row that points at the grade it reverts. Card scheduling state keeps the SM-2
easiness factor as integer hundredths (``ef_centi``: 250 means 2.5), never a binary float.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time in UTC (naive-free: always timezone-aware)."""
    return datetime.now(UTC)


class Meta(SQLModel, table=True):
    """Key-value facts about the database itself, such as the schema version."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=256)


class Learner(SQLModel, table=True):
    """A learner; one per login on a shared classroom database."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=128)
    started_on: date = Field(description="The learner's day 1 of the 84-day plan.")
    track: str = Field(default="plan84", max_length=16, description="'plan84' or 'intensive21'.")
    created_at: datetime = Field(default_factory=utcnow)


class DayProgress(SQLModel, table=True):
    """Where a learner stands on one day of the plan."""

    __table_args__ = (UniqueConstraint("learner_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    day: int
    started_at: datetime | None = None
    completed_at: datetime | None = None


class StudyTime(SQLModel, table=True):
    """A span of time a learner spent on a day (one row per visit to the day)."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    day: int = Field(index=True)
    started_at: datetime
    seconds: int = Field(ge=0)


class TaskAttempt(SQLModel, table=True):
    """One submission of a coding task: the code as submitted and the verdict."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    task_id: str = Field(index=True, max_length=128)
    day: int
    code: str
    passed: bool
    score: float = 0.0
    verdict_json: str = Field(default="{}", description="The grader's result, as JSON.")
    duration_ms: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class QuizAnswer(SQLModel, table=True):
    """One answer to a derivation problem, with the checker's verdict."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    problem_id: str = Field(index=True, max_length=128)
    answer: str
    verdict: str = Field(max_length=32)
    message: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class ReviewCard(SQLModel, table=True):
    """A card in a learner's deck, with its SM-2 scheduling state.

    ``version`` grows by one on every grade or undo: a grade is written only if the card
    still has the version the reviewer saw (compare-and-set), so two sessions of one
    learner never apply a grade twice. ``drill_on`` is the learner-day on which a card
    graded 3 must be repeated (SM-2 step 7); ``last_review`` is None for a new card.
    """

    __table_args__ = (
        UniqueConstraint("learner_id", "card_key"),
        # Partial indexes (schema v3), so the due queue and its counts read the index alone:
        # cards already seen, in due order; and new cards, in plan order.
        Index("ix_reviewcard_queue", "learner_id", "suspended", "due",
              sqlite_where=text("last_review IS NOT NULL"), postgresql_where=text("last_review IS NOT NULL")),
        Index("ix_reviewcard_new", "learner_id", "suspended", "source_day", "id",
              sqlite_where=text("last_review IS NULL"), postgresql_where=text("last_review IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    card_key: str = Field(max_length=160, description="The content card id, or a learner-made key.")
    kind: str = Field(default="concept", max_length=16)
    front: str
    back: str = ""
    ref: str | None = Field(default=None, max_length=160)
    tags: str = Field(default="", description="Space-separated tags.")
    source_day: int | None = None
    ef_centi: int = Field(default=250, description="SM-2 easiness factor in hundredths.")
    repetitions: int = 0
    interval_days: int = 0
    due: datetime = Field(default_factory=utcnow, index=True)
    lapses: int = 0
    suspended: bool = False
    leech: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=0, description="Bumped by every grade or undo (schema v3).")
    drill_on: date | None = Field(default=None, description="Learner-day of a pending same-day repeat.")
    last_review: datetime | None = Field(default=None, description="None while the card is new.")


class ReviewLog(SQLModel, table=True):
    """Append-only log of grades. ``kind`` is 'grade' or 'undo' (which names the row it reverts)."""

    __table_args__ = (Index("ix_reviewlog_learner_time", "learner_id", "reviewed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    card_id: int = Field(foreign_key="reviewcard.id", index=True)
    kind: str = Field(default="grade", max_length=8)
    grade: int | None = None
    reviewed_at: datetime = Field(default_factory=utcnow, index=True)
    duration_ms: int = 0
    state_before: str = Field(default="{}", description="Card state before, as JSON.")
    state_after: str = Field(default="{}", description="Card state after, as JSON.")
    reverts_id: int | None = Field(default=None, index=True, description="For an undo: the grade row it reverts.")
    session_key: str = Field(default="", max_length=64, description="Which review session wrote it.")


class DrillResult(SQLModel, table=True):
    """A finished timed drill."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    drill: str = Field(index=True, max_length=128)
    seconds: float
    attempts: int = 1
    penalty_seconds: float = 0.0
    speedup: float | None = Field(default=None, description="Reference time / learner time.")
    created_at: datetime = Field(default_factory=utcnow)
