"""The one diagnostic type that every rule produces and every output format prints."""

from __future__ import annotations

from dataclasses import dataclass

from govlint.positions import Span

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Diagnostic:
    """One finding of one rule, placed in the original file: what every output prints."""

    path: str
    span: Span
    code: str
    name: str
    severity: str
    message: str
    location: str | None = None
    """Where in a Word or HTML document, in words (``第 3 个表格，表三“（七）总计”行“自然人”列``); None for text."""

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self) -> dict:
        """The element of ``--format json`` output (spec/OUTPUT.md); ``location`` is added
        (never replacing a field) for Word and HTML input."""
        data = {
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
        if self.location:
            data["location"] = self.location
        return data


def fails(diagnostic: Diagnostic, strict: bool) -> bool:
    """Whether a finding makes the run fail (exit 1)."""
    return diagnostic.severity == "error" or (strict and diagnostic.severity == "warning")
