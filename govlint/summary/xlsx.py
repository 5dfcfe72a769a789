"""The summary as a workbook a supervisor sorts and forwards: sheets 报告 (one row per
file), 问题 (one row per finding), 覆盖 (coverage), 表格数据 (every table cell) and 说明
(how it was made). Numbers are numeric cells, header rows frozen, filters on. Written with
XlsxWriter in constant-memory mode: rows go to disk as they are written."""

from __future__ import annotations

from pathlib import Path

from govlint.extract import Sheet, table_sheet, workbook
from govlint.summary.collect import SEVERITY_ZH, Batch
from govlint.summary.html import STATUS_ZH
from govlint.summary.json import agencies_found


def _reports(book, batch: Batch) -> None:
    scored = batch.scoring is not None
    headers = ["文件", "单位", "年度", "格式版本", "状态"] + (["得分", "扣分"] if scored else []) + \
        ["错误", "警告", "提示", "最严重的问题", "同一报告的另一文件（本文件不计）"]
    widths = [36, 24, 6, 8, 10] + ([6, 30] if scored else []) + [6, 6, 6, 60, 36]
    sheet = Sheet(book, "报告", headers, widths)
    for r in batch.reports:
        score = [r.score.points, r.score.explain()] if scored and r.score is not None else (["", ""] if scored else [])
        sheet.add([r.path, r.agency, r.year, r.format_version, STATUS_ZH[r.status] or "正常", *score,
                   r.counts["error"], r.counts["warning"], r.counts["info"], r.worst, r.duplicate_of or ""])
    sheet.finish()


def _coverage(book, batch: Batch) -> None:
    cov = batch.coverage
    if cov is None:
        sheet = Sheet(book, "覆盖", ["单位", "年度", "文件数", "文件"], [30, 14, 8, 60])
        for a in agencies_found(batch):
            sheet.add([a["agency"], "、".join(str(y) for y in a["years"]), len(a["files"]), "；".join(a["files"])])
        sheet.finish()
        return
    pack = batch.scoring
    missing_score = pack.score_missing().points if pack is not None and any(d.coverage == "missing" for d in pack.deductions) else ""
    sheet = Sheet(book, "覆盖", ["单位", "层级", "地区", "核对年度", "情况", "得分", "文件", "报告年度"], [30, 8, 10, 8, 22, 6, 50, 8])
    for agency, files in cov.present:
        sheet.add([agency.name, agency.level, agency.region, cov.year, "已有报告", "", "；".join(files), cov.year])
    for agency in cov.missing:
        sheet.add([agency.name, agency.level, agency.region, cov.year, "未见报告", missing_score, "", ""])
    for file, name, year in cov.unlisted:
        sheet.add([name, "", "", cov.year, "名单外的报告", "", file, year])
    for file, name, year in cov.other_years:
        sheet.add([name, "", "", cov.year, "其他年度的报告", "", file, year])
    sheet.finish()


def _about(book, batch: Batch) -> None:
    meta = batch.meta
    rows = [("生成工具", f"govlint {meta['version']}"), ("规则包", "、".join(meta["packs"])), ("命令", meta["command"]),
            ("生成时间", meta["date"])]
    if batch.scoring is not None:
        pack = batch.scoring
        rows += [("评分", f"{pack.title}，指标“{pack.item}”，满分 {pack.total:g}，最低 {pack.floor:g}"), ("评分来源", pack.source)]
        rows += [("扣分项", f"{d.wording}：{'、'.join(d.codes) or ('单位无报告' if d.coverage else '人工核对')}，{d.points:g} 分"
                  + ("（仅提示）" if d.advisory else "")) for d in pack.deductions]
    sheet = Sheet(book, "说明", ["项目", "内容"], [14, 100])
    sheet.add_rows(rows)
    sheet.finish()


def write(batch: Batch, path: Path) -> None:
    book = workbook(path)
    _reports(book, batch)
    findings = Sheet(book, "问题", ["文件", "单位", "年度", "代码", "规则", "严重程度", "问题", "行号", "位置", "原文"],
                     [36, 24, 6, 8, 22, 8, 70, 6, 36, 40])
    _coverage(book, batch)
    table = table_sheet(book)
    for report, items, cells in batch.details(cells=True):
        findings.add_rows([report.path, report.agency, report.year, code, batch.summaries.get(code, name), SEVERITY_ZH.get(severity, severity),
                           message, line, location, source]
                          for code, name, severity, message, line, column, location, source in items)
        table.add_rows(cells)
    findings.finish()
    table.finish()
    _about(book, batch)
    book.close()
