"""One synthetic report rendered in every table layout real reports arrive in — markdown
pipe rows (with and without the label columns of a converted Word table), tab-separated
rows, one cell per line, flattened ``cell |`` lines and cells separated by single spaces
(a flattened web page) — and with every title, period and fee phrasing family
(FORMAT.md, "Recognising statements in prose"): each defect gives the same codes on the
same rows and cells in every layout (only the lines differ), and an honest phrasing gives
nothing.

The generator and the first five layouts are those of ``test_balances``; the spaces
layout is added here.
"""

from __future__ import annotations

import pytest

from conftest import lint_text, triples
from test_balances import (
    COLUMNS, LAYOUTS, NOTE, ROWS, T4_RESULTS, Rendered, report, shift, table_four, table_three,
)


class Spaces:
    """label v1 v2 … v7 with single spaces, header rows as space-separated words
    (a flattened web page, 平潭 2024)."""

    name = "spaces"

    @staticmethod
    def _line(words: list[str]) -> tuple[str, list[int]]:
        line, starts = "", []
        for word in words:
            if line:
                line += " "
            starts.append(len(line) + 1)
            line += word
        return line, starts

    def t3(self, cells) -> Rendered:
        lines = [NOTE + " 申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
        where = {}
        for row, labels in ROWS:
            words = [label for label in labels if label]
            line, starts = self._line(words + cells[row])
            where[(row, "label")] = (len(lines), starts[len(words) - 1] if len(words) == 1 else 1)
            for c, column in enumerate(COLUMNS):
                where[(row, column)] = (len(lines), starts[len(words) + c])
            lines.append(line)
        return Rendered(lines, where)

    def t4(self, values) -> Rendered:
        lines = ["行政复议 行政诉讼", " ".join(T4_RESULTS + ["未经复议直接起诉", "复议后起诉"]), " ".join(T4_RESULTS * 2)]
        line, starts = self._line(values)
        lines.append(line)
        return Rendered(lines, {i: (3, starts[i]) for i in range(15)})


ALL_LAYOUTS = [*LAYOUTS, Spaces()]
layouts = pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=lambda layout: layout.name)


def serious(text: str):
    return [d for d in lint_text(text, select=["GL"]) if d.severity != "info"]


# --------------------------------------------------------------------------- tables

@layouts
def test_complete_report_is_read_completely_and_clean(layout):
    from govlint.lint import model

    built = report(layout)
    parsed, _ = model("report.txt", built.text.encode("utf-8"))
    t3 = parsed.tables["t3"]
    assert len(t3.rows) == 25 and not t3.unplaced_rows and not t3.unknown_rows
    for (row, column), (line, col) in built.t3.items():
        if column != "label":
            cell = t3.cell(row, column)
            assert (cell.span.line, cell.span.column) == (line, col), (row, column)
    assert [c.text for c in parsed.tables["t4"].rows["main"].values] == table_four()
    assert triples(serious(built.text)) == []


@layouts
def test_outcome_total_that_disagrees_is_gl302_in_every_layout(layout):
    """（七）总计 one too low in 自然人 (its row total lowered with it): GL302 at the
    （七）总计 cell of 自然人 and of 总计; GL303 cannot hold then either."""
    three = table_three()
    shift(three, "r3_7", "np", -1)
    shift(three, "r3_7", "tot", -1)
    built = report(layout, three)
    found = [(d.code, d.span.line, d.span.column) for d in serious(built.text)]
    assert ("GL302", *built.t3[("r3_7", "np")]) in found
    assert ("GL302", *built.t3[("r3_7", "tot")]) in found
    assert {code for code, _, _ in found} == {"GL302", "GL303"}


@layouts
def test_missing_standard_row_is_gl202_in_every_layout(layout):
    """A row left out (2.重复申请): GL202 naming it, and the outcome identity it belongs
    to is not checked (a missing operand); nothing else."""
    built = report(layout)
    lines = built.text.split("\n")
    line = built.t3[("r3_5_2", "label")][0]
    if layout.name in ("cell-per-line", "flattened"):  # the row is a block of lines up to the blank or || line
        end = line
        while lines[end] not in ("", "||"):
            end += 1
        first = built.t3[("r3_5_2", "label")][0] - 1
        del lines[first:end]
    else:
        del lines[line - 1]
    found = serious("\n".join(lines))
    assert [d.code for d in found] == ["GL202"]
    assert "2.重复申请" in found[0].message


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "1E999999999", "1_000", "١٢", "abc", "5件", "١٢件", "-Infinity", "0x1F"])
@layouts
def test_count_that_is_not_a_number_is_gl204_at_its_cell(layout, bad):
    """Letters, NaN, Infinity, exponents, underscores, other scripts' digits and a unit
    where a count is required: GL204 at that cell, never a number, never a crash; the
    identities with it as operand are not checked."""
    three = table_three()
    three["r3_1"][COLUMNS.index("biz")] = bad
    built = report(layout, three)
    found = serious(built.text)
    assert triples(found) == [("GL204", *built.t3[("r3_1", "biz")])]
    assert bad in found[0].message


@layouts
def test_full_width_digits_are_digits(layout):
    three = table_three()
    three["r3_1"] = [value.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}) for value in three["r3_1"]]
    assert triples(serious(report(layout, three).text)) == []


@pytest.mark.parametrize("mark", ["/", "", "—"], ids=["slash", "empty", "dash"])
@layouts
def test_blank_row_is_gl207_not_gl203(layout, mark):
    """Every cell of a row blank (decision 12): one GL207 for the table, no GL203, and the
    identities that need the row are not checked."""
    three = table_three()
    three["r3_6_2"] = [mark] * 7
    built = report(layout, three)
    found = serious(built.text)
    assert [d.code for d in found] == ["GL207"]
    assert "7 个" in found[0].message


