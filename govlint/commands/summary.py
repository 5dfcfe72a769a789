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
    from govlint.cli import _selection_options

    parser = argparse.ArgumentParser(prog="govlint summary", description="汇总检查一批年度报告：总体情况、问题分布、各报告得分与问题、覆盖情况。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    parser.add_argument("-o", "--output-file", required=True, metavar="FILE", help="the summary to write: .html, .xlsx or .json")
    parser.add_argument("-f", "--format", choices=("html", "xlsx", "json"), help="the summary format (default: from the file's extension)")
    parser.add_argument("--scoring", metavar="PACK", help="score each report with this scoring pack (licheng-2020, suqian-2026, suqian-zhidu, or a scoring.yaml)")
    parser.add_argument("--roster", metavar="FILE", help="the agencies that must publish: one per line, or a CSV/XLSX column 单位")
    parser.add_argument("--year", type=int, metavar="N", help="the report year coverage is about (default: the most frequent one)")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="lint files in N processes (default: all cores)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    parser.add_argument("--cache-dir", metavar="DIR", help="where to keep the result cache")
    _selection_options(parser)
    return parser


def output_format(args, known: dict[str, str]) -> str:
    """The format named by ``--format``, else by the output file's extension."""
    from govlint.cli import UsageError

    if args.format:
        return args.format
    name = known.get(Path(args.output_file).suffix.lower())
    if name is None:
        raise UsageError(f"cannot tell the format of {args.output_file} from its extension (use one of {', '.join(sorted(set(known)))} or --format)")
    return name


def batch_paths(args, session) -> list[str]:
    """The files to read: walked as the linter walks them, without the output file itself."""
    from govlint.cli import UsageError, _files

    if "-" in args.paths:
        raise UsageError("standard input ('-') cannot be summarised: name files or directories")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
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
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def main(argv: list[str]) -> int:
    from govlint import roster, scoring
    from govlint.cli import _Session
    from govlint.summary import writer
    from govlint.summary.collect import FINDINGS, FINDINGS_AND_CELLS, collect

    args = _parser().parse_args(argv)
    name = output_format(args, FORMATS)
    pack = scoring.load(scoring.resolve(args.scoring)) if args.scoring else None
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
        print(f"govlint: internal error on {path}: {reason}", file=sys.stderr)
    return 2 if batch.failures else 0
