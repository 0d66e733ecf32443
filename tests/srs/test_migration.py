"""Schema v3 (review card version, same-day repeat, last review): a v2 database is brought up to date."""

from __future__ import annotations

import sqlite3

from sqlalchemy import inspect

from tutor.store.engine import open_store
from tutor.store.migrations import CURRENT_VERSION


def make_v2_database(path):
    open_store(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        for index in ("ix_reviewcard_queue", "ix_reviewcard_new", "ix_reviewlog_learner_time", "ix_reviewlog_reverts_id"):
            conn.execute(f"DROP INDEX {index}")
        for column in ("version", "drill_on", "last_review"):
            conn.execute(f"ALTER TABLE reviewcard DROP COLUMN {column}")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        conn.execute("INSERT INTO learner (id, name, started_on, track, created_at) "
                     "VALUES (1, 'ada', '2024-03-01', 'plan84', '2024-03-01 10:00:00')")
        for card_id, key in ((1, "seen"), (2, "new")):
            conn.execute("INSERT INTO reviewcard (id, learner_id, card_key, kind, front, back, tags, ef_centi, "
                         "repetitions, interval_days, due, lapses, suspended, leech, created_at) VALUES "
                         f"({card_id}, 1, '{key}', 'concept', 'q', 'a', '', 250, 0, 0, '2024-03-01 10:00:00', "
                         "0, 0, 0, '2024-03-01 10:00:00')")
        conn.execute("INSERT INTO reviewlog (learner_id, card_id, kind, grade, reviewed_at, duration_ms, "
                     "state_before, state_after, session_key) VALUES "
                     "(1, 1, 'grade', 4, '2024-03-02 09:00:00.000000', 0, '{}', '{}', '')")


def test_a_v2_database_gains_the_review_columns_and_keeps_its_cards(tmp_path):
    path = tmp_path / "v2.db"
    make_v2_database(path)
    engine = open_store(f"sqlite:///{path}")
    columns = {c["name"] for c in inspect(engine).get_columns("reviewcard")}
    assert {"version", "drill_on", "last_review"} <= columns
    indexes = {i["name"] for i in inspect(engine).get_indexes("reviewcard")} | \
        {i["name"] for i in inspect(engine).get_indexes("reviewlog")}
    assert {"ix_reviewcard_queue", "ix_reviewcard_new", "ix_reviewlog_learner_time", "ix_reviewlog_reverts_id"} <= indexes
    with sqlite3.connect(path) as conn:
        rows = dict(conn.execute("SELECT card_key, last_review FROM reviewcard").fetchall())
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    # A card graded under v2 is not new any more; one never graded still is.
    assert rows["seen"].startswith("2024-03-02 09:00") and rows["new"] is None
    assert int(version) == CURRENT_VERSION == 3
    engine.dispose()
