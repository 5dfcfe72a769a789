"""The built wheel works on its own: grammar/ and rules/ ship inside it (govlint/_data).

Builds the wheel with pip, installs it with --no-deps into a fresh virtualenv, makes the
dependencies (lark, opencc, ...) importable with a .pth file pointing at this
interpreter's site-packages (no network), and runs that virtualenv's ``govlint`` from an
unrelated directory, where no checkout's grammar/ or rules/ can be found.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import SEEDS

REPO = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(command: list, cwd: Path, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtualenv with only the wheel of this checkout installed; its bin directory."""
    root = tmp_path_factory.mktemp("packaging")
    dist = root / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", dist, REPO], cwd=root)
    assert built.returncode == 0, built.stderr.decode(errors="replace")
    wheels = list(dist.glob("govlint-*.whl"))
    assert len(wheels) == 1, wheels

    venv = root / "venv"
    created = _run([sys.executable, "-m", "venv", venv], cwd=root)
    assert created.returncode == 0, created.stderr.decode(errors="replace")
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    installed_ = _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "-q", wheels[0]], cwd=root)
    assert installed_.returncode == 0, installed_.stderr.decode(errors="replace")

    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root).stdout.decode().strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    # plain path lines: appended after the venv's own site-packages, and their own .pth
    # files (this checkout's editable install among them) are not processed
    (Path(purelib) / "_govlint_test_deps.pth").write_text("".join(f"{p}\n" for p in sorted(ours) if Path(p).is_dir()), encoding="utf-8")
    return {"wheel": wheels[0], "python": python, "govlint": venv / BIN / "govlint", "purelib": Path(purelib), "root": root}


@pytest.fixture
def elsewhere(tmp_path):
    """An unrelated working directory and environment: no checkout, a private YAML cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(NO_COLOR="1", GOVLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONNOUSERSITE="1")
    work = tmp_path / "work"
    work.mkdir()
    return work, env


def test_wheel_contains_grammar_and_rules(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for required in ("govlint/_data/grammar/report.lark", "govlint/_parser.py", "govlint/_data/grammar/formats/2021.yaml",
                     "govlint/_data/rules/national/pack.yaml", "govlint/_data/rules/national/GL301-row-total.yaml"):
        assert required in names
    shipped = {n.rsplit("/", 1)[1] for n in names if n.startswith("govlint/_data/rules/national/")}
    assert shipped == {p.name for p in (REPO / "rules" / "national").glob("*.yaml")}


def test_installed_govlint_is_the_wheel_not_the_checkout(installed, elsewhere):
    work, env = elsewhere
    code = "import govlint, govlint.resources as r; print(govlint.__file__); print(r.data_dir('rules')); print(r.data_dir('grammar'))"
    result = _run([installed["python"], "-c", code], cwd=work, env=env)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    module, rules, grammar = result.stdout.decode().split("\n")[:3]
    for shown in (module, rules, grammar):
        assert Path(shown).resolve().is_relative_to(installed["purelib"].resolve()), shown
        assert not Path(shown).resolve().is_relative_to(REPO)


def test_installed_console_script_lints_from_an_unrelated_directory(installed, elsewhere):
    work, env = elsewhere
    report = next(SEEDS.glob("004_*.txt"))
    local = work / "report.txt"
    local.write_bytes(report.read_bytes())
    result = _run([installed["govlint"], "--format", "json", "report.txt"], cwd=work, env=env, timeout=120)
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    findings = json.loads(result.stdout)
    assert "GL501" in {f["code"] for f in findings}
    assert {f["path"] for f in findings} == {"report.txt"}
    by_absolute_path = _run([installed["govlint"], "--format", "json", report], cwd=work, env=env, timeout=120)
    assert by_absolute_path.returncode == 1
    assert [{**f, "path": None} for f in json.loads(by_absolute_path.stdout)] == [{**f, "path": None} for f in findings]


def test_installed_console_script_lists_the_rules(installed, elsewhere):
    work, env = elsewhere
    result = _run([installed["govlint"], "rules"], cwd=work, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    out = result.stdout.decode("utf-8")
    assert any(line.startswith("GL301") and "row-total" in line for line in out.splitlines())
    explained = _run([installed["govlint"], "rule", "GL301"], cwd=work, env=env, timeout=120)
    assert explained.returncode == 0 and "row-total" in explained.stdout.decode("utf-8")
