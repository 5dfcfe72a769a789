"""The one interface of every reader: bytes in, a ``Source`` out (text lines, and for
files that are not plain text a map from each line back to where it came from)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from govlint.positions import Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""A Word, PDF or saved web page over this is not an annual report (a few MB at most)."""
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""What a compressed document (.docx, PDF streams) may expand to."""


class UnreadableInput(Exception):
    """The bytes are not a readable report; ``str(self)`` says why, in Chinese."""


@dataclass(frozen=True)
class Notice:
    """Something a reader saw that the text cannot carry: an image where a table should be
    (``image``), a link to the report as an attachment (``attachment``); ``line`` is the
    1-based line of the synthesized text it stands before."""

    kind: str
    line: int
    detail: str = ""


@dataclass(frozen=True)
class Source:
    """A file read: its text, how it was decoded, what the reader noticed."""

    text: str
    encoding: str
    notices: tuple[Notice, ...] = ()
    published: date | None = None
    """The publication date a web page states, when it does (GL405 checks it)."""

    @property
    def lines(self) -> list[str]:
        """Lines as an editor numbers them: CRLF, lone CR and LF all end a line."""
        return _LINE_BREAK.split(self.text)


@dataclass(frozen=True)
class Origin:
    """Where a synthesized line came from in a Word, web or PDF file."""

    line: int
    where: str
    table_row: bool
    breaks: tuple[tuple[int, str], ...] = ()
    """For a line joined from several places (a paragraph running onto the next PDF page):
    ``(column, where)`` pairs, 0-based columns from which ``where`` holds instead."""
    row: int = 0
    """For a table row: its ordinal in the table (``where`` names the table)."""


def checked_size(data: bytes, what: str) -> None:
    """Refuse a document over ``MAX_DOCUMENT_BYTES`` with a reason naming the limit."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableInput(f"{what}过大（{len(data) / 1048576:.0f} MiB，上限 {MAX_DOCUMENT_BYTES // 1048576} MiB），不像年度报告，未检查")


@dataclass(frozen=True)
class MappedSource(Source):
    """Text synthesized from a document, with the origin of each of its lines."""

    origins: tuple[Origin, ...] = ()
    display: tuple[str, ...] = ()
    """The lines to show in the full format, numbered as ``line`` counts."""

    def place(self, span: Span, lines: list[str], cell: str | None = None) -> tuple[Span, str]:
        """The span in the original document, and where it is in words; ``lines`` are
        this source's own (synthesized) lines; ``cell`` names a table cell by its labels."""
        origin = self.origins[span.line - 1] if 0 < span.line <= len(self.origins) else Origin(span.line, "", False)
        text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
        where = origin.where
        for column, later in origin.breaks:
            if span.column - 1 >= column:
                where = later
        if origin.table_row:
            where += f"，{cell}" if cell else f"第 {origin.row} 行第 {text[: span.column - 1].count(chr(9)) + 1} 格"
        column, end = span.column, span.end_column if span.end_line == span.line else span.column + 1
        shown = self.display[origin.line - 1] if 0 < origin.line <= len(self.display) else text
        if shown != text:  # HTML: find the flagged text in the source line
            column, end = _find_in_source(shown, text, span.column, end, origin.table_row)
        return Span(origin.line, column, origin.line, max(end, column)), where


def _find_in_source(shown: str, text: str, column: int, end: int, table_row: bool) -> tuple[int, int]:
    """Columns of the flagged text in a page's source line: for a table row, the N-th
    occurrence among the row's cells that hold the same text (a row of zeros on one
    source line), searched after the cells before it."""
    flagged = text[column - 1: end - 1].split("\t")[0]
    if not flagged:
        return 1, 1
    start = 0
    if table_row:
        for cell in text[: column - 1].split("\t")[:-1]:
            if cell:
                found = _find_text(shown, cell, start)
                if found >= 0:
                    start = found + len(cell)
    found = _find_text(shown, flagged, start)
    if found < 0:
        found = _find_text(shown, flagged, 0)
    return (found + 1, found + 1 + len(flagged)) if found >= 0 else (1, 1)


def _find_text(shown: str, needle: str, start: int) -> int:
    """Where ``needle`` stands as text in a source line (between tags, not inside an
    attribute such as ``colspan="10"``), from ``start``; -1 when it does not."""
    found = shown.find(needle, start)
    first = found
    while found >= 0:
        before = shown[found - 1] if found else ">"
        after = shown[found + len(needle)] if found + len(needle) < len(shown) else "<"
        if before in "> \t" and after in "< \t":
            return found
        found = shown.find(needle, found + 1)
    return first
