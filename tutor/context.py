"""What every screen and command needs to know: the content, the store, the learner and the clock.

Built once at startup and reachable from any screen as ``self.app.ctx``. The store is opened
on first use (`connect`), because importing SQLAlchemy costs more than drawing the first
screen: the app paints the calendar from content, then connects in a worker.
Nothing here imports Textual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tutor.clock import Clock, clock_from_env, learner_date
from tutor.curriculum.loader import Curriculum

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


@dataclass
class LearnerContext:
    """The learner's view of the world: curriculum, database, who they are, and the time."""

    curriculum: Curriculum
    clock: Clock
    learner_name: str
    db_url: str | None = None
    track: str = "plan84"
    learner_id: int | None = None
    learner_started_on: date | None = None
    notices: list[str] = field(default_factory=list)
    _engine: Engine | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def prepare(cls, clock: Clock | None = None, db_url: str | None = None,
                learner: str | None = None, curriculum: Curriculum | None = None) -> LearnerContext:
        """Load the content and know who the learner is, without touching the store yet."""
        import getpass
        import os

        from tutor.curriculum.cache import load_curriculum_cached

        name = learner or os.environ.get("TUTOR_LEARNER") or getpass.getuser()
        return cls(curriculum=curriculum or load_curriculum_cached(), clock=clock or clock_from_env(),
                   learner_name=name, db_url=db_url)

    @classmethod
    def open(cls, clock: Clock | None = None, db_url: str | None = None,
             learner: str | None = None, curriculum: Curriculum | None = None) -> LearnerContext:
        """Load content and open (or create) the store and the learner, all at once."""
        ctx = cls.prepare(clock, db_url, learner, curriculum)
        ctx.connect()
        return ctx

    @property
    def connected(self) -> bool:
        """True once the store is open and the learner known."""
        return self._engine is not None

    def connect(self) -> None:
        """Open the store (creating or migrating it) and find or create the learner. Thread-safe."""
        with self._lock:
            if self._engine is not None:
                return
            from tutor.store import progress
            from tutor.store.engine import open_store, session

            engine = open_store(self.db_url)
            with session(engine) as db:
                row = progress.get_or_create_learner(db, self.learner_name, learner_date(self.clock.now()))
            self.learner_id, self.track, self.learner_started_on = row.id, row.track, row.started_on
            self._engine = engine

    @property
    def engine(self) -> Engine:
        """The store's engine, opening the store if it is not open yet."""
        self.connect()
        return self._engine

    def session(self) -> Session:
        """A new database session (use as a context manager)."""
        from tutor.store.engine import session

        return session(self.engine)

    def today(self) -> date:
        """The learner's date now (days start at TUTOR_DAY_START, 4 AM by default)."""
        return learner_date(self.clock.now())

    def started_on(self) -> date:
        """The learner's day 1."""
        self.connect()
        return self.learner_started_on
