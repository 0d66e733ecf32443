"""Import boundaries: the core never imports Textual; the app never imports torch."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "tutor.cli", "tutor.context", "tutor.calendar_model", "tutor.curriculum.validate",
    "tutor.store.engine", "tutor.store.progress", "tutor.clock", "tutor.studytime",
]


def modules_after_import(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return set(out.split())


def test_core_does_not_import_textual():
    loaded = modules_after_import("\n".join(f"import {m}" for m in CORE_MODULES))
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)


def test_app_starts_without_importing_torch(tmp_path):
    code = f"""
import asyncio, os
os.environ['TUTOR_HOME'] = {str(tmp_path)!r}
from tutor.context import LearnerContext
from tutor.ui.app import TutorApp

async def main():
    app = TutorApp(LearnerContext.open())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press('enter')
        await pilot.pause()
        assert type(app.screen).__name__ == 'LessonScreen'
asyncio.run(main())
"""
    loaded = modules_after_import(code)
    assert "textual" in loaded
    assert "torch" not in loaded


def test_kernels_never_import_tutor():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1] / "kernels"
    offenders = [str(p) for p in root.rglob("*.py")
                 if any(line.strip().startswith(("import tutor", "from tutor"))
                        for line in p.read_text().splitlines())]
    assert offenders == []
