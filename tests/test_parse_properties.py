"""Stage 3 and the whole pipeline under random input: ``classify`` gives one token per line,
``parse`` accepts any sequence of lines, and ``lint_bytes`` never raises and only ever
points inside the file it was given — for arbitrary bytes and for damaged seed reports."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, lint_text
from govlint._parser import Token, Tree
from govlint.lint import check_kinds, default_ruleset, lint_bytes, model
from govlint.parse import TableBlock, classify, parse
from govlint.sources import UnreadableInput, decode

KINDS = {"HEADING", "TEXT", "ROWSEP", "PIPE_ROW", "PIPE_SEP", "PIPE_ONLY", "FLAT_CELL",
         "TAB_ROW", "TAB_CELL", "TAB_EMPTY", "CONT", "BARE_VALUE", "SPACE_ROW"}
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Deterministic runs: a property either holds for this fixed set of examples or it does not,
# so a test can never flip between runs.
PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
SEED_LINES = [line for text in SEED_TEXTS.values() for line in LINE_BREAK.split(text)]


@lru_cache(maxsize=1)
def every_rule():
    """Every rule of the national pack, the ones off by default included."""
    return default_ruleset().select(["GL"], None)


# --------------------------------------------------------------------------- line strategies

HEADINGS = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "一、主要问题", "二、改进情况", "三、本年度办理结果", "四、结转下年度继续办理", "七、其他",
    "十二、附则", "一.总体情况", "二，主动公开", "  三、收到和处理政府信息公开申请情况  ",
    "一、总体情况：2023年，我镇继续推进政务公开。", "六、其他需要报告的事项。本年度未收取信息处理费。",
]
PIPE = ["| 行政复议 | | | | |", "| 1 | 0 | 0 | 0 | 1 |", "|---|---|---|", "|||", "| |", "|",
        "| 规章 | 0 | 0 | 0 |", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "行政许可 |", "0 |", "| 一、本年新收政府信息公开申请数量 | | 0 | 0 | 0 | 0 | 0 | 0 |"]
TABS = ["\t规章", "\t0", "\t", "\t\t", "规章\t0\t0\t0", "\t信息内容\t本年处理决定数量", "行政处罚\t1",
        "\t1.属于国家秘密", "\t（七）总计\t0", "\t第二十条第（一）项", "\t商业", "企业", "审结", "\t 0 "]
VALUES = ["0", "12", "1,234", "3.5", "-1", "−2", "/", "-", "—", "——", "无", "空", "－", "／"]
PROSE = ["某镇人民政府2024年政府信息公开工作年度报告", "本年度未收取信息处理费。",
         "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "（一）主动公开",
         "2023年，我镇通过政府网站公开信息57条。", "2025年1月20日", "某镇人民政府", "[image: x]", "政府信息公開(kāi)"]
BLANKS = ["", " ", "   ", "\u3000"]
SPACES = ["规章 0 0 0", "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0", "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0", "- 3 -",
          "自然人 法人或其他组织 总计", "四、结转下年度继续办理 0 0 0 0 0 0 0", "六、其他需要报告的事项 无"]
ODD_VALUES = ["NaN", "Infinity", "1E999999999", "1_000", "١٢", "55（含自然失效29件）", "5件", "\t-Infinity", "<!--[if !supportLists]-->"]

known_line = st.sampled_from(HEADINGS + PIPE + TABS + VALUES + PROSE + BLANKS + SPACES + ODD_VALUES)
random_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30)
seed_line = st.sampled_from(SEED_LINES)
any_line = st.one_of(known_line, known_line, seed_line, random_line)
documents = st.lists(any_line, max_size=60)


# --------------------------------------------------------------------------- classify

@PROPERTY
@given(documents)
@example([])
@example([""])
@example(["\t", "", "\t", "", ""])
def test_classify_gives_one_token_per_line(lines):
    """One token per line, in order, except blank lines outside tables (no structure)."""
    tokens = classify(lines)
    numbers = [token.line for token in tokens]
    assert numbers == sorted(set(numbers))
    for token in tokens:
        assert isinstance(token, Token)
        assert str(token) == lines[token.line - 1]
        assert token.type in KINDS
    kept = set(numbers)
    for number, line in enumerate(lines, start=1):
        if number not in kept:
            assert line.strip() == "" and "\t" not in line


@PROPERTY
@given(documents)
def test_classify_rowsep_only_between_table_lines(lines):
    """ROWSEP is a blank line inside a table: a table line comes before and after it."""
    tokens = classify(lines)
    table = {"PIPE_ROW", "PIPE_SEP", "PIPE_ONLY", "FLAT_CELL", "TAB_ROW", "TAB_CELL", "TAB_EMPTY", "CONT", "BARE_VALUE", "SPACE_ROW"}
    kinds = [t.type for t in tokens]
    for i, token in enumerate(tokens):
        if token.type == "ROWSEP":
            assert not lines[token.line - 1].strip()
            before = next(k for k in reversed(kinds[:i]) if k != "ROWSEP")
            after = next(k for k in kinds[i + 1:] if k != "ROWSEP")
            assert before in table and after in table


def test_classify_examples():
    lines = ["一、总体情况", "", "| a | 1 |", "|---|---|", "", "| b | 2 |", "\t规章", "\t", "0", "行政许可 |", "a\tb", "正文。"]
    assert [t.type for t in classify(lines)] == [
        "HEADING", "PIPE_ROW", "PIPE_SEP", "ROWSEP", "PIPE_ROW", "TAB_CELL", "TAB_EMPTY",
        "BARE_VALUE", "FLAT_CELL", "TAB_ROW", "TEXT"]


# --------------------------------------------------------------------------- parse

def _leaves(tree: Tree) -> list[Token]:
    """The line tokens of the tree, in order, those inside each table's TABLE token included."""
    return [line for child in tree.children
            for line in (_leaves(child) if isinstance(child, Tree) else child.rows if isinstance(child, TableBlock) else [child])]


