"""`tutor cards`: export the deck and its history, import them back, add a day's cards by hand."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `cards` subcommand and its actions."""
    parser = subparsers.add_parser("cards", help="export, import, or add a day's review cards")
    actions = parser.add_subparsers(dest="cards_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write the deck and history as CSV, and a TSV for Anki")
    export.add_argument("--cards", type=Path, help="cards CSV to write")
    export.add_argument("--history", type=Path, help="review history CSV to write")
    export.add_argument("--anki", type=Path, help="Anki TSV (front, back, tags) to write")
    export.set_defaults(func=run_export)

    imp = actions.add_parser("import", help="import cards CSV, history CSV or Anki TSV files (no duplicates)")
    imp.add_argument("files", nargs="+", type=Path, help="files to import (cards before history)")
    imp.set_defaults(func=run_import)

    add = actions.add_parser("add-day", help="add the cards of a day to your deck now")
    add.add_argument("days", nargs="+", type=int, help="day numbers, e.g. 3 or 1 2 3")
    add.set_defaults(func=run_add_day)


def run_export(args: argparse.Namespace) -> int:
    """Write the files asked for."""
    from tutor.commands._srs_common import open_learner
    from tutor.srs import transfer
    from tutor.store.engine import session

    targets = [(args.cards, transfer.export_cards), (args.history, transfer.export_history),
               (args.anki, transfer.export_anki)]
    if not any(path for path, _ in targets):
        print("tutor cards export: say what to write: --cards FILE, --history FILE and/or --anki FILE")
        return 2
    engine, learner_id, _ = open_learner()
    with session(engine) as db:
        for path, export in targets:
            if path is not None:
                path.write_text(export(db, learner_id), encoding="utf-8")
                print(f"wrote {path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import each file; cards files go first so history can refer to their cards."""
    from tutor.commands._srs_common import open_learner
    from tutor.srs import transfer
    from tutor.store.engine import write_session

    engine, learner_id, clock = open_learner()
    ordered = sorted(args.files, key=lambda p: 1 if _kind(p) == "history" else 0)
    status = 0
    for path in ordered:
        try:
            with write_session(engine) as db:
                print(f"{path}: {transfer.import_file(db, learner_id, path, clock.now())}")
        except (OSError, transfer.TransferError) as error:
            print(f"{path}: {error}")
            status = 1
    return status


def _kind(path: Path) -> str:
    from tutor.srs import transfer

    try:
        return transfer.detect(path.read_text(encoding="utf-8")[:4096])
    except (OSError, transfer.TransferError):
        return "?"


def run_add_day(args: argparse.Namespace) -> int:
    """Add the given days' cards (concept, derivation and kata) to the deck."""
    from tutor.context import LearnerContext
    from tutor.srs.deck import add_day_cards

    ctx = LearnerContext.open()
    status = 0
    with ctx.session() as db:
        for day in args.days:
            if ctx.curriculum.day(day) is None:
                print(f"day {day}: no such day in the plan")
                status = 1
                continue
            added = add_day_cards(db, ctx.learner_id, ctx.curriculum, day, ctx.clock.now())
            print(f"day {day}: {added} card{'s' if added != 1 else ''} added")
    return status
