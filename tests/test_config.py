"""Configuration files at several levels, through the real console script: which rules fire."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS, run_govlint

SEED_004 = next(SEEDS.glob("004_*.txt"))  # GL105 (warning) at 4:1, GL501 (error) at 410:1


def codes(result):
    assert result.returncode in (0, 1), result.stderr.decode()
    return sorted({d["code"] for d in json.loads(result.stdout)})


@pytest.fixture
def tree(tmp_path):
    """root/ (pyproject.toml) → sub/ (govlint.toml) → sub/deep/ (.govlint.yaml), a report in each."""
    for folder in ("", "sub", "sub/deep", "plain"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED_004, tmp_path / folder / "report.txt")
    return tmp_path


def lint(tree, *args, path="report.txt"):
    return run_govlint("--format", "json", *args, path, cwd=tree)


def test_no_configuration_runs_the_enabled_rules(tree):
    assert codes(lint(tree)) == ["GL105", "GL501"]


@pytest.mark.parametrize("selector", ["GL105", "GL1", "missing-overview-item"])
def test_ignore_by_code_prefix_and_name(tree, selector):
    (tree / "pyproject.toml").write_text(f'[tool.govlint]\nignore = ["{selector}"]\n', encoding="utf-8")
    assert codes(lint(tree)) == ["GL501"]


def test_select_by_prefix_and_disabled_rule_by_code(tree):
    (tree / "govlint.toml").write_text('select = ["GL5", "GL402"]\n', encoding="utf-8")
    assert codes(lint(tree)) == ["GL402", "GL501"]


def test_closest_file_wins_and_extend_inherits(tree):
    (tree / "pyproject.toml").write_text('[tool.govlint]\nignore = ["GL501"]\n', encoding="utf-8")
    (tree / "sub" / "govlint.toml").write_text('ignore = ["GL105"]\n', encoding="utf-8")
    (tree / "sub" / "deep" / ".govlint.yaml").write_text('extend: ../govlint.toml\nextend-ignore: [GL501]\n', encoding="utf-8")
    assert codes(lint(tree)) == ["GL105"]
    assert codes(lint(tree, path="sub/report.txt")) == ["GL501"]
    assert codes(lint(tree, path="sub/deep/report.txt")) == []


def test_per_file_ignores(tree):
    (tree / "pyproject.toml").write_text('[tool.govlint.per-file-ignores]\n"sub/*" = ["GL501"]\n', encoding="utf-8")
    assert codes(lint(tree)) == ["GL105", "GL501"]
    assert codes(lint(tree, path="sub/report.txt")) == ["GL105"]


def test_severity_override_changes_the_exit_code(tree):
    (tree / "govlint.toml").write_text('ignore = ["GL105"]\n', encoding="utf-8")
    assert lint(tree).returncode == 1
    (tree / "govlint.toml").write_text('ignore = ["GL105"]\n[severity]\nGL501 = "warning"\n', encoding="utf-8")
    result = lint(tree)
    assert result.returncode == 0
    assert [d["severity"] for d in json.loads(result.stdout)] == ["warning"]
    assert lint(tree, "--strict").returncode == 1


def test_strict_fails_on_warnings_only(tree):
    (tree / "govlint.toml").write_text('ignore = ["GL501"]\n', encoding="utf-8")
    assert lint(tree).returncode == 0
    assert lint(tree, "--strict").returncode == 1


def test_command_line_overrides_configuration(tree):
    (tree / "govlint.toml").write_text('select = ["GL105"]\n', encoding="utf-8")
    assert codes(lint(tree)) == ["GL105"]
    assert codes(lint(tree, "--select", "GL501")) == ["GL501"]
    assert codes(lint(tree, "--extend-select", "GL501")) == ["GL105", "GL501"]
    assert codes(lint(tree, "--isolated")) == ["GL105", "GL501"]


def test_exclude_skips_files_under_a_directory(tree):
    (tree / "govlint.toml").write_text('exclude = ["sub/*"]\n', encoding="utf-8")
    result = run_govlint("--format", "json", ".", cwd=tree)
    paths = {d["path"] for d in json.loads(result.stdout)}
    assert paths and not any("sub" in p for p in paths)


@pytest.mark.parametrize("name,content,line,words", [
    ("govlint.toml", 'select = ["GL105"\n', 2, "TOML 格式错误"),
    ("govlint.toml", 'select = ["GL105"]\ncolour = "red"\n', 2, "未知的键“colour”"),
    ("govlint.toml", 'select = ["GL105",\n  "GL999"]\n', 2, "GL999"),
    ("govlint.toml", 'ignore = "GL105"\nformat-version = 2018\n', 2, "format-version"),
    ("govlint.toml", 'select = 5\n', 1, "应是字符串列表"),
    ("govlint.toml", '[severity]\nGL105 = "fatal"\n', 2, "的严重程度应是 info, warning, error 之一"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.govlint]\npacks = ["atlantis"]\n', 5, "未知的规则包“atlantis”"),
    (".govlint.yaml", 'select: [GL105]\nextend-ignore: {GL1: x}\n', 2, "应是字符串列表"),
    (".govlint.yaml", 'select: [GL105\n', 2, ""),
])
def test_broken_configuration_is_exit_2_with_file_key_and_line(tree, name, content, line, words):
    (tree / name).write_text(content, encoding="utf-8")
    result = lint(tree)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"{name}:{line}" in stderr and words in stderr
    assert "Traceback" not in stderr and result.stdout == b""


def test_config_show_prints_the_effective_configuration(tree):
    (tree / "pyproject.toml").write_text('[tool.govlint]\nignore = ["GL105"]\npacks = ["sichuan"]\n[tool.govlint.severity]\nGL501 = "warning"\n', encoding="utf-8")
    result = run_govlint("config", "show", "report.txt", cwd=tree)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "pyproject.toml" in out and "规则包（packs）：national, sichuan" in out and "ignore：GL105" in out
    assert "GL501=warning" in out and "SC101" in out and "  GL105 " not in out
