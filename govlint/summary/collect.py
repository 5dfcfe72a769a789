"""The batch data model of ``govlint summary`` and ``govlint extract``: one small row per
report kept in memory (who, which year, counts, worst finding, score), and each report's
findings and table cells spooled to a temporary file as they arrive, so memory does not
grow with the number of findings or cells. The output formats read the spool back, one
report at a time.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from govlint import __version__
from govlint.facts import ReportFacts, duplicate_groups

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
FAMILIES = {"GL0": "输入", "GL1": "结构", "GL2": "表格", "GL3": "勾稽关系", "GL4": "期限与日期", "GL5": "收费说明",
            "GL6": "文字与表格", "GL7": "跨年度与跨单位"}
FINDING_FIELDS = ("code", "name", "severity", "message", "line", "column", "location", "source")
"""A spooled finding, in this order (the JSON output names them)."""
GENERATOR = "govlint summary"
"""Written into every summary file; a folder walk skips files that carry it."""


def family(code: str) -> str:
    """The rule family of a code, in words: ``GL3 勾稽关系``; a pack's own prefix as it is."""
    prefix = code[:3]
    return f"{prefix}xx {FAMILIES[prefix]}" if prefix in FAMILIES else code.rstrip("0123456789") or code


@dataclass
class Examined:
    """What a worker sends back for one file."""

    path: str
    facts: ReportFacts | None
    findings: list[list]
    cells: list[tuple]


FINDINGS, FINDINGS_AND_CELLS, CELLS = "findings", "findings and cells", "cells"
"""What ``collect`` takes of each file: ``summary`` the findings (and for a workbook every
table cell too), ``extract`` only the cells (without running the rules)."""


def examine(session, path: str, take: str = FINDINGS) -> Examined:
    """Lint one file (through the result cache), name where each finding is (the table cell
    by its labels, else the section), and, when asked, take every table cell."""
    from govlint.extract import Places, joined, table_cells
    from govlint.lint import model, read_file

    if take == CELLS:
        return _cells_only(session, path)
    cells = take == FINDINGS_AND_CELLS
    kept: list = []
    linted = session.lint(path, kept)
    places = Places(None, None)
    table: list[tuple] = []
    if linted.facts is not None and (linted.diagnostics or cells):
        if not kept:  # a cache hit: model the file again
            data = read_file(path)
            if not isinstance(data, str):
                kept.append(model(path, data, session.linter_for(Path(path)).format_version))
        if kept:
            report, source = kept[0]
            places = Places(report, source)
            if cells:
                table = list(table_cells(report, source, linted.facts))
    findings = []
    lines = linted.lines
    for d in linted.diagnostics:
        line = d.span.line
        where = places.name(line, d.span.column)
        if d.location:
            where = joined(d.location, where)
        text = lines.get(line, "").strip()[:300]
        findings.append([d.code, d.name, d.severity, d.message, line, d.span.column, where, text])
    return Examined(path, linted.facts, findings, table)


def _cells_only(session, path: str) -> Examined:
    """Every table cell and the report's facts, without running the rules (``extract``)."""
    from govlint.extract import table_cells
    from govlint.facts import facts_of
    from govlint.lint import model, read_file

    data = read_file(path)
    if isinstance(data, str):
        return Examined(path, None, [["GL001", "unreadable-input", "error", data, 1, 1, "", ""]], [])
    report, source = model(path, data, session.linter_for(Path(path)).format_version)
    if source is None:
        return Examined(path, None, [["GL001", "unreadable-input", "error", report.events[0].detail, 1, 1, "", ""]], [])
    facts = facts_of(report)
    return Examined(path, facts, [], list(table_cells(report, source, facts)))


@dataclass
class ReportRow:
    """One report of the run, as the summary keeps it."""

    path: str
    agency: str
    year: int | None
    format_version: str
    status: str
    """ok | unreadable | not-report"""
    counts: Counter
    """Findings by severity."""
    codes: Counter
    """Findings by rule code."""
    worst: str
    facts: ReportFacts | None = None
    duplicate_of: str | None = None
    score: object = None
    """A ``scoring.Score`` when a scoring pack is used."""

    @property
    def counted(self) -> bool:
        return self.duplicate_of is None

    def to_json(self) -> dict:
        data = {"path": self.path, "agency": self.agency, "year": self.year, "format_version": self.format_version,
                "status": self.status, "errors": self.counts["error"], "warnings": self.counts["warning"],
                "infos": self.counts["info"], "findings": sum(self.counts.values()), "worst": self.worst,
                "duplicate_of": self.duplicate_of}
        if self.score is not None:
            data["score"] = self.score.points
            data["deductions"] = self.score.explain()
        return data


def _worst(findings: list[list]) -> str:
    if not findings:
        return ""
    code, _, _, message = max(findings, key=lambda f: (SEVERITY_RANK.get(f[2], 0), -f[4]))[:4]
    return f"{code} {message}"


def _status(examined: Examined, codes: Counter) -> str:
    if examined.facts is None or codes["GL001"]:
        return "unreadable"
    if codes["GL005"]:
        return "not-report"
    return "ok"


