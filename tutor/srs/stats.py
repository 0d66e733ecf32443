"""Review statistics, read from the deck and the append-only log.

- forecast: how many learned cards fall due on each of the next 30 learner-days (today
  includes everything overdue);
- heatmap: grades given on each learner-day of the last 26 weeks;
- retention by interval band: of the last 90 days' scheduled reviews of learned cards, the share
  recalled (graded 3 or more), grouped by the interval the card had been waiting;
- streak (consecutive days with reviews) and time spent reviewing.
Undone grades do not count. The log is read for the heatmap's 26 weeks only (and its widest
column for the retention window only), so the figures stay quick on a long history.
"""

from __future__ import annotations

import re
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
RETENTION_DAYS = 90
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


_INTERVAL = re.compile(r'"interval_days":\s*(\d+)')
_NEVER_SEEN = re.compile(r'"last_review":\s*null')
_DRILL = re.compile(r'"drill_on":\s*"([0-9-]+)"')


def _band_of(state_before: str, day: date) -> str | None:
    """The interval band a grade tested, or None for a new card, a relearning step or a same-day repeat.

    Reads three fields of the logged state with patterns rather than a JSON parse: statistics
    go over up to a year of log rows."""
    found = _INTERVAL.search(state_before)
    interval = int(found.group(1)) if found else 0
    if interval <= 0 or _NEVER_SEEN.search(state_before):
        return None
    drill = _DRILL.search(state_before)
    if drill and drill.group(1) == day.isoformat():
        return None
    return next(label for low, high, label in BANDS if low <= interval <= high)


class _DayOf:
    """The learner-day of a logged time, remembered per quarter hour (every time zone offset is a
    multiple of 15 minutes, so all moments of a quarter hour share a learner-day). Statistics
    read up to half a year of rows; most of them hit this memo instead of parsing a time."""

    def __init__(self, rule) -> None:
        self.rule = rule
        self.seen: dict[object, date] = {}

    def __call__(self, when: str | datetime) -> date:
        if isinstance(when, str):  # SQLite's text: 'YYYY-MM-DD HH:MM:SS.ffffff', UTC
            key = when[:14] + str(int(when[14:16]) // 15)
        else:
            key = when.replace(minute=when.minute - when.minute % 15, second=0, microsecond=0)
        day = self.seen.get(key)
        if day is None:
            moment = datetime.fromisoformat(when) if isinstance(when, str) else when
            day = self.seen[key] = today_of(reviews.utc(moment), self.rule)
        return day


def _streak(db: Session, learner_id: int, per_day: dict[date, int], today: date, first: date,
            settings: SrsSettings) -> int:
    """Consecutive days with reviews ending today (or yesterday), looking before ``first`` only
    when the streak reaches that far (one quick query per earlier day)."""
    count = progress.streak(per_day, today)
    day = (today if today in per_day else today - timedelta(days=1)) - timedelta(days=count)
    while count and day < first and reviews.has_grade_between(
            db, learner_id, day_start(day, settings.day), day_start(day + timedelta(days=1), settings.day)):
        count += 1
        day -= timedelta(days=1)
    return count


def compute(db: Session, learner_id: int, now: datetime, settings: SrsSettings | None = None) -> Stats:
    """All review statistics for the learner at ``now``."""
    settings = settings or SrsSettings.from_env()
    today = today_of(now, settings.day)
    first = today - timedelta(days=7 * HEATMAP_WEEKS - 1)
    since = day_start(first, settings.day)
    retention_since = day_start(today - timedelta(days=RETENTION_DAYS), settings.day)
    rows = reviews.stats_rows(db, learner_id, since, with_state_from=retention_since)
    reverted = {row[5] for row in rows if row[1] == "undo"}
    day_of = _DayOf(settings.day)
    per_day: dict[date, int] = {}
    totals = {label: [0, 0] for _, _, label in BANDS}
    seconds_today = seconds_week = 0.0
    for id_, kind, grade, when, duration_ms, _, state_before in rows:
        if kind != "grade" or id_ in reverted:
            continue
        day = day_of(when)
        per_day[day] = per_day.get(day, 0) + 1
        if day == today:
            seconds_today += duration_ms / 1000
        if (today - day).days < 7:
            seconds_week += duration_ms / 1000
        band = _band_of(state_before, day) if state_before else None
        if band is not None:
            totals[band][0] += 1
            totals[band][1] += 1 if grade >= 3 else 0
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
        heatmap=per_day,
        bands=[Band(label, *totals[label]) for _, _, label in BANDS],
        streak=_streak(db, learner_id, per_day, today, first, settings),
        reviews_today=per_day.get(today, 0),
        seconds_today=seconds_today,
        seconds_week=seconds_week,
        seconds_total=int(total_ms) / 1000,
        reviews_total=int(total_reviews) - int(undos),
    )
