"""Issue 12: bad input never crashes or hangs govlint. Each test is the reproducer of one
measured failure; a hang is detected by a generous subprocess timeout (10 s), never by a
tight time assertion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SEEDS, govlint_command
from govlint.lint import MAX_LINES, lint_bytes

SEED = SEEDS / "000_19df153a773c7689.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
HANG = 10  # seconds: a hang detector, not a speed requirement


def govlint(*args, cwd=None, stdin=None, env=None, timeout=HANG) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_COLOR="1", **(env or {}))
    try:
        return subprocess.run(govlint_command() + [str(a) for a in args], cwd=cwd, stdin=stdin, capture_output=True,
                              env=environment, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"govlint {' '.join(map(str, args))} did not finish within {timeout} s (hang)")


def one_error_line(result, *fragments) -> str:
    """Exit 2, exactly one line on stderr, no traceback, naming each fragment."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, (result.returncode, stderr)
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    return stderr


def codes(result) -> list[tuple[str, int]]:
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")
    return [(d["code"], d["line"]) for d in json.loads(result.stdout.decode("utf-8"))]


# --------------------------------------------------------------------------- 3. hangs on small inputs

@pytest.mark.parametrize("name, text", [
    ("GL601: 行政复议 + 3,000 spaces", SEED_TEXT + "\n行政复议" + " " * 3000 + "x\n"),
    ("gloss: （ + 20,000 ā", SEED_TEXT + "\n（" + "ā" * 20000 + "x\n"),
    ("narrative year: 2020年 + 20,000 spaces", SEED_TEXT + "\n2020年" + " " * 20000 + "x\n"),
    ("classify: a table row + 100,000 blank lines", SEED_TEXT + "\n| 规章 | 0 | 0 | 0 |" + "\n" * 99000 + "x\n"),
    ("heading similarity: 一、 + 200,000 characters", SEED_TEXT + "\n一、" + "总体情况" * 50000 + "\n"),
    ("label similarity: a row label of 200,000 characters", SEED_TEXT.replace("| 规章 |", "| " + "规章制度" * 50000 + " |", 1)),
])
def test_pattern_driven_stages_do_not_hang(tmp_path, name, text):
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    result = govlint("--no-cache", "--format", "json", report)
    assert result.returncode == 1 and json.loads(result.stdout), name


def test_a_catastrophic_pack_pattern_runs_in_linear_time(tmp_path):
    pack = _pack(tmp_path, """\
        code: QZ101
        name: backtracking
        severity: warning
        kind: required-statement
        summary: s
        message: "缺少{subject}"
        params: {section: s6, subject: 说明, patterns: ["(\\\\d+)+$"]}
        """)
    report = tmp_path / "report.txt"
    report.write_text(SEED_TEXT.replace("六、其他需要报告的事项", "六、其他需要报告的事项\n" + "1" * 50000 + "x"), encoding="utf-8")
    result = govlint("--no-cache", "--format", "json", "--pack-path", pack, report)
    assert any(code == "QZ101" for code, _ in codes(result))


