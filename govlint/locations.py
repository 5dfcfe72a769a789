"""A table cell named by its labels (``表三“（七）总计”行“自然人”列``), for the ``location``
of findings in documents: one style for every input format (see spec/OUTPUT.md)."""

from __future__ import annotations

from govlint.positions import Span


def label_cell(table: str, row_label: str | None = None, column_label: str | None = None) -> str:
    """Where a table cell is, in words: ``表三“（七）总计”行“自然人”列`` (either label may be absent)."""
    name = table
    if row_label:
        name += f"“{row_label}”行"
    if column_label:
        name += f"“{column_label}”列"
    return name


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
                return label_cell(table.schema.name, report.quote(cell.span, cell.text))
        for row in (*table.rows.values(), *table.unknown_rows):
            label = row.schema.label if row.schema else (row.label.text if row.label else "")
            if row.label is not None and (row.label.span.line, row.label.span.column) == where:
                return label_cell(table.schema.name, label)
            if not row.placed or row.schema is None:
                continue
            for column, cell in zip(row.schema.columns, row.values):
                if (cell.span.line, cell.span.column) == where:
                    return label_cell(table.schema.name, label if row.label is not None else None, table.schema.columns[column])
    return None
