"""Stage 1, read: bytes from disk to a ``Source`` (text lines and a map back to the file).

One module per input format, all behind one interface, ``reader(data: bytes) -> Source``:
``text`` (encodings, BOMs, binary detection), ``docx`` (Word) and ``html`` (web pages).
A new format is one new module and one entry in ``READERS``.
"""

from __future__ import annotations

from govlint.sources.base import MappedSource, Origin, Source, UnreadableInput
from govlint.sources.text import MAX_BYTES, decode

__all__ = ["MAX_BYTES", "MappedSource", "Origin", "Source", "UnreadableInput", "decode", "read_source"]


def _read_docx(data: bytes) -> Source:
    from govlint.sources.docx import read_docx

    return read_docx(data)


def _read_html(data: bytes) -> Source:
    from govlint.sources.html import read_html

    return read_html(data)


READERS = {".docx": _read_docx, ".html": _read_html, ".htm": _read_html}


def read_source(name: str, data: bytes) -> Source:
    """The text of a report file, by the file's extension: Word, HTML, or plain text."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    reader = READERS.get(suffix)
    return reader(data) if reader else decode(data)
