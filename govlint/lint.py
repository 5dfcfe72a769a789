"""The pipeline for one file: read → normalize → parse → model → check, as diagnostics;
and the Linter that applies a configuration (packs, selection, severities, format version)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from govlint.diagnostics import Diagnostic
from govlint.facts import ReportFacts, facts_of
from govlint.positions import Span

TYPE_CHECKING = False  # not typing's: importing typing costs more than a cache hit
if TYPE_CHECKING:  # the pipeline is imported where it runs: a cached result needs none of it
    from govlint.model import Report
    from govlint.rules import Pack, Rule, RuleSet
    from govlint.sources import Source

NATIONAL = "national"
FORMAT_PACKS = {"2019": "format-2019"}


@dataclass
class Linted:
    """One file's result: its diagnostics, the original lines (for the full format), and
    the report's facts (None for a file that could not be read)."""

    path: str
    diagnostics: list[Diagnostic]
    lines: list[str]
    facts: ReportFacts | None = None


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
        directories.setdefault(pack_name(Path(directory)), Path(directory))
    return directories


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
        raise DataFileError(directory / "pack.yaml", 1, f"pack name '{name}' is already used by {existing}")
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
    """The rules of the named packs (and the packs they extend), composed in order."""
    from govlint.rules import compose

    known = pack_directories()
    missing = [name for name in pack_names if name not in known]
    if missing:
        raise KeyError(missing[0])
    chosen = [named_pack(name) for name in pack_names]
    bases = [named_pack(p.extends) for p in chosen if p.extends and p.extends not in pack_names and p.extends in known]
    return compose(chosen + bases, check_kinds())


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


def model(path: str, data: bytes, format_version: str = "auto") -> tuple[Report, Source | None]:
    """Run the stages up to the model; an unreadable file gives a report with only its GL001 event.
    ``format_version`` "auto" reads with the 2021 format, then again with the 2019 one for
    reports of 2019 and 2020."""
    from lark.exceptions import LarkError

    from govlint.model import build
    from govlint.normalize import normalize
    from govlint.parse import parse
    from govlint.schema import format_for_year, load_format
    from govlint.sources import UnreadableInput, read_source

    schema = load_format("2021" if format_version == "auto" else format_version)
    try:
        source = read_source(path, data)
    except UnreadableInput as exc:
        return _unreadable(path, str(exc)), None
    normalized = normalize(source.lines)
    try:
        tree = parse(normalized.lines)
    except LarkError as exc:  # the grammar accepts any line sequence; this is a safety net
        return _unreadable(path, f"无法解析：{exc.__class__.__name__}"), source
    report = build(path, tree, normalized, schema, normalized.events)
    natural = format_for_year(report.year)
    if format_version == "auto" and natural and natural != schema.version:
        report = build(path, tree, normalized, load_format(natural), normalized.events)
    return report, source


def _linted(path: str, source: Source | None, diagnostics: list[Diagnostic]) -> Linted:
    """Diagnostics placed in the original file: for Word and HTML, back from the synthesized text."""
    from govlint.sources import MappedSource

    if source is None:
        return Linted(path, diagnostics, [])
    lines = source.lines
    if isinstance(source, MappedSource):
        placed = []
        for d in diagnostics:
            span, where = source.place(d.span, lines) if d.span != Span.whole_file() else (d.span, None)
            placed.append(replace(d, span=span, location=where or None))
        placed.sort(key=lambda d: d.sort_key)
        return Linted(path, placed, list(source.display))
    return Linted(path, diagnostics, lines)


def _unreadable(path: str, reason: str) -> Report:
    from govlint.model import Report
    from govlint.normalize import Event, Normalized
    from govlint.schema import load_format

    event = Event("unreadable", Span.whole_file(), 1, reason)
    return Report(path, load_format("2021"), Normalized([""], [None], [event]), [event], None, [], [], {}, [])


def check(report: Report, rules: list[Rule]) -> list[Diagnostic]:
    kinds = check_kinds()
    diagnostics = []
    for rule in rules:
        findings = list(kinds[rule.kind].run(report, rule.params))
        for finding in findings:
            diagnostics.append(Diagnostic(report.path, finding.span, rule.code, rule.name, rule.severity, rule.message(finding.variant, finding.values)))
        if findings and rule.exclusive:
            break
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


def _lint(path: str, data: bytes | str, format_version: str, rules_for) -> Linted:
    """The whole pipeline for one file; ``data`` is the file's bytes, or why it could not
    be opened; ``rules_for(version)`` gives the rules for the format version read."""
    if isinstance(data, str):
        return Linted(path, check(_unreadable(path, data), rules_for("2021")), [])
    report, source = model(path, data, format_version)
    linted = _linted(path, source, check(report, rules_for(report.format.version)))
    linted.facts = facts_of(report) if source is not None else None
    return linted


def lint_bytes(path: str, data: bytes, rules: list[Rule]) -> Linted:
    """Lint with a fixed rule list, the format chosen by the report's year (no configuration)."""
    return _lint(path, data, "auto", lambda version: rules)


def read_file(path: str) -> bytes | str:
    """The file's bytes, or the reason (in Chinese) it cannot be opened."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return f"无法打开文件：{exc.strerror or exc}"


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

    def lint_bytes(self, path: str, data: bytes | str) -> Linted:
        return _lint(path, data, self.format_version, lambda version: self.rules(version, path))

    def lint_file(self, path: str) -> Linted:
        return self.lint_bytes(path, read_file(path))
