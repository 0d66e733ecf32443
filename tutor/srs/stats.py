"""Review statistics, read from the deck and the append-only log.

- forecast: how many learned cards fall due on each of the next 30 learner-days (today
  includes everything overdue);
- heatmap: grades given on each learner-day of the last 26 weeks;
- retention by interval band: of the scheduled reviews of learned cards, the share recalled
  (graded 3 or more), grouped by the interval the card had been waiting;
- streak (consecutive days with reviews) and time spent reviewing.
Undone grades do not count. The log is read for the last year only, so the figures stay quick
to compute on a large history.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlmodel import Session

from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import day_start, today_of
from tutor.store import progress, reviews
from tutor.store.reviews import CARD, LOG

FORECAST_DAYS = 30
HEATMAP_WEEKS = 26
LOOKBACK_DAYS = 365
BANDS = ((1, 1, "1 day"), (2, 6, "2-6 days"), (7, 20, "1-3 weeks"), (21, 60, "3-8 weeks"), (61, 10**9, "2+ months"))


@dataclass(frozen=True)
class Band:
    """Retention of reviews whose interval fell in one band."""

    label: str
    reviews: int
    recalled: int

    @property
    def retention(self) -> float | None:
        """Recalled / reviews, or None when there were no reviews in the band."""
        return self.recalled / self.reviews if self.reviews else None


@dataclass(frozen=True)
class Stats:
    """Every figure the stats screen and `tutor stats` show."""

    today: date
    cards: int
    new: int
    learned: int
    suspended: int
    leeches: int
    due_now: int
    forecast: list[int]  # index 0 is today (overdue included)
    heatmap: dict[date, int]
    bands: list[Band]
    streak: int
    reviews_today: int
    seconds_today: float
    seconds_week: float
    seconds_total: float
    reviews_total: int

    def as_dict(self) -> dict:
        """The figures as plain JSON-ready data."""
        data = asdict(self)
        data["today"] = self.today.isoformat()
        data["heatmap"] = {d.isoformat(): n for d, n in sorted(self.heatmap.items())}
        data["forecast"] = [{"date": (self.today + timedelta(days=i)).isoformat(), "due": n}
                            for i, n in enumerate(self.forecast)]
        data["bands"] = [{"interval": b.label, "reviews": b.reviews, "recalled": b.recalled,
                          "retention": None if b.retention is None else round(b.retention, 4)} for b in self.bands]
        return data


def _deck_counts(db: Session, learner_id: int) -> dict[str, int]:
    conn = db.connection()
    row = conn.execute(select(
        func.count(),
        func.sum(case((CARD.c.last_review.is_(None), 1), else_=0)),
        func.sum(case((CARD.c.suspended == True, 1), else_=0)),  # noqa: E712
        func.sum(case((CARD.c.leech == True, 1), else_=0)),  # noqa: E712
    ).where(CARD.c.learner_id == learner_id)).one()
    cards, new, suspended, leeches = (int(v or 0) for v in row)
    return {"cards": cards, "new": new, "learned": cards - new, "suspended": suspended, "leeches": leeches}


def forecast(db: Session, learner_id: int, now: datetime, settings: SrsSettings, days: int = FORECAST_DAYS) -> list[int]:
    """Learned, unsuspended cards due on each of the next ``days`` learner-days (today includes overdue)."""
    today = today_of(now, settings.day)
    horizon = day_start(today + timedelta(days=days), settings.day)
    rows = db.connection().execute(select(CARD.c.due).where(
        CARD.c.learner_id == learner_id, CARD.c.suspended == False,  # noqa: E712
        CARD.c.last_review.is_not(None), CARD.c.due < horizon))
    counts = [0] * days
    for (due,) in rows:
        offset = (today_of(reviews.utc(due), settings.day) - today).days
        if offset < days:
            counts[max(0, offset)] += 1
    return counts


def _retention(graded: list[reviews.LogRow], settings: SrsSettings) -> list[Band]:
    totals = {label: [0, 0] for _, _, label in BANDS}
    for row in graded:
        before = json.loads(row.state_before)
        interval = before.get("interval_days", 0)
        if before.get("last_review") is None or interval <= 0:
            continue  # a new card, or one relearning today: not a test of an interval
        if before.get("drill_on") == today_of(row.reviewed_at, settings.day).isoformat():
            continue  # a same-day repeat
        for low, high, label in BANDS:
            if low <= interval <= high:
                totals[label][0] += 1
                totals[label][1] += 1 if row.grade >= 3 else 0
                break
    return [Band(label, *totals[label]) for _, _, label in BANDS]


def compute(db: Session, learner_id: int, now: datetime, settings: SrsSettings | None = None) -> Stats:
    """All review statistics for the learner at ``now``."""
    settings = settings or SrsSettings.from_env()
    today = today_of(now, settings.day)
    since = day_start(today - timedelta(days=LOOKBACK_DAYS), settings.day)
    graded = list(reviews.effective_grades(reviews.log_since(db, learner_id, since)))
    per_day: dict[date, int] = {}
    seconds_today = seconds_week = 0.0
    for row in graded:
        day = today_of(row.reviewed_at, settings.day)
        per_day[day] = per_day.get(day, 0) + 1
        if day == today:
            seconds_today += row.duration_ms / 1000
        if (today - day).days < 7:
            seconds_week += row.duration_ms / 1000
    heat_start = today - timedelta(days=7 * HEATMAP_WEEKS - 1)
    total_ms, total_reviews = db.connection().execute(select(
        func.coalesce(func.sum(LOG.c.duration_ms), 0), func.count()).where(
        LOG.c.learner_id == learner_id, LOG.c.kind == "grade")).one()
    undos = db.connection().execute(select(func.count()).where(
        LOG.c.learner_id == learner_id, LOG.c.kind == "undo")).scalar_one()
    return Stats(
        today=today,
        **_deck_counts(db, learner_id),
        due_now=reviews.count_due_reviews(db, learner_id, now),
        forecast=forecast(db, learner_id, now, settings),
        heatmap={d: n for d, n in per_day.items() if d >= heat_start},
        bands=_retention(graded, settings),
        streak=progress.streak(per_day, today),
        reviews_today=per_day.get(today, 0),
        seconds_today=seconds_today,
        seconds_week=seconds_week,
        seconds_total=int(total_ms) / 1000,
        reviews_total=int(total_reviews) - int(undos),
    )
