"""Review store speed: building the due queue and committing one grade, on a large deck.

Builds a SQLite store (WAL, as the app opens it) with 100,000 cards and 1,000,000 review-log
rows for one learner: 15% new cards, the rest learned with due dates spread over the past
week and the next 180 days, and a log spread over two years with 50 grades already given
today (so the daily caps have something to read). Then measures, each as a median:

- due_cards: the due queue (caps applied, most overdue first), one fresh session per build;
- session start: what the review screen does on opening (queue + counts for the header);
- grade commit: ReviewSession.grade: compare-and-set update + log append + commit;
- statistics: everything the stats screen shows (no target; it is computed in a worker).

Each is reported as wall-clock and as this thread's CPU time: on a shared machine the wall
clock also counts time spent waiting for a core, so the load average is printed too.
Targets (issue 6): queue under 20 ms, grade commit under 5 ms (medians).

    python benchmarks/srs.py [--cards 100000] [--log-rows 1000000] [--runs 50]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

NOW = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)


def _fmt(moment: datetime) -> str:
    # The text form SQLAlchemy writes for a UTC datetime in SQLite.
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build(path: Path, cards: int, log_rows: int, seed: int = 0) -> int:
    """Create the store at ``path``, fill it, and return the learner id."""
    from tutor.store.engine import open_store, session
    from tutor.store import progress

    engine = open_store(f"sqlite:///{path}")
    with session(engine) as db:
        learner_id = progress.get_or_create_learner(db, "bench", NOW.date()).id
    engine.dispose()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # building only; the measured app uses NORMAL
    rows = []
    for i in range(cards):
        new = rng.random() < 0.15
        interval = 0 if new else rng.choice([1, 6, 15, 38, 95, 240])
        due = NOW + timedelta(days=rng.uniform(-7, 180)) if not new else NOW - timedelta(days=1)
        last = None if new else _fmt(due - timedelta(days=interval))
        rows.append((learner_id, f"card-{i:06d}", "concept", f"front {i}", f"back {i}", None, "bench",
                     1 + i % 84, 250 if new else rng.choice([180, 230, 250, 270]), 0 if new else rng.randint(1, 8),
                     interval, _fmt(due), 0, 0, 0, _fmt(NOW - timedelta(days=400)), 0, None, last))
    conn.executemany(
        "INSERT INTO reviewcard (learner_id, card_key, kind, front, back, ref, tags, source_day, ef_centi, "
        "repetitions, interval_days, due, lapses, suspended, leech, created_at, version, drill_on, last_review) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    card_ids = [r[0] for r in conn.execute("SELECT id FROM reviewcard WHERE learner_id = ?", (learner_id,))]
    state = json.dumps({"due": NOW.isoformat(), "ef_centi": 250, "repetitions": 3, "interval_days": 15,
                        "lapses": 0, "suspended": False, "leech": False, "drill_on": None,
                        "last_review": (NOW - timedelta(days=15)).isoformat(), "version": 3}, sort_keys=True)
    today_start = NOW.replace(hour=4)
    batch = []
    for n in range(log_rows):
        today = n >= log_rows - 50
        when = today_start + timedelta(minutes=n % 400) if today else NOW - timedelta(days=rng.uniform(1, 730))
        batch.append((learner_id, rng.choice(card_ids), "grade", rng.choice([3, 4, 4, 5, 1]), _fmt(when),
                      rng.randint(2000, 20000), state, state, None, "bench"))
        if len(batch) == 100_000:
            conn.executemany("INSERT INTO reviewlog (learner_id, card_id, kind, grade, reviewed_at, duration_ms, "
                             "state_before, state_after, reverts_id, session_key) VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        conn.executemany("INSERT INTO reviewlog (learner_id, card_id, kind, grade, reviewed_at, duration_ms, "
                         "state_before, state_after, reverts_id, session_key) VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
    conn.commit()
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return learner_id


class Timer:
    """Collects wall-clock and thread CPU times of repeated runs."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.thread_time() - self._cpu)

    def text(self) -> str:
        wall, cpu = statistics.median(self.wall) * 1000, statistics.median(self.cpu) * 1000
        return f"{wall:.2f} ms median wall ({cpu:.2f} ms CPU), n={len(self.wall)}"

    def median_ms(self) -> float:
        return statistics.median(self.wall) * 1000


def measure(path: Path, learner_id: int, runs: int) -> dict[str, object]:
    """Timers of each measured operation, and the queue size."""
    from tutor.clock import FixedClock
    from tutor.srs.queue import due_cards
    from tutor.srs.session import ReviewSession
    from tutor.srs.settings import DayRule, SrsSettings
    from tutor.store.engine import open_store, session

    engine = open_store(f"sqlite:///{path}")
    settings = SrsSettings(day=DayRule(start_hour=4, tz=UTC), new_per_day=20, reviews_per_day=200)
    clock = FixedClock(NOW)
    queue, start, grade = Timer(), Timer(), Timer()
    size = 0
    for _ in range(runs):
        with queue, session(engine) as db:
            size = len(due_cards(db, learner_id, NOW, settings))
    review = ReviewSession(engine, learner_id, clock, settings)
    for _ in range(runs):
        with start:
            review.start()
    stats_timer = Timer()
    from tutor.srs.stats import compute

    for _ in range(3):
        with stats_timer, session(engine) as db:
            compute(db, learner_id, NOW, settings)
    rng = random.Random(1)
    while review.current is not None and len(grade.wall) < max(runs, 100):
        with grade:
            result = review.grade(rng.choice([3, 4, 5]), 5000)
        assert result.saved, result.message
    engine.dispose()
    return {"queue_size": size, "queue": queue, "start": start, "grade": grade, "stats": stats_timer}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--db", type=Path, help="keep the built store in this file and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        if args.db and args.db.exists():
            shutil.copyfile(args.db, path)  # measure on a copy: grading changes the store
            learner_id = 1
        else:
            learner_id = build(path, args.cards, args.log_rows)
            if args.db:
                shutil.copyfile(path, args.db)
        print(f"store: {args.cards:,} cards, {args.log_rows:,} log rows, {path.stat().st_size / 2**20:.0f} MiB "
              f"(ready in {time.perf_counter() - t0:.1f} s)")
        figures = measure(path, learner_id, args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} while measuring")
    queue, grade = figures["queue"], figures["grade"]
    print(f"due queue ({figures['queue_size']} cards; caps 200 reviews + 20 new): {queue.text()}; "
          f"target 20 ms: {20 / queue.median_ms():.1f}x under")
    print(f"review session start (queue + header counts): {figures['start'].text()}")
    print(f"grade commit (compare-and-set update + log append + commit): {grade.text()}; "
          f"target 5 ms: {5 / grade.median_ms():.1f}x under")
    print(f"statistics screen figures (forecast, 26-week heatmap, retention, streak): {figures['stats'].text()}")

if __name__ == "__main__":
    main()
