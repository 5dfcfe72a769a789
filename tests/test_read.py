"""Stage 1, read: the same report in every encoding and line-ending style gives the same
findings at the same original positions; what cannot be read is exactly one GL001 at 1:1,
and the console script keeps going past it."""

from __future__ import annotations

import codecs
import json
import random

import pytest

from conftest import SEEDS, lint_text, run_govlint, triples
from govlint.lint import default_ruleset, lint_file
from govlint.sources import MAX_BYTES, Source, UnreadableInput, decode

# A small but realistic township report. Line 6 starts with two ideographic spaces and
# holds a pinyin gloss, full-width digits and a conversion leftover; table 四 has a
# wrong 行政复议 总计 (1 + 0 + 0 + 0 is not 2); tables 二 and 三 are missing.
REPORT = """某镇人民政府2024年政府信息公开工作年度报告

本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。
一、总体情况
（一）主动公开
　　2024年，某镇通过政府网站主动公开(kāi)政府信息１２条。[image: a1b2c3]
（二）依申请公开
本年度共收到政府信息公开申请0件。
（三）政府信息管理
严格落实保密审查制度。
（四）政府信息公开平台建设
加强政府网站建设。
（五）监督保障
开展政务公开培训2次，未发生责任追究情况。
二、主动公开政府信息情况
规章制发0件。
三、收到和处理政府信息公开申请情况
本年度新收申请0件。
四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
| 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
信息更新不够及时，将加强。
六、其他需要报告的事项
本年度未收取信息处理费。
"""
LINES = REPORT.split("\n")

EXPECTED = [
    ("GL002", 6, 21),  # (kāi)
    ("GL004", 6, 34),  # [image: a1b2c3]
    ("GL201", 15, 1),  # no table 二
    ("GL201", 17, 1),  # no table 三
    ("GL304", 21, 19),  # 行政复议 总计 "2"
]

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def _with_newlines(text: str, newline: str) -> str:
    return text.replace("\n", newline)


def _flagged(diagnostic, lines=LINES) -> str:
    span = diagnostic.span
    assert span.end_line == span.line
    return lines[span.line - 1][span.column - 1: span.end_column - 1]


@pytest.fixture(scope="module")
def baseline():
    return lint_text(REPORT)


def test_baseline_findings_point_at_the_original_text(baseline):
    assert triples(baseline) == EXPECTED
    flagged = {d.code + ":" + str(d.span.line): _flagged(d) for d in baseline}
    assert flagged["GL002:6"] == "(kāi)"
    assert flagged["GL004:6"] == "[image: a1b2c3]"
    assert flagged["GL201:15"] == "二、主动公开政府信息情况"
    assert flagged["GL304:21"] == "2"


def test_the_test_encodings_really_differ():
    """Guard: the variants are different byte strings (GBK is not accidentally UTF-8)."""
    variants = {name: encode(REPORT) for name, encode in ENCODINGS.items() if name != "gbk"}
    assert len(set(variants.values())) == len(variants)  # GBK is GB18030 for these characters
    with pytest.raises(UnicodeDecodeError):
        variants["gb18030"].decode("utf-8")
    assert decode(variants["gb18030"]).encoding == "gb18030"


def test_gb18030_four_byte_characters_are_read():
    """A character outside GBK (a CJK extension character in a place name) is a 4-byte
    GB18030 sequence; the file is still read as GB18030, with unchanged columns."""
    text = REPORT.replace("某镇通过", "䶮镇通过")
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert decode(data).text == text
    assert [(d.code, d.span) for d in lint_text(data)] == [(d.code, d.span) for d in lint_text(text)]
    assert triples(lint_text(data)) == EXPECTED


@pytest.mark.parametrize("newline", list(NEWLINES), ids=list(NEWLINES))
@pytest.mark.parametrize("encoding", list(ENCODINGS), ids=list(ENCODINGS))
def test_every_encoding_and_line_ending_gives_identical_findings(encoding, newline, baseline):
    data = ENCODINGS[encoding](_with_newlines(REPORT, NEWLINES[newline]))
    diagnostics = lint_text(data)
    assert triples(diagnostics) == EXPECTED
    assert [(d.code, d.span, d.message) for d in diagnostics] == [(d.code, d.span, d.message) for d in baseline]


