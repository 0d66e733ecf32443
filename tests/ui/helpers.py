"""Build the app on a frozen clock with a learner part-way through the plan."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import FIXED_NOW
from tutor.clock import FixedClock, learner_date
from tutor.context import LearnerContext
from tutor.store import progress
from tutor.ui.app import TutorApp


def learner_on_day(day: int, done: tuple[int, ...] = (), started: tuple[int, ...] = ()) -> LearnerContext:
    """A context whose learner began ``day - 1`` days before FIXED_NOW, with some days done."""
    clock = FixedClock(FIXED_NOW)
    ctx = LearnerContext.open(clock=clock)
    with ctx.session() as db:
        from tutor.store.models import Learner

        learner = db.get(Learner, ctx.learner_id)
        learner.started_on = learner_date(FIXED_NOW) - timedelta(days=day - 1)
        db.add(learner)
        db.commit()
        ctx.learner_started_on = learner.started_on
        for number in done:
            when = FIXED_NOW - timedelta(days=day - number)
            progress.mark_day_done(db, ctx.learner_id, number, when)
            progress.record_study_time(db, ctx.learner_id, number, when, 3600)
        for number in started:
            progress.mark_day_started(db, ctx.learner_id, number, FIXED_NOW)
    return ctx


def make_app(day: int = 9, **kwargs) -> TutorApp:
    """The app for a learner on ``day`` who has done every day before it."""
    done = kwargs.pop("done", tuple(range(1, day)))
    return TutorApp(learner_on_day(day, done=done, **kwargs))