@PROPERTY
@given(documents)
@example([])
@example(["", "", ""])
@example(["\t"] * 5)
@example(["一、总体情况"] * 3 + ["|---|"] + [""] * 2 + ["0"])
def test_parse_never_raises_and_keeps_every_line(lines):
    tree = parse(lines)
    assert isinstance(tree, Tree) and tree.data == "start"
    assert tree.children and tree.children[0].data == "preamble"
    assert all(child.data == "section" for child in tree.children[1:])
    leaves = _leaves(tree)
    kinds = classify(lines)
    # every non-blank line appears exactly once, in order, with its own text
    assert [leaf.line for leaf in leaves] == [t.line for t in kinds]
    for leaf in leaves:
        assert str(leaf) == lines[leaf.line - 1]
    for section in tree.children[1:]:
        assert section.children[0].type == "HEADING"
    for table in tree.find_data("table"):  # a table is one maximal run of table lines
        assert len(table.children) == 1 and table.children[0].rows[0].type != "ROWSEP"


# --------------------------------------------------------------------------- positions of findings

def assert_inside(spans, lines: list[str]):
    """Every finding lies inside the file: lines exist, columns are within the line (or one
    past its end), and a span does not end before it starts. ``spans`` are (code, Span)."""
    for code, span in spans:
        where = f"{code} at {span}"
        if not lines:  # unreadable: the whole file
            assert (span.line, span.column, span.end_line, span.end_column) == (1, 1, 1, 1), where
            continue
        assert 1 <= span.line <= len(lines), where
        assert 1 <= span.end_line <= len(lines), where
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, where
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, where
        assert (span.line, span.column) <= (span.end_line, span.end_column), where


def findings(data: bytes, format_version: str = "2021"):
    """(lines, [(code, span, variant, values)]) from every rule's check, run on the model
    directly: the positions every rule computes, independent of message formatting."""
    report = model("doc.txt", data, format_version)[0]
    try:
        lines = decode(data).lines  # the original file, as an editor numbers its lines
    except UnreadableInput:
        lines = []
    kinds = check_kinds()
    found = []
    for rule in every_rule():
        for finding in kinds[rule.kind].run(report, rule.params):
            found.append((rule.code, finding.span, finding.variant, finding.values))
    return lines, found


def check_positions(data: bytes, format_version: str = "2021") -> list[str]:
    lines, found = findings(data, format_version)
    assert_inside([(code, span) for code, span, _, _ in found], lines)
    return lines


TITLELESS = "一、总体情况\n本镇政府信息公开工作稳步推进。\n"  # sections, no title: GL104 "missing"


def test_report_without_title_does_not_crash():
    """Regression: GL104's "missing" message needs {year}; the check once gave no values (KeyError)."""
    diagnostics = lint_text(TITLELESS)
    gl104 = [d for d in diagnostics if d.code == "GL104"]
    assert [(d.span.line, d.span.column) for d in gl104] == [(1, 1)]
    assert "年政府信息公开工作年度报告" in gl104[0].message


