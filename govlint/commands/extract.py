"""``govlint extract PATHS -o FILE``: every table cell of every report in long format
(CSV with a byte-order mark, JSON Lines, XLSX, or Parquet with pyarrow installed)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    from govlint.cli import _selection_options
    from govlint.clitext import ArgumentParser
    from govlint.commands import batch_options

    parser = ArgumentParser(prog="govlint extract", description="提取每份报告每个表格单元格的数据（长表格式）。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录")
    parser.add_argument("-o", "--output-file", required=True, metavar="FILE", help="把数据写入 FILE：.csv、.jsonl、.xlsx 或 .parquet")
    parser.add_argument("-f", "--format", choices=("csv", "jsonl", "xlsx", "parquet"), help="数据格式（默认：按 -o 文件的扩展名）")
    batch_options(parser, "读取")
    _selection_options(parser)
    return parser


def main(argv: list[str]) -> int:
    from govlint.cli import UsageError, _Session
    from govlint.commands.summary import batch_paths, output_format, write_atomically
    from govlint.extract import EXTENSIONS, WRITERS
    from govlint.summary.collect import CELLS, collect

    args = _parser().parse_args(argv)
    name = output_format(args, EXTENSIONS)
    if name == "parquet":
        from importlib.util import find_spec

        if find_spec("pyarrow") is None:
            raise UsageError("写 Parquet 文件需要 pyarrow：请运行 pip install 'govlint[parquet]'，或改用 .csv、.jsonl、.xlsx")
    session = _Session(args)
    paths = batch_paths(args, session)
    batch = collect(paths, session, args.jobs or os.cpu_count() or 1, ["extract", *argv], CELLS)
    cells = 0

    def write(target: Path) -> None:
        nonlocal cells
        out = WRITERS[name](target)
        try:
            for _, _, table in batch.details(cells=True):
                out.write(table)
                cells += len(table)
        finally:
            out.close()

    try:
        write_atomically(Path(args.output_file), write)
    finally:
        batch.close()
    totals = batch.totals()
    print(f"govlint: 已提取 {totals['reports']} 份报告的 {cells} 个单元格（重复文件 {totals['duplicates']} 个未重复提取），写入 {args.output_file}",
          file=sys.stderr)
    for row in batch.reports:
        if row.duplicate_of:
            print(f"govlint: {row.path} 与 {row.duplicate_of} 是同一份报告，只提取一次", file=sys.stderr)
    for path, reason in batch.failures:
        print(f"govlint: 内部错误（{path}）：{reason}", file=sys.stderr)
    return 2 if batch.failures else 0
