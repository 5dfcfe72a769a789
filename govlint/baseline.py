"""Adopting govlint on an archive without noise.

Plain-text reports have no comment syntax, so ``# noqa`` cannot exist. Instead:

- a **baseline** records today's findings by fingerprint — path, code, and the
  normalized text around the finding, not its line number — so a later run reports
  only new findings, and lines inserted above a finding do not revive it;
- an **ignore file** lists accepted findings by ``path`` (glob), ``code`` and a
  mandatory ``reason``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from govlint.diagnostics import Diagnostic
from govlint.yamlload import DataFileError, line_at, load_yaml

_SPACE = re.compile(r"\s+")
FORMAT_VERSION = 1


def _posix(path: str) -> str:
    return Path(path).as_posix()


def fingerprint(diagnostic: Diagnostic, lines: dict[int, str]) -> str:
    """Stable when lines move: the flagged line's text (spaces folded) and the flagged span's text;
    ``lines`` maps line numbers to text (``Linted.lines``)."""
    span = diagnostic.span
    line = lines.get(span.line, "")
    flagged = line[span.column - 1: span.end_column - 1] if span.end_line == span.line else line[span.column - 1:]
    context = _SPACE.sub("", line) + "\x1f" + _SPACE.sub("", flagged)
    return hashlib.sha256(f"{_posix(diagnostic.path)}\x1f{diagnostic.code}\x1f{context}".encode()).hexdigest()[:32]


def write(path: Path, files) -> int:
    entries = []
    for linted in files:
        for d in linted.diagnostics:
            entries.append({"path": _posix(d.path), "code": d.code, "fingerprint": fingerprint(d, linted.lines), "message": d.message})
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    path.write_text(json.dumps({"version": FORMAT_VERSION, "tool": "govlint", "entries": entries}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


@dataclass
class Stale:
    path: str
    code: str
    message: str


MAX_BASELINE = 256 * 1024 * 1024
ENTRY_KEYS = ("path", "code", "fingerprint")


def read(path: Path) -> list[dict]:
    """The entries of a baseline file, each checked: an object with string ``path``,
    ``code`` and ``fingerprint`` (and optionally ``message``); anything else is the
    file's error (exit 2), never a crash."""
    from govlint.resources import NotRegularFile, read_limited

    try:
        raw = read_limited(path, MAX_BASELINE)
        if len(raw) > MAX_BASELINE:
            raise DataFileError(path, None, f"not a govlint baseline: larger than {MAX_BASELINE // 1024 // 1024} MiB")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, None, "baseline file does not exist (create it with --write-baseline)") from None
    except NotRegularFile:
        raise DataFileError(path, None, "not a govlint baseline: not a regular file") from None
    except (OSError, ValueError) as exc:
        raise DataFileError(path, None, f"not a govlint baseline: {getattr(exc, 'strerror', None) or exc}") from None
    except RecursionError:
        raise DataFileError(path, None, "not a govlint baseline: nested too deeply") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("entries"), list):
        raise DataFileError(path, None, f"not a govlint baseline (version {FORMAT_VERSION} with 'entries')")
    for index, entry in enumerate(data["entries"], start=1):
        if not isinstance(entry, dict):
            raise DataFileError(path, None, f"baseline entry {index} is not an object with {', '.join(ENTRY_KEYS)}")
        for key in ENTRY_KEYS:
            if not isinstance(entry.get(key), str):
                raise DataFileError(path, None, f"baseline entry {index} needs a string '{key}'")
        if not isinstance(entry.get("message", ""), str):
            raise DataFileError(path, None, f"baseline entry {index}: 'message' must be a string")
    return data["entries"]


def apply(entries: list[dict], files) -> list[Stale]:
    """Drop the findings the baseline holds (each entry once); return entries no longer matched."""
    remaining = Counter((e["path"], e["code"], e["fingerprint"]) for e in entries)
    messages = {(e["path"], e["code"], e["fingerprint"]): e.get("message", "") for e in entries}
    linted_paths = {_posix(f.path) for f in files}
    for linted in files:
        kept = []
        for d in linted.diagnostics:
            key = (_posix(d.path), d.code, fingerprint(d, linted.lines))
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(d)
        linted.diagnostics = kept
    return [Stale(p, c, messages[(p, c, f)]) for (p, c, f), n in sorted(remaining.items()) if n > 0 and p in linted_paths for _ in range(n)]


@dataclass(frozen=True)
class Accepted:
    path: str
    code: str
    reason: str


def read_ignore_file(path: Path) -> list[Accepted]:
    """``- {path: "archive/2023/*.txt", code: GL105, reason: "…"}`` entries; a reason is required."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(path, 1, "an ignore file is a list of {path, code, reason} entries")
    accepted = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise DataFileError(path, line_at(path, (index,)), "each entry needs path, code and reason")
        for key in ("path", "code", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise DataFileError(path, line_at(path, (index,)), f"entry {index + 1} needs a non-empty '{key}'" + (" (why is this finding accepted?)" if key == "reason" else ""))
        unknown = set(entry) - {"path", "code", "reason"}
        if unknown:
            raise DataFileError(path, line_at(path, (index, sorted(unknown)[0])), f"unknown key '{sorted(unknown)[0]}' in entry {index + 1}")
        accepted.append(Accepted(entry["path"], entry["code"], entry["reason"]))
    return accepted


def drop_accepted(accepted: list[Accepted], files, base: Path) -> None:
    for linted in files:
        try:
            relative = Path(linted.path).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = _posix(linted.path)
        linted.diagnostics = [d for d in linted.diagnostics if not any(
            (fnmatch.fnmatch(relative, a.path) or fnmatch.fnmatch(_posix(linted.path), a.path)) and (d.code == a.code or d.name == a.code)
            for a in accepted)]
