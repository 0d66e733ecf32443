"""Start the app: open the learner's context, run the Textual app, report problems plainly."""

from __future__ import annotations

import sys


def run_app(start: str = "calendar") -> int:
    """Open the app on ``start`` ('calendar', 'review', 'stats' or 'drill'); return an exit code."""
    from tutor.context import LearnerContext
    from tutor.store.engine import StoreError

    try:
        ctx = LearnerContext.open()
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    from tutor.ui.app import TutorApp

    TutorApp(ctx, start=start).run()
    return 0
