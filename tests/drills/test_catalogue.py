"""The drill catalogue comes from the task specs: every re-implementable task is a drill."""

from __future__ import annotations

import pytest

from tutor.curriculum.loader import load_curriculum
from tutor.drills.catalogue import DRILL_KINDS, blank_source, drill_catalogue, find_drill, target_seconds


@pytest.fixture(scope="module")
def drills():
    return drill_catalogue(load_curriculum())


def test_every_function_gradient_and_spec_task_is_a_drill(drills):
    curriculum = load_curriculum()
    expected = {t.id for t in curriculum.tasks.values() if t.kind in DRILL_KINDS}
    assert {d.id for d in drills} == expected
    assert {"softmax", "dot-product-loops"} <= expected
    days = [d.day for d in drills]
    assert days == sorted(days)


def test_a_drill_can_be_named_by_task_entry_or_kernel(drills):
    assert find_drill(drills, "softmax").id == "softmax"
    assert find_drill(drills, "dot").id == "dot-product-loops"  # the entry function
    assert find_drill(drills, "dot_loops").id == "dot-product-loops"  # the reference kernel
    assert find_drill(drills, "no-such-drill") is None


def test_every_blank_starter_defines_the_entry_and_only_raises(drills):
    for drill in drills:
        blank = drill.blank_starter()
        namespace: dict = {}
        exec(compile(blank, drill.id, "exec"), namespace)  # the starter files are trusted content
        assert callable(namespace[drill.entry]), drill.id
        solution = (drill.folder / drill.solution).read_text()
        body = [line.strip() for line in solution.splitlines() if line.startswith("    ") and line.strip()
                and not line.strip().startswith(('"""', "#")) and "return" in line]
        assert not any(line in blank for line in body), drill.id  # no answer leaks into the blank file
        with pytest.raises(NotImplementedError):
            namespace[drill.entry](*([None] * namespace[drill.entry].__code__.co_argcount))


def test_blank_source_keeps_signature_docstring_and_imports_but_drops_hints():
    source = '''"""Module notes."""
import numpy as np

SCALE = 2.0


def f(x, axis=-1):
    """Scale x."""
    # TODO: the hint says multiply by SCALE
    return SCALE * x


print(f(1.0))
'''
    blank = blank_source(source)
    assert "import numpy as np" in blank and "SCALE = 2.0" in blank
    assert "def f(x, axis=-1):" in blank and '"""Scale x."""' in blank
    assert "hint" not in blank and "return SCALE" not in blank and "print" not in blank
    assert "raise NotImplementedError" in blank


def test_longer_solutions_get_a_longer_countdown():
    short = "def f(x):\n    return x\n"
    long = "def f(x):\n" + "".join(f"    x = x + {i}\n" for i in range(12)) + "    return x\n"
    assert target_seconds(short, "f") < target_seconds(long, "f")
    assert target_seconds(short, "f") % 30 == 0
