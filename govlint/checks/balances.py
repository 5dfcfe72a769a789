"""The sum identities of the tables (勾稽关系), declared in YAML and checked here."""

from __future__ import annotations

from govlint.checks import Finding, check_kind, number
from govlint.memo import ByIdentity


def _describe(labels: list[str]) -> str:
    return " + ".join(f"“{label}”" for label in labels)


_PLANS = ByIdentity(maxsize=256)


def _plan(params, schema) -> list[tuple[str, dict, tuple, tuple]]:
    """``(line, identity, left cells, right cells)`` for every identity the rule checks on a
    table of ``schema``, the cells as ``(row, column)`` keys of ``Table.values``: worked out
    once per rule and format version, not per report."""
    return _PLANS.get((params, schema), lambda: _planned(params, schema))


def _planned(params, schema) -> list[tuple[str, dict, tuple, tuple]]:
    """``_plan``, worked out. An identity over rows this format version lacks is not checked."""
    by_column = params["for_each"] == "column"
    known_rows = schema.row_by_id
    if by_column:
        lines = params.get("only") or list(schema.rows[0].columns)
    else:
        lines = params.get("only") or [row.id for row in schema.all_rows]
    identities = [i for i in params["identities"] if not by_column or all(r in known_rows for r in (*i["left"], *i["right"]))]
    plan = []
    for line in lines:
        for identity in identities:
            if by_column:
                plan.append((line, identity, tuple((r, line) for r in identity["left"]), tuple((r, line) for r in identity["right"])))
            else:
                plan.append((line, identity, tuple((line, c) for c in identity["left"]), tuple((line, c) for c in identity["right"])))
    return plan


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
    values = table.values()
    for line, identity, left_keys, right_keys in _plan(params, schema):
        left = [values.get(key) for key in left_keys]
        right = [values.get(key) for key in right_keys]
        if None in left or None in right:
            continue
        found, expected = sum(left), sum(right)
        if found == expected:
            continue
        if params["for_each"] == "column":
            left_labels = [schema.row_by_id[r].label for r in identity["left"]]
            right_labels = [schema.row_by_id[r].label for r in identity["right"]]
            where = {"column": schema.columns[line], "row": left_labels[0]}
        else:
            left_labels = [schema.columns[c] for c in identity["left"]]
            right_labels = [schema.columns[c] for c in identity["right"]]
            where = {"row": schema.row_by_id[line].label, "column": left_labels[0]}
        yield Finding(table.cell(*left_keys[0]).span, {
            "table": schema.name, **where, "group": identity.get("label", ""),
            "found": number(found), "expected": number(expected),
            "left": _describe(left_labels), "right": _describe(right_labels),
            "difference": number(found - expected),
        })
