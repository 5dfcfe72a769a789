"""Which files a run lints: the paths named on the command line, and below a named
directory the files with a supported extension, walked like ruff does.

A walk skips what is never a report: files and folders ignored by ``.gitignore``
(parsed with pathspec, nested files included), hidden folders and files, virtual
environments and package folders, repository furniture (``README*``, ``CHANGELOG*``,
``LICENSE*``, ``CONTRIBUTING*``, ``.github/``) and Word's lock files (``~$报告.docx``).
A file named on the command line is linted even if a walk would skip it; only the
configuration's ``exclude`` skips it, and then the run's summary says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FURNITURE = re.compile(r"^(readme|changelog|license|licence|contributing)([.\-_].*)?$", re.IGNORECASE)
"""Files every repository has and no report is: the walk and the pre-commit hook skip them."""
FURNITURE_DIRS = {".github"}
VCS_DIRS = {".git", ".hg", ".svn"}
"""Version-control internals: skipped without a mention."""
PACKAGE_DIRS = {".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__", "__pypackages__", "site-packages"}
"""Folders of installed software (ruff skips the same), besides any folder holding ``pyvenv.cfg``."""


@dataclass(frozen=True)
class Skipped:
    """A file (or a whole folder, path ending in ``/``) the run did not lint, and why (Chinese)."""

    path: str
    reason: str


def _gitignore_specs(directory: Path) -> list[tuple[Path, object]]:
    """The ``.gitignore`` files that apply above ``directory``: its ancestors up to the
    repository's root (the folder holding ``.git``), none outside a repository."""
    chain = []
    for folder in (directory.resolve(), *directory.resolve().parents):
        chain.append(folder)
        if (folder / ".git").exists():
            break
    else:
        return []
    specs = []
    for folder in reversed(chain[1:]):
        spec = _spec_of(folder)
        if spec is not None:
            specs.append((folder, spec))
    return specs


def _spec_of(folder: Path):
    """The folder's own ``.gitignore`` as a pathspec matcher, or None."""
    path = folder / ".gitignore"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(text.splitlines())


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, object]]) -> bool:
    """Git's rule: the last matching pattern of the deepest file decides (a ``!`` re-includes)."""
    decided = False
    for base, spec in specs:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            continue
        result = spec.check_file(relative + ("/" if is_dir else ""))
        if result.include is not None:
            decided = result.include
    return decided


def _folder_reason(path: Path, name: str) -> str | None:
    if name in FURNITURE_DIRS:
        return "仓库配置目录"
    if name in PACKAGE_DIRS or (path / "pyvenv.cfg").is_file():
        return "虚拟环境或软件包目录"
    if name.startswith("."):
        return "隐藏目录"
    return None


def _file_reason(name: str) -> str | None:
    if FURNITURE.match(name):
        return "仓库说明文件"
    if name.startswith("~$"):
        return "Word 临时锁定文件"
    if name.startswith("."):
        return "隐藏文件"
    return None


def walk(directory: Path, extensions: tuple[str, ...], respect_gitignore: bool = True):
    """Yield ``(path, None)`` for each file to lint below ``directory`` and ``(path, reason)``
    for each file or folder (``name/``) skipped, in sorted order; a folder skipped is not entered."""
    specs = _gitignore_specs(directory) if respect_gitignore else []
    for current, folders, files in os.walk(directory):
        here = Path(current)
        if respect_gitignore:
            own = _spec_of(here)
            specs = [s for s in specs if _inside(here.resolve(), s[0])]
            if own is not None:
                specs.append((here.resolve(), own))
        kept = []
        for name in sorted(folders):
            folder = here / name
            reason = _folder_reason(folder, name)
            if reason is None and specs and _ignored(folder.resolve(), True, specs):
                reason = ".gitignore 忽略"
            if reason and name not in VCS_DIRS:
                yield f"{folder}{os.sep}", reason
            if reason is None:
                kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in extensions:
                continue
            reason = _file_reason(name)
            if reason is None and specs and _ignored(path.resolve(), False, specs):
                reason = ".gitignore 忽略"
            yield path, reason


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
