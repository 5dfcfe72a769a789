"""Adopting govlint on an archive: a baseline that survives moved lines, and an ignore
file whose entries need a reason."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS, run_govlint

SEED_004 = next(SEEDS.glob("004_*.txt"))


def lint(cwd, *args):
    result = run_govlint("--format", "json", *args, "report.txt", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr.decode()
    return [(d["code"], d["line"]) for d in json.loads(result.stdout)], result


def test_baseline_round_trip(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    before, _ = lint(tmp_path)
    assert before == [("GL105", 4), ("GL501", 410)]
    written = run_govlint("--write-baseline", "baseline.json", "report.txt", cwd=tmp_path)
    assert written.returncode == 0 and (tmp_path / "baseline.json").is_file()

    after, result = lint(tmp_path, "--baseline", "baseline.json")
    assert after == [] and result.returncode == 0

    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    (tmp_path / "report.txt").write_text("（此件公开发布）\n\n" + text, encoding="utf-8")
    moved, result = lint(tmp_path, "--baseline", "baseline.json")
    assert moved == [] and "不再出现" not in result.stderr.decode()

    broken = (tmp_path / "report.txt").read_text(encoding="utf-8").replace("\t行政处罚\n\t12", "\t行政处罚\n\t-12")
    (tmp_path / "report.txt").write_text(broken, encoding="utf-8")
    new, result = lint(tmp_path, "--baseline", "baseline.json")
    assert [code for code, _ in new] == ["GL204"]


def test_baseline_lists_entries_that_no_longer_match(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    run_govlint("--write-baseline", "baseline.json", "report.txt", cwd=tmp_path)
    text = (tmp_path / "report.txt").read_text(encoding="utf-8").replace("六、其他需要报告的事项\n无。", "六、其他需要报告的事项\n本年度未收取信息处理费。")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    found, result = lint(tmp_path, "--baseline", "baseline.json")
    assert found == []
    assert "基线中的这一项已不再出现：report.txt GL501" in result.stderr.decode()


def test_ignore_file_entries_need_a_reason(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    (tmp_path / "accepted.yaml").write_text('- path: "*.txt"\n  code: GL105\n  reason: 乡镇报告按县里模板只写概述\n', encoding="utf-8")
    found, _ = lint(tmp_path, "--ignore-file", "accepted.yaml")
    assert found == [("GL501", 410)]
    (tmp_path / "accepted.yaml").write_text('- path: "*.txt"\n  code: GL105\n', encoding="utf-8")
    result = run_govlint("--ignore-file", "accepted.yaml", "report.txt", cwd=tmp_path)
    assert result.returncode == 2 and "accepted.yaml:1" in result.stderr.decode() and "reason" in result.stderr.decode()


REPORT_2021 = SEEDS.parent / "formats" / "report-2021.txt"
CLEAN_ROW = "| 行政规范性文件 | 3 | 1 | 27 |"


def test_two_findings_on_one_table_row_have_their_own_fingerprints(tmp_path):
    """Fixing one of two cells of a row does not revive the other, and the stale entry named
    is the one fixed."""
    text = REPORT_2021.read_text(encoding="utf-8")
    assert CLEAN_ROW in text
    (tmp_path / "report.txt").write_text(text.replace(CLEAN_ROW, "| 行政规范性文件 | -1 | -1 | 27 |"), encoding="utf-8")
    before, _ = lint(tmp_path)
    assert before == [("GL204", 15), ("GL204", 15)]
    assert run_govlint("--write-baseline", "baseline.json", "report.txt", cwd=tmp_path).returncode == 0
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert len({e["fingerprint"] for e in entries}) == 2

    (tmp_path / "report.txt").write_text("（此件公开发布）\n" + text.replace(CLEAN_ROW, "| 行政规范性文件 | 3 | -1 | 27 |"), encoding="utf-8")
    after, result = lint(tmp_path, "--baseline", "baseline.json")
    assert after == []
    stale = [line for line in result.stderr.decode().splitlines() if "不再出现" in line]
    assert len(stale) == 1 and "本年制发件数" in stale[0] and "本年废止件数" not in stale[0]


def test_an_old_baseline_asks_to_be_rewritten(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    (tmp_path / "baseline.json").write_text('{"version": 1, "tool": "govlint", "entries": []}', encoding="utf-8")
    result = run_govlint("--baseline", "baseline.json", "report.txt", cwd=tmp_path)
    assert result.returncode == 2 and "--write-baseline" in result.stderr.decode()


def test_ignore_file_entry_with_an_unknown_code_is_rejected_with_file_line_and_hint(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    (tmp_path / "accepted.yaml").write_text(
        '- path: "*.txt"\n  code: GL105\n  reason: 同意\n- path: "*.txt"\n  code: GL1O8\n  reason: 同意\n', encoding="utf-8")
    result = run_govlint("--ignore-file", "accepted.yaml", "report.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == "govlint: 错误：accepted.yaml:5: 第 2 个条目的规则代码“GL1O8”未知（是不是“GL108”？）\n"
