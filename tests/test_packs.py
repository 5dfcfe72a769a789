"""Rule packs: the 2019 format chosen by year, provincial packs, and packs that must be refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run_govlint
from govlint.lint import available_packs, check_kinds
from govlint.rules import compose, load_pack
from govlint.yamlload import DataFileError

REPORT_2021 = FIXTURES / "formats" / "report-2021.txt"
REPORT_2019 = FIXTURES / "formats" / "report-2019.txt"
NO_PERIOD = FIXTURES / "packs" / "report-2021-no-period.txt"


def findings(*args):
    result = run_govlint("--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr.decode()
    return [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)]


def test_each_format_version_lints_clean_under_auto():
    assert findings(str(REPORT_2021)) == []
    assert findings(str(REPORT_2019)) == []
    assert findings("--format-version", "auto", str(REPORT_2019), str(REPORT_2021)) == []


def test_2019_report_forced_to_2021_gets_table_findings():
    found = findings("--format-version", "2021", str(REPORT_2019))
    assert ("GL208", 13, 10) in found and ("GL208", 54, 5) in found
    assert all(code.startswith("GL2") for code, _, _ in found)


def test_2021_report_forced_to_2019_gets_table_findings():
    found = findings("--format-version", "2019", str(REPORT_2021))
    assert ("GL208", 13, 10) in found and ("GL208", 50, 3) in found
    assert all(code.startswith("GL2") for code, _, _ in found)


def test_2019_outcome_total_has_the_single_other_row():
    broken = REPORT_2019.read_text(encoding="utf-8").replace("| | （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| | （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |")
    result = run_govlint("--format", "json", "--select", "GL302", "-", "--stdin-filename", "r2019.txt", stdin=broken.encode())
    found = json.loads(result.stdout)
    assert [(d["code"], d["line"]) for d in found] == [("GL302", 55), ("GL302", 55)]
    assert "自然人" in found[0]["message"] and "为 3" in found[0]["message"] and "为 4" in found[0]["message"]


def test_sichuan_pack_requires_the_period_statement():
    assert findings(str(NO_PERIOD)) == []
    found = findings("--pack", "sichuan", str(NO_PERIOD))
    assert [f for f in found if f[0] in ("GL402", "SC101")] == [("GL402", 1, 1)]  # one defect, one finding
    result = run_govlint("--format", "json", "--pack", "sichuan", str(NO_PERIOD))
    assert result.returncode == 1
    assert next(d for d in json.loads(result.stdout) if d["code"] == "GL402")["severity"] == "error"
    assert findings("--pack", "sichuan", str(REPORT_2021)) == []


def test_shanghai_pack_requires_the_municipal_regulation_in_the_preamble():
    assert ("SH101", 1, 1) in findings("--pack", "shanghai", str(REPORT_2021))
    cited = REPORT_2021.read_text(encoding="utf-8").replace("本报告根据《中华人民共和国政府信息公开条例》要求编制", "本年度报告根据《中华人民共和国政府信息公开条例》和《上海市政府信息公开规定》的要求编制")
    result = run_govlint("--format", "json", "--pack", "shanghai", "-", stdin=cited.encode())
    assert json.loads(result.stdout) == []


def test_rules_of_a_pack_are_listed():
    result = run_govlint("rules", "--pack", "sichuan")
    out = result.stdout.decode()
    assert result.returncode == 0 and "SC101" in out and "GL402" in out and "GL301" not in out


def test_provincial_packs_use_their_own_code_prefix():
    for name, pack in available_packs().items():
        for rule in pack.rules:
            assert rule.code.startswith(pack.prefix or "GL"), (name, rule.code)
        if name not in ("national", "format-2019"):
            assert pack.prefix and pack.prefix != "GL"


def write_pack(root: Path, header: str, rules: dict[str, str]) -> Path:
    pack = root / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(header, encoding="utf-8")
    for name, text in rules.items():
        (pack / name).write_text(text, encoding="utf-8")
    return pack


GOOD_RULE = "code: XX101\nname: xx-rule\nseverity: warning\nkind: section-order\nsummary: s\nmessage: m\n"


@pytest.mark.parametrize("header,rules,file,line,words", [
    ("name: p\nversion: '1'\nextends: ../../national\n", {}, "pack.yaml", 3, "不是路径"),
    ("name: p\nversion: '1'\n", {"r.yaml": "code: XX101\nname: x\nseverity: warning\nkind: section-order\nsummary: s\nmessage: !!python/object/apply:os.system [echo hi]\n"}, "r.yaml", 6, "不允许使用标签"),
    ("name: p\nversion: '1'\n", {"r.yaml": GOOD_RULE + "colour: red\n"}, "r.yaml", 7, "未知的键“colour”"),
    ("name: p\nversion: '1'\n", {"r.yaml": GOOD_RULE.replace("section-order", "exec-python")}, "r.yaml", 4, "未知的检查类型"),
    ("name: p\nversion: '1'\n", {"r.yaml": GOOD_RULE.replace("message: m", "message: '{x.__class__}'")}, "r.yaml", 6, "应是简单的名称"),
    ("name: p\nversion: '1'\n", {"r.yaml": GOOD_RULE + "params: {sections: [s1]}\n"}, "r.yaml", 7, "没有参数“sections”"),
    ("name: p\nversion: '1'\nprefix: XY\n", {"r.yaml": GOOD_RULE}, "r.yaml", 1, "prefix XY"),
    ("name: p\nversion: '1'\n", {"r.yaml": "override: GL999\nseverity: error\n"}, "r.yaml", 1, "未知的规则 GL999"),
])
def test_bad_packs_are_refused_with_file_and_line(tmp_path, monkeypatch, header, rules, file, line, words):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack_dir = write_pack(tmp_path, header, rules)
    with pytest.raises(DataFileError) as error:
        pack = load_pack(pack_dir, check_kinds())
        compose([available_packs()["national"], pack], check_kinds())
    message = str(error.value)
    assert f"{file}:{line}" in message and words in message


def test_a_rule_file_linking_outside_its_pack_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD_RULE, encoding="utf-8")
    pack_dir = write_pack(tmp_path, "name: p\nversion: '1'\n", {})
    (pack_dir / "r.yaml").symlink_to(outside)
    with pytest.raises(DataFileError, match="之外"):
        load_pack(pack_dir, check_kinds())


LOCAL_RULE = """code: QZ101
name: qz-contact-line
severity: warning
kind: required-statement
summary: 报告开头写明联系方式
message: "报告开头没有写明{subject}"
params:
  section: preamble
  subject: 联系电话
  patterns: ["电话"]
