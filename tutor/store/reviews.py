"""Database operations for review cards and the append-only review log.

Every write is one transaction that commits before the function returns, so a grade shown as
saved is on disk. Pass a ``write_session`` (BEGIN IMMEDIATE on SQLite) to the functions that
read before they write (grade, undo, history import), so two logins wait for each other
instead of failing halfway. A grade is a compare-and-set: the card row is
updated only if its ``version`` is still the one the reviewer saw, so two sessions of one
learner can never apply a grade twice or lose one. Hot paths use SQL expressions rather than
ORM objects: the queue and a grade must stay fast with 100,000 cards and a million log rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import String, case, func, insert, select, type_coerce, update
from sqlmodel import Session

from tutor.srs.sm2 import CardState
from tutor.store.models import ReviewCard, ReviewLog

CARD = ReviewCard.__table__
LOG = ReviewLog.__table__
STATE_COLUMNS = ("due", "ef_centi", "repetitions", "interval_days", "lapses", "suspended", "leech",
                 "drill_on", "last_review", "version")
CONTENT_COLUMNS = ("id", "card_key", "kind", "front", "back", "ref", "tags", "source_day")


class StaleCard(Exception):
    """The card changed (another session graded or undid it) since this session read it."""


class UndoRefused(Exception):
    """An undo cannot be applied; the message says why, in words a learner understands."""


@dataclass(frozen=True)
class CardRow:
    """A card's content and scheduling state, detached from any database session."""

    id: int
    card_key: str
    kind: str
    front: str
    back: str
    ref: str | None
    tags: str
    source_day: int | None
    state: CardState


@dataclass(frozen=True)
class LogRow:
    """One row of the review log."""

    id: int
    card_id: int
    kind: str
    grade: int | None
    reviewed_at: datetime
    duration_ms: int
    state_before: str
    state_after: str
    reverts_id: int | None
    session_key: str


def utc(moment: datetime | None) -> datetime | None:
    """``moment`` as an aware UTC datetime (SQLite hands back naive ones; all stored times are UTC)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _db_time(moment: datetime) -> datetime:
    # Always UTC: SQLite compares the stored text, so every time must be in one zone.
    return moment.astimezone(UTC)


def _card(row) -> CardRow:
    m = row._mapping
    drill_on = m["drill_on"]
    if isinstance(drill_on, str):  # raw SQL paths hand back SQLite's text form
        drill_on = date.fromisoformat(drill_on)
    state = CardState(due=utc(m["due"]), ef_centi=m["ef_centi"], repetitions=m["repetitions"],
                      interval_days=m["interval_days"], lapses=m["lapses"], suspended=bool(m["suspended"]),
                      leech=bool(m["leech"]), drill_on=drill_on, last_review=utc(m["last_review"]),
                      version=m["version"])
    return CardRow(m["id"], m["card_key"], m["kind"], m["front"], m["back"] or "", m["ref"], m["tags"] or "",
                   m["source_day"], state)


def _card_select():
    return select(*(CARD.c[name] for name in CONTENT_COLUMNS + STATE_COLUMNS))


def _state_values(state: CardState) -> dict:
    return {"due": _db_time(state.due), "ef_centi": state.ef_centi, "repetitions": state.repetitions,
            "interval_days": state.interval_days, "lapses": state.lapses, "suspended": state.suspended,
            "leech": state.leech, "drill_on": state.drill_on,
            "last_review": _db_time(state.last_review) if state.last_review else None,
            "version": state.version}


def due_reviews(session: Session, learner_id: int, now: datetime, limit: int) -> list[CardRow]:
    """Unsuspended cards already seen and due at ``now``, most overdue first."""
    query = (_card_select()
             .where(CARD.c.learner_id == learner_id, CARD.c.suspended == False,  # noqa: E712
                    CARD.c.due <= _db_time(now), CARD.c.last_review.is_not(None))
             .order_by(CARD.c.due, CARD.c.id).limit(limit))
    return [_card(r) for r in session.connection().execute(query)]


def count_due_reviews(session: Session, learner_id: int, now: datetime) -> int:
    """How many seen, unsuspended cards are due at ``now`` (before any daily cap)."""
    query = select(func.count()).select_from(CARD).where(
        CARD.c.learner_id == learner_id, CARD.c.suspended == False,  # noqa: E712
        CARD.c.due <= _db_time(now), CARD.c.last_review.is_not(None))
    return int(session.connection().execute(query).scalar_one())


def new_cards(session: Session, learner_id: int, limit: int) -> list[CardRow]:
    """Cards never graded, in the order of the plan (earliest day first)."""
    if limit <= 0:
        return []
    query = (_card_select()
             .where(CARD.c.learner_id == learner_id, CARD.c.last_review.is_(None),
                    CARD.c.suspended == False)  # noqa: E712
             .order_by(CARD.c.source_day, CARD.c.id).limit(limit))
    return [_card(r) for r in session.connection().execute(query)]


def count_new(session: Session, learner_id: int) -> int:
    """How many unsuspended cards have never been graded."""
    query = select(func.count()).select_from(CARD).where(
        CARD.c.learner_id == learner_id, CARD.c.last_review.is_(None), CARD.c.suspended == False)  # noqa: E712
    return int(session.connection().execute(query).scalar_one())


def cards_by_id(session: Session, ids: Iterable[int]) -> dict[int, CardRow]:
    """The cards with these ids."""
    ids = list(ids)
    if not ids:
        return {}
    rows = session.connection().execute(_card_select().where(CARD.c.id.in_(ids)))
    return {r._mapping["id"]: _card(r) for r in rows}


def card_by_key(session: Session, learner_id: int, card_key: str) -> CardRow | None:
    """The learner's card with this key, if it is in the deck."""
    row = session.connection().execute(
        _card_select().where(CARD.c.learner_id == learner_id, CARD.c.card_key == card_key)).first()
    return _card(row) if row else None


