"""FSRS as the scheduler of the review screen (``TUTOR_SCHEDULER=fsrs``), through py-fsrs.

py-fsrs (``pip install fsrs``, the open-spaced-repetition implementation) is optional: without
it, grades go through SM-2. FSRS keeps a memory state (stability, difficulty) that SM-2's
columns do not hold, so it is rebuilt by replaying the card's graded history from the review
log (a few rows, read by the card index) and then applying the new grade. The result is
written in the same columns as SM-2's (interval, due, repetitions, lapses), so the queue,
undo and statistics work unchanged; EF is left as it is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlmodel import Session

from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import GRADES, Outcome, day_start, today_of
from tutor.store.reviews import LOG, CardRow, utc

# SM-2 grade -> FSRS rating: 0-2 are failures (Again), 3 Hard, 4 Good, 5 Easy.
RATING_OF_GRADE = {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}


def available() -> bool:
    """True when the optional ``fsrs`` package is installed."""
    try:
        import fsrs  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def scheduler():
    """A py-fsrs scheduler with default parameters, no fuzz (so a preview equals the grade)."""
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)


def _history(db: Session, card_id: int) -> list[tuple[datetime, int]]:
    rows = db.connection().execute(
        select(LOG.c.id, LOG.c.kind, LOG.c.grade, LOG.c.reviewed_at, LOG.c.reverts_id)
        .where(LOG.c.card_id == card_id).order_by(LOG.c.reviewed_at, LOG.c.id)).all()
    reverted = {r.reverts_id for r in rows if r.kind == "undo"}
    return [(utc(r.reviewed_at), r.grade) for r in rows if r.kind == "grade" and r.id not in reverted]


def memory_state(history: list[tuple[datetime, int]]):
    """The py-fsrs Card after replaying (time, SM-2 grade) pairs."""
    import fsrs

    card = fsrs.Card()
    for when, grade in history:
        card, _ = scheduler().review_card(card, fsrs.Rating(RATING_OF_GRADE[grade]), when)
    return card


def review(db: Session, card: CardRow, grade: int, now: datetime, settings: SrsSettings) -> Outcome:
    """Grade ``card`` under FSRS and express the result as an SM-2-shaped Outcome."""
    import fsrs

    if grade not in GRADES:
        raise ValueError(f"a grade is 0 to 5, not {grade!r}")
    before = card.state
    memory = memory_state(_history(db, card.id))
    was_learned = memory.state == fsrs.State.Review
    after, _ = scheduler().review_card(memory, fsrs.Rating(RATING_OF_GRADE[grade]), now)
    today = today_of(now, settings.day)
    due_day = today_of(utc(after.due), settings.day)
    interval = max(0, (due_day - today).days)
    due = utc(after.due) if interval == 0 else day_start(due_day, settings.day)
    failed = grade < 3
    lapse = failed and was_learned
    lapses = before.lapses + (1 if lapse else 0)
    leech = before.leech or lapses >= settings.sm2.leech_lapses
    state = replace(before, repetitions=0 if failed else before.repetitions + 1, interval_days=interval,
                    due=due, lapses=lapses, leech=leech, suspended=before.suspended or leech, drill_on=None,
                    last_review=now, version=before.version + 1)
    return Outcome(state, grade, lapse=lapse, became_leech=leech and not before.leech)


def retrievability(history: list[tuple[datetime, int]], at: datetime) -> float:
    """FSRS's predicted probability of recall at ``at`` after the given history."""
    return scheduler().get_card_retrievability(memory_state(history), at)