@PROPERTY
@given(st.binary(max_size=3000))
@example(TITLELESS.encode("utf-8"))
def test_lint_bytes_never_raises_on_arbitrary_bytes(data):
    linted = lint_bytes("random.txt", data, every_rule())
    try:
        lines = decode(data).lines
    except UnreadableInput:
        lines = []
    assert_inside([(d.code, d.span) for d in linted.diagnostics], lines)
    codes = [d.code for d in linted.diagnostics]
    if "GL001" in codes:
        assert codes == ["GL001"]


@PROPERTY
@given(st.binary(max_size=3000))
@example(b"")
@example(b"\x00")
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00\x00")
@example(b"\r\r\n\n\r")
@example(b"\xff\xfe" + "一、总体情况\r\n\x00\t".encode("utf-16-le"))
def test_every_check_on_arbitrary_bytes_points_inside_the_file(data):
    check_positions(data)


@PROPERTY
@given(st.lists(st.one_of(known_line, seed_line, random_line), max_size=80),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_positions_inside_for_random_documents(lines, newline):
    data = newline.join(lines).encode("utf-8")
    original = check_positions(data)
    if "\x00" in data.decode("utf-8"):  # a NUL makes it a binary file
        assert original == []
    else:
        assert original == LINE_BREAK.split(newline.join(lines))


# --------------------------------------------------------------------------- mutated seeds

JUNK = st.one_of(
    st.sampled_from(HEADINGS + PIPE + TABS + VALUES + PROSE + BLANKS + ["\t\t\t", "|||||", "(kāi)", "\ufffd", "锟斤拷", "\u200b"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\ufeff\x00"), max_size=20),
)


@st.composite
def mutated_seed(draw):
    """A seed report's lines after a few random edits."""
    name = draw(st.sampled_from(sorted(SEED_TEXTS)))
    lines = LINE_BREAK.split(SEED_TEXTS[name])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "splice", "truncate_line", "delete_run"]))
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(JUNK))
        elif op == "splice":  # junk inside a line
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(JUNK) + line[k:]
        elif op == "truncate_line":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "delete_run":
            j = draw(st.integers(i, min(len(lines), i + 30)))
            del lines[i:j]
    if draw(st.booleans()):  # truncate the whole report
        text = "\n".join(lines)
        text = text[: draw(st.integers(0, len(text)))]
        lines = LINE_BREAK.split(text)
    return lines


def _seed_without_title(prefix: str) -> list[str]:
    name = next(n for n in SEED_TEXTS if n.startswith(prefix))
    lines = LINE_BREAK.split(SEED_TEXTS[name])
    first_section = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    return lines[first_section:]


@PROPERTY
@given(mutated_seed(), st.sampled_from(["\n", "\r\n", "\r"]))
@example(_seed_without_title("000"), "\n")
def test_lint_bytes_never_raises_on_mutated_seeds(lines, newline):
    text = newline.join(lines)
    linted = lint_bytes("seed.txt", text.encode("utf-8"), every_rule())
    lines = LINE_BREAK.split(text)
    flagged = {d.span.line: lines[d.span.line - 1] for d in linted.diagnostics}
    assert flagged.items() <= linted.lines.items()  # only the flagged lines are kept, and at most a row label for each
    assert all(linted.lines[n] == lines[n - 1] for n in linted.lines) and len(linted.lines) <= 2 * len(flagged)
    assert_inside([(d.code, d.span) for d in linted.diagnostics], lines)


@PROPERTY
@given(mutated_seed(), st.sampled_from(["\n", "\r\n", "\r"]))
@example(_seed_without_title("000"), "\n")
def test_every_check_on_mutated_seeds_points_inside_the_file(lines, newline):
    text = newline.join(lines)
    assert check_positions(text.encode("utf-8")) == LINE_BREAK.split(text)


@PROPERTY
@given(mutated_seed(), st.data())
def test_seeds_damaged_at_the_byte_level(lines, data):
    """Byte-level damage: cut inside a UTF-8 sequence, or insert raw bytes."""
    raw = "\n".join(lines).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=8))
    at = data.draw(st.integers(0, cut))
    check_positions(raw[:at] + junk + raw[at:cut])


