"""`tutor dev check [TASK_ID ...] [--json]`: prove that the task content works."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `dev` subcommand with its `check` action."""
    parser = subparsers.add_parser("dev", help="tools for content authors")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="every starter fails, every solution passes, every mutant is named")
    check.add_argument("tasks", nargs="*", metavar="TASK_ID", help="only these tasks (default: all)")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print each proof; exit 1 if any fails."""
    from tutor.grading.devcheck import dev_check
    from tutor.grading.spec import UnknownTask

    try:
        findings = dev_check(args.tasks or None)
    except UnknownTask as error:
        print(f"tutor dev check: no task {error.args[0]!r}")
        return 2
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], indent=2))
    else:
        for finding in findings:
            mark = "ok  " if finding.ok else "FAIL"
            print(f"{mark} {finding.task}: {finding.what}" + (f" ({finding.detail})" if finding.detail else ""))
        bad = sum(not f.ok for f in findings)
        tasks = len({f.task for f in findings})
        print(f"{len(findings) - bad} of {len(findings)} proofs hold for {tasks} tasks")
    return 1 if any(not f.ok for f in findings) else 0