# --------------------------------------------------------------------------- title, period, fee

TITLES_GOOD = [
    "某镇人民政府2024年政府信息公开工作年度报告",
    "2024年某镇人民政府政府信息公开工作年度报告",
    "某镇人民政府政府信息公开2024年度报告",
    "某镇人民政府\n2024 年政府信息公开工作年度报告",
    "某经济开发区管委会2024年度政府信息公开年报",
    "某某街道办事处2024年政府信息公开工作年度报告",
    "平潭综合实验区君山片区管理局2024年政府信息公开工\n作年度报告",
    "某片区管理局关于报送2024年度政府信息公开工作年度报告的函",
]
TITLES_BAD = ["2024年政府信息公开工作年度报告", "政府信息公开2024年度报告", "2024年度政府信息公开年报"]
PERIODS_GOOD = [
    "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
    "本报告中所列数据统计时限为2024年1月1日至12月31日。",
    "报告数据统计周期从2024 年1 月1 日至2024 年12 月31 日。",
    "本年度报告中所列数据的统计期为2024年1月1日到2024年12月31日。",
    "现公布本机关2024年度报告，涵盖2024年1月1日至2024年12月31日期间的工作情况。",
    "本报告所列数据的时间范围为2024年1月1日—2024年12月31日。",
    "本报告统计时间：2024.1.1—2024.12.31。",
]
PERIODS_BAD = [
    "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    "本报告中所列数据统计时限为2024年9月1日至12月31日。",
    "数据统计时间从2024年1月1日至2024年11月30日。",
    "本报告数据涵盖2024年3月1日至2024年12月31日。",
    "统计期限为2024.01.01至2023.12.31。",
]
FEES_GOOD = [
    "本年度未收取信息处理费。",
    "2024年，无收取信息处理费情况。",
    "按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，本年度没有产生信息公开处理费。",
    "本年度收取信息处理费共计400元。",
    "政府信息公开收费情况：无。",
    "本年度不存在政府信息公开收费事项。",
    "本年度暂未开展信息处理费收取工作。",
    "本机关本年度未依据《政府信息公开信息处理费管理办法》收取费用。",
]
FEES_BAD = [
    "（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。",
    "本机关依申请提供政府信息，不收取费用。超出合理范围的，将依照《政府信息公开信息处理费管理办法》收取信息处理费。",
    "要求各单位依法落实信息处理费收取规定。",
    "无。",
]


def _variant(layout, title=None, period=None, fee=None) -> tuple[str, int]:
    """The report with its title, period sentence or fee sentence replaced; and the line
    of section 六's heading in it."""
    built = report(layout).text
    if title is not None:
        built = built.replace("某镇人民政府2024年政府信息公开工作年度报告", title, 1)
    if period is not None:
        built = built.replace("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", period, 1)
    if fee is not None:
        built = built.replace("本年度未收取信息处理费。", fee, 1)
    return built, built.split("\n").index("六、其他需要报告的事项") + 1


@pytest.mark.parametrize("title", TITLES_GOOD)
@layouts
def test_title_families_are_accepted(layout, title):
    text, _ = _variant(layout, title=title)
    assert triples(serious(text)) == []


@pytest.mark.parametrize("title", TITLES_BAD)
@layouts
def test_title_without_agency_is_gl104(layout, title):
    text, _ = _variant(layout, title=title)
    assert triples(serious(text)) == [("GL104", 1, 1)]


@pytest.mark.parametrize("period", PERIODS_GOOD)
@layouts
def test_period_families_are_accepted(layout, period):
    text, _ = _variant(layout, period=period)
    assert triples(lint_text(text, select=["GL"])) == []


@pytest.mark.parametrize("period", PERIODS_BAD)
@layouts
def test_period_other_than_the_calendar_year_is_gl403(layout, period):
    text, _ = _variant(layout, period=period)
    assert [(d.code, d.span.line) for d in serious(text)] == [("GL403", 2)]


@pytest.mark.parametrize("fee", FEES_GOOD)
@layouts
def test_fee_statement_families_are_accepted(layout, fee):
    text, _ = _variant(layout, fee=fee)
    assert triples(serious(text)) == []


@pytest.mark.parametrize("fee", FEES_BAD)
@layouts
def test_fee_requirement_policy_or_none_is_gl501(layout, fee):
    text, heading = _variant(layout, fee=fee)
    found = serious(text)
    assert [(d.code, d.span.line) for d in found] == [("GL501", heading)]


HEADINGS_FIVE = ["五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施", "五、存在的主要问题和整改措施",
                 "五、存在的主要问题及明年工作计划", "五、存在问题及改进情况"]


def _combinations(count: int):
    """``count`` reports, each mixing one layout with one title, period, fee and heading
    family (every family of each list is used; the strides make the mixtures differ)."""
    for i in range(count):
        yield (ALL_LAYOUTS[i % len(ALL_LAYOUTS)], TITLES_GOOD[(i * 3) % len(TITLES_GOOD)],
               PERIODS_GOOD[(i * 5) % len(PERIODS_GOOD)], FEES_GOOD[(i * 7) % len(FEES_GOOD)],
               HEADINGS_FIVE[(i * 2) % len(HEADINGS_FIVE)])


@pytest.mark.parametrize("layout,title,period,fee,heading", list(_combinations(48)),
                         ids=lambda value: getattr(value, "name", None) or str(value)[:8])
def test_honest_reports_mixing_every_family_are_clean(layout, title, period, fee, heading):
    text, _ = _variant(layout, title=title, period=period, fee=fee)
    text = text.replace("五、存在的主要问题及改进情况", heading, 1)
    assert triples(lint_text(text, select=["GL"])) == []
