"""Export and import: cards and history as CSV, an Anki TSV, and no duplicates on re-import."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from tests.srs.conftest import START
from tutor.srs import transfer
from tutor.srs.session import ReviewSession
from tutor.store import progress, reviews
from tutor.store.engine import open_store, session, write_session


def build_history(engine, learner_id, clock, settings):
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [
            {"card_key": "softmax-shift", "front": "Why subtract max(z) in softmax?",
             "back": "exp overflows for large z;\nthe shift leaves softmax unchanged", "tags": "softmax day-05"},
            {"card_key": "tab\tcard", "front": "A front with a\ttab", "back": 'and "quotes"', "tags": "x"},
        ], START)
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    review.grade(3, 1500)   # softmax-shift: passes, repeat today
    review.grade(5, 900)
    review.grade(4, 700)    # the same-day repeat passes
    review.undo()           # ...undone: a log row of kind 'undo'
    return review


def second_store(tmp_path, name="other"):
    engine = open_store(f"sqlite:///{tmp_path / (name + '.db')}")
    with session(engine) as db:
        learner_id = progress.get_or_create_learner(db, "ada", START.date()).id
    return engine, learner_id


def test_cards_and_history_round_trip_into_a_new_store(engine, learner_id, clock, settings, tmp_path):
    build_history(engine, learner_id, clock, settings)
    with session(engine) as db:
        cards_csv = transfer.export_cards(db, learner_id)
        history_csv = transfer.export_history(db, learner_id)
        original = {c.card_key: c for c in reviews.all_cards(db, learner_id)}
        original_log = reviews.log_since(db, learner_id)

    other, other_id = second_store(tmp_path)
    with write_session(other) as db:
        assert transfer.import_cards(db, other_id, cards_csv, START) == transfer.ImportReport("cards", 2, 0)
        assert transfer.import_history(db, other_id, history_csv) == transfer.ImportReport("history", 4, 0)
    with session(other) as db:
        copied = {c.card_key: c for c in reviews.all_cards(db, other_id)}
        copied_log = reviews.log_since(db, other_id)
    for key, card in original.items():
        assert copied[key].front == card.front and copied[key].back == card.back
        assert replace(copied[key].state, version=0) == replace(card.state, version=0)
    assert [(r.kind, r.grade, r.reviewed_at, r.duration_ms, r.state_after) for r in copied_log] == \
        [(r.kind, r.grade, r.reviewed_at, r.duration_ms, r.state_after) for r in original_log]
    undo = next(r for r in copied_log if r.kind == "undo")
    assert next(r for r in copied_log if r.id == undo.reverts_id).grade == 4

    # The same files again: nothing is added.
    with write_session(other) as db:
        assert transfer.import_cards(db, other_id, cards_csv, START).added == 0
        assert transfer.import_history(db, other_id, history_csv).added == 0
    with session(other) as db:
        assert len(reviews.all_cards(db, other_id)) == 2
        assert len(reviews.log_since(db, other_id)) == 4


def test_ef_is_written_exactly(engine, learner_id, clock, settings):
    build_history(engine, learner_id, clock, settings)
    with session(engine) as db:
        rows = {r["card_key"]: r for r in csv.DictReader(io.StringIO(transfer.export_cards(db, learner_id)))}
    assert rows["softmax-shift"]["ef"] == "2.36"  # 2.5 - 0.14 after a 3
    assert rows["softmax-shift"]["interval_days"] == "1"


def test_anki_tsv_has_headers_and_three_fields(engine, learner_id, clock, settings, tmp_path):
    build_history(engine, learner_id, clock, settings)
    with session(engine) as db:
        text = transfer.export_anki(db, learner_id)
    headers = [line for line in text.splitlines() if line.startswith("#")]
    assert "#separator:tab" in headers and "#html:false" in headers and "#tags column:3" in headers
    body = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    notes = list(csv.reader(body, delimiter="\t"))
    assert ["A front with a\ttab", 'and "quotes"', "x"] in notes
    assert ["Why subtract max(z) in softmax?", "exp overflows for large z;\nthe shift leaves softmax unchanged",
            "softmax day-05"] in notes

    other, other_id = second_store(tmp_path)
    with write_session(other) as db:
        assert transfer.import_anki(db, other_id, text, START) == transfer.ImportReport("anki", 2, 0)
        assert transfer.import_anki(db, other_id, text, START) == transfer.ImportReport("anki", 0, 2)
    with write_session(engine) as db:
        # Into the deck it came from: those fronts are already there under their own keys.
        assert transfer.import_anki(db, learner_id, text, START) == transfer.ImportReport("anki", 0, 2)


def test_history_for_unknown_cards_is_refused_with_its_line(engine, learner_id, clock, settings, tmp_path):
    build_history(engine, learner_id, clock, settings)
    with session(engine) as db:
        history_csv = transfer.export_history(db, learner_id)
    other, other_id = second_store(tmp_path)
    with write_session(other) as db:
        try:
            transfer.import_history(db, other_id, history_csv)
        except transfer.TransferError as error:
            assert str(error).startswith("line 2:") and "import the cards first" in str(error)
        else:
            raise AssertionError("history for unknown cards was imported")


def test_import_command_reads_files_and_says_what_it_added(tmp_path, monkeypatch, capsys):
    from tutor.cli import main

    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TUTOR_NOW", "2024-03-04T12:00:00+00:00")
    tsv = tmp_path / "notes.tsv"
    tsv.write_text("#separator:tab\n#html:false\nfront one\tback one\ttag\nfront two\tback two\t\n", encoding="utf-8")
    assert main(["cards", "import", str(tsv)]) == 0
    assert main(["cards", "import", str(tsv)]) == 0
    out = capsys.readouterr().out
    assert "anki: 2 added, 0 already there" in out and "anki: 0 added, 2 already there" in out
    cards_csv = tmp_path / "cards.csv"
    assert main(["cards", "export", "--cards", str(cards_csv)]) == 0
    assert cards_csv.read_text(encoding="utf-8").count("front one") == 1
