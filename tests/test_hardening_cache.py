"""Issue 12, items 1 and 2: nothing govlint reads from its (writable) cache directory can run
code, and no cache entry is trusted beyond what can be checked: its schema, the key (content
hash) it names, the file's path and the rules in effect."""

from __future__ import annotations

import configparser  # noqa: F401 - imported before a test empties sys.path
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL, SEEDS
from govlint import parse
from govlint.cache import ResultCache
from govlint.lint import default_ruleset, lint_bytes
from govlint.resources import data_dir

SEED = SEEDS / "000_19df153a773c7689.txt"


# --------------------------------------------------------------------------- 1. parser tables

def test_the_generated_parser_is_up_to_date_with_the_grammar():
    """Regenerate govlint/_parser.py with ``python -m govlint.parse`` after editing
    grammar/report.lark. (Lark numbers its states differently from run to run, so the check is
    the grammar's hash and the same trees as a parser Lark builds now.)"""
    import hashlib

    from govlint import _parser

    assert _parser.GRAMMAR_SHA256 == hashlib.sha256(parse._grammar().encode()).hexdigest()
    parse._parser.cache_clear()
    built = parse._build(parse._grammar())
    for report in sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt")):
        lines = report.read_text(encoding="utf-8").split("\n")
        assert parse.parse(lines) == built.parse(parse.blocks(parse.classify(lines))), report.name


def test_the_parser_comes_from_the_generated_tables_not_from_a_build_or_a_cache(monkeypatch):
    def no_build(grammar):
        raise AssertionError("the parser was built, not loaded from the generated tables")

    monkeypatch.setattr(parse, "_build", no_build)
    parse._parser.cache_clear()
    try:
        lines = SEED.read_text(encoding="utf-8").split("\n")
        tree = parse.parse(lines)
        assert [child.data for child in tree.children][:2] == ["preamble", "section"]
    finally:
        parse._parser.cache_clear()


