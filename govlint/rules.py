"""Rules as data: loading and validating rule packs (YAML), and the rule registry.

A pack is a directory with ``pack.yaml`` (name, version, description) and one YAML
file per rule. A rule names a *check kind* (Python, registered through the
``govlint_check_kinds`` hook) and gives it parameters; the kind does the work.
Packs are validated, never executed: no tags, no code, no paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from govlint.diagnostics import SEVERITIES
from govlint.yamlload import DataFileError, line_at, load_plain

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RULE_KEYS = {"code", "name", "severity", "enabled", "exclusive", "kind", "summary", "why", "fix", "message", "params", "examples"}
PACK_KEYS = {"name", "version", "description", "extends", "prefix", "format"}


@dataclass(frozen=True)
class Rule:
    """A rule as its YAML declares it: code, name, severity, check kind, parameters, messages."""

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
    fix: str = ""
    """怎么改: how to correct a report this rule flags (``govlint rule CODE`` prints it)."""

    def message(self, variant: str, values: dict) -> str:
        template = self.messages.get(variant) or self.messages["default"]
        return template.format(**values)


@dataclass
class RuleSet:
    """The rules of the packs a run uses, in check order."""

    rules: list[Rule]
    packs: dict
    format: str | None = None
    """The format version the packs ask for (None: choose by report year)."""

    def __post_init__(self):
        self.rules.sort(key=lambda r: r.code)
        self._by_key = {r.code: r for r in self.rules}
        self._by_key.update({r.name: r for r in self.rules})

    def get(self, code_or_name: str) -> Rule | None:
        return self._by_key.get(code_or_name) or self._by_key.get(code_or_name.upper())

    def select(self, select: list[str] | None, ignore: list[str] | None, extend_select: list[str] = ()) -> list[Rule]:
        """Rules to run. ``select`` None means the enabled rules; selectors are codes,
        code prefixes (``GL3``) or names; the most specific selector decides, and on a
        tie ``ignore`` wins (ruff's semantics)."""
        chosen = []
        for rule in self.rules:
            picked = [_specificity(rule, s) for s in (select or [])] + [_specificity(rule, s) for s in extend_select]
            best = max((p for p in picked if p is not None), default=None)
            if best is None and select is None and rule.enabled:
                best = 0
            if best is None:
                continue
            dropped = max((p for p in (_specificity(rule, s) for s in (ignore or [])) if p is not None), default=None)
            if dropped is None or best > dropped:
                chosen.append(rule)
        return chosen

    def knows(self, selector: str) -> bool:
        return any(_specificity(rule, selector) is not None for rule in self.rules)


def _specificity(rule: Rule, selector: str) -> int | None:
    if selector == rule.name or selector.upper() == rule.code:
        return 100
    if rule.code.startswith(selector.upper()):
        return len(selector)
    return None

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_FOLDED_SPACE = f"(?<=[{_CJK}])[ \\t\\n]+(?=[{_CJK}])"
"""Compiled when a pack is read from YAML, not at import: a run finds its rules in the cache."""


def prose(text: str) -> str:
    """Rule prose as written in YAML, without the spaces that folding (``>``) leaves where a
    Chinese sentence was broken across lines (``情况，\\n未收取`` → ``情况，未收取``)."""
    return re.sub(_FOLDED_SPACE, "", text.strip()) if isinstance(text, str) else text


def _hint(word: str, candidates) -> str:
    from govlint.clitext import did_you_mean

    return did_you_mean(word, candidates)


def _error(path: Path, keys: tuple, reason: str) -> DataFileError:
    return DataFileError(path, line_at(path, keys), reason)


def _check_template(path: Path, keys: tuple, template) -> None:
    import string

    if not isinstance(template, str):
        raise _error(path, keys, "message 应是字符串")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise _error(path, keys, f"message 模板有误：{exc}") from None
    for name in fields:
        if not name.isidentifier():
            raise _error(path, keys, f"message 的占位符 {{{name}}} 应是简单的名称")
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and ("{" in (spec or "") or conversion not in (None, "s")):
            raise _error(path, keys, f"message 的占位符 {{{name}}} 不能嵌套字段或带转换")
        if name is not None and re.search(r"\d{3,}", spec or ""):
            raise _error(path, keys, f"message 的占位符 {{{name}:{spec}}}：宽度或精度不能超过 99")


def _rule(path: Path, data, pack: str, kinds: dict) -> Rule:
    if not isinstance(data, dict):
        raise _error(path, (), "规则文件应是映射（key: value）")
    unknown = set(data) - RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _error(path, (key,), f"未知的键“{key}”{_hint(key, RULE_KEYS)}（可用：{'、'.join(sorted(RULE_KEYS))}）")
    for key in ("code", "name", "severity", "kind", "message", "summary"):
        if key not in data:
            raise _error(path, (), f"缺少键“{key}”")
    code, name, severity, kind = data["code"], data["name"], data["severity"], data["kind"]
    if not isinstance(code, str) or not CODE.match(code):
        raise _error(path, ("code",), f"code {code!r} 应是 2–4 个大写字母加 3 位数字，如 GL301")
    if not isinstance(name, str) or not NAME.match(name):
        raise _error(path, ("name",), f"name {name!r} 应是小写字母和连字符，如 row-total")
    if severity not in SEVERITIES:
        raise _error(path, ("severity",), f"severity {severity!r} 应是 {', '.join(SEVERITIES)} 之一")
    if kind not in kinds:
        raise _error(path, ("kind",), f"未知的检查类型 {kind!r}{_hint(str(kind), kinds)}（可用：{'、'.join(sorted(kinds))}；见 govlint rule --kinds）")
    messages = data["message"] if isinstance(data["message"], dict) else {"default": data["message"]}
    if "default" not in messages:
        raise _error(path, ("message",), "message 写成映射时需要 default 一项")
    for variant, template in messages.items():
        _check_template(path, ("message", variant) if isinstance(data["message"], dict) else ("message",), template)
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise _error(path, ("params",), "params 应是映射（参数名: 值）")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail"} or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in examples.values()
    ):
        raise _error(path, ("examples",), "examples 应是 {pass: [文本, ...], fail: [文本, ...]}")
    for flag in ("enabled", "exclusive"):
        if flag in data and not isinstance(data[flag], bool):
            raise _error(path, (flag,), f"{flag} 应是 true 或 false")
    for text_key in ("summary", "why", "fix"):
        if text_key in data and not isinstance(data[text_key], str):
            raise _error(path, (text_key,), f"{text_key} 应是字符串")
    return Rule(code, name, severity, kind, prose(data["summary"]), prose(data.get("why", "")), dict(messages), params, examples,
                data.get("enabled", True), data.get("exclusive", False), pack, str(path), prose(data.get("fix", "")))


