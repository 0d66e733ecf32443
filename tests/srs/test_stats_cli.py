"""Statistics read from the log, and the commands that print them: stats, srs simulate."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.srs.conftest import START
from tutor.cli import main
from tutor.srs import charts, stats
from tutor.srs.session import ReviewSession
from tutor.srs.sm2 import CardState
from tutor.store import reviews
from tutor.store.engine import session


def learned(i, interval, due):
    return {"card_key": f"k{i}", "front": f"q{i}",
            "state": CardState(due=due, repetitions=3, interval_days=interval, last_review=due - timedelta(days=interval))}


def test_forecast_counts_cards_by_the_day_they_fall_due(engine, learner_id, settings):
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [
            learned(0, 6, START - timedelta(days=3)),  # overdue: counted today
            learned(1, 6, START + timedelta(hours=1)),  # later today
            learned(2, 6, START + timedelta(days=2)),
            learned(3, 60, START + timedelta(days=45)),  # beyond the 30 days
            {"card_key": "new", "front": "new card"},  # new cards are not forecast
        ], START)
        figures = stats.compute(db, learner_id, START, settings)
    assert figures.forecast[:3] == [2, 0, 1] and sum(figures.forecast) == 3 and len(figures.forecast) == 30
    assert (figures.cards, figures.new, figures.learned, figures.due_now) == (5, 1, 4, 1)


def test_retention_heatmap_streak_and_time_come_from_the_log(engine, learner_id, clock, settings):
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [learned(i, 6, START) for i in range(4)], START)
    for day, grades in enumerate([[4, 4], [5, 1], [4]]):
        review = ReviewSession(engine, learner_id, clock, settings)
        review.start()
        for grade in grades:
            review.grade(grade, duration_ms=30_000)
        clock.advance(days=1)
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    assert review.grade(4, duration_ms=30_000).saved  # the forgotten card's next review...
    review.undo()  # ...undone: it does not count
    with session(engine) as db:
        figures = stats.compute(db, learner_id, clock.now(), settings)
    band = {b.label: b for b in figures.bands}["2-6 days"]  # interval 6 sits in "2-6 days"
    assert (band.reviews, band.recalled) == (4, 3)
    days = sorted(figures.heatmap)
    assert [figures.heatmap[d] for d in days] == [2, 2, 1]
    assert figures.streak == 3  # three days in a row, ending yesterday
    assert figures.reviews_today == 0 and figures.reviews_total == 5
    assert figures.seconds_total == 5 * 30 + 30  # the undone grade's time was still spent
    report = charts.full_report(figures)
    assert "streak: 3 days" in report and "75.0%" in report
    assert all(len(line) <= 80 for line in report.splitlines())


def test_stats_json_prints_the_figures(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    monkeypatch.setenv("TUTOR_NOW", "2024-03-04T12:00:00+00:00")
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cards"] == 0 and len(data["forecast"]) == 30 and data["streak"] == 0
    assert [b["interval"] for b in data["bands"]][0] == "1 day"


def test_simulate_prints_interval_and_ef_after_each_grade(capsys):
    assert main(["srs", "simulate", "5,5,5,2,4,4", "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert [(s["interval"], s["ef"]) for s in steps] == [
        (1, "2.6"), (6, "2.7"), (17, "2.8"), (0, "2.8"), (1, "2.8"), (6, "2.8")]
    assert main(["srs", "simulate", "5,5,5,5,5"]) == 0
    table = capsys.readouterr().out
    assert "150d" in table and "3.0" in table
    assert main(["srs", "simulate", "5,7"]) == 2


def test_review_command_opens_the_app_on_the_review_screen(monkeypatch):
    import tutor.ui.launch

    calls = []
    monkeypatch.setattr(tutor.ui.launch, "run_app", lambda start="calendar": calls.append(start) or 0)
    assert main(["review"]) == 0
    assert calls == ["review"]


def test_cards_add_day_adds_a_days_cards_once(monkeypatch, capsys):
    from tutor.context import LearnerContext

    ctx = LearnerContext.open()
    expected = len(ctx.curriculum.cards_of(1)) + len(ctx.curriculum.quizzes_of(1)) + len(ctx.curriculum.tasks_of(1))
    assert main(["cards", "add-day", "1"]) == 0
    assert main(["cards", "add-day", "1", "99"]) == 1
    out = capsys.readouterr().out
    assert f"day 1: {expected} card" in out and "day 1: 0 cards added" in out and "day 99: no such day" in out


def test_a_streak_longer_than_the_heatmap_is_counted_in_full(engine, learner_id, settings):
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [learned(0, 6, START)], START)
        card = reviews.card_by_key(db, learner_id, "k0")
        state = card.state.to_json()
        reviews.insert_log_rows(db, [
            {"learner_id": learner_id, "card_id": card.id, "kind": "grade", "grade": 4,
             "reviewed_at": START - timedelta(days=d), "duration_ms": 1000, "state_before": state,
             "state_after": state, "session_key": "old"} for d in range(200)])
        figures = stats.compute(db, learner_id, START, settings)
    assert figures.streak == 200 and figures.reviews_today == 1
    assert len(figures.heatmap) == 182  # the heatmap shows 26 weeks
