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
    raise FileNotFoundError(f"govlint installation is incomplete: no {name}/ directory")


def write_json(path: Path, data) -> None:
    """Write a cache file atomically (a temporary file, then a rename), so a concurrent
    reader sees the old file or the new one; where it cannot be written, do nothing:
    a read-only home must not stop the linter."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def cache_dir() -> Path:
    """Where govlint keeps its caches (parsed rule files, parser tables, lint results):
    ``$GOVLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govlint``, else ``~/.cache/govlint``.
    Deleting it is always safe."""
    configured = os.environ.get("GOVLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govlint"