@PROPERTY
@given(mutated_seed())
def test_auto_format_never_raises_on_mutated_seeds(lines):
    text = "\n".join(lines)
    assert check_positions(text.encode("utf-8"), "auto") == LINE_BREAK.split(text)


@PROPERTY
@given(mutated_seed())
def test_mutated_seeds_give_the_same_findings_in_every_encoding(lines):
    text = "\n".join(lines)
    expected = findings(text.encode("utf-8"))[1]
    variants = {
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
    }
    gb = text.encode("gb18030")
    try:
        gb.decode("utf-8")
    except UnicodeDecodeError:
        variants["gb18030"] = gb  # (bytes that are also valid UTF-8 are read as UTF-8, rightly)
    for name, data in variants.items():
        assert findings(data)[1] == expected, name


def test_every_seed_as_given_lints_inside_the_file():
    for name, text in SEED_TEXTS.items():
        linted = lint_bytes(name, text.encode("utf-8"), every_rule())
        assert linted.diagnostics, name  # the rules really ran
        assert_inside([(d.code, d.span) for d in linted.diagnostics], LINE_BREAK.split(text))
        assert check_positions(text.encode("utf-8")) == LINE_BREAK.split(text)


# --------------------------------------------------------------------------- findings point at the flagged text
# Regressions for positions that were wrong (found by the properties above).

def _flagged(text: str, diagnostic) -> str:
    lines = LINE_BREAK.split(text)
    span = diagnostic.span
    assert span.end_line == span.line
    return lines[span.line - 1][span.column - 1: span.end_column - 1]


TITLE = "某镇人民政府2024年政府信息公开工作年度报告\n"


def test_finding_in_a_continued_cell_stays_inside_the_file():
    """Regression: a cell label continued on the next line (CONT) in a text section was one
    paragraph located on its first line, so GL404 columns ran past the end of that line."""
    text = TITLE + "一、总体情况\n\t工作开展\n共计2023年全镇\n"
    diagnostics = [d for d in lint_text(text) if d.code == "GL404"]
    assert diagnostics
    assert_inside([(d.code, d.span) for d in diagnostics], LINE_BREAK.split(text))
    assert [(d.span.line, _flagged(text, d)) for d in diagnostics] == [(4, "2023年")]


def test_stale_year_after_a_heading_on_the_same_line_points_at_the_year():
    """Regression: text after a heading on the same line was located at the heading."""
    text = TITLE + "一、总体情况：2023年，我镇继续推进政务公开。\n"
    (gl404,) = [d for d in lint_text(text) if d.code == "GL404"]
    assert _flagged(text, gl404) == "2023年"


def test_stale_year_in_a_tab_separated_cell_points_at_the_year():
    """Regression: a finding in the second cell of a tab row in a text section pointed at the first cell."""
    text = TITLE + "一、总体情况\n\t说明\t2023年，我镇继续推进政务公开。\n"
    (gl404,) = [d for d in lint_text(text) if d.code == "GL404"]
    assert _flagged(text, gl404) == "2023年"


def test_stale_year_in_a_plain_paragraph_points_at_the_year():
    text = TITLE + "一、总体情况\n\u3000\u30002023年，我镇继续推进政务公开。\n"
    (gl404,) = [d for d in lint_text(text) if d.code == "GL404"]
    assert _flagged(text, gl404) == "2023年"


def test_heading_with_trailing_spaces_is_flagged_whole():
    """Regression: trailing spaces after a heading made its span end early ('二、主动公开政府信息')."""
    text = TITLE + "一、总体情况\n本年度工作平稳。\n二、主动公开政府信息情况  \n本年度无。\n"
    (gl201,) = lint_text(text, select=["GL201"])
    assert _flagged(text, gl201) == "二、主动公开政府信息情况"


def test_heading_without_trailing_spaces_is_flagged_whole():
    text = TITLE + "一、总体情况\n本年度工作平稳。\n\u3000二、主动公开政府信息情况\n本年度无。\n"
    (gl201,) = lint_text(text, select=["GL201"])
    assert _flagged(text, gl201) == "二、主动公开政府信息情况"


def test_period_statement_after_a_heading_points_at_the_statement():
    """Same cause as the heading-tail regression, for GL403."""
    text = TITLE + "一、总体情况：本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
    (gl403,) = [d for d in lint_text(text) if d.code == "GL403"]
    assert _flagged(text, gl403).startswith("统计期限自2023年1月1日")
