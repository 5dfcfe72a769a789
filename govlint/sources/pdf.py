"""Reader for PDF (the text layer, through pdfplumber): prose lines re-joined into
paragraphs, ruled tables as real cells, page numbers and running headers and footers
dropped. ``line`` is the line of the extracted text (``govlint show`` prints it);
``location`` starts with ``第 N 页``.

Tables: a row with cells in more than one column is a table row (a frame around prose is
not a table); a table that runs onto the next page is one table, its header rows repeated
there are dropped, and a label cell cut by the page break is joined again; a label broken
over lines inside a cell is one label. A large picture is a notice (a table that is an
image, GL006); a PDF without any text is a scan (GL001). pdfplumber rather than
pypdfium2: only pdfplumber finds the cells (see README, "PDF").
"""

from __future__ import annotations

import io
import logging
import re
import time
import zlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from govlint.sources.base import MAX_UNCOMPRESSED_BYTES, MappedSource, Notice, Origin, UnreadableInput, checked_size

MAX_PAGES = 300
"""An annual report has a few dozen pages at most."""
MAX_SECONDS = 120
"""Reading stops after this long (checked between pages): a crafted PDF must not hold a batch."""
_MARGIN = 0.08
"""Share of the page height at the top and bottom where running headers and page numbers stand."""
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[-—–－]?\s*[ivxIVX]{1,5}\s*[-—–－]?)$")
_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_NUMBER = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?$")
_IMAGE_MIN = (0.4, 0.03)
"""Width and height, as shares of the page, from which a picture can be a table."""


class _InflateLimit(Exception):
    """A stream of the PDF inflates beyond ``MAX_UNCOMPRESSED_BYTES``."""


class _Budget:
    """Stands in for the ``zlib`` module inside pdfminer while one PDF is read: every byte
    its Flate streams inflate to counts against ``MAX_UNCOMPRESSED_BYTES``, so a
    decompression bomb stops instead of filling memory. Same results as ``zlib`` otherwise."""

    error = zlib.error

    def __init__(self, limit: int):
        self.left = limit

    def spend(self, inflater, out: bytes) -> bytes:
        self.left -= len(out)
        if self.left < 0 or inflater.unconsumed_tail:
            raise _InflateLimit()
        return out

    def decompress(self, data: bytes, *args) -> bytes:
        inflater = zlib.decompressobj()
        out = self.spend(inflater, inflater.decompress(data, self.left + 1))
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args, **kwargs) -> "_BudgetedInflater":
        return _BudgetedInflater(self, zlib.decompressobj(*args, **kwargs))


class _BudgetedInflater:
    def __init__(self, budget: _Budget, inflater):
        self.budget, self.inflater = budget, inflater

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        return self.budget.spend(self.inflater, self.inflater.decompress(data, self.budget.left + 1))

    def __getattr__(self, name):
        return getattr(self.inflater, name)


@dataclass
class _Line:
    """A line of prose as laid out on its page."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    size: float


@dataclass
class _Row:
    cells: list[str | None]
    page: int


@dataclass
class _Table:
    rows: list[_Row] = field(default_factory=list)
    header: list[tuple[str, ...]] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)


def _open(data: bytes):
    checked_size(data, "PDF 文件")
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # a damaged file is one GL001, not log lines on stderr
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise UnreadableInput("读取 PDF 需要 pdfplumber，本机没有安装（govlint 的安装不完整）；请运行 pip install pdfplumber 后再检查") from None
    try:
        document = pdfplumber.open(io.BytesIO(data))
        pages = document.pages
    except Exception as exc:  # pdfminer raises many kinds on a damaged or encrypted file
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, _InflateLimit) or isinstance(exc.__context__, _InflateLimit):
            raise _InflateLimit() from None
        if isinstance(inner, PDFPasswordIncorrect) or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnreadableInput("PDF 文件有密码保护（已加密），无法读取文字；请提供未加密的 PDF，或原始的 Word/WPS 文件") from None
        raise UnreadableInput(f"PDF 文件损坏或不完整（{inner.__class__.__name__}），无法读取；请重新下载，或从原始文件重新导出 PDF") from None
    if len(pages) > MAX_PAGES:
        raise UnreadableInput(f"PDF 有 {len(pages)} 页，超过 {MAX_PAGES} 页的上限，不像年度报告，未检查")
    return document, pages


def _glue(before: str, piece: str) -> str:
    """What joins a line to the text before it: nothing between CJK lines, a space
    between two Latin words."""
    return " " if before and piece and before[-1].isascii() and before[-1].isalpha() and piece[0].isascii() and piece[0].isalpha() else ""


def _cell(text: str | None) -> str | None:
    """A cell's lines as one text: a label broken over lines inside a cell is one label."""
    if text is None:
        return None
    joined: list[str] = []
    for piece in text.split("\n"):
        piece = piece.strip()
        joined.append(_glue(joined[-1] if joined else "", piece) + piece)
    return "".join(joined)


