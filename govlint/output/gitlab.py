"""GitLab Code Quality report."""

from __future__ import annotations

import hashlib
import json

from govlint.output import OutputContext, all_findings, where

_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(files, context: OutputContext) -> str:
    """GitLab Code Quality report (a JSON array of issues)."""
    issues = []
    for d in all_findings(files):
        fingerprint = hashlib.sha256(f"{d.path}\x1f{d.code}\x1f{d.span.line}\x1f{d.span.column}\x1f{d.message}".encode()).hexdigest()
        issues.append({
            "description": f"{d.code} {d.message}{where(d)}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
