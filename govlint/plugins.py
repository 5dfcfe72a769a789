"""The plugin manager: govlint's built-ins and third-party plugins, through the same hooks."""

from __future__ import annotations

import sys
from functools import lru_cache

import pluggy

from govlint import hookspecs

ENTRY_POINT_GROUP = "govlint"


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    """Built-ins first, then every installed plugin; a plugin that fails to load is
    named on stderr and skipped, and the rest of govlint works."""
    from govlint import builtin

    manager = pluggy.PluginManager("govlint")
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, name="govlint.builtin")
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if manager.get_plugin(entry.name) is not None:
            continue
        try:
            manager.register(entry.load(), name=entry.name)
        except Exception as exc:  # a broken plugin must not break the linter
            print(f"govlint: plugin '{entry.name}' ({entry.value}) failed to load and is skipped: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return manager


def merged(hook_name: str) -> dict:
    """The mappings returned by all plugins for a hook; later plugins may not replace built-ins."""
    result: dict = {}
    for mapping in reversed(getattr(plugin_manager().hook, hook_name)()):
        for key, value in mapping.items():
            result.setdefault(key, value)
    return result


def rule_pack_dirs() -> list:
    return [path for paths in reversed(plugin_manager().hook.govlint_rule_packs()) for path in paths]
