"""Across reports (GL701–GL704): the real same-agency pairs give exactly the findings a
careful reader of each pair expects; pairing, stock reasons, fingerprints, the cache and
the command line (``--previous``, ``--no-pairs``, ``previous-dirs``, ``govlint pairs``)."""

from __future__ import annotations

import base64
import json
import shutil
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REAL, SEEDS, lint_text, run_govlint
from docgen import to_docx
from govlint.facts import ReportFacts
from govlint.lint import default_ruleset, lint_bytes, lint_file, model
from govlint.model import Cell
from govlint.years.findings import add_pair_findings
from govlint.years.fingerprint import stock_reasons
from govlint.years.pairing import abbreviates, pair_reports

PAIRED = ["004_jiangsu_hongze_2023", "005_jiangsu_hongze_2024", "018_fujian_pingtan-gaj_2021", "019_fujian_pingtan-gaj_2022",
          "020_fujian_pingtan-gaj_2024", "023_fujian_pingtan-jtj_2023", "024_fujian_pingtan-jtj_2024",
          "026_fujian_pingtan-scj_2023", "027_fujian_pingtan-scj_2024", "039_fujian_pingtan-jsp_2023", "040_fujian_pingtan-jsp_2024"]


def _run(rules=None, names=PAIRED):
    """Lint the real reports as one run and pair them; GL7xx findings by file name."""
    rules = rules or default_ruleset().select(["GL7"], None)
    results = [lint_file(str(REAL / f"{name}.txt"), rules) for name in names]
    pairs = add_pair_findings(results, lambda path, version: rules)
    return {Path(r.path).stem[:3]: [(d.code, d.span.line, d.span.column, d.severity) for d in r.diagnostics] for r in results}, pairs, results


@pytest.fixture(scope="module")
def real_run():
    return _run()


def test_real_pairs_are_the_same_agency_one_year_apart(real_run):
    _, pairs, _ = real_run
    assert [(Path(a).stem[:3], Path(b).stem[:3]) for a, b in pairs.pairs] == [
        ("004", "005"), ("018", "019"), ("023", "024"), ("026", "027"), ("039", "040")]
    assert [Path(p).stem[:3] for p in pairs.unpaired] == ["020"]  # two years after 019: not a pair
    assert pairs.ambiguous == [] and pairs.duplicates == []


def test_real_pairs_findings(real_run):
    found, _, _ = real_run
    gl702_027 = [("GL702", 15, 19, "warning")] if _reads_lone_normative_label() else []  # 13 + 6 − 8 = 11, not 56
    assert found == {
        "004": [], "005": [],  # carry-over 0 = 0, stock 5 + 3 − 0 = 8; text about 35 % alike
        "018": [], "019": [("GL702", 26, 1, "warning")],  # 2 + 4 − 1 = 5, not 7; 修订…指南 is no reason
        "020": [],
        "023": [], "024": [("GL702", 28, 1, "warning")],  # 15 + 3 − 1 = 17, not 23
        "026": [], "027": [("GL703", 3, 1, "warning"), *gl702_027, ("GL703", 60, 1, "warning")],  # 一 about 85 %, 五 about 95 %
        "039": [], "040": [],
    }


def _reads_lone_normative_label() -> bool:
    """Whether the model reads a lone 规范性文件 in a 2021-format table 二 as 行政规范性文件
    (FORMAT.md Decision 2; another branch)."""
    report, _ = model("027", (REAL / "027_fujian_pingtan-scj_2024.txt").read_bytes())
    table = report.tables.get("t2")
    return table is not None and "normative" in table.rows


def test_real_pair_messages_name_both_files_values_and_similarity(real_run):
    _, _, results = real_run
    by_name = {Path(r.path).stem[:3]: r for r in results}
    stock = next(d for d in by_name["019"].diagnostics if d.code == "GL702")
    assert "“行政规范性文件”" in stock.message and "为 7" in stock.message and "= 5" in stock.message
    assert "018_fujian_pingtan-gaj_2021.txt" in stock.message
    copied = [d.message for d in by_name["027"].diagnostics if d.code == "GL703"]
    assert "“一、总体情况”" in copied[0] and "026_fujian_pingtan-scj_2023.txt" in copied[0] and "8" in copied[0].split("相似度约 ")[1][:1]
    assert "“五、存在的主要问题及改进情况”" in copied[1] and "9" in copied[1].split("相似度约 ")[1][:1]


