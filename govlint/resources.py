"""Where the shipped data lives: ``grammar/`` and ``rules/`` at the top of the repository,
copied into the package (``govlint/_data``) when the wheel is built."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped ``grammar`` or ``rules`` directory, installed or in a checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"govlint installation is incomplete: no {name}/ directory")
