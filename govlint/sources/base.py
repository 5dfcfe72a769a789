"""The one interface of every reader: bytes in, a ``Source`` out (text lines, and for
files that are not plain text a map from each line back to where it came from)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govlint.positions import Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class UnreadableInput(Exception):
    """The bytes are not a readable report; ``str(self)`` says why, in Chinese."""


@dataclass(frozen=True)
class Source:
    text: str
    encoding: str

    @property
    def lines(self) -> list[str]:
        """Lines as an editor numbers them: CRLF, lone CR and LF all end a line."""
        return _LINE_BREAK.split(self.text)


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
