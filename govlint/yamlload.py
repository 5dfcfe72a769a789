"""Safe YAML loading with line numbers, shared by the format schemas and the rule packs.

ruamel.yaml's safe loader builds only plain data: a ``!!python/object`` tag is an
error, never code. Errors carry the file and line, for the exit-2 message.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from govlint.resources import NotRegularFile, cache_dir, read_json, read_limited, write_json

MAX_DATA_FILE = 1024 * 1024
"""A rule, pack header, format or ignore file is a few KB; a bigger one is refused."""
MAX_NODES = 100_000
"""Nodes of a data file after alias expansion: an alias bomb (``&a [*b, *b, …]``) is refused."""
MAX_DEPTH = 64

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
    text = _read_text(path)
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(path, line, f"YAML 格式错误：{(exc.problem or exc.context or '无法解析').strip()}") from None
    except YAMLError as exc:
        raise DataFileError(path, None, f"YAML 格式错误：{str(exc).strip()}") from None
    except RecursionError:
        raise DataFileError(path, None, f"嵌套层数过多（超过 {MAX_DEPTH} 层），不是规则或配置文件") from None
    _reject_tags(data, path, None, None, [0], 0)
    return data


def _read_text(path: Path) -> str:
    """A data file's text, refused when it is not a regular file or larger than MAX_DATA_FILE."""
    try:
        data = read_limited(path, MAX_DATA_FILE)
    except NotRegularFile:
        raise DataFileError(path, None, "不是普通文件，请给出规则或配置文件的路径") from None
    except OSError as exc:
        raise DataFileError(path, None, f"无法读取：{exc.strerror or exc}") from None
    if len(data) > MAX_DATA_FILE:
        raise DataFileError(path, None, f"大于 {MAX_DATA_FILE // 1024} KiB，不像规则或配置文件")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"无法读取：不是 UTF-8 编码（第 {exc.start} 字节：{exc.reason}），请存为 UTF-8") from None


def _reject_tags(node, path: Path, parent, key, count: list, depth: int) -> None:
    """Refuse explicit tags (``!!python/object`` and friends): data files hold plain data
    only; and more than MAX_NODES nodes (aliases expanded) or MAX_DEPTH levels."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    count[0] += 1
    if count[0] > MAX_NODES or depth > MAX_DEPTH:
        line = line_of(parent, key) if parent is not None else line_of(node)
        reason = f"展开别名（aliases）后超过 {MAX_NODES} 个值" if count[0] > MAX_NODES else f"嵌套超过 {MAX_DEPTH} 层"
        raise DataFileError(path, line, f"{reason}，不像规则或配置文件")
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar) or tag not in _PLAIN_TAGS:
        line = line_of(parent, key) if parent is not None else line_of(node)
        raise DataFileError(path, line, f"不允许使用标签 {tag or getattr(node, 'tag', '?')}：数据文件只能包含普通数据")
    if isinstance(node, CommentedMap):
        for child_key, child in node.items():
            _reject_tags(child, path, node, child_key, count, depth + 1)
    elif isinstance(node, CommentedSeq):
        for index, child in enumerate(node):
            _reject_tags(child, path, node, index, count, depth + 1)


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
    and every ``govlint`` run needs them. The cache is keyed on a hash of the file's
    content and govlint's version; each entry names that key and holds JSON (never
    code), which the caller validates as it would the YAML; an entry that does not
    name its key is ignored. Skipped silently where it cannot be written."""
    from govlint import __version__

    text = _read_text(path)
    key = hashlib.sha256(f"{__version__}|{text}".encode("utf-8", "surrogatepass")).hexdigest()
    cached = cache_dir() / "data" / f"{key}.json"
    entry = read_json(cached, MAX_DATA_FILE * 4)
    if isinstance(entry, dict) and entry.get("key") == key and "data" in entry:
        return entry["data"]
    data = plain(load_yaml(path))
    write_json(cached, {"key": key, "data": data})
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
