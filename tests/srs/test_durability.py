"""A killed app loses no grade it showed as saved; two sessions at once never corrupt the deck."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from tests.srs.conftest import START
from tutor.srs.sm2 import CardState
from tutor.store import reviews
from tutor.store.engine import open_store, session
from tutor.store.models import ReviewCard, ReviewLog

ROOT = Path(__file__).resolve().parents[2]


def grader(db_url: str, learner_id: int, grade: int, wait: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.srs.grader_process", db_url, str(learner_id), str(grade)]
        + (["--wait"] if wait else []),
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def deck(engine, learner_id, n):
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [{"card_key": f"k{i:03d}", "front": f"q{i}"} for i in range(n)], START)


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkill_mid_session_loses_no_saved_grade(engine, learner_id, db_url, tmp_path):
    deck(engine, learner_id, 300)
    child = grader(db_url, learner_id, 4)
    saved = {}
    try:
        assert child.stdout.readline().startswith("ready")
        while len(saved) < 40:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            word, key, *rest = line.split()
            if word == "saved":
                saved[key] = int(rest[0])
        child.send_signal(signal.SIGKILL)  # while it is busy committing the next grades
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    assert integrity(tmp_path / "tutor.db") == "ok"
    reopened = open_store(db_url)
    with session(reopened) as db:
        logged = {row.id: row for row in db.exec(select(ReviewLog))}
        cards = {c.card_key: c for c in reviews.all_cards(db, learner_id)}
    for key, log_id in saved.items():
        assert log_id in logged, f"the grade of {key} was shown as saved but is gone"
        assert CardState.from_json(logged[log_id].state_after) == cards[key].state
    # Every grade in the log is also in its card: nothing half-written.
    graded = {row.card_id for row in logged.values()}
    assert all(not c.state.is_new for c in cards.values() if c.id in graded)
    assert all(c.state.is_new for c in cards.values() if c.id not in graded)
    reopened.dispose()


def test_two_sessions_at_once_grade_each_card_exactly_once(engine, learner_id, db_url, tmp_path):
    deck(engine, learner_id, 120)
    children = []
    for grade in (5, 4):  # both build their queue (all 120 cards) before either grades
        child = grader(db_url, learner_id, grade, wait=True)
        assert child.stdout.readline().split() == ["ready", "120"], child.stderr.read()
        children.append(child)
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [child.communicate(timeout=120) for child in children]
    assert all(child.returncode == 0 for child in children), "\n".join(err[-3000:] for _, err in outputs)
    saved = [line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("saved")]
    refused = [line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("refused")]

    assert integrity(tmp_path / "tutor.db") == "ok"
    with session(engine) as db:
        grades = db.exec(select(ReviewLog).where(ReviewLog.kind == "grade")).all()
        cards = db.exec(select(ReviewCard)).all()
    assert len(saved) == len(grades) == 120 and len(set(saved)) == 120  # each card once, by one session
    assert len(saved) + len(refused) == 240
    per_card = {}
    for row in grades:
        per_card[row.card_id] = per_card.get(row.card_id, 0) + 1
    assert all(per_card[c.id] == 1 and c.version == 1 and c.repetitions == 1 for c in cards)
    # Each card's state is exactly what its one logged grade wrote.
    by_card = {row.card_id: row for row in grades}
    with session(engine) as db:
        for card in reviews.all_cards(db, learner_id):
            assert CardState.from_json(by_card[card.id].state_after) == card.state
