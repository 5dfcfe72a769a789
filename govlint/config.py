"""Configuration: discovered from the linted file's directory upwards, the closest file wins.

Files, in order of preference within one directory: ``.govlint.yaml``, ``govlint.toml``,
``pyproject.toml`` (its ``[tool.govlint]`` table; a pyproject without one is skipped).
``extend = "../base.toml"`` inherits another file's settings, which this file then
overrides key by key (``extend-select``/``extend-ignore`` accumulate). Relative paths and
globs are relative to the file that states them.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from govlint.diagnostics import SEVERITIES
from govlint.yamlload import DataFileError, line_at, load_yaml, plain


def _toml():
    """tomllib (tomli before Python 3.11), imported only when a TOML file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib

CONFIG_FILES = (".govlint.yaml", "govlint.toml", "pyproject.toml")
LIST_KEYS = ("select", "ignore", "extend-select", "extend-ignore", "packs", "exclude", "pack-paths", "previous-dirs")
KEYS = set(LIST_KEYS) | {"severity", "format-version", "per-file-ignores", "extend", "baseline", "ignore-file", "max-file-size"}
FORMAT_VERSIONS = ("auto", "2021", "2019")


@dataclass
class Config:
    """A configuration file's settings (or the defaults)."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)
    format_version: str = "auto"
    per_file_ignores: list[tuple[Path, str, list[str]]] = field(default_factory=list)
    exclude: list[tuple[Path, str]] = field(default_factory=list)
    pack_paths: list[Path] = field(default_factory=list)
    """Local rule-pack directories (relative to the file that names them), made available and applied."""
    baseline: Path | None = None
    ignore_file: Path | None = None
    previous_dirs: list[Path] = field(default_factory=list)
    """Directories of last years' reports, paired with the linted ones (GL701–GL703)."""
    max_file_size: int | None = None
    """Bytes above which a text report is not read (GL001); None: the default."""
    sources: list[Path] = field(default_factory=list)
    # where each selector came from, to report an unknown code with its file and line
    origins: dict[str, tuple[Path, int | None, str]] = field(default_factory=dict)

    def ignored_for(self, path: Path) -> list[str]:
        """Codes ignored for this file by ``per-file-ignores``."""
        codes = []
        for base, pattern, ignored in self.per_file_ignores:
            if _glob_match(path, base, pattern):
                codes.extend(ignored)
        return codes

    def excludes(self, path: Path) -> bool:
        return any(_glob_match(path, base, pattern) for base, pattern in self.exclude)


def _glob_match(path: Path, base: Path, pattern: str) -> bool:
    try:
        relative = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
        return True
    return any(fnmatch.fnmatch("/".join(relative.split("/")[: i + 1]), pattern.rstrip("/")) for i in range(relative.count("/")))


class ConfigError(DataFileError):
    pass


def _hint(word: str, candidates) -> str:
    from govlint.clitext import did_you_mean

    return did_you_mean(word, candidates)


def _toml_line(text: str, key: str, value: str | None = None) -> int | None:
    """Line of ``key = …`` (or of a string ``value`` after it) in a TOML text: tomllib keeps no positions."""
    lines = text.splitlines()
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    for index, line in enumerate(lines):
        if pattern.match(line) or line.strip() in (f"[tool.govlint.{key}]", f"[{key}]"):
            if value is None:
                return index + 1
            for offset, later in enumerate(lines[index:]):
                if f'"{value}"' in later or f"'{value}'" in later:
                    return index + offset + 1
            return index + 1
    return None


