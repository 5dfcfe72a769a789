"""The full format: each finding with its source line and the flagged span marked."""

from __future__ import annotations

from govlint.output import OutputContext, SEVERITY_ZH, all_findings, summary, where

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _window(text: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """The part of a line shown (``…`` where cut), and the flagged span's start and width in
    terminal cells within it: a long paragraph is cut around the span rather than wrapped,
    so that the carets stay under the flagged text at any terminal width."""
    from rich.cells import cell_len

    if cell_len(text) <= room:
        return text, cell_len(text[:start]), max(1, cell_len(text[start:end]))
    budget = max(room - 2, 10)  # two cells for the ellipses
    first, lead = start, 0
    while first > 0 and lead + cell_len(text[first - 1]) <= budget // 3:
        first -= 1
        lead += cell_len(text[first])
    last, used = first, 0
    while last < len(text) and used + cell_len(text[last]) <= budget:
        used += cell_len(text[last])
        last += 1
    while first > 0 and used + cell_len(text[first - 1]) <= budget:  # the line ended early: more before
        first -= 1
        used += cell_len(text[first])
    prefix, suffix = ("…" if first > 0 else ""), ("…" if last < len(text) else "")
    shown = prefix + text[first:last] + suffix
    return shown, len(prefix) + cell_len(text[first:start]), max(1, cell_len(text[start:min(end, last)]))


def _pieces(files, context: OutputContext):
    """The full format as styled pieces: a list of lines, each a list of (text, style)."""
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
            start = len(source[: d.span.column - 1].replace("\t", "    "))
            end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(source)
            end = start + len(source[d.span.column - 1: max(end, d.span.column)].replace("\t", "    "))
            shown, offset, width = _window(source.replace("\t", "    "), start, end, context.width - len(number) - 3)
            out.append([(f"{gutter} |", "blue")])
            out.append([(f"{number} | ", "blue"), (shown, "")])
            out.append([(f"{gutter} | ", "blue"), (" " * offset, ""), ("^" * width, _STYLE[d.severity])])
        out.append([])
    out.extend([(line, "bold")] for line in summary(files, context).splitlines())
    return out


def render(files, context: OutputContext) -> str:
    """Each finding with its source line and the flagged span underlined; widths of
    Chinese characters counted as two columns (rich's cell_len). Colour through rich's
    console; without colour (a pipe, a file, a hook) plain text, without loading it."""
    pieces = _pieces(files, context)
    if not context.color:
        return "".join("".join(text for text, _ in line) + "\n" for line in pieces)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    # colour was decided by the caller (--color, FORCE_COLOR, NO_COLOR): rich must not second-guess it
    console = Console(file=buffer, force_terminal=True, color_system="standard", no_color=False,
                      width=10_000, highlight=False, soft_wrap=True)
    for line in pieces:
        console.print(Text.assemble(*line) if line else "")
    return buffer.getvalue()
