"""A review session in its own process, for the durability tests: it grades every card in the
queue and prints "saved <card key> <log id>" after each commit (then flushes), as the review
screen shows "saved" only after the commit.

    python -m tests.srs.grader_process DB_URL LEARNER_ID GRADE [PAUSE_SECONDS] [--wait]
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime


def main(argv: list[str]) -> int:
    from tutor.clock import FixedClock
    from tutor.srs.session import ReviewSession
    from tutor.srs.settings import DayRule, SrsSettings
    from tutor.store.engine import open_store

    url, learner_id, grade = argv[0], int(argv[1]), int(argv[2])
    pause = float(argv[3]) if len(argv) > 3 and argv[3] != "--wait" else 0.0
    engine = open_store(url)
    clock = FixedClock(datetime(2024, 3, 4, 12, 0, tzinfo=UTC))
    settings = SrsSettings(day=DayRule(start_hour=4, tz=UTC), new_per_day=1000, reviews_per_day=1000)
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    print("ready", len(review.items), flush=True)
    if "--wait" in argv:
        sys.stdin.readline()  # the test says "go" once every session has its queue
    while review.current is not None:
        key = review.current.card_key
        result = review.grade(grade)
        if result.saved:
            print("saved", key, result.log_id, flush=True)
        else:
            print("refused", key, flush=True)
        if pause:
            time.sleep(pause)
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
