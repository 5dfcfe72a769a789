"""Stage 1, read: bytes from disk to a ``Source`` (text lines and a map back to the file).

One module per input format, all behind one interface, ``reader(data: bytes) -> Source``:
``text`` (encodings, BOMs, binary detection), ``docx`` (Word), ``html`` (web pages, and
``.mht`` saved pages through ``mhtml``), ``pdf`` (PDF text layer) and ``legacy`` (Word 97
``.doc``, WPS ``.wps``, RTF, through LibreOffice). The format is decided by the bytes
(``sniff``), the name only where bytes cannot tell (HTML without a doctype). A new format
is one new module and one entry in ``READERS``.
"""

from __future__ import annotations

import re

from govlint.sources.base import MappedSource, Notice, Origin, Source, UnreadableInput
from govlint.sources.text import MAX_BYTES, decode

__all__ = ["MAX_BYTES", "MappedSource", "Notice", "Origin", "Source", "UnreadableInput", "decode", "read_source", "sniff"]

_BY_NAME = {".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
            ".mht": "mhtml", ".mhtml": "mhtml", ".pdf": "pdf", ".doc": "legacy", ".wps": "legacy", ".rtf": "legacy", ".ofd": "ofd"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_MHTML_START = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n)*?(?:MIME-Version:|Content-Type:\s*multipart/related)", re.IGNORECASE)


def _zip_kind(data: bytes) -> str:
    """``docx``, ``ofd`` or ``zip``: a ZIP archive by what it holds."""
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # zipfile raises many kinds on a damaged archive: let the Word reader say so
        return "docx"
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def sniff(name: str, data: bytes) -> str:
    """The format of a file by its bytes (``pdf``, ``docx``, ``legacy``, ``mhtml``, ``html``,
    ``ofd``, ``zip``), else by its name; ``text`` for everything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if (data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and len(data) >= 512) or data.startswith(b"{\\rtf"):  # OLE: a 512-byte header
        return "legacy"
    if _MHTML_START.match(head):
        return "mhtml"
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    by_name = _BY_NAME.get(suffix, "text")
    return by_name if by_name in ("html", "mhtml", "ofd") else "text"


def _read_docx(data: bytes) -> Source:
    from govlint.sources.docx import read_docx

    return read_docx(data)


def _read_html(data: bytes) -> Source:
    from govlint.sources.html import read_html

    return read_html(data)


def _read_mhtml(data: bytes) -> Source:
    from govlint.sources.mhtml import read_mhtml

    return read_mhtml(data)


def _read_pdf(data: bytes) -> Source:
    from govlint.sources.pdf import read_pdf

    return read_pdf(data)


def _read_legacy(data: bytes) -> Source:
    from govlint.sources.legacy import read_legacy

    return read_legacy(data)


def _refuse_ofd(data: bytes) -> Source:
    raise UnreadableInput("这是 OFD 版式文件，govlint 不能读取；请用数科阅读器或 WPS 将其导出为 PDF，或提供原始的 Word/WPS 文件")


def _refuse_zip(data: bytes) -> Source:
    raise UnreadableInput("这是 ZIP 压缩包，不是报告文件；请解压后检查其中的报告")


READERS = {"docx": _read_docx, "html": _read_html, "mhtml": _read_mhtml, "pdf": _read_pdf, "legacy": _read_legacy,
           "ofd": _refuse_ofd, "zip": _refuse_zip, "text": decode}


def read_source(name: str, data: bytes) -> Source:
    """The text of a report file, in the format its bytes show (see ``sniff``)."""
    return READERS[sniff(name, data)](data)