@pytest.mark.parametrize("encoding", list(ENCODINGS), ids=list(ENCODINGS))
def test_mixed_line_endings_and_no_final_newline(encoding, baseline):
    parts = REPORT.rstrip("\n").split("\n")
    endings = ["\r\n", "\n", "\r"]
    text = "".join(part + endings[i % 3] for i, part in enumerate(parts[:-1])) + parts[-1]
    diagnostics = lint_text(ENCODINGS[encoding](text))
    assert [(d.code, d.span) for d in diagnostics] == [(d.code, d.span) for d in baseline]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_source_lines_split_on_every_line_break(newline):
    source = decode(_with_newlines(REPORT, newline).encode("utf-8"))
    assert source.lines == LINES
    assert Source("a\r\nb\rc\nd\n\re", "utf-8").lines == ["a", "b", "c", "d", "", "e"]


@pytest.mark.parametrize("encoding", list(ENCODINGS), ids=list(ENCODINGS))
def test_decode_returns_the_text_without_bom(encoding):
    source = decode(ENCODINGS[encoding](REPORT))
    assert source.text == REPORT
    assert not source.text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"])
def test_bom_does_not_shift_columns_of_the_first_line(encoding):
    text = "某镇人民政府2024年政府信息公开(kāi)工作年度报告\n一、总体情况\n"
    plain = [(d.code, d.span) for d in lint_text(text) if d.code == "GL002"]
    assert plain and plain[0][1].line == 1 and plain[0][1].column == 18
    with_bom = [(d.code, d.span) for d in lint_text(ENCODINGS[encoding](text)) if d.code == "GL002"]
    assert with_bom == plain


TRADITIONAL = "某鎮人民政府2024年政府資訊公開工作年度報告\n一、總體情況\n本年度未收取資訊處理費。\n"


def test_traditional_report_in_utf8_is_read_and_flagged():
    assert triples([d for d in lint_text(TRADITIONAL) if d.code == "GL003"]) == [("GL003", 1, 2)]


def test_big5_report_is_read_as_big5():
    """Regression: Big5 bytes are nearly always valid GB18030, so they were decoded as GB18030
    gibberish ('政府資訊公開' -> '現┎戈癟そ秨') without a word, and the report got GL005."""
    data = TRADITIONAL.encode("big5")
    assert decode(data).text == TRADITIONAL
    assert [(d.code, d.span) for d in lint_text(data)] == [(d.code, d.span) for d in lint_text(TRADITIONAL)]


# --------------------------------------------------------------------------- unreadable input

_rng = random.Random(20240101)
UNREADABLE = {
    "nul-bytes": b"\x00\x00\x00binary\x00data",
    "nul-inside-text": REPORT.encode("utf-8")[:60] + b"\x00" + REPORT.encode("utf-8")[60:],
    "utf-16-without-bom": REPORT.encode("utf-16-le"),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "zip-docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + bytes(40),
    "zip-docx-no-nul": b"PK\x03\x04" + "某镇人民政府2024年政府信息公开工作年度报告".encode("utf-8"),
    "ole-doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 100,
    "undecodable-high-bytes": bytes(range(0x80, 0x100)) * 8,
    "undecodable-random": bytes(_rng.randrange(1, 256) for _ in range(4000)),
    "utf-8-bom-then-garbage": codecs.BOM_UTF8 + b"\xff\xfe\xfd garbage \xc3",
    "utf-16-bom-odd-length": codecs.BOM_UTF16_LE + "某镇".encode("utf-16-le") + b"a",
    "utf-16-bom-lone-surrogate": codecs.BOM_UTF16_LE + b"\x00\xd8a\x00",
}


@pytest.mark.parametrize("data", list(UNREADABLE.values()), ids=list(UNREADABLE))
def test_unreadable_input_is_exactly_one_gl001_at_1_1(data):
    with pytest.raises(UnreadableInput):
        decode(data)
    diagnostics = lint_text(data)
    assert triples(diagnostics) == [("GL001", 1, 1)]
    (only,) = diagnostics
    assert (only.span.end_line, only.span.end_column) == (1, 1)
    assert only.severity == "error"
    assert only.message.strip()


def test_unreadable_message_says_what_the_file_is():
    assert "PDF" in lint_text(UNREADABLE["pdf"])[0].message
    assert "docx" in lint_text(UNREADABLE["zip-docx"])[0].message
    assert "NUL" in lint_text(UNREADABLE["nul-bytes"])[0].message