# --------------------------------------------------------------------------- 4. non-regular files, size limits

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_and_a_link_to_dev_zero_are_refused_as_gl001(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    result = govlint("--no-cache", "--format", "json", tmp_path / "pipe.txt", tmp_path / "zero.txt")
    assert codes(result) == [("GL001", 1), ("GL001", 1)]
    assert all("不是普通文件" in d["message"] for d in json.loads(result.stdout))


def test_stdin_is_read_up_to_the_limit_only():
    with open("/dev/zero", "rb") as zero:
        result = govlint("--format", "json", "-", stdin=zero, timeout=60)
    assert codes(result) == [("GL001", 1)]
    assert "20 MiB" in json.loads(result.stdout)[0]["message"]


def test_max_file_size_from_the_command_line_and_the_configuration(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    small = govlint("--no-cache", "--format", "json", "--max-file-size", "1KiB", report)
    assert codes(small) == [("GL001", 1)] and "1 KiB" in json.loads(small.stdout)[0]["message"]
    (tmp_path / "govlint.toml").write_text('max-file-size = "2KiB"\n', encoding="utf-8")
    configured = govlint("--no-cache", "--format", "json", report)
    assert codes(configured) == [("GL001", 1)] and "2 KiB" in json.loads(configured.stdout)[0]["message"]
    assert ("GL001", 1) not in codes(govlint("--no-cache", "--format", "json", "--max-file-size", "1MiB", report))
    one_error_line(govlint("--max-file-size", "lots", report), "--max-file-size")
    (tmp_path / "govlint.toml").write_text('max-file-size = "lots"\n', encoding="utf-8")
    one_error_line(govlint("--no-cache", report), "govlint.toml:1", "max-file-size")


def test_a_report_of_more_lines_than_the_cap_is_gl001_not_a_gigabyte():
    text = SEED_TEXT + "规章\t0\t0\t0\n" * MAX_LINES
    linted = lint_bytes("huge.txt", text.encode("utf-8"), [])
    assert linted.diagnostics == [] and linted.facts is None  # not modelled at all


# --------------------------------------------------------------------------- 5. one line and exit 2, never a traceback

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(govlint_command() + ["--no-cache", "--format", "json", str(SEED)], stdout=full,
                                stderr=subprocess.PIPE, timeout=HANG)
    result.stdout = b""
    one_error_line(result, "无法写入标准输出")


def test_write_baseline_to_a_missing_directory(tmp_path):
    one_error_line(govlint("--no-cache", "--write-baseline", tmp_path / "missing" / "b.json", SEED), "missing/b.json")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("option", ["--write-baseline", "-o"])
def test_baseline_and_output_file_on_a_full_disk(option):
    one_error_line(govlint("--no-cache", option, "/dev/full", SEED), "/dev/full", "No space left")


@pytest.mark.parametrize("content, reason", [
    ('{"version": 2, "entries": [1, 2]}', "基线的第 1 项不是"),
    ('{"version": 2, "entries": [{"path": "a.txt", "code": "GL101"}]}', "缺少文本“fingerprint”"),
    ('{"version": 2, "entries": [{"path": 1, "code": "GL101", "fingerprint": "x"}]}', "缺少文本“path”"),
    ('{"version": 2, "entries": ' + "[" * 100000 + "]" * 100000 + "}", "嵌套层数过多"),
    ('{"version": 2, "entries": {}}', "不是 govlint 的基线文件"),
    ('{"version": 1, "entries": []}', "旧版"),
])
def test_malformed_baselines(tmp_path, content, reason):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    one_error_line(govlint("--no-cache", "--baseline", baseline, SEED), "baseline.json", reason)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
@pytest.mark.parametrize("output_format", ["json", "sarif", "json-lines", "junit", "full"])
def test_file_names_that_are_not_utf8(tmp_path, output_format):
    name = os.fsdecode(b"report-\xff.txt")
    (tmp_path / name).write_bytes(SEED.read_bytes())
    result = govlint("--no-cache", "--format", output_format, name, cwd=tmp_path)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")  # valid UTF-8
    assert "xff.txt" in text  # the byte that is not UTF-8, escaped (SARIF's uri has / for \\)
    if output_format in ("json", "sarif"):
        json.loads(text)
    out = os.fsdecode(b"out-\xfe.json")
    assert govlint("--no-cache", "--format", "json", "-o", out, name, cwd=tmp_path).returncode == 1
    json.loads((tmp_path / out).read_bytes().decode("utf-8"))
    baseline = os.fsdecode(b"baseline-\xfe.json")
    assert govlint("--no-cache", "--write-baseline", baseline, name, cwd=tmp_path).returncode == 0
    assert govlint("--no-cache", "--baseline", baseline, "--format", "json", name, cwd=tmp_path).stdout.strip() == b"[]"


def test_pyproject_whose_tool_is_not_a_table(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('tool = 1\n# [tool.govlint]\n', encoding="utf-8")
    one_error_line(govlint("--no-cache", report), "pyproject.toml:1", "“tool”应是表")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_directory_and_pyproject(tmp_path):
    report = tmp_path / "sub" / "report.txt"
    report.parent.mkdir()
    report.write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.govlint]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").chmod(0)
    try:
        one_error_line(govlint("--no-cache", report), "pyproject.toml")
    finally:
        (tmp_path / "pyproject.toml").chmod(0o644)
    (tmp_path / "sub").chmod(0)
    try:
        result = govlint("--no-cache", tmp_path / "sub")
        assert result.returncode in (0, 2) and b"Traceback" not in result.stderr
    finally:
        (tmp_path / "sub").chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_pyproject_toml_or_govlint_toml_does_not_block(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "govlint.toml")
    result = govlint("--no-cache", "--config", tmp_path / "govlint.toml", report)
    assert result.returncode in (1, 2) and b"Traceback" not in result.stderr


@pytest.mark.parametrize("charset", ["undefined", "base64", "rot13", "no-such-codec", "zlib"])
def test_meta_charset_naming_an_unknown_or_non_text_codec(tmp_path, charset):
    page = tmp_path / "report.html"
    page.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>'.encode() + SEED_TEXT.encode("utf-8") + b"</p></body></html>")
    result = govlint("--no-cache", "--format", "json", page)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert ("GL001", 1) not in codes(result)  # read as UTF-8 after all


# --------------------------------------------------------------------------- 6. packs and configs

def _pack(root: Path, rule: str, name: str = "quzhou") -> Path:
    pack = root / name
    pack.mkdir()
    (pack / "pack.yaml").write_text(f"name: {name}\nversion: '1'\ndescription: test\nprefix: QZ\n", encoding="utf-8")
    (pack / "QZ101.yaml").write_text(textwrap.dedent(rule), encoding="utf-8")
    return pack


RULE = """\
    code: QZ101
    name: local-rule
    severity: warning
    kind: required-statement
    summary: s
    message: {message}
    params: {{section: s6, subject: 说明, patterns: [{pattern}]}}
    """


@pytest.mark.parametrize("message, pattern, line, reason", [
    ('"缺少{subject}"', '"(未收取"', 7, "无法编译"),
    ('"缺少{subject}"', "5", 7, "应是字符串"),
    ('"缺少{subject}"', '"处理费(?!x)"', 7, "不支持环视"),
    ('"缺少{subject:99999999}"', '"处理费"', 6, "宽度或精度不能超过 99"),
])
def test_bad_patterns_and_messages_are_refused_when_the_pack_loads(tmp_path, message, pattern, line, reason):
    pack = _pack(tmp_path, RULE.format(message=message, pattern=pattern))
    one_error_line(govlint("--no-cache", "--pack-path", pack, SEED), f"QZ101.yaml:{line}", reason)


def test_a_placeholder_the_check_does_not_supply_names_the_rule_file(tmp_path):
    pack = _pack(tmp_path, RULE.format(message='"缺少{nothing}"', pattern='"不可能出现的句子"'))
    result = govlint("--no-cache", "--format", "json", "--pack-path", pack, SEED)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr, stderr
    assert "QZ101" in stderr and "QZ101.yaml" in stderr and "nothing" in stderr
    assert len(json.loads(result.stdout)) > 0  # the file's other findings are kept


@pytest.mark.parametrize("content, reason", [
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                                        for p, c in zip("abcdefgh", "bcdefghi")), "展开别名"),
    ("code: QZ101\n" + "# padding\n" * 200000, "大于"),
    ("x: " + "[" * 200 + "]" * 200 + "\n", "嵌套"),
])
def test_yaml_bombs_and_huge_pack_files_are_refused(tmp_path, content, reason):
    pack = _pack(tmp_path, "")
    (pack / "QZ101.yaml").write_text(content, encoding="utf-8")
    one_error_line(govlint("--no-cache", "--pack-path", pack, SEED), "QZ101.yaml", reason)


