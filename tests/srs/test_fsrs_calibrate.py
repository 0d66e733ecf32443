"""FSRS as an optional scheduler, and the calibration report that scores SM-2 and FSRS."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.srs.conftest import START
from tutor.srs import calibrate
from tutor.srs.session import ReviewSession
from tutor.store import reviews
from tutor.store.engine import session


def test_log_loss_and_rmse_bins_on_known_values():
    assert calibrate.log_loss([0.5, 0.5], [1, 0]) == pytest.approx(math.log(2))
    pred = calibrate.Predictions()
    for y in (1, 1, 1, 0):  # one bin whose mean prediction equals its recall rate
        pred.add(0.75, y, 3, 2, 0)
    assert calibrate.rmse_bins(pred) == pytest.approx(0.0)
    pred.add(0.9, 0, 40, 5, 1)  # a second bin, off by 0.9
    assert calibrate.rmse_bins(pred) == pytest.approx(math.sqrt(0.81 / 5))


def write_log(path, rows):
    lines = ["card_id,review_rating,review_time,review_duration"]
    lines += [f"{card},{rating},{when.isoformat()},1000" for card, rating, when in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_replay_keeps_the_first_review_of_each_day_and_scores_sm2(tmp_path):
    day = datetime(2024, 3, 4, 12, 0, tzinfo=UTC)
    rows = [("a", 3, day), ("a", 1, day + timedelta(minutes=5)),  # same day: dropped
            ("a", 3, day + timedelta(days=1)), ("a", 3, day + timedelta(days=7)),
            ("b", 1, day), ("b", 3, day + timedelta(days=2))]
    path = tmp_path / "log.csv"
    write_log(path, rows)
    report = calibrate.run(path)
    assert (report["reviews"], report["cards"], report["long_term_reviews"], report["predictions"]) == (6, 2, 5, 3)
    # SM-2 predictions: card a: t=1, I=1 -> 0.9; t=6, I=6 -> 0.9; card b failed (I=0 -> 1): t=2 -> 0.81.
    sm2 = calibrate.replay_sm2(calibrate.long_term(calibrate.read_log(path)))
    assert sm2.p == pytest.approx([0.9, 0.9, 0.81]) and sm2.y == [1, 1, 1]
    assert "SM-2" in calibrate.format_report(report)


def test_calibrate_command_on_the_shared_sample(capsys):
    from tutor.cli import main

    path = calibrate.default_log_path()
    if path is None:
        pytest.skip("the shared review log is not next to this checkout")
    pytest.importorskip("fsrs")
    assert main(["srs", "calibrate", "--json"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["reviews"] == 12580 and report["cards"] == 1205
    scores = report["schedulers"]
    assert set(scores) == {"SM-2", "FSRS (py-fsrs defaults)"}
    for figures in scores.values():
        assert 0 < figures["log_loss"] < 1 and 0 < figures["rmse_bins"] < 0.5


def test_fsrs_schedules_the_review_session_when_chosen(engine, learner_id, clock, settings):
    pytest.importorskip("fsrs")
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [{"card_key": "k", "front": "q"}], START)
    fsrs_settings = replace(settings, scheduler="fsrs")
    review = ReviewSession(engine, learner_id, clock, fsrs_settings)
    review.start()
    first = review.grade(4)  # Good on a new card: FSRS's learning step brings it back today
    assert first.saved and first.outcome.comes_back_today
    clock.advance(minutes=15)
    review.start()
    second = review.grade(4)  # Good again: it graduates to days
    assert second.saved and second.outcome.state.interval_days >= 1
    assert second.outcome.state.ef_centi == 250  # FSRS leaves SM-2's EF alone
    assert review.undo().startswith("undone")
    with session(engine) as db:
        assert reviews.card_by_key(db, learner_id, "k").state.interval_days == 0
