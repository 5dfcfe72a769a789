"""``govlint show FILE``: the text govlint read from a file (PDF, Word, web page or text),
numbered as findings count lines, and the tables as govlint placed them (row label →
column → value, each with its line and column) — to look up any finding and to see any
misreading (the equivalent of ``sqlfluff parse``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_KINDS = {"pdf": "PDF", "docx": "Word", "doc": "Word 97/WPS（经 LibreOffice 转换）"}


def run(argv: list[str], usage_error) -> int:
    parser = argparse.ArgumentParser(prog="govlint show", description="显示 govlint 从文件中读出的文字（带行号）和它识别出的表格")
    parser.add_argument("path", help="报告文件：PDF、Word（.docx/.doc/.wps）、网页（.html/.mht）或文本")
    parser.add_argument("--format-version", choices=("auto", "2021", "2019"), default="auto", help="按哪一版格式识别表格（默认按报告年度）")
    args = parser.parse_args(argv)
    from govlint.lint import model, read_file
    from govlint.sources import MappedSource

    path = Path(args.path)
    if not path.is_file():
        raise usage_error(f"没有这个文件：{args.path}")
    data = read_file(str(path))
    if isinstance(data, str):
        raise usage_error(f"{args.path}：{data}")
    report, source = model(str(path), data, args.format_version)
    if source is None:
        raise usage_error(f"{args.path}：无法读取此文件：{report.events[0].detail}")
    out = sys.stdout
    lines = source.lines
    mapped = isinstance(source, MappedSource)
    kind = _KINDS.get(source.encoding, "网页" if mapped else f"文本（{source.encoding}）")
    out.write(f"# {path}：{kind}，读出 {len(lines)} 行\n")
    if source.published:
        out.write(f"# 网页发布日期：{source.published.isoformat()}\n")
    notices = {}
    for notice in source.notices:
        notices.setdefault(notice.line, []).append(notice)
    width = len(str(max((o.line for o in source.origins), default=len(lines)) if mapped else len(lines)))
    for index, text in enumerate(lines, start=1):
        for notice in notices.get(index, []):
            out.write(f"{'':>{width}}   〔{'图片' if notice.kind == 'image' else '附件'}：{notice.detail}〕\n")
        origin = source.origins[index - 1] if mapped and index <= len(source.origins) else None
        number = origin.line if origin else index
        where = ""
        if origin is not None:
            where = f"  〔{origin.where}{f'第 {origin.row} 行' if origin.row else ''}〕"
        out.write(f"{number:>{width}} │ {text}{where}\n")  # table cells stay tab-separated: columns count as findings do
    for notice in (n for line, found in notices.items() if line > len(lines) for n in found):
        out.write(f"{'':>{width}}   〔{'图片' if notice.kind == 'image' else '附件'}：{notice.detail}〕\n")
    _tables(report, source, out)
    return 0


def _tables(report, source, out) -> None:
    """Each recognised table: its rows by standard label, each value with its column and position."""
    from govlint.sources import MappedSource

    lines = source.lines
    if not report.tables:
        out.write("\n（没有识别出统计表）\n")
    for table in report.tables.values():
        out.write(f"\n{table.schema.name}（{table.schema.title}），{report.format.version} 年版格式\n")
        for row in (*table.rows.values(), *table.unknown_rows):
            label = row.schema.label if row.schema else (row.label.text if row.label else "")
            state = "" if row.placed else "  〔值的个数不对，未能按列放置〕"
            out.write(f"  {label or '（无标签的数据行）'}{'（未知行）' if row.schema is None else ''}{state}\n")
            columns = row.schema.columns if row.placed and row.schema else [None] * len(row.values)
            for column, cell in zip(columns, row.values):
                span = cell.span
                if isinstance(source, MappedSource):
                    span, _ = source.place(span, lines)
                name = table.schema.columns[column] if column else "？"
                out.write(f"    {name} → {cell.text or '（空）'}  [{span.line}:{span.column}]\n")
