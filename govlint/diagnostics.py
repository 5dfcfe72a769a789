"""The one diagnostic type that every rule produces and every output format prints."""

from __future__ import annotations

from dataclasses import dataclass

from govlint.positions import Span

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Diagnostic:
    path: str
    span: Span
    code: str
    name: str
    severity: str
    message: str

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self) -> dict:
        """The element of ``--format json`` output (spec/OUTPUT.md)."""
        return {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }


def fails(diagnostic: Diagnostic, strict: bool) -> bool:
    """Whether a finding makes the run fail (exit 1)."""
    return diagnostic.severity == "error" or (strict and diagnostic.severity == "warning")
