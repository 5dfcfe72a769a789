"""Stage 6, report: the output formats, all printing the one Diagnostic type.

One module per format; a format is ``(files: list[Linted], context: OutputContext) -> str``
and is registered through the ``govlint_output_formats`` hook, like a plugin's would be.
"""

from __future__ import annotations

import importlib
from collections import Counter

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
BUILTIN_FORMATS = {"full": ("full", "render"), "concise": ("concise", "render"), "json": ("json", "render"),
                   "json-lines": ("json", "render_lines"), "sarif": ("sarif", "render"), "github": ("github", "render"),
                   "gitlab": ("gitlab", "render"), "junit": ("junit", "render")}
"""govlint's own formats: name → (module of ``govlint.output``, function)."""


class OutputContext:
    """What a format may need beyond the findings."""

    def __init__(self, color: bool = False, rules: list | None = None, rules_of=None):
        self.color = color
        self._rules = rules
        self._rules_of = rules_of

    @property
    def rules(self) -> list:
        """The rules that ran (code, name, severity, summary), for formats that describe them;
        ``rules_of()`` is called on first use only: printing cached results loads no rule pack."""
        if self._rules is None:
            self._rules = list(self._rules_of()) if self._rules_of else []
        return self._rules


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


def _builtin(name: str):
    module, function = BUILTIN_FORMATS[name]
    return getattr(importlib.import_module(f"govlint.output.{module}"), function)


def builtin_formats() -> dict:
    """govlint's own formats by name (imported here, so that a run loads only this list)."""
    return {name: _builtin(name) for name in BUILTIN_FORMATS}


def find_format(name: str):
    """The format called ``name``, or None. Without installed plugins a built-in one is
    imported alone, and the plugin manager is not started; with plugins, the formats of
    all of them merged (``govlint.plugins.merged``)."""
    from govlint.plugins import entry_points, merged

    if name in BUILTIN_FORMATS and not entry_points():
        return _builtin(name)
    return merged("govlint_output_formats").get(name)


def format_names() -> list[str]:
    """Every format's name, govlint's and the plugins'."""
    from govlint.plugins import merged

    return sorted(merged("govlint_output_formats"))