@dataclass
class Batch:
    meta: dict
    reports: list[ReportRow] = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    """code → (name, severity) of every rule that found something."""
    summaries: dict = field(default_factory=dict)
    """code → the rule's summary in Chinese (what it checks)."""
    spool: object = None
    scoring: object = None
    coverage: object = None
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) of files govlint failed on (a bug: exit 2 after writing the summary)."""

    def counted(self) -> list[ReportRow]:
        return [r for r in self.reports if r.counted]

    def totals(self) -> dict:
        counted = self.counted()
        findings = Counter()
        for r in counted:
            findings.update(r.counts)
        return {"files": len(self.reports), "reports": len(counted),
                "with_errors": sum(1 for r in counted if r.counts["error"]),
                "with_warnings": sum(1 for r in counted if r.counts["warning"]),
                "unreadable": sum(1 for r in counted if r.status == "unreadable"),
                "not_reports": sum(1 for r in counted if r.status == "not-report"),
                "duplicates": len(self.reports) - len(counted),
                "errors": findings["error"], "warnings": findings["warning"], "infos": findings["info"]}

    def rule_counts(self) -> list[tuple[str, str, str, int]]:
        """(code, name, severity, findings) over the counted reports, most frequent first."""
        counts = Counter()
        for r in self.counted():
            counts.update(r.codes)
        return [(code, *self.rules[code], n) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def family_counts(self) -> list[tuple[str, int]]:
        counts = Counter()
        for code, _, _, n in self.rule_counts():
            counts[family(code)] += n
        return sorted(counts.items())

    def details(self, cells: bool = False):
        """(ReportRow, findings, cells) of each counted report, read back from the spool."""
        self.spool.seek(0)
        for row, line in zip(self.reports, self.spool):
            if row.counted:
                findings, table = json.loads(line)
                yield row, findings, table if cells else []

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()


def command_line(argv: list[str]) -> str:
    return "govlint " + shlex.join(argv)


def collect(paths: list[str], session, jobs: int, argv: list[str], take: str = FINDINGS, scoring=None) -> Batch:
    """Lint ``paths`` (in parallel when it pays), keep one row per report and spool the rest
    (``take``: FINDINGS, FINDINGS_AND_CELLS or CELLS)."""
    from govlint.cli import UsageError, _lint_paths

    for path in paths:  # configuration errors surface here, before any work is spread out
        session.linter_for(Path(path))
    packs = sorted({pack for linter in session.linters.values() for pack in linter.packs})
    meta = {"generator": GENERATOR, "version": __version__, "packs": packs, "command": command_line(argv),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "files": len(paths)}
    if scoring is not None:
        meta["scoring"] = {"name": scoring.name, "title": scoring.title, "item": scoring.item, "source": scoring.source,
                           "total": scoring.total, "floor": scoring.floor}
    batch = Batch(meta, spool=tempfile.TemporaryFile("w+", encoding="utf-8"), scoring=scoring)
    with _progress(len(paths)) as advance:
        for path, examined, error in _lint_paths(paths, session, jobs, partial(examine, take=take)):
            advance()
            if error and error[0] == "usage":
                raise UsageError(error[1])
            if error:
                batch.failures.append((path, error[1]))
                examined = Examined(path, None, [["GL001", "unreadable-input", "error", f"govlint 内部错误：{error[1]}", 1, 1, "", ""]], [])
            _add(batch, examined)
    _mark_duplicates(batch)
    batch.summaries = {rule.code: rule.summary for rule in session.rules_used()}
    from govlint.lint import FORMAT_PACKS

    versions = {r.format_version for r in batch.reports}
    meta["packs"] = sorted({*packs, *(pack for version, pack in FORMAT_PACKS.items() if version in versions)})
    if scoring is not None:  # a file that could not be read, or is no report, is for a person to judge
        for row in batch.counted():
            if row.status == "ok":
                row.score = scoring.score(row.codes)
    return batch


def _add(batch: Batch, examined: Examined) -> None:
    codes = Counter(f[0] for f in examined.findings)
    for f in examined.findings:
        batch.rules.setdefault(f[0], (f[1], f[2]))
    facts = examined.facts
    batch.reports.append(ReportRow(examined.path, facts.agency if facts else "", facts.year if facts else None,
                                   facts.format_version if facts else "", _status(examined, codes),
                                   Counter(f[2] for f in examined.findings), codes, _worst(examined.findings), facts))
    batch.spool.write(json.dumps([examined.findings, examined.cells], ensure_ascii=False) + "\n")


def _mark_duplicates(batch: Batch) -> None:
    items = [(r.path, r.facts) for r in batch.reports if r.facts is not None]
    by_path = {r.path: r for r in batch.reports}
    for group in duplicate_groups(items):
        for path in group[1:]:
            by_path[path].duplicate_of = group[0]


class _progress:
    """A rich progress bar on a terminal's standard error; nothing when piped or under CI."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None
        self.task = None

    def __enter__(self):
        if self.total >= 2 and sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("检查报告"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=self.total)
            return lambda: self.bar.advance(self.task)
        return lambda: None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def is_own_output(path: Path) -> bool:
    """Whether a file is a summary govlint wrote (so that a folder walk skips it)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    return f'content="{GENERATOR}'.encode() in head
