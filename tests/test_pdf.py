"""PDF input: the real published PDFs read like their text conversions, every finding names
its page; generated PDFs with a table split over two pages (header repeated), labels
broken inside cells, radical code points, a table drawn as a picture, a scan with no text
layer, an encrypted and a damaged file."""

from __future__ import annotations

import pytest

from conftest import REAL, run_govlint
from govlint.lint import default_ruleset, lint_file, model

pdfgen = pytest.importorskip("pdfgen")
if pdfgen.font_path() is None:  # .ci/run installs fonts-wqy-zenhei
    pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-zenhei)", allow_module_level=True)

RULES = default_ruleset().select(None, None)
REPORT = REAL / "004_jiangsu_hongze_2023.txt"  # GL108, GL205, GL208, 2 × GL304
RADICALS = {"一、总体": "⼀、总体", "人民": "人⺠", "行政": "⾏政"}


def codes(path) -> list[str]:
    return sorted(d.code for d in lint_file(str(path), RULES).diagnostics if not d.code.startswith("GL0"))


@pytest.mark.parametrize("name", ["003_jiangsu_huaian_2024", "004_jiangsu_hongze_2023", "005_jiangsu_hongze_2024"])
def test_real_pdf_gives_the_codes_of_its_text_conversion_and_names_pages(name):
    pdf = REAL / f"{name}.pdf"
    assert codes(pdf) == codes(REAL / f"{name}.txt")
    found = lint_file(str(pdf), RULES).diagnostics
    assert found and all(d.location and d.location.startswith("第 ") and "页" in d.location for d in found)


def test_real_pdf_table_three_read_cell_by_cell():
    report, source = model("003.pdf", (REAL / "003_jiangsu_huaian_2024.pdf").read_bytes())
    table = report.tables["t3"]
    total = table.rows["r3_7"]
    assert [c.text for c in total.values] == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert not table.unknown_rows and not table.unplaced_rows
    # "（四）无" on page 4 and "法提供" on page 5: one label again
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t746" in source.text
    assert all(not line.strip(" -0123456789") == "" for line in source.lines)  # no "- 3 -" page numbers


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("pdf")
    text = REPORT.read_text(encoding="utf-8")
    pdfgen.to_pdf(text, root / "split.pdf", split_table="勾稽关系", radicals=RADICALS, watermark="政务公开专用")
    pdfgen.to_pdf(text, root / "picture.pdf", picture_table="行政复议")
    pdfgen.to_scan(root / "scan.pdf")
    pdfgen.to_pdf(text, root / "locked.pdf", password="secret")
    (root / "broken.pdf").write_bytes((root / "split.pdf").read_bytes()[:4000])
    return root


def test_split_table_with_repeated_header_is_one_table(generated):
    report, source = model("split.pdf", (generated / "split.pdf").read_bytes())
    table = report.tables["t3"]
    assert not table.unknown_rows and not table.unplaced_rows and not table.deviations[1:]
    assert [c.text for c in table.rows["r3_7"].values] == ["21", "0", "0", "0", "0", "0", "21"]
    assert [c.text for c in table.rows["r3_3_4"].values] == ["0"] * 7  # first row after the page break
    assert sum("自然人" in line for line in source.lines) == 1  # the repeated header is not data
    pages = {o.where for o in source.origins if o.table_row and "第 2 个表格" in o.where}
    assert pages == {"第 2 页第 2 个表格", "第 3 页第 2 个表格"}


def test_labels_broken_inside_cells_are_one_label(generated):
    report, source = model("split.pdf", (generated / "split.pdf").read_bytes())
    assert "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t4\t0" in source.text
    assert [c.text for c in report.tables["t3"].rows["r3_2"].values] == ["4", "0", "0", "0", "0", "0", "4"]


def test_radicals_in_the_text_layer_are_read_as_ideographs(generated):
    report, source = model("split.pdf", (generated / "split.pdf").read_bytes())
    assert "⼀、总体情况" in source.lines and "⺠" in source.text  # as the file has it
    assert report.sections[0].schema.id == "s1" and report.sections[0].match == "exact"
    assert report.title.agency == "洪泽区人民政府"


