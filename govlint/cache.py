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
import zlib
from pathlib import Path

from govlint.diagnostics import SEVERITIES, Diagnostic
from govlint.facts import ReportFacts
from govlint.memo import ByIdentity
from govlint.positions import Span
from govlint.resources import cache_dir, read_json, write_json
from govlint.stamp import installation as _installation


SCHEMA = 3
"""Version of the entry layout; an entry of another layout is ignored."""


def _span(d: dict) -> Span:
    values = [d["line"], d["column"], d["end_line"], d["end_column"]]
    if not all(type(v) is int and v >= 0 for v in values):
        raise ValueError("bad span")
    return Span(*values)


def _diagnostic(d: dict, path: str, rules: dict, any_severity: bool = False) -> Diagnostic:
    """One stored finding, checked against the file it was made for and the rules in effect:
    an entry cannot carry findings for another path, or of a rule that does not run (under its
    name and severity; with ``any_severity``, a severity of its own: GL702 lowers its finding
    when the report gives a reason)."""
    if not isinstance(d, dict) or d["path"] != path:
        raise ValueError("finding does not belong to this file")
    name, severity = rules.get(d["code"], (None, None))
    if d["name"] != name or not (d["severity"] == severity or any_severity and d["severity"] in SEVERITIES):
        raise ValueError("finding of a rule that does not run")
    if not isinstance(d["message"], str) or not isinstance(d.get("location") or "", str):
        raise ValueError("bad message")
    return Diagnostic(path, _span(d), d["code"], d["name"], d["severity"], d["message"], d.get("location"))


class StoredFacts(ReportFacts):
    """A report's facts read from the cache, its packed fingerprint not yet decoded: a re-run
    whose pairing is cached never decodes it. ``readable`` tells whether it decodes; the
    pairing step lints a file whose stored fingerprint does not again, as a cache miss."""

    __slots__ = ()

    @classmethod
    def read(cls, data: dict) -> StoredFacts:
        return cls.from_json(data)

    def readable(self) -> bool:
        if self.packed_fingerprint is None:
            return True
        from govlint.years.fingerprint import Fingerprint, unpacked_json

        try:
            Fingerprint.from_json(unpacked_json(self.packed_fingerprint))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, zlib.error):
            return False
        return True


class ResultCache:
    """Entries are JSON, each naming the key (content hash) it was made for; an entry that
    does not match its key, the file's path or the rules in effect, or is malformed in any
    way, is ignored and the file is linted again."""

    def __init__(self, directory: Path | None = None, enabled: bool = True):
        self.directory = (directory or cache_dir()) / "results"
        self.enabled = enabled
        self._rule_names = ByIdentity(maxsize=16)

    def key(self, path: str, data: bytes, identity: str) -> str:
        digest = hashlib.sha256()
        for part in (_installation().encode(), identity.encode(), path.encode("utf-8", "surrogateescape"), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _known(self, rules: list) -> dict:
        """Code → (name, severity) of ``rules``, made once per list of rules (a linter's, the
        same for every file it lints)."""
        return self._rule_names.get((rules,), lambda: {r.code: (r.name, r.severity) for r in rules})

    def get(self, key: str, path: str, rules_for) -> "Linted | None":
        """The stored result for ``key``, or None; ``rules_for(version)`` are the rules that
        would run on a report of that format version (the one the entry says it was checked
        as: a run of 2021 reports loads no 2019 rules)."""
        if not self.enabled:
            return None
        from govlint.lint import Linted

        try:
            stored = read_json(self._file(key))
            if stored["schema"] != SCHEMA or stored["key"] != key or stored["path"] != path:
                return None
            version = stored["facts"]["format_version"] if stored["facts"] is not None else "2021"
            if version not in ("2021", "2019"):
                return None
            known = self._known(rules_for(version))
            diagnostics = [_diagnostic(d, path, known) for d in stored["diagnostics"]]
            lines = {}
            for number, text in stored["lines"]:
                if type(number) is not int or not isinstance(text, str):
                    return None
                lines[number] = text
            facts = StoredFacts.read(stored["facts"]) if stored["facts"] is not None else None
            return Linted(path, diagnostics, lines, facts)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def put(self, key: str, linted) -> None:
        if not self.enabled:
            return
        write_json(self._file(key), {"schema": SCHEMA, "key": key, "path": linted.path,
                                     "diagnostics": [d.to_json() for d in linted.diagnostics],
                                     "lines": sorted(linted.lines.items()),
                                     "facts": linted.facts.to_json() if linted.facts else None})

    def run_key(self, reports: list[tuple[str, str | None]], explicit: list[tuple[str, str]]) -> str:
        """The key of a run's pairing: its reports in order, each as (path, its result's key
        in this cache, or None for a file without facts), and the pairs named by ``--previous``."""
        text = json.dumps([SCHEMA, reports, explicit], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def _pairs_file(self, key: str) -> Path:
        return self.directory.parent / "pairs" / f"{key}.json"

    def get_pair_findings(self, key: str, paths: list[str], rules_of) -> list[list[Diagnostic]] | None:
        """The across-report findings stored for the run ``key``, one list per path of
        ``paths`` (the run's reports, in order), or None; ``rules_of(path)`` are the rules
        that run on a file."""
        if not self.enabled:
            return None
        try:
            stored = read_json(self._pairs_file(key))
            if stored["schema"] != SCHEMA or stored["key"] != key:
                return None
            found: list[list[Diagnostic]] = [[] for _ in paths]
            for index, diagnostics in stored["findings"]:
                if type(index) is not int or not 0 <= index < len(paths) or found[index]:
                    return None
                path = paths[index]
                found[index] = [_diagnostic(d, path, self._known(rules_of(path)), any_severity=True) for d in diagnostics]
            return found
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def put_pair_findings(self, key: str, found: list[list[Diagnostic]]) -> None:
        if not self.enabled:
            return
        write_json(self._pairs_file(key), {"schema": SCHEMA, "key": key,
                                           "findings": [[i, [d.to_json() for d in ds]] for i, ds in enumerate(found) if ds]})