def _is_data_row(cells: list[str | None]) -> bool:
    """A row with text in more than the first column: a frame drawn around prose (one
    cell spanning the width) is not a table row."""
    return len(cells) > 1 and not (cells[0] is not None and all(c is None for c in cells[1:]))


class _Boxes:
    """Table row boxes of a page, sorted by their top, to ask whether a character lies in
    one: a bisection and a look at the few rows above, not a scan of every row."""

    NEAREST = 4

    def __init__(self, boxes: list[tuple[float, float, float, float]]):
        self.boxes = sorted(boxes, key=lambda box: box[1])
        self.tops = [box[1] for box in self.boxes]

    def holds(self, obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        index = bisect_right(self.tops, y)
        return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in self.boxes[max(0, index - self.NEAREST):index])


def _upright(obj: dict) -> bool:
    """Characters of the text, set straight: a watermark drawn at an angle across the page
    (a text matrix that rotates or skews) is not text of the report."""
    if obj.get("object_type") != "char":
        return True
    a, b, c, d = (obj.get("matrix") or (1, 0, 0, 1))[:4]
    return abs(b) + abs(c) <= 0.05 * (abs(a) + abs(d))


def _page_items(page, number: int) -> list[tuple[float, str, object]]:
    """(top, kind, item) for the prose lines, table rows and large pictures of one page."""
    items: list[tuple[float, str, object]] = []
    boxes = []
    for table in page.find_tables():
        for row, cells in zip(table.rows, table.extract()):
            if _is_data_row(cells):
                boxes.append(row.bbox)
                items.append((row.bbox[1], "row", _Row([_cell(c) for c in cells], number)))
    rows = _Boxes(boxes)
    prose = page.filter(lambda obj: obj.get("object_type") != "char" or not rows.holds(obj)) if boxes else page
    for line in prose.extract_text_lines(return_chars=False):
        text = line["text"].strip()
        if text:
            items.append((line["top"], "text", _Line(text, number, line["x0"], line["x1"], line["top"], line["bottom"] - line["top"])))
    for image in page.images:
        if image["width"] >= page.width * _IMAGE_MIN[0] and image["height"] >= page.height * _IMAGE_MIN[1]:
            items.append((image["top"], "image", number))
    items.sort(key=lambda item: item[0])
    return items


