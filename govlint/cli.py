"""The ``govlint`` command: lint files (``govlint report.txt``), list rules (``govlint rules``),
explain one (``govlint rule GL301``).

Exit status: 0 no failing finding, 1 failing findings, 2 govlint could not do its job.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govlint import __version__

EXTENSIONS = (".txt", ".md")
SUBCOMMANDS = ("rules", "rule")


class UsageError(Exception):
    """Bad option, bad path, bad rule pack: exit 2 with one line on stderr."""


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govlint",
        description="检查政府信息公开工作年度报告：缺少的部分、表格、勾稽关系、统计期限、信息处理费说明。",
        epilog="其他命令：govlint rules（列出全部规则）；govlint rule GL301（解释一条规则）。",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories ('-' reads standard input)")
    parser.add_argument("-f", "--format", default="full", help="output format: full (default), concise, json, or one a plugin adds")
    parser.add_argument("--select", action="append", metavar="CODES", help="run only these rules: codes, prefixes (GL3) or names, comma-separated")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules: codes, prefixes or names")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to report for '-' (standard input)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in the full format")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    return parser


def _files(paths: list[str]) -> list[str]:
    found = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() in EXTENSIONS and p.is_file())
        elif path.exists():
            found.append(raw)
        else:
            raise UsageError(f"no such file or directory: {raw}")
    return found


def _ruleset():
    from govlint.lint import default_ruleset
    from govlint.yamlload import DataFileError

    try:
        return default_ruleset()
    except DataFileError as exc:
        raise UsageError(f"bad rule pack: {exc}") from None


def _lint(argv: list[str]) -> int:
    args = _lint_parser().parse_args(argv)
    if not args.paths:
        raise UsageError("no PATH given (try: govlint report.txt)")
    from govlint.diagnostics import fails
    from govlint.lint import lint_bytes, lint_file
    from govlint.plugins import merged

    formats = merged("govlint_output_formats")
    if args.format not in formats:
        raise UsageError(f"unknown format '{args.format}' (known: {', '.join(sorted(formats))})")
    ruleset = _ruleset()
    select, ignore = _split(args.select), _split(args.ignore)
    for selector in (select or []) + (ignore or []):
        if not any(r.code.startswith(selector.upper()) or r.name == selector for r in ruleset.rules):
            raise UsageError(f"unknown rule code, prefix or name: {selector}")
    rules = ruleset.select(select, ignore)
    results = []
    crashed = False
    for path in _files(args.paths):
        try:
            if path == "-":
                results.append(lint_bytes(args.stdin_filename or "-", sys.stdin.buffer.read(), rules))
            else:
                results.append(lint_file(path, rules))
        except Exception as exc:  # a bug must cost one file, not the run
            crashed = True
            print(f"govlint: internal error on {path}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(formats[args.format](results, color))
    if crashed:
        return 2
    failing = any(fails(d, args.strict) for f in results for d in f.diagnostics)
    return 1 if failing and not args.exit_zero else 0


def _rules(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govlint rules", description="列出全部规则")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    ruleset = _ruleset()
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "enabled": r.enabled, "pack": r.pack, "summary": r.summary}
                          for r in ruleset.rules], ensure_ascii=False, indent=2))
        return 0
    for rule in ruleset.rules:
        state = "" if rule.enabled else "  (默认关闭)"
        print(f"{rule.code}  {rule.name:<32} {rule.severity:<8} {rule.summary}{state}")
    return 0


def _rule(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govlint rule", description="解释一条规则")
    parser.add_argument("code", help="rule code or name, e.g. GL301 or row-total")
    args = parser.parse_args(argv)
    rule = _ruleset().get(args.code)
    if rule is None:
        raise UsageError(f"unknown rule: {args.code}")
    print(f"{rule.code} ({rule.name})")
    print(f"严重程度：{rule.severity}{'' if rule.enabled else '（默认关闭）'}    规则包：{rule.pack}")
    print(f"\n检查什么：{rule.summary}")
    if rule.why:
        print(f"\n为什么：{rule.why.strip()}")
    for label, key in (("不合格的示例", "fail"), ("合格的示例", "pass")):
        examples = rule.examples.get(key) or []
        if examples:
            print(f"\n{label}：")
            print("    " + examples[0].rstrip().replace("\n", "\n    "))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS and not Path(argv[0]).exists():
            return {"rules": _rules, "rule": _rule}[argv[0]](argv[1:])
        return _lint(argv)
    except UsageError as exc:
        print(f"govlint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
