"""The pipeline for one file: read → normalize → parse → model → check, as diagnostics;
and the Linter that applies a configuration (packs, selection, severities, format version)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from govlint.chars import has_chinese
from govlint.diagnostics import Diagnostic
from govlint.facts import ReportFacts, facts_of
from govlint.positions import Span
from govlint.resources import MAX_FILE_SIZE, NotRegularFile, read_limited
from govlint.yamlload import DataFileError

TYPE_CHECKING = False  # not typing's: importing typing costs more than a cache hit
if TYPE_CHECKING:  # the pipeline is imported where it runs: a cached result needs none of it
    from govlint.model import Report
    from govlint.rules import Pack, Rule, RuleSet
    from govlint.sources import Source

NATIONAL = "national"
FORMAT_PACKS = {"2019": "format-2019"}


@dataclass(slots=True)
class Linted:
    """One file's result: its diagnostics, the original lines they point at (1-based line
    number → text, for the full format and baseline fingerprints: a batch run keeps these,
    not whole files), and the report's facts (None for a file that could not be read)."""

    path: str
    diagnostics: list[Diagnostic]
    lines: dict[int, str]
    facts: ReportFacts | None = None
    errors: tuple[str, ...] = ()
    """Rules that failed on this file (a plugin's check raised, a message could not be
    formatted): the run exits 2, the file's other findings are kept, nothing is cached."""


CONTEXT_ABOVE = 10
"""How far above a finding on a line without words (a bare value, one cell per line) its
row's label is looked for: a baseline fingerprint names such a finding by that label."""


def flagged_lines(diagnostics: list[Diagnostic], lines) -> dict[int, str]:
    """The lines of ``lines`` (a sequence, line 1 first) that the diagnostics start on, and
    for a line without words the nearest line above that has some (its row's label)."""
    kept: dict[int, str] = {}
    for d in diagnostics:
        number = d.span.line
        if not 0 < number <= len(lines):
            continue
        kept[number] = lines[number - 1]
        if not has_chinese(lines[number - 1]):
            label = next((n for n in range(number - 1, max(0, number - CONTEXT_ABOVE - 1), -1) if has_chinese(lines[n - 1])), None)
            if label is not None:
                kept[label] = lines[label - 1]
    return dict(sorted(kept.items()))


@lru_cache(maxsize=1)
def check_kinds() -> dict:
    from govlint.plugins import merged

    return merged("govlint_check_kinds")


@lru_cache(maxsize=1)
def _shipped_pack_directories() -> dict[str, Path]:
    from govlint.plugins import rule_pack_dirs
    from govlint.rules import pack_name

    directories: dict[str, Path] = {}
    for directory in rule_pack_dirs():
        try:
            name = pack_name(Path(directory))
        except (DataFileError, TypeError) as exc:  # kept for the runs that name this pack
            _BROKEN_PACKS[Path(str(directory)).name] = exc if isinstance(exc, DataFileError) else DataFileError(Path(str(directory)), None, "不是规则包目录（应是含 pack.yaml 的目录）")
            continue
        directories.setdefault(name, Path(directory))
    return directories


_BROKEN_PACKS: dict[str, DataFileError] = {}
"""Pack directories a plugin names that cannot be read, by directory name: an error only
for a run that uses that pack."""


def broken_pack(name: str) -> DataFileError | None:
    """Why the pack ``name`` (named in a configuration or on the command line) cannot be loaded, if a plugin ships it broken."""
    pack_directories()
    return _BROKEN_PACKS.get(name) if name not in pack_directories() else None


_LOCAL_PACKS: dict[str, Path] = {}


def pack_directories() -> dict[str, Path]:
    """Every pack that govlint or a plugin ships, and the local ones a configuration names
    (``pack-paths``), by name (only the headers are read)."""
    return {**_shipped_pack_directories(), **_LOCAL_PACKS}