# --------------------------------------------------------------------------- 7. plugins

PLUGIN = """\
from pathlib import Path
from govlint.checks import CheckKind, Finding
from govlint.hookspecs import hookimpl
from govlint.positions import Span

def check(report, params):
    yield Finding(Span(1, 1, 1, 2), {{}})
    {behaviour}

@hookimpl
def govlint_check_kinds():
    return {{"bad-kind": CheckKind("bad-kind", check, {{}}, "a check that misbehaves"),
             "declared-kind": CheckKind("declared-kind", check, {{}}, "a check that names its values", values=frozenset({{"count"}}))}}

@hookimpl
def govlint_rule_packs():
    return [Path(__file__).parent / "badpack", Path(__file__).parent / "no-such-pack"]

@hookimpl
def govlint_output_formats():
    return {{"bytes": lambda files, context: b"x", "none": lambda files, context: None,
             "exits": lambda files, context: __import__("sys").exit(0)}}
"""


def _plugin(tmp_path: Path, behaviour: str) -> Path:
    (tmp_path / "badplugin.py").write_text(PLUGIN.format(behaviour=behaviour), encoding="utf-8")
    pack = tmp_path / "badpack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: badpack\nversion: '1'\nprefix: BP\n", encoding="utf-8")
    (pack / "BP101.yaml").write_text("code: BP101\nname: bad-rule\nseverity: error\nkind: bad-kind\nsummary: s\nmessage: 坏\n", encoding="utf-8")
    return tmp_path


