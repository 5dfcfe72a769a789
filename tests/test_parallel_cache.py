"""``-j N`` gives byte-identical output to ``-j 1``; the cache serves unchanged files and
never a stale result."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, run_govlint


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """56 reports: the 8 corpus files in 7 copies each, under sub-directories."""
    root = tmp_path_factory.mktemp("archive")
    sources = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    for copy in range(7):
        folder = root / f"county{copy}"
        folder.mkdir()
        for source in sources:
            shutil.copy(source, folder / source.name)
    return root


def test_jobs_2_and_jobs_1_give_identical_json(archive):
    one = run_govlint("--format", "json", "--no-cache", "-j", "1", ".", cwd=archive)
    two = run_govlint("--format", "json", "--no-cache", "-j", "2", ".", cwd=archive)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count(b'"code"') > 100


def test_cache_hits_give_the_same_output_and_edits_are_seen(archive, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = run_govlint("--format", "json", *cache, ".", cwd=archive)
    assert any((tmp_path / "cache" / "results").rglob("*.json"))
    again = run_govlint("--format", "json", *cache, ".", cwd=archive)
    assert again.stdout == first.stdout
    target = archive / "county0" / "004_e08d4762d999e99d.txt"
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original.replace("六、其他需要报告的事项\n无。", "六、其他需要报告的事项\n本年度未收取信息处理费。"), encoding="utf-8")
        edited = run_govlint("--format", "json", *cache, "county0/004_e08d4762d999e99d.txt", cwd=archive)
        assert b"GL501" not in edited.stdout and b"GL105" in edited.stdout
        ignored = run_govlint("--format", "json", *cache, "--ignore", "GL105", "county0/004_e08d4762d999e99d.txt", cwd=archive)
        assert b"GL105" not in ignored.stdout
    finally:
        target.write_text(original, encoding="utf-8")
