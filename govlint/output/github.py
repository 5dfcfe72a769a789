"""GitHub Actions workflow commands."""

from __future__ import annotations

from govlint.output import OutputContext, all_findings, where

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(files, context: OutputContext) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    out = []
    for d in all_findings(files):
        props = f"file={_escape_property(d.path)},line={d.span.line},col={d.span.column},endLine={d.span.end_line},endColumn={d.span.end_column},title={_escape_property(f'{d.code} {d.name}')}"
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(f'{d.code} {d.message}{where(d)}')}\n")
    return "".join(out)
