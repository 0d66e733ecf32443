"""`tutor validate`: load all content and report every problem as path:line: message."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `validate` subcommand."""
    parser = subparsers.add_parser(
        "validate", help="check all lessons, tasks, quizzes and cards; list every problem"
    )
    parser.add_argument("--root", type=Path, help="content folder to check (default: the shipped content)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print each problem and a summary; exit 1 if there is any problem."""
    from tutor.curriculum.validate import validate

    root = args.root.resolve() if args.root else None
    curriculum, problems = validate(root)
    for problem in problems:
        print(problem)
    counts = (f"{len(curriculum.days)} days, {len(curriculum.tasks)} tasks, "
              f"{len(curriculum.quizzes)} derivation problems, {len(curriculum.cards)} cards")
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {counts}")
        return 1
    print(f"ok: {counts}")
    return 0
