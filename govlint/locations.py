"""A table cell named by its labels (``表三“（七）总计”行“自然人”列``), for the ``location``
of findings in documents: one style for every input format (see spec/OUTPUT.md)."""

from __future__ import annotations

from govlint.positions import Span


def cell_name(report, span: Span) -> str | None:
    """The labels of the table cell that ``span`` starts in (a value cell: its row and
    column; a row label, or a label of the other format version: its row), or None when it
    is not a placed cell."""
    if report is None:
        return None
    where = (span.line, span.column)
    for table in report.tables.values():
        for cell in table.other_version_cells:  # a label of the other format version's table
            if (cell.span.line, cell.span.column) == where:
                return f"{table.schema.name}“{report.quote(cell.span, cell.text)}”行"
        for row in (*table.rows.values(), *table.unknown_rows):
            label = row.schema.label if row.schema else (row.label.text if row.label else "")
            if row.label is not None and (row.label.span.line, row.label.span.column) == where:
                return f"{table.schema.name}“{label}”行"
            if not row.placed or row.schema is None:
                continue
            for column, cell in zip(row.schema.columns, row.values):
                if (cell.span.line, cell.span.column) == where:
                    row_name = f"“{label}”行" if row.label is not None else ""
                    return f"{table.schema.name}{row_name}“{table.schema.columns[column]}”列"
    return None
