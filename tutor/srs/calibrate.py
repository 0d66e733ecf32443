"""How well do SM-2 and FSRS predict recall? Replay a real review log and score the predictions.

Method, after the open-spaced-repetition srs-benchmark:
- reviews are grouped by card and sorted by time; only the first review of a card on each
  learner-day (days start at 4 AM UTC) is kept, as the benchmark keeps only long-term reviews,
  and elapsed time is counted in whole learner-days;
- before each review but a card's first, each scheduler predicts the probability of recall;
  the outcome is 1 when the rating is Hard, Good or Easy and 0 for Again;
- then the review is applied to the scheduler's state.
SM-2 has no forgetting curve of its own; as in the benchmark, its interval I is read as the
time at which recall falls to 90%: p = 0.9^(t/I), t the days since the last review. Ratings map
to SM-2 grades as on the review screen: Again 1, Hard 3, Good 4, Easy 5. FSRS is py-fsrs with
its default parameters (not fitted to this learner), without learning steps.

Metrics: log loss, and RMSE(bins): predictions and outcomes are averaged within bins of
(elapsed days, review number, lapses), each on a log scale, and the RMSE between the bin
averages is weighted by bin size, as in the benchmark. Lower is better for both.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tutor.srs.settings import DayRule
from tutor.srs.sm2 import CardState, day_start, review, today_of

RULE = DayRule(start_hour=4, tz=UTC)
SM2_GRADE_OF_RATING = {1: 1, 2: 3, 3: 4, 4: 5}
CLIP = 1e-6


def default_log_path() -> Path | None:
    """The shared sample log (``../shared/data/review-logs/py-fsrs-sample.csv`` next to the checkout)."""
    import os

    from tutor import paths

    override = os.environ.get("TUTOR_REVIEW_LOG")
    if override:
        return Path(override)
    candidate = paths.content_root().parent / "shared" / "data" / "review-logs" / "py-fsrs-sample.csv"
    return candidate if candidate.exists() else None


@dataclass(frozen=True)
class Review:
    """One review of the log."""

    card: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    time: datetime


def read_log(path: Path) -> list[Review]:
    """The reviews of a CSV with card_id, review_rating, review_time (ISO 8601) columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [Review(row["card_id"], int(row["review_rating"]), _utc(datetime.fromisoformat(row["review_time"])))
                for row in csv.DictReader(handle)]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def long_term(reviews: list[Review]) -> dict[str, list[Review]]:
    """Each card's reviews in time order, keeping only its first review of each learner-day.

    Its time is moved to the middle of that learner-day, so that both schedulers count the
    days between reviews the same way (in whole learner-days, as the benchmark does)."""
    by_card: dict[str, list[Review]] = defaultdict(list)
    for item in sorted(reviews, key=lambda r: (r.card, r.time)):
        days = by_card[item.card]
        day = today_of(item.time, RULE)
        if not days or today_of(days[-1].time, RULE) != day:
            days.append(Review(item.card, item.rating, day_start(day, RULE) + timedelta(hours=12)))
    return dict(by_card)


@dataclass
class Predictions:
    """Predicted recall, outcomes, and the features RMSE(bins) groups by."""

    p: list[float] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    t: list[int] = field(default_factory=list)  # elapsed learner-days
    i: list[int] = field(default_factory=list)  # the review's number in the card's history (2 = second)
    lapses: list[int] = field(default_factory=list)  # Again ratings before this review

    def add(self, p: float, y: int, t: int, i: int, lapses: int) -> None:
        self.p.append(p)
        self.y.append(y)
        self.t.append(t)
        self.i.append(i)
        self.lapses.append(lapses)


def log_loss(p: list[float], y: list[int]) -> float:
    """Mean negative log-likelihood of the outcomes under the predictions."""
    total = 0.0
    for prob, outcome in zip(p, y):
        prob = min(1 - CLIP, max(CLIP, prob))
        total -= math.log(prob) if outcome else math.log(1 - prob)
    return total / len(p)


def _bin(x: float, base: float, scale: float, digits: int) -> float:
    return round(scale * base ** math.floor(math.log(x) / math.log(base)), digits)


