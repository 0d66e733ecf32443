"""`tutor drill [KERNEL]` opens the drill screen (on KERNEL's drill); `tutor drill --list` prints them."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `drill` subcommand."""
    parser = subparsers.add_parser("drill", help="timed drills: re-implement a kernel against the clock",
                                   description="Open the drill screen, on KERNEL's drill if given (a task id "
                                               "such as softmax, or a kernel name such as dot_loops).")
    parser.add_argument("kernel", nargs="?", metavar="KERNEL", help="the drill to start (default: pick one)")
    parser.add_argument("--list", action="store_true", help="print the drills and your personal bests")
    parser.add_argument("--json", action="store_true", help="with --list: print a JSON array")
    parser.set_defaults(func=run)


def _listing(args: argparse.Namespace) -> int:
    from tutor.context import LearnerContext
    from tutor.drills import records
    from tutor.drills.catalogue import drill_catalogue
    from tutor.drills.reviews import due_drills
    from tutor.drills.scoring import clock_text
    from tutor.drills.speed import speedup_text

    ctx = LearnerContext.open()
    drills = drill_catalogue(ctx.curriculum)
    with ctx.session() as db:
        bests = records.personal_bests(db, ctx.learner_id)
        due = set(due_drills(db, ctx.learner_id, ctx.clock.now()))
    if args.json:
        rows = []
        for d in drills:
            best = bests.get(d.id)
            rows.append({"id": d.id, "day": d.day, "title": d.title, "kernel": d.reference,
                         "countdown_seconds": d.target_seconds, "due": d.id in due,
                         "best": None if best is None else {
                             "seconds": best.best.seconds, "penalty_seconds": best.best.penalty_seconds,
                             "attempts": best.best.attempts, "score": best.best.score,
                             "runs": best.runs, "best_speedup": best.best_speedup}})
        print(json.dumps(rows, indent=2))
        return 0
    if not drills:
        print("No drills yet: drills come from the coding tasks in the lessons.")
        return 0
    width = max(len(d.id) for d in drills)
    print(f"   day  {'drill':<{width}}  clock  best              runs  speedup")
    for d in drills:
        best = bests.get(d.id)
        mark = "!" if d.id in due else " "
        if best is None:
            record = f"{'–':<16}  {'':>4}  {'':>7}"
        else:
            score = clock_text(best.best.score) + (f" ({best.best.attempts} tries)" if best.best.attempts > 1 else "")
            record = f"{score:<16}  {best.runs:>4}  {speedup_text(best.best_speedup):>7}"
        print(f"{mark}  {d.day:3d}  {d.id:<{width}}  {clock_text(d.target_seconds):>5}  {record}".rstrip())
    print(f"\n{len(drills)} drills; ! = due in your reviews. Best = time + {_penalty()} s per failed submission.")
    return 0


def _penalty() -> str:
    from tutor.drills.scoring import PENALTY_SECONDS

    return f"{PENALTY_SECONDS:g}"


def _open(kernel: str | None) -> int:
    from tutor.context import LearnerContext
    from tutor.drills.catalogue import drill_catalogue, find_drill
    from tutor.store.engine import StoreError

    ctx = LearnerContext.prepare()
    if kernel is not None:
        drills = drill_catalogue(ctx.curriculum)
        if find_drill(drills, kernel) is None:
            names = ", ".join(d.id for d in drills) or "none yet"
            print(f"tutor: no drill called {kernel!r}. Drills: {names}", file=sys.stderr)
            return 2
    try:
        ctx.connect()
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    app = _drill_app(ctx, kernel)
    app.run()
    return app.return_code or 0


def _drill_app(ctx, kernel: str | None):
    """The tutor app opened on the drill screen, with ``kernel``'s drill started."""
    from pathlib import Path

    import tutor.ui.app as app_module
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.drill import DrillScreen

    class DrillApp(TutorApp):
        # The same app; only its drill mode starts on the named drill.
        CSS_PATH = str(Path(app_module.__file__).with_name("tutor.tcss"))
        MODES = {**TutorApp.MODES, "drill": lambda: DrillScreen(kernel)}

    return DrillApp(ctx, start="drill")


def run(args: argparse.Namespace) -> int:
    """List the drills, or open the app on the drill screen."""
    if args.list:
        return _listing(args)
    return _open(args.kernel)
