"""Check kinds comparing figures stated in the text with the same figures in the tables."""

from __future__ import annotations

import re
from decimal import Decimal

from govlint import patterns
from govlint.checks import Finding, check_kind, number
from govlint.locations import label_cell


_DIGIT = re.compile(r"\d")


def _table_value(report, expression: str) -> tuple[Decimal | None, str]:
    """Sum of cells named ``t3.r1.tot + t4.main.c10``; None when one is missing or blank."""
    total = Decimal(0)
    names = []
    for term in expression.split("+"):
        table_id, row_id, column = term.strip().split(".")
        table = report.tables.get(table_id)
        cell = table.cell(row_id, column) if table and row_id in table.schema.row_by_id else None
        if cell is None or cell.value is None:
            return None, ""
        total += cell.value
        names.append(label_cell(table.schema.name, table.schema.row_by_id[row_id].label, table.schema.columns[column]))
    return total, " + ".join(names)


@check_kind("text-figures", figures=(list, True))
def text_figures(report, params):
    """Each figure is a regex (or a list of regexes, one per phrasing) whose group ``n``
    captures a number stated in the text, and a sum of table cells (``t3.r1.tot``) that
    must equal it — or a list of such sums, any of which may be meant (``受理 N 件`` is
    新收, or 新收 + 上年结转); the message names the first known one. A sum with a
    missing or blank cell is unknown and not compared. A figure's ``comparisons`` are
    words that, standing between the start of a match and its number, make it a change
    (``同比增加 5 件``), not the count."""
    figures = []
    for figure in params["figures"]:
        sums = figure["cells"] if isinstance(figure["cells"], list) else [figure["cells"]]
        readings = [reading for reading in (_table_value(report, cells) for cells in sums) if reading[0] is not None]
        if readings:
            figures.append((figure, figure["pattern"] if isinstance(figure["pattern"], list) else [figure["pattern"]], readings))
    if not figures:
        return
    for paragraph in report.paragraphs():
        if not _DIGIT.search(paragraph.text):
            continue  # no figure stated here: a figure is a number in digits (group ``n`` reads as a Decimal)
        for figure, regexes, readings in figures:
            expected, where = readings[0]
            comparisons = figure.get("comparisons", ())
            matches = sorted((m for regex in regexes for m in patterns.finditer(regex, paragraph.text)), key=lambda m: m.start("n"))
            seen = set()
            for match in matches:
                if match.start("n") in seen or any(word in paragraph.text[match.start():match.start("n")] for word in comparisons):
                    continue
                seen.add(match.start("n"))
                found = Decimal(match.group("n"))
                if all(found != value for value, _ in readings):
                    yield Finding(report.locate(paragraph, match.start("n"), match.end("n")), {
                        "figure": figure["name"], "found": number(found), "expected": number(expected), "where": where})