def test_split_pdf_findings_exactly(generated):
    found = [(d.code, d.span.line, d.span.column, d.location) for d in lint_file(str(generated / "split.pdf"), RULES).diagnostics]
    assert found == [
        ("GL108", 4, 1, "第 1 页"),
        ("GL205", 36, 3, "第 2 页第 2 个表格，表三“2.其他法律行政法规禁止公开”行"),
        ("GL208", 51, 2, "第 3 页第 2 个表格，表三“（六）其他处理”行"),
        ("GL304", 58, 10, "第 4 页第 3 个表格，表四“行政复议·总计”列"),
        ("GL304", 58, 30, "第 4 页第 3 个表格，表四“复议后起诉·总计”列"),
    ]


def test_running_header_page_numbers_and_watermark_are_dropped(generated):
    _, source = model("split.pdf", (generated / "split.pdf").read_bytes())
    assert pdfgen.RUNNING_HEADER not in source.lines and "专用" not in source.text
    assert not [line for line in source.lines if line.startswith("- ")]


def test_table_drawn_as_picture_is_gl006_not_gl201(generated):
    found = [(d.code, d.span.line, d.location) for d in lint_file(str(generated / "picture.pdf"), RULES).diagnostics]
    assert [code for code, _, _ in found] == ["GL108", "GL205", "GL208", "GL006"]
    gl006 = found[-1]
    assert gl006[2] == "第 3 页"
    message = next(d.message for d in lint_file(str(generated / "picture.pdf"), RULES).diagnostics if d.code == "GL006")
    assert "表四" in message and "图片" in message and "无法核对" in message


@pytest.mark.parametrize("name,reason", [("scan.pdf", "没有文字层"), ("locked.pdf", "密码"), ("broken.pdf", "PDF 文件损坏")])
def test_unreadable_pdf_is_one_gl001_with_a_pdf_reason(generated, name, reason):
    found = lint_file(str(generated / name), RULES).diagnostics
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("GL001", 1, 1)]
    assert reason in found[0].message and ".txt" not in found[0].message


def test_show_prints_the_lines_findings_count(generated):
    result = run_govlint("show", "split.pdf", cwd=generated)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8").splitlines()
    numbered = {int(line.split("│")[0]): line.split("│", 1)[1] for line in out if "│" in line}
    assert numbered[58].startswith(" 10\t1\t0\t0\t0") and "第 4 页第 3 个表格第 4 行" in numbered[58]
    assert "    总计 → 21  [52:" in "\n".join(out)  # table 三, （七）总计 row, as placed


def test_pdf_reading_stops_at_its_time_limit(monkeypatch):
    from govlint.sources import pdf

    monkeypatch.setattr(pdf, "MAX_SECONDS", -1)
    found = lint_file(str(REAL / "004_jiangsu_hongze_2023.pdf"), RULES).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("GL001", 1)] and "时限" in found[0].message


def test_pdf_over_the_page_limit_is_gl001(monkeypatch):
    from govlint.sources import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 4)
    found = lint_file(str(REAL / "004_jiangsu_hongze_2023.pdf"), RULES).diagnostics
    assert [d.code for d in found] == ["GL001"] and "超过 4 页的上限" in found[0].message


def test_paragraph_running_onto_the_next_page_names_the_page_of_each_part():
    from govlint.positions import Span

    _, source = model("003.pdf", (REAL / "003_jiangsu_huaian_2024.pdf").read_bytes())
    index = next(i for i, line in enumerate(source.lines) if line.startswith("（一）主动公开情况。"))
    (column, where), = source.origins[index].breaks
    assert where == "第 2 页" and 0 < column < len(source.lines[index])
    lines = source.lines
    assert source.place(Span(index + 1, 1, index + 1, 3), lines)[1] == "第 1 页"
    assert source.place(Span(index + 1, column + 1, index + 1, column + 3), lines)[1] == "第 2 页"
