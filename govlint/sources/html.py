"""Reader for web pages (.html, .htm): paragraphs and table rows as text lines, rowspan and
colspan expanded. ``line`` is the line of the HTML source where the paragraph or table row
starts; ``column`` is where its text appears in that source line when it does (else 1)."""

from __future__ import annotations

import re

from govlint.sources.base import MappedSource, Origin, Source, UnreadableInput
from govlint.sources.text import decode


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
        except (LookupError, ValueError):  # unknown or non-text codec (UnicodeError is a ValueError)
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
