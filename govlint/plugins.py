"""The plugin manager: govlint's built-ins and third-party plugins, through the same hooks."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from functools import lru_cache

from govlint.resources import cache_dir, write_json

ENTRY_POINT_GROUP = "govlint"


@lru_cache(maxsize=1)
def entry_points() -> list[tuple[str, str, str]]:
    """(name, "module:attr", distribution version) of every installed plugin.

    Scanning installed distributions (importlib.metadata) costs more than the rest of
    govlint's start-up, so the list is cached, keyed on the modification times of the
    directories on sys.path: installing or removing a package changes them. One cache file
    per sys.path (the console script and ``python -m govlint`` differ in its first entry),
    so that alternating callers do not evict each other's list."""
    key = []
    for entry in sys.path:
        try:
            key.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            key.append(f"{entry}:-")
    key_text = "\n".join(key)
    path = cache_dir() / f"plugins-{hashlib.sha1(key_text.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["key"] == key_text:
            return [tuple(item) for item in cached["entry_points"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from importlib.metadata import entry_points as scan

    found = [(ep.name, ep.value, ep.dist.version if ep.dist else "") for ep in scan(group=ENTRY_POINT_GROUP)]
    write_json(path, {"key": key_text, "entry_points": found})
    return found


def _load(value: str):
    """Import an entry point's object: ``package.module`` or ``package.module:attr``."""
    module_name, _, attribute = value.partition(":")
    target = importlib.import_module(module_name.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target


@lru_cache(maxsize=1)
def plugin_manager():
    """Built-ins first, then every installed plugin; a plugin that fails to load is
    named on stderr and skipped, and the rest of govlint works."""
    import pluggy

    from govlint import builtin, hookspecs

    manager = pluggy.PluginManager("govlint")
    manager.add_hookspecs(hookspecs)
    for hook in builtin.HOOKS:
        hookspecs.hookimpl(getattr(builtin, hook))
    manager.register(builtin, name="govlint.builtin")
    for name, value, _ in entry_points():
        if manager.get_plugin(name) is not None:
            continue
        try:
            manager.register(_load(value), name=name)
        except Exception as exc:  # a broken plugin must not break the linter
            print(f"govlint: plugin '{name}' ({value}) failed to load and is skipped: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return manager


def merged(hook_name: str) -> dict:
    """The mappings returned by all plugins for a hook; later plugins may not replace built-ins.
    Without installed plugins, govlint's own, without starting the plugin manager."""
    if not entry_points():
        from govlint import builtin

        return dict(getattr(builtin, hook_name)())
    result: dict = {}
    for mapping in reversed(getattr(plugin_manager().hook, hook_name)()):
        for key, value in mapping.items():
            result.setdefault(key, value)
    return result


def rule_pack_dirs() -> list:
    if not entry_points():
        from govlint import builtin

        return list(builtin.govlint_rule_packs())
    return [path for paths in reversed(plugin_manager().hook.govlint_rule_packs()) for path in paths]
