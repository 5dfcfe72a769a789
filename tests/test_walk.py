"""Walking folders like ruff, through the real console script: .gitignore, hidden and
virtual-environment folders, repository furniture, upper-case extensions; the closing
summary says what was checked and what was skipped and why; the pre-commit hook's file
patterns follow the extensions govlint reads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from ruamel.yaml import YAML

from conftest import SEEDS, run_govlint
from govlint.cli import EXTENSIONS

CLEAN = next(SEEDS.glob("002_*.txt"))
BROKEN = next(SEEDS.glob("004_*.txt"))
HOOK = YAML(typ="safe").load((SEEDS.parent.parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
READ_FORMATS = {".txt", ".md", ".docx", ".doc", ".wps", ".html", ".htm", ".mht", ".mhtml", ".pdf", ".ofd"}
"""The formats the hook covers (issue 14); the readers add them to cli.EXTENSIONS."""


@pytest.fixture
def drafts(tmp_path):
    """A repository of drafts with everything a walk must leave alone next to two reports."""
    root = tmp_path / "drafts"
    (root / "2024").mkdir(parents=True)
    shutil.copy(CLEAN, root / "2024" / "甲镇.TXT")
    shutil.copy(BROKEN, root / "乙镇.txt")
    for folder in (".venv/lib", "node_modules/pkg", ".hidden", "build", ".github", "env2"):
        (root / folder).mkdir(parents=True)
        shutil.copy(BROKEN, root / folder / "x.txt")
    (root / "env2" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (root / "README.md").write_text("# 报告草稿\n", encoding="utf-8")
    (root / "CHANGELOG.txt").write_text("2024: 初稿\n", encoding="utf-8")
    (root / "~$甲镇.docx").write_bytes(b"\x00lock")
    (root / "2024" / "draft.log.txt").write_text("临时\n", encoding="utf-8")
    (root / ".gitignore").write_text("build/\n*.log.txt\n", encoding="utf-8")
    (root / ".git").mkdir()  # the .gitignore applies inside a repository
    return root


def statistics(*args, cwd):
    result = run_govlint("--statistics", "--format", "json", "--no-cache", *args, cwd=cwd)
    return result, json.loads(result.stdout)


def test_a_directory_walk_lints_only_the_reports(drafts):
    result, stats = statistics(".", cwd=drafts)
    assert stats["files_checked"] == 2
    skipped = {entry["path"]: entry["reason"] for entry in stats["files_skipped"]}
    assert skipped == {
        ".github/": "仓库配置目录", ".hidden/": "隐藏目录", ".venv/": "虚拟环境或软件包目录",
        "build/": ".gitignore 忽略", "env2/": "虚拟环境或软件包目录", "node_modules/": "虚拟环境或软件包目录",
        "CHANGELOG.txt": "仓库说明文件", "README.md": "仓库说明文件", "~$甲镇.docx": "Word 临时锁定文件",
        "2024/draft.log.txt": ".gitignore 忽略",
    }
    # a machine format keeps stdout for its document; the summary goes to stderr
    assert result.stderr.decode().startswith("检查了 2 个文件，共发现")


def test_no_respect_gitignore_walks_ignored_folders_but_not_hidden_ones(drafts):
    _, stats = statistics(".", "--no-respect-gitignore", cwd=drafts)
    assert stats["files_checked"] == 4
    assert {e["path"] for e in stats["files_skipped"]} >= {".venv/", ".hidden/", "README.md"}


def test_human_summary_names_what_was_skipped_and_why(drafts):
    for name in ("README.md", "CHANGELOG.txt", "~$甲镇.docx", "2024/draft.log.txt"):
        (drafts / name).unlink()
    result = run_govlint("--format", "concise", "--no-cache", "2024", cwd=drafts)
    assert result.returncode == 0
    assert re.fullmatch(r"检查了 1 个文件，共发现 \d+ 个问题（提示 \d+）。", result.stdout.decode().splitlines()[-1])
    result = run_govlint("--no-cache", ".", cwd=drafts)
    lines = result.stdout.decode().splitlines()
    assert lines[-2].startswith("检查了 2 个文件，共发现")
    assert lines[-1] == "跳过 6 项：虚拟环境或软件包目录 3，仓库配置目录 1，隐藏目录 1，.gitignore 忽略 1。"


def test_a_file_named_explicitly_is_linted_even_if_a_walk_would_skip_it(drafts):
    result = run_govlint("--format", "concise", "--no-cache", "README.md", cwd=drafts)
    assert result.returncode == 1
    assert result.stdout.decode().startswith("README.md:1:1: ")  # not a report: GL005 (trust), never a silent pass


def test_a_file_named_explicitly_but_excluded_by_the_configuration_is_reported_as_skipped(drafts):
    (drafts / ".govlint.yaml").write_text("exclude: ['乙镇.txt']\n", encoding="utf-8")
    result = run_govlint("--no-cache", "乙镇.txt", cwd=drafts)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == ["没有检查任何文件。", "跳过 1 项：乙镇.txt（配置的 exclude 排除）。"]


def test_an_empty_directory_does_not_claim_no_findings(tmp_path):
    result = run_govlint("--no-cache", str(tmp_path))
    assert result.stdout.decode() == "没有检查任何文件。\n"


def _hook_matches(path: str) -> bool:
    return re.search(HOOK["files"], path) is not None and re.search(HOOK["exclude"], path) is None


def test_hook_files_pattern_covers_exactly_the_extensions_govlint_reads():
    universe = set(EXTENSIONS) | READ_FORMATS | {".py", ".json", ".yaml", ".xlsx", ".docxx", ".txt~", ".png"}
    for extension in universe:
        for case in (extension, extension.upper()):
            assert _hook_matches(f"2024/报告{case}") == (extension in set(EXTENSIONS) | READ_FORMATS), case


@pytest.mark.parametrize("path", ["README.md", "docs/readme.txt", "CHANGELOG-2024.md", "LICENSE.txt", "CONTRIBUTING.md",
                                  ".github/PULL_REQUEST_TEMPLATE.md", ".venv/lib/x.txt", "a/venv/b.txt", "node_modules/x/README.md",
                                  "2024/~$报告.docx"])
def test_hook_excludes_what_a_walk_skips(path):
    assert not _hook_matches(path)


def test_hook_still_lints_a_report_whose_name_merely_contains_readme():
    assert _hook_matches("2024/readme说明与报告.txt")
    assert _hook_matches("2024/我的readme.txt")


def test_gitignore_files_above_and_below_the_walked_folder_apply_like_git(tmp_path):
    from govlint.walk import walk

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("*.bak.txt\narchive/\n", encoding="utf-8")
    drafts = repo / "drafts"
    (drafts / "2024" / "archive").mkdir(parents=True)
    (drafts / "2024" / ".gitignore").write_text("draft-*.txt\n!draft-final.txt\n", encoding="utf-8")
    for name in ("a.txt", "a.bak.txt", "2024/draft-1.txt", "2024/draft-final.txt", "2024/archive/old.txt", "2024/b.md"):
        (drafts / name).write_text("x", encoding="utf-8")
    results = {str(path.relative_to(drafts) if not isinstance(path, str) else path[len(str(drafts)) + 1:]): reason
               for path, reason in walk(drafts, EXTENSIONS)}
    assert results == {
        "a.txt": None, "a.bak.txt": ".gitignore 忽略", "2024/draft-1.txt": ".gitignore 忽略",
        "2024/draft-final.txt": None, "2024/archive/": ".gitignore 忽略", "2024/b.md": None,
    }
    outside = tmp_path / "loose"
    outside.mkdir()
    (outside / ".gitignore").write_text("*.txt\n", encoding="utf-8")  # the walked folder's own: honoured outside a repository too
    (outside / "c.txt").write_text("x", encoding="utf-8")
    assert list(walk(outside, EXTENSIONS)) == [(outside / "c.txt", ".gitignore 忽略")]