def test_file_over_20_mb_is_one_gl001(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = ("本年度未收取信息处理费。" * 100 + "\n").encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(REPORT.encode("utf-8"))
        written = len(REPORT.encode("utf-8"))
        while written <= MAX_BYTES:
            handle.write(chunk)
            written += len(chunk)
    assert path.stat().st_size > 20 * 1024 * 1024
    linted = lint_file(str(path), default_ruleset().select(None, None))
    assert triples(linted.diagnostics) == [("GL001", 1, 1)]
    assert "过大" in linted.diagnostics[0].message


def test_file_just_under_the_limit_is_read():
    data = REPORT.encode("utf-8")
    assert decode(data).encoding == "utf-8"
    assert len(data) < MAX_BYTES


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\n\n", b"\r\n  \r\n"],
                         ids=["empty", "bom-only", "utf16-bom-only", "newlines", "blank-lines"])
def test_empty_file_is_gl005_only(data):
    diagnostics = lint_text(data)
    assert triples(diagnostics) == [("GL005", 1, 1)]


# --------------------------------------------------------------------------- console script

def _clean_seed_texts() -> list[bytes]:
    """Seeds 002 and 003 have no finding at warning or error (see test_corpus)."""
    return [next(SEEDS.glob(prefix + "_*.txt")).read_bytes() for prefix in ("002", "003")]


def test_cli_one_unreadable_file_does_not_stop_the_others(tmp_path):
    good_a, good_b = _clean_seed_texts()
    (tmp_path / "a.txt").write_bytes(good_a)
    (tmp_path / "b.txt").write_bytes(UNREADABLE["pdf"])
    (tmp_path / "c.txt").write_bytes(good_b.decode("utf-8").encode("gb18030"))

    clean = run_govlint("a.txt", "c.txt", "--format", "json", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr.decode("utf-8", "replace")
    clean_findings = json.loads(clean.stdout)
    assert {f["path"] for f in clean_findings} <= {"a.txt", "c.txt"}

    result = run_govlint("a.txt", "b.txt", "c.txt", "--format", "json", cwd=tmp_path)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    unreadable = [(f["code"], f["line"], f["column"]) for f in findings if f["path"] == "b.txt"]
    assert unreadable == [("GL001", 1, 1)]
    others = [f for f in findings if f["path"] != "b.txt"]
    assert others == clean_findings


def test_cli_unreadable_files_in_full_and_concise_formats(tmp_path):
    (tmp_path / "bin.txt").write_bytes(UNREADABLE["nul-bytes"])
    (tmp_path / "report.txt").write_bytes(REPORT.encode("gbk"))
    for fmt in ("full", "concise"):
        result = run_govlint("bin.txt", "report.txt", "--format", fmt, cwd=tmp_path)
        stdout = result.stdout.decode("utf-8")
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 1
        assert "Traceback" not in stderr and "internal error" not in stderr
        assert "bin.txt:1:1: GL001" in stdout
        assert "report.txt:21:19: GL304" in stdout
        assert "report.txt:6:21: GL002" in stdout


def test_cli_missing_file_is_exit_2_with_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(REPORT.encode("utf-8"))
    result = run_govlint("a.txt", "does-not-exist.txt", cwd=tmp_path)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "does-not-exist.txt" in stderr
    assert stderr.startswith("govlint: 错误：")


def test_cli_directory_with_non_utf8_and_undecodable_files(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    good_a, good_b = _clean_seed_texts()
    (folder / "a_utf8.txt").write_bytes(good_a)
    (folder / "b_gb18030.txt").write_bytes(good_a.decode("utf-8").encode("gb18030"))
    (folder / "sub" / "c_gbk.txt").write_bytes(REPORT.encode("gbk"))
    (folder / "sub" / "c_utf8.txt").write_bytes(REPORT.encode("utf-8"))
    (folder / "d_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + good_b.decode("utf-8").encode("utf-16-le"))
    (folder / "e_broken.txt").write_bytes(UNREADABLE["undecodable-high-bytes"])
    (folder / "scan.pdf").write_bytes(UNREADABLE["pdf"])  # a damaged PDF: checked, GL001

    result = run_govlint("reports", "--format", "json", cwd=tmp_path)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert result.returncode == 1
    findings = json.loads(result.stdout)

    def of(name):
        return [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings if f["path"].endswith(name)]

    assert [t[:3] for t in of("scan.pdf")] == [("GL001", 1, 1)]
    assert [t[:3] for t in of("e_broken.txt")] == [("GL001", 1, 1)]
    assert of("b_gb18030.txt") == of("a_utf8.txt")
    assert of("c_gbk.txt") == of("c_utf8.txt")
    assert [t[:3] for t in of("c_gbk.txt")] == EXPECTED
    assert not any(f["severity"] == "error" for f in findings if f["path"].endswith(("a_utf8.txt", "b_gb18030.txt", "d_utf16.txt")))
    paths = [f["path"] for f in findings]
    assert paths == sorted(paths)
