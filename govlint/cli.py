"""The ``govlint`` command: lint files (``govlint report.txt``), list rules (``govlint rules``),
explain one (``govlint rule GL301``), show the configuration (``govlint config show``).

Exit status: 0 no failing finding, 1 failing findings, 2 govlint could not do its job.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govlint import __version__

EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm")
SUBCOMMANDS = ("rules", "rule", "config")


class UsageError(Exception):
    """Bad option, bad path, bad configuration or rule pack: exit 2 with one line on stderr."""


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", action="append", metavar="CODES", help="run only these rules: codes, prefixes (GL3) or names, comma-separated")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules (replaces the configuration's ignore)")
    parser.add_argument("--extend-select", action="append", metavar="CODES", help="add rules to the selection")
    parser.add_argument("--extend-ignore", action="append", metavar="CODES", help="add rules to skip")
    parser.add_argument("--pack", action="append", metavar="NAME", help="apply this rule pack (e.g. sichuan); replaces the configuration's packs")
    parser.add_argument("--pack-path", action="append", metavar="DIR", help="apply the rule pack in this directory (a pack.yaml and rule files)")
    parser.add_argument("--format-version", choices=("auto", "2021", "2019"), help="the report format to check against (default: auto, by report year)")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file instead of discovering one")
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govlint",
        description="检查政府信息公开工作年度报告：缺少的部分、表格、勾稽关系、统计期限、信息处理费说明。",
        epilog="其他命令：govlint rules [--pack NAME]（列出规则）；govlint rule GL301（解释一条规则）；govlint config show [PATH]（显示生效的配置）。",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories ('-' reads standard input)")
    parser.add_argument("-f", "--format", help="output format: full (default), concise, json, json-lines, sarif, github, gitlab, junit, or one a plugin adds; github when GITHUB_ACTIONS=true")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write the findings to FILE instead of standard output")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="lint files in N processes (default: all cores)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    parser.add_argument("--cache-dir", metavar="DIR", help="where to keep the result cache (default: ~/.cache/govlint or $GOVLINT_CACHE_DIR)")
    _selection_options(parser)
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to report for '-' (standard input)")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline and exit 0")
    parser.add_argument("--ignore-file", metavar="FILE", help="YAML list of accepted findings: {path, code, reason}")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in the full format")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    return parser


def _selection(args):
    from govlint.lint import Selection

    return Selection(
        select=_split(args.select), ignore=_split(args.ignore),
        extend_select=_split(args.extend_select) or [], extend_ignore=_split(args.extend_ignore) or [],
        packs=_split(args.pack), format_version=args.format_version,
        pack_paths=[_pack_path(p) for p in args.pack_path or []],
    )


def _pack_path(raw: str) -> Path:
    path = Path(raw)
    if not (path / "pack.yaml").is_file():
        raise UsageError(f"--pack-path {raw} is not a rule pack directory (no pack.yaml)")
    return path


class _Session:
    """Configurations and linters, one per distinct configuration, shared by all files."""

    def __init__(self, args):
        from govlint.cache import ResultCache
        from govlint.config import Config, load_file

        self.args = args
        self.cli = _selection(args)
        self.linters: dict = {}
        self.by_directory: dict = {}
        self.fixed = None
        no_cache = getattr(args, "no_cache", True)
        cache_dir = getattr(args, "cache_dir", None)
        self.cache = ResultCache(Path(cache_dir) if cache_dir else None, enabled=not no_cache)
        if args.isolated:
            self.fixed = Config()
        elif args.config:
            path = Path(args.config)
            if not path.is_file():
                raise UsageError(f"no such configuration file: {args.config}")
            self.fixed = load_file(path) or Config(sources=[path])

    def config_for(self, path: Path):
        from govlint.config import discover

        return self.fixed if self.fixed is not None else discover(path)

    def config_for_file(self, path: str):
        """``config_for`` a file, found once per directory: an archive has thousands of files in few directories."""
        directory = os.path.dirname(path)
        config = self.by_directory.get(directory)
        if config is None:
            config = self.by_directory[directory] = self.config_for(Path(path))
        return config

    def linter_for(self, path: Path):
        return self._linter_of(self.config_for(path))

    def linter_for_file(self, path: str):
        return self._linter_of(self.config_for_file(path))

    def _linter_of(self, config):
        key = id(config)
        if key not in self.linters:
            from govlint.lint import Linter

            _validate(config, self.cli)
            self.linters[key] = Linter(config, self.cli)
        return self.linters[key]

    def lint(self, path: str, cached_only: bool = False):
        """One file, through the result cache; with ``cached_only``, its cached result or None."""
        from govlint.lint import read_file

        linter = self.linter_for_file(path)
        data = read_file(path)
        if isinstance(data, str) or not self.cache.enabled:  # could not be opened (a GL001 finding), or no cache
            return None if cached_only else linter.lint_bytes(path, data)
        key = self.cache.key(path, data, linter.identity(path))
        cached = self.cache.get(key)
        if cached is not None or cached_only:
            return cached
        linted = linter.lint_bytes(path, data)
        self.cache.put(key, linted)
        return linted

    def rules_used(self) -> list:
        rules = {}
        for linter in self.linters.values():
            for version in ("2021", "2019"):
                for rule in linter.rules(version):
                    rules.setdefault(rule.code, rule)
        return list(rules.values())


_WORKER: _Session | None = None


def _start_worker(args) -> None:
    """A worker's session: inherited, warm, from the parent when forked; built when spawned."""
    global _WORKER
    if _WORKER is None:
        _WORKER = _Session(args)


