"""What a cached result depends on besides the linted file, computed without loading any
rule pack or importing the pipeline: a cache hit must cost a hash and a small read.

- ``installation()``: govlint's version, the size and modification time of its own files and
  shipped data (grammar, rule packs, format schemas) — so an edited checkout never serves
  stale results — and the installed plugins (entry points with their versions). Once per
  process: a few dozen ``stat`` calls.
- ``directory_stamp(d)``: the same for the YAML files of a local rule pack.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from govlint import __version__

_STAMPED = (".py", ".lark", ".yaml")


def directory_stamp(directory: Path | str, suffixes: tuple[str, ...] = _STAMPED) -> list[str]:
    """``path:size:mtime`` of every file below ``directory`` with one of ``suffixes``, in a stable order."""
    parts = []
    for root, directories, names in os.walk(directory):
        directories[:] = sorted(d for d in directories if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(suffixes):
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return parts


@lru_cache(maxsize=1)
def installation() -> str:
    """A hash of govlint's version, its own files and data, and the installed plugins."""
    from govlint.plugins import entry_points
    from govlint.resources import data_dir

    parts = [__version__]
    for directory in (Path(__file__).parent, data_dir("grammar"), data_dir("rules")):
        parts.extend(directory_stamp(directory))
    parts.extend("=".join(entry) for entry in entry_points())
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
