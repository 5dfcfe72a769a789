"""Hardening of the readers (issue 12): crafted documents end in a GL001 naming the limit,
or are read in linear time — never a hang, a traceback or gigabytes of memory."""

from __future__ import annotations

import io
import time
import zipfile

from conftest import REAL
from docgen import to_docx
from govlint.lint import default_ruleset, lint_bytes
from govlint.sources.base import MAX_DOCUMENT_BYTES, MAX_UNCOMPRESSED_BYTES

RULES = default_ruleset().select(None, None)
TEXT = (REAL / "004_jiangsu_hongze_2023.txt").read_text(encoding="utf-8")


def timed(name: str, data: bytes):
    started = time.perf_counter()
    found = lint_bytes(name, data, RULES).diagnostics
    return found, time.perf_counter() - started


def rewritten_docx(tmp_path, change) -> bytes:
    """The report as .docx with ``change(document_xml) -> document_xml`` applied."""
    to_docx(TEXT, tmp_path / "r.docx")
    source = zipfile.ZipFile(tmp_path / "r.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == "word/document.xml" else data)
    return out.getvalue()


def test_docx_with_a_huge_grid_span_is_read_quickly(tmp_path):
    data = rewritten_docx(tmp_path, lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1))
    assert b'w:val="100000000"' in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    found, seconds = timed("r.docx", data)
    assert seconds < 10 and found and all(d.code != "GL001" for d in found)


def test_docx_that_inflates_beyond_the_limit_is_gl001(tmp_path, monkeypatch):
    from govlint.sources import docx

    assert MAX_UNCOMPRESSED_BYTES == 200 * 1024 * 1024 == docx.MAX_UNCOMPRESSED_BYTES
    monkeypatch.setattr(docx, "MAX_UNCOMPRESSED_BYTES", 4 * 1024 * 1024)  # the same check, a smaller bomb
    padding = b"<!--" + b" " * (5 * 1024 * 1024) + b"-->"
    data = rewritten_docx(tmp_path, lambda xml: xml.replace(b"<w:body>", b"<w:body>" + padding, 1))
    assert len(data) < 200 * 1024  # compresses to little: a zip bomb
    found, seconds = timed("r.docx", data)
    assert [d.code for d in found] == ["GL001"] and "4 MiB" in found[0].message and seconds < 10


def test_oversized_pdf_and_word_files_are_gl001_naming_the_limit():
    big = b"%PDF-1.4\n" + b"0" * (MAX_DOCUMENT_BYTES + 1)
    found, _ = timed("r.pdf", big)
    assert [d.code for d in found] == ["GL001"] and "50 MiB" in found[0].message
    found, _ = timed("r.docx", b"PK\x03\x04" + b"0" * (MAX_DOCUMENT_BYTES + 1))
    assert [d.code for d in found] == ["GL001"] and "50 MiB" in found[0].message


def test_html_with_many_spanned_cells_is_linear():
    def page(rows: int) -> bytes:
        cells = '<td rowspan="100" colspan="100">1</td>' * 20
        return ("<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table>" + f"<tr>{cells}</tr>" * rows + "</table></body></html>").encode()

    _, small = timed("p.html", page(100))
    _, large = timed("p.html", page(800))
    assert large < 10 and large / max(small, 0.05) < 16
