"""Finished drills in the store: recording a pass, personal bests, history and the leaderboard.

A result's score is its time plus its penalty (lower is better). The leaderboard ranks each
learner who shares the database by their best score on a drill; ties go to whoever set it
first. Speedups (the speed round) are a second, separate score: the best one is shown beside
the time, never mixed into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from tutor.clock import as_utc
from tutor.drills.scoring import DrillRun
from tutor.store.models import DrillResult, Learner


@dataclass(frozen=True)
class Entry:
    """One finished drill, as the tables show it."""

    drill: str
    learner: str
    seconds: float
    attempts: int
    penalty_seconds: float
    speedup: float | None
    created_at: datetime
    result_id: int

    @property
    def score(self) -> float:
        """Time plus penalty: lower is better."""
        return self.seconds + self.penalty_seconds


@dataclass(frozen=True)
class Best:
    """A learner's record on one drill."""

    drill: str
    best: Entry  # the lowest score
    runs: int  # passes recorded
    best_speedup: float | None


def _entry(row: DrillResult, name: str) -> Entry:
    return Entry(row.drill, name, row.seconds, row.attempts, row.penalty_seconds, row.speedup,
                 as_utc(row.created_at), row.id)


def record_pass(db: Session, learner_id: int, run: DrillRun, now: datetime) -> int:
    """Save a passed drill (time, attempts, penalty) and return its row id."""
    row = DrillResult(learner_id=learner_id, drill=run.drill, seconds=round(run.elapsed(now), 3),
                      attempts=run.attempts, penalty_seconds=run.penalty_seconds, created_at=now)
    db.add(row)
    db.commit()
    db.refresh(row)
    return row.id


def set_speedup(db: Session, result_id: int, speedup: float) -> None:
    """Add the speed round's result to a recorded pass."""
    row = db.get(DrillResult, result_id)
    if row is not None:
        row.speedup = float(speedup)
        db.add(row)
        db.commit()


def _rows(db: Session, *where) -> list[tuple[DrillResult, str]]:
    query = select(DrillResult, Learner.name).join(Learner, Learner.id == DrillResult.learner_id).where(*where)
    return list(db.exec(query.order_by(DrillResult.created_at, DrillResult.id)))


def history(db: Session, learner_id: int, drill: str | None = None, limit: int = 10) -> list[Entry]:
    """The learner's latest passes (of one drill, or of all), newest first."""
    where = [DrillResult.learner_id == learner_id] + ([DrillResult.drill == drill] if drill else [])
    entries = [_entry(row, name) for row, name in _rows(db, *where)]
    return entries[::-1][:limit]


def personal_bests(db: Session, learner_id: int) -> dict[str, Best]:
    """For every drill the learner has passed: the best score, how many passes, the best speedup."""
    grouped: dict[str, list[Entry]] = {}
    for row, name in _rows(db, DrillResult.learner_id == learner_id):
        grouped.setdefault(row.drill, []).append(_entry(row, name))
    bests = {}
    for drill, entries in grouped.items():
        speedups = [e.speedup for e in entries if e.speedup is not None]
        bests[drill] = Best(drill, min(entries, key=lambda e: (e.score, e.created_at)), len(entries),
                            max(speedups) if speedups else None)
    return bests


def leaderboard(db: Session, drill: str, limit: int = 10) -> list[tuple[int, Entry, float | None]]:
    """(rank, best entry, best speedup) for each learner who passed ``drill``, best score first."""
    best: dict[str, Entry] = {}
    speed: dict[str, float] = {}
    for row, name in _rows(db, DrillResult.drill == drill):
        entry = _entry(row, name)
        if name not in best or (entry.score, entry.created_at) < (best[name].score, best[name].created_at):
            best[name] = entry
        if entry.speedup is not None:
            speed[name] = max(speed.get(name, 0.0), entry.speedup)
    ordered = sorted(best.values(), key=lambda e: (e.score, e.created_at))
    table, rank = [], 0
    for index, entry in enumerate(ordered):
        if index == 0 or entry.score != ordered[index - 1].score:
            rank = index + 1  # equal scores share a rank (1, 2, 2, 4)
        table.append((rank, entry, speed.get(entry.learner)))
    return table[:limit]


def is_personal_best(db: Session, learner_id: int, result_id: int) -> bool:
    """True when result ``result_id`` is the learner's best score on its drill so far."""
    row = db.get(DrillResult, result_id)
    if row is None:
        return False
    best = personal_bests(db, learner_id).get(row.drill)
    return best is not None and best.best.result_id == result_id
