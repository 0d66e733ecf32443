"""What every screen and command needs to know: the content, the store, the learner and the clock.

Built once at startup (`LearnerContext.open()`), passed to the app, and reachable from any
screen as ``self.app.ctx``. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from tutor.clock import Clock, clock_from_env, learner_date, plan_day
from tutor.curriculum.loader import Curriculum, load_curriculum
from tutor.store import progress
from tutor.store.engine import open_store, session


@dataclass
class LearnerContext:
    """The learner's view of the world: curriculum, database engine, who they are, and the time."""

    curriculum: Curriculum
    engine: Engine
    learner_id: int
    learner_name: str
    clock: Clock
    track: str = "plan84"
    learner_started_on: date | None = None
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, clock: Clock | None = None, db_url: str | None = None,
             learner: str | None = None, curriculum: Curriculum | None = None) -> LearnerContext:
        """Load content, open (or create) the store and the learner; nothing is read twice."""
        clock = clock or clock_from_env()
        curriculum = curriculum or load_curriculum()
        engine = open_store(db_url)
        name = learner or progress.learner_name()
        with session(engine) as db:
            row = progress.get_or_create_learner(db, name, learner_date(clock.now()))
        return cls(curriculum=curriculum, engine=engine, learner_id=row.id, learner_name=name,
                   clock=clock, track=row.track, learner_started_on=row.started_on)

    def session(self) -> Session:
        """A new database session (use as a context manager)."""
        return session(self.engine)

    def today(self) -> date:
        """The learner's date now (days start at TUTOR_DAY_START, 4 AM by default)."""
        return learner_date(self.clock.now())

    def started_on(self) -> date:
        """The learner's day 1."""
        if self.learner_started_on is None:
            from tutor.store.models import Learner

            with self.session() as db:
                self.learner_started_on = db.get(Learner, self.learner_id).started_on
        return self.learner_started_on

    def plan_day(self) -> int:
        """Which day of the 84-day plan today is."""
        return plan_day(self.started_on(), self.today())
