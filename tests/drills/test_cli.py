"""`tutor drill --list` prints the drills with personal bests; `tutor drill NAME` checks the name."""

from __future__ import annotations

import json

from tests.drills.conftest import GOOD_SOFTMAX, FakeGrader
from tutor.cli import main
from tutor.context import LearnerContext
from tutor.drills.catalogue import drill_catalogue, find_drill
from tutor.drills.session import DrillSession


def test_list_shows_every_drill_and_a_personal_best(capsys, clock):
    ctx = LearnerContext.open(clock=clock)  # the learner the command sees (TUTOR_LEARNER=tester)
    drill = find_drill(drill_catalogue(ctx.curriculum), "softmax")
    session = DrillSession.begin(ctx, drill, FakeGrader())
    clock.advance(seconds=30)
    session.submit("def softmax(x):\n    return x\n")  # fails: +30 s
    clock.advance(seconds=47)
    session.submit(GOOD_SOFTMAX)
    session.speed_round()
    assert main(["drill", "--list"]) == 0
    out = capsys.readouterr().out
    softmax_line = next(line for line in out.splitlines() if " softmax " in line)
    assert "1:47 (2 tries)" in softmax_line and "1.5×" in softmax_line
    assert "dot-product-loops" in out and "18" not in softmax_line.split()[0]
    assert main(["drill", "--list", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["softmax"]["best"]["score"] == 107 and rows["softmax"]["best"]["attempts"] == 2
    assert rows["dot-product-loops"]["best"] is None


def test_an_unknown_drill_is_refused_with_the_names(capsys):
    assert main(["drill", "no-such-kernel"]) == 2
    err = capsys.readouterr().err
    assert "no drill called 'no-such-kernel'" in err and "softmax" in err
