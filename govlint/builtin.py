"""govlint's own check kinds, national rule pack and output formats, registered through
the same hooks a third-party plugin uses. Marked as hook implementations when the plugin
manager registers them (``govlint.plugins``); without installed plugins they are called
directly, and pluggy is not loaded."""

from __future__ import annotations

from govlint.resources import data_dir

HOOKS = ("govlint_check_kinds", "govlint_rule_packs", "govlint_output_formats")


def govlint_check_kinds():
    from govlint.checks import load_builtin_kinds

    return load_builtin_kinds()


def govlint_rule_packs():
    rules = data_dir("rules")
    return [rules / name for name in ("national", "format-2019", "sichuan", "shanghai")]


def govlint_output_formats():
    from govlint.output import builtin_formats

    return builtin_formats()
