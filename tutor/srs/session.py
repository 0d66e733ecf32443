"""A review session: the queue, grading, same-day repeats, undo and progress, without any UI.

The review screen is a thin view of this object, so everything a learner notices (what comes
next, what a grade saves, what undo restores) is tested here without a terminal. Each grade
opens a short transaction and commits before ``grade`` returns: "saved" means on disk.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Engine

from tutor.clock import Clock
from tutor.srs import queue as due_queue
from tutor.srs import scheduler
from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import Outcome, interval_label
from tutor.store import reviews
from tutor.store.engine import session as open_session
from tutor.store.engine import write_session
from tutor.store.reviews import CardRow, StaleCard, UndoRefused

# Again / Hard / Good / Easy, as SM-2 grades (the review screen shows this mapping).
BUTTONS = {"again": 1, "hard": 3, "good": 4, "easy": 5}


@dataclass
class Progress:
    """Where the session stands: grades given, cards left, of which same-day repeats."""

    done: int
    left: int
    repeats: int


@dataclass
class GradeResult:
    """What happened to a grade: saved (with its outcome), or refused because another session won."""

    saved: bool
    message: str
    outcome: Outcome | None = None
    log_id: int | None = None


@dataclass
class _Done:
    log_id: int
    item: due_queue.QueueItem  # the card as it was shown, so undo can put it back
    requeued: bool


@dataclass
class ReviewSession:
    """One sitting of reviews for one learner."""

    engine: Engine
    learner_id: int
    clock: Clock
    settings: SrsSettings = field(default_factory=SrsSettings.from_env)
    session_key: str = field(default_factory=lambda: uuid.uuid4().hex[:16])

    def __post_init__(self) -> None:
        self.items: list[due_queue.QueueItem] = []
        self.history: list[_Done] = []
        self.summary: due_queue.QueueSummary | None = None

    def start(self) -> None:
        """Build the queue from the store (call again to refresh it)."""
        now = self.clock.now()
        with open_session(self.engine) as db:
            today = due_queue.today_so_far(db, self.learner_id, now, self.settings)
            self.items = due_queue.due_cards(db, self.learner_id, now, self.settings, today=today)
            self.summary = due_queue.summary(db, self.learner_id, now, self.settings, today=today)

    @property
    def current(self) -> CardRow | None:
        """The card to show now, or None when the session is finished."""
        return self.items[0].card if self.items else None

    @property
    def current_reason(self) -> str | None:
        """Why the current card is here: 'review', 'new' or 'repeat'."""
        return self.items[0].reason if self.items else None

    def progress(self) -> Progress:
        """Grades given in this session, cards left, and how many of those are same-day repeats."""
        return Progress(done=len(self.history), left=len(self.items),
                        repeats=sum(1 for item in self.items if item.reason == "repeat"))

    def held_back(self) -> int:
        """Due cards left out by today's review cap (they wait for tomorrow)."""
        if self.summary is None:
            return 0
        return max(0, self.summary.due_reviews - self.summary.review_cap_left)

    def choices(self, now: datetime | None = None) -> dict[int, str]:
        """For each grade 0-5, what it would do to the current card ('again today', '6d', ...)."""
        card = self.current
        if card is None:
            return {}
        now = now or self.clock.now()
        with open_session(self.engine) as db:
            outcomes = scheduler.preview(db, card, now, self.settings)
        return {grade: interval_label(outcome) for grade, outcome in outcomes.items()}

    def grade(self, grade: int, duration_ms: int = 0) -> GradeResult:
        """Grade the current card 0-5 and save it; a card due again today goes to the back."""
        if not self.items:
            return GradeResult(False, "no card to grade")
        item = self.items[0]
        now = self.clock.now()
        try:
            with write_session(self.engine) as db:
                outcome = scheduler.grade(db, item.card, grade, now, self.settings)
                log_id = reviews.write_grade(db, self.learner_id, item.card.id, item.card.state, outcome.state,
                                             grade, now, duration_ms, self.session_key)
        except StaleCard:
            self.items.pop(0)
            return GradeResult(False, "this card was just graded in another session; it is skipped here")
        self.items.pop(0)
        requeue = outcome.comes_back_today and not outcome.state.suspended
        if requeue:
            self.items.append(due_queue.QueueItem(replace(item.card, state=outcome.state), "repeat"))
        self.history.append(_Done(log_id, item, requeue))
        return GradeResult(True, _saved_message(outcome), outcome, log_id)

    def undo(self) -> str:
        """Undo this session's last grade: restore the card and show it again. Returns a message."""
        if not self.history:
            return "nothing to undo in this session"
        done = self.history[-1]
        now = self.clock.now()
        try:
            with write_session(self.engine) as db:
                restored = reviews.write_undo(db, self.learner_id, done.log_id, now, self.session_key)
        except UndoRefused as refused:
            return f"cannot undo: {refused}"
        self.history.pop()
        if done.requeued:
            for index in range(len(self.items) - 1, -1, -1):
                if self.items[index].card.id == done.item.card.id:
                    del self.items[index]
                    break
        self.items.insert(0, replace(done.item, card=replace(done.item.card, state=restored)))
        return "undone: the card is back as it was"


def _saved_message(outcome: Outcome) -> str:
    label = interval_label(outcome)
    if outcome.became_leech:
        return (f"saved · this card has been forgotten {outcome.state.lapses} times: it is a leech, "
                "suspended until you rewrite or unsuspend it")
    if outcome.same_day_repeat:
        return f"saved · same-day repeat {'passed' if outcome.state.drill_on is None else 'again later today'}"
    return f"saved · next: {label}"