@dataclass(frozen=True)
class Override:
    """A pack's change to an inherited rule: severity, enabled, message or params."""

    code: str
    changes: dict = field(hash=False)
    source: str = ""


@dataclass
class Pack:
    """A rule pack: a directory of rule files with a pack.yaml."""

    name: str
    version: str
    description: str
    path: Path
    extends: str | None = None
    prefix: str | None = None
    format: str | None = None
    """The format version (``grammar/formats/<format>.yaml``) reports are read with when this pack applies."""
    rules: list[Rule] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)


OVERRIDE_KEYS = {"override", "severity", "enabled", "message", "params", "why", "fix", "examples"}


def _override(path: Path, data: dict) -> Override:
    unknown = set(data) - OVERRIDE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _error(path, (key,), f"override 只能修改 {'、'.join(sorted(OVERRIDE_KEYS - {'override'}))}，不能修改“{key}”")
    if not isinstance(data["override"], str) or not CODE.match(data["override"]):
        raise _error(path, ("override",), "override 应写规则代码，如 GL402")
    if "severity" in data and data["severity"] not in SEVERITIES:
        raise _error(path, ("severity",), f"severity {data['severity']!r} 应是 {', '.join(SEVERITIES)} 之一")
    if "enabled" in data and not isinstance(data["enabled"], bool):
        raise _error(path, ("enabled",), "enabled 应是 true 或 false")
    if "params" in data and not isinstance(data["params"], dict):
        raise _error(path, ("params",), "params 应是映射（参数名: 值）")
    if "message" in data:
        messages = data["message"] if isinstance(data["message"], dict) else {"default": data["message"]}
        for variant, template in messages.items():
            _check_template(path, ("message",), template)
    changes = {k: prose(v) if k in ("why", "fix") and isinstance(v, str) else v for k, v in data.items() if k != "override"}
    return Override(data["override"], changes, str(path))


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
        return True
    except ValueError:
        return False


def pack_name(directory: Path) -> str:
    """A pack's name, from its header alone."""
    header_path = directory / "pack.yaml"
    if not header_path.is_file():
        raise DataFileError(directory, None, "规则包目录需要 pack.yaml")
    header = load_plain(header_path)
    if not isinstance(header, dict) or "name" not in header:
        raise DataFileError(header_path, line_at(header_path, ()), "pack.yaml 需要 name 和 version")
    return str(header["name"])


