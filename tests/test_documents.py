"""The same report as .txt, .docx and .html: the same findings, each placed where a user
finds it again (a Word paragraph or table cell; an HTML source line)."""

from __future__ import annotations

import json

import pytest

from conftest import REAL, SEEDS, run_govlint
from docgen import to_docx, to_html

REPORT = REAL / "004_jiangsu_hongze_2023.txt"  # GL108, GL205, GL208, 2 × GL304


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents")
    text = REPORT.read_text(encoding="utf-8")
    (root / "report.txt").write_text(text, encoding="utf-8")
    to_docx(text, root / "report.docx")
    (root / "report.html").write_bytes(to_html(text, "gbk"))
    return root


def findings(root, name):
    result = run_govlint("--format", "json", "--no-cache", name, cwd=root)
    assert result.returncode == 1, result.stderr.decode()
    return json.loads(result.stdout)


def test_same_codes_in_every_format(versions):
    codes = {name: sorted(d["code"] for d in findings(versions, name)) for name in ("report.txt", "report.docx", "report.html")}
    assert codes["report.txt"] == ["GL108", "GL205", "GL208", "GL304", "GL304"]
    assert codes["report.docx"] == codes["report.txt"] == codes["report.html"]


def test_docx_findings_name_the_paragraph_or_table_cell(versions):
    found = {(d["code"], d["line"], d["column"]): d.get("location") for d in findings(versions, "report.docx")}
    assert found[("GL108", 4, 1)] == "第 4 段"
    assert found[("GL205", 36, 3)] == "第 2 个表格，表三“2.其他法律行政法规禁止公开”行"
    assert found[("GL304", 58, 10)] == "第 3 个表格，表四“行政复议·总计”列"
    assert found[("GL304", 58, 30)] == "第 3 个表格，表四“复议后起诉·总计”列"


def test_gbk_html_with_merged_header_cells_is_read(versions):
    raw = (versions / "report.html").read_bytes()
    assert b"colspan" in raw and "行政复议".encode("gbk") in raw
    found = findings(versions, "report.html")
    label = next(d for d in found if d["code"] == "GL205")
    source_line = raw.decode("gbk").splitlines()[label["line"] - 1]
    assert source_line[label["column"] - 1: label["end_column"] - 1] == "2.其他法律行政止公开"
    assert label["location"] == "第 2 个表格，表三“2.其他法律行政法规禁止公开”行"


def test_html_rowspan_and_colspan_expand_into_the_grid(tmp_path):
    page = ("<html><head><meta charset=\"utf-8\"></head><body><p>某县人民政府2024年政府信息公开工作年度报告</p>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
            "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>"
            "<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td><td rowspan=\"2\">尚未审结</td>"
            "<td rowspan=\"2\">总计</td><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>"
            "<tr>" + "".join(f"<td>{x}</td>" for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</tr>"
            "<tr>" + "".join(f"<td>{x}</td>" for x in [1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]) + "</tr>"
            "</table></body></html>")
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    result = run_govlint("--format", "json", "--no-cache", "--select", "GL304,GL203", "r.html", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(d["code"], d["location"]) for d in found] == [("GL304", "第 1 个表格，表四“行政复议·总计”列")]
    assert "为 3" in found[0]["message"] and "为 2" in found[0]["message"]
    # the whole row is one source line: the caret is on the cell found, not the first cell's text
    assert found[0]["column"] == page.index("<td>3</td>") + len("<td>") + 1 and found[0]["end_column"] == found[0]["column"] + 1


def test_corrupt_docx_is_gl001_and_the_run_goes_on(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "good.txt").write_bytes(next(SEEDS.glob("002_*.txt")).read_bytes())
    result = run_govlint("--format", "json", "--no-cache", "broken.docx", "good.txt", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(d["path"], d["code"], d["line"], d["column"]) for d in found if d["severity"] != "info"] == [("broken.docx", "GL001", 1, 1)]
    assert result.returncode == 1 and b"Traceback" not in result.stderr
