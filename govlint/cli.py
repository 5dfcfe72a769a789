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
from govlint.clitext import ArgumentParser, did_you_mean
from govlint.commands import batch_options

EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".pdf", ".doc", ".wps", ".rtf", ".ofd")
SUBCOMMANDS = ("rules", "rule", "config", "pack", "pairs", "summary", "extract", "show")


class UsageError(Exception):
    """Bad option, bad path, bad configuration or rule pack: exit 2 with one line on stderr."""


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", action="append", metavar="CODES", help="只运行这些规则：代码、代码前缀（GL3）或名称，逗号分隔")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="跳过这些规则（取代配置中的 ignore）")
    parser.add_argument("--extend-select", action="append", metavar="CODES", help="在所选规则之外再加上这些规则")
    parser.add_argument("--extend-ignore", action="append", metavar="CODES", help="再跳过这些规则")
    parser.add_argument("--pack", action="append", metavar="NAME", help="应用这个规则包（如 sichuan）；取代配置中的 packs")
    parser.add_argument("--pack-path", action="append", metavar="DIR", help="应用这个目录中的规则包（pack.yaml 和规则文件）")
    parser.add_argument("--format-version", choices=("auto", "2021", "2019"), help="按哪一版格式检查（默认 auto：按报告年度）")
    parser.add_argument("--config", metavar="FILE", help="使用这个配置文件，不再自动查找")
    parser.add_argument("--isolated", action="store_true", help="忽略所有配置文件")


def _lint_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="govlint",
        description="检查政府信息公开工作年度报告：缺少的部分、表格、勾稽关系、统计期限、信息处理费说明。",
        epilog="其他命令：govlint rules [--pack NAME]（列出规则）；govlint rule GL301（解释一条规则）；govlint rule --kinds（检查类型及参数）；govlint pack check DIR（检查本地规则包）；govlint config show [PATH]（显示生效的配置）。",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="报告文件或目录（“-”表示从标准输入读取）")
    parser.add_argument("-f", "--format", help="输出格式：full（默认）、concise、json、json-lines、sarif、github、gitlab、junit，或插件提供的格式；GITHUB_ACTIONS=true 时默认 github")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="把结果写入 FILE，而不是标准输出")
    parser.add_argument("--statistics", action="store_true", help="只输出每条规则的问题数（和检查、跳过的文件数）")
    batch_options(parser)
    parser.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", help="也检查 .gitignore 忽略的文件")
    _selection_options(parser)
    parser.add_argument("--exit-zero", action="store_true", help="即使有导致失败的问题也以 0 退出")
    parser.add_argument("--strict", action="store_true", help="警告也导致失败（退出码 1）")
    parser.add_argument("--stdin-filename", metavar="NAME", help="标准输入（“-”）在结果中使用的文件名")
    parser.add_argument("--baseline", metavar="FILE", help="只报告基线中没有的问题")
    parser.add_argument("--write-baseline", metavar="FILE", help="把当前的问题记录为基线，并以 0 退出")
    parser.add_argument("--ignore-file", metavar="FILE", help="已接受问题的 YAML 列表：{path, code, reason}")
    parser.add_argument("--max-file-size", metavar="SIZE", help="不检查大于此大小的文本文件（默认 20MiB，如 500KiB）：报告 GL001")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="full 格式是否使用颜色（auto 时遵循 FORCE_COLOR、NO_COLOR）")
    parser.add_argument("--previous", metavar="FILE", help="唯一的 PATH 的上一年度报告，用于跨年度规则（GL701–GL703）")
    parser.add_argument("--no-pairs", action="store_true", help="不在报告之间配对比较（不检查 GL701–GL704）")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}", help="显示版本号并退出")
    return parser


def _selection(args):
    from govlint.lint import Selection

    return Selection(
        select=_split(args.select), ignore=_split(args.ignore),
        extend_select=_split(args.extend_select) or [], extend_ignore=_split(args.extend_ignore) or [],
        packs=_split(args.pack), format_version=args.format_version,
        pack_paths=[_pack_path(p) for p in args.pack_path or []],
        max_file_size=_max_file_size(args),
    )


def _max_file_size(args) -> int | None:
    from govlint.resources import parse_size

    raw = getattr(args, "max_file_size", None)
    if raw is None:
        return None
    size = parse_size(raw)
    if size is None:
        raise UsageError(f"--max-file-size 的值“{raw}”不是大小（如 20MiB、500KiB、1048576）")
    return size


