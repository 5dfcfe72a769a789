"""The balance rules (勾稽关系, GL301–GL304) on complete tables 三 and 四 with non-zero
numbers, in the layouts real reports arrive in: markdown pipe rows (with the three label
columns and header rows of a converted Word table, and plain ``| label | 1 | … |``),
tab-separated rows, one cell per line (a leading tab, blank lines between rows) and
flattened ``cell |`` lines.

A balanced table gives no finding. Each identity is then broken alone: the mutations
change cells so that exactly one rule fires (the other identities stay balanced), and
the finding is checked for its position (the cell the rule points at, computed by the
generator that wrote the cell) and for its message (table, row or column, the value
found and the value expected). Blank cells (``/`` or empty) are unknown, not 0: an
identity with a blank operand is skipped, the others are still checked.

Why some breaks give two findings: if every row total holds, the outcome-total
(GL302) and balance (GL303) differences of the six applicant columns add up to the
difference of the 总计 column, so one of those identities cannot fail in a single
column; and every table 三 row is an operand of GL302 or GL303, so a single row total
cannot fail alone either. A blank operand is the only way to isolate one finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import lint_text, triples

BALANCE_RULES = ["GL301", "GL302", "GL303", "GL304"]

COLUMNS = ["np", "biz", "sci", "npo", "law", "oth", "tot"]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (row id, the three label columns of the standard table 三)
ROWS = [
    ("r1", ["一、本年新收政府信息公开申请数量", "", ""]),
    ("r2", ["二、上年结转政府信息公开申请数量", "", ""]),
    ("r3_1", ["三、本年度办理结果", "（一）予以公开", ""]),
    ("r3_2", ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""]),
    ("r3_3_1", ["", "（三）不予公开", "1.属于国家秘密"]),
    ("r3_3_2", ["", "", "2.其他法律行政法规禁止公开"]),
    ("r3_3_3", ["", "", "3.危及“三安全一稳定”"]),
    ("r3_3_4", ["", "", "4.保护第三方合法权益"]),
    ("r3_3_5", ["", "", "5.属于三类内部事务信息"]),
    ("r3_3_6", ["", "", "6.属于四类过程性信息"]),
    ("r3_3_7", ["", "", "7.属于行政执法案卷"]),
    ("r3_3_8", ["", "", "8.属于行政查询事项"]),
    ("r3_4_1", ["", "（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("r3_4_2", ["", "", "2.没有现成信息需要另行制作"]),
    ("r3_4_3", ["", "", "3.补正后申请内容仍不明确"]),
    ("r3_5_1", ["", "（五）不予处理", "1.信访举报投诉类申请"]),
    ("r3_5_2", ["", "", "2.重复申请"]),
    ("r3_5_3", ["", "", "3.要求提供公开出版物"]),
    ("r3_5_4", ["", "", "4.无正当理由大量反复申请"]),
    ("r3_5_5", ["", "", "5.要求行政机关确认或重新出具已获取信息"]),
    ("r3_6_1", ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("r3_6_2", ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("r3_6_3", ["", "", "3.其他"]),
    ("r3_7", ["", "（七）总计", ""]),
    ("r4", ["四、结转下年度继续办理", "", ""]),
]
ROW_IDS = [r for r, _ in ROWS]
ROW_LABEL = {r: next(label for label in labels[::-1] if label) for r, labels in ROWS}
OUTCOMES = [r for r in ROW_IDS if r.startswith("r3_") and r != "r3_7"]
T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def table_three() -> dict[str, list[str]]:
    """A table 三 whose every cell is non-zero and every identity holds."""
    values = {}
    for i, row in enumerate(OUTCOMES):
        values[row] = [1 + ((i + 1) * (c + 2) + c * c) % 9 for c in range(6)]
    values["r3_7"] = [sum(values[r][c] for r in OUTCOMES) for c in range(6)]
    values["r2"] = [2 + c for c in range(6)]
    values["r4"] = [3 + (c * 2) % 5 for c in range(6)]
    values["r1"] = [values["r3_7"][c] + values["r4"][c] - values["r2"][c] for c in range(6)]
    return {row: [str(v) for v in values[row] + [sum(values[row])]] for row in ROW_IDS}


def table_four() -> list[str]:
    """Fifteen non-zero values, each group's 总计 the sum of its four results."""
    groups = [[3, 2, 4, 1], [2, 1, 3, 2], [1, 4, 2, 5]]
    return [str(v) for group in groups for v in group + [sum(group)]]


