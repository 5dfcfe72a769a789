"""Stage 6, report: the output formats, all printing the one Diagnostic type.

One module per format; a format is ``(files: list[Linted], context: OutputContext) -> str``
and is registered through the ``govlint_output_formats`` hook, like a plugin's would be.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class OutputContext:
    """What a format may need beyond the findings."""

    color: bool = False
    rules: list = field(default_factory=list)
    """The rules that ran (code, name, severity, summary), for formats that describe them."""


def all_findings(files):
    """Every finding of every file, sorted by path, line, column, code."""
    return sorted((d for f in files for d in f.diagnostics), key=lambda d: d.sort_key)


def where(d) -> str:
    """The finding's location in words, bracketed, or nothing."""
    return f"（{d.location}）" if d.location else ""


def summary(diagnostics) -> str:
    if not diagnostics:
        return "未发现问题。"
    counts = Counter(d.severity for d in diagnostics)
    parts = "，".join(f"{SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    return f"共发现 {len(diagnostics)} 个问题（{parts}）。"


def statistics(files, context: OutputContext) -> str:
    """Findings counted per rule, most frequent first."""
    counts = Counter((d.code, d.name, d.severity) for d in all_findings(files))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{count:>6}  {code}  {name:<32} {severity}\n" for (code, name, severity), count in rows)


def builtin_formats() -> dict:
    """govlint's own formats by name (imported here, so that a run loads only this list)."""
    from govlint.output import concise, full, github, gitlab, json, junit, sarif

    return {"full": full.render, "concise": concise.render, "json": json.render, "json-lines": json.render_lines,
            "sarif": sarif.render, "github": github.render, "gitlab": gitlab.render, "junit": junit.render}
