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
STREAMED_FORMATS = {"json": "render_pieces", "json-lines": "render_lines_pieces"}
"""Built-in formats that can also be written a finding at a time (the same text as their
``render``): a run over an archive then never holds its whole output."""


class OutputContext:
    """What a format may need beyond the findings."""

    def __init__(self, color: bool = False, rules: list | None = None, rules_of=None, skipped: list | None = None, width: int = 80,
                 rules_read=None):
        self.color = color
        self._rules = rules
        self._rules_of = rules_of
        self._rules_read = rules_read
        self.skipped = skipped if skipped is not None else []
        """Files and folders the run did not lint (``govlint.walk.Skipped``: path, reason), for the summary."""
        self.width = width
        """Terminal columns: the full format cuts long lines to fit, so carets stay under their text."""

    @property
    def rules(self) -> list:
        """The rules that ran (code, name, severity, summary), for formats that describe them;
        ``rules_of()`` is called on first use only: printing cached results loads no rule pack."""
        if self._rules is None:
            self._rules = list(self._rules_of()) if self._rules_of else []
        return self._rules

    @property
    def rules_read(self) -> list:
        """The rules of the format versions the run read its reports as, which its findings
        come from (``rules_read()``; ``rules`` when not given): what the closing summary
        looks up, without loading the rules of a format no report was read as."""
        return list(self._rules_read()) if self._rules_read else self.rules


def all_findings(files):
    """Every finding of every file, sorted by path, line, column, code."""
    return sorted((d for f in files for d in f.diagnostics), key=lambda d: d.sort_key)


def where(d) -> str:
    """The finding's location in words, bracketed, or nothing."""
    return f"（{d.location}）" if d.location else ""


HUMAN_FORMATS = ("full", "concise")
"""Formats a person reads: the closing summary ends their standard output (else standard error)."""


def summary(files, context: OutputContext) -> str:
    """The closing lines of a run: how many files were checked, what was skipped and why,
    and the findings by severity. A run that checked nothing never says 未发现问题."""
    diagnostics = [d for f in files for d in f.diagnostics]
    stopped = {r.code for r in context.rules_read if getattr(r, "exclusive", False)} if diagnostics else set()
    unchecked = sum(1 for f in files if any(d.code in stopped for d in f.diagnostics))
    checked = f"检查了 {len(files)} 个文件" + (f"（其中 {unchecked} 个无法读取或不是年度报告）" if unchecked else "")
    if not files:
        lines = ["没有检查任何文件。"]
    elif not diagnostics:
        lines = [f"{checked}，未发现问题。"]
    else:
        counts = Counter(d.severity for d in diagnostics)
        parts = "，".join(f"{SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
        lines = [f"{checked}，共发现 {len(diagnostics)} 个问题（{parts}）。"]
    skipped = context.skipped
    if len(skipped) > 5:
        reasons = Counter(s.reason for s in skipped)
        lines.append(f"跳过 {len(skipped)} 项：" + "，".join(f"{reason} {count}" for reason, count in reasons.most_common()) + "。")
    elif skipped:
        lines.append(f"跳过 {len(skipped)} 项：" + "；".join(f"{s.path}（{s.reason}）" for s in skipped) + "。")
    return "\n".join(lines) + "\n"


def statistics(files, context: OutputContext, as_json: bool = False) -> str:
    """Findings counted per rule, most frequent first: a table, or OUTPUT.md's JSON object
    (files checked, files skipped and why, counts per rule)."""
    counts = Counter((d.code, d.name, d.severity) for d in all_findings(files))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if as_json:
        import json

        return json.dumps({
            "files_checked": len(files),
            "files_skipped": [{"path": s.path, "reason": s.reason} for s in context.skipped],
            "rules": [{"code": code, "name": name, "severity": severity, "count": count} for (code, name, severity), count in rows],
        }, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{count:>6}  {code}  {name:<32} {SEVERITY_ZH[severity]}\n" for (code, name, severity), count in rows)


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
    from govlint.plugins import builtins_only, merged

    if name in BUILTIN_FORMATS and builtins_only():
        return _builtin(name)
    return merged("govlint_output_formats").get(name)


def pieces(render, name: str, files, context: OutputContext):
    """The output of the format ``render`` (called ``name``) in pieces to write one after
    another, when it is a built-in format that streams; else None."""
    if name not in STREAMED_FORMATS or render is not _builtin(name):
        return None
    return getattr(importlib.import_module(f"govlint.output.{BUILTIN_FORMATS[name][0]}"), STREAMED_FORMATS[name])(files, context)


def format_names() -> list[str]:
    """Every format's name, govlint's and the plugins'."""
    from govlint.plugins import merged

    return sorted(merged("govlint_output_formats"))