def all_cards(session: Session, learner_id: int) -> list[CardRow]:
    """The learner's whole deck, in plan order."""
    query = _card_select().where(CARD.c.learner_id == learner_id).order_by(CARD.c.source_day, CARD.c.id)
    return [_card(r) for r in session.connection().execute(query)]


def existing_keys(session: Session, learner_id: int, keys: Iterable[str] | None = None) -> set[str]:
    """Which of ``keys`` (default: all) are already in the learner's deck."""
    query = select(CARD.c.card_key).where(CARD.c.learner_id == learner_id)
    if keys is not None:
        keys = list(keys)
        if not keys:
            return set()
        query = query.where(CARD.c.card_key.in_(keys))
    return set(session.connection().execute(query).scalars())


def _insert_ignoring_duplicates(session: Session):
    """An INSERT that skips a card whose (learner, key) is already there (SQLite and PostgreSQL)."""
    name = session.get_bind().dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        return None
    return dialect_insert(CARD).on_conflict_do_nothing(index_elements=["learner_id", "card_key"])


def insert_cards(session: Session, learner_id: int, cards: list[dict], now: datetime) -> int:
    """Add cards (dicts of card_key, kind, front, back, ref, tags, source_day and optionally a state)
    whose key is not in the deck yet; commit; return how many were added. Safe to repeat, and safe
    when two logins add the same day at once: the unique key decides, not an earlier read."""
    statement = _insert_ignoring_duplicates(session)
    present = existing_keys(session, learner_id, [c["card_key"] for c in cards]) if statement is None else set()
    added = 0
    for card in cards:
        if card["card_key"] in present:
            continue
        state: CardState = card.get("state") or CardState(due=now)
        row = {"learner_id": learner_id, "card_key": card["card_key"], "kind": card.get("kind", "concept"),
               "front": card["front"], "back": card.get("back", ""), "ref": card.get("ref"),
               "tags": card.get("tags", ""), "source_day": card.get("source_day"),
               "created_at": _db_time(now), **_state_values(state)}
        result = session.connection().execute(statement if statement is not None else insert(CARD), row)
        added += max(0, result.rowcount)
        present.add(card["card_key"])
    session.commit()
    return added