def _lint_one(session: _Session, path: str):
    """(Linted, None), or (None, (kind, message)) for the parent to report: a bug costs
    one file, not the run; a bad rule pack, met when the first file needs the rules, is
    the run's (exit 2 with its file and line)."""
    from govlint.yamlload import DataFileError

    try:
        return session.lint(path), None
    except (UsageError, DataFileError) as exc:
        return None, ("usage", str(exc))
    except Exception as exc:
        return None, ("crash", f"{exc.__class__.__name__}: {exc}")


def _work(paths: list[str]) -> list:
    """A worker's chunk of files: one round trip for the lot."""
    return [_lint_one(_WORKER, path) for path in paths]


def _warm(session: _Session) -> None:
    """What every worker needs, done once in the parent before forking, so that the
    workers inherit it instead of each doing it again: the pipeline imported, the parser,
    format schemas and rules of both format versions loaded (by linting a small report of
    each)."""
    for linter in list(session.linters.values()):
        for version in ("2021", "2019"):
            linter.rules(version)
        try:
            for year in ("2021", "2019"):
                linter.lint_bytes("warm-up.txt", _WARM_UP_REPORT.replace("2021", year).encode("utf-8"))
        except Exception:  # noqa: BLE001 - a bug here shows again, per file, where it can be reported
            pass
    if session.cache.enabled:
        from govlint.stamp import installation

        installation()


_WARM_UP_REPORT = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本机关2021年主动公开政府信息。\n二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 |\n| 规章 | 0 |\n"


def _lint_paths(paths: list[str], session: _Session, jobs: int):
    """(path, Linted or None, error) for each path, in order, in parallel when it pays: the
    cached results are read here, and only the files left to lint, if enough, start workers."""
    if jobs > 1 and len(paths) >= 4:
        done = {}
        if session.cache.enabled:
            for path in paths:
                cached = _cached(session, path)
                if cached is not None:
                    done[path] = (cached, None)
        todo = [path for path in dict.fromkeys(paths) if path not in done]
        if len(todo) >= 4:
            done.update(_in_parallel(todo, session, jobs))
        else:
            done.update((path, _lint_one(session, path)) for path in todo)
        for path in paths:
            yield path, *done[path]
        return
    for path in paths:
        yield path, *_lint_one(session, path)


def _cached(session: _Session, path: str):
    """The file's cached result, or None (including when looking for it fails: linting it
    meets the failure again and reports it)."""
    try:
        return session.lint(path, cached_only=True)
    except Exception:  # noqa: BLE001
        return None


