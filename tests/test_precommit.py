"""govlint as a pre-commit hook, for real: a repository of report drafts whose
.pre-commit-config.yaml points at this repository; committing a clean report passes,
committing a broken one fails and prints the finding."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

REPO = Path(__file__).resolve().parent.parent


def git(*args, cwd):
    return subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def drafts(tmp_path):
    if shutil.which("git") is None or subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("needs git and a committed checkout of govlint")
    rev = git("rev-parse", "HEAD", cwd=REPO)
    root = tmp_path / "drafts"
    root.mkdir()
    git("init", "-q", cwd=root)
    git("config", "user.email", "clerk@example.invalid", cwd=root)
    git("config", "user.name", "clerk", cwd=root)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: govlint\n", encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")
    env.pop("GIT_DIR", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, env=env, check=True, capture_output=True)
    git("add", ".pre-commit-config.yaml", cwd=root)
    return root, env


def commit(root, env, name, source):
    shutil.copy(source, root / name)
    subprocess.run(["git", "add", name], cwd=root, check=True)
    return subprocess.run(["git", "commit", "-m", f"add {name}"], cwd=root, env=env, capture_output=True, text=True, timeout=900)


def test_hook_passes_a_clean_report_and_blocks_a_broken_one(drafts):
    root, env = drafts
    # repository furniture and a committed virtualenv next to the report are not linted
    (root / "README.md").write_text("# 报告草稿\n\n各镇年度报告的草稿。\n", encoding="utf-8")
    (root / ".venv" / "lib").mkdir(parents=True)
    shutil.copy(next(SEEDS.glob("004_*.txt")), root / ".venv" / "lib" / "notes.txt")
    subprocess.run(["git", "add", "-f", "README.md", ".venv"], cwd=root, check=True)
    clean = commit(root, env, "泗张镇2024年报.TXT", next(SEEDS.glob("002_*.txt")))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert {"README.md", ".venv/lib/notes.txt", "泗张镇2024年报.TXT"} <= set(git("log", "--name-only", "--format=", cwd=root).split("\n"))
    assert "govlint" in clean.stdout + clean.stderr and "Passed" in clean.stdout + clean.stderr

    broken = commit(root, env, "湍东镇2024年报.txt", next(SEEDS.glob("004_*.txt")))
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "Failed" in output and "GL501" in output and "湍东镇2024年报.txt:410:1" in output
    assert "湍东镇2024年报.txt" not in git("log", "--name-only", "--format=", cwd=root)
