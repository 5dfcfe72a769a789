"""A third-party plugin, installed from its own directory into a fresh virtualenv, adds a
rule pack, a Python check kind and an output format to the real ``govlint``; a plugin
that fails to import is named and skipped."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

PLUGIN = Path(__file__).parent / "plugin_example"


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv with govlint (from this checkout) and the example plugin pip-installed
    from their directories; the dependencies come from this interpreter's site-packages
    through a .pth file, so no network is needed for them."""
    root = tmp_path_factory.mktemp("plugin-venv")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    python = root / "venv" / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "_govlint_host.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(REPO), str(PLUGIN)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return root / "venv" / "bin" / "govlint"


def run(govlint_script, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(govlint_script), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_the_venv_runs_its_own_govlint(venv, tmp_path):
    where = subprocess.run([str(venv.parent / "python"), "-c", "import govlint; print(govlint.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert str(venv.parent.parent) in where.stdout


def test_plugin_pack_check_kind_and_output_format_take_effect(venv, tmp_path):
    report = next(SEEDS.glob("000_*.txt"))  # its section 一 has a paragraph of over 200 characters
    plain = run(venv, "--format", "concise", str(report), cwd=tmp_path)
    assert "EX101" not in plain.stdout
    result = run(venv, "--pack", "example", "--format", "tsv", str(report), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == "path\tline\tcolumn\tcode\tmessage"
    assert any(line.split("\t")[1:4] == ["11", "1", "EX101"] for line in lines[1:]), result.stdout
    assert result.returncode == 1  # the national rules still run (GL203 is an error)


def test_plugin_pack_rules_are_listed(venv, tmp_path):
    result = run(venv, "rules", "--pack", "example", cwd=tmp_path)
    assert result.returncode == 0 and "EX101" in result.stdout


def test_a_plugin_that_fails_to_import_is_named_and_skipped(venv, tmp_path):
    result = run(venv, "--format", "json", str(next(SEEDS.glob("002_*.txt"))), cwd=tmp_path)
    assert "插件“broken”" in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == 0 and result.stdout.startswith("[")
