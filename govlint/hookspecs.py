"""The hooks through which govlint's own check kinds, rule packs and output formats are
registered, and through which a third-party plugin (entry-point group ``govlint``)
adds its own. Each hook returns a mapping or list; results of all plugins are merged."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("govlint")
hookimpl = pluggy.HookimplMarker("govlint")


@hookspec
def govlint_check_kinds() -> dict:
    """Return ``{kind name: CheckKind}``: Python implementations that YAML rules name in ``kind:``."""


@hookspec
def govlint_rule_packs() -> list:
    """Return directories, each a rule pack: ``pack.yaml`` (name, version, description) and one YAML file per rule."""


@hookspec
def govlint_output_formats() -> dict:
    """Return ``{format name: callable(diagnostics, sources, options) -> str}``."""
