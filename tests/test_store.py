"""The learner store: WAL SQLite in TUTOR_HOME, TUTOR_DB_URL, and migrating old databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tutor.store import progress
from tutor.store.engine import StoreError, database_url, make_engine, migrate, open_store, session
from tutor.store.migrations import CURRENT_VERSION
from tutor.store.models import DayProgress, Learner, QuizAnswer, ReviewCard, ReviewLog, TaskAttempt

FIXTURES = Path(__file__).parent / "fixtures"


def test_default_database_is_sqlite_in_tutor_home_with_wal(tutor_home):
    engine = open_store()
    assert database_url() == f"sqlite:///{tutor_home / 'tutor.db'}"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tutor_home / "tutor.db").exists()


def test_tutor_db_url_is_used(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'classroom.db'}"
    monkeypatch.setenv("TUTOR_DB_URL", url)
    assert database_url() == url
    open_store()
    assert (tmp_path / "classroom.db").exists()


def test_progress_survives_reopening():
    engine = open_store()
    with session(engine) as db:
        learner = progress.get_or_create_learner(db, "ada", date(2026, 11, 1))
        progress.mark_day_done(db, learner.id, 3)
        progress.record_task_attempt(db, learner.id, "matmul-loops", 2, "code", passed=True)
    engine.dispose()
    with session(open_store()) as db:
        learner = progress.get_or_create_learner(db, "ada", date(2026, 12, 1))
        assert learner.started_on == date(2026, 11, 1)  # not re-created
        assert progress.day_progress(db, learner.id)[3].completed_at is not None
        assert progress.passed_tasks(db, learner.id) == {"matmul-loops"}


def make_v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.commit()
    conn.close()


def test_a_version_1_database_is_migrated_without_losing_data(tmp_path):
    path = tmp_path / "old.db"
    make_v1_database(path)
    engine = make_engine(f"sqlite:///{path}")
    assert migrate(engine) == 1
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar()
        tables = set(inspect(conn).get_table_names())
        card_columns = {c["name"] for c in inspect(conn).get_columns("reviewcard")}
    assert int(version) == CURRENT_VERSION
    assert {"studytime", "drillresult"} <= tables
    assert "leech" in card_columns
    with session(engine) as db:
        learner = db.get(Learner, 1)
        assert learner.name == "ada" and learner.started_on == date(2026, 9, 1)
        assert len(db.exec(text("SELECT id FROM dayprogress")).all()) == 2
        assert db.get(DayProgress, 1).completed_at is not None
        assert db.get(TaskAttempt, 1).task_id == "dot-product-loops"
        assert db.get(QuizAnswer, 1).verdict == "correct"
        card = db.get(ReviewCard, 1)
        assert (card.ef_centi, card.repetitions, card.interval_days, card.leech) == (260, 2, 6, False)
        assert db.get(ReviewLog, 1).grade == 5
    # Opening it again is a no-op.
    assert migrate(engine) == CURRENT_VERSION


def test_a_database_from_a_newer_tutor_is_refused(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '999' WHERE key = 'schema_version'"))
    with pytest.raises(StoreError, match="newer than this tutor understands"):
        open_store(f"sqlite:///{tmp_path / 'new.db'}")


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 11, 23)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 5)}
    assert progress.streak(days, today) == 3  # today not yet active: yesterday's run counts
    assert progress.streak(days | {today}, today) == 4
    assert progress.streak({today - timedelta(days=2)}, today) == 0


def test_activity_dates_use_the_learner_day_start():
    engine = open_store()
    with session(engine) as db:
        learner = progress.get_or_create_learner(db, "owl", date(2026, 11, 1))
        # 02:30 UTC on the 23rd is still the 22nd for a learner whose day starts at 4 AM (TZ=UTC).
        progress.record_study_time(db, learner.id, 1, datetime(2026, 11, 23, 2, 30, tzinfo=UTC), 600)
        assert progress.activity_dates(db, learner.id) == {date(2026, 11, 22)}


def test_two_logins_opening_an_old_database_at_once_both_succeed(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "shared.db"
    make_v1_database(path)
    code = ("import sys; from tutor.store.engine import open_store; "
            f"open_store('sqlite:///{path}'); print('opened')")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err[-400:] for _, err in results]
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert int(conn.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar()) \
            == CURRENT_VERSION
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
