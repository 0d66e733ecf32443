"""Drills and review cards: which drills the reviews say are due, and a drill's result as a grade.

Every coding task is a kata card in the deck (``ref`` = the task id, see ``srs.deck``). A
drill on a task whose card is due is that card's review: the pass (its time and attempts)
becomes an SM-2 grade through ``srs.suggest.suggest_grade_from_kata``; giving up is a 1.
A card that is not due keeps its schedule: SM-2 has no rule for a review ahead of time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from tutor.clock import as_utc
from tutor.srs import scheduler
from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import interval_label
from tutor.srs.suggest import suggest_grade_from_kata
from tutor.store import reviews
from tutor.store.engine import session as open_session
from tutor.store.engine import write_session
from tutor.store.models import ReviewCard
from tutor.store.reviews import CardRow, StaleCard

SESSION_KEY = "drill"


@dataclass(frozen=True)
class Fed:
    """What a drill did to its review card."""

    graded: bool
    message: str
    grade: int | None = None


def kata_card(db: Session, learner_id: int, task_id: str) -> CardRow | None:
    """The learner's kata card for a task (generated ``kata:<id>`` or a content card with that ref)."""
    card = reviews.card_by_key(db, learner_id, f"kata:{task_id}")
    if card is not None:
        return card
    key = db.exec(select(ReviewCard.card_key).where(ReviewCard.learner_id == learner_id,
                                                    ReviewCard.kind == "kata", ReviewCard.ref == task_id)).first()
    return reviews.card_by_key(db, learner_id, key) if key else None


def is_due(card: CardRow, now: datetime) -> bool:
    """A card is due for review if it is new or its due time has come (and it is not suspended)."""
    state = card.state
    return not state.suspended and (state.is_new or as_utc(state.due) <= now)


def due_drills(db: Session, learner_id: int, now: datetime) -> list[str]:
    """Task ids whose kata cards are due: the most overdue first, then new ones in plan order."""
    rows = db.exec(select(ReviewCard).where(ReviewCard.learner_id == learner_id, ReviewCard.kind == "kata",
                                            ReviewCard.suspended == False)).all()  # noqa: E712
    seen = sorted((r for r in rows if r.last_review is not None and as_utc(r.due) <= now and r.ref),
                  key=lambda r: (as_utc(r.due), r.id))
    new = sorted((r for r in rows if r.last_review is None and r.ref), key=lambda r: (r.source_day or 0, r.id))
    ordered: list[str] = []
    for row in seen + new:
        if row.ref not in ordered:
            ordered.append(row.ref)
    return ordered


def feed_review(engine: Engine, learner_id: int, task_id: str, now: datetime, *, passed: bool,
                seconds: float, attempts: int, target_seconds: float,
                settings: SrsSettings | None = None) -> Fed:
    """Grade the task's kata card from a drill, if the card is due; say what happened."""
    settings = settings or SrsSettings.from_env()
    with open_session(engine) as db:
        card = kata_card(db, learner_id, task_id)
    if card is None:
        return Fed(False, "no review card yet (it joins your deck when you finish its day)")
    if card.state.suspended:
        return Fed(False, "its review card is suspended; the grade is not applied")
    if not is_due(card, now):
        due = as_utc(card.state.due).date().isoformat()
        return Fed(False, f"its review card is not due until {due}; it keeps its schedule")
    grade = suggest_grade_from_kata(passed, seconds, max(1, attempts), target_seconds)
    try:
        with write_session(engine) as db:
            outcome = scheduler.grade(db, card, grade, now, settings)
            reviews.write_grade(db, learner_id, card.id, card.state, outcome.state, grade, now,
                                int(seconds * 1000), SESSION_KEY)
    except StaleCard:
        return Fed(False, "its review card was just graded elsewhere; this drill does not grade it again")
    return Fed(True, f"review card graded {grade}: next {interval_label(outcome)}", grade)
