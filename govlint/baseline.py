"""Adopting govlint on an archive without noise.

Plain-text reports have no comment syntax, so ``# noqa`` cannot exist. Instead:

- a **baseline** records today's findings by fingerprint — path, code, and the words of
  the finding's line and where in it the finding starts, not its line number — so a later
  run reports only new findings, lines inserted above a finding do not revive it, and
  fixing one cell of a row does not revive a finding in another;
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
from govlint.chars import chinese_only
from govlint.lint import CONTEXT_ABOVE
from govlint.yamlload import DataFileError, line_at, load_yaml

_SEPARATOR = re.compile(r"[|\t｜]")
FORMAT_VERSION = 2
ANCHOR_LOOKBACK = CONTEXT_ABOVE
"""Lines searched upwards for a row's label when the flagged line holds no words (one cell per line)."""


def _posix(path: str) -> str:
    return Path(path).as_posix()


def fingerprint(diagnostic: Diagnostic, lines: dict[int, str]) -> str:
    """Which finding this is, in words that survive edits elsewhere: the Chinese characters of
    its line (labels, prose; not values or spaces), where in the line it starts (characters and
    cell separators before it: two cells of one row differ), and its location in words if it has
    one. Lines moving, and values changing in other cells of the row, leave it unchanged.
    ``lines`` maps line numbers to text (``Linted.lines``: the flagged lines and the
    ``ANCHOR_LOOKBACK`` lines above each)."""
    span = diagnostic.span
    number = span.line
    line = lines.get(number, "")
    before = line[: span.column - 1]
    anchor = chinese_only(line)
    if not anchor:  # one cell per line: the nearest line above with words is the row's label
        for distance in range(1, ANCHOR_LOOKBACK + 1):
            if chinese_only(lines.get(number - distance, "")):
                anchor = f"{chinese_only(lines[number - distance])}+{distance}"
                break
    where = f"{len(chinese_only(before))}.{len(_SEPARATOR.findall(before))}"
    context = f"{anchor}\x1f{where}\x1f{diagnostic.location or ''}"
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
            raise DataFileError(path, None, f"不是 govlint 的基线文件：大于 {MAX_BASELINE // 1024 // 1024} MiB")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, None, "基线文件不存在（用 --write-baseline 生成）") from None
    except NotRegularFile:
        raise DataFileError(path, None, "不是 govlint 的基线文件：不是普通文件") from None
    except (OSError, ValueError) as exc:
        raise DataFileError(path, None, f"不是 govlint 的基线文件：{getattr(exc, 'strerror', None) or exc}") from None
    except RecursionError:
        raise DataFileError(path, None, "不是 govlint 的基线文件：嵌套层数过多") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DataFileError(path, None, f"不是 govlint 的基线文件（应为 version {FORMAT_VERSION}、含 entries）")
    if data.get("version") != FORMAT_VERSION:
        raise DataFileError(path, None, f"基线文件是旧版（version {data.get('version')}），请用 --write-baseline 重新生成")
    for index, entry in enumerate(data["entries"], start=1):
        if not isinstance(entry, dict):
            raise DataFileError(path, None, f"基线的第 {index} 项不是含 {'、'.join(ENTRY_KEYS)} 的对象")
        for key in ENTRY_KEYS:
            if not isinstance(entry.get(key), str):
                raise DataFileError(path, None, f"基线的第 {index} 项缺少文本“{key}”")
        if not isinstance(entry.get("message", ""), str):
            raise DataFileError(path, None, f"基线的第 {index} 项：“message”应是文本")
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


def read_ignore_file(path: Path, known=None) -> list[Accepted]:
    """``- {path: "archive/2023/*.txt", code: GL105, reason: "…"}`` entries; a reason is required,
    and a code (or rule name) must be one of ``known`` (a RuleSet), like in the configuration."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(path, 1, "忽略文件应是 {path, code, reason} 条目的列表")
    accepted = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise DataFileError(path, line_at(path, (index,)), "每个条目都需要 path、code 和 reason")
        for key in ("path", "code", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise DataFileError(path, line_at(path, (index,)), f"第 {index + 1} 个条目缺少非空的“{key}”" + ("（为什么接受这个问题？）" if key == "reason" else ""))
        unknown = set(entry) - {"path", "code", "reason"}
        if unknown:
            raise DataFileError(path, line_at(path, (index, sorted(unknown)[0])), f"第 {index + 1} 个条目有未知的键“{sorted(unknown)[0]}”")
        code = entry["code"].strip()
        if known is not None and known.get(code) is None:
            from govlint.clitext import did_you_mean

            hint = did_you_mean(code, [key for rule in known.rules for key in (rule.code, rule.name)])
            raise DataFileError(path, line_at(path, (index, "code")), f"第 {index + 1} 个条目的规则代码“{code}”未知{hint}")
        accepted.append(Accepted(entry["path"], code, entry["reason"]))
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
