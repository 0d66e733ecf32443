"""Pick the scheduler a grade goes through: SM-2 (default) or FSRS (optional, `pip install fsrs`).

Both take a card as shown and a 0-5 grade and return an SM-2-shaped Outcome, so the queue,
the log, undo and statistics work the same whichever schedules the cards.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from tutor.srs import sm2
from tutor.srs.settings import SrsSettings
from tutor.store.reviews import CardRow


def grade(db: Session, card: CardRow, grade: int, now: datetime, settings: SrsSettings) -> sm2.Outcome:
    """The outcome of grading ``card`` with ``grade`` at ``now``, under the chosen scheduler."""
    if settings.scheduler == "fsrs":
        from tutor.srs import fsrs_live

        if fsrs_live.available():
            return fsrs_live.review(db, card, grade, now, settings)
    return sm2.review(card.state, grade, now, settings.sm2, settings.day)


def preview(db: Session, card: CardRow, now: datetime, settings: SrsSettings) -> dict[int, sm2.Outcome]:
    """What each grade 0-5 would do to ``card`` now."""
    return {g: grade(db, card, g, now, settings) for g in sm2.GRADES}
