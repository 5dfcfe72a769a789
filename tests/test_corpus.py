"""The five seed reports and three real reports: exactly the findings a careful reader
expects, at their positions, and nothing else at warning or error."""

from __future__ import annotations

import pytest

from conftest import REAL, SEEDS, lint_text, triples


def findings(path):
    return lint_text(path.read_bytes(), path=path.name)


def serious(diagnostics):
    return [(d.code, d.span.line, d.span.column) for d in diagnostics if d.severity != "info"]


def seed(prefix):
    return next(SEEDS.glob(prefix + "_*.txt"))


def test_seed_000_label_typo_and_malformed_table_three():
    diagnostics = findings(seed("000"))
    assert serious(diagnostics) == [("GL205", 21, 19), ("GL203", 41, 3)]
    gl205 = next(d for d in diagnostics if d.code == "GL205")
    assert "本年度止件数" in gl205.message and "本年废止件数" in gl205.message
    gl203 = next(d for d in diagnostics if d.code == "GL203")
    assert "表三" in gl203.message and "6 个" in gl203.message and "5 个" in gl203.message and "总计" in gl203.message
    codes = {d.code for d in diagnostics}
    assert not any(c.startswith(("GL1", "GL3")) for c in codes)
    assert "GL403" not in codes and "GL501" not in codes


def test_seed_001_traditional_glossed_flattened():
    diagnostics = findings(seed("001"))
    assert triples(diagnostics) == [
        ("GL104", 1, 1), ("GL003", 1, 11), ("GL002", 1, 12), ("GL002", 3, 254), ("GL501", 339, 1),
    ]
    gloss = next(d for d in diagnostics if d.code == "GL002" and d.span.line == 1)
    assert gloss.span.end_column == 17  # "(kāi)" in the original line
    mojibake = next(d for d in diagnostics if d.code == "GL002" and d.span.line == 3)
    line = (seed("001")).read_text(encoding="utf-8").splitlines()[2]
    assert line[mojibake.span.column - 1: mojibake.span.end_column - 1] == "?,F"


def test_seed_001_tables_fully_read():
    from govlint.lint import model

    report, _ = model("001", seed("001").read_bytes())
    t2, t3, t4 = report.tables["t2"], report.tables["t3"], report.tables["t4"]
    assert t2.cell("licensing", "decisions").value == 752
    assert t2.cell("penalty", "decisions").value == 1
    assert len(t3.rows) == 25 and not t3.unplaced_rows and not t3.unknown_rows
    assert t4.rows["main"].placed and len(t4.rows["main"].values) == 15
    cell = t2.cell("licensing", "decisions")
    assert (cell.span.line, cell.span.column) == (35, 1)


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_seeds_002_003_clean(prefix):
    assert serious(findings(seed(prefix))) == []


def test_seed_003_rows_that_lost_their_leading_tabs_are_read():
    from govlint.lint import model

    report, _ = model("003", seed("003").read_bytes())
    t3 = report.tables["t3"]
    assert t3.rows["r3_6_3"].placed and t3.rows["r3_7"].placed
    assert t3.cell("r3_7", "tot").span.line == 72


def test_seed_004_fee_statement_and_overview():
    assert serious(findings(seed("004"))) == [("GL105", 4, 1), ("GL501", 410, 1)]


def test_real_huaian_2024_government_report_lacks_accountability_results():
    assert serious(findings(REAL / "003_jiangsu_huaian_2024.txt")) == [("GL108", 4, 1)]


def test_real_hongze_2023():
    diagnostics = findings(REAL / "004_jiangsu_hongze_2023.txt")
    assert serious(diagnostics) == [
        ("GL108", 4, 1), ("GL205", 36, 9), ("GL208", 51, 6), ("GL304", 58, 20), ("GL304", 58, 60),
    ]
    review, appeal = [d for d in diagnostics if d.code == "GL304"]
    assert "行政复议" in review.message and "为 0" in review.message and "为 11" in review.message
    assert "复议后起诉" in appeal.message and "为 5" in appeal.message


def test_real_hongze_2024():
    diagnostics = findings(REAL / "005_jiangsu_hongze_2024.txt")
    assert serious(diagnostics) == [("GL108", 4, 1), ("GL601", 7, 121), ("GL205", 35, 3), ("GL208", 50, 2)]
    text_table = next(d for d in diagnostics if d.code == "GL601")
    assert "17" in text_table.message and "95" in text_table.message
