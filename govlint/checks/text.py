"""Check kinds comparing figures stated in the text with the same figures in the tables."""

from __future__ import annotations

from decimal import Decimal

from govlint import patterns
from govlint.checks import Finding, check_kind, number


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
        names.append(f"{table.schema.name}“{table.schema.row_by_id[row_id].label}”行“{table.schema.columns[column]}”列")
    return total, " + ".join(names)


@check_kind("text-figures", figures=(list, True))
def text_figures(report, params):
    """Each figure is a regex whose group ``n`` captures a number stated in the text, and
    a sum of table cells (``t3.r1.tot``) that must equal it."""
    for paragraph in report.paragraphs():
        for figure in params["figures"]:
            for match in patterns.finditer(figure["pattern"], paragraph.text):
                expected, where = _table_value(report, figure["cells"])
                if expected is None:
                    break
                found = Decimal(match.group("n"))
                if found != expected:
                    yield Finding(report.locate(paragraph, match.start("n"), match.end("n")), {
                        "figure": figure["name"], "found": number(found), "expected": number(expected), "where": where})
