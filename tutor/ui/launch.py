"""Start the app: open the learner's context, run the Textual app, report problems plainly."""

from __future__ import annotations

import sys


def run_app(start: str = "calendar") -> int:
    """Open the app on ``start`` ('calendar', 'review', 'stats' or 'drill'); return an exit code."""
    from tutor.context import LearnerContext
    from tutor.ui.app import TutorApp

    # The store opens after the first paint (see CalendarScreen); a failure there ends the
    # app with a message and exit code 2.
    ctx = LearnerContext.prepare()
    if start != "calendar":
        from tutor.store.engine import StoreError

        try:
            ctx.connect()
        except StoreError as error:
            print(f"tutor: {error}", file=sys.stderr)
            return 2
    app = TutorApp(ctx, start=start)
    app.run()
    return app.return_code or 0
