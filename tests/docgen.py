"""Build Word and HTML versions of a text report for the input-format tests: paragraphs stay
paragraphs, runs of pipe/tab rows become real tables, and in each table's header rows an
empty cell is merged into the labelled cell on its left (as Word and web tables do)."""

from __future__ import annotations

import html
import re

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def blocks(text: str):
    """("p", text) and ("table", rows) in document order."""
    table: list[list[str]] = []
    for line in text.splitlines():
        cells = None
        if line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
        elif "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
        if cells is not None:
            table.append(cells)
            continue
        if table:
            yield "table", table
            table = []
        if line.strip():
            yield "p", line.strip()
    if table:
        yield "table", table


def header_spans(rows: list[list[str]]) -> list[list[int]]:
    """For each row, the colspan of each cell (0 = covered by the cell on its left); only
    rows above the first row holding a number are header rows."""
    spans = []
    in_header = True
    for row in rows:
        if any(NUMBER.match(c) for c in row):
            in_header = False
        span = [1] * len(row)
        if in_header:
            for i in range(len(row) - 1, 0, -1):
                if not row[i] and row[i - 1]:
                    span[i - 1] += span[i]
                    span[i] = 0
                elif not row[i] and span[i - 1] and not row[i - 1]:
                    pass
        spans.append(span)
    return spans


def to_docx(text: str, path) -> None:
    import docx

    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "p":
            document.add_paragraph(content)
            continue
        width = max(len(r) for r in content)
        rows = [r + [""] * (width - len(r)) for r in content]
        table = document.add_table(rows=len(rows), cols=width)
        for r, (row, span) in enumerate(zip(rows, header_spans(rows))):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
            for c, n in enumerate(span):
                if n > 1:
                    table.cell(r, c).merge(table.cell(r, c + n - 1))
                    table.cell(r, c).text = row[c]
    document.save(str(path))


def to_html(text: str, encoding: str = "gbk") -> bytes:
    parts = [f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={encoding}">\n'
             "<title>年度报告</title>\n</head>\n<body>\n<div class=\"article\">\n"]
    for kind, content in blocks(text):
        if kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>\n")
            continue
        width = max(len(r) for r in content)
        rows = [r + [""] * (width - len(r)) for r in content]
        parts.append("<table border=\"1\">\n")
        for row, span in zip(rows, header_spans(rows)):
            cells = []
            for value, n in zip(row, span):
                if n == 0:
                    continue
                attribute = f' colspan="{n}"' if n > 1 else ""
                cells.append(f"<td{attribute}>{html.escape(value)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>\n")
        parts.append("</table>\n")
    parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts).encode(encoding)
