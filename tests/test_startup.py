"""What a run imports: a result served from the cache needs no parser, model, rule pack or
plugin manager; a run without installed plugins never starts pluggy; plain output never
loads rich's console. Each run in a fresh interpreter, which reports ``sys.modules``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEEDS

REPORT = SEEDS / "004_e08d4762d999e99d.txt"
PIPELINE = ("lark", "govlint._parser", "pluggy", "govlint.model", "govlint.parse", "govlint.normalize",
            "govlint.sources", "govlint.checks", "govlint.years", "govlint.summary", "re2", "ruamel", "opencc", "rich",
            "importlib.metadata")
"""What a cache hit must not import: no parser, no check kind, no fingerprint (the run's pair
findings are cached too). The rules in effect are loaded, validated, from the rule-set cache: a
cached finding is served only if its rule runs with that name and severity."""
PROBE = """
import json, sys
from govlint.cli import main
sys.stdout, real = open("/dev/null", "w"), sys.stdout
status = main(sys.argv[1:])
sys.stdout = real
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def imported(*args: str, cache_dir) -> tuple[int, set[str]]:
    env = {"GOVLINT_CACHE_DIR": str(cache_dir), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["status"], set(result["modules"])


def loaded(modules: set[str], roots) -> list[str]:
    return sorted(m for m in modules if any(m == root or m.startswith(root + ".") for root in roots))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cache_hit_imports_no_pipeline_rules_or_plugin_manager(tmp_path, jobs):
    """Also with -j 2: the cached results are read in the parent, and no worker is started."""
    reports = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    first_status, first = imported("-j", jobs, "--format", "json", *reports, cache_dir=tmp_path)
    assert "govlint.model" in first and "govlint._parser" in first  # the first run lints
    status, modules = imported("-j", jobs, "--format", "json", *reports, cache_dir=tmp_path)
    assert status == first_status == 1
    assert loaded(modules, PIPELINE + ("multiprocessing", "concurrent")) == []


@pytest.fixture
def no_plugins():
    from govlint.plugins import entry_points

    if entry_points():
        pytest.skip("plugins are installed in this environment: pluggy is needed")


def test_linting_without_plugins_starts_no_plugin_manager_and_no_rich_console(tmp_path, no_plugins):
    imported("--no-cache", str(REPORT), cache_dir=tmp_path)  # the first run lists the installed plugins (none)
    status, modules = imported("--no-cache", str(REPORT), cache_dir=tmp_path)
    assert status == 1 and "govlint.model" in modules
    assert loaded(modules, ("pluggy", "importlib.metadata", "rich.console", "ruamel", "opencc")) == []


def test_a_run_imports_the_generated_parser_not_lark_and_reads_no_yaml(tmp_path):
    imported("--no-cache", str(REPORT), cache_dir=tmp_path)  # the first run validates the packs and caches them
    status, modules = imported("--no-cache", str(REPORT), cache_dir=tmp_path)
    assert status == 1 and "govlint._parser" in modules and "govlint.model" in modules
    assert loaded(modules, ("lark", "ruamel", "importlib.metadata")) == []


RULESETS = """
import json, sys
from govlint import lint
from govlint.cli import main
asked, ruleset = [], lint.ruleset
lint.ruleset = lambda packs=(lint.NATIONAL,): asked.append(list(packs)) or ruleset(packs)
sys.stdout, real = open("/dev/null", "w"), sys.stdout
main(sys.argv[1:])
sys.stdout = real
print(json.dumps(asked))
"""


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_a_2021_report_loads_no_2019_rules_linted_or_served_from_the_cache(tmp_path, cache):
    env = {"GOVLINT_CACHE_DIR": str(tmp_path), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # the second run is served from the cache, unless --no-cache
        done = subprocess.run([sys.executable, "-c", RULESETS, *cache, str(REPORT)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert all("format-2019" not in packs for packs in json.loads(done.stdout)), done.stdout


def test_the_plugin_list_survives_another_calling_script(tmp_path, no_plugins):
    """A script of one's own has its own directory first on sys.path: only that directory is
    looked at again (it holds no distribution), without importlib.metadata."""
    env = {"GOVLINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    script = tmp_path / "scripts" / "lint.py"
    script.parent.mkdir()
    script.write_text(PROBE, encoding="utf-8")
    imported("--no-cache", str(REPORT), cache_dir=tmp_path / "cache")  # python -c: the list is made
    done = subprocess.run([sys.executable, str(script), "--no-cache", str(REPORT)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert loaded(set(json.loads(done.stdout)["modules"]), ("importlib.metadata",)) == []
    recorded = json.loads((tmp_path / "cache" / "plugins.json").read_text(encoding="utf-8"))["directories"]
    assert str(script.parent) in recorded and recorded[str(script.parent)]["distributions"] == []
def test_a_text_report_loads_no_document_reader(tmp_path):
    """The readers of PDF, Word and web pages (pdfplumber, lxml, python-docx) and the
    spreadsheet writer are imported only for such a file: a run over text reports holds none."""
    status, modules = imported("--no-cache", "--format", "json", *map(str, sorted(SEEDS.glob("*.txt"))), cache_dir=tmp_path)
    assert status == 1 and "govlint.model" in modules
    assert loaded(modules, ("pdfplumber", "pdfminer", "pypdfium2", "lxml", "docx", "openpyxl", "PIL", "govlint.sources.pdf",
                            "govlint.sources.html", "govlint.sources.docx")) == []
