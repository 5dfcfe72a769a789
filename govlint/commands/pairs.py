"""``govlint pairs PATHS``: which reports a run compares — pairs of last year's and this
year's report of one agency, reports left unpaired, ambiguous matches, duplicates — and the
pairing step of a lint run (``--previous``, ``previous-dirs``, ``--no-pairs``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from govlint.clitext import ArgumentParser
from govlint.commands import batch_options
from govlint.cli import UsageError, _data_errors, _files, _lint_paths, _selection_options, _Session


def _lint_all(paths: list[str], session: _Session, jobs: int) -> list:
    """The results of files linted for their facts; a bug costs that file, not the run."""
    results = []
    for path, linted, error in _lint_paths(paths, session, jobs):
        if error and error[0] == "usage":
            raise UsageError(error[1])
        if error:
            print(f"govlint: 内部错误（{path}）：{error[1]}", file=sys.stderr)
            continue
        results.append(linted)
    return results


def _archive(results: list, session: _Session, jobs: int) -> list:
    """Last years' reports in the ``previous-dirs`` of the linted files' configurations
    (linted through the same cache; only their facts are used)."""
    directories = dict.fromkeys(d for r in results if r.path != "-" for d in session.config_for_file(r.path).previous_dirs)
    if not directories:
        return []
    linted = {str(Path(r.path).resolve()) for r in results}
    paths = [p for p in _files([str(d) for d in directories], session) if str(Path(p).resolve()) not in linted]
    return _lint_all(paths, session, jobs)


def _earlier(results: list, session: _Session, previous: str | None, jobs: int) -> tuple[list, list[tuple[str, str]]]:
    """The reports the run's are paired with besides each other: last years' (``previous-dirs``
    and ``--previous``); and the pairs ``--previous`` names."""
    earlier = _archive(results, session, jobs)
    if not previous:
        return earlier, []
    if len(results) != 1:
        raise UsageError(f"--previous {previous} 只能用于检查单个文件（上一年度的报告），但本次检查了 {len(results)} 个文件")
    if not Path(previous).is_file():
        raise UsageError(f"--previous：文件不存在：{previous}")
    return earlier + _lint_all([previous], session, 1), [(previous, results[0].path)]


def _with_fingerprints(results: list, session: _Session) -> list:
    """The results, each with its fingerprint read: a cached result whose stored fingerprint
    turns out damaged when pairing first reads it is linted again (a late cache miss)."""
    from govlint.cache import StoredFacts

    return [session.lint(linted.path, again=True) if isinstance(linted.facts, StoredFacts) and not linted.facts.readable()
            else linted for linted in results]


def _rules_for(session: _Session):
    def rules_for(path: str, version: str):
        return session.linter_for_file(path).rules(version, path)

    return rules_for


def add_pairs(results: list, session: _Session, previous: str | None, jobs: int):
    """Pair the run's reports and add the GL7xx findings to them; returns the Pairs."""
    from govlint.years.findings import add_pair_findings

    earlier, explicit = _earlier(results, session, previous, jobs)
    results[:] = _with_fingerprints(results, session)
    return add_pair_findings(results, _rules_for(session), _with_fingerprints(earlier, session), explicit)


def add_pair_findings_cached(results: list, session: _Session, previous: str | None, jobs: int) -> None:
    """``add_pairs`` for a lint run, the findings kept in the result cache: a run over the
    same files, unchanged, under the same settings, reads them instead of pairing its
    reports again (and decoding every report's fingerprint)."""
    import copy

    earlier, explicit = _earlier(results, session, previous, jobs)
    if len(results) + len(earlier) < 2:  # nothing to pair a lone report with
        return
    key = session.run_key([*results, *earlier], explicit)
    paths = [linted.path for linted in results]
    versions = {linted.path: linted.facts.format_version for linted in results if linted.facts is not None}

    def rules_of(path: str) -> list:  # pairing's findings come from the rules of the version a report was read as
        return session.linter_for_file(path).rules(versions.get(path, "2021"), path)

    found = session.cache.get_pair_findings(key, paths, rules_of) if key else None
    if found is None:
        from govlint.years.findings import add_pair_findings

        results[:] = _with_fingerprints(results, session)
        alone = [copy.copy(linted) for linted in results]  # the same reports, holding only the findings pairing adds
        for linted in alone:
            linted.diagnostics = []
        add_pair_findings(alone, _rules_for(session), _with_fingerprints(earlier, session), explicit)
        found = [linted.diagnostics for linted in alone]
        if key:
            session.cache.put_pair_findings(key, found)
    for linted, added in zip(results, found):
        linted.diagnostics.extend(added)
        linted.diagnostics.sort(key=lambda d: d.sort_key)


def _describe(path: str, facts) -> str:
    if facts is None:
        return path
    return f"{path}（{facts.agency or '机关不明'}，{facts.year or '年度不明'}）"


@_data_errors
def main(argv: list[str]) -> int:
    parser = ArgumentParser(prog="govlint pairs", description="列出跨年度比较的报告配对：上年与本年的同一机关报告、未配对的报告、无法确定的匹配和重复文件。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录")
    parser.add_argument("--previous", metavar="FILE", help="唯一的 PATH 的上一年度报告")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    batch_options(parser)
    _selection_options(parser)
    args = parser.parse_args(argv)
    session = _Session(args)
    session.linter_for(Path(args.paths[0]))  # a bad selection fails even when no file is found
    results = _lint_all(_files(args.paths, session), session, args.jobs or os.cpu_count() or 1)
    pairs = add_pairs(results, session, args.previous, args.jobs or os.cpu_count() or 1)
    facts = pairs.facts
    if args.format == "json":
        print(json.dumps({"reports": [{"path": p, "agency": f.agency, "year": f.year} for p, f in facts.items() if f is not None],
                          "pairs": [{"previous": a, "path": b} for a, b in pairs.pairs], "unpaired": pairs.unpaired,
                          "ambiguous": [{"path": p, "candidates": c} for p, c in pairs.ambiguous],
                          "duplicates": pairs.duplicates}, ensure_ascii=False, indent=2))
        return 0
    lines = [f"配对（上年 → 本年，共 {len(pairs.pairs)} 对）："]
    lines += [f"  {_describe(a, facts.get(a))} → {_describe(b, facts.get(b))}" for a, b in pairs.pairs] or ["  （无）"]
    lines.append(f"未配对（本次没有同一机关上一年或下一年的报告，共 {len(pairs.unpaired)} 份）：")
    lines += [f"  {_describe(p, facts.get(p))}" for p in pairs.unpaired] or ["  （无）"]
    lines.append(f"无法确定（上一年有多份可能的报告，未配对，共 {len(pairs.ambiguous)} 份）：")
    lines += [f"  {_describe(p, facts.get(p))}：{'、'.join(c)}" for p, c in pairs.ambiguous] or ["  （无）"]
    lines.append(f"重复（同一份报告，只比较第一份，共 {len(pairs.duplicates)} 组）：")
    lines += [f"  {' = '.join(group)}" for group in pairs.duplicates] or ["  （无）"]
    print("\n".join(lines))
    return 0