def test_real_pairs_whole_report_scope_over_half_flags_only_the_copied_report():
    """The 宿迁 scheme: the whole report, more than 50 %."""
    rules = default_ruleset().select(["GL703"], None)
    report_scope = [replace(r, params={**r.params, "scope": "report", "threshold": 0.5}) for r in rules]
    found, _, results = _run(report_scope)
    assert {k: v for k, v in found.items() if v} == {"027": [("GL703", 1, 1, "warning")]}
    message = next(d.message for r in results for d in r.diagnostics)
    assert message.startswith(f"全文与上年报告 {REAL / '026_fujian_pingtan-scj_2023.txt'} 相似度约 8") and "超过 50%" in message


def test_fingerprints_are_small_and_survive_json():
    """What a batch run keeps of each report for pairing is under 2 KiB, as JSON and as held
    (packed), for every bundled report; packing and the cache's JSON lose nothing."""
    from govlint.facts import facts_of

    for path in sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt")):
        facts = lint_file(str(path), default_ruleset().rules).facts
        text = json.dumps(facts.fingerprint.to_json(), ensure_ascii=False)
        assert len(text.encode("utf-8")) <= 2048, path.name
        assert sys.getsizeof(facts.packed_fingerprint) <= 2048, path.name
        report, _ = model(str(path), path.read_bytes())
        assert facts.fingerprint == facts_of(report).fingerprint and facts.fingerprint.sections
        again = ReportFacts.from_json(json.loads(json.dumps(facts.to_json())))
        assert again.to_json() == facts.to_json() and again == facts


def test_a_linted_result_pickles_small():
    """``-j N`` workers send each result to the parent: its findings, flagged lines and packed
    facts, a few KiB, never the report or a fingerprint as thousands of objects."""
    import pickle

    for path in sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt")):
        linted = lint_file(str(path), default_ruleset().rules)
        assert len(pickle.dumps(linted)) <= 2048 + 1024 * max(1, len(linted.diagnostics)), path.name


# --------------------------------------------------------------------------- pairing


def _facts(agency: str, year: int, digest: str = "") -> ReportFacts:
    return ReportFacts(agency, year, "2021", digest or f"{agency}{year}")


def test_names_pair_across_spellings_and_abbreviations():
    assert abbreviates("洪泽区政府", "淮安市洪泽区政府") and abbreviates("市场监管局", "市场监督管理局")
    assert not abbreviates("公安局", "交通运输局") and not abbreviates("局", "公安局")
    pairs = pair_reports([("a", _facts("某 开发区 管理委员会", 2023)), ("b", _facts("某开发区管委会", 2024)),
                          ("c", _facts("洪泽区人民政府", 2023)), ("d", _facts("淮安市洪泽区人民政府", 2024))])
    assert pairs.pairs == [("a", "b"), ("c", "d")] and pairs.unpaired == []
    offices = pair_reports([("a", _facts("某县人民政府办公室", 2023)), ("b", _facts("某县政府办", 2024)),
                            ("c", _facts("某县发展和改革委员会", 2023)), ("d", _facts("某县发改委", 2024))])
    assert offices.pairs == [("a", "b"), ("c", "d")]


def test_ambiguous_matches_are_not_paired_either_way():
    backward = pair_reports([("a", _facts("甲县公安局", 2023)), ("b", _facts("乙县公安局", 2023)), ("c", _facts("公安局", 2024))])
    assert backward.pairs == [] and backward.ambiguous == [("c", ["a", "b"])]
    forward = pair_reports([("a", _facts("公安局", 2023)), ("b", _facts("甲县公安局", 2024)), ("c", _facts("乙县公安局", 2024))])
    assert forward.pairs == [] and [p for p, _ in forward.ambiguous] == ["b", "c"]


def test_one_report_twice_is_one_report():
    pairs = pair_reports([("a.txt", _facts("某县政府", 2023)), ("b.txt", _facts("某县政府", 2024, "x")),
                          ("b.html", _facts("某县人民政府", 2024, "y")), ("copy/b.txt", _facts("某县政府", 2024, "x"))])
    assert pairs.duplicates == [["b.txt", "b.html", "copy/b.txt"]]
    assert pairs.pairs == [("a.txt", "b.txt")]


# --------------------------------------------------------------------------- stock reasons

TABLE_2 = "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | {} | 1 | {} |\n"
RUN = "=== 文件：2023.txt ===\n某县人民政府2023年政府信息公开工作年度报告\n" + TABLE_2.format(5, 15) + \
      "=== 文件：2024.txt ===\n某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n{prose}\n" + TABLE_2