def load_pack(directory: Path, kinds: dict) -> Pack:
    """Load and validate one pack directory; raise DataFileError with file and line.
    A pack reads only the YAML files inside its own directory."""
    header_path = directory / "pack.yaml"
    if not header_path.is_file():
        raise DataFileError(directory, None, "规则包目录需要 pack.yaml")
    header = load_plain(header_path)
    if not isinstance(header, dict) or "name" not in header or "version" not in header:
        raise DataFileError(header_path, line_at(header_path, ()), "pack.yaml 需要 name 和 version")
    unknown = set(header) - PACK_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _error(header_path, (key,), f"未知的键“{key}”{_hint(key, PACK_KEYS)}（可用：{'、'.join(sorted(PACK_KEYS))}）")
    for key in ("name", "version", "description", "extends", "prefix", "format"):
        if key in header and not isinstance(header[key], (str, int, float)):
            raise _error(header_path, (key,), f"“{key}”应是字符串")
    extends = header.get("extends")
    if extends is not None and not re.match(r"^[a-z0-9][a-z0-9-]*$", str(extends)):
        raise _error(header_path, ("extends",), f"extends 应写规则包的名称（如 national），不是路径：{extends!r}")
    pack = Pack(str(header["name"]), str(header["version"]), prose(str(header.get("description", ""))), directory,
                str(extends) if extends else None, header.get("prefix"), str(header["format"]) if "format" in header else None)
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        if not _inside(path, directory):
            raise DataFileError(path, None, f"规则文件指向规则包目录 {directory} 之外")
        data = load_plain(path)
        if isinstance(data, dict) and "override" in data:
            pack.overrides.append(_override(path, data))
            continue
        rule = _rule(path, data, pack.name, kinds)
        if pack.prefix and not rule.code.startswith(pack.prefix):
            raise _error(path, ("code",), f"规则包 {pack.name} 的规则代码必须以 {pack.prefix} 开头（prefix {pack.prefix}）")
        twin = next((r for r in pack.rules if r.code == rule.code or r.name == rule.name), None)
        if twin is not None:
            key = "code" if twin.code == rule.code else "name"
            raise _error(path, (key,), f"{key} {getattr(rule, key)} 已被 {twin.source} 使用")
        pack.rules.append(rule)
    return pack


def compose(packs: list[Pack], kinds: dict) -> RuleSet:
    """The rules of several packs applied in order (each after the pack it extends):
    new rules are added, overrides change inherited ones."""
    by_name = {p.name: p for p in packs}
    ordered: list[Pack] = []

    def visit(pack: Pack, chain: tuple = ()):
        if pack in ordered:
            return
        if pack.name in chain:
            raise DataFileError(pack.path / "pack.yaml", None, f"规则包的 extends 形成循环：{' -> '.join(chain + (pack.name,))}")
        if pack.extends:
            base = by_name.get(pack.extends)
            if base is None:
                raise _error(pack.path / "pack.yaml", ("extends",), f"extends 指向未知的规则包 {pack.extends!r}")
            visit(base, chain + (pack.name,))
        ordered.append(pack)

    for pack in packs:
        visit(pack)
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for pack in ordered:
        for rule in pack.rules:
            if rule.code in rules:
                raise _error(Path(rule.source), ("code",), f"code {rule.code} 已在 {rules[rule.code].source} 中定义")
            if rule.name in names:
                raise _error(Path(rule.source), ("name",), f"name {rule.name} 已被 {names[rule.name]} 使用")
            rules[rule.code] = rule
            names[rule.name] = rule.code
        for override in pack.overrides:
            base = rules.get(override.code)
            if base is None:
                raise _error(Path(override.source), ("override",), f"override 指向未知的规则 {override.code}")
            changes = dict(override.changes)
            if "params" in changes:
                changes["params"] = {**base.params, **changes["params"]}
            if "message" in changes:
                message = changes.pop("message")
                changes["messages"] = {**base.messages, **(message if isinstance(message, dict) else {"default": message})}
            rules[override.code] = replace(base, **changes, pack=f"{base.pack}+{pack.name}")
    for code, rule in list(rules.items()):
        rules[code] = _resolve_params(rule, rules, kinds)
    fmt = next((p.format for p in reversed(ordered) if p.format), None)
    return RuleSet(list(rules.values()), {p.name: p for p in ordered}, fmt)


def ruleset_to_json(rules: RuleSet) -> dict:
    """A composed, validated rule set as JSON, for the cache of validated packs (``govlint.lint.ruleset``)."""
    return {"rules": [_fields(rule) for rule in rules.rules], "format": rules.format,
            "packs": [{**_fields(pack), "path": str(pack.path), "rules": [_fields(r) for r in pack.rules],
                       "overrides": [_fields(o) for o in pack.overrides]} for pack in rules.packs.values()]}


