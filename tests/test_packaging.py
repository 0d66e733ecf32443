"""A non-editable install finds lessons, quizzes, kernels and data inside the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_validates_its_own_content(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPO), "-w", str(dist)],
                           capture_output=True, text=True, timeout=300)
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend available): {build.stderr[-300:]}")
    wheel = next(dist.glob("tutor-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    env = {"TUTOR_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TUTOR_LEARNER": "wheel"}
    result = subprocess.run([str(venv / "bin" / "tutor"), "validate"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: 84 days")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import tutor.paths, kernels; print(tutor.paths.content_root()); print(kernels.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert where[0].endswith("site-packages/tutor/_content")
    assert "site-packages/kernels" in where[1]
