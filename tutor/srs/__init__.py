"""Spaced repetition: SM-2 (pure functions, clock passed in), the due queue, review sessions,
deck building from content, statistics, export/import, and FSRS as an optional scheduler.

Modules: sm2 (the algorithm), settings, queue (due_cards), session (ReviewSession), deck
(add_day_cards), suggest (grades from kata and derivation results), stats and charts,
transfer (CSV/TSV), simulate, scheduler (SM-2 or FSRS), fsrs_live and calibrate (FSRS).
Nothing here imports Textual; importing this package imports nothing else.
"""
