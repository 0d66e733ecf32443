"""Save a graded submission as an attempt: the code, the verdict as JSON, the time it took."""

from __future__ import annotations

from tutor.grading.result import Result


def save_attempt(session, learner_id: int, day: int, code: str, result: Result):
    """Record one attempt in the learner's store (a pass marks the task done on its day)."""
    from tutor.store.progress import record_task_attempt

    return record_task_attempt(session, learner_id, result.task, day, code, result.passed,
                               score=result.score, verdict_json=result.to_json(),
                               duration_ms=result.duration_ms)


def save_attempt_standalone(day: int, code: str, result: Result) -> None:
    """Record an attempt from the command line: open the store and find the learner first."""
    from datetime import UTC, datetime

    from tutor.clock import learner_date
    from tutor.store import progress
    from tutor.store.engine import open_store, session

    engine = open_store()
    with session(engine) as db:
        learner = progress.get_or_create_learner(db, progress.learner_name(), learner_date(datetime.now(UTC)))
        save_attempt(db, learner.id, day, code, result)
    engine.dispose()
