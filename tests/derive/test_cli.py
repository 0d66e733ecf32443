"""`tutor quiz list|check` from the shell: output and exit codes."""

from __future__ import annotations

import json

from tutor.cli import main


def test_list_json_has_id_day_title(capsys):
    assert main(["quiz", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 40
    assert {"id": "power-rule", "day": 11, "title": "The power rule"} in rows
    assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)


def test_list_text(capsys):
    assert main(["quiz", "list"]) == 0
    assert "softmax-cross-entropy" in capsys.readouterr().out


def test_check_exit_codes(capsys):
    assert main(["quiz", "check", "softmax-cross-entropy", "p - y"]) == 0
    assert "correct" in capsys.readouterr().out
    assert main(["quiz", "check", "softmax-cross-entropy", "y - p"]) == 1
    assert "Sign error" in capsys.readouterr().out
    assert main(["quiz", "check", "softmax-cross-entropy", "2p - y"]) == 2
    assert "missing '*' between 2 and p" in capsys.readouterr().err
    assert main(["quiz", "check", "no-such-problem", "p"]) == 2
    assert "no problem" in capsys.readouterr().err


def test_check_json_gives_verdict_message_diagnosis_and_parsed_form(capsys):
    assert main(["quiz", "check", "affine-dw", "G.T @ X", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "incorrect"
    assert data["diagnosis"][:2] == ["shape", "transpose"]
    assert data["parsed"] == "Gᵀ @ X"
    assert "transposed?" in data["message"]
