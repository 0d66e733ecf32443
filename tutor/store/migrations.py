"""Schema versions and the steps that bring an older database up to date.

A new database gets the current schema directly. An older one is migrated step by step,
inside one transaction, so a crash halfway leaves it at its old version, data intact.
Each step is plain SQL that SQLite and PostgreSQL both accept.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

CURRENT_VERSION = 3


def _v1_to_v2(conn: Connection) -> None:
    """v2 adds leech flags and session keys to reviews; new tables come from create_all."""
    columns = {c["name"] for c in inspect(conn).get_columns("reviewcard")}
    if "leech" not in columns:
        conn.execute(text("ALTER TABLE reviewcard ADD COLUMN leech BOOLEAN NOT NULL DEFAULT FALSE"))
    log_columns = {c["name"] for c in inspect(conn).get_columns("reviewlog")}
    if "session_key" not in log_columns:
        conn.execute(text("ALTER TABLE reviewlog ADD COLUMN session_key VARCHAR(64) NOT NULL DEFAULT ''"))


def _v2_to_v3(conn: Connection) -> None:
    """v3 gives review cards a version (compare-and-set grades), a pending same-day repeat and the
    time of the last review, and adds the indexes the due queue and undo read."""
    columns = {c["name"] for c in inspect(conn).get_columns("reviewcard")}
    if "version" not in columns:
        conn.execute(text("ALTER TABLE reviewcard ADD COLUMN version INTEGER NOT NULL DEFAULT 0"))
    if "drill_on" not in columns:
        conn.execute(text("ALTER TABLE reviewcard ADD COLUMN drill_on DATE"))
    if "last_review" not in columns:
        conn.execute(text("ALTER TABLE reviewcard ADD COLUMN last_review TIMESTAMP"))
        # Cards reviewed under v2 are not new: their last grade in the log says when.
        conn.execute(text(
            "UPDATE reviewcard SET last_review = (SELECT MAX(reviewlog.reviewed_at) FROM reviewlog "
            "WHERE reviewlog.card_id = reviewcard.id AND reviewlog.kind = 'grade')"
        ))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_reviewcard_queue ON reviewcard (learner_id, suspended, due) "
        "WHERE last_review IS NOT NULL"
    ))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_reviewcard_new ON reviewcard (learner_id, suspended, source_day, id) "
        "WHERE last_review IS NULL"
    ))
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_reviewlog_learner_time ON reviewlog (learner_id, reviewed_at)"
    ))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_reviewlog_reverts_id ON reviewlog (reverts_id)"))


# MIGRATIONS[n] upgrades a database at version n to n + 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def read_version(conn: Connection) -> int | None:
    """The schema version stored in the database; None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "meta" not in tables:
        return 1 if "learner" in tables else None
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 1


def write_version(conn: Connection, version: int) -> None:
    """Record ``version`` as the database's schema version."""
    updated = conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)})
    if updated.rowcount == 0:
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)})
