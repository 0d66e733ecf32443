"""Where things live: shipped content (lessons, quizzes, data) and the learner's home.

Content is found next to the package in a checkout or an editable install, and inside
the package (``tutor/_content``) in a wheel. The learner's files live in ``TUTOR_HOME``,
by default the platform's user data directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def content_root() -> Path:
    """Return the folder that holds ``lessons/``, ``quizzes/`` and ``data/``.

    ``TUTOR_CONTENT`` overrides it (tests point it at broken content).
    """
    override = os.environ.get("TUTOR_CONTENT")
    if override:
        return Path(override).resolve()
    bundled = _PACKAGE_DIR / "_content"
    if (bundled / "lessons").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def lessons_dir() -> Path:
    """The folder of day folders (``day-01`` ... ``day-84``) and the plan files."""
    return content_root() / "lessons"


def quizzes_dir() -> Path:
    """The folder of derivation problems and concept cards."""
    return content_root() / "quizzes"


def data_dir() -> Path:
    """The folder of datasets shipped with the project."""
    return content_root() / "data"


def tutor_home() -> Path:
    """The learner's folder: ``TUTOR_HOME``, else the platform's user data dir. Created if missing."""
    override = os.environ.get("TUTOR_HOME")
    if override:
        home = Path(override).expanduser()
    else:
        from platformdirs import user_data_path

        home = user_data_path("tutor", appauthor=False)
    home.mkdir(parents=True, exist_ok=True)
    return home


def workspace_dir() -> Path:
    """Where each task's starter file is copied for the learner to edit."""
    path = tutor_home() / "workspace"
    path.mkdir(parents=True, exist_ok=True)
    return path
