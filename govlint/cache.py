"""A content-hash cache of lint results, so that re-running on an unchanged archive
(pre-commit, CI) costs a hash and a small JSON read per file.

The key covers everything the result depends on: the file's bytes and name, the
settings that choose and change the rules (``Linter.identity``), and govlint itself
(``govlint.stamp``: its version, the size and mtime of its own files, so an edited
checkout never serves stale results, and the plugins' versions). Entries are JSON, never code.
Delete the directory to clear it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from govlint.diagnostics import Diagnostic
from govlint.facts import ReportFacts
from govlint.positions import Span
from govlint.resources import cache_dir, write_json
from govlint.stamp import installation as _installation


class ResultCache:
    def __init__(self, directory: Path | None = None, enabled: bool = True):
        self.directory = (directory or cache_dir()) / "results"
        self.enabled = enabled

    def key(self, path: str, data: bytes, identity: str) -> str:
        digest = hashlib.sha256()
        for part in (_installation().encode(), identity.encode(), path.encode("utf-8", "surrogateescape"), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str):
        if not self.enabled:
            return None
        from govlint.lint import Linted

        try:
            stored = json.loads((self.directory / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
            diagnostics = [Diagnostic(d["path"], Span(d["line"], d["column"], d["end_line"], d["end_column"]), d["code"], d["name"],
                                      d["severity"], d["message"], d.get("location")) for d in stored["diagnostics"]]
            facts = ReportFacts.from_json(stored["facts"]) if stored.get("facts") is not None else None
            return Linted(stored["path"], diagnostics, stored["lines"], facts)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, linted) -> None:
        if not self.enabled:
            return
        write_json(self.directory / key[:2] / f"{key}.json",
                   {"path": linted.path, "diagnostics": [d.to_json() for d in linted.diagnostics], "lines": linted.lines,
                    "facts": linted.facts.to_json() if linted.facts else None})
