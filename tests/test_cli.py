"""The command line through the real console script (``run_govlint``), against the
contract in spec/OUTPUT.md: JSON output, positions in the original file, exit codes,
selection, standard input, the human formats and the ``rules``/``rule`` commands.
Also the validation of broken rule packs (``govlint.rules.load_pack``), in-process."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from conftest import REAL, SEEDS, run_govlint
from govlint.output import SEVERITY_ZH

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "govlint-output.schema.json").read_text(encoding="utf-8"))
ALL_REPORTS = sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt"))
NATIONAL = REPO / "rules" / "national"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
CONCISE = re.compile(r"^(?P<path>.+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<code>[A-Z]{2,4}[0-9]{3}) \[(?P<severity>错误|警告|提示)\] (?P<message>\S.*)$")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(prefix + "_*.txt"))


def real(prefix: str) -> Path:
    return next(REAL.glob(prefix + "_*.txt"))


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def original_lines(path: Path) -> list[str]:
    """The file's lines as an editor shows them (UTF-8 fixtures)."""
    return _LINE_BREAK.split(path.read_bytes().decode("utf-8-sig"))


def sort_key(finding: dict) -> tuple:
    return (finding["path"], finding["line"], finding["column"], finding["code"])


def width(text: str) -> int:
    """Terminal columns: wide and full-width characters (CJK) count 2, combining marks 0."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.fixture(scope="module", autouse=True)
def _isolated_cache(tmp_path_factory):
    """One private YAML cache for every govlint run of this module (not ~/.cache/govlint)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVLINT_CACHE_DIR", str(tmp_path_factory.mktemp("govlint-cache")))
        yield


