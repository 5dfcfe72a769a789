"""The machine formats, from the one diagnostic model, through the real command: SARIF
against the official schema, GitHub workflow commands, GitLab Code Quality, JUnit XML,
JSON Lines, statistics and output files."""

from __future__ import annotations

import json
import re
from collections import Counter
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import REAL, SEEDS, run_govlint

SCHEMAS = Path(__file__).parent / "schemas"
FILES = [str(p) for p in sorted(SEEDS.glob("*.txt"))] + [str(p) for p in sorted(REAL.glob("*.txt"))]


def output(*args, env_extra=None):
    result = run_govlint("--no-cache", *args, *FILES)
    assert result.returncode == 1, result.stderr.decode()
    return result.stdout.decode()


@pytest.fixture(scope="module")
def expected():
    return json.loads(output("--format", "json"))


def test_sarif_validates_against_the_official_schema(expected):
    log = json.loads(output("--format", "sarif"))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "govlint"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "GL301" in rule_ids and rule_ids == sorted(rule_ids)
    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == \
           [(d["code"], d["line"]) for d in expected]
    levels = {d["severity"]: r["level"] for d, r in zip(expected, results)}
    assert levels == {"error": "error", "warning": "warning", "info": "note"}
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)


WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=\d+,endColumn=\d+,title=(?P<title>[^,:]+)::(?P<message>.+)$")


def test_github_output_is_workflow_commands(expected):
    lines = output("--format", "github").splitlines()
    assert len(lines) == len(expected)
    for line, d in zip(lines, expected):
        match = WORKFLOW_COMMAND.match(line)
        assert match, line
        assert (match["file"], int(match["line"]), int(match["col"])) == (d["path"], d["line"], d["column"])
        assert match["title"] == f"{d['code']} {d['name']}" and d["code"] in match["message"]
        assert "\n" not in match["message"]


def test_github_format_is_chosen_on_github_actions(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_govlint("--no-cache", FILES[4])
    assert result.stdout.decode().startswith("::")
    result = run_govlint("--no-cache", "--format", "concise", FILES[4])
    assert not result.stdout.decode().startswith("::")


def test_gitlab_code_quality(expected):
    issues = json.loads(output("--format", "gitlab"))
    assert len(issues) == len(expected)
    for issue, d in zip(issues, expected):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == d["code"] and issue["location"] == {"path": d["path"], "lines": {"begin": d["line"], "end": d["end_line"]}}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_junit_has_one_testcase_per_file(expected):
    root = ET.fromstring(output("--format", "junit"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == sorted(FILES)
    failing = {d["path"] for d in expected}
    for case in cases:
        failure = case.find("failure")
        assert (failure is not None) == (case.get("name") in failing)
    assert root.get("tests") == str(len(FILES)) and root.get("failures") == str(len(failing))


def test_json_lines(expected):
    lines = output("--format", "json-lines").splitlines()
    assert [json.loads(line) for line in lines] == expected


def test_statistics_counts_per_rule(expected):
    rows = [line.split() for line in output("--statistics").splitlines() if line.split()[0].isdigit()]
    counts = {code: int(count) for count, code, *_ in rows}
    assert sum(counts.values()) == len(expected)
    assert counts["GL205"] == sum(d["code"] == "GL205" for d in expected) > 1
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


def test_output_file(tmp_path, expected):
    target = tmp_path / "findings.sarif"
    result = run_govlint("--no-cache", "--format", "json", "-o", str(target), *FILES)
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("name", ["json", "json-lines"])
def test_json_is_written_a_finding_at_a_time(name):
    """A run over an archive never holds its whole JSON output: the built-in format comes in
    one piece per finding (and the brackets), the same text as its ``render``; a format that
    only returns text, such as a plugin's, is written whole."""
    from govlint.lint import default_ruleset, lint_file
    from govlint.output import OutputContext, find_format, pieces

    files = [lint_file(path, default_ruleset().rules) for path in FILES]
    findings = sum(len(f.diagnostics) for f in files)
    render, context = find_format(name), OutputContext()
    written = list(pieces(render, name, files, context))
    assert findings > 10 and len(written) >= findings
    assert max(map(len, written)) < 2000 and "".join(written) == render(files, context)
    assert pieces(lambda files, context: "[]", name, files, context) is None
