"""`tutor task list [--json]`: every coding task with its day, title and kind."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `task` subcommand and its `list` action."""
    parser = subparsers.add_parser("task", help="coding tasks: list them")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list every task: id, day, title, kind")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    """Print the tasks in plan order."""
    from tutor.curriculum.loader import load_curriculum

    curriculum = load_curriculum()
    tasks = sorted(curriculum.tasks.values(), key=lambda t: (t.day, t.id))
    if args.json:
        print(json.dumps([{"id": t.id, "day": t.day, "title": t.title, "kind": t.kind} for t in tasks], indent=2))
        return 0
    width = max((len(t.id) for t in tasks), default=2)
    for t in tasks:
        print(f"day {t.day:2d}  {t.id:<{width}}  {t.kind:<8}  {t.title}")
    return 0
