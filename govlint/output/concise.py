"""The concise format: one line per finding."""

from __future__ import annotations

from govlint.output import OutputContext, all_findings, where


def render(files, context: OutputContext) -> str:
    """``path:line:col: CODE [severity] message``, one line each."""
    return "".join(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}{where(d)}\n" for d in all_findings(files))
