"""Positions in the original file: the one coordinate system every stage reports in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A range in the file as stored on disk: 1-based line, 1-based column in code
    points; ``end_column`` is one past the last character (on ``end_line``)."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def whole_file(cls) -> "Span":
        return cls(1, 1, 1, 1)

    def to(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of ``other``."""
        return Span(self.line, self.column, other.end_line, other.end_column)