def _pack_path(raw: str) -> Path:
    path = Path(raw)
    if not (path / "pack.yaml").is_file():
        raise UsageError(f"--pack-path {raw} 不是规则包目录（没有 pack.yaml）")
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
        self.skipped: list = []
        self.keys: dict[str, str] = {}
        """The result cache's key of each file read through it (here, not in a worker)."""
        no_cache = getattr(args, "no_cache", True)
        cache_dir = getattr(args, "cache_dir", None)
        self.cache = ResultCache(Path(cache_dir) if cache_dir else None, enabled=not no_cache)
        if args.isolated:
            self.fixed = Config()
        elif args.config:
            path = Path(args.config)
            if not path.is_file():
                raise UsageError(f"配置文件不存在：{args.config}")
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

    def lint(self, path: str, keep: list | None = None, cached_only: bool = False, again: bool = False):
        """One file, through the result cache (``keep`` as for ``Linter.lint_bytes``: filled
        only when the file was linted, not on a cache hit); with ``cached_only``, its cached
        result or None; with ``again``, linted and stored afresh (its entry was found damaged)."""
        from govlint.lint import read_file

        linter = self.linter_for_file(path)
        data = read_file(path, linter.max_file_size)
        if isinstance(data, str) or not self.cache.enabled:  # not read (a GL001 finding, not cached), or no cache
            return None if cached_only else linter.lint_bytes(path, data, keep)
        key = self.keys[path] = self.cache.key(path, data, linter.identity(path))
        cached = None if again else self.cache.get(key, path, lambda version: linter.rules(version, path))
        if cached is not None or cached_only:
            return cached
        linted = linter.lint_bytes(path, data, keep)
        if not linted.errors:
            self.cache.put(key, linted)
        return linted

    def run_key(self, results: list, explicit: list[tuple[str, str]]) -> str | None:
        """The key under which the across-report findings of these results are cached (a
        result's facts, like the rules in effect for it, follow from its cache key, whether
        or not the result itself could be cached): None when one of them, with facts, has no
        key (standard input, no cache)."""
        reports = []
        for linted in results:
            key = self.keys.get(linted.path)
            if key is None and linted.facts is not None:
                return None
            reports.append((linted.path, key))
        return self.cache.run_key(reports, explicit)

    def rules_read(self) -> list:
        """The rules of the format versions this run's reports were read as: those each linter
        loaded, to lint a file or to check a cached result against."""
        rules = {}
        for linter in self.linters.values():
            for rule in linter.rules_loaded():
                rules.setdefault(rule.code, rule)
        return list(rules.values())

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


def _lint_one(session: _Session, path: str, task=None):
    """(Linted, None), or (None, (kind, message)) for the parent to report: a bug costs
    one file, not the run; a bad rule pack, met when the first file needs the rules, is
    the run's (exit 2 with its file and line). ``task(session, path)``, when given,
    replaces plain linting."""
    from govlint.yamlload import DataFileError

    try:
        return (task(session, path) if task else session.lint(path)), None
    except (UsageError, DataFileError) as exc:
        return None, ("usage", str(exc))
    except (Exception, SystemExit, GeneratorExit) as exc:  # a plugin's reader may even exit: still one file
        return None, ("crash", f"{exc.__class__.__name__}: {exc}")


def _work(paths: list[str], task=None) -> list:
    """A worker's chunk of files: one round trip for the lot."""
    return [_lint_one(_WORKER, path, task) for path in paths]


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


def _lint_paths(paths: list[str], session: _Session, jobs: int, task=None):
    """(path, Linted or None, error) for each path, in order, in parallel when it pays: the
    cached results are read here, and only the files left to lint, if enough, start workers.
    ``task(session, path)``, when given, replaces plain linting (and the cache shortcut)."""
    if jobs > 1 and len(paths) >= 4:
        done = {}
        if session.cache.enabled and task is None:
            for path in paths:
                cached = _cached(session, path)
                if cached is not None:
                    done[path] = (cached, None)
        todo = [path for path in dict.fromkeys(paths) if path not in done]
        if len(todo) >= 4:
            done.update(_in_parallel(todo, session, jobs, task))
        else:
            done.update((path, _lint_one(session, path, task)) for path in todo)
        for path in paths:
            yield path, *done[path]
        return
    for path in paths:
        yield path, *_lint_one(session, path, task)


