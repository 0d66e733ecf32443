"""`tutor check TASK_ID [--file PATH] [--json] [--watch]`: grade a task from the shell.

Exit status: 0 when every check passes, 1 when one fails, 2 for an unknown task or a file
that cannot be read. A NumPy task never imports torch here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser("check", help="grade your file for a task (the workspace file by default)")
    parser.add_argument("task", metavar="TASK_ID", help="the task's id (see `tutor task list`)")
    parser.add_argument("--file", type=Path, help="grade this file instead of the workspace file")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--watch", action="store_true", help="check again every time the file is saved")
    parser.add_argument("--no-save", action="store_true", help="do not record the attempt")
    parser.set_defaults(func=run)


def _locate(args: argparse.Namespace):
    from tutor.grading.spec import SpecError, UnknownTask, day_of, find_task_folder, load_spec
    from tutor.grading.workspace import ensure_workspace_file

    try:
        folder = find_task_folder(args.task)
        spec = load_spec(folder)
    except UnknownTask:
        print(f"tutor check: no task {args.task!r} (see `tutor task list`)", file=sys.stderr)
        return None
    except SpecError as error:
        print(f"tutor check: the task's spec is broken:\n{error}", file=sys.stderr)
        return None
    day = day_of(folder)
    path = args.file or ensure_workspace_file(spec.id, day, folder / spec.starter)
    return folder, day, path


def _check_once(args: argparse.Namespace, folder: Path, day: int, path: Path, task) -> int:
    from tutor.grading.engine import grade
    from tutor.grading.report import format_result

    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"tutor check: cannot read {path}: {error}", file=sys.stderr)
        return 2
    result = grade(task, source)
    print(result.to_json() if args.json else format_result(result), flush=True)
    if not args.no_save:
        try:
            from tutor.grading.attempts import save_attempt_standalone

            save_attempt_standalone(day, source, result)
        except Exception as error:  # noqa: BLE001 - a verdict is still a verdict without the store
            print(f"tutor check: the attempt was not saved: {error}", file=sys.stderr)
    return 0 if result.passed else 1


def run(args: argparse.Namespace) -> int:
    """Grade once, or on every save with --watch."""
    located = _locate(args)
    if located is None:
        return 2
    folder, day, path = located
    if not path.is_file():
        print(f"tutor check: cannot read {path}: no such file", file=sys.stderr)
        return 2
    from tutor.grading.engine import Task

    task = Task.load(folder)
    if not args.json and args.file is None:
        print(f"checking {path}", file=sys.stderr)
    code = _check_once(args, folder, day, path, task)
    if not args.watch:
        return code
    print(f"watching {path}: save to check again, Ctrl-C to stop", file=sys.stderr)
    seen = path.stat().st_mtime_ns
    while True:
        time.sleep(0.3)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            continue
        if stamp != seen:
            seen = stamp
            time.sleep(0.05)  # let the editor finish writing
            code = _check_once(args, folder, day, path, task)
