"""Where the shipped data lives: ``grammar/`` and ``rules/`` at the top of the repository,
copied into the package (``govlint/_data``) when the wheel is built."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped ``grammar`` or ``rules`` directory, installed or in a checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"govlint installation is incomplete: no {name}/ directory")


def cache_dir() -> Path:
    """Where govlint keeps its caches (parsed rule files, parser tables, lint results):
    ``$GOVLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govlint``, else ``~/.cache/govlint``.
    Deleting it is always safe."""
    configured = os.environ.get("GOVLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govlint"
