"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json

from govlint import __version__
from govlint.output import OutputContext, all_findings

INFORMATION_URI = "https://pypi.org/project/govlint/"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(files, context: OutputContext) -> str:
    """SARIF 2.1.0: one run, the rules that ran as the driver's rules."""
    rules = sorted(context.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for d in all_findings(files):
        result = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/")},
                "region": {"startLine": d.span.line, "startColumn": d.span.column, "endLine": d.span.end_line, "endColumn": max(d.span.end_column, 1)},
            }}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.location:
            result["locations"][0]["message"] = {"text": d.location}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govlint", "version": __version__, "informationUri": INFORMATION_URI,
                "rules": [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
                           "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in rules],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