def _cached(session: _Session, path: str):
    """The file's cached result, or None (including when looking for it fails: linting it
    meets the failure again and reports it)."""
    try:
        return session.lint(path, cached_only=True)
    except Exception:  # noqa: BLE001
        return None


def _in_parallel(paths: list[str], session: _Session, jobs: int, task=None):
    """(path, (Linted or None, error)) for each path, in order, linted by worker processes:
    forked from the warmed-up parent, they take the files in chunks (small enough that no
    worker waits long for the last one)."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

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
            for chunk, results in zip(chunks, pool.map(partial(_work, task=task), chunks)):
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
    from govlint.lint import all_known_rules, available_packs, broken_pack

    for name in (cli.packs if cli.packs is not None else config.packs):
        if broken_pack(name):
            raise broken_pack(name)
    packs = available_packs()
    for name in (cli.packs if cli.packs is not None else config.packs):
        if name not in packs:
            origin = config.origins.get(name)
            where = f"{origin[0]}:{origin[1]}: " if origin and cli.packs is None else ""
            raise UsageError(f"{where}未知的规则包“{name}”{did_you_mean(name, packs)}（可用：{'、'.join(sorted(packs))}）")
    known = all_known_rules()
    for selector in from_config:
        if not known.knows(selector):
            path, line, key = config.origins.get(selector, (config.sources[-1] if config.sources else "?", None, "?"))
            raise UsageError(f"{path}:{line or '?'}: “{key}”中有未知的规则代码、前缀或名称“{selector}”{_code_hint(selector, known)}")
    for selector in from_cli:
        if not known.knows(selector):
            raise UsageError(f"未知的规则代码、前缀或名称：{selector}{_code_hint(selector, known)}")


def _code_hint(selector: str, known) -> str:
    """A hint for a misspelt rule code or name (``GL3O1`` → GL301)."""
    return did_you_mean(selector, [key for rule in known.rules for key in (rule.code, rule.name)])


def _files(paths: list[str], session: _Session) -> list[str]:
    """The files to lint; what was left out, and why, goes to ``session.skipped`` for the summary."""
    found = []
    respect_gitignore = getattr(session.args, "respect_gitignore", True)
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        try:
            found.extend(_files_at(raw, session, respect_gitignore))
        except OSError as exc:  # a directory that cannot be listed, a path that cannot be examined
            raise UsageError(f"无法读取 {_shown(raw)}：{exc.strerror or exc}") from None
    return found


def _files_at(raw: str, session: _Session, respect_gitignore: bool) -> list[str]:
    """The report files a command-line path names: itself, or those below a directory; what a
    walk leaves out, and why, goes to ``session.skipped``."""
    path = Path(raw)
    if path.is_dir():
        from govlint.walk import Skipped, walk

        found = []
        for candidate, reason in walk(path, EXTENSIONS, respect_gitignore):
            if reason is None and _own_output(candidate):
                reason = "govlint 生成的汇总或导出文件"
            if reason is None and session.config_for_file(str(candidate)).excludes(candidate):
                reason = "配置的 exclude 排除"
            if reason is None:
                found.append(str(candidate))
            else:
                session.skipped.append(Skipped(str(candidate), reason))
        return found
    if path.exists():
        if not session.config_for(path).excludes(path):
            return [raw]
        from govlint.walk import Skipped

        session.skipped.append(Skipped(raw, "配置的 exclude 排除"))
        return []
    raise UsageError(f"文件或目录不存在：{raw}{did_you_mean(raw, SUBCOMMANDS)}")  # a misspelt command


def _color(args) -> bool:
    """Colour in the full format: ``--color always``/``never`` decide; else FORCE_COLOR
    turns it on, NO_COLOR off, and otherwise a terminal on standard output."""
    if args.color != "auto":
        return args.color == "always"
    if args.output_file:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _own_output(path: Path) -> bool:
    """A summary govlint wrote into the folder it walks is not a report (summaries are web
    pages: other files are told apart without importing the summary module)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    from govlint.summary.collect import is_own_output

    return is_own_output(path)