def ruleset_from_json(data: dict) -> RuleSet:
    """What ``ruleset_to_json`` wrote; ValueError (or KeyError, TypeError) for anything else."""
    packs = {}
    for stored in data["packs"]:
        pack = Pack(**{**_only(stored, Pack), "path": Path(stored["path"]), "rules": [_rule_from_json(r) for r in stored["rules"]],
                       "overrides": [Override(**_only(o, Override)) for o in stored["overrides"]]})
        packs[pack.name] = pack
    if data["format"] is not None and not isinstance(data["format"], str):
        raise ValueError("bad format")
    return RuleSet([_rule_from_json(r) for r in data["rules"]], packs, data["format"])


def _fields(item) -> dict:
    return {f.name: getattr(item, f.name) for f in fields(item)}


def _only(data: dict, cls) -> dict:
    """``data`` holding exactly the fields of the dataclass ``cls``."""
    names = {f.name for f in fields(cls)}
    if not isinstance(data, dict) or set(data) != names:
        raise ValueError(f"not a stored {cls.__name__}")
    return data


def _rule_from_json(data: dict) -> Rule:
    rule = Rule(**_only(data, Rule))
    texts = (rule.code, rule.name, rule.kind, rule.summary, rule.why, rule.pack, rule.source, rule.fix)
    if (not all(isinstance(text, str) for text in texts) or rule.severity not in SEVERITIES or not isinstance(rule.messages, dict)
            or not all(isinstance(m, str) for m in rule.messages.values()) or not isinstance(rule.params, dict)
            or not isinstance(rule.examples, dict) or not isinstance(rule.enabled, bool) or not isinstance(rule.exclusive, bool)):
        raise ValueError(f"not a stored rule: {rule.code!r}")
    return rule


def load_rules(directories: list[Path], kinds: dict) -> RuleSet:
    return compose([load_pack(Path(d), kinds) for d in directories], kinds)


def _resolve_params(rule: Rule, rules: dict[str, Rule], kinds: dict) -> Rule:
    """Apply ``params: {same_as: CODE, ...}`` (take another rule's parameters, then
    override) and validate the parameters against the rule's check kind."""
    path = Path(rule.source)
    params = dict(rule.params)
    base = params.pop("same_as", None)
    if base is not None:
        other = rules.get(base)
        if other is None or "same_as" in other.params:
            raise _error(path, ("params", "same_as"), f"same_as 指向的 {base!r} 不是有自己参数的规则")
        params = {**other.params, **params}
    problem = kinds[rule.kind].validate(params)
    if problem:
        key, reason = problem
        raise _error(path, ("params", key) if key and key in rule.params else ("params",), reason)
    supplied = getattr(kinds[rule.kind], "values", None)
    if supplied is not None:
        import string

        for variant, template in rule.messages.items():
            for _, name, _, _ in string.Formatter().parse(template):
                if name is not None and name not in supplied:
                    keys = ("message", variant) if _has_path(rule.messages, (variant,)) and len(rule.messages) > 1 else ("message",)
                    raise _error(path, keys, f"message 的占位符 {{{name}}} 不是检查类型“{rule.kind}”提供的取值"
                                             f"（它提供：{'、'.join(sorted(supplied)) or '无'}）")
    bad = _bad_pattern(params, ("params",))
    if bad:
        keys, reason = bad
        raise _error(path, keys if _has_path(rule.params, keys[1:]) else ("params",), reason)
    return replace(rule, params=params)


PATTERN_KEYS = frozenset({"pattern", "patterns", "names", "facts", "cited", "words", "agency", "not_agency"})
"""Parameters of these names, at any depth, hold regular expressions (run on RE2: govlint.patterns)."""


def _bad_pattern(node, keys: tuple) -> tuple[tuple, str] | None:
    """(keys to the value, reason) of the first pattern parameter that is not a string or
    does not compile on the linear-time engine, or None."""
    from govlint import patterns

    if isinstance(node, dict):
        for key, value in node.items():
            if key in PATTERN_KEYS and value is not None:
                for index, pattern in enumerate(value if isinstance(value, list) else [value]):
                    reason = patterns.problem(pattern)
                    if reason:
                        return keys + ((key, index) if isinstance(value, list) else (key,)), reason
            else:
                found = _bad_pattern(value, keys + (key,))
                if found:
                    return found
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found = _bad_pattern(value, keys + (index,))
            if found:
                return found
    return None


def _has_path(node, keys: tuple) -> bool:
    for key in keys:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
    return True
