"""What the review commands share: open the store and the learner without loading the content."""

from __future__ import annotations


def open_learner():
    """(engine, learner id, clock) for the learner running the command."""
    from tutor.clock import clock_from_env, learner_date
    from tutor.store import progress
    from tutor.store.engine import open_store, session

    clock = clock_from_env()
    engine = open_store()
    with session(engine) as db:
        learner = progress.get_or_create_learner(db, progress.learner_name(), learner_date(clock.now()))
    return engine, learner.id, clock