def register_pack_directory(directory: Path) -> str:
    """Make a local pack directory available; returns its name."""
    from govlint.rules import pack_name
    from govlint.yamlload import DataFileError

    directory = directory.resolve()
    name = pack_name(directory)
    existing = pack_directories().get(name)
    if existing is not None and existing.resolve() != directory:
        raise DataFileError(directory / "pack.yaml", 1, f"规则包名称“{name}”已被 {existing} 使用")
    if existing is None:
        _LOCAL_PACKS[name] = directory
        all_known_rules.cache_clear()
    return name


@lru_cache(maxsize=None)
def named_pack(name: str) -> Pack:
    """One pack, loaded and validated the first time it is needed."""
    from govlint.rules import load_pack

    return load_pack(pack_directories()[name], check_kinds())


def available_packs() -> dict[str, Pack]:
    """Every available pack, loaded and validated."""
    return {name: named_pack(name) for name in pack_directories()}


@lru_cache(maxsize=None)
def ruleset(pack_names: tuple[str, ...] = (NATIONAL,)) -> RuleSet:
    """The rules of the named packs (and the packs they extend), composed in order;
    composed and validated once, then read from the cache until a pack file or govlint
    changes."""
    from govlint.rules import compose

    known = pack_directories()
    missing = [name for name in pack_names if name not in known]
    for name in missing:
        if broken_pack(name):
            raise broken_pack(name)
    if missing:
        raise KeyError(missing[0])
    from govlint.resources import cache_dir, read_json, write_json
    from govlint.rules import ruleset_from_json, ruleset_to_json

    key = _ruleset_key(pack_names, known)
    stored_at = cache_dir() / "rulesets" / f"{key}.json"
    stored = read_json(stored_at)
    try:
        if stored["key"] == key:
            return ruleset_from_json(stored["ruleset"])
    except (KeyError, TypeError, ValueError):
        pass
    chosen = [named_pack(name) for name in pack_names]
    bases = [named_pack(p.extends) for p in chosen if p.extends and p.extends not in pack_names and p.extends in known]
    composed = compose(chosen + bases, check_kinds())
    write_json(stored_at, {"key": key, "ruleset": ruleset_to_json(composed)})
    return composed


