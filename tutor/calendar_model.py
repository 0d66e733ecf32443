"""What the calendar shows, computed from content and progress; no drawing here.

`build_calendar` is pure: it takes the curriculum and a ProgressSnapshot (or None while the
store is still opening, when every day shows its content status and today is unknown).
`load_progress` reads the snapshot from the store. The UI and `tutor today` share both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from tutor.clock import as_utc, learner_date, streak
from tutor.curriculum.loader import Curriculum
from tutor.daystatus import DayStatus, status_of


@dataclass(frozen=True)
class DayCell:
    """One day of the 84-day calendar as the learner sees it."""

    day: int
    week: int
    phase: int
    title: str
    status: DayStatus
    milestone: str | None
    reviews_due: int
    is_today: bool
    tasks: int
    quizzes: int


@dataclass(frozen=True)
class IntensiveCell:
    """One day of the 21-day intensive track."""

    day: int
    week: int
    title: str
    covers: tuple[int, ...]
    sections: tuple[str, ...]
    status: DayStatus
    is_today: bool


@dataclass(frozen=True)
class ProgressSnapshot:
    """The learner's progress as the calendar needs it, read in one go."""

    today: date
    started_on: date
    days: dict[int, tuple[datetime | None, datetime | None]] = field(default_factory=dict)
    activity: frozenset[date] = frozenset()
    due_by_day: Counter = field(default_factory=Counter)
    seconds_today: int = 0
    new_cards: int = 0


@dataclass(frozen=True)
class CalendarView:
    """Everything the calendar screen draws. ``today`` is None until progress is loaded."""

    days: list[DayCell]
    intensive: list[IntensiveCell]
    today: int | None
    intensive_today: int | None
    streak: int
    reviews_due: int
    minutes_today: int
    new_cards: int = 0

    @property
    def loaded(self) -> bool:
        """True when the view includes the learner's progress."""
        return self.today is not None


def load_progress(ctx) -> ProgressSnapshot:
    """Read the learner's progress for the calendar from the store (opens it if needed)."""
    from sqlalchemy import func
    from sqlmodel import select

    from tutor.store import progress
    from tutor.store.models import ReviewCard, StudyTime

    now = ctx.clock.now()
    today = ctx.today()
    started = ctx.started_on()
    with ctx.session() as db:
        rows = progress.day_progress(db, ctx.learner_id)
        activity = progress.activity_dates(db, ctx.learner_id)
        due = db.exec(
            select(ReviewCard.source_day, func.count())
            .where(ReviewCard.learner_id == ctx.learner_id, ReviewCard.due <= now,
                   ReviewCard.suspended == False,  # noqa: E712
                   ReviewCard.last_review.is_not(None))  # new cards are not "due reviews"
            .group_by(ReviewCard.source_day)
        )
        due_by_day = Counter({day: count for day, count in due})
        new_cards = db.exec(
            select(func.count()).select_from(ReviewCard)
            .where(ReviewCard.learner_id == ctx.learner_id, ReviewCard.suspended == False,  # noqa: E712
                   ReviewCard.last_review.is_(None))
        ).one()
        spans = db.exec(select(StudyTime.started_at, StudyTime.seconds)
                        .where(StudyTime.learner_id == ctx.learner_id))
        seconds_today = sum(seconds for started_at, seconds in spans
                            if learner_date(as_utc(started_at)) == today)
    return ProgressSnapshot(
        today=today, started_on=started,
        days={n: (row.started_at, row.completed_at) for n, row in rows.items()},
        activity=frozenset(activity), due_by_day=due_by_day, seconds_today=seconds_today,
        new_cards=int(new_cards),
    )


def build_calendar(curriculum: Curriculum, snapshot: ProgressSnapshot | None) -> CalendarView:
    """Compute the calendar's cells from the content and (when loaded) the learner's progress."""
    plan = curriculum.plan
    progress_day = (snapshot.today - snapshot.started_on).days + 1 if snapshot else None
    today = max(1, min(84, progress_day)) if progress_day is not None else None
    due = snapshot.due_by_day if snapshot else Counter()
    days = []
    for number in range(1, 85):
        loaded = curriculum.day(number)
        is_outline = loaded is None or loaded.is_outline
        started_at, completed_at = snapshot.days.get(number, (None, None)) if snapshot else (None, None)
        days.append(DayCell(
            day=number,
            week=(number - 1) // 7 + 1,
            phase=loaded.meta.phase if loaded else (plan.phase_of(number).number if plan else 0),
            title=loaded.meta.title if loaded else "(this day failed to load: run tutor validate)",
            status=status_of(started_at, completed_at, is_outline),
            milestone=(m.text if plan and (m := plan.milestone_of(number)) else None),
            reviews_due=due.get(number, 0),
            is_today=today is not None and number == today and 1 <= progress_day <= 84,
            tasks=len(loaded.meta.tasks) if loaded else 0,
            quizzes=len(loaded.meta.quizzes) if loaded else 0,
        ))
    intensive_today = max(1, min(21, progress_day)) if progress_day is not None else None
    intensive = []
    if curriculum.intensive is not None:
        for item in curriculum.intensive.days:
            intensive.append(IntensiveCell(
                item.day, item.week, item.title, tuple(item.covers), tuple(item.sections),
                _intensive_status([days[d - 1].status for d in item.covers]),
                is_today=intensive_today is not None and item.day == intensive_today and 1 <= progress_day <= 21,
            ))
    return CalendarView(
        days=days, intensive=intensive, today=today, intensive_today=intensive_today,
        streak=streak(snapshot.activity, snapshot.today) if snapshot else 0,
        reviews_due=sum(due.values()),
        minutes_today=(snapshot.seconds_today // 60) if snapshot else 0,
        new_cards=snapshot.new_cards if snapshot else 0,
    )


def _intensive_status(statuses: list[DayStatus]) -> DayStatus:
    """An intensive day is done when every plan day it uses is done."""
    if all(s is DayStatus.DONE for s in statuses):
        return DayStatus.DONE
    if any(s in (DayStatus.DONE, DayStatus.IN_PROGRESS) for s in statuses):
        return DayStatus.IN_PROGRESS
    if all(s is DayStatus.OUTLINE for s in statuses):
        return DayStatus.OUTLINE
    return DayStatus.NOT_STARTED

