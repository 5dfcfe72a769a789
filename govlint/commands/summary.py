"""``govlint summary PATHS -o FILE``: one page (HTML), workbook (XLSX) or document (JSON)
for a supervisor — totals, findings per rule, every report with its score and findings,
coverage against a roster."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govlint.summary import FORMATS


def _parser() -> argparse.ArgumentParser:
    from govlint import scoring
    from govlint.cli import _selection_options
    from govlint.clitext import ArgumentParser
    from govlint.commands import batch_options

    parser = ArgumentParser(prog="govlint summary", description="汇总检查一批年度报告：总体情况、问题分布、各报告得分与问题、覆盖情况。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录")
    parser.add_argument("-o", "--output-file", required=True, metavar="FILE", help="把汇总写入 FILE：.html（网页）、.xlsx（工作簿）或 .json")
    parser.add_argument("-f", "--format", choices=("html", "xlsx", "json"), help="汇总格式（默认：按 -o 文件的扩展名）")
    parser.add_argument("--scoring", metavar="PACK", help=f"给每份报告打分的评分方案：{'、'.join(scoring.shipped())}，或 scoring.yaml 文件（或其目录）")
    parser.add_argument("--roster", metavar="FILE", help="应当公开报告的单位名单：每行一个单位的文本文件，或含“单位”列的 CSV/XLSX 表格")
    parser.add_argument("--year", type=int, metavar="N", help="核对哪一年度的报告是否齐全（默认：多数报告的年度）")
    batch_options(parser)
    _selection_options(parser)
    return parser


def output_format(args, known: dict[str, str]) -> str:
    """The format named by ``--format``, else by the output file's extension."""
    from govlint.cli import UsageError

    if args.format:
        return args.format
    name = known.get(Path(args.output_file).suffix.lower())
    if name is None:
        raise UsageError(f"无法从扩展名判断 {args.output_file} 的格式：请用 {'、'.join(sorted(set(known)))} 之一作扩展名，或用 --format 指定")
    return name


def batch_paths(args, session) -> list[str]:
    """The files to read: walked as the linter walks them, without the output file itself."""
    from govlint.cli import UsageError, _files

    if "-" in args.paths:
        raise UsageError("不能从标准输入（“-”）读取：请给出报告文件或目录")
    if args.jobs < 0:
        raise UsageError("--jobs 必须是 0（全部 CPU 核）或正整数")
    session.linter_for(Path(args.paths[0]))  # a bad selection fails even when no file is found
    output = Path(args.output_file).resolve()
    return [p for p in _files(args.paths, session) if Path(p).resolve() != output]


def write_atomically(path: Path, write) -> None:
    """Write through a temporary file beside ``path``, so a failed run leaves no half file."""
    from govlint.cli import UsageError

    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"无法写入 {path}：{exc.strerror or exc}") from None


def _scoring_pack(name: str):
    """The scoring pack ``--scoring`` names, loaded; an unknown name is an error with a hint."""
    from govlint import scoring
    from govlint.cli import UsageError
    from govlint.clitext import did_you_mean

    path = scoring.resolve(name)
    if path is None:
        packs = scoring.shipped()
        raise UsageError(f"未知的评分方案“{name}”{did_you_mean(name, packs)}（可用：{'、'.join(packs)}，或一个 scoring.yaml 文件或其目录）")
    return scoring.load(path)


def main(argv: list[str]) -> int:
    from govlint import roster
    from govlint.cli import _Session
    from govlint.summary import writer
    from govlint.summary.collect import FINDINGS, FINDINGS_AND_CELLS, collect

    args = _parser().parse_args(argv)
    name = output_format(args, FORMATS)
    pack = _scoring_pack(args.scoring) if args.scoring else None
    agencies = roster.load(Path(args.roster)) if args.roster else None
    if pack is not None and pack.lint_pack is not None:
        args.pack_path = [*(args.pack_path or []), str(pack.lint_pack)]
    session = _Session(args)
    paths = batch_paths(args, session)
    batch = collect(paths, session, args.jobs or os.cpu_count() or 1, ["summary", *argv],
                    FINDINGS_AND_CELLS if name == "xlsx" else FINDINGS, scoring=pack)
    try:
        if agencies is not None:
            kept = [(r.path, r.agency, r.year) for r in batch.counted() if r.status == "ok"]
            batch.coverage = roster.coverage(agencies, kept, args.year)
        write_atomically(Path(args.output_file), lambda target: writer(name)(batch, target))
    finally:
        batch.close()
    totals = batch.totals()
    print(f"govlint: 已汇总 {totals['reports']} 份报告（{totals['files']} 个文件，重复 {totals['duplicates']} 个），"
          f"有错误的 {totals['with_errors']} 份，写入 {args.output_file}", file=sys.stderr)
    for path, reason in batch.failures:
        print(f"govlint: 内部错误（{path}）：{reason}", file=sys.stderr)
    return 2 if batch.failures else 0
