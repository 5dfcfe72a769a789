"""A content-hash cache of lint results, so that re-running on an unchanged archive
(pre-commit, CI) costs a hash and a small JSON read per file.

The key covers everything the result depends on: the file's bytes and name, the
effective rules (codes, severities, kinds, parameters, messages) of both format
versions, and govlint itself (its version and the size and mtime of its own files,
so an edited checkout never serves stale results). Entries are JSON, never code.
Delete the directory to clear it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from govlint import __version__
from govlint.diagnostics import Diagnostic
from govlint.facts import ReportFacts
from govlint.positions import Span
from govlint.resources import cache_dir, write_json


@lru_cache(maxsize=1)
def _installation() -> str:
    """govlint's version and the stat of its own files and data (grammar, rules)."""
    from govlint.resources import data_dir

    package = Path(__file__).resolve().parent
    parts = [__version__]
    for directory in (package, data_dir("grammar"), data_dir("rules")):
        for path in sorted(directory.rglob("*")):
            if path.suffix in (".py", ".lark", ".yaml"):
                stat = path.stat()
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    from govlint.plugins import entry_points

    parts.extend("=".join(entry) for entry in entry_points())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def rules_identity(rules) -> str:
    data = [(r.code, r.severity, r.kind, r.params, r.messages, r.exclusive) for r in rules]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


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
