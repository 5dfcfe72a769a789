"""JUnit XML: one testcase per file."""

from __future__ import annotations

from govlint.output import OutputContext, where


def render(files, context: OutputContext) -> str:
    """JUnit XML: one testcase per file, failing when the file has findings."""
    from xml.sax.saxutils import escape, quoteattr

    cases = []
    failures = 0
    for f in sorted(files, key=lambda f: f.path):
        diagnostics = sorted(f.diagnostics, key=lambda d: d.sort_key)
        if diagnostics:
            failures += 1
            body = "\n".join(f"{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}{where(d)}" for d in diagnostics)
            cases.append(f'    <testcase classname="govlint" name={quoteattr(f.path)}>\n'
                         f'      <failure message={quoteattr(f"{len(diagnostics)} 个问题")} type="govlint">{escape(body)}</failure>\n'
                         f'    </testcase>')
        else:
            cases.append(f'    <testcase classname="govlint" name={quoteattr(f.path)}/>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="govlint" tests="{len(files)}" failures="{failures}">\n'
            f'  <testsuite name="govlint" tests="{len(files)}" failures="{failures}" errors="0">\n'
            + "".join(case + "\n" for case in cases) +
            '  </testsuite>\n</testsuites>\n')
