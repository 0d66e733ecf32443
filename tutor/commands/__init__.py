"""Subcommands of `tutor`, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets
``func`` (a callable taking the parsed ``argparse.Namespace`` and returning an exit
code). `tutor.cli` discovers the modules, so adding a command touches no other file.
Modules import their heavy dependencies inside ``func``, so `tutor --help` stays fast.
"""
