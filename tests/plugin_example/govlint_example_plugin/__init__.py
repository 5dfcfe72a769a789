"""An example govlint plugin: contributes a rule pack (``example``), a check kind written in
Python (``paragraph-length``) and an output format (``tsv``), through govlint's hooks."""

from pathlib import Path

from govlint.checks import CheckKind, Finding
from govlint.hookspecs import hookimpl


def paragraph_length(report, params):
    """Paragraphs longer than ``max`` characters."""
    for paragraph in report.paragraphs():
        if len(paragraph.text) > params["max"]:
            yield Finding(paragraph.span, {"length": len(paragraph.text), "max": params["max"]})


@hookimpl
def govlint_check_kinds():
    return {"paragraph-length": CheckKind("paragraph-length", paragraph_length, {"max": (int, True)}, paragraph_length.__doc__)}


@hookimpl
def govlint_rule_packs():
    return [Path(__file__).parent / "pack"]


def tsv(files, context):
    rows = [f"{d.path}\t{d.span.line}\t{d.span.column}\t{d.code}\t{d.message}" for f in files for d in f.diagnostics]
    return "".join(row + "\n" for row in ["path\tline\tcolumn\tcode\tmessage", *rows])


@hookimpl
def govlint_output_formats():
    return {"tsv": tsv}
