"""``govlint summary`` and ``govlint extract``: the JSON document, the workbook, the table
data, coverage against a roster, scores, duplicates, exit codes and folder walks."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REAL, SEEDS, batch_folder, run_govlint
from govlint.cli import main
from govlint.extract import COLUMNS
from govlint.locations import label_cell as cell_name

SEED_001 = "001_b8919bf2136104de.txt"


def summary_json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "summary.json"
    assert main(["summary", *args, "-o", str(out), "--no-cache", "-j", "1"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Seeds and real reports in one folder (as a supervisor's batch)."""
    return batch_folder(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def corpus_json(corpus, tmp_path_factory) -> dict:
    return summary_json(tmp_path_factory.mktemp("json"), str(corpus))


def test_cell_name_in_chinese():
    assert cell_name("表三", "（七）总计", "自然人") == "表三“（七）总计”行“自然人”列"
    assert cell_name("表四", None, "行政复议·总计") == "表四“行政复议·总计”列"
    assert cell_name("表二", "规章") == "表二“规章”行"


def test_summary_json_totals_reports_findings(corpus, corpus_json):
    data = corpus_json
    files = sorted(p.name for p in corpus.iterdir())
    assert data["totals"]["files"] == len(files) == len(data["reports"])
    assert data["totals"]["reports"] == len(files) - data["totals"]["duplicates"]
    counted = [r for r in data["reports"] if r["duplicate_of"] is None]
    assert len(data["findings"]) == sum(r["findings"] for r in counted)
    assert data["totals"]["errors"] == sum(1 for f in data["findings"] if f["severity"] == "error")
    assert data["totals"]["with_errors"] == sum(1 for r in counted if r["errors"])
    assert sum(r["count"] for r in data["rules"]) == len(data["findings"]) == sum(f["count"] for f in data["families"])
    meta = data["govlint"]
    assert meta["generator"] == "govlint summary" and meta["version"] and "national" in meta["packs"]
    assert meta["command"].startswith("govlint summary ") and meta["date"][:2] == "20"
    assert "score" not in data["reports"][0]


def test_summary_names_cells_of_findings(corpus_json):
    by_file = defaultdict(list)
    for f in corpus_json["findings"]:
        by_file[Path(f["path"]).name].append((f["code"], f["line"], f["location"]))
    assert ("GL303", 51, "表三“（七）总计”行“自然人”列") in by_file["018_fujian_pingtan-gaj_2021.txt"]
    assert ("GL304", 58, "表四“行政复议·总计”列") in by_file["004_jiangsu_hongze_2023.txt"]
    assert ("GL501", 339, "第六部分“其他需要报告的事项”") in by_file[SEED_001]
    gl303 = next(f for f in corpus_json["findings"] if f["code"] == "GL303")
    assert gl303["source"] and gl303["agency"] == "平潭综合实验区公安局"


def test_summary_without_roster_lists_agencies_and_years(corpus_json):
    agencies = {a["agency"]: a["years"] for a in corpus_json["coverage"]["agencies"]}
    assert agencies["淮安市洪泽区人民政府"] == [2024]
    assert agencies["洪泽区人民政府"] == [2023]


def test_xlsx_reopened_numbers_rows_and_counts(corpus, corpus_json, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    assert main(["summary", str(corpus), "-o", str(out), "--no-cache", "-j", "1"]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["报告", "问题", "覆盖", "表格数据", "说明"]
    reports, findings, table = book["报告"], book["问题"], book["表格数据"]
    assert reports.max_row - 1 == len(corpus_json["reports"])
    assert findings.max_row - 1 == len(corpus_json["findings"])
    for sheet in (reports, findings, table, book["覆盖"]):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in reports[1]]
    year, errors = header.index("年度") + 1, header.index("错误") + 1
    for row in range(2, reports.max_row + 1):
        assert isinstance(reports.cell(row, errors).value, int)
        assert reports.cell(row, year).value is None or isinstance(reports.cell(row, year).value, int)
    assert sum(reports.cell(row, errors).value for row in range(2, reports.max_row + 1)
               if not reports.cell(row, header.index("同一报告的另一文件（本文件不计）") + 1).value) == corpus_json["totals"]["errors"]
    line = [c.value for c in findings[1]].index("行号") + 1
    assert all(isinstance(findings.cell(row, line).value, int) for row in range(2, findings.max_row + 1))
    rule = [c.value for c in findings[1]].index("规则") + 1  # what the rule checks, in Chinese, not its English name
    summaries = {r["code"]: r["summary"] for r in corpus_json["rules"]}
    assert all(findings.cell(row, rule).value == summaries[findings.cell(row, rule - 1).value] and
               re.search(r"[\u4e00-\u9fff]", findings.cell(row, rule).value) for row in range(2, findings.max_row + 1))
    value = [c.value for c in table[1]].index("数值") + 1
    numbers = [table.cell(row, value).value for row in range(2, table.max_row + 1)]
    assert all(v is None or isinstance(v, (int, float)) for v in numbers) and sum(1 for v in numbers if v is not None) > 1000


def _extract(tmp_path: Path, suffix: str, *paths: Path) -> Path:
    out = tmp_path / f"cells{suffix}"
    assert main(["extract", *map(str, paths), "-o", str(out), "--no-cache", "-j", "1"]) == 0
    return out


def test_extract_csv_has_bom_and_known_cells(tmp_path):
    out = _extract(tmp_path, ".csv", SEEDS)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == list(COLUMNS)
    licensing = [r for r in rows if r["file"].endswith(SEED_001) and r["row_key"] == "licensing"]
    assert len(licensing) == 1
    cell = licensing[0]
    assert (cell["table"], cell["column_key"], cell["value"], cell["year"], cell["format_version"]) == ("表二", "decisions", "752", "2023", "2021")
    assert cell["row_label"] == "行政許可"  # as printed: the report is in traditional script
    assert cell["location"] == "表二“行政许可”行“本年处理决定数量”列" and cell["line"] == "35"


def _cells(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_sums_equal_the_reports_totals_where_they_balance(tmp_path, corpus, corpus_json):
    cells = _cells(_extract(tmp_path, ".jsonl", corpus))
    unbalanced = {Path(f["path"]).name for f in corpus_json["findings"] if f["code"] in ("GL203", "GL302", "GL303", "GL208", "GL207")}
    grid = defaultdict(dict)
    for c in cells:
        if c["table"] == "表三" and c["format_version"] == "2021" and c["row_key"] and c["column_key"] and c["value"] is not None:
            grid[Path(c["file"]).name][(c["row_key"], c["column_key"])] = Decimal(str(c["value"]))
    outcome_rows = ("r3_1", "r3_2", "r3_3_1", "r3_3_2", "r3_3_3", "r3_3_4", "r3_3_5", "r3_3_6", "r3_3_7", "r3_3_8", "r3_4_1", "r3_4_2",
                    "r3_4_3", "r3_5_1", "r3_5_2", "r3_5_3", "r3_5_4", "r3_5_5", "r3_6_1", "r3_6_2", "r3_6_3")
    checked = 0
    for name, values in grid.items():
        if name in unbalanced:
            continue
        for column in ("np", "biz", "sci", "npo", "law", "oth", "tot"):
            assert sum(values[(row, column)] for row in outcome_rows) == values[("r3_7", column)], (name, column)
            assert values[("r1", column)] + values[("r2", column)] == values[("r3_7", column)] + values[("r4", column)], (name, column)
            checked += 1
        assert sum(values[("r1", c)] for c in ("np", "biz", "sci", "npo", "law", "oth")) == values[("r1", "tot")]
    assert checked >= 7 * 10  # ten or more reports of the 2021 format balance
    table_four = [c for c in cells if c["table"] == "表四" and c["file"].endswith("004_jiangsu_hongze_2023.txt")]
    assert [c["column_key"] for c in table_four] == [f"c{i}" for i in range(1, 16)]


def test_extract_formats_agree(tmp_path):
    from openpyxl import load_workbook

    jsonl = _cells(_extract(tmp_path, ".jsonl", SEEDS))
    rows = list(csv.DictReader(_extract(tmp_path, ".csv", SEEDS).read_text(encoding="utf-8-sig").splitlines()))
    sheet = load_workbook(_extract(tmp_path, ".xlsx", SEEDS), read_only=True)["表格数据"]
    xlsx = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(jsonl) == len(rows) == len(xlsx) > 500
    assert [c["value"] for c in jsonl] == [r[COLUMNS.index("value")] for r in xlsx]


def test_extract_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(_extract(tmp_path, ".parquet", SEEDS))
    assert table.column_names == list(COLUMNS) and table.num_rows > 500


def test_coverage_roster_missing_and_unlisted(tmp_path, corpus):
    roster = tmp_path / "名单.csv"
    roster.write_text("单位,层级,地区\n平潭综合实验区公安局,部门,平潭\n平潭综合实验区交通与建设局,部门,平潭\n宿迁市不存在局,部门,宿迁\n", encoding="utf-8-sig")
    data = summary_json(tmp_path, str(corpus), "--roster", str(roster), "--year", "2024")
    coverage = data["coverage"]
    assert coverage["year"] == 2024 and coverage["year_inferred"] is False
    assert [a["agency"] for a in coverage["missing"]] == ["宿迁市不存在局"]
    assert coverage["missing"][0]["level"] == "部门" and coverage["missing"][0]["region"] == "宿迁"
    present = {a["agency"]: [Path(f).name for f in a["files"]] for a in coverage["present"]}
    assert present["平潭综合实验区公安局"] == ["020_fujian_pingtan-gaj_2024.txt"]
    unlisted = {Path(u["file"]).name for u in coverage["unlisted"]}
    assert "003_jiangsu_huaian_2024.txt" in unlisted and "020_fujian_pingtan-gaj_2024.txt" not in unlisted
    assert all(u["year"] == 2024 for u in coverage["unlisted"])
    assert "018_fujian_pingtan-gaj_2021.txt" in {Path(u["file"]).name for u in coverage["other_years"]}


def test_roster_text_and_xlsx(tmp_path):
    from openpyxl import Workbook

    text = tmp_path / "roster.txt"
    text.write_text("# 县直部门\n淮安市人民政府\n\n某县财政局\n", encoding="utf-8")
    data = summary_json(tmp_path, str(REAL / "003_jiangsu_huaian_2024.txt"), "--roster", str(text))
    assert data["coverage"]["year"] == 2024 and data["coverage"]["year_inferred"] is True
    assert [a["agency"] for a in data["coverage"]["missing"]] == ["某县财政局"] and data["coverage"]["unlisted"] == []
    book = Workbook()
    book.active.append(["序号", "单位名称"])
    book.active.append([1, "淮安市人民政府"])
    book.save(tmp_path / "roster.xlsx")
    data = summary_json(tmp_path, str(REAL / "003_jiangsu_huaian_2024.txt"), "--roster", str(tmp_path / "roster.xlsx"))
    assert data["coverage"]["missing"] == [] and len(data["coverage"]["present"]) == 1


def test_bad_roster_exits_2_with_file(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("名称,地区\n某局,某县\n", encoding="utf-8")
    assert main(["summary", str(SEEDS), "-o", str(tmp_path / "s.json"), "--roster", str(roster), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert f"{roster}:1: 单位名单没有“单位”列" in err and "现有的列：名称、地区" in err
    assert not (tmp_path / "s.json").exists()


def test_duplicates_counted_once_and_flagged(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEEDS / SEED_001, folder / "a.txt")
    shutil.copy(SEEDS / SEED_001, folder / "b.txt")
    shutil.copy(REAL / "003_jiangsu_huaian_2024.txt", folder / "c.txt")
    data = summary_json(tmp_path, str(folder))
    assert data["totals"]["files"] == 3 and data["totals"]["reports"] == 2 and data["totals"]["duplicates"] == 1
    flagged = {Path(r["path"]).name: r["duplicate_of"] and Path(r["duplicate_of"]).name for r in data["reports"]}
    assert flagged == {"a.txt": None, "b.txt": "a.txt", "c.txt": None}
    assert {Path(f["path"]).name for f in data["findings"]} == {"a.txt", "c.txt"}
    once = _cells(_extract(tmp_path, ".jsonl", folder / "a.txt"))
    both = _cells(_extract(tmp_path, ".jsonl", folder))
    assert len(both) == len(once) + len(_cells(_extract(tmp_path, ".jsonl", folder / "c.txt")))


def test_folder_walk_skips_own_summary(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REAL / "003_jiangsu_huaian_2024.txt", folder / "a.txt")
    assert main(["summary", str(folder), "-o", str(folder / "汇总.html"), "--no-cache", "-j", "1"]) == 0
    html = (folder / "汇总.html").read_text(encoding="utf-8")
    assert 'name="generator" content="govlint summary' in html
    data = summary_json(tmp_path, str(folder))
    assert [Path(r["path"]).name for r in data["reports"]] == ["a.txt"]
    linted = run_govlint("--format", "json", "--no-cache", str(folder))
    assert {Path(d["path"]).name for d in json.loads(linted.stdout)} <= {"a.txt"}


def test_html_is_self_contained_and_in_chinese(tmp_path, corpus):
    out = tmp_path / "s.html"
    assert main(["summary", str(corpus), "-o", str(out), "--no-cache", "-j", "1", "--scoring", "licheng-2020"]) == 0
    html = out.read_text(encoding="utf-8")
    for needle in ("<svg", "<style>", "<script>", "@page{size:A4", "报告列表", "覆盖情况", "评分方法", "表三“（七）总计”行“自然人”列",
                   "年度报告与往年或与其他单位雷同"):
        assert needle in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "").replace("http://www.qzlc.gov.cn", "")
    assert "https://" not in html and "<link" not in html and " src=" not in html


@pytest.mark.parametrize("args, reason", [
    (["-o", "x.pdf"], "无法从扩展名判断"),
    (["-o", "x.json", "--scoring", "nowhere"], "未知的评分方案“nowhere”（可用：licheng-2020、"),
    (["-o", "x.json", "--scoring", "licheng2020"], "未知的评分方案“licheng2020”（是不是“licheng-2020”？）"),
    (["-o", "x.json", "--pack", "nowhere"], "未知的规则包“nowhere”（可用："),
    (["-o", "x.json", "--pack", "sichaun"], "未知的规则包“sichaun”（是不是“sichuan”？）"),
    (["-o", "x.json", "-j", "-1"], "--jobs 必须是 0（全部 CPU 核）或正整数"),
])
def test_summary_usage_errors_exit_2(tmp_path, capsys, args, reason):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["summary", str(SEEDS), *args, "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govlint: 错误：") and reason in err and err.count("\n") == 1, err


def test_summary_exit_codes_and_quiet_when_piped(tmp_path):
    done = run_govlint("summary", str(SEEDS), "-o", str(tmp_path / "s.json"), "--no-cache")
    assert done.returncode == 0 and done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and "\x1b" not in done.stderr.decode()
    assert run_govlint("summary", str(tmp_path / "missing"), "-o", str(tmp_path / "s.json")).returncode == 2
    assert run_govlint("extract", str(SEEDS)).returncode == 2  # no -o
    stdin = run_govlint("summary", "-", "-o", str(tmp_path / "s.json"))
    assert stdin.returncode == 2 and stdin.stderr.decode() == "govlint: 错误：不能从标准输入（“-”）读取：请给出报告文件或目录\n"


def test_word_and_html_findings_and_cells_are_named_by_labels(tmp_path):
    from docgen import to_docx, to_html

    folder = tmp_path / "documents"
    folder.mkdir()
    text = (REAL / "004_jiangsu_hongze_2023.txt").read_text(encoding="utf-8")
    to_docx(text, folder / "report.docx")
    (folder / "other.html").write_bytes(to_html(text.replace("洪泽区人民政府", "金湖县人民政府"), "gbk"))
    data = summary_json(tmp_path, str(folder))
    found = {(Path(f["path"]).name, f["code"], f["line"], f["column"]): f["location"] for f in data["findings"]}
    assert found[("report.docx", "GL304", 58, 10)] == "第 3 个表格，表四“行政复议·总计”列"
    assert found[("report.docx", "GL205", 36, 3)] == "第 2 个表格，表三“2.其他法律行政法规禁止公开”行"
    assert any(name == "other.html" and code == "GL304" and location.endswith("表四“复议后起诉·总计”列")
               for (name, code, _, _), location in found.items())
    cells = _cells(_extract(tmp_path, ".jsonl", folder / "report.docx"))
    total = next(c for c in cells if c["table"] == "表四" and c["column_key"] == "c5")
    assert total["line"] == 58 and total["location"] == "第 3 个表格，表四“行政复议·总计”列"


def test_parallel_summary_equals_serial(tmp_path, corpus, corpus_json):
    out = tmp_path / "parallel.json"
    assert main(["summary", str(corpus), "-o", str(out), "--no-cache", "-j", "2"]) == 0
    parallel = json.loads(out.read_text(encoding="utf-8"))
    for key in ("totals", "rules", "reports", "findings", "coverage"):
        assert parallel[key] == corpus_json[key], key


def test_no_score_column_without_a_scoring_pack(tmp_path):
    out = tmp_path / "s.html"
    assert main(["summary", str(SEEDS), "-o", str(out), "--no-cache", "-j", "1"]) == 0
    html = out.read_text(encoding="utf-8")
    assert ">得分<" not in html and "评分方法" not in html and ">错误<" in html


def test_parquet_without_pyarrow_exits_2(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    assert main(["extract", str(SEEDS), "-o", str(tmp_path / "cells.parquet"), "--no-cache"]) == 2
    assert "写 Parquet 文件需要 pyarrow：请运行 pip install 'govlint[parquet]'" in capsys.readouterr().err and not (tmp_path / "cells.parquet").exists()


def test_unreadable_files_and_non_reports_are_counted_not_fatal(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 500)
    (folder / "notice.txt").write_text("会议通知\n明天开会。\n", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04garbage")
    data = summary_json(tmp_path, str(folder))
    status = {Path(r["path"]).name: (r["status"], r["worst"].split()[0]) for r in data["reports"]}
    assert status == {"binary.txt": ("unreadable", "GL001"), "broken.docx": ("unreadable", "GL001"), "notice.txt": ("not-report", "GL005")}
    assert (data["totals"]["unreadable"], data["totals"]["not_reports"], data["totals"]["reports"]) == (2, 1, 3)
    assert data["coverage"] == {"agencies": []}
    scored = summary_json(tmp_path, str(folder), "--scoring", "licheng-2020")
    assert [r.get("score") for r in scored["reports"]] == [None, None, None]  # not scored: for a person to judge
    for suffix in (".html", ".xlsx"):
        assert main(["summary", str(folder), "-o", str(tmp_path / f"s{suffix}"), "--no-cache", "-j", "1", "--scoring", "licheng-2020"]) == 0
    assert main(["summary", str(tmp_path / "mixed" / "notice.txt"), "-o", str(tmp_path / "empty.html"), "--no-cache", "--select", "GL1"]) == 0


def test_same_report_as_text_and_word_is_one_report(tmp_path):
    from docgen import to_docx

    folder = tmp_path / "formats"
    folder.mkdir()
    text = (REAL / "004_jiangsu_hongze_2023.txt").read_text(encoding="utf-8")
    (folder / "report.txt").write_text(text, encoding="utf-8")
    to_docx(text, folder / "report.docx")
    data = summary_json(tmp_path, str(folder))
    assert data["totals"]["reports"] == 1 and data["totals"]["duplicates"] == 1
    assert {Path(r["path"]).name: r["duplicate_of"] and Path(r["duplicate_of"]).name for r in data["reports"]} == \
        {"report.docx": None, "report.txt": "report.docx"}


def test_workbook_rows_beyond_excels_limit_continue_on_a_numbered_sheet(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from govlint.extract import Sheet

    monkeypatch.setattr(Sheet, "MAX_ROWS", 101)
    out = _extract(tmp_path, ".xlsx", SEEDS / SEED_001)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["表格数据", "表格数据2"]
    first, second = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    assert len(first) == 101 and len(second) == 200 - 100 + 1 and first[0] == second[0]
