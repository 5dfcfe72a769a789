"""The plugin manager: govlint's built-ins and third-party plugins, through the same hooks."""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from functools import lru_cache
from pathlib import Path

from govlint.resources import cache_dir, read_json, write_json

ENTRY_POINT_GROUP = "govlint"


@lru_cache(maxsize=1)
def entry_points() -> list[tuple[str, str, str]]:
    """(name, "module:attr", distribution version) of every installed plugin.

    Scanning installed distributions (importlib.metadata) costs more than the rest of
    govlint's start-up, so the list is cached, keyed on the modification times of the
    directories on sys.path: installing or removing a package changes them. The cached
    list decides what is imported, so it is trusted only as far as it can be checked:
    each entry names the ``entry_points.txt`` it came from, in a distribution on
    sys.path, and that file must still declare it; otherwise the distributions are scanned.
    One cache file per sys.path (the console script and ``python -m govlint`` differ in its
    first entry), so that alternating callers do not evict each other's list."""
    key_text = installation_key()
    path = cache_dir() / f"plugins-{hashlib.sha1(key_text.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.json"
    cached = read_json(path, 1024 * 1024)
    try:
        if cached["key"] == key_text and all(_declared(*entry) for entry in cached["entry_points"]):
            return [tuple(entry[:3]) for entry in cached["entry_points"]]
    except (KeyError, TypeError, ValueError):
        pass
    from importlib.metadata import entry_points as scan

    found = [(ep.name, ep.value, ep.dist.version if ep.dist else "", str(_entry_points_file(ep.dist) or ""))
             for ep in scan(group=ENTRY_POINT_GROUP)]
    write_json(path, {"key": key_text, "entry_points": found})
    return [entry[:3] for entry in found]


def installation_key() -> str:
    """The directories on sys.path and their modification times: what the plugin list depends on."""
    key = []
    for entry in sys.path:
        try:
            key.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            key.append(f"{entry}:-")
    return "\n".join(key)


def _entry_points_file(dist) -> Path | None:
    """The ``entry_points.txt`` of an installed distribution (a ``*.dist-info`` or
    ``*.egg-info`` directory), or None where the distribution is not a directory."""
    directory = getattr(dist, "_path", None)
    return Path(directory) / "entry_points.txt" if directory is not None else None


def _declared(name, value, version, source) -> bool:
    """Whether ``source`` is the entry-point file of a distribution directly inside a
    sys.path directory and declares ``name = value`` in govlint's group: a cached
    plugin entry is imported only then."""
    import configparser

    if not all(isinstance(part, str) for part in (name, value, version, source)) or not source:
        return False
    file = Path(source)
    if file.name != "entry_points.txt" or file.parent.suffix not in (".dist-info", ".egg-info"):
        return False
    roots = {str(Path(entry or ".").resolve()) for entry in sys.path}
    if str(file.parent.parent.resolve()) not in roots:
        return False
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str
    try:
        parser.read_string(file.read_text(encoding="utf-8"))
        return parser.get(ENTRY_POINT_GROUP, name).strip() == value.strip()
    except (OSError, ValueError, configparser.Error):
        return False


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
        except (Exception, SystemExit) as exc:  # a broken plugin must not break the linter
            print(f"govlint: 插件“{name}”（{value}）无法加载，已跳过：{exc.__class__.__name__}: {exc}", file=sys.stderr)
    return manager


def _results(hook_name: str) -> list[tuple[str, object]]:
    """(plugin name, result) of each plugin's implementation of a hook, built-ins first. A
    plugin whose hook fails or returns the wrong type is named on stderr and skipped."""
    results = []
    expected = (list, tuple) if hook_name == "govlint_rule_packs" else (dict,)
    for impl in getattr(plugin_manager().hook, hook_name).get_hookimpls():
        try:
            result = impl.function()
        except (Exception, SystemExit) as exc:
            print(f"govlint: 插件“{impl.plugin_name}”在 {hook_name} 中出错，已跳过：{exc.__class__.__name__}: {exc}", file=sys.stderr)
            continue
        if result is None:
            continue
        if not isinstance(result, expected):
            print(f"govlint: 插件“{impl.plugin_name}”的 {hook_name} 返回了 {type(result).__name__}，不是 {expected[0].__name__}，已跳过", file=sys.stderr)
            continue
        results.append((impl.plugin_name, result))
    return results


def builtins_only() -> bool:
    """No plugin is installed and none was registered with the plugin manager in-process
    (which is then already started): govlint's own hooks answer alone."""
    return plugin_manager.cache_info().currsize == 0 and not entry_points()


def merged(hook_name: str) -> dict:
    """The mappings returned by all plugins for a hook; later plugins may not replace built-ins.
    Without installed plugins, govlint's own, without starting the plugin manager."""
    if builtins_only():
        from govlint import builtin

        return dict(getattr(builtin, hook_name)())
    result: dict = {}
    for _, mapping in _results(hook_name):
        for key, value in mapping.items():
            result.setdefault(key, value)
    return result


def provider(hook_name: str, key: str) -> str:
    """The plugin whose ``key`` (a check kind, an output format) ``merged(hook_name)`` holds,
    for naming it when it fails."""
    for name, mapping in _results(hook_name):
        if key in mapping:
            return "govlint" if name == "govlint.builtin" else f"插件“{name}”"
    return "未知的插件"


def rule_pack_dirs() -> list:
    if builtins_only():
        from govlint import builtin

        return list(builtin.govlint_rule_packs())
    return [path for _, paths in _results("govlint_rule_packs") for path in paths]
