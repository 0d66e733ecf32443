"""What the calendar shows, computed from content and progress; no drawing here.

The UI renders a list of DayCell; `tutor today` and tests read the same list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import select

from tutor.context import LearnerContext
from tutor.clock import learner_date
from tutor.store import progress
from tutor.store.models import ReviewCard, StudyTime
from tutor.store.progress import DayStatus


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
class CalendarView:
    """Everything the calendar screen draws."""

    days: list[DayCell]
    intensive: list[IntensiveCell]
    today: int
    intensive_today: int
    streak: int
    reviews_due: int
    minutes_today: int


def due_by_day(ctx: LearnerContext, now: datetime) -> Counter:
    """Due review cards per source day."""
    with ctx.session() as db:
        rows = db.exec(
            select(ReviewCard.source_day, func.count())
            .where(ReviewCard.learner_id == ctx.learner_id, ReviewCard.due <= now,
                   ReviewCard.suspended == False)  # noqa: E712
            .group_by(ReviewCard.source_day)
        )
        return Counter({day: count for day, count in rows})


def build_calendar(ctx: LearnerContext) -> CalendarView:
    """Compute the calendar for the learner at the context's clock."""
    now = ctx.clock.now()
    today_date = ctx.today()
    curriculum = ctx.curriculum
    started = ctx.started_on()
    with ctx.session() as db:
        rows = progress.day_progress(db, ctx.learner_id)
        dates = progress.activity_dates(db, ctx.learner_id)
        today_seconds = _seconds_on(db, ctx, today_date)
    due = due_by_day(ctx, now)
    progress_day = (today_date - started).days + 1  # may run past 84 for a slow learner
    today = max(1, min(84, progress_day))
    days = []
    for number in range(1, 85):
        loaded = curriculum.day(number)
        plan = curriculum.plan
        is_outline = loaded is None or loaded.is_outline
        days.append(DayCell(
            day=number,
            week=(number - 1) // 7 + 1,
            phase=loaded.meta.phase if loaded else (plan.phase_of(number).number if plan else 0),
            title=loaded.meta.title if loaded else "(this day failed to load: run tutor validate)",
            status=progress.day_status(rows.get(number), is_outline),
            milestone=(m.text if plan and (m := plan.milestone_of(number)) else None),
            reviews_due=due.get(number, 0),
            is_today=number == today and 1 <= progress_day <= 84,
            tasks=len(loaded.meta.tasks) if loaded else 0,
            quizzes=len(loaded.meta.quizzes) if loaded else 0,
        ))
    intensive_today = max(1, min(21, progress_day))
    intensive = []
    if curriculum.intensive is not None:
        for item in curriculum.intensive.days:
            statuses = [days[d - 1].status for d in item.covers]
            if all(s is DayStatus.DONE for s in statuses):
                status = DayStatus.DONE
            elif any(s in (DayStatus.DONE, DayStatus.IN_PROGRESS) for s in statuses):
                status = DayStatus.IN_PROGRESS
            elif all(s is DayStatus.OUTLINE for s in statuses):
                status = DayStatus.OUTLINE
            else:
                status = DayStatus.NOT_STARTED
            intensive.append(IntensiveCell(
                item.day, item.week, item.title, tuple(item.covers), tuple(item.sections), status,
                is_today=item.day == intensive_today and 1 <= progress_day <= 21,
            ))
    return CalendarView(
        days=days, intensive=intensive, today=today, intensive_today=intensive_today,
        streak=progress.streak(dates, today_date), reviews_due=sum(due.values()),
        minutes_today=today_seconds // 60,
    )


def _seconds_on(db, ctx: LearnerContext, day: date) -> int:
    """Study seconds whose span started on the learner-date ``day``."""
    spans = db.exec(select(StudyTime.started_at, StudyTime.seconds).where(StudyTime.learner_id == ctx.learner_id))
    total = 0
    for started_at, seconds in spans:
        moment = started_at if started_at.tzinfo else started_at.replace(tzinfo=UTC)
        if learner_date(moment) == day:
            total += seconds
    return total
