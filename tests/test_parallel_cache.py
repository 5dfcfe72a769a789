"""``-j N`` gives byte-identical output to ``-j 1``; the cache serves unchanged files and
never a stale result."""

from __future__ import annotations

import json
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


def test_cache_key_follows_the_settings_and_local_packs(tmp_path):
    """The key holds the settings that choose and change the rules and the files of local
    packs (no pack is loaded to compute it): a severity changed in the configuration and an
    edited rule of a local pack are both seen at once."""
    from test_packs import LOCAL_RULE, REPORT_2021, local_pack

    pack = local_pack(tmp_path, {"QZ101.yaml": LOCAL_RULE})
    (tmp_path / "govlint.toml").write_text('pack-paths = ["packs/quzhou"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(REPORT_2021.read_bytes())
    shutil.copy(FIXTURES / "seeds" / "004_e08d4762d999e99d.txt", tmp_path / "seed.txt")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "json", "report.txt", "seed.txt"]

    def severities(code, path="report.txt"):
        found = json.loads(run_govlint(*cache, cwd=tmp_path).stdout)
        return [d["severity"] for d in found if d["code"] == code and d["path"] == path]

    assert severities("QZ101") == ["warning"] and severities("GL501", "seed.txt") == ["error"]
    assert severities("QZ101") == ["warning"]  # served from the cache
    (tmp_path / "govlint.toml").write_text('pack-paths = ["packs/quzhou"]\n[severity]\nGL501 = "info"\n', encoding="utf-8")
    assert severities("GL501", "seed.txt") == ["info"]
    (pack / "QZ101.yaml").write_text(LOCAL_RULE.replace("severity: warning", "severity: error  "), encoding="utf-8")
    assert severities("QZ101") == ["error"]