def _read_stdin(name: str, linter) -> bytes | str:
    """Standard input up to the size limit + 1 byte (``govlint - < /dev/zero`` ends), or why not."""
    from govlint.lint import read_limit, too_large

    limit = read_limit(name, linter.max_file_size)
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        return f"无法读取标准输入：{exc.strerror or exc}"
    return too_large(data, limit) or data


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
        raise UsageError("没有给出要检查的文件或目录（例如：govlint report.txt）")
    from govlint.diagnostics import fails
    from govlint.output import find_format, format_names

    name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full")
    render = find_format(name)
    if render is None:
        names = format_names()
        raise UsageError(f"未知的输出格式“{name}”{did_you_mean(name, names)}（可用：{'、'.join(names)}）")
    if args.jobs < 0:
        raise UsageError("--jobs 必须是 0（全部 CPU 核）或正整数")
    session = _Session(args)
    paths = _files(args.paths, session)
    session.linter_for(Path(args.paths[0]) if args.paths[0] != "-" else Path.cwd())  # a bad selection fails even when no file is found
    paths += _attached(paths)
    for path in paths:  # configuration errors surface here, before any work is spread out
        if path != "-":
            session.linter_for_file(path)
    results = []
    crashed = False
    stdin = [p for p in paths if p == "-"]
    if stdin:
        name_in = args.stdin_filename or "-"
        linter = session.linter_for(Path(name_in) if args.stdin_filename else Path.cwd())
        results.append(linter.lint_bytes(name_in, _read_stdin(name_in, linter)))
    jobs = args.jobs or os.cpu_count() or 1
    for path, linted, error in _lint_paths([p for p in paths if p != "-"], session, jobs):
        if error and error[0] == "usage":
            raise UsageError(error[1])
        if error:
            crashed = True
            print(f"govlint: 内部错误（{path}）：{error[1]}", file=sys.stderr)
        else:
            results.append(linted)
    for linted in results:  # a plugin's check failed on a file: its other findings stay
        for failure in linted.errors:
            crashed = True
            print(f"govlint: 错误：{_shown(linted.path)}：{failure}", file=sys.stderr)
    results = [_displayable(linted) for linted in results]

    if not args.no_pairs:
        from govlint.commands.pairs import add_pair_findings_cached
        add_pair_findings_cached(results, session, args.previous, jobs)
    first_config = session.config_for(Path(args.paths[0]) if args.paths[0] != "-" else Path.cwd())
    ignore_file = Path(args.ignore_file) if args.ignore_file else first_config.ignore_file
    baseline_file = Path(args.baseline) if args.baseline else first_config.baseline
    if ignore_file or baseline_file or args.write_baseline:
        from govlint import baseline
    if ignore_file:
        from govlint.lint import all_known_rules

        baseline.drop_accepted(baseline.read_ignore_file(ignore_file, all_known_rules()), results, ignore_file.parent)
    if args.write_baseline:
        try:
            count = baseline.write(Path(args.write_baseline), results)
        except OSError as exc:
            raise UsageError(f"无法写入基线 {_shown(args.write_baseline)}：{exc.strerror or exc}") from None
        print(f"govlint: 已把 {count} 个问题写入基线 {_shown(args.write_baseline)}", file=sys.stderr)
        return 0
    if baseline_file:
        for stale in baseline.apply(baseline.read(baseline_file), results):
            print(f"govlint: 基线中的这一项已不再出现：{stale.path} {stale.code} {stale.message}", file=sys.stderr)

    import shutil

    from govlint.output import HUMAN_FORMATS, OutputContext, summary

    width = shutil.get_terminal_size((80, 24)).columns if not args.output_file else 10_000
    context = OutputContext(color=_color(args), rules_of=session.rules_used, skipped=session.skipped, width=width,
                            rules_read=session.rules_read)
    output = _render(render, name, results, context, args.statistics)
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8") as handle:
                handle.writelines(output)
        except OSError as exc:
            raise UsageError(f"无法写入 {_shown(args.output_file)}：{exc.strerror or exc}") from None
    else:
        _write_stdout(output)
    if name not in HUMAN_FORMATS:  # after the output: an output that cannot be written is the one line said
        sys.stderr.write(summary(results, context))
    if crashed:
        return 2
    failing = any(fails(d, args.strict) for f in results for d in f.diagnostics)
    return 1 if failing and not args.exit_zero else 0


def _local_packs(args) -> list[str]:
    """Register the local packs that ``--pack-path`` names and that the configuration found
    from the current directory applies (``pack-paths``); their names."""
    from govlint.config import Config, discover, load_file
    from govlint.lint import register_pack_directory

    directories = [_pack_path(raw) for raw in args.pack_path or []]
    if getattr(args, "config", None):
        directories += (load_file(Path(args.config)) or Config()).pack_paths
    elif not getattr(args, "isolated", False):
        directories += discover(Path.cwd()).pack_paths
    return [register_pack_directory(directory) for directory in directories]


