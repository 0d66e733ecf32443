"""Export and import: the deck and its review history as CSV, and the deck as a TSV for Anki.

- cards CSV: one row per card with its content and SM-2 state (EF written exactly, '2.36');
- history CSV: one row per log row, states before and after as JSON;
- Anki TSV: front, back, tags with Anki's file headers (``#separator:tab`` ...), so File >
  Import in Anki 2.1.55+ makes Basic notes without questions.

Imports never duplicate: a card whose key is already in the deck is left as it is, a log row
already present (same card, time, kind and resulting state) is skipped. An Anki-style TSV imports as cards keyed
by a hash of the front, so importing it twice adds nothing either.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session

from tutor.srs.sm2 import CardState
from tutor.store import reviews

CARD_FIELDS = ["card_key", "kind", "front", "back", "ref", "tags", "source_day", "ef", "repetitions",
               "interval_days", "due", "lapses", "suspended", "leech", "drill_on", "last_review"]
HISTORY_FIELDS = ["log_id", "card_key", "kind", "grade", "reviewed_at", "duration_ms", "state_before",
                  "state_after", "reverts_log_id", "session_key"]
ANKI_HEADER = "#separator:tab\n#html:false\n#notetype:Basic\n#deck:tutor\n#tags column:3\n"


class TransferError(ValueError):
    """A file cannot be imported; the message names the line."""


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    kind: str
    added: int
    skipped: int

    def __str__(self) -> str:
        return f"{self.kind}: {self.added} added, {self.skipped} already there"


def _iso(moment: datetime | date | None) -> str:
    return "" if moment is None else moment.isoformat()


def _time(text: str) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _ef_centi(text: str) -> int:
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        raise ValueError(f"EF {text!r} is not a number") from None
    if value != value.to_integral_value():
        raise ValueError(f"EF {text!r} has more than two decimals")
    return int(value)


def _bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes"}


def export_cards(db: Session, learner_id: int) -> str:
    """The deck as CSV text (content and scheduling state)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CARD_FIELDS, lineterminator="\n")
    writer.writeheader()
    for card in reviews.all_cards(db, learner_id):
        s = card.state
        writer.writerow({"card_key": card.card_key, "kind": card.kind, "front": card.front, "back": card.back,
                         "ref": card.ref or "", "tags": card.tags, "source_day": card.source_day or "",
                         "ef": s.ef, "repetitions": s.repetitions, "interval_days": s.interval_days,
                         "due": _iso(s.due), "lapses": s.lapses, "suspended": int(s.suspended),
                         "leech": int(s.leech), "drill_on": _iso(s.drill_on), "last_review": _iso(s.last_review)})
    return out.getvalue()


