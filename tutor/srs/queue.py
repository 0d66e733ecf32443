"""The due queue: which cards to review now, within the day's caps, most overdue first.

Order: cards already learned and due (the most overdue first), then new cards in plan order,
then the cards seen earlier today that must come back today: those forgotten (due again at
once) and the same-day repeats of those graded 3. A daily cap limits new cards and reviews; cards seen earlier today never
count twice against the cap, so a forgotten card always comes back the same day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import day_start, today_of
from tutor.store import reviews
from tutor.store.reviews import CardRow


@dataclass(frozen=True)
class QueueItem:
    """A card to show, and why it is in the queue: 'review', 'new' or 'repeat' (same day)."""

    card: CardRow
    reason: str


@dataclass(frozen=True)
class Today:
    """What the learner has already done today, read from the review log."""

    new_ids: frozenset[int]  # cards seen for the first time today
    reviewed_ids: frozenset[int]  # cards learned before and reviewed today
    grades: int  # grades that still count (undone ones do not)
    seconds: float


@dataclass(frozen=True)
class QueueSummary:
    """Counts for the queue header: due now, held back by today's caps, waiting new cards."""

    due_reviews: int
    new_waiting: int
    review_cap_left: int
    new_cap_left: int
    today: Today


def today_so_far(session: Session, learner_id: int, now: datetime, settings: SrsSettings | None = None) -> Today:
    """The cards graded since the learner's day began (undone grades left out)."""
    settings = settings or SrsSettings.from_env()
    start = day_start(today_of(now, settings.day), settings.day)
    graded = list(reviews.effective_grades(reviews.grades_since(session, learner_id, start)))
    new_ids = {r.card_id for r in graded if json.loads(r.state_before).get("last_review") is None}
    reviewed = {r.card_id for r in graded} - new_ids
    seconds = sum(r.duration_ms for r in graded) / 1000
    return Today(frozenset(new_ids), frozenset(reviewed), len(graded), seconds)


def due_cards(session: Session, learner_id: int, now: datetime, settings: SrsSettings | None = None, *,
              new_limit: int | None = None, review_limit: int | None = None,
              today: Today | None = None) -> list[QueueItem]:
    """The cards to review at ``now``, in the order to show them, within the daily caps
    (``new_limit`` and ``review_limit`` override the settings' caps for today)."""
    settings = settings or SrsSettings.from_env()
    today = today or today_so_far(session, learner_id, now, settings)
    seen_today = today.new_ids | today.reviewed_ids
    review_cap = settings.reviews_per_day if review_limit is None else review_limit
    new_cap = settings.new_per_day if new_limit is None else new_limit
    review_room = max(0, review_cap - len(today.reviewed_ids))

    queue: list[QueueItem] = []
    for card in reviews.due_reviews(session, learner_id, now, review_room + len(seen_today)):
        if card.id not in seen_today and len(queue) < review_room:
            queue.append(QueueItem(card, "review"))
    queue += [QueueItem(c, "new") for c in reviews.new_cards(session, learner_id, new_cap - len(today.new_ids))]
    # Cards seen earlier today that must come back: forgotten ones (due again at once) and
    # the same-day repeats of cards graded 3. They never count against the caps again.
    repeats = reviews.cards_to_repeat(session, seen_today, now, today_of(now, settings.day))
    queue += [QueueItem(c, "repeat") for c in sorted(repeats, key=lambda c: (c.state.due, c.id))]
    return queue


def summary(session: Session, learner_id: int, now: datetime, settings: SrsSettings | None = None,
            today: Today | None = None) -> QueueSummary:
    """How many cards are due, how many new cards wait, and how much of today's caps is left."""
    settings = settings or SrsSettings.from_env()
    today = today or today_so_far(session, learner_id, now, settings)
    return QueueSummary(
        due_reviews=reviews.count_due_reviews(session, learner_id, now),
        new_waiting=reviews.count_new(session, learner_id),
        review_cap_left=max(0, settings.reviews_per_day - len(today.reviewed_ids)),
        new_cap_left=max(0, settings.new_per_day - len(today.new_ids)),
        today=today,
    )
