"""Shared helpers: lint text in-process with chosen rules, and run the real console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.lint import default_ruleset, lint_bytes
from govlint.years.examples import is_run, lint_run_text

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REAL = FIXTURES / "real"


def batch_folder(folder: Path) -> Path:
    """The seeds and real reports (text) copied into one folder, as a supervisor's batch."""
    for source in (SEEDS, REAL):
        for path in sorted(source.glob("*.txt")):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def ruleset():
    return default_ruleset()


def lint_text(text: str | bytes, select: list[str] | None = None, path: str = "report.txt", ruleset_=None):
    """Diagnostics for ``text`` with the national pack (all enabled rules, or ``select``)."""
    rules = (ruleset_ or default_ruleset()).select(select, None)
    if isinstance(text, str) and is_run(text):  # several files (rules that compare reports)
        return lint_run_text(text, rules)
    data = text.encode("utf-8") if isinstance(text, str) else text
    return lint_bytes(path, data, rules).diagnostics


def triples(diagnostics) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


def govlint_command() -> list[str]:
    """The installed console script when there is one, else the module."""
    script = Path(sys.executable).parent / "govlint"
    if script.exists():
        return [str(script)]
    found = shutil.which("govlint")
    return [found] if found else [sys.executable, "-m", "govlint"]


def run_govlint(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", **(env or {}))
    return subprocess.run(govlint_command() + list(args), cwd=cwd, input=stdin, capture_output=True, env=env, timeout=120)
