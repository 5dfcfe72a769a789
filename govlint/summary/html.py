"""The summary as one self-contained web page: inline CSS, an inline SVG chart and a little
inline script for sorting and filtering; no network, no CDN, so it opens from a USB stick.
Printable on A4. Chinese throughout. Written piece by piece (findings from the spool)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from govlint.summary.collect import GENERATOR, SEVERITY_ZH, Batch
from govlint.summary.json import agencies_found

STATUS_ZH = {"ok": "", "unreadable": "无法读取", "not-report": "不是年度报告"}
SEVERITY_COLOR = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}

CSS = """
*{box-sizing:border-box}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#222;font-size:14px;line-height:1.5}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;border-bottom:2px solid #34495e;padding-bottom:4px;margin-top:28px}h3{font-size:15px;margin:18px 0 6px}
.meta{color:#555;font-size:12px}.meta code{font-size:12px;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}.card{border:1px solid #ccd;border-radius:6px;padding:8px 14px;min-width:120px;background:#f7f9fb}
.card b{display:block;font-size:22px}.card.bad b{color:#c0392b}.card.warn b{color:#d68910}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#e8eef5}#reports th{cursor:pointer;user-select:none;white-space:nowrap}#reports th:after{content:" ⇅";color:#999}
#reports th[aria-sort=ascending]:after{content:" ▲";color:#222}#reports th[aria-sort=descending]:after{content:" ▼";color:#222}
td.num{text-align:right;font-variant-numeric:tabular-nums}.error{color:#c0392b}.warning{color:#d68910}.info{color:#2e86c1}
tr.dup td{color:#888}.src{font-family:monospace;color:#555;font-size:12px;white-space:pre-wrap;word-break:break-all}
.controls{margin:8px 0;display:flex;gap:10px;flex-wrap:wrap}.controls input{flex:1;min-width:200px;padding:4px}
.chart{max-width:100%;height:auto}.chart text{font-size:12px}.note{color:#666;font-size:12px}.small{font-size:12px}
@media print{@page{size:A4;margin:14mm}body{max-width:none;padding:0;font-size:10pt}.controls{display:none}
 #reports th:after{content:""}h2{break-after:avoid}tr,.card,.chart{break-inside:avoid}a{color:inherit;text-decoration:none}
 section.report{break-inside:auto}}
"""

SCRIPT = """
(function(){
var table=document.getElementById('reports');if(!table)return;var body=table.tBodies[0];
var heads=table.tHead.rows[0].cells;
function key(row,i,num){var c=row.cells[i];var v=c.getAttribute('data-v');if(v===null)v=c.textContent.trim();
 if(num){var n=parseFloat(v);return isNaN(n)?-Infinity:n}return v}
Array.prototype.forEach.call(heads,function(th,i){th.addEventListener('click',function(){
 var asc=th.getAttribute('aria-sort')!=='ascending';var num=th.getAttribute('data-type')==='num';
 Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort')});
 th.setAttribute('aria-sort',asc?'ascending':'descending');
 var rows=Array.prototype.slice.call(body.rows);
 rows.sort(function(a,b){var x=key(a,i,num),y=key(b,i,num);var r=num?x-y:String(x).localeCompare(String(y),'zh-Hans-CN');return asc?r:-r});
 rows.forEach(function(r){body.appendChild(r)});});});
var text=document.getElementById('filter'),kind=document.getElementById('kind'),count=document.getElementById('shown');
function apply(){var q=text.value.trim().toLowerCase(),k=kind.value,n=0;
 Array.prototype.forEach.call(body.rows,function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&
  (k===''||(k==='error'&&r.getAttribute('data-errors')!=='0')||(k==='warning'&&r.getAttribute('data-warnings')!=='0')||
   (k==='clean'&&r.getAttribute('data-errors')==='0'&&r.getAttribute('data-warnings')==='0')||(k==='dup'&&r.classList.contains('dup')));
  r.style.display=ok?'':'none';if(ok)n++});count.textContent=n;}
text.addEventListener('input',apply);kind.addEventListener('change',apply);
})();
"""


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _bars(items: list[tuple[str, int, str]], title: str) -> str:
    """A horizontal bar chart as inline SVG: (label, count, colour) per bar."""
    if not items:
        return ""
    width, label_width, bar_height = 1000, 480, 20
    largest = max(n for _, n, _ in items) or 1
    height = bar_height * len(items) + 28
    parts = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
             f'<text x="0" y="14" font-weight="bold">{_e(title)}</text>']
    for index, (label, count, colour) in enumerate(items):
        y = 22 + index * bar_height
        length = max(2, int((width - label_width - 60) * count / largest))
        parts.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{_e(label if len(label) <= 36 else label[:35] + "…")}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{bar_height - 6}" fill="{colour}"><title>{_e(label)}：{count}</title></rect>'
                     f'<text x="{label_width + length + 4}" y="{y + 14}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cards(totals: dict) -> str:
    cards = [("检查报告", totals["reports"], ""), ("有错误的报告", totals["with_errors"], "bad"),
             ("有警告的报告", totals["with_warnings"], "warn"), ("无法读取", totals["unreadable"], "bad" if totals["unreadable"] else ""),
             ("不是年度报告", totals["not_reports"], "bad" if totals["not_reports"] else ""), ("重复文件（只计一次）", totals["duplicates"], ""),
             ("问题总数", totals["errors"] + totals["warnings"] + totals["infos"], "")]
    inner = "".join(f'<div class="card {cls}"><b>{value}</b>{_e(label)}</div>' for label, value, cls in cards)
    detail = f'错误 {totals["errors"]} 个，警告 {totals["warnings"]} 个，提示 {totals["infos"]} 个；共读取 {totals["files"]} 个文件。'
    return f'<div class="cards">{inner}</div><p class="small">{detail}</p>'


def _shortener(batch: Batch):
    """Paths as shown: relative to the folder all files share (the full path in a tooltip)."""
    import os

    paths = [r.path for r in batch.reports]
    try:
        common = os.path.commonpath([os.path.dirname(p) for p in paths]) if len(paths) > 1 else os.path.dirname(paths[0]) if paths else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    return lambda path: os.path.relpath(path, common) if common else path


def _report_table(batch: Batch) -> str:
    scored = batch.scoring is not None
    head = ['<th data-type="text">单位</th>', '<th data-type="num">年度</th>', '<th data-type="text">文件</th>']
    if scored:
        head.append('<th data-type="num">得分</th>')
    head += ['<th data-type="num">错误</th>', '<th data-type="num">警告</th>', '<th data-type="text">最严重的问题</th>']
    rows = []
    short = _shortener(batch)
    for index, r in enumerate(batch.reports):
        status = STATUS_ZH[r.status]
        agency = _e(r.agency) or '<span class="note">（标题未写明）</span>'
        file = f'<a href="#r{index}" title="{_e(r.path)}">{_e(short(r.path))}</a>' if r.counted else f'<span title="{_e(r.path)}">{_e(short(r.path))}</span>'
        notes = []
        if status:
            notes.append(status)
        if r.duplicate_of:
            notes.append(f"与 {short(r.duplicate_of)} 为同一份报告，只计一次")
        cells = [f'<td>{agency}</td>', f'<td class="num" data-v="{r.year or ""}">{_e(r.year or "")}</td>',
                 f'<td>{file}{"".join(f"<br><span class=note>{_e(n)}</span>" for n in notes)}</td>']
        if scored:
            points = r.score.points if r.score is not None else ""
            explain = _e(r.score.explain()) if r.score is not None else ""
            cells.append(f'<td class="num" data-v="{points}" title="{explain}">{points:g}</td>' if points != "" else '<td class="num" data-v=""></td>')
        cells += [f'<td class="num">{r.counts["error"]}</td>', f'<td class="num">{r.counts["warning"]}</td>', f'<td>{_e(r.worst)}</td>']
        rows.append(f'<tr class="{"dup" if r.duplicate_of else ""}" data-errors="{r.counts["error"]}" data-warnings="{r.counts["warning"]}">'
                    + "".join(cells) + "</tr>")
    controls = ('<div class="controls"><input id="filter" type="search" placeholder="筛选：单位、文件、问题代码或文字">'
                '<select id="kind"><option value="">全部报告</option><option value="error">有错误</option><option value="warning">有警告</option>'
                '<option value="clean">无错误和警告</option><option value="dup">重复文件</option></select>'
                f'<span>显示 <b id="shown">{len(rows)}</b> / {len(rows)} 个文件</span></div>')
    hint = '<p class="note">点击表头排序；点击文件名查看该报告的问题明细。</p>'
    return f'{controls}{hint}<table id="reports"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _coverage(batch: Batch) -> str:
    cov = batch.coverage
    if cov is None:
        rows = "".join(f'<tr><td>{_e(a["agency"]) or "（标题未写明）"}</td><td>{_e("、".join(str(y) for y in a["years"]))}</td>'
                       f'<td class="small">{_e("；".join(a["files"]))}</td></tr>' for a in agencies_found(batch))
        return ('<p>未提供单位名单（--roster），以下是本次检查到的单位和年度。</p>'
                f'<table><thead><tr><th>单位</th><th>年度</th><th>文件</th></tr></thead><tbody>{rows}</tbody></table>')
    year = f'{cov.year} 年度' + ("（按多数报告的年度推断；可用 --year 指定）" if cov.year_inferred else "") if cov.year else "（无法确定年度）"
    pack = batch.scoring
    missing_score = pack.score_missing().points if pack is not None and any(d.coverage == "missing" for d in pack.deductions) else None
    parts = [f'<p>核对年度：{_e(year)}。名单内单位 {len(cov.present) + len(cov.missing)} 个，已有报告 {len(cov.present)} 个，'
             f'<b class="error">未见报告 {len(cov.missing)} 个</b>；名单外的报告 {len(cov.unlisted)} 份；其他年度的报告 {len(cov.other_years)} 份。</p>']
    if cov.missing:
        score_head = "<th>得分</th>" if missing_score is not None else ""
        score_cell = f'<td class="num">{missing_score:g}</td>' if missing_score is not None else ""
        rows = "".join(f'<tr><td>{_e(a.name)}</td><td>{_e(a.level)}</td><td>{_e(a.region)}</td>{score_cell}</tr>' for a in cov.missing)
        parts.append(f'<h3>未见报告的单位</h3><table id="missing"><thead><tr><th>单位</th><th>层级</th><th>地区</th>{score_head}</tr></thead><tbody>{rows}</tbody></table>')
    if cov.unlisted:
        rows = "".join(f'<tr><td>{_e(name) or "（标题未写明）"}</td><td>{_e(y or "")}</td><td>{_e(f)}</td></tr>' for f, name, y in cov.unlisted)
        parts.append(f'<h3>不属于名单内任何单位的报告</h3><table id="unlisted"><thead><tr><th>单位</th><th>年度</th><th>文件</th></tr></thead><tbody>{rows}</tbody></table>')
    if cov.other_years:
        rows = "".join(f'<tr><td>{_e(name)}</td><td>{_e(y or "")}</td><td>{_e(f)}</td></tr>' for f, name, y in cov.other_years)
        parts.append(f'<h3>其他年度的报告</h3><table><thead><tr><th>单位</th><th>年度</th><th>文件</th></tr></thead><tbody>{rows}</tbody></table>')
    if cov.present:
        rows = "".join(f'<tr><td>{_e(a.name)}</td><td>{_e(a.level)}</td><td>{_e(a.region)}</td><td class="small">{_e("；".join(files))}</td></tr>'
                       for a, files in cov.present)
        parts.append(f'<h3>已有报告的单位</h3><table><thead><tr><th>单位</th><th>层级</th><th>地区</th><th>文件</th></tr></thead><tbody>{rows}</tbody></table>')
    return "".join(parts)


def _scoring(batch: Batch) -> str:
    pack = batch.scoring
    if pack is None:
        return ""
    rows = []
    for d in pack.deductions:
        basis = "、".join(d.codes) if d.codes else ("单位无报告（覆盖情况）" if d.coverage else "报告中看不出，需人工核对")
        how = f"每个问题 {d.points:g} 分，最多 {d.cap:g} 分" if d.per == "finding" else f"{d.points:g} 分"
        state = "仅提示，不扣分" if d.advisory else ("人工" if d.manual else "扣分")
        rows.append(f'<tr><td>{_e(d.wording)}</td><td>{_e(basis)}</td><td>{_e(how)}</td><td>{state}</td><td class="small">{_e(d.note)}</td></tr>')
    return (f'<h2>评分方法</h2><p>{_e(pack.title)}，指标“{_e(pack.item)}”：满分 {pack.total:g} 分，最低 {pack.floor:g} 分。'
            f'来源：{_e(pack.source)}</p><table><thead><tr><th>扣分项（原文）</th><th>依据</th><th>分值</th><th>处理</th><th>说明</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def write(batch: Batch, path: Path) -> None:
    meta = batch.meta
    totals = batch.totals()
    scoring = f'；评分：{_e(batch.scoring.title)}（{_e(batch.scoring.name)}）' if batch.scoring is not None else ""
    families = [(name, n, "#34495e") for name, n in batch.family_counts()]
    rules = [(f"{code} {batch.summaries.get(code, name)}", n, SEVERITY_COLOR.get(severity, "#777")) for code, name, severity, n in batch.rule_counts()[:30]]
    with open(path, "w", encoding="utf-8") as out:
        out.write('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                  f'<meta name="generator" content="{GENERATOR} {_e(meta["version"])}">'
                  '<meta name="viewport" content="width=device-width, initial-scale=1">'
                  f'<title>政府信息公开工作年度报告检查汇总</title><style>{CSS}</style></head><body>')
        out.write('<h1>政府信息公开工作年度报告检查汇总</h1>'
                  f'<p class="meta">govlint {_e(meta["version"])}；规则包：{_e("、".join(meta["packs"]))}{scoring}；'
                  f'生成时间：{_e(meta["date"])}；命令：<code>{_e(meta["command"])}</code></p>')
        out.write(f'<h2>总体情况</h2>{_cards(totals)}')
        out.write('<h2>问题分布</h2>')
        if families:
            out.write(f'<div id="chart">{_bars(families, "按规则类别统计的问题数")}<br>{_bars(rules, "按规则统计的问题数")}</div>')
        else:
            out.write('<p id="chart">未发现问题。</p>')
        out.write(f'<h2>报告列表</h2>{_report_table(batch)}')
        out.write(_scoring(batch))
        out.write(f'<h2>覆盖情况</h2>{_coverage(batch)}')
        out.write('<h2>各报告的问题</h2>')
        index_of = {r.path: i for i, r in enumerate(batch.reports)}
        for row, findings, _ in batch.details():
            title = f'{_e(row.agency) or "（标题未写明单位）"} {_e(row.year or "")} <span class="note">{_e(row.path)}</span>'
            out.write(f'<section class="report" id="r{index_of[row.path]}"><h3>{title}</h3>')
            if row.score is not None:
                out.write(f'<p>得分：<b>{row.score.points:g}</b> / {batch.scoring.total:g}　{_e(row.score.explain())}</p>')
            if not findings:
                out.write('<p class="note">未发现问题。</p></section>')
                continue
            out.write('<table><thead><tr><th>代码</th><th>严重程度</th><th>位置</th><th>问题</th></tr></thead><tbody>')
            for code, name, severity, message, line, column, location, source in findings:
                where = f'第 {line} 行' + (f'，{_e(location)}' if location else "")
                quoted = f'<div class="src">{_e(source)}</div>' if source else ""
                out.write(f'<tr><td>{_e(code)}<br><span class="note">{_e(batch.summaries.get(code, name))}</span></td><td class="{_e(severity)}">{SEVERITY_ZH.get(severity, severity)}</td>'
                          f'<td>{where}</td><td>{_e(message)}{quoted}</td></tr>')
            out.write('</tbody></table></section>')
        out.write(f'<p class="meta">由 govlint {_e(meta["version"])} 生成。</p><script>{SCRIPT}</script></body></html>\n')