def run_with_plugin(directory: Path, *args) -> subprocess.CompletedProcess:
    """govlint's main() in a fresh interpreter with the plugin module registered in-process
    (what an installed entry point does), so that exit codes are real."""
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import badplugin; from govlint.plugins import plugin_manager; "
              "plugin_manager().register(badplugin, name='badplugin'); from govlint.cli import main; sys.exit(main(sys.argv[2:]))")
    try:
        return subprocess.run([sys.executable, "-c", script, str(directory), *map(str, args)], capture_output=True,
                              env=dict(os.environ, NO_COLOR="1"), timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("hang")


@pytest.mark.parametrize("behaviour, reason", [
    ("raise ValueError('boom')", "ValueError: boom"),
    ("yield 'not a finding'", "返回了 str"),
    ("raise SystemExit(0)", "SystemExit"),
    ("raise BaseException('deep')", "BaseException: deep"),
])
def test_a_failing_plugin_check_names_plugin_and_rule_keeps_other_findings_and_exits_2(tmp_path, behaviour, reason):
    result = run_with_plugin(_plugin(tmp_path, behaviour), "--no-cache", "--format", "json", "--pack", "badpack", SEED)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr, stderr
    assert "BP101" in stderr and "插件“badplugin”" in stderr and reason in stderr, stderr
    national = codes(govlint("--no-cache", "--format", "json", SEED))
    assert [(d["code"], d["line"]) for d in json.loads(result.stdout)] == national  # the file's other findings are kept


@pytest.mark.parametrize("output_format, reason", [("bytes", "返回了 bytes，不是文本"), ("none", "返回了 NoneType，不是文本"), ("exits", "出错：SystemExit")])
def test_a_plugin_output_format_that_misbehaves_exits_2(tmp_path, output_format, reason):
    result = run_with_plugin(_plugin(tmp_path, "return"), "--no-cache", "--format", output_format, SEED)
    one_error_line(result, f"输出格式“{output_format}”", "插件“badplugin”", reason)


def test_a_placeholder_a_kind_declares_it_does_not_supply_is_refused_when_the_pack_loads(tmp_path):
    directory = _plugin(tmp_path, "return")
    (directory / "badpack" / "BP101.yaml").write_text(
        "code: BP101\nname: bad-rule\nseverity: error\nkind: declared-kind\nsummary: s\nmessage: 共 {count} 个，缺 {missing}\n", encoding="utf-8")
    one_error_line(run_with_plugin(directory, "--no-cache", "--pack", "badpack", SEED), "BP101.yaml:6", "{missing}", "它提供：count")


def test_a_plugin_pack_directory_that_does_not_exist_breaks_only_runs_that_use_it(tmp_path):
    directory = _plugin(tmp_path, "return")
    assert run_with_plugin(directory, "--no-cache", "--format", "json", SEED).returncode == 1
    one_error_line(run_with_plugin(directory, "--no-cache", "--pack", "no-such-pack", SEED), "no-such-pack")


# --------------------------------------------------------------------------- 8. memory

def test_a_result_keeps_only_the_lines_its_findings_point_at():
    linted = lint_bytes("report.txt", SEED.read_bytes(), __import__("govlint.lint").lint.default_ruleset().rules)
    lines = SEED_TEXT.split("\n")
    assert linted.diagnostics
    flagged = {d.span.line: lines[d.span.line - 1] for d in linted.diagnostics}
    assert flagged.items() <= linted.lines.items()  # the flagged lines, and at most a row label for each
    assert all(linted.lines[n] == lines[n - 1] for n in linted.lines) and len(linted.lines) <= 2 * len(flagged)
    assert len(linted.lines) < len(lines) / 10


def test_paths_and_configuration_directories_that_cannot_be_examined_are_one_error(monkeypatch, tmp_path):
    """What an unreadable directory does for a user who is not root (the test may run as root)."""
    import pathlib
    from types import SimpleNamespace

    from govlint import cli, config

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "is_dir", denied)
    with pytest.raises(cli.UsageError, match="无法读取 .*Permission denied"):
        cli._files([str(tmp_path / "reports")], SimpleNamespace(args=SimpleNamespace(), skipped=[]))
    monkeypatch.undo()
    monkeypatch.setattr(pathlib.Path, "is_file", denied)
    config.config_file_for.cache_clear()
    with pytest.raises(config.ConfigError, match="无法读取：Permission denied"):
        config.config_file_for(tmp_path)
    config.config_file_for.cache_clear()


def test_an_unexpected_error_is_one_line_and_exit_2_not_1(monkeypatch, capsys):
    """A bug must not look like findings (exit 1) to CI."""
    from govlint import cli

    def broken(argv):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(cli, "_lint", broken)
    monkeypatch.delenv("GOVLINT_DEBUG", raising=False)
    assert cli.main([str(SEED)]) == 2
    assert capsys.readouterr().err == "govlint: 内部错误（govlint 或插件的缺陷）：RuntimeError: unexpected\n"


def test_a_bare_row_label_closing_a_section_is_not_glued_to_the_next_sections_table():
    """Fuzz case 1029: a row label with no values ended section 三 and section 四 opened with
    a table row; the label was popped from 四's (empty) cells: IndexError."""
    from conftest import FIXTURES
    from govlint.lint import default_ruleset

    text = (FIXTURES / "formats" / "report-2021.txt").read_text(encoding="utf-8")
    heading = "四、政府信息公开行政复议、行政诉讼情况\n"
    bad = text.replace(heading, "四、结转下年度继续办理\n\n" + heading + "| |\n", 1)
    assert bad != text
    linted = lint_bytes("report.txt", bad.encode("utf-8"), default_ruleset().rules)
    assert linted.facts is not None and not linted.errors