def _furniture(pages_items: list[list[tuple]], heights: list[float]) -> set[tuple[int, float]]:
    """Page numbers and running headers/footers: in the top or bottom margin, a page
    number pattern, or a text that recurs (digits aside) on at least half of the pages."""
    in_margin: list[tuple[int, _Line]] = []
    for index, items in enumerate(pages_items):
        for top, kind, item in items:
            if kind == "text" and (top < heights[index] * _MARGIN or top > heights[index] * (1 - _MARGIN)):
                in_margin.append((index, item))
    shape = Counter(re.sub(r"\d+", "#", line.text.replace(" ", "")) for _, line in in_margin)
    recurring = max(2, (len(pages_items) + 1) // 2)
    return {(index, line.top) for index, line in in_margin
            if _PAGE_NUMBER.match(line.text.replace(" ", "")) or (len(pages_items) > 1 and shape[re.sub(r"\d+", "#", line.text.replace(" ", ""))] >= recurring)}


class _Builder:
    """Lines, origins and notices of the extracted text, in reading order."""

    def __init__(self, margins: tuple[float, float]):
        self.left, self.right = margins
        self.lines: list[str] = []
        self.origins: list[Origin] = []
        self.notices: list[Notice] = []
        self.table: _Table | None = None
        self.tables = 0
        self.last: _Line | None = None
        self.paragraph: list[str] = []
        self.length = 0
        self.breaks: list[tuple[int, str]] = []
        self.page = 0

    def text(self, line: _Line) -> None:
        """A line of prose: it continues the paragraph when the line before filled the
        width and this one is not indented (and is not a numbered heading)."""
        self.end_table()
        last = self.last
        if last is not None and last.x1 >= self.right - 1.5 * last.size and line.x0 <= self.left + 0.6 * line.size \
                and not _ENUMERATOR.match(line.text):
            piece = _glue(self.paragraph[-1], line.text) + line.text
            if line.page != last.page:
                self.breaks.append((self.length, f"第 {line.page} 页"))
        else:
            self.end_paragraph()
            piece, self.page = line.text, line.page
        self.paragraph.append(piece)
        self.length += len(piece)
        self.last = line

    def end_paragraph(self) -> None:
        if self.paragraph:
            self.lines.append("".join(self.paragraph))
            self.origins.append(Origin(len(self.lines), f"第 {self.page} 页", False, tuple(self.breaks)))
        self.paragraph, self.length, self.breaks, self.last = [], 0, [], None

    def image(self, page: int) -> None:
        self.end_paragraph()
        self.end_table()
        self.notices.append(Notice("image", len(self.lines) + 1, f"第 {page} 页的图片"))

    def row(self, row: _Row) -> None:
        """A table row; a table still open when a new page starts (nothing but page
        furniture between) continues there."""
        self.end_paragraph()
        table = self.table
        if table is None:
            table = self.table = _Table()
        elif row.page not in table.pages:
            if tuple(c or "" for c in row.cells) in table.header:
                return  # the header repeated on the next page
            self._rejoin_label(row)
        table.pages.add(row.page)
        if not table.rows or (len(table.header) == len(table.rows) and not any(_NUMBER.match(c or "") for c in row.cells)):
            table.header.append(tuple(c or "" for c in row.cells))
        table.rows.append(row)

    def _rejoin_label(self, row: _Row) -> None:
        """A merged label cell cut by the page break (``（四）无`` | ``法提供``): the part on
        the new page, not itself a numbered label, is appended to the part above."""
        rows = self.table.rows
        if not any(_NUMBER.match(c or "") for c in row.cells):
            return  # a header or group row, not the rest of a data row's label
        for column, text in enumerate(row.cells):
            if not text or _NUMBER.match(text) or _ENUMERATOR.match(text):
                continue
            above = [r for r in rows if column < len(r.cells) and r.cells[column] is not None]
            if not above or not above[-1].cells[column] or _NUMBER.match(above[-1].cells[column]) \
                    or not any(_NUMBER.match(c or "") for c in above[-1].cells):
                continue
            if all(r.cells[column] is None for r in rows[rows.index(above[-1]) + 1:] if column < len(r.cells)):
                above[-1].cells[column] += text
                row.cells[column] = ""

    def end_table(self) -> None:
        if self.table is None:
            return
        self.tables += 1
        for number, row in enumerate(self.table.rows, start=1):
            cells = [c or "" for c in row.cells]
            self.lines.append("\t".join(cells))
            self.origins.append(Origin(len(self.lines), f"第 {row.page} 页第 {self.tables} 个表格", True, row=number))
        self.table = None


def read_pdf(data: bytes) -> MappedSource:
    from pdfminer import pdftypes

    pdftypes.zlib = _Budget(MAX_UNCOMPRESSED_BYTES)
    try:
        return _read(data)
    except _InflateLimit:
        raise UnreadableInput(f"PDF 中的数据解压后超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MiB 的上限，不像年度报告，未检查") from None
    finally:
        pdftypes.zlib = zlib


def _read(data: bytes) -> MappedSource:
    document, pages = _open(data)
    started = time.monotonic()
    try:
        pages_items = []
        heights = []
        for number, page in enumerate(pages, start=1):
            if time.monotonic() - started > MAX_SECONDS:
                raise UnreadableInput(f"读取 PDF 超过 {MAX_SECONDS} 秒的时限（读到第 {number} 页），已中止；请检查文件是否异常，或从原始文件重新导出 PDF")
            pages_items.append(_page_items(page.dedupe_chars().filter(_upright), number))
            heights.append(page.height)
            page.close()
    except (UnreadableInput, _InflateLimit):
        raise
    except Exception as exc:  # a damaged content stream on some page
        if isinstance(exc.__context__, _InflateLimit) or (exc.args and isinstance(exc.args[0], _InflateLimit)):
            raise _InflateLimit() from None
        raise UnreadableInput(f"PDF 文件损坏，第 {len(heights) + 1} 页无法读取（{exc.__class__.__name__}）；请重新下载，或从原始文件重新导出 PDF") from None
    finally:
        document.close()
    if not any(kind in ("text", "row") for items in pages_items for _, kind, _ in items):
        raise UnreadableInput("PDF 没有文字层（扫描件或图片），govlint 不做文字识别，无法检查；请提供由 Word/WPS 直接导出的 PDF，或原始的 Word/WPS 文件")
    dropped = _furniture(pages_items, heights)
    prose = [item for items in pages_items for _, kind, item in items if kind == "text"]
    left = Counter(round(line.x0) for line in prose).most_common(1)[0][0] if prose else 0.0
    right = max((line.x1 for line in prose), default=0.0)
    builder = _Builder((left, right))
    for index, items in enumerate(pages_items):
        for top, kind, item in items:
            if kind == "text" and (index, top) in dropped:
                continue
            if kind == "text":
                builder.text(item)
            elif kind == "image":
                builder.image(item)
            else:
                builder.row(item)
    builder.end_paragraph()
    builder.end_table()
    lines = builder.lines
    return MappedSource("\n".join(lines), "pdf", tuple(builder.notices), None, tuple(builder.origins), tuple(lines))