def _read(path: Path) -> tuple[dict, callable] | None:
    """(settings, line-finder) of one config file; None for a pyproject without [tool.govlint]."""
    if path.suffix == ".yaml":
        data = load_yaml(path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(path, 1, ".govlint.yaml 应是设置项的映射（key: value）")

        def where(key, value=None):
            keys = (key,) if value is None else (key, value)
            return line_at(path, keys if not isinstance(value, str) else (key,))
        return plain(data), where
    tomllib = _toml()
    try:
        text = _read_config_text(path)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else (text.count("\n") + 1 if "end of document" in str(exc) else None)
        raise ConfigError(path, line, f"TOML 格式错误：{exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"无法读取：{exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, _toml_line(text, "tool"), "“tool”应是表（table）")
        data = tool.get("govlint")
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ConfigError(path, _toml_line(text, "govlint"), "“tool.govlint”应是表（table）")
    return data, lambda key, value=None: _toml_line(text, key, value if isinstance(value, str) else None)


def _read_config_text(path: Path, errors: str = "strict") -> str:
    """A configuration file's text: a regular file of at most 1 MiB (a FIFO named
    pyproject.toml must not block the run)."""
    from govlint.resources import NotRegularFile, read_limited
    from govlint.yamlload import MAX_DATA_FILE

    try:
        data = read_limited(path, MAX_DATA_FILE)
    except NotRegularFile:
        raise ConfigError(path, None, "不是普通文件，请给出配置文件的路径") from None
    if len(data) > MAX_DATA_FILE:
        raise ConfigError(path, None, f"大于 {MAX_DATA_FILE // 1024} KiB，不像配置文件")
    return data.decode("utf-8", errors)


def _strings(path, where, key, value) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, where(key), f"“{key}”应是字符串列表")
    return value


def load_file(path: Path, seen: tuple = ()) -> Config | None:
    """One config file (with what it extends), validated; None if it holds no govlint settings."""
    path = path.resolve()
    if path in seen:
        raise ConfigError(path, None, "配置文件的 extend 互相引用，形成循环")
    read = _read(path)
    if read is None:
        return None
    data, where = read
    base_dir = path.parent
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(path, where(unknown[0]), f"未知的键“{unknown[0]}”{_hint(unknown[0], KEYS)}（可用：{'、'.join(sorted(KEYS))}）")
    config = Config()
    if "extend" in data:
        if not isinstance(data["extend"], str):
            raise ConfigError(path, where("extend"), "“extend”应是另一个配置文件的路径")
        target = (base_dir / data["extend"]).resolve()
        if not target.is_file():
            raise ConfigError(path, where("extend"), f"“extend”指向的 {data['extend']} 不存在")
        inherited = load_file(target, seen + (path,))
        if inherited is not None:
            config = inherited
    config.sources.append(path)
    for key in LIST_KEYS:
        if key not in data:
            continue
        values = _strings(path, where, key, data[key])
        for value in values:
            config.origins.setdefault(value, (path, where(key, value), key))
        if key == "select":
            config.select = values
        elif key == "ignore":
            config.ignore = values
        elif key == "extend-select":
            config.extend_select = config.extend_select + values
        elif key == "extend-ignore":
            config.extend_ignore = config.extend_ignore + values
        elif key == "packs":
            config.packs = values
        elif key == "exclude":
            config.exclude = [(base_dir, v) for v in values]
        elif key == "pack-paths":
            config.pack_paths = []
            for value in values:
                directory = (base_dir / value).resolve()
                if not (directory / "pack.yaml").is_file():
                    raise ConfigError(path, where(key, value), f"“pack-paths”中的 {value} 不是规则包目录（没有 pack.yaml）")
                config.pack_paths.append(directory)
        elif key == "previous-dirs":
            config.previous_dirs = []
            for value in values:
                directory = (base_dir / value).resolve()
                if not directory.is_dir():
                    raise ConfigError(path, where(key, value), f"“previous-dirs”中的 {value} 不是目录，请写上年报告所在的目录")
                config.previous_dirs.append(directory)
    if "severity" in data:
        severity = data["severity"]
        if not isinstance(severity, dict):
            raise ConfigError(path, where("severity"), "“severity”应是 代码 = \"error\" | \"warning\" | \"info\" 的表")
        for code, level in severity.items():
            if level not in SEVERITIES:
                raise ConfigError(path, where(code) or where("severity"), f"{code} 的严重程度应是 {', '.join(SEVERITIES)} 之一，不是 {level!r}")
            config.origins.setdefault(code, (path, where(code) or where("severity"), "severity"))
        config.severity = {**config.severity, **severity}
    if "format-version" in data:
        version = str(data["format-version"])
        if version not in FORMAT_VERSIONS:
            raise ConfigError(path, where("format-version"), f"“format-version”应是 {', '.join(FORMAT_VERSIONS)} 之一，不是 {version!r}")
        config.format_version = version
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(path, where("per-file-ignores"), "“per-file-ignores”应是 \"通配符\" = [规则代码] 的表")
        entries = []
        for pattern, codes in table.items():
            codes = _strings(path, lambda _k, _v=None: where(pattern) or where("per-file-ignores"), pattern, codes)
            for code in codes:
                config.origins.setdefault(code, (path, where(pattern) or where("per-file-ignores"), "per-file-ignores"))
            entries.append((base_dir, pattern, codes))
        config.per_file_ignores = entries
    for key, attribute in (("baseline", "baseline"), ("ignore-file", "ignore_file")):
        if key in data:
            if not isinstance(data[key], str):
                raise ConfigError(path, where(key), f"“{key}”应是路径")
            setattr(config, attribute, (base_dir / data[key]).resolve())
    if "max-file-size" in data:
        from govlint.resources import parse_size

        size = parse_size(data["max-file-size"])
        if size is None:
            raise ConfigError(path, where("max-file-size"), f"“max-file-size”应是大小，如 20MiB 或 1048576，而不是 {data['max-file-size']!r}")
        config.max_file_size = size
    return config


@lru_cache(maxsize=None)
def config_file_for(directory: Path) -> Path | None:
    """The closest configuration file at or above ``directory``."""
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            try:
                if candidate.is_file():
                    if name == "pyproject.toml" and "[tool.govlint" not in _read_config_text(candidate, "replace"):
                        continue
                    return candidate
            except OSError as exc:  # an unreadable directory or file on the way up
                raise ConfigError(candidate, None, f"无法读取：{exc.strerror or exc}") from None
    return None


@lru_cache(maxsize=None)
def _load_cached(path: Path) -> Config:
    return load_file(path) or Config(sources=[path])


DEFAULTS = Config()


def discover(target: Path) -> Config:
    """The configuration that applies to a file (or to files under a directory)."""
    directory = (target if target.is_dir() else target.parent).resolve()
    found = config_file_for(directory)
    return _load_cached(found) if found else DEFAULTS
