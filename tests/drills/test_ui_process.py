"""A whole drill with the real drill worker: the app's own process never imports torch (nor NumPy)."""

from __future__ import annotations

import subprocess
import sys

CODE = r'''
import asyncio, sys
from tutor.context import LearnerContext
from tutor.ui.app import TutorApp
from tutor.ui.screens.drill import DrillScreen

class App(TutorApp):
    CSS_PATH = __import__("tutor.ui.app").ui.app.__file__.replace("app.py", "tutor.tcss")
    MODES = {**TutorApp.MODES, "drill": lambda: DrillScreen("softmax")}

async def main():
    app = App(LearnerContext.open(), start="drill")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        editor = screen.query_one("#drill-editor")
        editor.load_text("import numpy as np\n\ndef softmax(x):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n"
                         "    return e / e.sum(axis=-1, keepdims=True)\n")
        await pilot.press("ctrl+r")
        for _ in range(600):
            await asyncio.sleep(0.1)
            text = str(screen.query_one("#drill-verdict").render())
            if "speed round:" in text and "timing yours" not in text:
                break
        print("VERDICT", text.replace("\n", " | "))
    print("LOADED", " ".join(m for m in ("torch", "numpy") if m in sys.modules))

asyncio.run(main())
'''


def test_a_drill_with_the_real_worker_keeps_torch_and_numpy_out_of_the_app():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=180).stdout
    verdict = next(line for line in out.splitlines() if line.startswith("VERDICT"))
    assert "Passed in" in verdict and "speed round:" in verdict and "median of" in verdict
    assert out.strip().splitlines()[-1] == "LOADED"


def test_the_drill_core_imports_neither_textual_nor_numpy():
    code = ("import sys\nimport tutor.drills.session, tutor.drills.client, tutor.drills.records, "
            "tutor.drills.reviews, tutor.commands.drill\n"
            "print(' '.join(m for m in ('textual', 'numpy', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == ""
