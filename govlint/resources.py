"""Where the shipped data lives: ``grammar/`` and ``rules/`` at the top of the repository,
copied into the package (``govlint/_data``) when the wheel is built."""

from __future__ import annotations

import json
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped ``grammar`` or ``rules`` directory, installed or in a checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"govlint 安装不完整：缺少 {name}/ 目录，请重新安装 govlint")


def write_json(path: Path, data) -> None:
    """Write a cache file atomically (a temporary file, then a rename), so a concurrent
    reader sees the old file or the new one; where it cannot be written, do nothing:
    a read-only home must not stop the linter."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except (OSError, ValueError):  # ValueError: a file name that is not valid UTF-8
        pass


class NotRegularFile(OSError):
    """A FIFO, device, socket or directory where a file was expected."""


def read_limited(path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (so a caller can tell "too large");
    opening never blocks (a FIFO), and anything but a regular file raises NotRegularFile.
    Read in the size the file says it has (and on to its end, should it have grown): a
    buffer of the limit's size, allocated for every file, would cost more than the reading."""
    import stat

    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(f"不是普通文件：{path}")
        chunks, size, wanted = [], 0, min(limit, status.st_size) + 1
        while size <= limit:
            chunk = os.read(descriptor, min(wanted, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            wanted = 1024 * 1024
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_json(path: Path, max_bytes: int = 16 * 1024 * 1024):
    """A cache file's JSON, or None where it is missing, not a regular file, larger than
    ``max_bytes``, not JSON or nested too deeply: a cache entry is never trusted to be sane."""
    try:
        data = read_limited(path, max_bytes)
        return json.loads(data.decode("utf-8")) if len(data) <= max_bytes else None
    except (OSError, ValueError, RecursionError):
        return None


def cache_dir() -> Path:
    """Where govlint keeps its caches (parsed rule files, parser tables, lint results):
    ``$GOVLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govlint``, else ``~/.cache/govlint``.
    Deleting it is always safe."""
    configured = os.environ.get("GOVLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govlint"


MAX_FILE_SIZE = 20 * 1024 * 1024
"""Default ``max-file-size``: annual reports are a few dozen KB of text."""
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024**2, "mb": 1000**2, "mib": 1024**2, "g": 1024**3, "gb": 1000**3, "gib": 1024**3}


def parse_size(value) -> int | None:
    """Bytes of a size setting (``20MiB``, ``500 KB``, ``1048576``), or None when it is not one."""
    import re

    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    match = re.fullmatch(r"\s*(\d{1,15})\s*([A-Za-z]{0,3})\s*", value) if isinstance(value, str) else None
    if not match or match.group(2).lower() not in _UNITS or int(match.group(1)) <= 0:
        return None
    return int(match.group(1)) * _UNITS[match.group(2).lower()]
