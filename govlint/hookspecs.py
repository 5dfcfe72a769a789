"""The hooks through which govlint's own check kinds, rule packs and output formats are
registered, and through which a third-party plugin (entry-point group ``govlint``)
adds its own. Each hook returns a mapping or list; results of all plugins are merged."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("govlint")
hookimpl = pluggy.HookimplMarker("govlint")


@hookspec
def govlint_check_kinds() -> dict:
    """Return ``{kind name: govlint.checks.CheckKind}``: Python implementations that YAML
    rules name in ``kind:``. A kind's ``run(report, params)`` yields ``govlint.checks.Finding``
    objects; its ``params`` maps each parameter to ``(type, required)``."""


@hookspec
def govlint_rule_packs() -> list:
    """Return directories, each a rule pack: ``pack.yaml`` (name, version, description,
    extends, prefix) and one YAML file per rule. A pack is applied when it is named in
    ``packs`` (configuration) or ``--pack``."""


@hookspec
def govlint_output_formats() -> dict:
    """Return ``{format name: format(files, context) -> str}``; ``files`` are
    ``govlint.lint.Linted`` results, ``context`` a ``govlint.output.OutputContext``."""
