"""govlint's own check kinds, national rule pack and output formats, registered through
the same hooks a third-party plugin uses."""

from __future__ import annotations

from govlint.hookspecs import hookimpl
from govlint.resources import data_dir


@hookimpl
def govlint_check_kinds():
    from govlint.checks import load_builtin_kinds

    return load_builtin_kinds()


@hookimpl
def govlint_rule_packs():
    rules = data_dir("rules")
    return [rules / name for name in ("national", "format-2019", "sichuan", "shanghai")]


@hookimpl
def govlint_output_formats():
    from govlint.output import builtin_formats

    return builtin_formats()
