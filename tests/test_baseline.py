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
    assert moved == [] and b"no longer matches" not in result.stderr

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
    assert "no longer matches: report.txt GL501" in result.stderr.decode()


def test_ignore_file_entries_need_a_reason(tmp_path):
    shutil.copy(SEED_004, tmp_path / "report.txt")
    (tmp_path / "accepted.yaml").write_text('- path: "*.txt"\n  code: GL105\n  reason: 乡镇报告按县里模板只写概述\n', encoding="utf-8")
    found, _ = lint(tmp_path, "--ignore-file", "accepted.yaml")
    assert found == [("GL501", 410)]
    (tmp_path / "accepted.yaml").write_text('- path: "*.txt"\n  code: GL105\n', encoding="utf-8")
    result = run_govlint("--ignore-file", "accepted.yaml", "report.txt", cwd=tmp_path)
    assert result.returncode == 2 and "accepted.yaml:1" in result.stderr.decode() and "reason" in result.stderr.decode()