def t4_index(group: str, result: str) -> int:
    return T4_GROUPS.index(group) * 5 + T4_RESULTS.index(result)


def shift(cells: dict[str, list[str]], row: str, column: str, delta: int) -> None:
    index = COLUMNS.index(column)
    cells[row][index] = str(int(cells[row][index]) + delta)


# --------------------------------------------------------------------------- layouts
#
# Each layout writes lines and records where it put every value cell and row label:
# (row, column or "label") -> (line index within the lines it returned, 1-based column);
# for table 四, value index -> position. The report adds the offset of the table's first line.


@dataclass
class Rendered:
    lines: list[str]
    where: dict  # key -> (0-based line within lines, 1-based column)


def _grid_line(cells: list[str], sep: str, lead: str, tail: str) -> tuple[str, list[int]]:
    """Join cells; return the line and the 1-based column where each cell's text starts."""
    line, starts = lead, []
    for index, text in enumerate(cells):
        if index:
            line += sep
        starts.append(len(line) + 1)
        line += text
    return line + tail, starts


class Markdown:
    """| label | | | 1 | 2 | … |, as converters of Word tables write it (Huai'an 2024)."""

    name = "markdown"

    def _line(self, cells):
        return _grid_line(cells, " | ", "| ", " |")

    def t3(self, cells) -> Rendered:
        lines, where = [], {}
        header = [
            [NOTE, "", "", "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ]
        for row in header:
            lines.append(self._line(row)[0])
        for row, labels in ROWS:
            line, starts = self._line(labels + cells[row])
            for c, column in enumerate(COLUMNS):
                where[(row, column)] = (len(lines), starts[3 + c])
            where[(row, "label")] = (len(lines), starts[max(i for i, label in enumerate(labels) if label)])
            lines.append(line)
        return Rendered(lines, where)

    def t4(self, values) -> Rendered:
        header = [
            ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
            T4_RESULTS + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [""] * 5 + T4_RESULTS * 2,
        ]
        lines = [self._line(row)[0] for row in header]
        line, starts = self._line(values)
        where = {i: (len(lines), starts[i]) for i in range(15)}
        lines.append(line)
        return Rendered(lines, where)


class PlainMarkdown(Markdown):
    """| label | 1 | 2 | … | 7 |: one label column and no header rows."""

    name = "plain-markdown"

    def t3(self, cells) -> Rendered:
        lines, where = [], {}
        for row, _ in ROWS:
            line, starts = self._line([ROW_LABEL[row]] + cells[row])
            for c, column in enumerate(COLUMNS):
                where[(row, column)] = (len(lines), starts[1 + c])
            where[(row, "label")] = (len(lines), starts[0])
            lines.append(line)
        return Rendered(lines, where)

    def t4(self, values) -> Rendered:
        lines = [self._line(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9)[0]]
        line, starts = self._line(values)
        lines.append(line)
        return Rendered(lines, {i: (1, starts[i]) for i in range(15)})


class Tabs(Markdown):
    """label<TAB><TAB>1<TAB>2…, as text copied out of a Word table (seed 003)."""

    name = "tabs"

    def _line(self, cells):
        return _grid_line(cells, "\t", "", "")


class CellPerLine:
    """<TAB>cell on each line, a blank line between rows (seed 004)."""

    name = "cell-per-line"

    def t3(self, cells) -> Rendered:
        lines, where = [], {}
        header = [[NOTE, "申请人情况"], ["", "自然人", "法人或其他组织", "总计"],
                  ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
        for row in header:
            lines.extend("\t" + text for text in row)
            lines.append("")
        for row, labels in ROWS:
            # leading empty label cells are written as "<TAB>" lines, the labels as "<TAB>label"
            last = max(i for i, label in enumerate(labels) if label)
            lines.extend("\t" + label for label in labels[: last + 1])
            where[(row, "label")] = (len(lines) - 1, 2)
            for column, value in zip(COLUMNS, cells[row]):
                where[(row, column)] = (len(lines), 2)
                lines.append("\t" + value)
            lines.append("")
        return Rendered(lines[:-1], where)

    def t4(self, values) -> Rendered:
        lines = ["\t行政复议", "\t行政诉讼", ""]
        lines += ["\t" + t for t in T4_RESULTS] + ["\t未经复议直接起诉", "\t复议后起诉", ""]
        lines += ["\t"] * 5 + ["\t" + t for t in T4_RESULTS * 2] + [""]
        where = {}
        for i, value in enumerate(values):
            where[i] = (len(lines), 2)
            lines.append("\t" + value)
        return Rendered(lines, where)


class Flattened:
    """cell | on each line, ``||`` between rows (seed 001)."""

    name = "flattened"

    def t3(self, cells) -> Rendered:
        lines = [NOTE + " |", "申请人情况 |", "||||||||", "自然人 |", "法人或其他组织 |", "总计 |", "|||||||",
                 "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "|||||"]
        where = {}
        for row, labels in ROWS:
            lines.extend(label + " |" for label in labels if label)
            where[(row, "label")] = (len(lines) - 1, 1)
            for column, value in zip(COLUMNS, cells[row]):
                where[(row, column)] = (len(lines), 1)
                lines.append(value + " |" if value else "|")
            lines.append("||")
        return Rendered(lines[:-1], where)

    def t4(self, values) -> Rendered:
        lines = ["行政复议 |", "行政诉讼 |", "|||||||||||||"] + [t + " |" for t in T4_RESULTS]
        lines += ["未经复议直接起诉 |", "复议后起诉 |", "||||||||"] + [t + " |" for t in T4_RESULTS * 2] + ["|||||"]
        where = {}
        for i, value in enumerate(values):
            where[i] = (len(lines), 1)
            lines.append(value + " |")
        return Rendered(lines, where)


LAYOUTS = [Markdown(), PlainMarkdown(), Tabs(), CellPerLine(), Flattened()]

TABLE_TWO = """\
| 第二十条第（一）项 | | | |
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 1 | 2 | 9 |
| 行政规范性文件 | 4 | 3 | 17 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 35 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | 12 | | |
| 行政强制 | 3 | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 2.5 | | |"""


@dataclass
class Report:
    text: str
    t3: dict  # (row, column) -> (line, column), 1-based
    t4: dict  # index 0..14 -> (line, column)


def report(layout, three=None, four=None) -> Report:
    three = three if three is not None else table_three()
    four = four if four is not None else table_four()
    lines = [
        "某镇人民政府2024年政府信息公开工作年度报告",
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "一、总体情况",
        "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障。",
        "二、主动公开政府信息情况",
        *TABLE_TWO.splitlines(),
        "三、收到和处理政府信息公开申请情况",
        "",
    ]
    t3 = layout.t3(three)
    base3 = len(lines) + 1
    lines += t3.lines + ["", "四、政府信息公开行政复议、行政诉讼情况", ""]
    t4 = layout.t4(four)
    base4 = len(lines) + 1
    lines += t4.lines + [
        "",
        "五、存在的主要问题及改进情况",
        "信息更新不够及时。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "2025年1月20日",
        "",
    ]
    return Report(
        "\n".join(lines),
        {key: (base3 + line, column) for key, (line, column) in t3.where.items()},
        {key: (base4 + line, column) for key, (line, column) in t4.where.items()},
    )


def balances(text):
    return lint_text(text, select=BALANCE_RULES)


layouts = pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)


# --------------------------------------------------------------------------- balanced

@layouts
def test_balanced_tables_give_no_balance_finding(layout):
    assert triples(balances(report(layout).text)) == []


@layouts
def test_balanced_report_is_read_completely_and_is_clean(layout):
    """The generated report is a complete, correct one: every table cell placed where the
    generator put it, and no rule of the pack (GL402 included) has anything to say."""
    from govlint.lint import model

    built = report(layout)
    parsed, _ = model("report.txt", built.text.encode("utf-8"))
    t3, t4 = parsed.tables["t3"], parsed.tables["t4"]
    assert len(t3.rows) == 25 and not t3.unplaced_rows and not t3.unknown_rows
    expected = table_three()
    for (row, column), (line, col) in built.t3.items():
        if column == "label":
            assert (t3.rows[row].label.span.line, t3.rows[row].label.span.column) == (line, col), row
            continue
        got = t3.cell(row, column)
        assert got.text == expected[row][COLUMNS.index(column)]
        assert (got.span.line, got.span.column) == (line, col), (row, column)
    main = t4.rows["main"]
    assert main.placed and [c.text for c in main.values] == table_four()
    assert [(c.span.line, c.span.column) for c in main.values] == [built.t4[i] for i in range(15)]
    everything = lint_text(built.text, select=["GL"])
    assert triples(everything) == []


# --------------------------------------------------------------------------- GL301

@layouts
def test_row_total_broken_in_two_rows_that_keep_the_balance(layout):
    """新收 and 结转下年度 总计 both one too high: 一+二 = （七）+四 still holds in the
    总计 column, neither row is an operand of GL302, so only their row totals fail."""
    three = table_three()
    shift(three, "r1", "tot", 1)
    shift(three, "r4", "tot", 1)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL301", *built.t3[("r1", "tot")]), ("GL301", *built.t3[("r4", "tot")])]
    first, second = found
    assert first.message == "表三“一、本年新收政府信息公开申请数量”行：“总计”为 635，但六类申请人之和为 634（相差 1）"
    assert "表三" in second.message and "“四、结转下年度继续办理”行" in second.message
    assert "为 29" in second.message and "为 28" in second.message


@layouts
def test_row_total_alone_when_a_blank_hides_the_column_identity(layout):
    """（一）予以公开 总计 one too high, and （二）部分公开's 总计 left as “/”: the GL302
    identity of the 总计 column has a blank operand and is skipped, and so is the row
    total of （二）; （一）'s row total is the one finding."""
    three = table_three()
    shift(three, "r3_1", "tot", 1)
    three["r3_2"][6] = "/"
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL301", *built.t3[("r3_1", "tot")])]
    assert found[0].message == "表三“（一）予以公开”行：“总计”为 35，但六类申请人之和为 34（相差 1）"


# --------------------------------------------------------------------------- GL302

@layouts
def test_outcome_total_broken_in_one_applicant_column_and_in_total(layout):
    """One more 自然人 予以公开 (row total raised with it): （七）总计 no longer sums the
    outcomes in 自然人 and in 总计. Every row total holds, and （七）总计 itself is
    unchanged, so 一+二 = （七）+四 (GL303) still holds."""
    three = table_three()
    shift(three, "r3_1", "np", 1)
    shift(three, "r3_1", "tot", 1)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL302", *built.t3[("r3_7", "np")]), ("GL302", *built.t3[("r3_7", "tot")])]
    np_, tot = found
    assert np_.message == "表三“自然人”列：“（七）总计”为 105，但（一）至（六）各行之和为 106（相差 -1）"
    assert tot.message == "表三“总计”列：“（七）总计”为 633，但（一）至（六）各行之和为 634（相差 -1）"


@layouts
def test_outcome_total_alone_in_one_column(layout):
    """The same, with （二）部分公开 总计 blank: only the 自然人 column is checked and fails."""
    three = table_three()
    shift(three, "r3_1", "np", 1)
    shift(three, "r3_1", "tot", 1)
    three["r3_2"][6] = "/"
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL302", *built.t3[("r3_7", "np")])]
    assert "表三" in found[0].message and "“自然人”列" in found[0].message
    assert "为 105" in found[0].message and "为 106" in found[0].message


@layouts
def test_outcome_total_in_two_applicant_columns_that_cancel_in_the_row(layout):
    """A 申请 moved from 商业企业 to 科研机构 in 8.属于行政查询事项: the row total holds,
    the 总计 column holds, the two applicant columns fail."""
    three = table_three()
    shift(three, "r3_3_8", "biz", -1)
    shift(three, "r3_3_8", "sci", 1)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL302", *built.t3[("r3_7", "biz")]), ("GL302", *built.t3[("r3_7", "sci")])]
    biz, sci = found
    assert "“商业企业”列" in biz.message and "为 105" in biz.message and "为 104" in biz.message and "相差 1" in biz.message
    assert "“科研机构”列" in sci.message and "为 111" in sci.message and "为 112" in sci.message and "相差 -1" in sci.message


# --------------------------------------------------------------------------- GL303

@layouts
def test_application_balance_broken_in_one_applicant_column_and_in_total(layout):
    """Two more 商业企业 上年结转 (row total raised with them): 一+二 ≠ （七）+四 in
    商业企业 and 总计; （七）总计 still sums the outcomes, every row total holds."""
    three = table_three()
    shift(three, "r2", "biz", 2)
    shift(three, "r2", "tot", 2)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL303", *built.t3[("r3_7", "biz")]), ("GL303", *built.t3[("r3_7", "tot")])]
    biz, tot = found
    assert biz.message == (
        "表三“商业企业”列：“（七）总计”加“四、结转下年度继续办理”为 110，但“一、本年新收”加“二、上年结转”为 112（相差 -2）"
    )
    assert "表三“总计”列" in tot.message and "为 661" in tot.message and "为 663" in tot.message


@layouts
def test_application_balance_alone_in_one_column(layout):
    """The same, with 结转下年度 总计 blank: only 商业企业 is checked and fails."""
    three = table_three()
    shift(three, "r2", "biz", 2)
    shift(three, "r2", "tot", 2)
    three["r4"][6] = "/"
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL303", *built.t3[("r3_7", "biz")])]
    assert "表三" in found[0].message and "“商业企业”列" in found[0].message
    assert "为 110" in found[0].message and "为 112" in found[0].message


@layouts
def test_application_balance_through_the_carry_forward_row(layout):
    """One 其他 application more carried forward to next year (结转下年度, row total
    too): the balance fails in 其他 and 总计, pointing at （七）总计."""
    three = table_three()
    shift(three, "r4", "oth", 1)
    shift(three, "r4", "tot", 1)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL303", *built.t3[("r3_7", "oth")]), ("GL303", *built.t3[("r3_7", "tot")])]
    oth, tot = found
    assert "“其他”列" in oth.message and "为 106" in oth.message and "为 105" in oth.message and "相差 1" in oth.message


# --------------------------------------------------------------------------- GL304

@pytest.mark.parametrize("group", T4_GROUPS)
@layouts
def test_review_litigation_total_broken_in_one_group(layout, group):
    four = table_four()
    index = t4_index(group, "结果纠正")
    total = t4_index(group, "总计")
    before = int(four[total])
    four[index] = str(int(four[index]) + 3)
    built = report(layout, four=four)
    found = balances(built.text)
    assert triples(found) == [("GL304", *built.t4[total])]
    assert found[0].message == (
        f"表四“{group}·总计”为 {before}，但该组结果维持、结果纠正、其他结果、尚未审结之和为 {before + 3}（相差 -3）"
    )


@layouts
def test_review_litigation_total_cell_itself_wrong(layout):
    four = table_four()
    total = t4_index("复议后起诉", "总计")
    four[total] = "11"
    built = report(layout, four=four)
    found = balances(built.text)
    assert triples(found) == [("GL304", *built.t4[total])]
    assert "表四“复议后起诉·总计”为 11" in found[0].message and "之和为 12" in found[0].message and "相差 -1" in found[0].message


@layouts
def test_review_litigation_group_with_a_blank_is_not_checked(layout):
    """行政复议 has a blank 尚未审结 and a wrong 总计: not checked; 复议后起诉 is wrong and is."""
    four = table_four()
    four[t4_index("行政复议", "尚未审结")] = "/"
    four[t4_index("行政复议", "总计")] = "99"
    four[t4_index("复议后起诉", "结果维持")] = "2"
    built = report(layout, four=four)
    found = balances(built.text)
    assert triples(found) == [("GL304", *built.t4[t4_index("复议后起诉", "总计")])]


# --------------------------------------------------------------------------- blanks

@pytest.mark.parametrize("mark", ["/", "—", "无", ""], ids=["slash", "dash", "wu", "empty"])
@layouts
def test_blank_operand_skips_only_its_identities(layout, mark):
    """自然人 of （二）部分公开 blank: its row total and the 自然人 outcome total are
    unknown, not 0, so not checked; the 自然人 balance (which does not involve （二)) and
    every other identity still are: a broken 新收/结转下年度 pair in 总计 is found."""
    three = table_three()
    three["r3_2"][0] = mark
    built = report(layout, three)
    assert triples(balances(built.text)) == []
    shift(three, "r1", "tot", 1)
    shift(three, "r4", "tot", 1)
    shift(three, "r2", "np", 1)  # 一+二 ≠ （七）+四 in 自然人 (and the row total of 二)
    shift(three, "r2", "tot", 1)
    built = report(layout, three)
    assert triples(balances(built.text)) == [
        ("GL301", *built.t3[("r1", "tot")]),
        ("GL303", *built.t3[("r3_7", "np")]),
        ("GL303", *built.t3[("r3_7", "tot")]),
        ("GL301", *built.t3[("r4", "tot")]),
    ]


@pytest.mark.parametrize("mark", ["/", ""], ids=["slash", "empty"])
@layouts
def test_whole_blank_total_column_gives_no_row_total_finding(layout, mark):
    """Only the 总计 column left blank: no GL301 for any of the 25 rows, no check of the 总计
    column; the six applicant columns are still checked."""
    three = table_three()
    for row in ROW_IDS:
        three[row][6] = mark
    built = report(layout, three)
    assert triples(balances(built.text)) == []
    shift(three, "r3_5_2", "law", 2)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL302", *built.t3[("r3_7", "law")])]
    assert "“法律服务机构”列" in found[0].message and "为 105" in found[0].message and "为 107" in found[0].message


@layouts
def test_blank_applicant_columns_with_totals_filled(layout):
    """The common real case: all applicant columns “/”, only 总计 filled. The 总计 column's
    identities are checked (and hold), no row total is."""
    three = table_three()
    for row in ROW_IDS:
        three[row][:6] = ["/"] * 6
    built = report(layout, three)
    assert triples(balances(built.text)) == []
    shift(three, "r1", "tot", 5)
    built = report(layout, three)
    found = balances(built.text)
    assert triples(found) == [("GL303", *built.t3[("r3_7", "tot")])]
    assert "“总计”列" in found[0].message and "为 661" in found[0].message and "为 666" in found[0].message


@pytest.mark.parametrize("mark", ["/", ""], ids=["slash", "empty"])
@layouts
def test_whole_blank_total_column_is_one_blank_cells_finding(layout, mark):
    """The 25 blank 总计 cells are one GL207 for table 三: at the first blank cell, or at
    its row's label when the cell is empty (it has no text to point at)."""
    three = table_three()
    for row in ROW_IDS:
        three[row][6] = mark
    built = report(layout, three)
    found = lint_text(built.text, select=["GL207"])
    where = built.t3[("r1", "tot")] if mark else built.t3[("r1", "label")]
    assert triples(found) == [("GL207", *where)]
    assert "表三有 25 个单元格" in found[0].message and "“一、本年新收政府信息公开申请数量”行“总计”列" in found[0].message
