"""Fixtures for the review tests: a fresh store, a learner, a frozen clock and a small deck."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tutor.clock import FixedClock
from tutor.curriculum.models import Card, Day, DayFrontMatter
from tutor.curriculum.loader import Curriculum, QuizEntry, TaskEntry
from tutor.srs.settings import DayRule, SrsSettings
from tutor.store import progress
from tutor.store.engine import open_store, session

# Noon UTC on a Monday; the learner's day starts at 4 AM UTC in these tests.
START = datetime(2024, 3, 4, 12, 0, tzinfo=UTC)
RULE = DayRule(start_hour=4, tz=UTC)


@pytest.fixture
def settings() -> SrsSettings:
    return SrsSettings(day=RULE, new_per_day=20, reviews_per_day=200)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tutor.db'}"


@pytest.fixture
def engine(db_url):
    engine = open_store(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def learner_id(engine) -> int:
    with session(engine) as db:
        return progress.get_or_create_learner(db, "ada", START.date()).id


def make_curriculum(tmp_path: Path, days: int = 2, cards_per_day: int = 3) -> Curriculum:
    """A curriculum of ``days`` days, each with concept cards, one derivation problem and one task."""
    cur = Curriculum(root=tmp_path)
    quiz_file = tmp_path / "derivations.toml"
    quiz_file.write_text("\n".join(
        f'[[problem]]\nid = "p{d}"\nday = {d}\ntitle = "Problem {d}"\nstatement = "Find dL/dz for day {d}."\n'
        for d in range(1, days + 1)))
    for d in range(1, days + 1):
        ids = [f"c{d}-{i}" for i in range(cards_per_day)]
        for i, cid in enumerate(ids):
            cur.cards[cid] = Card(id=cid, day=d, front=f"Question {d}.{i}?", back=f"Answer {d}.{i}", tags=["t"])
        cur.quizzes[f"p{d}"] = QuizEntry(f"p{d}", d, f"Problem {d}", quiz_file)
        cur.tasks[f"task{d}"] = TaskEntry(f"task{d}", d, f"Kernel {d}", "numpy", tmp_path)
        meta = DayFrontMatter(day=d, title=f"Day {d}", phase=1, week=1, source="test source",
                              objectives=["learn"], cards=ids, quizzes=[f"p{d}"], tasks=[f"task{d}"])
        cur.days[d] = Day(meta=meta, body="", folder=tmp_path)
    return cur


@pytest.fixture
def curriculum(tmp_path) -> Curriculum:
    return make_curriculum(tmp_path)