def write_grade(session: Session, learner_id: int, card_id: int, before: CardState, after: CardState,
                grade: int, now: datetime, duration_ms: int = 0, session_key: str = "") -> int:
    """Save a grade: update the card only if it still has ``before.version``, append the log row,
    commit, and return the log row's id. Raise StaleCard if another session changed the card."""
    updated = session.connection().execute(
        update(CARD).where(CARD.c.id == card_id, CARD.c.version == before.version)
        .values(**_state_values(after)))
    if updated.rowcount != 1:
        session.rollback()
        raise StaleCard(f"card {card_id} changed since it was shown")
    result = session.connection().execute(insert(LOG).values(
        learner_id=learner_id, card_id=card_id, kind="grade", grade=grade, reviewed_at=_db_time(now),
        duration_ms=int(duration_ms), state_before=before.to_json(), state_after=after.to_json(),
        session_key=session_key))
    log_id = result.inserted_primary_key[0]
    session.commit()
    return log_id


def write_undo(session: Session, learner_id: int, log_id: int, now: datetime, session_key: str = "") -> CardState:
    """Revert the grade in log row ``log_id``: restore the card's state from before it, append an
    'undo' row that names it, commit, and return the restored state."""
    conn = session.connection()
    row = conn.execute(select(LOG).where(LOG.c.id == log_id, LOG.c.learner_id == learner_id)).first()
    if row is None or row.kind != "grade":
        session.rollback()
        raise UndoRefused("there is no such grade to undo")
    if conn.execute(select(LOG.c.id).where(LOG.c.reverts_id == log_id)).first() is not None:
        session.rollback()
        raise UndoRefused("that grade was already undone")
    after = CardState.from_json(row.state_after)
    current = conn.execute(select(CARD.c.version).where(CARD.c.id == row.card_id)).scalar_one_or_none()
    if current != after.version:
        session.rollback()
        raise UndoRefused("the card was graded again since (in another session); undo that grade first")
    restored = replace(CardState.from_json(row.state_before), version=current + 1)
    conn.execute(update(CARD).where(CARD.c.id == row.card_id, CARD.c.version == current)
                 .values(**_state_values(restored)))
    conn.execute(insert(LOG).values(
        learner_id=learner_id, card_id=row.card_id, kind="undo", grade=None, reviewed_at=_db_time(now),
        duration_ms=0, state_before=row.state_after, state_after=restored.to_json(), reverts_id=log_id,
        session_key=session_key))
    session.commit()
    return restored


def log_since(session: Session, learner_id: int, since: datetime | None = None) -> list[LogRow]:
    """The learner's log rows from ``since`` on (all when None), oldest first."""
    query = select(LOG).where(LOG.c.learner_id == learner_id)
    if since is not None:
        query = query.where(LOG.c.reviewed_at >= _db_time(since))
    rows = session.connection().execute(query.order_by(LOG.c.reviewed_at, LOG.c.id))
    return [LogRow(r.id, r.card_id, r.kind, r.grade, utc(r.reviewed_at), r.duration_ms, r.state_before,
                   r.state_after, r.reverts_id, r.session_key) for r in rows]


@dataclass(frozen=True)
class TodayRow:
    """The few columns of a log row the daily caps need."""

    id: int
    card_id: int
    kind: str
    reverts_id: int | None
    duration_ms: int
    state_before: str


def grades_since(session: Session, learner_id: int, since: datetime) -> list[TodayRow]:
    """Log rows from ``since`` on, with only what the queue's daily caps read (kept lean: it runs
    every time the queue is built)."""
    rows = session.connection().execute(
        select(LOG.c.id, LOG.c.card_id, LOG.c.kind, LOG.c.reverts_id, LOG.c.duration_ms, LOG.c.state_before)
        .where(LOG.c.learner_id == learner_id, LOG.c.reviewed_at >= _db_time(since)))
    return [TodayRow(*row) for row in rows]


