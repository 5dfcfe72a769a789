"""Scoring packs: each shipped scheme scores as its source deducts (SCORING.md), and a bad
pack stops the run with its file, line and reason."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from govlint import scoring
from govlint.cli import main
from govlint.yamlload import DataFileError

LATE = "某镇人民政府2024年政府信息公开工作年度报告\n六、其他需要报告的事项\n无。\n2025年3月15日\n"
"""GL405's own failing example: dated after the 31 January deadline."""


def pack(name: str) -> scoring.ScoringPack:
    return scoring.load(scoring.shipped()[name])


def test_shipped_packs_cite_their_sources():
    assert sorted(scoring.shipped()) == ["licheng-2020", "suqian-2026", "suqian-zhidu"]
    assert pack("licheng-2020").source == "http://www.qzlc.gov.cn/xxgk/zfxxgk/xxgkzdgd/202012/t20201214_2479123.htm"
    assert "suqian_dept_v1" in pack("suqian-2026").source and "suqian_zhidugongkai" in pack("suqian-zhidu").source


def test_licheng_2020_ten_points_five_per_deduction_floor_zero():
    licheng = pack("licheng-2020")
    assert (licheng.total, licheng.floor) == (10, 0)
    assert licheng.score(Counter()).points == 10
    assert licheng.score(Counter({"GL405": 1})).points == 5  # 未及时公开
    assert licheng.score(Counter({"GL101": 1, "GL201": 2, "GL202": 3})).points == 5  # 未按照要素撰写: any of them, once
    assert licheng.score(Counter({"GL703": 1})).points == 5  # 雷同
    assert licheng.score(Counter({"GL405": 1, "GL201": 1, "GL704": 1})).points == 0  # floor 0, not −5
    assert licheng.score(Counter({"GL301": 4, "GL501": 1})).points == 10  # no deduction per unbalanced cell or fee statement
    assert [d.wording for d in licheng.manual] == ["未及时向区政务公开办备案", "被退回且未及时修改"]
    assert licheng.score(Counter({"GL405": 1})).explain() == "未及时公开 −5"


def test_suqian_2026_half_point_each():
    suqian = pack("suqian-2026")
    assert suqian.score(Counter({"GL405": 1})).points == 0.5  # 未及时发布
    assert suqian.score(Counter({"GL703": 2})).points == 0.5  # 与上年度重复率大于50%
    assert suqian.score(Counter({"GL405": 1, "GL703": 1})).points == 0


def test_suqian_zhidu_a1_4():
    zhidu = pack("suqian-zhidu")
    assert zhidu.score_missing().points == 0  # 未公开 −2
    assert zhidu.score(Counter({"GL405": 1})).points == 1  # 未在3月31日前发布 −1
    advisory = zhidu.score(Counter({"GL703": 1, "GL301": 2, "GL601": 1}))
    assert advisory.points == 2  # 重复率 and 数据严重不符 are advisory: shown, not deducted
    assert advisory.explain() == "（仅提示）与上年度重复率大于50% −0.5；（仅提示）数据严重不符/未按规定公开 −0.5"


def test_per_finding_with_cap(tmp_path):
    path = tmp_path / "scoring.yaml"
    path.write_text("name: t\ntitle: 测试\nitem: 年报\nsource: 测试\ntotal: 5\nfloor: 1\ndeductions:\n"
                    "  - {wording: 勾稽关系错误, codes: [GL3], points: 0.5, per: finding, cap: 2}\n", encoding="utf-8")
    test = scoring.load(path)
    assert test.score(Counter({"GL301": 2, "GL303": 1})).points == 3.5
    assert test.score(Counter({"GL301": 9})).points == 3  # capped at 2
    assert test.score(Counter({"GL201": 9})).points == 5


def test_summary_scores_each_report_and_missing_agencies(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "march.txt").write_text(LATE, encoding="utf-8")
    (folder / "april.txt").write_text(LATE.replace("某镇", "某街道").replace("3月15日", "4月2日"), encoding="utf-8")
    roster = tmp_path / "roster.txt"
    roster.write_text("某镇人民政府\n某街道人民政府\n某乡人民政府\n", encoding="utf-8")
    out = tmp_path / "s.json"
    assert main(["summary", str(folder), "-o", str(out), "--scoring", "suqian-zhidu", "--roster", str(roster), "--no-cache", "-j", "1"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {Path(r["path"]).name: (r["score"], r["deductions"]) for r in data["reports"]}
    assert scores == {"march.txt": (2, ""),  # A1-4's deadline is 31 March (its lint pack sets GL405's)
                      "april.txt": (1, "未在3月31日前发布上年度报告 −1")}
    assert data["coverage"]["missing"] == [{"agency": "某乡人民政府", "level": "", "region": "", "score": 0}]
    assert data["scoring"]["name"] == "suqian-zhidu" and data["scoring"]["total"] == 2
    assert data["govlint"]["scoring"]["source"].startswith("宿迁市政务公开指标") and "suqian-zhidu" in data["govlint"]["packs"]
    assert main(["summary", str(folder), "-o", str(out), "--scoring", "licheng-2020", "--no-cache", "-j", "1"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {Path(r["path"]).name: r["deductions"].split("；")[0] for r in data["reports"]} == {"march.txt": "未及时公开 −5", "april.txt": "未及时公开 −5"}


def test_lint_pack_must_lie_inside_the_scoring_pack(tmp_path):
    path = tmp_path / "scoring.yaml"
    path.write_text("name: t\ntitle: 测试\nitem: 年报\nsource: 测试\ntotal: 5\nlint-pack: ../elsewhere\n"
                    "deductions:\n  - {wording: x, codes: [GL405], points: 1}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        scoring.load(path)
    assert error.value.line == 6 and "“lint-pack”应是评分方案所在目录之内的规则包目录" in error.value.reason


@pytest.mark.parametrize("body, line, reason", [
    ("deductions:\n  - {wording: x, codes: [GL405], points: 1, bogus: 2}\n", 8, "未知的键“bogus”（可用："),
    ("deductions:\n  - {wording: x, codes: [GL405], pionts: 1}\n", 8, "未知的键“pionts”（是不是“points”？）"),
    ("deductions:\n  - {wording: x, codes: [GL405], points: 1, per: finding}\n", 8, "“per: finding”的扣分项需要“cap”"),
    ("deductions:\n  - {wording: x, codes: [gl405], points: 1}\n", 8, "“codes”中的“gl405”不是规则代码或前缀"),
    ("deductions:\n  - {wording: x, codes: [GL405], coverage: missing, points: 1}\n", 8, "有且只有 codes、coverage: missing、manual: true 三者之一"),
    ("deductions:\n  - {wording: x, codes: [GL405], points: -1}\n", 8, "“points”应是不小于 0 的数"),
    ("deductions:\n  - !!python/object:os.system {wording: x}\n", 8, "不允许使用标签"),
])
def test_bad_pack_is_one_line_with_file_and_line(tmp_path, capsys, body, line, reason):
    path = tmp_path / "scoring.yaml"
    path.write_text("name: t\ntitle: 测试\nitem: 年报\nsource: 测试\ntotal: 5\nfloor: 0\n" + body, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        scoring.load(path)
    assert error.value.line == line and reason in error.value.reason
    assert main(["summary", str(Path(__file__).parent / "fixtures" / "seeds"), "-o", str(tmp_path / "s.html"), "--scoring", str(path)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [f"govlint: 错误：{path}:{line}: {error.value.reason}"]
