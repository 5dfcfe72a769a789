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


def test_pdf_stream_that_inflates_beyond_the_limit_is_gl001(monkeypatch):
    import zlib

    from govlint.sources import pdf

    assert pdf.MAX_UNCOMPRESSED_BYTES == MAX_UNCOMPRESSED_BYTES
    monkeypatch.setattr(pdf, "MAX_UNCOMPRESSED_BYTES", 4 * 1024 * 1024)  # the same check, a smaller bomb
    content = zlib.compress(b"q " * (3 * 1024 * 1024), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    assert len(data) < 64 * 1024
    found, seconds = timed("bomb.pdf", data)
    assert [d.code for d in found] == ["GL001"] and "解压后超过 4 MiB" in found[0].message and seconds < 10
    import pdfminer.pdftypes

    assert pdfminer.pdftypes.zlib is zlib  # the budget is put back after reading