def _ruleset_key(pack_names: tuple[str, ...], known: dict[str, Path]) -> str:
    """What a composed rule set depends on: the packs named, the files of every pack they
    may extend (size and modification time), and govlint's installation (its code, which
    validates them, and the plugins, whose check kinds they name). A run finds its rules
    validated in the cache, without parsing YAML or importing the check kinds."""
    import hashlib
    import json

    from govlint.stamp import directory_stamp, installation

    packs = [(name, str(directory), directory_stamp(directory, (".yaml",))) for name, directory in sorted(known.items())]
    text = json.dumps([installation(), pack_names, packs], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def default_ruleset() -> RuleSet:
    return ruleset((NATIONAL,))


@lru_cache(maxsize=1)
def all_known_rules() -> RuleSet:
    """Rules of every available pack, for telling an unknown code from one of an inactive pack."""
    from govlint.rules import RuleSet

    rules: dict[str, Rule] = {}
    for name in available_packs():
        for rule in ruleset(tuple(dict.fromkeys((NATIONAL, name)))).rules:
            rules.setdefault(rule.code, rule)
    return RuleSet(list(rules.values()), {})


MAX_LINES = 100_000
"""Lines of a report above which it is not modelled: real reports have a few hundred to a
few thousand; every line costs ~1 KB of objects across the stages (a 10 MB file of short
table rows is 770,000 lines, 0.8 GB), so the cap bounds memory as max-file-size bounds bytes."""


def model(path: str, data: bytes, format_version: str = "auto") -> tuple[Report, Source | None]:
    """Run the stages up to the model; an unreadable file gives a report with only its GL001 event.
    ``format_version`` "auto" reads with the 2021 format, then again with the 2019 one for
    reports of 2019 and 2020."""
    from govlint._parser import LarkError

    from govlint.model import build
    from govlint.normalize import Event, normalize
    from govlint.parse import parse
    from govlint.schema import format_for_year, load_format
    from govlint.sources import UnreadableInput, read_source

    schema = load_format("2021" if format_version == "auto" else format_version)
    try:
        source = read_source(path, data)
    except UnreadableInput as exc:
        return _unreadable(path, str(exc)), None
    lines = source.lines
    if len(lines) > MAX_LINES:
        return _unreadable(path, f"文件有 {len(lines)} 行，超过上限 {MAX_LINES} 行，不像年度报告，未检查"), None
    normalized = normalize(lines)
    normalized.events.extend(Event(n.kind, Span(min(n.line, len(lines)), 1, min(n.line, len(lines)), 1), 1, n.detail) for n in source.notices)
    del lines
    try:
        tree = parse(normalized.lines)
    except LarkError as exc:  # the grammar accepts any line sequence; this is a safety net
        return _unreadable(path, f"无法解析：{exc.__class__.__name__}"), source
    report = build(path, tree, normalized, schema, normalized.events)
    natural = format_for_year(report.year)
    if format_version == "auto" and natural and natural != schema.version:
        report = None  # freed before the second model is built: one model in memory at a time
        report = build(path, tree, normalized, load_format(natural), normalized.events)
    report.published = source.published
    return report, source


def _linted(path: str, source: Source | None, diagnostics: list[Diagnostic], report: Report | None = None) -> Linted:
    """Diagnostics placed in the original file: for Word, HTML and PDF, back from the
    synthesized text, with where they are in words (a table cell by its labels)."""
    from govlint.sources import MappedSource

    if source is None:
        return Linted(path, diagnostics, {})
    lines = source.lines
    if isinstance(source, MappedSource):
        from govlint.locations import cell_name

        placed = []
        for d in diagnostics:
            span, where = source.place(d.span, lines, cell_name(report, d.span)) if d.span != Span.whole_file() else (d.span, None)
            placed.append(replace(d, span=span, location=where or None))
        placed.sort(key=lambda d: d.sort_key)
        return Linted(path, placed, flagged_lines(placed, source.display))
    return Linted(path, diagnostics, flagged_lines(diagnostics, lines))


def _unreadable(path: str, reason: str) -> Report:
    from govlint.model import Report
    from govlint.normalize import Event, Normalized
    from govlint.schema import load_format

    event = Event("unreadable", Span.whole_file(), 1, reason)
    return Report(path, load_format("2021"), Normalized([""], [None], [event]), [event], None, [], [], {}, [])


class RuleFailed(Exception):
    """A rule could not run on a file: ``str(self)`` names the rule, its pack or plugin, and why."""


def _run_rule(report: Report, rule: Rule, kind) -> list[Diagnostic]:
    """The rule's diagnostics, or RuleFailed: a check kind (a plugin's, maybe) that raises,
    exits, yields something that is not a Finding, or a message that cannot be formatted,
    costs this rule on this file, never the run's other findings."""
    from govlint.checks import Finding

    def where() -> str:
        return f"规则 {rule.code}（{rule.name}，检查类型“{rule.kind}”来自{_provider(rule.kind)}，{rule.source or rule.pack}）"

    try:
        findings = list(kind.run(report, rule.params))
    except (Exception, SystemExit, GeneratorExit) as exc:
        raise RuleFailed(f"{where()}出错：{exc.__class__.__name__}: {exc}") from None
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise RuleFailed(f"{where()}出错：{exc.__class__.__name__}: {exc}") from None
    diagnostics = []
    for finding in findings:
        if not isinstance(finding, Finding) or not isinstance(finding.span, Span) or not isinstance(finding.values, dict):
            raise RuleFailed(f"{where()}返回了 {type(finding).__name__}，不是带 Span 和取值字典的 govlint.checks.Finding")
        try:
            message = rule.message(finding.variant, finding.values)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise RuleFailed(f"{where()}的 message 无法用检查提供的取值（{'、'.join(sorted(map(str, finding.values))) or '无'}）填写："
                             f"{exc.__class__.__name__}: {exc}") from None
        diagnostics.append(Diagnostic(report.path, finding.span, rule.code, rule.name, rule.severity, message))
    return diagnostics


def _provider(kind: str) -> str:
    from govlint.plugins import provider

    return provider("govlint_check_kinds", kind)


def check(report: Report, rules: list[Rule], errors: list[str] | None = None) -> list[Diagnostic]:
    """Every rule's diagnostics, sorted; a rule that fails is named in ``errors`` (or,
    without that list, raises RuleFailed) and the other rules still run."""
    kinds = check_kinds()
    diagnostics = []
    for rule in rules:
        try:
            found = _run_rule(report, rule, kinds[rule.kind])
        except RuleFailed as exc:
            if errors is None:
                raise
            errors.append(str(exc))
            continue
        diagnostics.extend(found)
        if found and rule.exclusive:
            break
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


def _lint(path: str, data: bytes | str, format_version: str, rules_for, keep: list | None = None) -> Linted:
    """The whole pipeline for one file; ``data`` is the file's bytes, or why it could not
    be opened; ``rules_for(version)`` gives the rules for the format version read;
    ``keep``, when given, receives the (report, source) modelled, for callers that need both."""
    errors: list[str] = []
    if isinstance(data, str):
        return Linted(path, check(_unreadable(path, data), rules_for("2021"), errors), {}, None, tuple(errors))
    from govlint.sources import MappedSource

    report, source = model(path, data, format_version)
    if keep is not None:
        keep.append((report, source))
    linted = _linted(path, source, check(report, rules_for(report.format.version), errors), report)
    if isinstance(source, MappedSource):
        lines = source.lines
        linted.facts = facts_of(report, lambda span: source.place(span, lines))
    elif source is not None:
        linted.facts = facts_of(report)
    linted.errors = tuple(errors)
    return linted


def lint_bytes(path: str, data: bytes, rules: list[Rule]) -> Linted:
    """Lint with a fixed rule list, the format chosen by the report's year (no configuration)."""
    return _lint(path, data, "auto", lambda version: rules)


BINARY_SUFFIXES = frozenset({".docx", ".doc", ".pdf", ".wps", ".xlsx", ".xls"})
BINARY_MAX_FILE_SIZE = 50 * 1024 * 1024
"""Word and PDF files are read up to this size at least: their readers apply their own limits."""


def read_limit(path: str, max_file_size: int = MAX_FILE_SIZE) -> int:
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    return max(max_file_size, BINARY_MAX_FILE_SIZE) if suffix in BINARY_SUFFIXES else max_file_size


def too_large(data: bytes, limit: int) -> str | None:
    """Why ``data`` (read up to ``limit + 1`` bytes) is not linted, or None."""
    if len(data) <= limit:
        return None
    size = f"{limit / 1024**2:g} MiB" if limit >= 1024**2 else f"{limit / 1024:g} KiB" if limit >= 1024 else f"{limit} 字节"
    return f"文件超过大小上限 {size}（max-file-size），不像年度报告，未检查"


def read_file(path: str, max_file_size: int = MAX_FILE_SIZE) -> bytes | str:
    """The file's bytes, or the reason (in Chinese) it is not read: it cannot be opened, is
    not a regular file (a FIFO would block, /dev/zero never ends), or is too large. At
    most the size limit + 1 byte is ever read."""
    limit = read_limit(path, max_file_size)
    try:
        data = read_limited(path, limit)
    except NotRegularFile:
        return "不是普通文件（管道、设备或目录），未读取"
    except OSError as exc:
        return f"无法打开文件：{exc.strerror or exc}"
    return too_large(data, limit) or data


def lint_file(path: str, rules: list[Rule]) -> Linted:
    """Lint a file on disk; a file that cannot be opened is a GL001 finding, not a crash."""
    return _lint(path, read_file(path), "auto", lambda version: rules)


@dataclass
class Selection:
    """Rule selection from the command line; set values win over configuration files."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    packs: list[str] | None = None
    pack_paths: list[Path] = field(default_factory=list)
    format_version: str | None = None
    max_file_size: int | None = None


class Linter:
    """Lints files under one configuration: its packs, rule selection, severity overrides,
    per-file ignores and format version (CLI selection on top)."""

    def __init__(self, config, cli: Selection | None = None):
        cli = cli or Selection()
        self.config = config
        local = [register_pack_directory(path) for path in (*config.pack_paths, *cli.pack_paths)]
        self.packs = tuple(dict.fromkeys([NATIONAL, *(cli.packs if cli.packs is not None else config.packs), *local]))
        self.format_setting = cli.format_version or config.format_version
        self.select = cli.select if cli.select is not None else config.select
        self.ignore = (cli.ignore if cli.ignore is not None else config.ignore) + config.extend_ignore + cli.extend_ignore
        self.extend_select = config.extend_select + cli.extend_select
        self.max_file_size = cli.max_file_size or config.max_file_size or MAX_FILE_SIZE
        self._format_version: str | None = None
        self._rules: dict[tuple, list[Rule]] = {}
        self._identities: dict[tuple, str] = {}

    @property
    def format_version(self) -> str:
        """The configured format version, or the one the packs ask for when it is "auto"
        (resolved, loading the packs, when a file is linted: a cached result needs no pack)."""
        if self._format_version is None:
            forced = ruleset(self.packs).format
            self._format_version = forced if forced and self.format_setting == "auto" else self.format_setting
        return self._format_version

    def rules(self, version: str, path: str | None = None) -> list[Rule]:
        """The rules that run on a report of this format version (and path: per-file ignores)."""
        extra = tuple(self.config.ignored_for(Path(path))) if path and self.config.per_file_ignores else ()
        key = (version, extra)
        if key not in self._rules:
            packs = self.packs
            if version in FORMAT_PACKS and FORMAT_PACKS[version] not in packs:
                packs = (NATIONAL, FORMAT_PACKS[version], *packs[1:])
            chosen = ruleset(packs).select(self.select, self.ignore + list(extra), self.extend_select)
            severity = self.config.severity
            self._rules[key] = [replace(r, severity=severity[r.code]) if r.code in severity else
                                replace(r, severity=severity[r.name]) if r.name in severity else r for r in chosen]
        return self._rules[key]

    def rules_loaded(self) -> list[Rule]:
        """The rules of every format version (and file) asked for so far."""
        return [rule for rules in self._rules.values() for rule in rules]

    def identity(self, path: str | None = None) -> str:
        """What a cached result for ``path`` depends on besides the file and govlint's
        installation (``govlint.stamp``, which covers the shipped packs and the plugins'
        versions): the packs, how the configuration selects and overrides their rules, the
        format setting, and the files of local packs — without loading any pack."""
        extra = tuple(self.config.ignored_for(Path(path))) if path and self.config.per_file_ignores else ()
        if extra not in self._identities:
            import hashlib
            import json

            from govlint.stamp import directory_stamp

            settings = [self.packs, self.select, self.ignore + list(extra), self.extend_select, sorted(self.config.severity.items()),
                        self.format_setting, [(name, directory_stamp(d, (".yaml",))) for name, d in sorted(_LOCAL_PACKS.items())]]
            self._identities[extra] = hashlib.sha256(json.dumps(settings, ensure_ascii=False, default=str).encode()).hexdigest()
        return self._identities[extra]

    def lint_bytes(self, path: str, data: bytes | str, keep: list | None = None) -> Linted:
        return _lint(path, data, self.format_version, lambda version: self.rules(version, path), keep)

    def lint_file(self, path: str) -> Linted:
        return self.lint_bytes(path, read_file(path, self.max_file_size))
