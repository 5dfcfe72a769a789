"""The sum identities of the tables (勾稽关系), declared in YAML and checked here."""

from __future__ import annotations

from govlint.checks import Finding, check_kind, number


def _describe(labels: list[str]) -> str:
    return " + ".join(f"“{label}”" for label in labels)


@check_kind("sum-identity", table=(str, True), for_each=(str, True), identities=(list, True), only=(list, False))
def sum_identity(report, params):
    """``sum(left) == sum(right)`` for every column (``for_each: column``; left/right
    name rows) or every row (``for_each: row``; left/right name columns). An identity
    with a missing, unplaced or blank operand is not checked: a blank is unknown, not 0.
    The finding points at the first cell of ``left``."""
    table = report.tables.get(params["table"])
    if table is None:
        return
    schema = table.schema
    if params["for_each"] == "column":
        lines = params.get("only") or list(schema.rows[0].columns)
    else:
        lines = params.get("only") or [row.id for row in schema.all_rows]
    known_rows = schema.row_by_id
    identities = [i for i in params["identities"]
                  if params["for_each"] == "row" or all(r in known_rows for r in (*i["left"], *i["right"]))]
    for line in lines:
        for identity in identities:  # an identity over rows this format version lacks is not checked
            if params["for_each"] == "column":
                left = [table.cell(row, line) for row in identity["left"]]
                right = [table.cell(row, line) for row in identity["right"]]
                left_labels = [known_rows[r].label for r in identity["left"]]
                right_labels = [known_rows[r].label for r in identity["right"]]
                where = {"column": schema.columns[line], "row": left_labels[0]}
            else:
                if line not in table.rows:
                    continue
                left = [table.cell(line, column) for column in identity["left"]]
                right = [table.cell(line, column) for column in identity["right"]]
                left_labels = [schema.columns[c] for c in identity["left"]]
                right_labels = [schema.columns[c] for c in identity["right"]]
                where = {"row": known_rows[line].label, "column": left_labels[0]}
            cells = left + right
            if any(cell is None or cell.value is None for cell in cells):
                continue
            found = sum(cell.value for cell in left)
            expected = sum(cell.value for cell in right)
            if found != expected:
                yield Finding(left[0].span, {
                    "table": schema.name, **where, "group": identity.get("label", ""),
                    "found": number(found), "expected": number(expected),
                    "left": _describe(left_labels), "right": _describe(right_labels),
                    "difference": number(found - expected),
                })