def rmse_bins(pred: Predictions) -> float:
    """RMSE between mean prediction and mean outcome over (elapsed, review number, lapses) bins."""
    groups: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for p, y, t, i, lapses in zip(pred.p, pred.y, pred.t, pred.i, pred.lapses):
        key = (_bin(max(t, 1), 3.62, 2.48, 2), _bin(i, 1.89, 1.99, 0),
               _bin(lapses, 1.73, 1.65, 0) if lapses else 0)
        group = groups[key]
        group[0] += p
        group[1] += y
        group[2] += 1
    total = sum(g[2] for g in groups.values())
    return math.sqrt(sum(g[2] * (g[0] / g[2] - g[1] / g[2]) ** 2 for g in groups.values()) / total)


def replay_sm2(cards: dict[str, list[Review]]) -> Predictions:
    """SM-2's predictions: p = 0.9^(t/I) before each review, then the review applied."""
    pred = Predictions()
    for reviews in cards.values():
        state = CardState(due=reviews[0].time)
        lapses = 0
        for number, item in enumerate(reviews, start=1):
            if number > 1:
                t = (today_of(item.time, RULE) - today_of(state.last_review, RULE)).days
                pred.add(0.9 ** (t / max(1, state.interval_days)), int(item.rating > 1), t, number, lapses)
            state = review(state, SM2_GRADE_OF_RATING[item.rating], item.time, day=RULE).state
            lapses += item.rating == 1
    return pred


def replay_fsrs(cards: dict[str, list[Review]]) -> Predictions | None:
    """FSRS's predictions (py-fsrs retrievability before each review); None without py-fsrs."""
    try:
        import fsrs
    except ImportError:
        return None
    scheduler = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    pred = Predictions()
    for reviews in cards.values():
        card = fsrs.Card()
        lapses = 0
        for number, item in enumerate(reviews, start=1):
            if number > 1:
                t = (today_of(item.time, RULE) - today_of(_utc(card.last_review), RULE)).days
                p = scheduler.get_card_retrievability(card, item.time)
                pred.add(p, int(item.rating > 1), t, number, lapses)
            card, _ = scheduler.review_card(card, fsrs.Rating(item.rating), item.time)
            lapses += item.rating == 1
    return pred


def _scores(pred: Predictions) -> dict[str, float]:
    return {"log_loss": round(log_loss(pred.p, pred.y), 4), "rmse_bins": round(rmse_bins(pred), 4),
            "mean_predicted": round(sum(pred.p) / len(pred.p), 4)}


def run(path: Path) -> dict:
    """Replay the log at ``path`` through SM-2 and FSRS; return the scores as plain data."""
    reviews = read_log(path)
    cards = long_term(reviews)
    sm2 = replay_sm2(cards)
    report = {
        "log": str(path), "reviews": len(reviews), "cards": len(cards),
        "long_term_reviews": sum(len(v) for v in cards.values()), "predictions": len(sm2.p),
        "recall_rate": round(sum(sm2.y) / len(sm2.y), 4),
        "schedulers": {"SM-2": _scores(sm2)},
    }
    fsrs_pred = replay_fsrs(cards)
    if fsrs_pred is not None:
        report["schedulers"]["FSRS (py-fsrs defaults)"] = _scores(fsrs_pred)
    else:
        report["note"] = "FSRS not scored: install the optional package with `pip install fsrs`"
    return report


def format_report(report: dict) -> str:
    """The calibration report as a small table."""
    lines = [f"{report['reviews']:,} reviews of {report['cards']:,} cards; {report['long_term_reviews']:,} kept "
             f"(first of each day); {report['predictions']:,} predictions; actual recall {report['recall_rate']:.1%}",
             "", f"{'scheduler':<26}{'log loss':>10}{'RMSE(bins)':>12}{'mean p':>9}"]
    for name, scores in report["schedulers"].items():
        lines.append(f"{name:<26}{scores['log_loss']:>10.4f}{scores['rmse_bins']:>12.4f}{scores['mean_predicted']:>9.3f}")
    if "note" in report:
        lines += ["", report["note"]]
    lines += ["", "Lower is better. SM-2's recall is read from its interval as p = 0.9^(t/I)."]
    return "\n".join(lines)
