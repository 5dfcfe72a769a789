"""Stage 1, read (continued): Word and HTML reports as text lines, with a way back.

Reports are drafted in Word and published as web pages. Both are turned into the
text layout the parser already reads — a paragraph per line, a table row per line
with cells separated by tabs, merged cells as empty cells — and every line keeps
its origin, so that a finding points where a user can find it again:

- ``.docx``: ``line`` is the ordinal of the paragraph in the document body, each table
  row counting as one paragraph; ``column`` is the character in that paragraph (or
  row, cells joined by tabs); ``location`` says ``第 N 段`` or ``第 T 个表格第 R 行第 C 格``.
- ``.html``/``.htm``: ``line`` is the line of the HTML source where the paragraph or
  table row starts; ``column`` is where its text appears in that source line when it
  does (else 1); ``location`` as for Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govlint.positions import Span
from govlint.read import Source, UnreadableInput, decode


@dataclass(frozen=True)
class Origin:
    line: int
    where: str
    table_row: bool


@dataclass(frozen=True)
class MappedSource(Source):
    """Text synthesized from a document, with the origin of each of its lines."""

    origins: tuple[Origin, ...] = ()
    display: tuple[str, ...] = ()
    """The lines to show in the full format, numbered as ``line`` counts."""

    def place(self, span: Span, lines: list[str]) -> tuple[Span, str]:
        """The span in the original document, and where it is in words; ``lines`` are
        this source's own (synthesized) lines."""
        origin = self.origins[span.line - 1] if 0 < span.line <= len(self.origins) else Origin(span.line, "", False)
        text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
        where = origin.where
        if origin.table_row:
            where += f"第 {text[: span.column - 1].count(chr(9)) + 1} 格"
        column, end = span.column, span.end_column if span.end_line == span.line else span.column + 1
        shown = self.display[origin.line - 1] if 0 < origin.line <= len(self.display) else text
        if shown != text:  # HTML: find the flagged text in the source line
            flagged = text[span.column - 1: end - 1].split("\t")[0]
            found = shown.find(flagged) if flagged else -1
            column, end = (found + 1, found + 1 + len(flagged)) if found >= 0 else (1, 1)
        return Span(origin.line, column, origin.line, max(end, column)), where


# --------------------------------------------------------------------------- Word

def read_docx(data: bytes) -> MappedSource:
    try:
        from io import BytesIO

        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a corrupt file
        raise UnreadableInput(f"无法读取 Word 文件（{exc.__class__.__name__}）：文件损坏或不是 .docx") from None
    lines: list[str] = []
    origins: list[Origin] = []
    tables = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text.replace("\n", " ").replace("\t", " "))
            origins.append(Origin(len(lines), f"第 {len(lines)} 段", False))
        elif tag == "tbl":
            tables += 1
            above: list = []
            for row_number, row in enumerate(Table(child, document).rows, start=1):
                cells, seen = [], []
                for index, cell in enumerate(row.cells):
                    merged = (seen and seen[-1] is cell._tc) or (index < len(above) and above[index] is cell._tc)
                    seen.append(cell._tc)
                    cells.append("" if merged else "".join(p.text for p in cell.paragraphs).replace("\t", " ").replace("\n", ""))
                above = seen
                lines.append("\t".join(cells) if len(cells) > 1 else "\t" + "".join(cells))
                origins.append(Origin(len(lines), f"第 {tables} 个表格第 {row_number} 行", True))
    return MappedSource("\n".join(lines), "docx", tuple(origins), tuple(lines))


# --------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote", "pre",
           "header", "footer", "main", "dd", "dt", "center", "body", "ul", "ol", "dl", "form"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_ENCODINGS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def _decode_html(data: bytes) -> Source:
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        encoding = _ENCODINGS.get(declared, declared)
        try:
            return Source(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _grid(table) -> list[tuple[int, list[str]]]:
    """Rows of a table with rowspan/colspan expanded; spanned positions are empty cells."""
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table]
    pending: dict[tuple[int, int], str] = {}
    grid = []
    for r, tr in enumerate(rows):
        cells: dict[int, str] = {c: v for (rr, c), v in pending.items() if rr == r}
        column = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while column in cells:
                column += 1
            text = re.sub(r"\s+", "", td.text_content()) if td.text_content() else ""
            span_c = _int(td.get("colspan"))
            span_r = _int(td.get("rowspan"))
            cells[column] = text
            for dc in range(1, span_c):
                cells[column + dc] = ""
            for dr in range(1, span_r):
                for dc in range(span_c):
                    pending[(r + dr, column + dc)] = ""
            column += span_c
        width = max(cells) + 1 if cells else 0
        grid.append((tr.sourceline or 1, [cells.get(c, "") for c in range(width)]))
    return grid


def _owner(tr):
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _int(value) -> int:
    try:
        return max(1, min(int(value), 100))
    except (TypeError, ValueError):
        return 1


def read_html(data: bytes) -> MappedSource:
    source = _decode_html(data)
    try:
        import lxml.html

        root = lxml.html.document_fromstring(source.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception as exc:  # lxml raises ParserError on an empty or hopeless page
        raise UnreadableInput(f"无法解析 HTML（{exc.__class__.__name__}）") from None
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    origins: list[Origin] = []
    tables = [0]

    def emit(text: str, line: int, where: str, table_row: bool = False):
        for piece in text.split("\n"):
            piece = re.sub(r"[ \t\r\f\v]+", " ", piece).strip() if not table_row else piece
            if piece:
                lines.append(piece)
                origins.append(Origin(line, where, table_row))

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            tables[0] += 1
            for row_number, (line, cells) in enumerate(_grid(element), start=1):
                if any(cells):
                    emit("\t".join(cells) if len(cells) > 1 else "\t" + "".join(cells), line, f"第 {tables[0]} 个表格第 {row_number} 行", True)
            return
        children = [c for c in element if isinstance(c.tag, str)]
        nested = any(c.tag in _BLOCKS or c.tag == "table" for c in element.iter() if c is not element and isinstance(c.tag, str))
        if not nested:
            emit(element.text_content(), element.sourceline or 1, f"第 {len(lines) + 1} 段")
            return
        if element.text and element.text.strip():
            emit(element.text, element.sourceline or 1, f"第 {len(lines) + 1} 段")
        for child in children:
            walk(child)
            if child.tail and child.tail.strip():
                emit(child.tail, child.sourceline or 1, f"第 {len(lines) + 1} 段")

    body = root.find("body")
    walk(body if body is not None else root)
    return MappedSource("\n".join(lines), source.encoding, tuple(origins), tuple(source.lines))


READERS = {".docx": read_docx, ".html": read_html, ".htm": read_html}


def read_source(name: str, data: bytes) -> Source:
    """The text of a report file, by the file's extension: Word, HTML, or plain text."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    reader = READERS.get(suffix)
    return reader(data) if reader else decode(data)
