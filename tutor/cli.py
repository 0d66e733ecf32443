"""The `tutor` command: with no subcommand it opens the app; otherwise it runs one."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import tutor
import tutor.commands


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand found in `tutor.commands`."""
    parser = argparse.ArgumentParser(
        prog="tutor",
        description="A terminal tutor for an 84-day deep learning practice plan. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {tutor.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(tutor.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"tutor.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `tutor` with ``argv`` (default: the process arguments) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from tutor.ui.launch import run_app

        return run_app()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tutor task list | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