def _unknown_pack(name: str, packs) -> UsageError:
    return UsageError(f"未知的规则包“{name}”{did_you_mean(name, packs)}（可用：{'、'.join(sorted(packs))}）")


def _pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack-path", action="append", metavar="DIR", help="也使用这个目录中的规则包")
    parser.add_argument("--config", metavar="FILE", help="从这个配置文件读取 pack-paths，不再自动查找")
    parser.add_argument("--isolated", action="store_true", help="忽略所有配置文件")


def _render(render, name: str, results, context, statistics_only: bool):
    """The output text, in pieces to write one after another (a built-in format that
    streams, ``govlint.output.pieces``, makes each as it is written); a format (a plugin's)
    that fails, exits or returns something other than text is govlint not doing its job:
    exit 2, naming the format and its plugin."""
    from govlint.output import HUMAN_FORMATS, pieces, statistics, summary
    from govlint.plugins import provider
    from govlint.yamlload import DataFileError

    try:
        if statistics_only:
            text = statistics(results, context, as_json=name in ("json", "json-lines"))
            text += summary(results, context) if name in HUMAN_FORMATS else ""
        else:
            streamed = pieces(render, name, results, context)
            if streamed is not None:
                return streamed
            text = render(results, context)
    except DataFileError:  # a bad rule pack, met when a format asks for the rules: exit 2 with its file and line
        raise
    except (Exception, SystemExit) as exc:
        raise UsageError(f"输出格式“{name}”（{provider('govlint_output_formats', name)}）出错：{exc.__class__.__name__}: {exc}") from None
    if not isinstance(text, str):
        raise UsageError(f"输出格式“{name}”（{provider('govlint_output_formats', name)}）返回了 {type(text).__name__}，不是文本")
    return [text]


def _write_stdout(pieces) -> None:
    """Write and flush standard output; a full disk or a closed pipe is one line and exit 2."""
    try:
        sys.stdout.writelines(pieces)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _discard_stdout()
        raise UsageError(f"无法写入标准输出：{exc.strerror or exc}") from None


def _discard_stdout() -> None:
    """Point standard output at the null device, so that Python's flush at exit does not
    fail a second time (with a message and status 120) on what is still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _shown(path: str) -> str:
    """A path as text that is valid UTF-8: bytes of a file name that are not UTF-8 as ``\\xff``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _displayable(linted):
    """The result with a file name that is not valid UTF-8 shown escaped, so that every
    output format and the baseline stay valid UTF-8."""
    from dataclasses import replace

    shown = _shown(linted.path)
    if shown == linted.path:
        return linted
    return replace(linted, path=shown, diagnostics=[replace(d, path=shown) for d in linted.diagnostics])


@_data_errors
def _rules(argv: list[str]) -> int:
    parser = ArgumentParser(prog="govlint rules", description="列出规则：全国规则和配置（pack-paths）或 --pack-path 指定的本地规则包的规则")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--pack", metavar="NAME", help="只列出这个规则包新增或修改的规则")
    _pack_options(parser)
    args = parser.parse_args(argv)
    from govlint.lint import NATIONAL, available_packs, ruleset

    local = _local_packs(args)
    if args.pack is None and args.pack_path:
        args.pack = local[0]
    if args.pack:
        packs = available_packs()
        if args.pack not in packs:
            raise _unknown_pack(args.pack, packs)
        pack = packs[args.pack]
        touched = {r.code for r in pack.rules} | {o.code for o in pack.overrides}
        rules = [r for r in ruleset(tuple(dict.fromkeys((NATIONAL, args.pack)))).rules if r.code in touched]
        if args.format == "text":
            print(f"# 规则包 {pack.name}（版本 {pack.version}）：{pack.description}")
    else:
        rules = ruleset(tuple(dict.fromkeys((NATIONAL, *local)))).rules
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "enabled": r.enabled, "pack": r.pack, "summary": r.summary}
                          for r in rules], ensure_ascii=False, indent=2))
        return 0
    from govlint.output import SEVERITY_ZH

    for rule in rules:
        state = "" if rule.enabled else "（默认关闭）"
        print(f"{rule.code}  {rule.name:<32} {SEVERITY_ZH[rule.severity]}  {rule.summary}{state}")
    return 0