@pytest.mark.parametrize("prose,reason", [
    ("年内对本机关制发的行政规范性文件进行了集中清理，废止和宣布失效一批文件。", "年内对本机关制发的行政规范性文件进行了集中清理"),
    ("现行有效件数根据清理结果进行了调整。", "现行有效件数根据清理结果进行了调整"),
    ("按照要求开展政策文件清理工作，共清理文件12件。", "按照要求开展政策文件清理工作"),
    ("部分规范性文件因有效期届满自然失效。", "部分规范性文件因有效期届满自然失效"),
])
def test_a_stated_cleanup_lowers_gl702_to_info_and_is_quoted(prose, reason):
    diagnostics = lint_text(RUN.format(3, 40, prose=prose), select=["GL702"])
    assert [(d.code, d.severity) for d in diagnostics] == [("GL702", "info")]
    assert f"报告说明：“{reason}”" in diagnostics[0].message and "= 17" in diagnostics[0].message


@pytest.mark.parametrize("prose", [
    "年内，修订政府信息公开指南、“权责清单”查询指南。",
    "根据新修订的《中华人民共和国政府信息公开条例》开展工作。",
    "根据相关法规规章的修订和职权的转变，及时更新机构职能信息。",
    "及时对公开目录进行动态调整。",
    "修订《某县行政规范性文件管理办法》。",
])
def test_a_revision_of_something_else_is_no_reason(prose):
    diagnostics = lint_text(RUN.format(3, 40, prose=prose), select=["GL702"])
    assert [(d.code, d.severity) for d in diagnostics] == [("GL702", "warning")]


def test_reasons_are_per_row():
    report, _ = model("r.txt", "某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n对现行规章进行了全面清理。\n".encode())
    assert stock_reasons(report) == {"regulation": "对现行规章进行了全面清理"}


@pytest.mark.skipif(not ("note" in getattr(Cell, "__dataclass_fields__", {}) or hasattr(Cell, "note")),
                    reason="model.Cell.note (FORMAT.md Decision 9) is merged from another branch")
def test_a_note_in_the_cell_is_the_reason():
    text = RUN.format(3, 40, prose="全年主动公开信息。").replace("| 3 | 1 | 40 |", "| 3 | 1 | 40（含自然失效29件） |")
    diagnostics = lint_text(text, select=["GL702"])
    assert [(d.code, d.severity) for d in diagnostics] == [("GL702", "info")]
    assert "为 40" in diagnostics[0].message and "报告说明：“含自然失效29件”" in diagnostics[0].message


# --------------------------------------------------------------------------- command line


def _copy(names, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        shutil.copy(REAL / f"{name}.txt", target / f"{name}.txt")
        paths.append(target / f"{name}.txt")
    return paths


def _json(result) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr.decode()
    return json.loads(result.stdout)


def test_cli_run_adds_pair_findings_and_no_pairs_removes_them(tmp_path):
    _copy(["018_fujian_pingtan-gaj_2021", "019_fujian_pingtan-gaj_2022"], tmp_path)
    found = _json(run_govlint("--format", "json", "--no-cache", "--select", "GL7", ".", cwd=tmp_path))
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in found] == [("019_fujian_pingtan-gaj_2022.txt", "GL702", 26, 1)]
    assert _json(run_govlint("--format", "json", "--no-cache", "--no-pairs", "--select", "GL7", ".", cwd=tmp_path)) == []