examples:
  fail: ["某县人民政府2024年政府信息公开工作年度报告\\n一、总体情况\\n甲。\\n"]
"""


def local_pack(root: Path, rules: dict[str, str], header: str = "name: quzhou\nversion: '1'\nextends: national\nprefix: QZ\n") -> Path:
    pack = root / "packs" / "quzhou"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(header, encoding="utf-8")
    for name, text in rules.items():
        (pack / name).write_text(text, encoding="utf-8")
    return pack


def test_a_local_pack_named_in_the_configuration_applies(tmp_path):
    local_pack(tmp_path, {"QZ101.yaml": LOCAL_RULE})
    (tmp_path / "govlint.toml").write_text('pack-paths = ["packs/quzhou"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(REPORT_2021.read_bytes())
    result = run_govlint("--format", "json", "report.txt", cwd=tmp_path)
    assert [(d["code"], d["line"]) for d in json.loads(result.stdout)] == [("QZ101", 1)]
    listed = run_govlint("rules", "--pack-path", "packs/quzhou", cwd=tmp_path)
    assert "QZ101" in listed.stdout.decode()


@pytest.mark.parametrize("rules,header,file,line,words", [
    ({"QZ101.yaml": LOCAL_RULE.replace("severity: warning", "severity: [warning")}, None, "QZ101.yaml", 4, ""),
    ({"QZ101.yaml": LOCAL_RULE + "colour: red\n"}, None, "QZ101.yaml", 13, "未知的键“colour”"),
    ({"QZ101.yaml": LOCAL_RULE.replace("name: qz-contact-line", "name: !!python/object/apply:os.system [echo pwned]")}, None, "QZ101.yaml", 2, "不允许使用标签"),
    ({"QZ101.yaml": LOCAL_RULE.replace("code: QZ101", "code: GL901")}, None, "QZ101.yaml", 1, "prefix QZ"),
    ({"QZ101.yaml": "override: GL999\nseverity: error\n"}, None, "QZ101.yaml", 1, "未知的规则 GL999"),
    ({}, "name: quzhou\nversion: '1'\nextends: ../../national\n", "pack.yaml", 3, "不是路径"),
])
def test_a_broken_local_pack_stops_the_run_with_file_and_line(tmp_path, rules, header, file, line, words):
    local_pack(tmp_path, rules, *( [header] if header else []))
    (tmp_path / "report.txt").write_bytes(REPORT_2021.read_bytes())
    result = run_govlint("--pack-path", "packs/quzhou", "report.txt", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and f"{file}:{line}" in stderr and words in stderr, stderr
    assert "Traceback" not in stderr and "pwned" not in result.stdout.decode()


def test_a_local_pack_cannot_read_a_rule_file_outside_its_directory(tmp_path):
    pack = local_pack(tmp_path, {})
    (tmp_path / "elsewhere.yaml").write_text(LOCAL_RULE, encoding="utf-8")
    (pack / "QZ101.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = run_govlint("--pack-path", str(pack), str(REPORT_2021), cwd=tmp_path)
    assert result.returncode == 2 and "之外" in result.stderr.decode()


def test_pack_paths_naming_a_missing_directory_is_an_error(tmp_path):
    (tmp_path / "govlint.toml").write_text('select = ["GL1"]\npack-paths = ["packs/nowhere"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(REPORT_2021.read_bytes())
    result = run_govlint("report.txt", cwd=tmp_path)
    assert result.returncode == 2 and "govlint.toml:2" in result.stderr.decode() and "pack-paths" in result.stderr.decode()
