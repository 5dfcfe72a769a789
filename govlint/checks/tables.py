"""Check kinds for the three statistical tables: presence, rows, shape, values, labels."""

from __future__ import annotations

from govlint.checks import Finding, check_kind
from govlint.schema import canonical, load_format
from govlint.checks.documents import image_tables


def _row_label(row) -> str:
    return row.schema.label if row.schema else (row.label.text if row.label else "数据行")


def _column_label(table, column: str) -> str:
    return table.schema.columns[column]


def _tables(report, params, same_version: bool = False):
    """The tables the rule names that are present; with ``same_version``, not those laid out
    in the other format version: GL208 reports such a table once, and its rows and labels
    measured against this version's would only repeat that (one defect, one finding)."""
    for table_id in params["tables"]:
        table = report.tables.get(table_id)
        if table is not None and not (same_version and table.other_version_cells):
            yield table


def _shared_labels(table) -> set[str]:
    """Canonical row and column labels of the table that the other format version has too."""
    other = next((t for t in load_format(table.schema.other_version).tables if t.id == table.schema.id), None) \
        if table.schema.other_version else None
    if other is None:
        return set()
    return {canonical(label) for label in (*(r.label for r in other.all_rows), *(c.split("·")[-1] for c in other.columns.values()))}


def _quote_list(labels: list[str], limit: int = 3) -> str:
    shown = "、".join(f"“{label}”" for label in labels[:limit])
    return shown + (f"等 {len(labels)} 项" if len(labels) > limit else "")


@check_kind("required-tables", tables=(list, True))
def required_tables(report, params):
    """Sections 二, 三 and 四 each contain their table (a table that is a picture is GL006's)."""
    pictured = image_tables(report)
    for table_id in params["tables"]:
        schema = report.format.table(table_id)
        section = report.section(schema.section)
        if section is not None and table_id not in report.tables and table_id not in pictured:
            yield Finding(section.span, {"table": schema.name, "title": schema.title, "section": f"{section.schema.numeral}、{section.schema.heading}"})


@check_kind("missing-row", tables=(list, True))
def missing_row(report, params):
    """Every standard row of a table is present (one finding per table, listing them).
    A table in the other format version is GL208's business, not a list of missing rows."""
    for table in _tables(report, params, same_version=True):
        missing = [row.label for row in table.schema.all_rows if row.id not in table.rows]
        if missing:
            yield Finding(table.span, {"table": table.schema.name, "count": len(missing), "rows": _quote_list(missing, 5)})


@check_kind("row-shape", tables=(list, True))
def row_shape(report, params):
    """Rows whose number of values is not the number of columns: their values cannot be
    placed in columns, so no balance is checked on them. One finding per table."""
    for table in _tables(report, params, same_version=True):
        bad = table.unplaced_rows
        if not bad:
            continue
        expected = len(bad[0].schema.columns)
        counts: dict[int, list[str]] = {}
        for row in bad:
            counts.setdefault(len(row.values), []).append(_row_label(row))
        detail = "；".join(f"{_quote_list(labels, 1)}有 {n} 个" for n, labels in sorted(counts.items(), reverse=True))
        bad_columns = dict.fromkeys(c for row in bad for c in row.schema.columns)
        header_missing = [table.schema.columns[c] for c in bad_columns if c not in table.header_columns]
        values = {"table": table.schema.name, "count": len(bad), "expected": expected, "detail": detail,
                  "row": _row_label(bad[0]), "found": len(bad[0].values), "header": "、".join(f"“{h}”" for h in header_missing)}
        variant = "one" if len(bad) == 1 else "many"
        if header_missing and table.header_columns:
            variant += "_header"
        yield Finding(bad[0].anchor, values, variant)


def _placed_cells(table):
    for row in table.rows.values():
        if row.placed:
            for column, cell in zip(row.schema.columns, row.values):
                yield row, column, cell


@check_kind("invalid-value", tables=(list, True))
def invalid_value(report, params):
    """A value cell holding text, a negative number, or a fraction where a count is required."""
    for table in _tables(report, params):
        for row, column, cell in _placed_cells(table):
            if cell.blank:
                continue
            value = cell.value
            if value is None:
                variant = "text"
            elif value < 0 and column not in table.schema.signed_columns:
                variant = "negative"
            elif column not in table.schema.amount_columns and value != value.to_integral_value():  # counts are whole
                variant = "fraction"
            else:
                continue
            yield Finding(cell.span, {"table": table.schema.name, "row": _row_label(row), "column": _column_label(table, column),
                                      "found": report.quote(cell.span, cell.text)}, variant)


@check_kind("label-mismatch", tables=(list, True))
def label_mismatch(report, params):
    """A row or column label that differs from the standard text (beyond spacing, width
    of brackets and numbering style). In a table of the other format version, only a
    deviation from a label both versions share: the others are GL208's one finding."""
    for table in _tables(report, params):
        shared = _shared_labels(table) if table.other_version_cells else None
        for deviation in table.deviations:
            if shared is not None and canonical(deviation.standard) not in shared:
                continue
            yield Finding(deviation.cell.span, {"table": table.schema.name, "found": report.quote(deviation.cell.span, deviation.cell.text), "expected": deviation.standard})


@check_kind("unknown-row", tables=(list, True))
def unknown_row(report, params):
    """A labelled row with values that the format does not have (or a standard row given twice)."""
    for table in _tables(report, params, same_version=True):
        for row in table.unknown_rows:
            variant = "duplicate" if row.schema else "default"
            yield Finding(row.anchor, {"table": table.schema.name, "found": report.quote(row.label.span, row.label.text) if row.label else ""}, variant)


@check_kind("blank-cells", tables=(list, True))
def blank_cells(report, params):
    """Value cells left blank or holding a blank mark: one finding per table, at the first."""
    for table in _tables(report, params):
        blanks = [(row, column, cell) for row, column, cell in _placed_cells(table) if cell.blank]
        if blanks:
            row, column, cell = blanks[0]
            yield Finding(cell.span if not cell.empty else row.anchor, {
                "table": table.schema.name, "count": len(blanks), "row": _row_label(row),
                "column": _column_label(table, column), "found": report.quote(cell.span, cell.text) if cell.text else "空白"})


@check_kind("format-version", tables=(list, True))
def format_version(report, params):
    """A table laid out in another format version than the one the report is checked
    against (the version of its year, or the one the configuration forces)."""
    from govlint.schema import format_for_year

    year = report.year
    if year is None:
        return  # which version applies is unknown (GL401 says so)
    variant = "year" if format_for_year(year) == report.format.version else "forced"
    for table in _tables(report, params):
        if table.other_version_cells:
            cell = table.other_version_cells[0]
            yield Finding(cell.span, {"table": table.schema.name, "found": report.quote(cell.span, cell.text), "year": year or "",
                                      "other": table.schema.other_version, "format": report.format.version,
                                      "format_name": report.format.name}, variant)
