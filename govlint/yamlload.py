"""Safe YAML loading with line numbers, shared by the format schemas and the rule packs.

ruamel.yaml's safe loader builds only plain data: a ``!!python/object`` tag is an
error, never code. Errors carry the file and line, for the exit-2 message.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from govlint.resources import cache_dir, write_json

_PLAIN_TAGS = {None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"}


class DataFileError(Exception):
    """A data file (format schema, rule pack, rule) is malformed: ``path:line: reason``."""

    def __init__(self, path: Path, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


def load_yaml(path: Path):
    """Load one YAML document with the round-trip (safe) loader, so nodes keep line numbers.
    ruamel.yaml is imported here, not at start-up: most runs read only the JSON cache."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, None, f"无法读取：{exc}") from None
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(path, line, (exc.problem or exc.context or "invalid YAML").strip()) from None
    except YAMLError as exc:
        raise DataFileError(path, None, str(exc).strip()) from None
    _reject_tags(data, path, None, None)
    return data


def _reject_tags(node, path: Path, parent, key) -> None:
    """Refuse explicit tags (``!!python/object`` and friends): data files hold plain data only."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar) or tag not in _PLAIN_TAGS:
        line = line_of(parent, key) if parent is not None else line_of(node)
        raise DataFileError(path, line, f"不允许使用标签 {tag or getattr(node, 'tag', '?')}：数据文件只能包含普通数据")
    if isinstance(node, CommentedMap):
        for child_key, child in node.items():
            _reject_tags(child, path, node, child_key)
    elif isinstance(node, CommentedSeq):
        for index, child in enumerate(node):
            _reject_tags(child, path, node, index)


def line_of(node, key=None) -> int | None:
    """1-based line of a mapping (or of one of its keys) loaded by load_yaml."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        if key is not None:
            return lc.key(key)[0] + 1
        return lc.line + 1
    except (KeyError, TypeError, AttributeError):
        return None


def plain(node):
    """Loaded YAML as builtin dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def load_plain(path: Path):
    """Plain data (dicts, lists, scalars) of a YAML file, through a JSON cache.

    Parsing YAML in pure Python costs ~20 ms a file; a rule pack has dozens of them
    and every ``govlint`` run needs them. The cache is keyed on the file's path,
    size and mtime and govlint's version, holds JSON (never code), and is skipped
    silently where it cannot be written."""
    from govlint import __version__

    try:
        stat = path.stat()
    except OSError as exc:
        raise DataFileError(path, None, f"无法读取：{exc}") from None
    key = hashlib.sha1(f"{__version__}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    cached = cache_dir() / "data" / f"{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = plain(load_yaml(path))
    write_json(cached, data)
    return data


def line_at(path: Path, keys: tuple) -> int | None:
    """Line of the value at ``keys`` (mapping keys and list indexes) in a YAML file:
    the slow path, used only to point an error message at its line."""
    try:
        node = load_yaml(path)
    except DataFileError as exc:
        return exc.line
    line = line_of(node)
    for key in keys:
        try:
            found = line_of(node, key)
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = found or line
    return line