def test_an_edited_grammar_is_built_in_memory_into_the_same_runtime(monkeypatch):
    """Until govlint/_parser.py is regenerated, an edited grammar's tables are built by Lark
    and loaded into the generated runtime: its trees, the same as Lark's own parser's."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    shipped = parse.parse(lines)
    edited = parse._grammar().replace("paragraph: TEXT", "paragraph: TEXT | TEXT TEXT")
    monkeypatch.setattr(parse, "_grammar", lambda: edited)
    parse._parser.cache_clear()
    try:
        tree = parse.parse(lines)
        assert tree != shipped  # two lines of text are one paragraph now
        assert type(tree).__module__ == "govlint._parser"
        assert tree == parse._build(edited).parse(parse.blocks(parse.classify(lines)))
    finally:
        parse._parser.cache_clear()


# --------------------------------------------------------------------------- the poisoning test

EVIL = """\
from pathlib import Path
Path({marker!r}).write_text("imported")
"""


class _Pickle:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('unpickled')",))


def govlint(cache: Path, *args, pythonpath: Path):
    env = dict(os.environ, NO_COLOR="1", GOVLINT_CACHE_DIR=str(cache), PYTHONPATH=str(pythonpath))
    script = "import sys; from govlint.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, env=env, timeout=120)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_crafted_files_in_every_place_of_the_cache_directory_are_ignored_and_never_run(tmp_path):
    cache, evil_dir, marker = tmp_path / "cache", tmp_path / "evil", tmp_path / "PWNED"
    evil_dir.mkdir()
    (evil_dir / "evil_module.py").write_text(EVIL.format(marker=str(marker)), encoding="utf-8")
    reports = [str(p) for p in sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt"))]
    args = ("--format", "json", "-j", "1", *reports)
    first = govlint(cache, *args, pythonpath=evil_dir)
    assert first.returncode == 1 and json.loads(first.stdout), first.stderr

    # Lark's pickle cache, under every name govlint or Lark ever used in this directory
    from lark import __version__ as lark_version

    (cache / "grammar").mkdir(exist_ok=True)
    for name in (f"report-lark{lark_version}.cache", "report.cache", "lark.cache"):
        (cache / "grammar" / name).write_bytes(pickle.dumps(_Pickle(str(marker))))
    # the plugin list, each directory's record still current, naming a module that no installed entry point names
    plugin_list = cache / "plugins.json"
    plugins = json.loads(plugin_list.read_text(encoding="utf-8"))
    fake_dist = tmp_path / "fake-1.0.dist-info"
    fake_dist.mkdir()
    (fake_dist / "entry_points.txt").write_text("[govlint]\nevil = evil_module\n", encoding="utf-8")
    for record in plugins["directories"].values():
        record["distributions"].insert(0, ["evil", [["evil", "evil_module", "1.0", str(fake_dist / "entry_points.txt")],
                                                    ["evil2", "evil_module", "1.0", ""], ["evil3", "evil_module", "1.0"]]])
    plugin_list.write_text(json.dumps(plugins), encoding="utf-8")
    # parsed rule files: each entry replaced by another's (it names another key), with every severity lowered
    data_files = sorted((cache / "data").glob("*.json"))
    contents = [json.loads(p.read_text(encoding="utf-8")) for p in data_files]
    for path, content in zip(data_files, contents[1:] + contents[:1]):
        if isinstance(content["data"], dict) and "severity" in content["data"]:
            content["data"]["severity"] = "info"
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    # the run's across-report findings: each moved to another report of the run (it names another path)
    (pair_list,) = (cache / "pairs").glob("*.json")
    paired = json.loads(pair_list.read_text(encoding="utf-8"))
    assert paired["findings"]
    paired["findings"] = [[(index + 1) % len(reports), found] for index, found in paired["findings"]]
    pair_list.write_text(json.dumps(paired, ensure_ascii=False), encoding="utf-8")
    # results: moved between files, emptied in the old layout, garbage, a FIFO, deep nesting
    result_files = sorted((cache / "results").rglob("*.json"))
    assert len(result_files) == len(reports)
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in result_files]
    for index, (path, entry) in enumerate(zip(result_files, entries[1:] + entries[:1])):
        if index == 0:
            path.write_text(json.dumps({"path": entries[0]["path"], "diagnostics": [], "lines": [], "facts": None}), encoding="utf-8")
        elif index == 1:
            path.unlink()
            os.mkfifo(path)
        elif index == 2:
            path.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
        else:
            path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    again = govlint(cache, *args, pythonpath=evil_dir)
    assert not marker.exists(), marker.read_text()
    assert again.returncode == first.returncode and again.stdout == first.stdout, again.stderr.decode()
    assert b"Traceback" not in again.stderr
    with_no_cache = govlint(cache, "--no-cache", *args, pythonpath=evil_dir)
    assert not marker.exists() and with_no_cache.stdout == first.stdout


# --------------------------------------------------------------------------- 2. result entries checked one by one

@pytest.fixture()
def stored(tmp_path):
    """A genuine entry for SEED, and how to read it back (path, rules of each format version) as the CLI does."""
    national = default_ruleset().rules

    def rules(version):
        return national
    cache = ResultCache(tmp_path)
    data = SEED.read_bytes()
    key = cache.key(str(SEED), data, "identity")
    linted = lint_bytes(str(SEED), data, national)
    cache.put(key, linted)
    file = cache._file(key)
    return cache, key, file, json.loads(file.read_text(encoding="utf-8")), rules, linted


def test_a_genuine_entry_is_served(stored):
    cache, key, _, _, rules, linted = stored
    served = cache.get(key, str(SEED), rules)
    assert served is not None and served.diagnostics == linted.diagnostics and served.lines == linted.lines
    assert served.facts == linted.facts


def test_an_entry_is_checked_against_the_rules_of_the_format_version_it_was_checked_as(stored):
    """A report read as 2021 is served with the 2021 rules alone: the 2019 pack is not loaded for it."""
    cache, key, _, entry, rules, _ = stored
    asked = []
    assert cache.get(key, str(SEED), lambda version: asked.append(version) or rules(version)) is not None
    assert asked == [entry["facts"]["format_version"]] == ["2021"]


@pytest.mark.parametrize("edit", [
    lambda e: e.update(key="0" * 64),                                   # made for other content
    lambda e: e.update(path="other.txt"),                               # made for another file
    lambda e: e["diagnostics"][0].update(path="other.txt"),             # a finding injected for another path
    lambda e: e["diagnostics"][0].update(code="GL999"),                 # a rule that does not run
    lambda e: e["diagnostics"][0].update(severity="info"),              # a severity the rule does not have
    lambda e: e["diagnostics"][0].update(line="1"),                     # a span that is not integers
    lambda e: e["diagnostics"].append(5),                               # not a finding
    lambda e: e.update(lines=[["1", "x"]]),                             # line numbers that are not integers
    lambda e: e.update(schema=1),                                       # another layout
    lambda e: e.update(facts=[1]),                                      # facts that are not facts
    lambda e: e["facts"].update(format_version="2017"),                  # a format that does not exist
    lambda e: e.pop("diagnostics"),                                     # a key missing
])
def test_an_entry_that_does_not_match_its_key_path_rules_or_schema_is_ignored(stored, edit):
    cache, key, file, entry, rules, _ = stored
    edit(entry)
    file.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    assert cache.get(key, str(SEED), rules) is None


@pytest.mark.parametrize("content", ["", "null", "[]", "{", "[" * 100000 + "]" * 100000, '{"schema": 2}'])
def test_garbage_entries_are_ignored(stored, content):
    cache, key, file, _, rules, _ = stored
    file.write_text(content, encoding="utf-8")
    assert cache.get(key, str(SEED), rules) is None


def test_parsed_rule_files_cache_names_the_content_it_was_made_for(tmp_path, monkeypatch):
    from govlint import yamlload

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    rule = tmp_path / "rule.yaml"
    rule.write_text("code: QZ101\nseverity: error\n", encoding="utf-8")
    assert yamlload.load_plain(rule) == {"code": "QZ101", "severity": "error"}
    (entry,) = (tmp_path / "cache" / "data").glob("*.json")
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["key"] == entry.stem
    entry.write_text(json.dumps({"key": "0" * 64, "data": {"code": "QZ101", "severity": "info"}}), encoding="utf-8")
    assert yamlload.load_plain(rule) == {"code": "QZ101", "severity": "error"}  # ignored: names another key
    rule.write_text("code: QZ101\nseverity: warning\n", encoding="utf-8")
    assert yamlload.load_plain(rule)["severity"] == "warning"  # keyed on content, not on mtime


def test_a_cached_rule_set_is_the_composed_one_and_is_served_only_for_its_key(tmp_path, monkeypatch):
    """Validated packs are cached composed (every field of every rule and pack, parameters
    and examples included) and read back without reading YAML; an entry naming another key,
    or not a rule set, is ignored and the packs are composed again; an edited pack file is
    another key."""
    from dataclasses import fields

    from govlint import lint, yamlload

    def everything(rules):
        return [[getattr(r, f.name) for f in fields(r)] for r in rules.rules], {n: repr(p) for n, p in rules.packs.items()}

    def composed_again():  # as a new process would
        lint.ruleset.cache_clear()
        lint.named_pack.cache_clear()
        return lint.ruleset(names)

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(lint, "_LOCAL_PACKS", dict(lint._LOCAL_PACKS))  # the pack registered here is gone after the test
    pack = tmp_path / "qz"
    shutil.copytree(data_dir("rules") / "sichuan", pack)
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text(encoding="utf-8").replace("name: sichuan", "name: qz-test"), encoding="utf-8")
    names = ("national", lint.register_pack_directory(pack))
    composed = composed_again()
    entries = list((tmp_path / "cache" / "rulesets").glob("*.json"))
    with monkeypatch.context() as patched:
        read = []
        patched.setattr(yamlload, "load_plain", lambda path: read.append(path))
        assert everything(composed_again()) == everything(composed) and read == []
    (entry,) = entries
    for forged in ({"key": "0" * 64, "ruleset": {"rules": [], "packs": [], "format": None}},
                   {"key": entry.stem, "ruleset": {"rules": [{"code": "GL101"}], "packs": [], "format": None}}):
        entry.write_text(json.dumps(forged), encoding="utf-8")
        assert everything(composed_again()) == everything(composed)
    rule = pack / "SC101-period-in-preamble.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: warning", "severity: error"), encoding="utf-8")
    assert composed_again().get("SC101").severity == "error"
    lint.ruleset.cache_clear()
    lint.named_pack.cache_clear()
    lint.all_known_rules.cache_clear()


def test_plugin_list_entries_are_imported_only_when_an_installed_entry_point_declares_them(tmp_path, monkeypatch):
    from govlint import plugins

    dist = tmp_path / "site" / "plug-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "entry_points.txt").write_text("[govlint]\nplug = plug_module:plugin\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site")])
    source = str(dist / "entry_points.txt")
    assert plugins._declared("plug", "plug_module:plugin", "1.0", source)
    assert not plugins._declared("plug", "evil_module", "1.0", source)           # another module
    assert not plugins._declared("other", "plug_module:plugin", "1.0", source)   # another name
    assert not plugins._declared("plug", "plug_module:plugin", "1.0", "")        # no source
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not plugins._declared("plug", "plug_module:plugin", "1.0", source)    # not on sys.path
