"""The derivation screen at 80×24, driven with Textual's Pilot in a tiny host app."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual.app import App  # noqa: E402
from textual.widgets import Input, Static  # noqa: E402

from tutor.derive.feedback import Verdict  # noqa: E402
from tutor.ui.screens.derivation import DerivationScreen  # noqa: E402


class FakeChecker:
    """Answers like the real checker, in-process, and records what it was asked."""

    def __init__(self):
        self.asked = []

    def warm(self, problem_id):
        return {"ok": True}

    def check(self, problem_id, answer):
        from tutor.derive.bank import load_bank
        from tutor.derive.check import check_answer

        self.asked.append((problem_id, answer))
        return check_answer(load_bank()[problem_id], answer, confirm=False)


class FakeContext:
    """Stands in for the app's learner context: records saved answers."""

    learner_id = 7

    def __init__(self):
        self.saved = []

    def connect(self):
        pass

    def session(self):
        ctx = self

        class _Session:
            def __enter__(self):
                return ctx

            def __exit__(self, *exc):
                return False

        return _Session()


class Host(App):
    def __init__(self, problem_id, checker, ctx=None):
        super().__init__()
        self.problem_id, self.checker, self.ctx = problem_id, checker, ctx

    def on_mount(self):
        self.push_screen(DerivationScreen(self.problem_id, checker=self.checker))


def text_of(screen, selector):
    return str(screen.query_one(selector, Static).render())


async def wait_for_check(pilot, screen):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def saved(monkeypatch):
    """Capture record_quiz_answer calls instead of writing a database."""
    calls = []
    from tutor.store import progress

    monkeypatch.setattr(progress, "record_quiz_answer",
                        lambda db, learner, pid, answer, verdict, message: calls.append((learner, pid, answer, verdict)))
    return calls


async def test_statement_preview_and_a_correct_answer(saved):
    checker = FakeChecker()
    app = Host("affine-dw", checker, FakeContext())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, DerivationScreen)
        assert "Find ∂L/∂W" in text_of(screen, "#derive-statement")
        assert "X [2×3 (N×D)]" in text_of(screen, "#derive-names")
        await pilot.press(*"X.T @ G")
        assert "read as: Xᵀ @ G" in text_of(screen, "#derive-preview")
        assert "3×4 (D×M)" in text_of(screen, "#derive-preview")
        await pilot.press("enter")
        await wait_for_check(pilot, screen)
        assert checker.asked == [("affine-dw", "X.T @ G")]
        assert "Correct" in text_of(screen, "#derive-result")
        assert "Worked derivation" in text_of(screen, "#derive-worked")
        assert saved == [(7, "affine-dw", "X.T @ G", "correct")]


async def test_wrong_answer_feedback_and_hints_one_tier_at_a_time(saved):
    app = Host("affine-dw", FakeChecker(), FakeContext())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press(*"G.T @ X", "enter")
        await wait_for_check(pilot, screen)
        assert "transposed?" in text_of(screen, "#derive-result")
        assert text_of(screen, "#derive-worked") == ""
        await pilot.press("f2")
        assert "Hint 1/2" in text_of(screen, "#derive-hints") and "Hint 2/2" not in text_of(screen, "#derive-hints")
        await pilot.press("tab")  # leave the answer line: plain h and w now work
        await pilot.press("h")
        assert "Hint 2/2" in text_of(screen, "#derive-hints")
        await pilot.press("w")
        assert "Worked derivation" in text_of(screen, "#derive-worked")
        assert saved[-1][3] == "incorrect"


async def test_typing_h_in_the_answer_types_it(saved):
    app = Host("rnn-step-dh", FakeChecker())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Wh.T @ g")
        assert app.screen.query_one(Input).value == "Wh.T @ g"
        assert text_of(app.screen, "#derive-hints") == ""


async def test_invalid_input_is_explained_in_the_preview_and_the_verdict(saved):
    app = Host("sigmoid-derivative", FakeChecker())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press(*"2sigma(x)")
        assert "missing '*' between 2 and sigma" in text_of(screen, "#derive-preview")
        await pilot.press("enter")
        await wait_for_check(pilot, screen)
        assert "Missing '*' between 2 and sigma" in text_of(screen, "#derive-result")
        assert saved == []  # no store in this host app: nothing to save


async def test_escape_goes_back():
    app = Host("power-rule", FakeChecker())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DerivationScreen)


async def test_unknown_problem_says_so():
    app = Host("no-such-problem", FakeChecker())
    async with app.run_test(size=(80, 24)) as pilot:
        assert "no derivation problem" in text_of(app.screen, "#derive-statement")
        await pilot.press("escape")


async def test_the_real_sandboxed_checker_from_the_screen(saved):
    from tutor.derive.sandbox import Checker

    with Checker(timeout=60) as checker:
        app = Host("softmax-cross-entropy", checker, FakeContext())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"p - y", "enter")
            await wait_for_check(pilot, app.screen)
            assert "Correct" in text_of(app.screen, "#derive-result")


def test_verdict_marks_cover_every_verdict():
    from tutor.ui.screens.derivation import _MARKS

    assert set(_MARKS) == {"correct", "incorrect", "invalid", "error"}
    assert Verdict("error", "x").verdict in _MARKS
