"""The concise format: one line per finding."""

from __future__ import annotations

from govlint.output import SEVERITY_ZH, OutputContext, all_findings, summary, where


def render(files, context: OutputContext) -> str:
    """``path:line:col: CODE [严重程度] message``, one line each, then the run's summary."""
    findings = "".join(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{SEVERITY_ZH[d.severity]}] {d.message}{where(d)}\n"
                       for d in all_findings(files))
    return findings + summary(files, context)
