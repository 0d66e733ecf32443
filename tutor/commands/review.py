"""`tutor review`: open the app directly on the review screen."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `review` subcommand."""
    parser = subparsers.add_parser("review", help="review the cards due today")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Launch the full app opened on the review screen."""
    from tutor.ui.launch import run_app

    return int(run_app(start="review") or 0)
