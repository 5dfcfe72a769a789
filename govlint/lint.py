"""The pipeline for one file: read → normalize → parse → model → check, as diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lark.exceptions import LarkError

from govlint.diagnostics import Diagnostic
from govlint.model import Report, build
from govlint.normalize import Event, Normalized, normalize
from govlint.parse import parse
from govlint.positions import Span
from govlint.read import UnreadableInput, decode
from govlint.rules import Rule, RuleSet, load_rules
from govlint.schema import load_format


@dataclass
class Linted:
    """One file's result: its diagnostics and the original lines (for the full format)."""

    path: str
    diagnostics: list[Diagnostic]
    lines: list[str]


@lru_cache(maxsize=1)
def check_kinds() -> dict:
    from govlint.plugins import merged

    return merged("govlint_check_kinds")


def default_ruleset() -> RuleSet:
    from govlint.plugins import rule_pack_dirs

    return load_rules(rule_pack_dirs(), check_kinds())


def model(path: str, data: bytes) -> tuple[Report, list[str]]:
    """Run the stages up to the model; an unreadable file gives a report with only its GL001 event."""
    schema = load_format("2021")
    try:
        source = decode(data)
    except UnreadableInput as exc:
        event = Event("unreadable", Span.whole_file(), 1, str(exc))
        empty = Normalized([""], [None], [event])
        return Report(path, schema, empty, [event], None, [], [], {}, []), []
    lines = source.lines
    normalized = normalize(lines)
    try:
        tree = parse(normalized.lines)
    except LarkError as exc:  # the grammar accepts any line sequence; this is a safety net
        event = Event("unreadable", Span.whole_file(), 1, f"无法解析：{exc.__class__.__name__}")
        return Report(path, schema, normalized, [event], None, [], [], {}, []), lines
    return build(path, tree, normalized, schema, normalized.events), lines


def check(report: Report, rules: list[Rule]) -> list[Diagnostic]:
    kinds = check_kinds()
    diagnostics = []
    for rule in rules:
        findings = list(kinds[rule.kind].run(report, rule.params))
        for finding in findings:
            diagnostics.append(Diagnostic(report.path, finding.span, rule.code, rule.name, rule.severity, rule.message(finding.variant, finding.values)))
        if findings and rule.exclusive:
            break
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


def lint_bytes(path: str, data: bytes, rules: list[Rule]) -> Linted:
    report, lines = model(path, data)
    return Linted(path, check(report, rules), lines)


def lint_file(path: str, rules: list[Rule]) -> Linted:
    """Lint a file on disk; a file that cannot be opened is a GL001 finding, not a crash."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        report = Report(path, load_format("2021"), Normalized([""], [None]), [Event("unreadable", Span.whole_file(), 1, f"无法打开文件：{exc.strerror or exc}")], None, [], [], {}, [])
        return Linted(path, check(report, rules), [])
    return lint_bytes(path, data, rules)