def cards_to_repeat(session: Session, ids: Iterable[int], now: datetime, today: date) -> list[CardRow]:
    """Of the cards ``ids``, those unsuspended and due again now or waiting for today's repeat."""
    ids = list(ids)
    if not ids:
        return []
    query = _card_select().where(CARD.c.id.in_(ids), CARD.c.suspended == False,  # noqa: E712
                                 (CARD.c.due <= _db_time(now)) | (CARD.c.drill_on == today))
    return [_card(r) for r in session.connection().execute(query)]


def stats_rows(session: Session, learner_id: int, since: datetime, with_state_from: datetime | None = None) -> list[tuple]:
    """(id, kind, grade, reviewed_at, duration_ms, reverts_id, state_before) of the log rows from
    ``since`` on, read lean for statistics over a long history: reviewed_at comes as SQLite's
    text ('2024-06-03 12:00:00.000000', UTC) or, on other databases, as a datetime; state_before
    (the widest column) is read only for rows from ``with_state_from`` on ('' before)."""
    state = LOG.c.state_before if with_state_from is None else case(
        (LOG.c.reviewed_at >= _db_time(with_state_from), LOG.c.state_before), else_="")
    query = select(LOG.c.id, LOG.c.kind, LOG.c.grade, type_coerce(LOG.c.reviewed_at, String), LOG.c.duration_ms,
                   LOG.c.reverts_id, state).where(LOG.c.learner_id == learner_id, LOG.c.reviewed_at >= _db_time(since))
    return list(session.connection().execute(query))


def has_grade_between(session: Session, learner_id: int, start: datetime, end: datetime) -> bool:
    """True when the learner graded anything from ``start`` up to ``end``."""
    query = select(LOG.c.id).where(LOG.c.learner_id == learner_id, LOG.c.kind == "grade",
                                   LOG.c.reviewed_at >= _db_time(start), LOG.c.reviewed_at < _db_time(end)).limit(1)
    return session.connection().execute(query).first() is not None


def effective_grades(rows: Iterable[LogRow]) -> Iterator[LogRow]:
    """The grade rows that still count: grades not reverted by a later undo."""
    rows = list(rows)
    reverted = {r.reverts_id for r in rows if r.kind == "undo"}
    return (r for r in rows if r.kind == "grade" and r.id not in reverted)


def log_keys(session: Session, learner_id: int) -> dict[tuple[int, datetime, str, str], int]:
    """Log row ids by (card id, time, kind, state after): what an import checks to avoid duplicates."""
    rows = session.connection().execute(select(LOG.c.id, LOG.c.card_id, LOG.c.reviewed_at, LOG.c.kind,
                                               LOG.c.state_after).where(LOG.c.learner_id == learner_id))
    return {(r.card_id, utc(r.reviewed_at), r.kind, r.state_after): r.id for r in rows}


def card_ids_by_key(session: Session, learner_id: int) -> dict[str, int]:
    """The learner's card ids by card key."""
    rows = session.connection().execute(select(CARD.c.card_key, CARD.c.id).where(CARD.c.learner_id == learner_id))
    return {r.card_key: r.id for r in rows}


def insert_log_rows(session: Session, rows: list[dict], commit: bool = True) -> int:
    """Append imported log rows as they are (their ids are new); return how many."""
    if rows:
        rows = [{**row, "reviewed_at": _db_time(row["reviewed_at"])} for row in rows]
        session.connection().execute(insert(LOG), rows)
    if commit:
        session.commit()
    return len(rows)


def set_suspended(session: Session, card_id: int, suspended: bool) -> None:
    """Suspend a card (it leaves the queue) or bring it back; a leech keeps its flag."""
    session.connection().execute(update(CARD).where(CARD.c.id == card_id)
                                 .values(suspended=suspended, version=CARD.c.version + 1))
    session.commit()
