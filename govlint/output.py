"""Stage 6, report: the output formats, all printing the one Diagnostic type.

Each format is ``(files: list[Linted], color: bool) -> str`` and is registered
through the ``govlint_output_formats`` hook, like a plugin's would be.
"""

from __future__ import annotations

import json
from collections import Counter

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _all(files):
    return sorted((d for f in files for d in f.diagnostics), key=lambda d: d.sort_key)


def concise(files, color: bool = False) -> str:
    """``path:line:col: CODE [severity] message``, one line each."""
    return "".join(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}\n" for d in _all(files))


def as_json(files, color: bool = False) -> str:
    """Exactly one JSON array, sorted by path, line, column, code (spec/OUTPUT.md)."""
    return json.dumps([d.to_json() for d in _all(files)], ensure_ascii=False, indent=2) + "\n"


def _summary(diagnostics) -> str:
    if not diagnostics:
        return "未发现问题。"
    counts = Counter(d.severity for d in diagnostics)
    parts = "，".join(f"{SEVERITY_ZH[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    return f"共发现 {len(diagnostics)} 个问题（{parts}）。"


def full(files, color: bool = False) -> str:
    """Each finding with its source line and the flagged span underlined; widths of
    Chinese characters counted as two columns (rich's cell_len)."""
    from io import StringIO

    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=10_000, highlight=False, soft_wrap=True)
    lines_of = {f.path: f.lines for f in files}
    diagnostics = _all(files)
    for d in diagnostics:
        head = Text()
        head.append(f"{d.path}:{d.span.line}:{d.span.column}: ", style="bold")
        head.append(d.code, style=_STYLE[d.severity])
        head.append(f" [{SEVERITY_ZH[d.severity]}] {d.message}")
        console.print(head)
        lines = lines_of.get(d.path) or []
        if 0 < d.span.line <= len(lines) and lines[d.span.line - 1].strip():
            source = lines[d.span.line - 1]
            number = str(d.span.line)
            gutter = " " * len(number)
            shown = source.replace("\t", "    ")
            before = source[: d.span.column - 1].replace("\t", "    ")
            end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(source)
            marked = source[d.span.column - 1: max(end, d.span.column)].replace("\t", "    ")
            console.print(Text(f"{gutter} |", style="blue"))
            console.print(Text.assemble((f"{number} | ", "blue"), shown))
            console.print(Text.assemble((f"{gutter} | ", "blue"), " " * cell_len(before), ("^" * max(1, cell_len(marked)), _STYLE[d.severity])))
        console.print()
    console.print(Text(_summary(diagnostics), style="bold"))
    return buffer.getvalue()


FORMATS = {"full": full, "concise": concise, "json": as_json}