def test_cli_previous_names_last_years_report_of_one_file(tmp_path):
    _copy(["023_fujian_pingtan-jtj_2023"], tmp_path / "2023")
    _copy(["024_fujian_pingtan-jtj_2024"], tmp_path / "2024")
    result = run_govlint("--format", "concise", "--no-cache", "--select", "GL7", "--previous", "2023/023_fujian_pingtan-jtj_2023.txt",
                         "2024/024_fujian_pingtan-jtj_2024.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()  # GL702 is a warning
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("2024/024_fujian_pingtan-jtj_2024.txt:28:1: GL702 [警告] 表二“行政规范性文件”行")
    assert "023_fujian_pingtan-jtj_2023.txt" in lines[0]
    both = run_govlint("--previous", "2023/023_fujian_pingtan-jtj_2023.txt", "2024", "2023", cwd=tmp_path)
    assert both.returncode == 2 and "--previous" in both.stderr.decode() and b"Traceback" not in both.stderr


def test_cli_previous_dirs_from_the_configuration_and_a_cached_rerun(tmp_path):
    _copy(["026_fujian_pingtan-scj_2023"], tmp_path / "archive")
    _copy(["027_fujian_pingtan-scj_2024"], tmp_path / "drafts")
    (tmp_path / "drafts" / ".govlint.yaml").write_text("previous-dirs: [../archive]\nselect: [GL703]\n", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = _json(run_govlint("--format", "json", *cache, "drafts", cwd=tmp_path))
    assert [(f["path"], f["code"], f["line"]) for f in first] == [("drafts/027_fujian_pingtan-scj_2024.txt", "GL703", 3),
                                                                   ("drafts/027_fujian_pingtan-scj_2024.txt", "GL703", 60)]
    assert _json(run_govlint("--format", "json", *cache, "drafts", cwd=tmp_path)) == first  # from the cache
    last_year = tmp_path / "archive" / "026_fujian_pingtan-scj_2023.txt"
    text = last_year.read_text(encoding="utf-8")
    head, rest = text.split("五、存在的主要问题及改进情况\n")
    rest = rest[rest.index("六、"):]
    last_year.write_text(head + "五、存在的主要问题及改进情况\n上年主要问题是依申请公开答复不够规范，下一步将组织专题培训并建立答复文书审核机制。\n" + rest,
                         encoding="utf-8")
    later = _json(run_govlint("--format", "json", *cache, "drafts", cwd=tmp_path))
    assert [f["line"] for f in later] == [3]  # the draft is cached; its pair findings follow the edited archive
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".govlint.yaml").write_text("previous-dirs: [../nowhere]\n", encoding="utf-8")
    shutil.copy(REAL / "027_fujian_pingtan-scj_2024.txt", bad)
    result = run_govlint("bad", cwd=tmp_path)
    assert result.returncode == 2 and ".govlint.yaml:1" in result.stderr.decode() and "previous-dirs" in result.stderr.decode()


def test_govlint_pairs_lists_pairs_unpaired_ambiguous_and_duplicates(tmp_path):
    _copy(["018_fujian_pingtan-gaj_2021", "019_fujian_pingtan-gaj_2022", "020_fujian_pingtan-gaj_2024"], tmp_path)
    shutil.copy(REAL / "019_fujian_pingtan-gaj_2022.txt", tmp_path / "019_copy.txt")
    result = run_govlint("pairs", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == [
        "配对（上年 → 本年，共 1 对）：",
        "  018_fujian_pingtan-gaj_2021.txt（平潭综合实验区公安局，2021） → 019_copy.txt（平潭综合实验区公安局，2022）",
        "未配对（本次没有同一机关上一年或下一年的报告，共 1 份）：",
        "  020_fujian_pingtan-gaj_2024.txt（平潭综合实验区公安局，2024）",
        "无法确定（上一年有多份可能的报告，未配对，共 0 份）：",
        "  （无）",
        "重复（同一份报告，只比较第一份，共 1 组）：",
        "  019_copy.txt = 019_fujian_pingtan-gaj_2022.txt",
    ]
    data = json.loads(run_govlint("pairs", "--no-cache", "-f", "json", ".", cwd=tmp_path).stdout)
    assert data["pairs"] == [{"previous": "018_fujian_pingtan-gaj_2021.txt", "path": "019_copy.txt"}]
    assert data["duplicates"] == [["019_copy.txt", "019_fujian_pingtan-gaj_2022.txt"]]
    assert {"path": "020_fujian_pingtan-gaj_2024.txt", "agency": "平潭综合实验区公安局", "year": 2024} in data["reports"]


def test_word_and_html_pairs_point_into_the_document(tmp_path):
    """Anchors of a fingerprint are placed like diagnostics: an HTML report's GL701 names its
    own line and cell."""
    def page(year, carried_in, carried_out):
        cells = lambda label, values: "<tr><td>" + label + "</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>\n"
        return (f"<html><body><p>某县人民政府{year}年政府信息公开工作年度报告</p>\n<p>三、收到和处理政府信息公开申请情况</p>\n<table>\n"
                + cells("二、上年结转政府信息公开申请数量", carried_in) + cells("四、结转下年度继续办理", carried_out)
                + "</table></body></html>\n").encode("utf-8")
    rules = default_ruleset().select(["GL701"], None)
    results = [lint_bytes("2023.html", page(2023, [0] * 7, [1, 0, 0, 0, 0, 0, 1]), rules),
               lint_bytes("2024.html", page(2024, [0] * 7, [0] * 7), rules)]
    add_pair_findings(results, lambda path, version: rules)
    (finding,) = results[1].diagnostics
    assert finding.code == "GL701" and finding.span.line == 4 and finding.location and "格" in finding.location


def test_a_damaged_cached_fingerprint_reads_as_damaged_when_pairing_asks_for_it(tmp_path):
    """A cached fingerprint is kept packed and decoded only when pairing reads it (a re-run
    whose pairing is cached never does); a damaged one says so, never an exception; one that
    is not even base64 makes the entry unreadable (linted again)."""
    from govlint.cache import ResultCache

    cache = ResultCache(tmp_path)
    rules = default_ruleset().rules
    linted = lint_file(str(REAL / "019_fujian_pingtan-gaj_2022.txt"), rules)
    cache.put("ab" * 32, linted)
    served = cache.get("ab" * 32, linted.path, lambda version: rules)
    assert served.facts == linted.facts and served.facts.readable()
    entry = next(tmp_path.rglob("*.json"))
    data = json.loads(entry.read_text(encoding="utf-8"))
    fingerprint = json.loads(zlib.decompress(base64.b64decode(data["facts"]["fingerprint"])))
    fingerprint["in"]["np"][0] = "NaN?"
    for damaged in (zlib.compress(json.dumps(fingerprint).encode()), zlib.compress(b"[1]"), b"not zlib", zlib.compress(b" " * (1 << 21))):
        data["facts"]["fingerprint"] = base64.b64encode(damaged).decode()
        entry.write_text(json.dumps(data), encoding="utf-8")
        served = cache.get("ab" * 32, linted.path, lambda version: rules)
        assert served.facts.agency == linted.facts.agency and not served.facts.readable()
    data["facts"]["fingerprint"] = "not base64!"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.get("ab" * 32, linted.path, lambda version: rules) is None


def test_a_damaged_cached_fingerprint_is_a_cache_miss_when_the_run_is_paired_again(tmp_path):
    """The file is linted again when pairing finds its stored fingerprint damaged: the
    run's findings (GL7xx included) are a fresh run's, and the entry is written anew."""
    reports = [str(REAL / "026_fujian_pingtan-scj_2023.txt"), str(REAL / "027_fujian_pingtan-scj_2024.txt")]
    env = {"GOVLINT_CACHE_DIR": str(tmp_path)}
    fresh = run_govlint("--no-cache", "-j", "1", "--format", "json", *reports, env=env)
    assert any(d["code"].startswith("GL7") for d in json.loads(fresh.stdout))
    run_govlint("-j", "1", "--format", "json", *reports, env=env)
    damaged = base64.b64encode(zlib.compress(json.dumps({"text": {"limit": "many"}}).encode())).decode()
    for entry in (tmp_path / "results").rglob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["facts"]["fingerprint"] = damaged
        entry.write_text(json.dumps(data), encoding="utf-8")
    shutil.rmtree(tmp_path / "pairs")  # pairing runs again, and reads the fingerprints
    again = run_govlint("-j", "1", "--format", "json", *reports, env=env)
    assert again.returncode == fresh.returncode and again.stdout == fresh.stdout, again.stderr.decode()
    assert all(json.loads(e.read_text(encoding="utf-8"))["facts"]["fingerprint"] != damaged for e in (tmp_path / "results").rglob("*.json"))


def test_a_pack_sets_the_whole_report_scope_and_threshold(tmp_path):
    """The 宿迁 scheme as a local pack: 与上年度重复率大于50%, over the whole report."""
    pack = tmp_path / "suqian"
    pack.mkdir()
    (pack / "pack.yaml").write_text('name: suqian-test\nversion: "1"\nprefix: SQ\n', encoding="utf-8")
    (pack / "GL703.yaml").write_text("override: GL703\nparams: {scope: report, threshold: 0.5}\n", encoding="utf-8")
    _copy(["026_fujian_pingtan-scj_2023", "027_fujian_pingtan-scj_2024", "004_jiangsu_hongze_2023", "005_jiangsu_hongze_2024"], tmp_path / "r")
    result = run_govlint("--format", "concise", "--no-cache", "--select", "GL703", "--pack-path", str(pack), "r", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("r/027_fujian_pingtan-scj_2024.txt:1:1: GL703 [警告] 全文与上年报告 r/026_fujian_pingtan-scj_2023.txt 相似度约 8")
    assert "超过 50%" in lines[0] and not any(line.startswith("r/005") for line in lines)


@pytest.mark.parametrize("params,reason", [
    ("{scope: page, threshold: 0.5}", "scope 应是"),
    ("{threshold: 50}", "threshold 应是"),
])
def test_a_pack_with_a_bad_gl703_parameter_is_exit_2_with_file_and_line(tmp_path, params, reason):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.yaml").write_text('name: bad-test\nversion: "1"\nprefix: BD\n', encoding="utf-8")
    (pack / "GL703.yaml").write_text(f"override: GL703\nparams: {params}\n", encoding="utf-8")
    result = run_govlint("--pack-path", str(pack), str(REAL / "027_fujian_pingtan-scj_2024.txt"), cwd=tmp_path)
    assert result.returncode == 2 and reason in result.stderr.decode() and "GL703" in result.stderr.decode()


def test_gl704_names_the_most_similar_report_once_per_section():
    body = ("一、总体情况\n2024年，我局坚持以人民为中心，全面落实政务公开各项要求，主动公开政府信息{n}条，组织业务培训3次，"
            "推动政务新媒体规范运行，开展网站栏目整合，回应群众关切问题86件，持续提升公开质量和实效。"
            "围绕重点领域集中公开财政预决算、重大建设项目和公共资源配置信息，{tail}\n")
    same = body.format(n=120, tail="依申请公开答复全部在法定期限内完成，政务公开工作考核位列全县前列。")
    near = body.format(n=95, tail="依申请公开答复全部在法定期限内完成，年度考核获评优秀等次。")
    run = "".join(f"=== 文件：{name}.txt ===\n某县{name}局2024年政府信息公开工作年度报告\n{text}"
                  for name, text in (("交通", same), ("水利", same), ("林业", near)))
    found = lint_text(run, select=["GL704"])
    assert [(d.path, d.span.line) for d in found] == [("交通.txt", 2), ("水利.txt", 2), ("林业.txt", 2)]
    assert "水利.txt（某县水利局）" in found[0].message and "100%" in found[0].message
    assert "交通.txt（某县交通局）" in found[1].message
    assert "林业" not in found[0].message + found[1].message


def test_pair_findings_in_a_word_file_name_the_paragraph(tmp_path):
    shutil.copy(REAL / "026_fujian_pingtan-scj_2023.txt", tmp_path / "2023.txt")
    to_docx((REAL / "027_fujian_pingtan-scj_2024.txt").read_text(encoding="utf-8"), tmp_path / "2024.docx")
    found = _json(run_govlint("--format", "json", "--no-cache", "--select", "GL703", ".", cwd=tmp_path))
    assert [(f["path"], f["line"], f.get("location")) for f in found] == [("2024.docx", 3, "第 3 段"), ("2024.docx", 60, "第 60 段")]


def test_the_agency_index_finds_exactly_what_comparing_every_pair_finds():
    """Pairing looks agencies up in an index (no comparison per pair of reports); it must find
    the same candidates as comparing a name with every key of the year (an exact key wins)."""
    import random

    from govlint.years.pairing import _Agencies, same_agency

    rng = random.Random(10)
    parts = ["淮安市", "洪泽区", "平潭综合实验区", "某县", "甲镇", "公安", "市场监督管理", "市场监管", "交通与建设", "财政", "人民政府", "政府"]
    endings = ["局", "府", "办", "委"]
    keys = sorted({"".join(rng.sample(parts, rng.randint(1, 3))) + rng.choice(endings) for _ in range(300)})
    index = _Agencies({key: [key] for key in keys})
    for query in keys[:120] + ["洪泽区政府", "市场监管局", "公安局", "某县财政局", "政府"]:
        expected = [query] if query in keys else sorted(k for k in keys if same_agency(query, k))
        assert sorted(index.matching(query)) == expected, query


def test_the_agency_index_is_exact_for_numbered_counties():
    """An archive's names differ by a number (第12县…, 第112县…: one is the other with
    characters left out): the index still finds exactly what comparing every key finds."""
    import random

    from govlint.years.pairing import _Agencies, same_agency

    rng = random.Random(13)
    agencies = ["平潭综合实验区公安局", "淮安市洪泽区人民政府", "某县交通运输局", "公安局"]
    keys = sorted({f"第{rng.randint(1, 400)}县{rng.choice(agencies)}" for _ in range(600)} | set(agencies))
    index = _Agencies({key: [key] for key in keys})
    queries = keys[::7] + [f"第{n}县{a}" for n in (1, 12, 112, 4000) for a in agencies] + ["第1县公安", "县公安局"]
    for query in queries:
        expected = [query] if query in keys else sorted(k for k in keys if same_agency(query, k))
        assert sorted(index.matching(query)) == expected, query