def _in_parallel(paths: list[str], session: _Session, jobs: int):
    """(path, (Linted or None, error)) for each path, in order, linted by worker processes:
    forked from the warmed-up parent, they take the files in chunks (small enough that no
    worker waits long for the last one)."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    workers = min(jobs, len(paths))
    if method == "fork":
        _warm(session)
        _WORKER = session
        gc.freeze()  # the inherited objects stay shared: no collection writes to their pages
    size = max(1, min(32, len(paths) // (workers * 8)))
    chunks = [paths[i: i + size] for i in range(0, len(paths), size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                 initializer=_start_worker, initargs=(session.args,)) as pool:
            for chunk, results in zip(chunks, pool.map(_work, chunks)):
                yield from zip(chunk, results)
    finally:
        _WORKER = None
        gc.unfreeze()


def _validate(config, cli) -> None:
    """Unknown packs and rule codes, in the configuration or on the command line, are errors."""
    from_config = [*(config.select or []), *config.ignore, *config.extend_select, *config.extend_ignore, *config.severity,
                   *(code for _, _, codes in config.per_file_ignores for code in codes)]
    from_cli = [*(cli.select or []), *(cli.ignore or []), *cli.extend_select, *cli.extend_ignore]
    if not from_config and not from_cli and not config.packs and not cli.packs and not config.pack_paths and not cli.pack_paths:
        return  # nothing named: nothing to check (and no need to load every pack)
    from govlint.lint import all_known_rules, available_packs

    packs = available_packs()
    for name in (cli.packs if cli.packs is not None else config.packs):
        if name not in packs:
            origin = config.origins.get(name)
            where = f"{origin[0]}:{origin[1]}: " if origin and cli.packs is None else ""
            raise UsageError(f"{where}unknown rule pack '{name}' (available: {', '.join(sorted(packs))})")
    known = all_known_rules()
    for selector in from_config:
        if not known.knows(selector):
            path, line, key = config.origins.get(selector, (config.sources[-1] if config.sources else "?", None, "?"))
            raise UsageError(f"{path}:{line or '?'}: unknown rule code, prefix or name '{selector}' in '{key}'")
    for selector in from_cli:
        if not known.knows(selector):
            raise UsageError(f"unknown rule code, prefix or name: {selector}")


def _files(paths: list[str], session: _Session) -> list[str]:
    found = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if candidate.suffix.lower() in EXTENSIONS and candidate.is_file() and not session.config_for_file(str(candidate)).excludes(candidate):
                    found.append(str(candidate))
        elif path.exists():
            if not session.config_for_file(raw).excludes(path):
                found.append(raw)
        else:
            raise UsageError(f"no such file or directory: {raw}")
    return found


def _data_errors(function):
    """Turn a bad pack or configuration into exit 2 with its file, line and reason."""

    def wrapped(argv):
        from govlint.yamlload import DataFileError

        try:
            return function(argv)
        except DataFileError as exc:
            raise UsageError(str(exc)) from None

    return wrapped


@_data_errors
def _lint(argv: list[str]) -> int:
    args = _lint_parser().parse_args(argv)
    if not args.paths:
        raise UsageError("no PATH given (try: govlint report.txt)")
    from govlint.diagnostics import fails
    from govlint.output import find_format, format_names

    name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full")
    render = find_format(name)
    if render is None:
        raise UsageError(f"unknown format '{name}' (known: {', '.join(format_names())})")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    session = _Session(args)
    paths = _files(args.paths, session)
    for path in paths:  # configuration errors surface here, before any work is spread out
        if path != "-":
            session.linter_for_file(path)
    results = []
    crashed = False
    stdin = [p for p in paths if p == "-"]
    if stdin:
        name_in = args.stdin_filename or "-"
        linter = session.linter_for(Path(name_in) if args.stdin_filename else Path.cwd())
        results.append(linter.lint_bytes(name_in, sys.stdin.buffer.read()))
    jobs = args.jobs or os.cpu_count() or 1
    for path, linted, error in _lint_paths([p for p in paths if p != "-"], session, jobs):
        if error and error[0] == "usage":
            raise UsageError(error[1])
        if error:
            crashed = True
            print(f"govlint: internal error on {path}: {error[1]}", file=sys.stderr)
        else:
            results.append(linted)

    first_config = session.config_for(Path(args.paths[0]) if args.paths[0] != "-" else Path.cwd())
    ignore_file = Path(args.ignore_file) if args.ignore_file else first_config.ignore_file
    baseline_file = Path(args.baseline) if args.baseline else first_config.baseline
    if ignore_file or baseline_file or args.write_baseline:
        from govlint import baseline
    if ignore_file:
        baseline.drop_accepted(baseline.read_ignore_file(ignore_file), results, ignore_file.parent)
    if args.write_baseline:
        count = baseline.write(Path(args.write_baseline), results)
        print(f"govlint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        return 0
    if baseline_file:
        for stale in baseline.apply(baseline.read(baseline_file), results):
            print(f"govlint: baseline entry no longer matches: {stale.path} {stale.code} {stale.message}", file=sys.stderr)

    from govlint.output import OutputContext, statistics
    from govlint.yamlload import DataFileError

    color = not args.output_file and (args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    context = OutputContext(color=color, rules_of=session.rules_used)
    try:
        text = statistics(results, context) if args.statistics else render(results, context)
    except DataFileError:  # a bad rule pack, met when a format asks for the rules: exit 2 with its file and line
        raise
    except Exception as exc:  # a plugin's format failing is govlint not doing its job: exit 2
        raise UsageError(f"output format '{name}' failed: {exc.__class__.__name__}: {exc}") from None
    if args.output_file:
        try:
            Path(args.output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output_file}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    if crashed:
        return 2
    failing = any(fails(d, args.strict) for f in results for d in f.diagnostics)
    return 1 if failing and not args.exit_zero else 0


@_data_errors
def _rules(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govlint rules", description="列出规则")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text")
    parser.add_argument("--pack", metavar="NAME", help="only the rules this pack adds or changes")
    parser.add_argument("--pack-path", metavar="DIR", help="only the rules of the pack in this directory")
    args = parser.parse_args(argv)
    from govlint.lint import NATIONAL, available_packs, register_pack_directory, ruleset

    if args.pack_path:
        args.pack = register_pack_directory(_pack_path(args.pack_path))
    if args.pack:
        packs = available_packs()
        if args.pack not in packs:
            raise UsageError(f"unknown rule pack '{args.pack}' (available: {', '.join(sorted(packs))})")
        pack = packs[args.pack]
        touched = {r.code for r in pack.rules} | {o.code for o in pack.overrides}
        rules = [r for r in ruleset(tuple(dict.fromkeys((NATIONAL, args.pack)))).rules if r.code in touched]
        if args.format == "text":
            print(f"# {pack.name} {pack.version}: {pack.description}")
    else:
        rules = ruleset((NATIONAL,)).rules
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "enabled": r.enabled, "pack": r.pack, "summary": r.summary}
                          for r in rules], ensure_ascii=False, indent=2))
        return 0
    for rule in rules:
        state = "" if rule.enabled else "  (默认关闭)"
        print(f"{rule.code}  {rule.name:<32} {rule.severity:<8} {rule.summary}{state}")
    return 0


@_data_errors
def _rule(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govlint rule", description="解释一条规则")
    parser.add_argument("code", help="rule code or name, e.g. GL301 or row-total")
    args = parser.parse_args(argv)
    from govlint.lint import all_known_rules

    rule = all_known_rules().get(args.code)
    if rule is None:
        raise UsageError(f"unknown rule: {args.code}")
    print(f"{rule.code} ({rule.name})")
    print(f"严重程度：{rule.severity}{'' if rule.enabled else '（默认关闭）'}    规则包：{rule.pack}")
    print(f"\n检查什么：{rule.summary}")
    if rule.why:
        print(f"\n为什么：{rule.why.strip()}")
    for label, key in (("不合格的示例", "fail"), ("合格的示例", "pass")):
        examples = rule.examples.get(key) or []
        if examples:
            print(f"\n{label}：")
            print("    " + examples[0].rstrip().replace("\n", "\n    "))
    return 0


@_data_errors
def _config(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="govlint config", description="显示对某个文件生效的配置和规则")
    parser.add_argument("action", choices=("show",))
    parser.add_argument("path", nargs="?", default=".", help="a report file or directory (default: .)")
    _selection_options(parser)
    args = parser.parse_args(argv)
    target = Path(args.path)
    if not target.exists():
        raise UsageError(f"no such file or directory: {args.path}")
    session = _Session(args)
    linter = session.linter_for(target)
    config = linter.config
    print(f"path: {target}")
    print(f"configuration files: {', '.join(str(s) for s in config.sources) or '(none: defaults)'}")
    print(f"packs: {', '.join(linter.packs)}")
    print(f"format-version: {linter.format_version}")
    print(f"select: {', '.join(linter.select) if linter.select is not None else '(default: enabled rules)'}")
    print(f"extend-select: {', '.join(linter.extend_select) or '-'}")
    print(f"ignore: {', '.join(linter.ignore) or '-'}")
    print(f"per-file-ignores: {', '.join(config.ignored_for(target)) or '-'}")
    print(f"severity: {', '.join(f'{k}={v}' for k, v in sorted(config.severity.items())) or '-'}")
    version = "2021" if linter.format_version == "auto" else linter.format_version
    rules = linter.rules(version, str(target) if target.is_file() else None)
    print(f"rules ({len(rules)}, format {version}):")
    for rule in rules:
        print(f"  {rule.code}  {rule.name:<32} {rule.severity}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:  # lint a directory of that name as ./rules
            return {"rules": _rules, "rule": _rule, "config": _config}[argv[0]](argv[1:])
        return _lint(argv)
    except UsageError as exc:
        print(f"govlint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head(1) and closed
        sys.stderr.close()
        return 1
