"""`tutor today`: today's day, its lesson and what is due, as text (or JSON) for scripts."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `today` subcommand."""
    parser = subparsers.add_parser("today", help="print today's day, its lesson title and what is due")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print today's plan day, lesson, work left and reviews due."""
    from tutor.calendar_model import build_calendar, load_progress
    from tutor.context import LearnerContext
    from tutor.store import progress

    ctx = LearnerContext.open()
    view = build_calendar(ctx.curriculum, load_progress(ctx))
    cell = view.days[view.today - 1]
    with ctx.session() as db:
        passed = progress.passed_tasks(db, ctx.learner_id)
        solved = progress.solved_quizzes(db, ctx.learner_id)
    tasks = [t for t in ctx.curriculum.tasks_of(cell.day)]
    quizzes = [q for q in ctx.curriculum.quizzes_of(cell.day)]
    todo = [f"code: {t.title} ({t.id})" for t in tasks if t.id not in passed]
    todo += [f"derive: {q.title} ({q.id})" for q in quizzes if q.id not in solved]
    if args.json:
        print(json.dumps({
            "learner": ctx.learner_name, "day": cell.day, "title": cell.title, "phase": cell.phase,
            "week": cell.week, "status": cell.status.value, "milestone": cell.milestone,
            "todo": todo, "reviews_due": view.reviews_due, "streak": view.streak,
            "minutes_today": view.minutes_today,
        }))
        return 0
    print(f"Day {cell.day} of 84 (week {cell.week}, phase {cell.phase}): {cell.title}")
    print(f"Status: {cell.status.value}" + (f" · milestone: {cell.milestone}" if cell.milestone else ""))
    if todo:
        print("To do:")
        for item in todo:
            print(f"  - {item}")
    elif cell.status.value == "outline":
        print("This lesson is not written yet (outline).")
    else:
        print("Nothing left to do on this day.")
    print(f"Reviews due: {view.reviews_due} · streak: {view.streak} day{'s' if view.streak != 1 else ''}"
          f" · {view.minutes_today} min studied today")
    return 0