@_data_errors
def _rule(argv: list[str]) -> int:
    parser = ArgumentParser(prog="govlint rule", description="解释一条规则：检查什么、为什么、示例、怎么改；--kinds 列出所有检查类型及其参数")
    parser.add_argument("code", nargs="?", help="规则代码或名称，如 GL301 或 row-total")
    parser.add_argument("--kinds", action="store_true", help="列出编写规则包可用的检查类型及其参数")
    _pack_options(parser)
    args = parser.parse_args(argv)
    from govlint.explain import kinds_text, rule_text
    from govlint.lint import all_known_rules, check_kinds

    if args.kinds:
        sys.stdout.write(kinds_text(check_kinds(), all_known_rules().rules))
        return 0
    if not args.code:
        raise UsageError("请给出规则代码或名称（如 govlint rule GL301），或用 --kinds 列出检查类型")
    _local_packs(args)
    rule = all_known_rules().get(args.code)
    if rule is None:
        raise UsageError(f"未知的规则：{args.code}{_code_hint(args.code, all_known_rules())}")
    sys.stdout.write(rule_text(rule))
    return 0


@_data_errors
def _pack(argv: list[str]) -> int:
    parser = ArgumentParser(prog="govlint pack", description="检查一个规则包：校验它的文件，并运行每条规则的示例")
    parser.add_argument("action", choices=("check",), help="check：校验规则包并运行示例")
    parser.add_argument("directory", metavar="DIR", help="规则包目录（含 pack.yaml）")
    args = parser.parse_args(argv)
    from govlint.packcheck import check_pack

    failures, text = check_pack(_pack_path(args.directory))
    sys.stdout.write(text)
    return 1 if failures else 0


@_data_errors
def _config(argv: list[str]) -> int:
    parser = ArgumentParser(prog="govlint config", description="显示对某个文件生效的配置和规则")
    parser.add_argument("action", choices=("show",), help="show：显示")
    parser.add_argument("path", nargs="?", default=".", help="报告文件或目录（默认：当前目录）")
    _selection_options(parser)
    args = parser.parse_args(argv)
    target = Path(args.path)
    if not target.exists():
        raise UsageError(f"文件或目录不存在：{args.path}")
    from govlint.output import SEVERITY_ZH

    session = _Session(args)
    linter = session.linter_for(target)
    config = linter.config
    print(f"文件（path）：{target}")
    print(f"配置文件：{', '.join(str(s) for s in config.sources) or '（无：使用默认值）'}")
    print(f"规则包（packs）：{', '.join(linter.packs)}")
    print(f"格式版本（format-version）：{linter.format_version}")
    print(f"select：{', '.join(linter.select) if linter.select is not None else '（默认：所有默认开启的规则）'}")
    print(f"extend-select：{', '.join(linter.extend_select) or '-'}")
    print(f"ignore：{', '.join(linter.ignore) or '-'}")
    print(f"per-file-ignores：{', '.join(config.ignored_for(target)) or '-'}")
    print(f"severity：{', '.join(f'{k}={v}' for k, v in sorted(config.severity.items())) or '-'}")
    version = "2021" if linter.format_version == "auto" else linter.format_version
    rules = linter.rules(version, str(target) if target.is_file() else None)
    print(f"生效的规则（{len(rules)} 条，{version} 版格式）：")
    for rule in rules:
        print(f"  {rule.code}  {rule.name:<32} {SEVERITY_ZH[rule.severity]}")
    return 0


def _attached(paths: list[str]) -> list[str]:
    from govlint.attachments import beside

    return beside(paths)


def _show(argv: list[str]) -> int:
    from govlint.commands.show import run

    return run(argv, UsageError)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:  # lint a directory of that name as ./rules
            if argv[0] == "pairs":
                from govlint.commands import pairs
                return pairs.main(argv[1:])
            if argv[0] in ("summary", "extract"):
                from govlint.commands import extract, summary

                return _data_errors({"summary": summary.main, "extract": extract.main}[argv[0]])(argv[1:])
            return {"rules": _rules, "rule": _rule, "config": _config, "pack": _pack, "show": _show}[argv[0]](argv[1:])
        return _lint(argv)
    except UsageError as exc:
        print(f"govlint: 错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head(1) and closed
        _discard_stdout()
        sys.stderr.close()
        return 1
    except Exception as exc:  # a bug: exit 2, never 1 (which CI reads as "findings"); GOVLINT_DEBUG=1 shows where
        if os.environ.get("GOVLINT_DEBUG"):
            raise
        print(f"govlint: 内部错误（govlint 或插件的缺陷）：{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
