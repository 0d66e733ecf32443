"""The due queue and a review session: order, caps, same-day repeats, undo, two sessions at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlmodel import select

from tests.srs.conftest import RULE, START, make_curriculum
from tutor.srs.deck import add_day_cards
from tutor.srs.queue import due_cards
from tutor.srs.session import ReviewSession
from tutor.srs.sm2 import CardState
from tutor.store import reviews
from tutor.store.engine import session
from tutor.store.models import ReviewCard, ReviewLog


def add_cards(engine, learner_id, n, due_days_ago=None, start=START):
    """n cards; with due_days_ago, already learned and due that many days ago (index i: ago[i])."""
    specs = []
    for i in range(n):
        state = None
        if due_days_ago is not None:
            due = start - timedelta(days=due_days_ago[i])
            state = CardState(due=due, repetitions=2, interval_days=6, last_review=due - timedelta(days=6))
        specs.append({"card_key": f"k{i}", "front": f"front {i}", "back": f"back {i}", "source_day": 1,
                      "state": state})
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, specs, start)


def keys(items):
    return [item.card.card_key for item in items]


def test_overdue_cards_come_first_most_overdue_first(engine, learner_id, settings):
    add_cards(engine, learner_id, 4, due_days_ago=[1, 9, 3, -2])  # k3 is due in two days
    with session(engine) as db:
        queue = due_cards(db, learner_id, START, settings)
    assert keys(queue) == ["k1", "k2", "k0"]
    assert {item.reason for item in queue} == {"review"}


def test_daily_caps_limit_new_cards_and_reviews(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 5, due_days_ago=[5, 4, 3, 2, 1])
    with session(engine) as db:
        reviews.insert_cards(db, learner_id, [{"card_key": f"n{i}", "front": "new", "source_day": 2}
                                              for i in range(6)], START)
    capped = replace(settings, new_per_day=2, reviews_per_day=3)
    with session(engine) as db:
        queue = due_cards(db, learner_id, START, capped)
    assert keys(queue) == ["k0", "k1", "k2", "n0", "n1"]
    # Grade two reviews and one new card: the rest of today's caps is what is left.
    review = ReviewSession(engine, learner_id, clock, capped)
    review.start()
    for _ in range(2):
        review.grade(4)
    review.items = [i for i in review.items if i.reason == "new"]
    review.grade(5)
    with session(engine) as db:
        queue = due_cards(db, learner_id, START, capped)
    assert keys(queue) == ["k2", "n1"]


def test_a_forgotten_card_comes_back_the_same_day_even_past_the_cap(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 3, due_days_ago=[3, 2, 1])
    capped = replace(settings, reviews_per_day=1)
    review = ReviewSession(engine, learner_id, clock, capped)
    review.start()
    assert keys(review.items) == ["k0"]
    result = review.grade(1)
    assert result.saved and result.outcome.state.interval_days == 0
    assert keys(review.items) == ["k0"] and review.items[0].reason == "repeat"
    clock.advance(minutes=10)
    fresh = ReviewSession(engine, learner_id, clock, capped)  # e.g. after restarting the app
    fresh.start()
    assert keys(fresh.items) == ["k0"]


def test_cards_graded_3_are_repeated_until_they_score_4(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 2, due_days_ago=[2, 1])
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    review.grade(3)
    review.grade(5)
    assert keys(review.items) == ["k0"] and review.progress().repeats == 1
    review.grade(3)
    assert keys(review.items) == ["k0"]
    review.grade(4)
    assert review.current is None
    clock.advance(minutes=1)
    review.start()
    assert review.current is None  # nothing left today
    clock.advance(days=1)
    review.start()
    assert "k0" not in keys(review.items)  # its next review is 15 days on


def test_suspended_cards_never_show(engine, learner_id, settings):
    add_cards(engine, learner_id, 2, due_days_ago=[2, 1])
    with session(engine) as db:
        card = reviews.card_by_key(db, learner_id, "k0")
        reviews.set_suspended(db, card.id, True)
        assert keys(due_cards(db, learner_id, START, settings)) == ["k1"]


def test_grade_is_saved_and_undo_restores_the_card(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 2, due_days_ago=[2, 1])
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    with session(engine) as db:
        before = reviews.card_by_key(db, learner_id, "k0").state
    result = review.grade(5, duration_ms=4200)
    assert result.saved and result.message.startswith("saved")
    with session(engine) as db:
        after = reviews.card_by_key(db, learner_id, "k0").state
        log = db.exec(select(ReviewLog)).all()
    assert after.interval_days == 16 and after.version == before.version + 1
    assert [(r.kind, r.grade, r.duration_ms) for r in log] == [("grade", 5, 4200)]
    assert CardState.from_json(log[0].state_before) == before

    message = review.undo()
    assert message.startswith("undone")
    assert review.current.card_key == "k0"
    with session(engine) as db:
        restored = reviews.card_by_key(db, learner_id, "k0").state
        log = db.exec(select(ReviewLog).order_by(ReviewLog.id)).all()
    assert replace(restored, version=0) == replace(before, version=0)
    assert [(r.kind, r.reverts_id) for r in log] == [("grade", None), ("undo", log[0].id)]
    assert review.undo() == "nothing to undo in this session"


def test_undone_grades_do_not_count_against_the_caps(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 2, due_days_ago=[2, 1])
    capped = replace(settings, reviews_per_day=1)
    review = ReviewSession(engine, learner_id, clock, capped)
    review.start()
    review.grade(4)
    review.undo()
    with session(engine) as db:
        assert keys(due_cards(db, learner_id, START, capped)) == ["k0"]


def test_two_sessions_never_apply_a_grade_twice(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 2, due_days_ago=[2, 1])
    first = ReviewSession(engine, learner_id, clock, settings)
    second = ReviewSession(engine, learner_id, clock, settings)
    first.start()
    second.start()
    assert first.current.card_key == second.current.card_key == "k0"
    assert first.grade(5).saved
    refused = second.grade(5)
    assert not refused.saved and "another session" in refused.message
    assert second.current.card_key == "k1"  # it moves on
    with session(engine) as db:
        grades = db.exec(select(ReviewLog).where(ReviewLog.kind == "grade")).all()
        card = db.exec(select(ReviewCard).where(ReviewCard.card_key == "k0")).one()
    assert len(grades) == 1 and card.version == 1 and card.interval_days == 16


def test_undo_is_refused_when_another_session_graded_the_card_since(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 1, due_days_ago=[1])
    first = ReviewSession(engine, learner_id, clock, settings)
    first.start()
    first.grade(1)  # back today
    second = ReviewSession(engine, learner_id, clock, settings)
    second.start()
    second.grade(4)
    assert first.undo().startswith("cannot undo")


def test_choices_show_what_each_grade_gives(engine, learner_id, clock, settings):
    add_cards(engine, learner_id, 1, due_days_ago=[1])
    review = ReviewSession(engine, learner_id, clock, settings)
    review.start()
    choices = review.choices()
    assert choices[0] == choices[1] == choices[2] == "again today"
    assert choices[3] == "15d +repeat"  # 6 x 2.36 = 14.16 -> 15, and again today
    assert choices[4] == "15d" and choices[5] == "16d"  # 6 x 2.5, 6 x 2.6 = 15.6 -> 16


def test_day_cards_enter_the_deck_once(engine, learner_id, tmp_path):
    curriculum = make_curriculum(tmp_path, days=2, cards_per_day=3)
    with session(engine) as db:
        assert add_day_cards(db, learner_id, curriculum, 1, START) == 5
        assert add_day_cards(db, learner_id, curriculum, 1, START) == 0
        deck = {c.card_key: c for c in reviews.all_cards(db, learner_id)}
    assert set(deck) == {"c1-0", "c1-1", "c1-2", "derivation:p1", "kata:task1"}
    assert deck["derivation:p1"].kind == "derivation" and deck["derivation:p1"].ref == "p1"
    assert "Find dL/dz for day 1." in deck["derivation:p1"].front
    assert deck["kata:task1"].kind == "kata" and deck["kata:task1"].ref == "task1"
    assert all(c.state.is_new for c in deck.values())


def test_a_content_card_that_refers_to_a_problem_stands_for_it(engine, learner_id, tmp_path):
    from tutor.curriculum.models import Card

    curriculum = make_curriculum(tmp_path, days=1, cards_per_day=1)
    curriculum.cards["c1-0"] = Card(id="c1-0", day=1, kind="derivation", front="Derive dL/dz again",
                                    ref="p1")
    with session(engine) as db:
        add_day_cards(db, learner_id, curriculum, 1, START)
        assert "derivation:p1" not in reviews.existing_keys(db, learner_id)
