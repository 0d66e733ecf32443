"""A cache of the loaded curriculum, so the app starts without re-parsing 84 lessons.

The cache lives in ``TUTOR_HOME/cache`` and is keyed on the size and modification time of
every content file (and tutor's version): edit any lesson, task, quiz or card and the next
start validates everything again. `tutor validate` never reads the cache.
The file is a pickle in the learner's own home, written only by tutor.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import tutor
from tutor import paths
from tutor.curriculum.loader import Curriculum, load_curriculum

CACHE_FORMAT = 1
CONTENT_FOLDERS = ("lessons", "quizzes")


def fingerprint(root: Path) -> str:
    """A digest of every content file's path, size and modification time under ``root``."""
    digest = hashlib.blake2b(f"{tutor.__version__}:{CACHE_FORMAT}:{root}".encode(), digest_size=16)
    for folder in CONTENT_FOLDERS:
        for directory, subdirs, files in os.walk(root / folder):
            subdirs.sort()
            subdirs[:] = [d for d in subdirs if d != "__pycache__"]
            for name in sorted(files):
                stat = os.stat(os.path.join(directory, name))
                digest.update(f"{directory}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cache_path() -> Path:
    """Where the cached curriculum is kept."""
    return paths.tutor_home() / "cache" / "curriculum.pickle"


def load_curriculum_cached(root: Path | None = None) -> Curriculum:
    """The curriculum under ``root``, from the cache when no content file has changed since."""
    root = (root or paths.content_root()).resolve()
    key = fingerprint(root)
    path = cache_path()
    try:
        with path.open("rb") as handle:
            stored_key, curriculum = pickle.load(handle)
        if stored_key == key and isinstance(curriculum, Curriculum):
            return curriculum
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply rebuilt
        pass
    curriculum = load_curriculum(root)
    _write(path, (key, curriculum))
    return curriculum


def _write(path: Path, value: object) -> None:
    """Write atomically; a read-only home just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
