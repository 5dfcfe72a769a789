"""The full format at any terminal width: a long line is cut around the flagged span
(``…`` where cut) instead of wrapping, so the carets land under the flagged text; and
positions in messages never mix lines and paragraphs."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from conftest import REAL, run_govlint

LONG = next(REAL.glob("005_*.txt"))  # GL601 on "17", 120 characters into a paragraph


def _at_cells(text: str, start: int, width: int) -> str:
    """The characters of ``text`` occupying terminal cells [start, start + width)."""
    out, cell = "", 0
    for char in text:
        if start <= cell < start + width:
            out += char
        cell += cell_len(char)
    return out


@pytest.mark.parametrize("columns", [40, 80, 100, 400])
def test_carets_stay_under_the_flagged_text_at_any_width(columns):
    findings = json.loads(run_govlint("--format", "json", str(LONG)).stdout)
    source = LONG.read_text(encoding="utf-8").splitlines()
    out = run_govlint(str(LONG), env={"COLUMNS": str(columns)}).stdout.decode("utf-8").splitlines()
    checked = 0
    for f in findings:
        if f["end_line"] != f["line"] or not source[f["line"] - 1].strip():
            continue
        header = f"{LONG}:{f['line']}:{f['column']}: {f['code']} "
        index = next(i for i, text in enumerate(out) if text.startswith(header))
        gutter = len(str(f["line"])) + 3
        shown, carets = out[index + 2][gutter:], out[index + 3][gutter:]
        assert cell_len(out[index + 2]) <= columns and cell_len(out[index + 3]) <= columns, out[index + 2]
        offset = len(carets) - len(carets.lstrip(" "))
        marked = _at_cells(shown, offset, len(carets.strip()))
        flagged = source[f["line"] - 1][f["column"] - 1: f["end_column"] - 1].replace("\t", "    ")
        assert marked and flagged.startswith(marked.rstrip("…")), (columns, f["code"], marked, flagged)
        checked += 1
    assert checked >= 3
    assert any(line.startswith("7 | …") for line in out) == (columns < 400)  # the 240-cell paragraph


def test_a_duplicate_section_in_a_web_page_does_not_mix_lines_and_paragraphs(tmp_path):
    page = tmp_path / "report.html"
    page.write_text("<html><body>\n<p>某镇人民政府2024年政府信息公开工作年度报告</p>\n<p>一、总体情况</p><p>甲。</p>\n"
                    "<p>二、主动公开政府信息情况</p><p>乙。</p>\n<p>二、主动公开政府信息情况</p><p>丙。</p>\n</body></html>\n",
                    encoding="utf-8")
    found = [d for d in json.loads(run_govlint("--format", "json", "--select", "GL103", str(page)).stdout)]
    assert [(d["code"], d["line"]) for d in found] == [("GL103", 5)]
    assert "行" not in found[0]["message"].replace("执行", "") and "段" in found[0]["location"]
