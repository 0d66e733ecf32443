"""`tutor srs`: see how SM-2 schedules a card (`simulate`), and how well SM-2 and FSRS predict recall
on a real review history (`calibrate`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `srs` subcommand and its `simulate` and `calibrate` actions."""
    parser = subparsers.add_parser("srs", help="spaced repetition: simulate SM-2, calibrate against a review log")
    actions = parser.add_subparsers(dest="srs_command", metavar="ACTION", required=True)

    simulate = actions.add_parser("simulate", help="print the interval and EF after each grade, e.g. 5,5,5,2,4,4")
    simulate.add_argument("grades", help="grades 0-5, separated by commas")
    simulate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    simulate.add_argument("--failure-changes-ef", action="store_true",
                          help="let a grade below 3 lower EF too (the literal SM-2 text keeps it)")
    simulate.add_argument("--old-ef", action="store_true",
                          help="multiply the interval by the EF from before this grade (default: the new EF)")
    simulate.set_defaults(func=run_simulate)

    calibrate = actions.add_parser("calibrate", help="replay a review log through SM-2 and FSRS; "
                                   "print log loss and RMSE of predicted recall")
    calibrate.add_argument("csv", nargs="?", type=Path, help="review log CSV (default: the py-fsrs sample)")
    calibrate.add_argument("--json", action="store_true", help="print JSON")
    calibrate.set_defaults(func=run_calibrate)


def run_simulate(args: argparse.Namespace) -> int:
    """Print the schedule a new card gets from the given grades."""
    from tutor.srs.settings import Sm2Settings
    from tutor.srs.simulate import format_table, parse_grades, simulate

    try:
        grades = parse_grades(args.grades)
    except ValueError as error:
        print(f"tutor srs simulate: {error}")
        return 2
    settings = Sm2Settings(failure_changes_ef=args.failure_changes_ef, interval_uses_new_ef=not args.old_ef)
    steps = simulate(grades, settings)
    if args.json:
        print(json.dumps({"settings": {"failure_changes_ef": settings.failure_changes_ef,
                                       "interval_uses_new_ef": settings.interval_uses_new_ef},
                          "steps": [s.as_dict() for s in steps]}, indent=2))
    else:
        print(format_table(steps))
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    """Print how well each scheduler predicts recall on the review log."""
    from tutor.srs.calibrate import default_log_path, format_report, run

    path = args.csv or default_log_path()
    if path is None or not path.exists():
        print("tutor srs calibrate: no review log found; give the path of a CSV "
              "(card_id, review_rating, review_time, review_duration)")
        return 2
    report = run(path)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
