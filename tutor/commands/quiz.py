"""`tutor quiz list|check`: the derivation problems, and checking one answer from the shell."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `quiz` subcommand with `list` and `check`."""
    parser = subparsers.add_parser("quiz", help="list derivation problems or check an answer")
    sub = parser.add_subparsers(dest="quiz_command", metavar="ACTION")
    listing = sub.add_parser("list", help="list every derivation problem (id, day, title)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)
    check = sub.add_parser("check", help="check an answer; exit 0 correct, 1 incorrect, 2 invalid or unknown")
    check.add_argument("problem_id", metavar="PROBLEM_ID")
    check.add_argument("answer", metavar="ANSWER", help='the answer, quoted: "p - y"')
    check.add_argument("--json", action="store_true", help="print verdict, message, diagnosis and parsed form")
    check.set_defaults(func=run_check)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def run_list(args: argparse.Namespace) -> int:
    """Print the bank, ordered by day."""
    from tutor.derive.bank import load_bank

    problems = sorted(load_bank().values(), key=lambda p: (p.day, p.id))
    if args.json:
        print(json.dumps([{"id": p.id, "day": p.day, "title": p.title} for p in problems], indent=2))
        return 0
    width = max((len(p.id) for p in problems), default=0)
    for p in problems:
        print(f"day {p.day:>2}  {p.id:<{width}}  {p.title}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Check one answer in the sandboxed checker; the exit code is the verdict."""
    from tutor.derive.bank import load_bank
    from tutor.derive.feedback import Verdict
    from tutor.derive.sandbox import Checker

    if args.problem_id not in load_bank():
        verdict = Verdict("invalid", f"there is no problem {args.problem_id!r}; see `tutor quiz list`.", ["problem"])
    else:
        with Checker() as checker:
            verdict = checker.check(args.problem_id, args.answer)
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        out = sys.stdout if verdict.verdict in ("correct", "incorrect") else sys.stderr
        if verdict.parsed:
            print(f"read as: {verdict.parsed}" + (f"   [{verdict.shape}]" if verdict.shape else ""), file=out)
        print(f"{verdict.verdict}: {verdict.message}", file=out)
    return {"correct": 0, "incorrect": 1}.get(verdict.verdict, 2)
