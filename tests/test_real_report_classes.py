"""Classes of defects and honest variants seen on real reports nobody here wrote (issue 8),
each in several layouts: a table of the other format version is one GL208 and nothing
else, a lone 规范性文件 is GL205 (decision 2), values with units in the 2019 table 二 and
numbers with a bracketed note are valid (decision 9), a row shifted into the wrong
columns is caught by the identities it breaks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import FIXTURES, lint_text, triples
from govlint.lint import model
from test_balances import LAYOUTS, Markdown, Tabs, report, table_three

REPORT_2019 = (FIXTURES / "formats" / "report-2019.txt").read_text(encoding="utf-8")


def _tabs(text: str) -> str:
    """The pipe rows of a report as tab-separated rows."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("|"):
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        lines.append(line)
    return "\n".join(lines)


def _spaces(text: str) -> str:
    """The pipe rows of a report as rows whose cells are separated by single spaces."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip())
        lines.append(line)
    return "\n".join(lines)


GRIDS = pytest.mark.parametrize("layout", [lambda t: t, _tabs, _spaces], ids=["pipes", "tabs", "spaces"])


def serious(text: str):
    return [d for d in lint_text(text) if d.severity != "info"]


@GRIDS
def test_tables_of_the_2019_format_in_a_2024_report_are_one_gl208_each(layout):
    """No GL202 for the rows the 2021 table has, no GL203 for rows of three values where
    the 2021 row has one, no GL205 for every 2019 label: one GL208 per table."""
    text = layout(REPORT_2019.replace("2020", "2024"))
    codes = [(d.code, d.span.line) for d in serious(text)]
    assert codes == [("GL208", 13), ("GL208", 54), ("GL501", 64)]


@GRIDS
def test_a_typo_in_a_label_both_versions_share_is_still_gl205_beside_gl208(layout):
    text = layout(REPORT_2019.replace("2020", "2024").replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"))
    assert [(d.code, d.span.line) for d in serious(text)] == [("GL208", 13), ("GL205", 39), ("GL208", 54), ("GL501", 64)]


@GRIDS
def test_values_with_units_in_the_2019_table_two_are_valid(layout):
    text = layout(REPORT_2019.replace("| 政府集中采购 | 12 | 86.4 | |", "| 政府集中采购 | 2笔 | 73802895.90元 | |")
                  .replace("| 行政许可 | 86 | -3 | 1320 |", "| 行政许可 | 86件 | -3 | 1320件 |"))
    assert serious(text) == []
    parsed, _ = model("r.txt", text.encode("utf-8"))
    assert parsed.tables["t2"].cell("procurement", "purchase_amount").value == Decimal("73802895.90")


def test_a_count_with_a_unit_in_a_2021_table_is_gl204():
    three = table_three()
    three["r1"][0] = three["r1"][0] + "件"
    built = report(Markdown(), three)
    assert triples(serious(built.text)) == [("GL204", *built.t3[("r1", "np")])]


TABLE_TWO_NOTE = """二、主动公开政府信息情况
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 3 | 1 | 55（含自然失效29件） |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 0 | | |
| 行政处罚 | 0 | | |
| 行政强制 | 0 | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 0 | | |
"""


def _one_cell_per_line(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if line.startswith("|"):
            lines += ["\t" + cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()] + [""]
        else:
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("layout", [lambda t: t, _tabs, _spaces, _one_cell_per_line], ids=["pipes", "tabs", "spaces", "cell-per-line"])
def test_a_number_with_a_bracketed_note_is_the_number_with_the_note_kept(layout):
    text = layout("某局2024年政府信息公开工作年度报告\n" + TABLE_TWO_NOTE)
    parsed, _ = model("r.txt", text.encode("utf-8"))
    cell = parsed.tables["t2"].cell("normative", "in_force")
    assert (cell.value, cell.note) == (55, "含自然失效29件")
    assert parsed.tables["t2"].cell("normative", "issued").note is None
    assert [d.code for d in lint_text(text, select=["GL2"])] == []


@GRIDS
def test_a_lone_normative_documents_label_is_gl205_not_gl208(layout):
    """规范性文件 for 行政规范性文件 in a 2021 table 二 (decision 2), with 规章 present."""
    text = layout("某局2024年政府信息公开工作年度报告\n" + TABLE_TWO_NOTE.replace("| 行政规范性文件 |", "| 规范性文件 |"))
    assert [(d.code, d.span.line) for d in lint_text(text, select=["GL2"])] == [("GL205", 5)]


@pytest.mark.parametrize("layout", [Markdown(), Tabs()], ids=["markdown", "tabs"])
def test_a_row_shifted_one_column_right_is_caught_by_the_identities_it_breaks(layout):
    """（一）予以公开 written one column to the right (its 自然人 cell empty, every value
    under the next column's header, its 总计 under 其他 and lost): GL207 for the blank,
    and the outcome totals of the columns it moved into no longer hold."""
    built = report(layout)
    lines = built.text.split("\n")
    line_no, _ = built.t3[("r3_1", "np")]
    sep = "\t" if layout.name == "tabs" else " | "
    cells = lines[line_no - 1].split(sep)
    first = cells.index(table_three()["r3_1"][0], 2)
    cells[first:first + 7] = [""] + cells[first:first + 6]
    lines[line_no - 1] = sep.join(cells)
    codes = {d.code for d in serious("\n".join(lines))}
    assert {"GL207", "GL302"} <= codes
