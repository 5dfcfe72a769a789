"""Rules as data: loading and validating rule packs (YAML), and the rule registry.

A pack is a directory with ``pack.yaml`` (name, version, description) and one YAML
file per rule. A rule names a *check kind* (Python, registered through the
``govlint_check_kinds`` hook) and gives it parameters; the kind does the work.
Packs are validated, never executed: no tags, no code, no paths.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path

from govlint.diagnostics import SEVERITIES
from govlint.yamlload import DataFileError, line_at, load_plain

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RULE_KEYS = {"code", "name", "severity", "enabled", "exclusive", "kind", "summary", "why", "message", "params", "examples"}
PACK_KEYS = {"name", "version", "description", "extends", "prefix"}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    kind: str
    summary: str
    why: str
    messages: dict[str, str]
    params: dict = field(hash=False, compare=False)
    examples: dict = field(hash=False, compare=False)
    enabled: bool = True
    exclusive: bool = False
    """When this rule reports on a file, no later rule runs on it (unreadable input, not a report)."""
    pack: str = ""
    source: str = ""

    def message(self, variant: str, values: dict) -> str:
        template = self.messages.get(variant) or self.messages["default"]
        return template.format(**values)


@dataclass
class RuleSet:
    rules: list[Rule]
    packs: dict[str, dict]

    def __post_init__(self):
        self.rules.sort(key=lambda r: r.code)
        self._by_key = {r.code: r for r in self.rules}
        self._by_key.update({r.name: r for r in self.rules})

    def get(self, code_or_name: str) -> Rule | None:
        return self._by_key.get(code_or_name) or self._by_key.get(code_or_name.upper())

    def select(self, select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
        """Rules to run: enabled ones, or those named in ``select`` (code, prefix or name), less ``ignore``."""

        def matches(rule: Rule, selectors: list[str]) -> bool:
            return any(rule.code.startswith(s.upper()) or rule.name == s for s in selectors)

        chosen = [r for r in self.rules if (matches(r, select) if select else r.enabled)]
        return [r for r in chosen if not (ignore and matches(r, ignore))]


def _error(path: Path, keys: tuple, reason: str) -> DataFileError:
    return DataFileError(path, line_at(path, keys), reason)


def _check_template(path: Path, keys: tuple, template) -> None:
    if not isinstance(template, str):
        raise _error(path, keys, "a message must be a string")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise _error(path, keys, f"bad message template: {exc}") from None
    for name in fields:
        if not name.isidentifier():
            raise _error(path, keys, f"message placeholder {{{name}}} must be a plain name")


def _rule(path: Path, data, pack: str, kinds: dict) -> Rule:
    if not isinstance(data, dict):
        raise _error(path, (), "a rule file must be a mapping")
    unknown = set(data) - RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _error(path, (key,), f"unknown key '{key}' (allowed: {', '.join(sorted(RULE_KEYS))})")
    for key in ("code", "name", "severity", "kind", "message", "summary"):
        if key not in data:
            raise _error(path, (), f"missing key '{key}'")
    code, name, severity, kind = data["code"], data["name"], data["severity"], data["kind"]
    if not isinstance(code, str) or not CODE.match(code):
        raise _error(path, ("code",), f"code {code!r} must be 2-4 capital letters and 3 digits, e.g. GL301")
    if not isinstance(name, str) or not NAME.match(name):
        raise _error(path, ("name",), f"name {name!r} must be kebab-case, e.g. row-total")
    if severity not in SEVERITIES:
        raise _error(path, ("severity",), f"severity {severity!r} must be one of {', '.join(SEVERITIES)}")
    if kind not in kinds:
        raise _error(path, ("kind",), f"unknown check kind {kind!r} (known: {', '.join(sorted(kinds))})")
    messages = data["message"] if isinstance(data["message"], dict) else {"default": data["message"]}
    if "default" not in messages:
        raise _error(path, ("message",), "a message mapping needs a 'default' entry")
    for variant, template in messages.items():
        _check_template(path, ("message", variant) if isinstance(data["message"], dict) else ("message",), template)
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise _error(path, ("params",), "params must be a mapping")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail"} or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in examples.values()
    ):
        raise _error(path, ("examples",), "examples must be {pass: [text, ...], fail: [text, ...]}")
    for flag in ("enabled", "exclusive"):
        if flag in data and not isinstance(data[flag], bool):
            raise _error(path, (flag,), f"{flag} must be true or false")
    for text_key in ("summary", "why"):
        if text_key in data and not isinstance(data[text_key], str):
            raise _error(path, (text_key,), f"{text_key} must be a string")
    return Rule(code, name, severity, kind, data["summary"], data.get("why", ""), dict(messages), params, examples,
                data.get("enabled", True), data.get("exclusive", False), pack, str(path))


def load_pack(directory: Path, kinds: dict) -> tuple[dict, list[Rule]]:
    """Load and validate one pack directory; raise DataFileError with file and line."""
    header_path = directory / "pack.yaml"
    if not header_path.is_file():
        raise DataFileError(directory, None, "a rule pack directory needs a pack.yaml header")
    header = load_plain(header_path)
    if not isinstance(header, dict) or "name" not in header or "version" not in header:
        raise DataFileError(header_path, line_at(header_path, ()), "pack.yaml needs 'name' and 'version'")
    unknown = set(header) - PACK_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _error(header_path, (key,), f"unknown key '{key}' (allowed: {', '.join(sorted(PACK_KEYS))})")
    rules = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        rule = _rule(path, load_plain(path), str(header["name"]), kinds)
        prefix = header.get("prefix")
        if prefix and not rule.code.startswith(prefix):
            raise _error(path, ("code",), f"rules of pack {header['name']} must use the code prefix {prefix}")
        rules.append(rule)
    return header, rules


def load_rules(directories: list[Path], kinds: dict) -> RuleSet:
    packs: dict[str, dict] = {}
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for directory in directories:
        header, pack_rules = load_pack(Path(directory), kinds)
        packs[str(header["name"])] = header
        for rule in pack_rules:
            if rule.code in rules:
                raise _error(Path(rule.source), ("code",), f"code {rule.code} is already defined in {rules[rule.code].source}")
            if rule.name in names:
                raise _error(Path(rule.source), ("name",), f"name {rule.name} is already used by {names[rule.name]}")
            rules[rule.code] = rule
            names[rule.name] = rule.code
    for code, rule in list(rules.items()):
        rules[code] = _resolve_params(rule, rules, kinds)
    return RuleSet(list(rules.values()), packs)


def _resolve_params(rule: Rule, rules: dict[str, Rule], kinds: dict) -> Rule:
    """Apply ``params: {same_as: CODE, ...}`` (take another rule's parameters, then
    override) and validate the parameters against the rule's check kind."""
    path = Path(rule.source)
    params = dict(rule.params)
    base = params.pop("same_as", None)
    if base is not None:
        other = rules.get(base)
        if other is None or "same_as" in other.params:
            raise _error(path, ("params", "same_as"), f"same_as names {base!r}, which is not a rule with its own parameters")
        params = {**other.params, **params}
    problem = kinds[rule.kind].validate(params)
    if problem:
        key, reason = problem
        raise _error(path, ("params", key) if key and key in rule.params else ("params",), reason)
    return replace(rule, params=params)
