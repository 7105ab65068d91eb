"""The code base stays ruff- and mypy-clean: CI fails on a lint or type error, not only on a broken test."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

LINTED = ["src", "tests", "evaluation", "benchmarks", "training", "scripts"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", *[p for p in LINTED if (REPO / p).exists()])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