def export_history(db: Session, learner_id: int) -> str:
    """The review log as CSV text, oldest first."""
    keys = {v: k for k, v in reviews.card_ids_by_key(db, learner_id).items()}
    out = io.StringIO()
    writer = csv.DictWriter(out, HISTORY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in reviews.log_since(db, learner_id):
        writer.writerow({"log_id": row.id, "card_key": keys.get(row.card_id, ""), "kind": row.kind,
                         "grade": "" if row.grade is None else row.grade, "reviewed_at": _iso(row.reviewed_at),
                         "duration_ms": row.duration_ms, "state_before": row.state_before,
                         "state_after": row.state_after, "reverts_log_id": row.reverts_id or "",
                         "session_key": row.session_key})
    return out.getvalue()


def export_anki(db: Session, learner_id: int) -> str:
    """The deck as a TSV Anki imports as Basic notes: front, back, tags."""
    out = io.StringIO()
    out.write(ANKI_HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for card in reviews.all_cards(db, learner_id):
        tags = " ".join(t.replace(" ", "_") for t in card.tags.split())
        writer.writerow([card.front, card.back, tags])
    return out.getvalue()


def detect(text: str) -> str:
    """Which kind of file this is: 'cards', 'history' or 'anki'."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if first.startswith("card_key,"):
        return "cards"
    if first.startswith("log_id,"):
        return "history"
    if first.startswith("#") or "\t" in first:
        return "anki"
    raise TransferError("line 1: not a tutor cards CSV, history CSV or Anki TSV (unknown header)")


def import_cards(db: Session, learner_id: int, text: str, now: datetime) -> ImportReport:
    """Add the cards of a cards CSV that are not in the deck yet, with their scheduling state."""
    specs = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), start=2):
        try:
            state = CardState(
                due=_time(row["due"]) or now, ef_centi=_ef_centi(row["ef"] or "2.5"),
                repetitions=int(row["repetitions"] or 0), interval_days=int(row["interval_days"] or 0),
                lapses=int(row["lapses"] or 0), suspended=_bool(row["suspended"]), leech=_bool(row["leech"]),
                drill_on=date.fromisoformat(row["drill_on"]) if row.get("drill_on") else None,
                last_review=_time(row.get("last_review", "")))
            specs.append({"card_key": row["card_key"], "kind": row["kind"] or "concept", "front": row["front"],
                          "back": row["back"], "ref": row["ref"] or None, "tags": row["tags"],
                          "source_day": int(row["source_day"]) if row["source_day"] else None, "state": state})
        except (KeyError, ValueError, TypeError) as error:
            raise TransferError(f"line {line}: {error}") from None
    added = reviews.insert_cards(db, learner_id, specs, now)
    return ImportReport("cards", added, len(specs) - added)


def import_history(db: Session, learner_id: int, text: str) -> ImportReport:
    """Append the log rows of a history CSV that are not in the log yet (the cards must be in the deck)."""
    ids = reviews.card_ids_by_key(db, learner_id)
    present = reviews.log_keys(db, learner_id)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    parsed = []
    for line, row in enumerate(rows, start=2):
        card_id = ids.get(row.get("card_key", ""))
        if card_id is None:
            raise TransferError(f"line {line}: card {row.get('card_key')!r} is not in the deck; import the cards first")
        try:
            parsed.append((line, row, card_id, _time(row["reviewed_at"])))
        except (KeyError, ValueError) as error:
            raise TransferError(f"line {line}: {error}") from None
    added = skipped = 0
    file_ids: dict[str, int] = {}
    for kind in ("grade", "undo"):  # grades first, so an undo can point at its grade's new id
        batch = []
        for line, row, card_id, when in parsed:
            if row["kind"] != kind:
                continue
            key = (card_id, when, kind, row["state_after"])
            if key in present:
                skipped += 1
                continue
            reverts = None
            if kind == "undo" and row.get("reverts_log_id"):
                reverts = file_ids.get(row["reverts_log_id"])
            batch.append({"learner_id": learner_id, "card_id": card_id, "kind": kind,
                          "grade": int(row["grade"]) if row["grade"] else None, "reviewed_at": when,
                          "duration_ms": int(row["duration_ms"] or 0), "state_before": row["state_before"],
                          "state_after": row["state_after"], "reverts_id": reverts,
                          "session_key": row.get("session_key", "")})
            present[key] = -1
        added += reviews.insert_log_rows(db, batch, commit=False)
        present = reviews.log_keys(db, learner_id)
        file_ids = {row["log_id"]: present[key] for _, row, card_id, when in parsed
                    if (key := (card_id, when, row["kind"], row["state_after"])) in present}
    db.commit()
    return ImportReport("history", added, skipped)


def import_anki(db: Session, learner_id: int, text: str, now: datetime) -> ImportReport:
    """Add the notes of an Anki-style TSV (front, back, tags) as cards keyed by their front."""
    lines = [line for line in text.lstrip("\ufeff").splitlines(keepends=True) if not line.startswith("#")]
    fronts = {card.front.strip() for card in reviews.all_cards(db, learner_id)}
    specs = []
    for row in csv.reader(lines, delimiter="\t"):
        if not row or not row[0].strip():
            continue
        if row[0].strip() in fronts:  # already in the deck under its own key (a tutor card)
            continue
        front = row[0]
        digest = hashlib.sha1(front.strip().encode("utf-8")).hexdigest()[:12]
        specs.append({"card_key": f"anki:{digest}", "kind": "concept", "front": front,
                      "back": row[1] if len(row) > 1 else "", "tags": row[2] if len(row) > 2 else ""})
    total = sum(1 for row in csv.reader(lines, delimiter="\t") if row and row[0].strip())
    added = reviews.insert_cards(db, learner_id, specs, now)
    return ImportReport("anki", added, total - added)


def import_file(db: Session, learner_id: int, path: Path, now: datetime) -> ImportReport:
    """Import a cards CSV, a history CSV or an Anki TSV, whichever ``path`` holds."""
    text = path.read_text(encoding="utf-8")
    kind = detect(text)
    if kind == "cards":
        return import_cards(db, learner_id, text, now)
    if kind == "history":
        return import_history(db, learner_id, text)
    return import_anki(db, learner_id, text, now)