def lint_json(*args: str, cwd: Path = REPO, stdin: bytes | None = None) -> tuple[list[dict], int]:
    """Findings of ``govlint --format json ARGS`` after checking the stdout contract."""
    result = run_govlint("--format", "json", *args, cwd=cwd, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    stripped = out.strip()
    assert stripped.startswith("[") and stripped.endswith("]"), out[:200]
    value, end = json.JSONDecoder().raw_decode(stripped)
    assert end == len(stripped), "stdout holds something after the JSON array"
    assert isinstance(value, list)
    jsonschema.validate(value, SCHEMA, cls=jsonschema.Draft202012Validator)
    return value, result.returncode


# --------------------------------------------------------------------------- --format json


def test_schema_is_valid_and_rejects_broken_findings():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    good = {"path": "a.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 2, "code": "GL301",
            "name": "row-total", "severity": "error", "message": "m"}
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert validator.is_valid([good]) and validator.is_valid([]) and validator.is_valid([{**good, "fix": None}])
    for broken in ({**good, "line": 0}, {**good, "column": "1"}, {**good, "code": "gl301"}, {**good, "name": "RowTotal"},
                   {**good, "severity": "fatal"}, {k: v for k, v in good.items() if k != "message"}, {**good, "end_column": 1.5}):
        assert not validator.is_valid([broken]), broken
    assert not validator.is_valid(good)


@pytest.mark.parametrize("path", ALL_REPORTS, ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_json_output_follows_the_contract(path):
    findings, code = lint_json(rel(path))
    assert findings == sorted(findings, key=sort_key)
    assert {f["path"] for f in findings} <= {rel(path)}  # the path as it was named
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    lines = original_lines(path)
    for f in findings:  # every span lies inside the original file
        assert 1 <= f["line"] <= f["end_line"] <= len(lines), f
        assert f["column"] <= len(lines[f["line"] - 1]) + 1, f
        assert f["end_column"] <= len(lines[f["end_line"] - 1]) + 1, f
        if f["end_line"] == f["line"]:
            assert f["end_column"] >= f["column"], f


def test_json_many_files_and_directories_are_one_sorted_array():
    one_by_one = [f for p in ALL_REPORTS for f in lint_json(rel(p))[0]]
    named = [rel(p) for p in reversed(ALL_REPORTS)]
    findings, code = lint_json("--no-pairs", *named)  # pairing compares files: tests/test_years.py
    assert code == 1
    assert findings == sorted(one_by_one, key=sort_key)
    assert len({f["path"] for f in findings}) > 1
    walked, _ = lint_json("--no-pairs", "tests/fixtures/real", "tests/fixtures/seeds")
    named_paths = {f["path"] for f in findings}
    assert [f for f in walked if f["path"] in named_paths] == findings  # files found under a named directory carry their path below it
    assert {f["path"] for f in walked} - named_paths == {rel(p) for p in sorted(REAL.glob("*.pdf"))}  # the PDFs beside them too


def test_json_without_findings_is_an_empty_array():
    result = run_govlint("--format", "json", rel(seed("003")), cwd=REPO)
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert result.stdout.decode().strip() == "[]"


def test_undecodable_file_is_a_finding_and_the_others_are_still_linted(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03 not a report \xff\xfe\x00")
    findings, code = lint_json(str(binary), str(seed("002")))
    assert code == 1
    assert [(f["code"], f["line"], f["column"]) for f in findings if f["path"] == str(binary)] == [("GL001", 1, 1)]
    assert any(f["path"] == str(seed("002")) for f in findings)


# --------------------------------------------------------------------------- positions


def test_seed_001_positions_point_into_the_original_text():
    path = seed("001")
    findings, _ = lint_json(rel(path))
    lines = original_lines(path)

    def flagged(f):
        assert f["end_line"] == f["line"]
        return lines[f["line"] - 1][f["column"] - 1: f["end_column"] - 1]

    gloss = next(f for f in findings if f["code"] == "GL002" and f["line"] == 1)
    assert flagged(gloss) == "(kāi)"
    assert (gloss["column"], gloss["end_column"]) == (12, 17)
    traditional = next(f for f in findings if f["code"] == "GL003")
    assert flagged(traditional) == "開"  # the stored traditional character, not the converted 开
    mojibake = next(f for f in findings if f["code"] == "GL002" and f["line"] == 3)
    assert flagged(mojibake) == "?,F"
    title = next(f for f in findings if f["code"] == "GL104")
    assert flagged(title) == lines[0] == "2023年政府信息公開(kāi)工作年度報(bào)告"
    fee = next(f for f in findings if f["code"] == "GL501")
    assert flagged(fee).startswith("六、其他需要報(bào)告")


@pytest.mark.parametrize("variant", ["crlf", "cr", "gb18030", "utf-16", "utf-8-bom"])
def test_positions_do_not_depend_on_encoding_or_line_endings(tmp_path, variant):
    text = seed("001").read_text(encoding="utf-8")
    data = {
        "crlf": lambda: text.replace("\n", "\r\n").encode("utf-8"),
        "cr": lambda: text.replace("\n", "\r").encode("utf-8"),
        "gb18030": lambda: text.encode("gb18030"),
        "utf-16": lambda: text.encode("utf-16"),
        "utf-8-bom": lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
    }[variant]()
    (tmp_path / "variant.txt").write_bytes(data)
    (tmp_path / "original.txt").write_bytes(text.encode("utf-8"))
    expected, _ = lint_json("original.txt", cwd=tmp_path)
    found, _ = lint_json("variant.txt", cwd=tmp_path)
    strip = lambda fs: [{k: v for k, v in f.items() if k != "path"} for f in fs]  # noqa: E731
    assert strip(found) == strip(expected)
    assert any(f["code"] == "GL002" and (f["line"], f["column"], f["end_column"]) == (1, 12, 17) for f in found)


# --------------------------------------------------------------------------- exit status


def test_exit_0_on_a_clean_report():
    result = run_govlint(rel(seed("002")), cwd=REPO)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    findings, _ = lint_json(rel(seed("002")))
    assert all(f["severity"] == "info" for f in findings)


def test_exit_1_on_an_error_and_exit_zero_turns_it_into_0():
    failing = run_govlint(rel(seed("004")), cwd=REPO)
    assert failing.returncode == 1
    assert "GL501" in failing.stdout.decode()
    forgiven = run_govlint("--exit-zero", rel(seed("004")), cwd=REPO)
    assert forgiven.returncode == 0
    assert forgiven.stdout == failing.stdout  # the findings are still printed


@pytest.mark.parametrize("source", ["real", "written"])
def test_warnings_fail_only_under_strict(tmp_path, source):
    if source == "real":
        path, cwd = rel(real("003")), REPO
    else:  # seed 002 is clean; a bad label in table 二 is a warning (GL205) and nothing else
        text = seed("002").read_text(encoding="utf-8")
        assert text.count("本年废止件数") >= 1
        (tmp_path / "warn.txt").write_text(text.replace("本年废止件数", "本年度止件数", 1), encoding="utf-8")
        path, cwd = "warn.txt", tmp_path
    findings, _ = lint_json(path, cwd=cwd)
    severities = {f["severity"] for f in findings}
    assert "warning" in severities and "error" not in severities, findings
    assert run_govlint(path, cwd=cwd).returncode == 0
    assert run_govlint("--strict", path, cwd=cwd).returncode == 1
    assert run_govlint("--strict", "--exit-zero", path, cwd=cwd).returncode == 0


def test_exit_2_for_a_missing_path(tmp_path):
    result = run_govlint("no-such-report.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert "no-such-report.txt" in result.stderr.decode()
    assert b"Traceback" not in result.stderr
    together = run_govlint(str(seed("002")), "no-such-report.txt", cwd=tmp_path)
    assert together.returncode == 2


def test_exit_2_for_an_unknown_format():
    result = run_govlint("--format", "xml", rel(seed("002")), cwd=REPO)
    assert result.returncode == 2
    assert "xml" in result.stderr.decode()
    assert result.stdout == b"" and b"Traceback" not in result.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_exit_2_for_an_unknown_rule_code(option):
    result = run_govlint(option, "GL999", rel(seed("004")), cwd=REPO)
    assert result.returncode == 2
    assert "GL999" in result.stderr.decode()
    assert result.stdout == b"" and b"Traceback" not in result.stderr


# --------------------------------------------------------------------------- selection


def test_select_a_prefix():
    path = rel(real("004"))
    everything, _ = lint_json(path)
    selected, code = lint_json("--select", "GL3", path)
    assert selected and all(f["code"].startswith("GL3") for f in selected)
    assert selected == [f for f in everything if f["code"].startswith("GL3")]
    assert code == 1  # GL304 is an error
    assert len(selected) < len(everything)


def test_ignore_a_code():
    path = rel(real("004"))
    everything, _ = lint_json(path)
    assert any(f["code"] == "GL205" for f in everything)
    kept, _ = lint_json("--ignore", "GL205", path)
    assert kept == [f for f in everything if f["code"] != "GL205"]


def test_ignore_codes_and_names_comma_separated():
    path = rel(seed("001"))
    kept, code = lint_json("--ignore", "GL002,title", path)
    assert {f["code"] for f in kept} == {"GL003", "GL501"}
    assert code == 1


# --------------------------------------------------------------------------- standard input


def test_stdin_with_a_name():
    path = seed("004")
    from_file, _ = lint_json(rel(path))
    from_stdin, code = lint_json("-", "--stdin-filename", "named/report.txt", stdin=path.read_bytes())
    assert code == 1
    assert {f["path"] for f in from_stdin} == {"named/report.txt"}
    assert [{**f, "path": None} for f in from_stdin] == [{**f, "path": None} for f in from_file]


def test_stdin_without_a_name_is_dash():
    from_stdin, _ = lint_json("-", stdin=seed("004").read_bytes())
    assert from_stdin and {f["path"] for f in from_stdin} == {"-"}


# --------------------------------------------------------------------------- human formats


@pytest.mark.parametrize("path", [seed("001"), real("004")], ids=["seed-001", "real-004"])
def test_concise_format(path):
    findings, _ = lint_json(rel(path))
    result = run_govlint("--format", "concise", rel(path), cwd=REPO)
    *lines, closing = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(findings) > 0
    assert closing.startswith(f"检查了 1 个文件，共发现 {len(findings)} 个问题")
    for line, f in zip(lines, findings):
        match = CONCISE.match(line)
        assert match, line
        assert match["path"] == f["path"] and int(match["line"]) == f["line"] and int(match["column"]) == f["column"]
        assert (match["code"], match["severity"], match["message"]) == (f["code"], SEVERITY_ZH[f["severity"]], f["message"])


@pytest.mark.parametrize("path,code,line", [
    (real("005"), "GL601", 7),   # "17" far into a line of Chinese prose
    (seed("001"), "GL002", 1),   # "(kāi)" after 2023年政府信息公開
    (seed("000"), "GL205", 21),  # a label in a table row
], ids=["real-005-GL601", "seed-001-GL002", "seed-000-GL205"])
def test_full_format_marks_the_span_counting_wide_characters_as_two_columns(path, code, line):
    findings, _ = lint_json(rel(path))
    f = next(f for f in findings if f["code"] == code and f["line"] == line)
    source = original_lines(path)[line - 1]
    before = source[: f["column"] - 1]
    flagged = source[f["column"] - 1: f["end_column"] - 1]
    assert any(unicodedata.east_asian_width(c) == "W" for c in before), "the test needs Chinese before the span"
    assert f["end_line"] == line and flagged.strip()

    out = run_govlint(rel(path), cwd=REPO, env={"COLUMNS": "10000"}).stdout.decode("utf-8").splitlines()
    header = f"{rel(path)}:{line}:{f['column']}: {code} "
    index = next(i for i, text in enumerate(out) if text.startswith(header))
    gutter = " " * len(str(line))
    assert out[index + 1].rstrip() == f"{gutter} |"
    assert out[index + 2] == f"{line} | " + source.replace("\t", "    ")
    caret_line = out[index + 3]
    assert caret_line.startswith(f"{gutter} | ")
    marks = caret_line[len(gutter) + 3:]
    assert marks.lstrip(" ") == "^" * width(flagged.replace("\t", "    ")), caret_line
    assert len(marks) - len(marks.lstrip(" ")) == width(before.replace("\t", "    "))
    assert width(before) > len(before)  # wide characters really were counted twice


# --------------------------------------------------------------------------- govlint rules / rule


def national_codes() -> dict[str, str]:
    codes = {}
    for path in NATIONAL.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        code, name = re.search(r"^code:\s*(\S+)", text, re.M), re.search(r"^name:\s*(\S+)", text, re.M)
        if code:
            codes[code[1]] = name[1]
    assert len(codes) >= 30
    return codes


def test_rules_lists_every_code_of_the_national_pack(tmp_path):
    result = run_govlint("rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    listed = {}
    for text in result.stdout.decode("utf-8").splitlines():
        parts = text.split()
        if parts and re.fullmatch(r"[A-Z]{2,4}[0-9]{3}", parts[0]):
            listed[parts[0]] = parts[1:3]
    expected = national_codes()
    assert set(expected) <= set(listed)
    for code, name in expected.items():
        assert listed[code][0] == name
        assert listed[code][1] in ("错误", "警告", "提示")
    assert listed["GL301"] == ["row-total", "错误"]


def test_rules_lists_the_rules_from_the_repository_root():
    """A checkout has a rules/ directory; ``govlint rules`` there must still list the rules
    (``govlint ./rules`` lints a directory of that name)."""
    result = run_govlint("rules", cwd=REPO)
    assert result.returncode == 0
    assert set(national_codes()) <= set(re.findall(r"^([A-Z]{2,4}[0-9]{3}) ", result.stdout.decode("utf-8"), re.M))


def test_rule_explains_one_rule(tmp_path):
    result = run_govlint("rule", "GL301", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    assert out.startswith("GL301（row-total）\n严重程度：错误")
    text = (NATIONAL / "GL301-row-total.yaml").read_text(encoding="utf-8")
    example_row = "| 一、本年新收政府信息公开申请数量 | 3 | 2 | 0 | 0 | 0 | 0 | 6 |"  # the failing example's first row
    assert example_row in text
    assert f"- {example_row}" in out and f"+ {example_row[:-3]}5 |" in out  # the difference, marked
    assert run_govlint("rule", "row-total", cwd=tmp_path).stdout == result.stdout


def test_rule_unknown_code_exits_2(tmp_path):
    result = run_govlint("rule", "GL999", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert "GL999" in result.stderr.decode() and b"Traceback" not in result.stderr


# --------------------------------------------------------------------------- broken rule packs

PACK_YAML = "name: test\nversion: '1'\n"
GOOD_RULE = (
    "code: XX101\n"                    # 1
    "name: my-rule\n"                  # 2
    "severity: error\n"                # 3
    "kind: required-statement\n"       # 4
    "summary: a test rule\n"           # 5
    'message: "found {found}"\n'       # 6
)


def write_pack(root: Path, files: dict[str, str]) -> Path:
    pack = root / "pack"
    pack.mkdir()
    for name, text in files.items():
        (pack / name).write_text(text, encoding="utf-8")
    return pack


@pytest.fixture
def load(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    from govlint.lint import check_kinds
    from govlint.rules import load_pack

    return lambda directory: load_pack(directory, check_kinds())


def test_load_pack_accepts_the_valid_baseline(load, tmp_path):
    pack = load(write_pack(tmp_path, {"pack.yaml": PACK_YAML, "rule.yaml": GOOD_RULE}))
    rules = pack.rules if hasattr(pack, "rules") else pack[1]
    assert [r.code for r in rules] == ["XX101"]


BROKEN = {
    "invalid-yaml": (GOOD_RULE.replace("summary: a test rule", "summary: a: b"), 5, "mapping values"),
    "unknown-key": (GOOD_RULE + "colour: red\n", 7, "colour"),
    "unknown-kind": (GOOD_RULE.replace("required-statement", "no-such-kind"), 4, "no-such-kind"),
    "bad-severity": (GOOD_RULE.replace("severity: error", "severity: fatal"), 3, "fatal"),
    "python-tag": (GOOD_RULE.replace("summary: a test rule", "summary: !!python/object/apply:os.system ['touch MARKER']"), 5, "python/object/apply"),
    "attribute-in-message": (GOOD_RULE.replace("{found}", "{x.__class__}"), 6, "x.__class__"),
    "duplicate-code-key": (GOOD_RULE + "code: XX102\n", 7, "code"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_load_pack_rejects_a_broken_rule_file(load, tmp_path, case):
    from govlint.yamlload import DataFileError

    text, line, detail = BROKEN[case]
    marker = tmp_path / "marker"
    text = text.replace("MARKER", str(marker))
    pack = write_pack(tmp_path, {"pack.yaml": PACK_YAML, "rule.yaml": text})
    with pytest.raises(DataFileError) as caught:
        load(pack)
    message = str(caught.value)
    assert f"{pack / 'rule.yaml'}:{line}:" in message, message
    assert caught.value.line == line
    assert detail in message
    assert not marker.exists()  # nothing in a pack runs


def test_load_pack_rejects_a_tag_in_pack_yaml(load, tmp_path):
    from govlint.yamlload import DataFileError

    pack = write_pack(tmp_path, {"pack.yaml": PACK_YAML + "description: !!python/object/apply:os.getcwd []\n", "rule.yaml": GOOD_RULE})
    with pytest.raises(DataFileError) as caught:
        load(pack)
    assert f"{pack / 'pack.yaml'}:3:" in str(caught.value)


def test_load_pack_without_pack_yaml(load, tmp_path):
    from govlint.yamlload import DataFileError

    pack = write_pack(tmp_path, {"rule.yaml": GOOD_RULE})
    with pytest.raises(DataFileError) as caught:
        load(pack)
    assert str(pack) in str(caught.value)
    assert "pack.yaml" in str(caught.value)
    assert caught.value.line is None


def test_duplicate_code_in_two_rule_files_is_rejected_when_the_pack_is_loaded_as_rules(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    from govlint.lint import check_kinds
    from govlint.rules import load_rules
    from govlint.yamlload import DataFileError

    pack = write_pack(tmp_path, {"pack.yaml": PACK_YAML, "a.yaml": GOOD_RULE, "b.yaml": GOOD_RULE.replace("my-rule", "other-rule")})
    with pytest.raises(DataFileError) as caught:
        load_rules([pack], check_kinds())
    assert f"{pack / 'b.yaml'}:1:" in str(caught.value)
    assert "XX101" in str(caught.value) and str(pack / "a.yaml") in str(caught.value)


def test_load_pack_rejects_a_duplicate_code_in_two_rule_files(load, tmp_path):
    from govlint.yamlload import DataFileError

    pack = write_pack(tmp_path, {"pack.yaml": PACK_YAML, "a.yaml": GOOD_RULE, "b.yaml": GOOD_RULE.replace("my-rule", "other-rule")})
    with pytest.raises(DataFileError) as caught:
        load(pack)
    assert f"{pack / 'b.yaml'}:1:" in str(caught.value)


def test_load_pack_rejects_an_attribute_in_a_nested_format_spec(load, tmp_path):
    from govlint.yamlload import DataFileError

    pack = write_pack(tmp_path, {"pack.yaml": PACK_YAML, "rule.yaml": GOOD_RULE.replace("{found}", "{found:{x.__class__}}")})
    with pytest.raises(DataFileError) as caught:
        load(pack)
    assert f"{pack / 'rule.yaml'}:6:" in str(caught.value)
