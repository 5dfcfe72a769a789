"""What a newcomer hits in the first hour (issue 14), through the real console script:
local packs written from the documentation, one finding per missing period, Chinese
help and errors with "did you mean" hints, rule explanations, colour, statistics."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from conftest import FIXTURES, govlint_command, run_govlint

REPORT = FIXTURES / "formats" / "report-2021.txt"
NO_PERIOD = FIXTURES / "packs" / "report-2021-no-period.txt"
HAN = re.compile(r"[\u4e00-\u9fff]")

QZ_RULE = """code: QZ101
name: qz-contact-phone
severity: warning
kind: required-statement
summary: 报告开头应写明咨询电话
why: 衢州市政务公开办要求报告开头写明咨询电话（示例）。
fix: 在标题之后写明“咨询电话：0570-XXXXXXX”。
message: "报告开头没有写明{subject}"
params:
  section: preamble
  subject: 咨询电话
  patterns: ["电话"]
examples:
  fail: ["某县人民政府2024年政府信息公开工作年度报告\\n一、总体情况\\n甲。\\n"]
  pass: ["某县人民政府2024年政府信息公开工作年度报告\\n咨询电话：0570-1234567。\\n一、总体情况\\n甲。\\n"]
"""


def local_pack(root, rule_text=QZ_RULE):
    pack = root / "quzhou"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: quzhou\nversion: '1'\nextends: national\nprefix: QZ\ndescription: 衢州市的补充要求\n", encoding="utf-8")
    (pack / "QZ101-contact-phone.yaml").write_text(rule_text, encoding="utf-8")
    return pack


# --------------------------------------------------------------------------- 2. local packs


def test_pack_check_validates_a_pack_and_runs_its_examples(tmp_path):
    local_pack(tmp_path)
    result = run_govlint("pack", "check", "quzhou", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == [
        "QZ101 qz-contact-phone：2 个示例，全部符合",
        "规则包 quzhou（quzhou）：1 条新规则，0 条覆盖；格式正确，示例全部符合。",
    ]


def test_pack_check_exits_1_when_an_example_misbehaves(tmp_path):
    local_pack(tmp_path, QZ_RULE.replace('patterns: ["电话"]', 'patterns: ["总体"]'))
    result = run_govlint("pack", "check", "quzhou", cwd=tmp_path)
    assert result.returncode == 1
    assert "QZ101 qz-contact-phone：合格示例 1 报出了 QZ101（第 1 行：报告开头没有写明咨询电话）" in result.stdout.decode()


def test_pack_check_exits_2_on_a_malformed_pack_with_file_and_line(tmp_path):
    local_pack(tmp_path, QZ_RULE.replace("kind: required-statement", "kind: required-statment"))
    result = run_govlint("pack", "check", "quzhou", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert re.search(r"QZ101-contact-phone\.yaml:4: .*required-statment", result.stderr.decode())


def test_rule_and_rules_know_the_rules_of_local_packs(tmp_path):
    local_pack(tmp_path)
    assert run_govlint("rule", "QZ101", cwd=tmp_path).returncode == 2  # not named anywhere yet
    explained = run_govlint("rule", "QZ101", "--pack-path", "quzhou", cwd=tmp_path)
    assert explained.returncode == 0 and explained.stdout.decode().startswith("QZ101（qz-contact-phone）\n严重程度：警告")
    (tmp_path / ".govlint.yaml").write_text("pack-paths: [quzhou]\n", encoding="utf-8")
    assert run_govlint("rule", "QZ101", cwd=tmp_path).stdout == explained.stdout
    listed = run_govlint("rules", cwd=tmp_path).stdout.decode()
    assert re.search(r"^QZ101  qz-contact-phone +警告  报告开头应写明咨询电话$", listed, re.M)
    assert re.search(r"^GL301  row-total ", listed, re.M)


def test_rule_kinds_documents_every_check_kind_and_the_values_of_section(tmp_path):
    result = run_govlint("rule", "--kinds", cwd=tmp_path)
    assert result.returncode == 0
    text = result.stdout.decode()
    kinds = re.findall(r"^([a-z][a-z-]+)：", text, re.M)
    assert {"required-statement", "sum-identity", "required-sections", "misplaced-statement"} <= set(kinds)
    statement = text[text.index("\nrequired-statement："):].split("\n\n")[0]
    assert "section（文本，必填）：报告的哪一部分：s1（一、总体情况）" in statement
    assert "s6（六、其他需要报告的事项），或 preamble" in statement
    assert "names（列表，可选）" in statement and "（patterns、names 至少写一个）" in statement and "since_year（整数，可选）" in statement


# --------------------------------------------------------------------------- 4. one finding per missing period


def test_sichuan_reports_a_missing_period_once_with_the_real_year():
    result = run_govlint("--format", "json", "--pack", "sichuan", str(NO_PERIOD))
    found = [d for d in json.loads(result.stdout) if d["code"] in ("GL402", "SC101")]
    assert [(d["code"], d["line"]) for d in found] == [("GL402", 1)]
    assert "自2024年1月1日起至2024年12月31日止" in found[0]["message"]


def test_sichuan_reports_a_period_stated_outside_the_preamble_once():
    text = REPORT.read_text(encoding="utf-8")
    sentence = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    moved = text.replace(sentence, "").replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n" + sentence + "\n")
    assert moved != text and moved.count(sentence) == 1
    result = run_govlint("--format", "json", "--pack", "sichuan", "-", "--stdin-filename", "r.txt", stdin=moved.encode())
    found = [(d["code"], d["message"]) for d in json.loads(result.stdout) if d["code"] in ("GL402", "SC101")]
    assert found == [("SC101", "数据的统计期限写在了正文中，应移到报告开头（“一、总体情况”之前）")]


# --------------------------------------------------------------------------- 5, 6. language and hints


@pytest.mark.parametrize("command", [[], ["rules"], ["rule"], ["config"], ["pack"]])
def test_help_is_chinese(command):
    result = run_govlint(*command, "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("用法：") and "选项" in text and "show this help" not in text
    for line in text.splitlines():
        if line.strip().startswith("-") and "  " in line.strip():  # an option with its help on the same line
            assert HAN.search(line), line


def test_batch_commands_help_is_chinese_and_worded_like_the_lint_command():
    """summary, extract and pairs came from English branches: no English help sentence is left,
    and the options they share with ``govlint`` are described in the same words."""
    english = re.compile(r"show this help|report files or directories|\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")
    for command, jobs in (("summary", "用 N 个进程检查"), ("extract", "用 N 个进程读取"), ("pairs", "用 N 个进程检查")):
        result = run_govlint(command, "--help", env={"COLUMNS": "200"})
        assert result.returncode == 0, result.stderr.decode()
        text = result.stdout.decode()
        assert text.startswith(f"用法：govlint {command} ") and "选项" in text and "显示本帮助并退出" in text
        assert not english.search(text), english.search(text).group()
        for line in text.splitlines():
            if line.strip().startswith("-") and "  " in line.strip():  # an option with its help on the same line
                assert HAN.search(line), line
        for wording in ("PATH                  报告文件或目录", f"{jobs}（默认：全部 CPU 核）", "--no-cache            不读写结果缓存",
                        "结果缓存的位置（默认 ~/.cache/govlint 或 $GOVLINT_CACHE_DIR）", "只运行这些规则"):
            assert wording in text, (command, wording)


@pytest.mark.parametrize("args,message", [
    (["--slect", "GL301", "x.txt"], "无法识别的参数：--slect（是不是“--select”？）"),
    (["--pack", "sichaun", "."], "未知的规则包“sichaun”（是不是“sichuan”？）"),
    (["--select", "GL3O1", "."], "未知的规则代码、前缀或名称：GL3O1（是不是“GL301”？）"),
    (["--format", "jsno", "."], "未知的输出格式“jsno”（是不是“json”？）"),
    (["--format-version", "2012", "."], "参数 --format-version：无效的选择 '2012'"),
    (["-j", "x", "."], "参数 -j/--jobs：无效的值 'x'（应为整数）"),
    (["no-such-file.txt"], "文件或目录不存在：no-such-file.txt"),
    (["confg"], "文件或目录不存在：confg（是不是“config”？）"),
    ([], "没有给出要检查的文件或目录"),
    (["rule", "GL3O1"], "未知的规则：GL3O1（是不是“GL301”？）"),
    (["rules", "--pack", "sichaun"], "未知的规则包“sichaun”（是不是“sichuan”？）"),
    (["config", "shwo"], "无效的选择 'shwo'（可选：'show'）（是不是“show”？）"),
    (["pack", "check", "no-such-dir"], "no-such-dir 不是规则包目录"),
    (["summary", ".", "-o", "s.json", "--scoring", "licheng2020"], "未知的评分方案“licheng2020”（是不是“licheng-2020”？）"),
    (["summary", ".", "-o", "s.pdf"], "无法从扩展名判断 s.pdf 的格式"),
    (["extract", "."], "缺少必需的参数：-o/--output-file"),
    (["pairs", ".", "--pack", "sichaun"], "未知的规则包“sichaun”（是不是“sichuan”？）"),
])
def test_errors_are_chinese_with_hints_and_exit_2(tmp_path, args, message):
    result = run_govlint(*args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    last = result.stderr.decode().splitlines()[-1]
    assert re.match(r"^govlint( [a-z]+)?: 错误：", last), last
    assert message in last, last


def test_concise_and_full_name_severities_alike():
    concise = run_govlint("--format", "concise", "--pack", "sichuan", str(NO_PERIOD)).stdout.decode()
    full = run_govlint("--pack", "sichuan", str(NO_PERIOD)).stdout.decode()
    assert " GL402 [错误] " in concise and " GL402 [错误] " in full
    assert not re.search(r"\[(error|warning|info)\]", concise + full)


# --------------------------------------------------------------------------- 7. rule explanations


def test_rule_explanation_has_what_why_marked_difference_and_fix(tmp_path):
    text = run_govlint("rule", "GL501", cwd=tmp_path).stdout.decode()
    assert text.startswith("GL501（fee-statement-missing）\n严重程度：错误")
    for part in ("检查什么：", "为什么：", "示例（“-”行不合格，“+”行合格", "怎么改："):
        assert part in text
    assert re.search(r"^    - .*\n    \+ ", text, re.M)  # a failing line followed by its passing one
    assert not re.search(r"[，。、；：）“][ ]+[\u4e00-\u9fff]", text.split("示例")[0])  # no stray spaces from folding


def test_every_shipped_rule_explains_why_and_how_to_fix(tmp_path):
    listed = json.loads(run_govlint("rules", "--format", "json", cwd=tmp_path).stdout)
    for pack in ("sichuan", "shanghai"):
        listed += json.loads(run_govlint("rules", "--format", "json", "--pack", pack, cwd=tmp_path).stdout)
    for rule in listed:
        text = run_govlint("rule", rule["code"], cwd=tmp_path).stdout.decode() if rule["code"] in ("GL001", "GL402", "SC101") else None
        if text:
            assert "为什么：" in text and "怎么改：" in text, rule["code"]
            assert "\x00" not in text
    from govlint.lint import all_known_rules

    missing = [r.code for r in all_known_rules().rules if not (r.why and r.fix and r.examples.get("fail") and r.examples.get("pass"))]
    assert missing == []


def test_rules_list_does_not_call_word_files_unreadable_or_repeat_off_by_default(tmp_path):
    text = run_govlint("rules", cwd=tmp_path).stdout.decode()
    gl001 = next(line for line in text.splitlines() if line.startswith("GL001"))
    assert "Word" not in gl001 and "PDF" not in gl001
    gl402 = next(line for line in text.splitlines() if line.startswith("GL402"))
    assert gl402.count("默认关闭") == 1


def test_rules_pack_header_is_chinese(tmp_path):
    header = run_govlint("rules", "--pack", "sichuan", cwd=tmp_path).stdout.decode().splitlines()[0]
    assert header.startswith("# 规则包 sichuan（版本 2019.1）：四川省：")
    assert not re.search(r"\b(issued|applying|Clause)\b", header)


# --------------------------------------------------------------------------- 9. statistics


def test_statistics_says_how_many_files_were_checked():
    text = run_govlint("--statistics", "--pack", "sichuan", str(NO_PERIOD), str(REPORT)).stdout.decode()
    assert re.search(r"^ +1  GL402  period-statement-missing +错误$", text, re.M)
    assert text.splitlines()[-1] == "检查了 2 个文件，共发现 1 个问题（错误 1）。"
    result = run_govlint("--statistics", "--format", "json", "--pack", "sichuan", str(NO_PERIOD), str(REPORT))
    assert json.loads(result.stdout) == {"files_checked": 2, "files_skipped": [],
                                         "rules": [{"code": "GL402", "name": "period-statement-missing", "severity": "error", "count": 1}]}
    assert result.stderr.decode() == "检查了 2 个文件，共发现 1 个问题（错误 1）。\n"


# --------------------------------------------------------------------------- 10. colour


def run_with(env_changes: dict, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(env_changes)
    return subprocess.run(govlint_command() + list(args), capture_output=True, env=env, timeout=120).stdout.decode()


RED = "\x1b[1;31m"  # bold red: the code of an error


@pytest.mark.parametrize("env,args,coloured", [
    ({}, [], False),                                  # a pipe: plain
    ({"FORCE_COLOR": "1"}, [], True),
    ({"NO_COLOR": "1"}, [], False),
    ({"NO_COLOR": "1"}, ["--color", "always"], True),  # real colour, not bold alone
    ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
])
def test_colour(env, args, coloured):
    out = run_with(env, *args, "--pack", "sichuan", str(NO_PERIOD))
    assert (RED in out) == coloured, out[:200]
    assert ("\x1b[" in out) == coloured


# --------------------------------------------------------------------------- the closing summary is honest


def test_a_file_that_is_not_a_report_is_never_summarised_as_checked_without_findings(tmp_path):
    (tmp_path / "memo.txt").write_text("会议纪要\n今天开会讨论了绿化问题。\n", encoding="utf-8")
    (tmp_path / "blank.txt").write_bytes(b"")
    for format_ in ("concise", "full"):
        out = run_govlint("--format", format_, "--no-cache", "memo.txt", "blank.txt", str(REPORT), cwd=tmp_path).stdout.decode()
        assert "未发现问题" not in out
        assert out.splitlines()[-1].startswith("检查了 3 个文件（其中 2 个无法读取或不是年度报告），共发现 2 个问题（错误 2")
