"""Reader for plain text: bytes from disk to text, whatever the encoding the report was saved in.

Government reports arrive as UTF-8 (with or without BOM), GB18030/GBK (Windows
Notepad, older WPS), or UTF-16 with a BOM (Word's "Unicode text"). Anything that
cannot be decoded is reported, never guessed at silently.
"""

from __future__ import annotations

import codecs

from govlint.sources.base import Source, UnreadableInput

MAX_BYTES = 20 * 1024 * 1024
"""Annual reports are a few dozen KB; anything over this is not a report."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "PDF 文件"),
    (b"PK\x03\x04", "ZIP 压缩包或 Word（.docx）文件"),
    (b"\xd0\xcf\x11\xe0", "Office 复合文档（.doc/.wps/.xls）"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
)
"""Formats that are not text. PDF, Word, WPS and web pages are sent to their own readers
before text decoding (``govlint.sources.sniff``); what reaches this reader with such a
signature is too short or damaged to be one."""
LOSSY_SHARE = 0.01
"""A UTF-8 file with at most this share of bytes that are not UTF-8 (a truncated last
character, a GBK paragraph pasted in) is read, the bad bytes as U+FFFD (GL002 there)."""


def decode(data: bytes) -> Source:
    """Decode a report's bytes, or raise UnreadableInput."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件过大（{len(data) // 1024 // 1024} MB），不像年度报告，未检查")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInput(f"文件以 {encoding} 标记开头，但第 {exc.start + len(bom) + 1} 字节起无法按 {encoding} 解码") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            advice = "govlint 不识别图片中的文字，请提供带文字层的 PDF 或 Word/WPS 原文件" if "图片" in what else "文件不完整或已损坏，请重新下载或从原文件重新导出"
            raise UnreadableInput(f"这是{what}，不是可读的报告；{advice}")
    if b"\x00" in data:
        raise UnreadableInput("文件含有 NUL 字节，是二进制文件，不是文本")
    try:
        return Source(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= len(data) * LOSSY_SHARE:
        return Source(lossy, "utf-8")
    return _guess(data)


def _guess(data: bytes) -> Source:
    """A file that is not UTF-8: GB18030/GBK mostly, Big5 sometimes. Big5 bytes are nearly
    always valid GB18030 too (as gibberish), so the choice is charset-normalizer's."""
    from charset_normalizer import from_bytes  # imported only for such files: it is slow to load

    results = from_bytes(data, cp_isolation=["gb18030", "big5"])
    best = results.best()
    if best is not None and best.encoding is not None and best.chaos <= 0.2:
        return Source(str(best), "gb18030" if best.encoding in ("gb2312", "gbk") else best.encoding)
    try:
        return Source(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        raise UnreadableInput("无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK 或 Big5），请另存为 UTF-8") from None
