"""JSON (spec/OUTPUT.md) and JSON Lines."""

from __future__ import annotations

import json

from govlint.output import OutputContext, all_findings


def render(files, context: OutputContext) -> str:
    """Exactly one JSON array, sorted by path, line, column, code (spec/OUTPUT.md)."""
    return json.dumps([d.to_json() for d in all_findings(files)], ensure_ascii=False, indent=2) + "\n"


def render_lines(files, context: OutputContext) -> str:
    """One JSON object per line, same fields as ``json``."""
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in all_findings(files))
