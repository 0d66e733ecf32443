"""`tutor stats`: the review statistics (forecast, heatmap, retention, streak, time)."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `stats` subcommand."""
    parser = subparsers.add_parser("stats", help="review statistics: forecast, heatmap, retention, streak, time")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the learner's review statistics."""
    from tutor.commands._srs_common import open_learner
    from tutor.srs import charts, stats
    from tutor.store.engine import session

    engine, learner_id, clock = open_learner()
    with session(engine) as db:
        figures = stats.compute(db, learner_id, clock.now())
    print(json.dumps(figures.as_dict(), indent=2) if args.json else charts.full_report(figures))
    return 0
