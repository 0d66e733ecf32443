"""Open the learner store: SQLite in TUTOR_HOME by default (WAL), any SQLAlchemy URL via TUTOR_DB_URL."""

from __future__ import annotations

import os

from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine

from tutor import paths
from tutor.store import models  # noqa: F401  (registers the tables)
from tutor.store.migrations import CURRENT_VERSION, MIGRATIONS, read_version, write_version


class StoreError(Exception):
    """The database cannot be opened or is newer than this version of tutor understands."""


def database_url() -> str:
    """``TUTOR_DB_URL``, else SQLite at ``TUTOR_HOME/tutor.db``."""
    url = os.environ.get("TUTOR_DB_URL")
    if url:
        return url
    return f"sqlite:///{paths.tutor_home() / 'tutor.db'}"


def _configure_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets a reader (the calendar) and a writer (a review) work at once, and two
    # SSH logins of one learner wait for each other instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process in WAL mode
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: database_url()) without touching the schema."""
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _configure_sqlite)
        # pysqlite's own transaction handling is off; we emit BEGIN ourselves, so a write
        # session (write_session) can take the write lock up front with BEGIN IMMEDIATE and
        # never fail halfway when another login writes at the same moment.
        @event.listens_for(engine, "connect")
        def _no_implicit_begin(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            immediate = conn.get_execution_options().get("sqlite_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> int:
    """Bring the schema to the current version; return the version the database was at.

    An up-to-date database is only read, so many logins may open it at once. Otherwise the
    upgrade runs in one transaction that takes the write lock first (BEGIN IMMEDIATE on
    SQLite): two processes upgrading the same file wait for each other, and the second
    finds the work done.
    """
    with engine.connect() as conn:
        found = read_version(conn)
    if found == CURRENT_VERSION:
        return found
    writer = engine.execution_options(sqlite_immediate=True) if engine.dialect.name == "sqlite" else engine
    with writer.begin() as conn:
        found = read_version(conn)  # again, under the lock: another process may have upgraded it
        if found is not None and found > CURRENT_VERSION:
            raise StoreError(
                f"this database has schema version {found}, newer than this tutor "
                f"understands ({CURRENT_VERSION}); upgrade tutor"
            )
        version = found or CURRENT_VERSION
        while version < CURRENT_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        SQLModel.metadata.create_all(conn)  # the tables of a new database, or new in this version
        write_version(conn, CURRENT_VERSION)
    return found or CURRENT_VERSION


def open_store(url: str | None = None) -> Engine:
    """Open (creating or migrating as needed) the learner store and return its engine."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit (the UI shows them afterwards)."""
    return Session(engine, expire_on_commit=False)


def write_session(engine: Engine) -> Session:
    """A session whose transactions take SQLite's write lock at BEGIN (read-modify-write safely).

    Use it where two processes may change the same rows (two SSH logins grading one deck).
    Do not open another session inside it in the same thread: it would wait for this one.
    On other databases it is an ordinary session.
    """
    bind = engine.execution_options(sqlite_immediate=True) if engine.dialect.name == "sqlite" else engine
    return Session(bind, expire_on_commit=False)
