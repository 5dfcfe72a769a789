"""Stage 6, report: the output formats, all printing the one Diagnostic type.

A format is ``(files: list[Linted], context: OutputContext) -> str`` and is registered
through the ``govlint_output_formats`` hook, like a plugin's would be.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from govlint import __version__

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
INFORMATION_URI = "https://pypi.org/project/govlint/"


@dataclass
class OutputContext:
    """What a format may need beyond the findings."""

    color: bool = False
    rules: list = field(default_factory=list)
    """The rules that ran (code, name, severity, summary), for formats that describe them."""


def _all(files):
    return sorted((d for f in files for d in f.diagnostics), key=lambda d: d.sort_key)


def _where(d) -> str:
    return f"（{d.location}）" if d.location else ""


def concise(files, context: OutputContext) -> str:
    """``path:line:col: CODE [severity] message``, one line each."""
    return "".join(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}{_where(d)}\n" for d in _all(files))


def as_json(files, context: OutputContext) -> str:
    """Exactly one JSON array, sorted by path, line, column, code (spec/OUTPUT.md)."""
    return json.dumps([d.to_json() for d in _all(files)], ensure_ascii=False, indent=2) + "\n"


def json_lines(files, context: OutputContext) -> str:
    """One JSON object per line, same fields as ``json``."""
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in _all(files))


def summary(diagnostics) -> str:
    if not diagnostics:
        return "未发现问题。"
    counts = Counter(d.severity for d in diagnostics)
    parts = "，".join(f"{SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    return f"共发现 {len(diagnostics)} 个问题（{parts}）。"


def _pieces(files):
    """The full format as styled pieces: a list of lines, each a list of (text, style)."""
    from rich.cells import cell_len

    lines_of = {f.path: f.lines for f in files}
    diagnostics = _all(files)
    out = []
    for d in diagnostics:
        out.append([(f"{d.path}:{d.span.line}:{d.span.column}: ", "bold"), (d.code, _STYLE[d.severity]),
                    (f" [{SEVERITY_ZH[d.severity]}] {d.message}{_where(d)}", "")])
        lines = lines_of.get(d.path) or []
        if 0 < d.span.line <= len(lines) and lines[d.span.line - 1].strip():
            source = lines[d.span.line - 1]
            number = str(d.span.line)
            gutter = " " * len(number)
            before = source[: d.span.column - 1].replace("\t", "    ")
            end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(source)
            marked = source[d.span.column - 1: max(end, d.span.column)].replace("\t", "    ")
            out.append([(f"{gutter} |", "blue")])
            out.append([(f"{number} | ", "blue"), (source.replace("\t", "    "), "")])
            out.append([(f"{gutter} | ", "blue"), (" " * cell_len(before), ""), ("^" * max(1, cell_len(marked)), _STYLE[d.severity])])
        out.append([])
    out.append([(summary(diagnostics), "bold")])
    return out


def full(files, context: OutputContext) -> str:
    """Each finding with its source line and the flagged span underlined; widths of
    Chinese characters counted as two columns (rich's cell_len). Colour through rich's
    console; without colour (a pipe, a file, a hook) plain text, without loading it."""
    pieces = _pieces(files)
    if not context.color:
        return "".join("".join(text for text, _ in line) + "\n" for line in pieces)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, width=10_000, highlight=False, soft_wrap=True)
    for line in pieces:
        console.print(Text.assemble(*line) if line else "")
    return buffer.getvalue()


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(files, context: OutputContext) -> str:
    """SARIF 2.1.0: one run, the rules that ran as the driver's rules."""
    rules = sorted(context.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for d in _all(files):
        result = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/")},
                "region": {"startLine": d.span.line, "startColumn": d.span.column, "endLine": d.span.end_line, "endColumn": max(d.span.end_column, 1)},
            }}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.location:
            result["locations"][0]["message"] = {"text": d.location}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govlint", "version": __version__, "informationUri": INFORMATION_URI,
                "rules": [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
                           "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in rules],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github(files, context: OutputContext) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    out = []
    for d in _all(files):
        props = f"file={_escape_property(d.path)},line={d.span.line},col={d.span.column},endLine={d.span.end_line},endColumn={d.span.end_column},title={_escape_property(f'{d.code} {d.name}')}"
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(f'{d.code} {d.message}{_where(d)}')}\n")
    return "".join(out)


_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(files, context: OutputContext) -> str:
    """GitLab Code Quality report (a JSON array of issues)."""
    issues = []
    for d in _all(files):
        fingerprint = hashlib.sha256(f"{d.path}\x1f{d.code}\x1f{d.span.line}\x1f{d.span.column}\x1f{d.message}".encode()).hexdigest()
        issues.append({
            "description": f"{d.code} {d.message}{_where(d)}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def junit(files, context: OutputContext) -> str:
    """JUnit XML: one testcase per file, failing when the file has findings."""
    from xml.sax.saxutils import escape, quoteattr

    cases = []
    failures = 0
    for f in sorted(files, key=lambda f: f.path):
        diagnostics = sorted(f.diagnostics, key=lambda d: d.sort_key)
        if diagnostics:
            failures += 1
            body = "\n".join(f"{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}{_where(d)}" for d in diagnostics)
            cases.append(f'    <testcase classname="govlint" name={quoteattr(f.path)}>\n'
                         f'      <failure message={quoteattr(f"{len(diagnostics)} 个问题")} type="govlint">{escape(body)}</failure>\n'
                         f'    </testcase>')
        else:
            cases.append(f'    <testcase classname="govlint" name={quoteattr(f.path)}/>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="govlint" tests="{len(files)}" failures="{failures}">\n'
            f'  <testsuite name="govlint" tests="{len(files)}" failures="{failures}" errors="0">\n'
            + "".join(case + "\n" for case in cases) +
            '  </testsuite>\n</testsuites>\n')


def statistics(files, context: OutputContext) -> str:
    """Findings counted per rule, most frequent first."""
    counts = Counter((d.code, d.name, d.severity) for d in _all(files))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{count:>6}  {code}  {name:<32} {severity}\n" for (code, name, severity), count in rows)


FORMATS = {"full": full, "concise": concise, "json": as_json, "json-lines": json_lines, "sarif": sarif,
           "github": github, "gitlab": gitlab, "junit": junit}
