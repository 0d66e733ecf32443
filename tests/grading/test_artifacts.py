"""Files a task's function writes (day 5's plot) come back from the sandbox, are checked, and kept."""

from __future__ import annotations

from pathlib import Path

from tutor.grading.artifacts import PNG_SIGNATURE, png_size
from tutor.grading.engine import grade

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "lessons/day-05/tasks/unit-square-plot/solution.py").read_text()

# Returns what the checks compare, but never writes a file: it used to pass.
FAKE = '''
import numpy as np

def plot_unit_square(A, path):
    corners = np.array([[0.0, 1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0]])
    return np.asarray(A, dtype=float) @ corners, (200, 200)
'''

NOT_A_PNG = FAKE.replace("    corners =", "    open(path, 'w').write('a plot')\n    corners =")


def checks(result) -> dict[str, object]:
    return {c.name: c for c in result.cases if c.kind == "check" and c.name.endswith("is saved")}


def test_the_learners_plots_are_checked_and_saved_in_the_workspace(tutor_home):
    result = grade("unit-square-plot", SOLUTION)
    assert result.passed, result.message
    saved = checks(result)
    assert {"stretch.png is saved", "shear.png is saved", "rotation.png is saved"} <= set(saved)
    folder = tutor_home / "workspace" / "day-05" / "unit-square-plot"
    shear = folder / "shear.png"
    assert shear.read_bytes().startswith(PNG_SIGNATURE)
    assert png_size(shear.read_bytes()) == (200, 200)
    assert "a 200×200 PNG" in saved["shear.png is saved"].message
    assert str(shear) in saved["shear.png is saved"].message


def test_a_function_that_saves_nothing_fails_even_with_the_right_return_value(tutor_home):
    result = grade("unit-square-plot", FAKE)
    assert not result.passed
    failed = checks(result)["stretch.png is saved"]
    assert failed.status == "fail" and "did not save stretch.png" in failed.message
    assert all(c.passed for c in result.cases if c.kind == "case")  # only the file checks catch it


def test_a_file_that_is_not_a_png_fails(tutor_home):
    result = grade("unit-square-plot", NOT_A_PNG)
    assert not result.passed
    assert "is not a PNG image" in checks(result)["shear.png is saved"].message


def test_png_size_reads_the_header_only():
    header = PNG_SIGNATURE + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert png_size(header) == (640, 480)
    assert png_size(b"GIF89a" + bytes(30)) is None
    assert png_size(PNG_SIGNATURE) is None
