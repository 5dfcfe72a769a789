"""Runs written as one text, for rule examples and test cases of the rules that compare
reports: each file starts with a line ``=== 文件：NAME ===`` (last year's report first)."""

from __future__ import annotations

import re

RUN_FILE = re.compile(r"^=== 文件：(.+?) ===$", re.MULTILINE)


def is_run(text: str) -> bool:
    return RUN_FILE.search(text) is not None


def split_run(text: str) -> list[tuple[str, str]]:
    """(name, text) of each file of a run text."""
    marks = list(RUN_FILE.finditer(text))
    return [(m.group(1), text[m.end() + 1: marks[i + 1].start() if i + 1 < len(marks) else len(text)]) for i, m in enumerate(marks)]


def lint_run_text(text: str, rules: list) -> list:
    """Lint every file of a run text with ``rules``, pair them, and return the findings of
    all files (in file order)."""
    from govlint.lint import lint_bytes
    from govlint.years.findings import add_pair_findings

    results = [lint_bytes(name, body.encode("utf-8"), rules) for name, body in split_run(text)]
    add_pair_findings(results, lambda path, version: rules)
    return [d for result in results for d in result.diagnostics]
