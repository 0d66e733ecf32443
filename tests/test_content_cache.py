"""The curriculum cache: used when nothing changed, rebuilt when any content file changes."""

from __future__ import annotations

import os
import shutil

from tutor import paths
from tutor.curriculum import cache


def copy_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(paths.content_root() / "lessons", root / "lessons")
    shutil.copytree(paths.content_root() / "quizzes", root / "quizzes")
    return root


def test_cache_is_reused_until_a_lesson_changes(tmp_path):
    root = copy_content(tmp_path)
    first = cache.load_curriculum_cached(root)
    assert cache.cache_path().exists()
    again = cache.load_curriculum_cached(root)
    assert again.days[5].meta.title == first.days[5].meta.title

    lesson = root / "lessons" / "day-05" / "lesson.md"
    text = lesson.read_text()
    lesson.write_text(text.replace(f'title = "{first.days[5].meta.title}"', 'title = "Matrices, retitled"'))
    stat = lesson.stat()
    os.utime(lesson, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    changed = cache.load_curriculum_cached(root)
    assert changed.days[5].meta.title == "Matrices, retitled"


def test_a_damaged_cache_is_rebuilt(tmp_path):
    root = copy_content(tmp_path)
    cache.cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache.cache_path().write_bytes(b"not a pickle")
    curriculum = cache.load_curriculum_cached(root)
    assert len(curriculum.days) == 84
    assert cache.cache_path().read_bytes() != b"not a pickle"


def test_broken_content_is_reported_from_the_cache_too(tmp_path):
    root = copy_content(tmp_path)
    (root / "lessons" / "day-30" / "lesson.md").write_text("no front matter\n")
    cache.load_curriculum_cached(root)
    again = cache.load_curriculum_cached(root)
    assert 30 not in again.days
    assert any("day-30" in str(problem) for problem in again.problems)
