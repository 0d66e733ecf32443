"""Building the deck from content: everything a day teaches becomes a card.

A day contributes its concept cards (``quizzes/cards/*.toml``), one derivation card per
problem in its ``quizzes`` (the review re-asks the problem; ref = problem id) and one kata
card per coding task (re-implement the kernel; ref = task id). Content cards keep their id as
key; generated ones are keyed ``derivation:<id>`` and ``kata:<id>``, which no content id can
collide with (content ids have no colon). A content card that already refers to a problem or
a task stands for it, so the same exercise never enters the deck twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from tutor.curriculum.loader import Curriculum, read_toml
from tutor.curriculum.problems import ContentError
from tutor.store import reviews


def _statement(path, problem_id: str) -> str:
    """The problem's statement from its TOML file ('' if it cannot be read)."""
    try:
        raw = read_toml(path)
    except ContentError:
        return ""
    for item in raw.get("problem", []):
        if item.get("id") == problem_id:
            return str(item.get("statement", "")).strip()
    return ""


def day_card_specs(curriculum: Curriculum, day: int) -> list[dict]:
    """The cards day ``day`` contributes to a deck, as dicts for ``store.reviews.insert_cards``."""
    specs = []
    covered = set()
    for card in curriculum.cards_of(day):
        specs.append({"card_key": card.id, "kind": card.kind.value, "front": card.front, "back": card.back,
                      "ref": card.ref, "tags": " ".join(card.tags + [f"day-{day:02d}"]), "source_day": day})
        if card.ref:
            covered.add((card.kind.value, card.ref))
    for quiz in curriculum.quizzes_of(day):
        if ("derivation", quiz.id) in covered:
            continue
        statement = _statement(quiz.path, quiz.id)
        front = f"Derive again: {quiz.title}" + (f"\n\n{statement}" if statement else "")
        specs.append({"card_key": f"derivation:{quiz.id}", "kind": "derivation", "front": front,
                      "back": "The checker grades your answer; open the derivation to try it.",
                      "ref": quiz.id, "tags": f"derivation day-{day:02d}", "source_day": day})
    for task in curriculum.tasks_of(day):
        if ("kata", task.id) in covered:
            continue
        specs.append({"card_key": f"kata:{task.id}", "kind": "kata",
                      "front": f"Re-implement from memory: {task.title}",
                      "back": f"Task {task.id} (day {day}); run it against the reference to grade yourself.",
                      "ref": task.id, "tags": f"kata day-{day:02d}", "source_day": day})
    return specs


def add_day_cards(session: Session, learner_id: int, curriculum: Curriculum, day: int, now: datetime) -> int:
    """Add the cards of ``day`` to the learner's deck (those not in it yet); return how many were added.

    Idempotent: finishing a day twice, or adding it by hand after finishing it, adds nothing new.
    """
    return reviews.insert_cards(session, learner_id, day_card_specs(curriculum, day), now)
