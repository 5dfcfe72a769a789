"""The plugin manager: govlint's built-ins and third-party plugins, through the same hooks."""

from __future__ import annotations

import importlib
import os
import sys
from functools import lru_cache
from pathlib import Path

from govlint.resources import cache_dir, read_json, write_json

ENTRY_POINT_GROUP = "govlint"


PLUGIN_LIST_SCHEMA = 2
KEPT_DIRECTORIES = 64
"""Directories whose distributions the plugin list remembers: those of this sys.path and of
other recent callers' (each script's own directory is on its sys.path)."""


@lru_cache(maxsize=1)
def entry_points() -> list[tuple[str, str, str]]:
    """(name, "module:attr", distribution version) of every installed plugin.

    Scanning installed distributions (importlib.metadata) costs more than the rest of
    govlint's start-up, so what each directory on sys.path holds — its distributions and
    their govlint entry points — is cached, keyed on the directory's modification time
    (installing or removing a package changes it): a caller with another sys.path (the
    console script, ``python -m govlint``, a script of one's own) scans only the directories
    it does not share. The cached list decides what is imported, so it is trusted only as far
    as it can be checked: each entry names the ``entry_points.txt`` it came from, in a
    distribution on sys.path, and that file must still declare it; otherwise the directory is
    scanned again. As ``importlib.metadata.entry_points`` does, the first distribution of a
    name on sys.path is the one that counts."""
    path = cache_dir() / "plugins.json"
    cached = read_json(path, 4 * 1024 * 1024)
    records = cached.get("directories") if isinstance(cached, dict) and cached.get("schema") == PLUGIN_LIST_SCHEMA else None
    records = records if isinstance(records, dict) else {}
    directories = list(dict.fromkeys(os.path.abspath(entry or ".") for entry in sys.path))
    found, seen, changed = [], set(), False
    for directory in directories:
        stamp = _modified(directory)
        distributions = _checked(records.get(directory), stamp)
        if distributions is None:
            distributions, changed = _distributions(directory), True
            records[directory] = {"stamp": stamp, "distributions": distributions}
        for name, plugins in distributions:
            if name not in seen:
                seen.add(name)
                found.extend(tuple(plugin[:3]) for plugin in plugins)
    if changed:
        others = [d for d in records if d not in directories]
        room = max(0, KEPT_DIRECTORIES - len(directories))
        kept = [*others[len(others) - room:], *directories]  # the most recently added others, then this sys.path's
        write_json(path, {"schema": PLUGIN_LIST_SCHEMA, "directories": {d: records[d] for d in kept}})
    return found


def _modified(directory: str) -> int | None:
    try:
        return os.stat(directory).st_mtime_ns
    except OSError:
        return None


def _checked(record, stamp: int | None) -> list | None:
    """A directory's cached distributions, if the record is for this modification time and
    every plugin it names is still declared where it says; else None."""
    try:
        if record["stamp"] != stamp:
            return None
        distributions = [(str(name), [list(plugin) for plugin in plugins]) for name, plugins in record["distributions"]]
        if all(len(plugin) == 4 and _declared(*plugin) for _, plugins in distributions for plugin in plugins):
            return distributions
    except (KeyError, TypeError, ValueError):
        pass
    return None


def _distributions(directory: str) -> list[tuple[str, list[list[str]]]]:
    """(normalized name, [[entry point name, value, version, entry_points.txt]]) of each
    distribution in one sys.path directory, in the order importlib.metadata finds them. A
    directory holding no ``*.dist-info`` or ``*.egg-info`` has none, and is read without
    importing importlib.metadata."""
    try:
        names = os.listdir(directory)
    except NotADirectoryError:  # a zip file: importlib.metadata looks inside
        names = None
    except OSError:
        return []
    if names is not None and not directory.lower().endswith(".egg") and not any(n.lower().endswith((".dist-info", ".egg-info")) for n in names):
        return []
    from importlib.metadata import distributions

    found = []
    for dist in distributions(path=[directory]):
        source = str(_entry_points_file(dist) or "")
        plugins = [[ep.name, ep.value, dist.version or "", source] for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]
        found.append((_normalized(dist.metadata["Name"] or ""), plugins))
    return found


def _normalized(name: str) -> str:
    """A distribution's name as importlib.metadata compares names (PEP 503)."""
    import re

    return re.sub(r"[-_.]+", "_", name).lower()


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
