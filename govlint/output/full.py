"""The full format: each finding with its source line and the flagged span marked."""

from __future__ import annotations

from govlint.output import OutputContext, SEVERITY_ZH, all_findings, summary, where

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _pieces(files):
    """The full format as styled pieces: a list of lines, each a list of (text, style)."""
    from rich.cells import cell_len

    lines_of = {f.path: f.lines for f in files}
    diagnostics = all_findings(files)
    out = []
    for d in diagnostics:
        out.append([(f"{d.path}:{d.span.line}:{d.span.column}: ", "bold"), (d.code, _STYLE[d.severity]),
                    (f" [{SEVERITY_ZH[d.severity]}] {d.message}{where(d)}", "")])
        source = (lines_of.get(d.path) or {}).get(d.span.line, "")
        if source.strip():
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


def render(files, context: OutputContext) -> str:
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
