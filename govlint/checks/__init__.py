"""Stage 5, check: the check kinds. A YAML rule names a kind and gives it parameters;
each kind is implemented once here and registered through the ``govlint_check_kinds`` hook.

A kind is a function ``(report, params) -> Iterable[Finding]``; the engine turns
each finding into a Diagnostic with the rule's code, severity and message template.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from govlint import patterns
from govlint.positions import Span

KINDS: dict[str, "CheckKind"] = {}


@dataclass
class Finding:
    """What a check found: where, the values its rule's message names, and which message."""

    span: Span
    values: dict = field(default_factory=dict)
    variant: str = "default"


@dataclass(frozen=True)
class CheckKind:
    """A kind of check that YAML rules name: its function and the parameters it takes."""

    name: str
    run: Callable[..., Iterable[Finding]]
    params: dict  # name -> (type, required)
    doc: str
    _: KW_ONLY  # what follows is named, so a plugin's CheckKind cannot give one for the other
    one_of: tuple[tuple[str, ...], ...] = ()
    """Groups of optional parameters of which a rule must give at least one."""
    values: frozenset | None = None
    """The names a finding's values may hold (a message's placeholders), when the kind declares
    them: a rule whose message needs another is refused when its pack loads."""

    def validate(self, params: dict) -> tuple[str | None, str] | None:
        """``(key, reason)`` for the first problem in a rule's params, or None."""
        for key in params:
            if key not in self.params:
                return key, f"检查类型“{self.name}”没有参数“{key}”（可用：{'、'.join(sorted(self.params)) or '无'}；见 govlint rule --kinds）"
        for key, (kind, required) in self.params.items():
            if key not in params:
                if required:
                    return None, f"检查类型“{self.name}”需要参数“{key}”"
                continue
            if not isinstance(params[key], kind):
                return key, f"参数“{key}”应是 {kind.__name__ if isinstance(kind, type) else ' 或 '.join(k.__name__ for k in kind)}"
        for group in self.one_of:
            if not any(key in params for key in group):
                return None, f"检查类型“{self.name}”需要以下参数之一：{'、'.join(group)}"
        return None


def check_kind(name: str, one_of: tuple[tuple[str, ...], ...] = (), **params):
    """Register a check kind; ``params`` maps each parameter to ``(type, required)``;
    ``one_of`` lists groups of optional parameters of which one must be given."""

    def register(function):
        KINDS[name] = CheckKind(name, function, params, (function.__doc__ or "").strip(), one_of=one_of)
        return function

    return register


def agency_matches(report, spec: dict | None) -> bool:
    """Whether the title's agency matches ``spec`` ({agency: regex, not_agency: regex});
    no spec matches every report, an unknown agency matches none."""
    if not spec:
        return True
    agency = report.title.agency if report.title else ""
    pattern, exclude = spec.get("agency"), spec.get("not_agency")
    return bool(agency) and (not pattern or patterns.search(pattern, agency) is not None) and not (exclude and patterns.search(exclude, agency))


def number(value: Decimal) -> str:
    """A value as a report writes it: ``3119``, ``96171.6``."""
    return format(value.normalize(), "f")


def load_builtin_kinds() -> dict[str, CheckKind]:
    from govlint.checks import across, balances, documents, inputs, periods, statements, structure, tables, text  # noqa: F401

    return dict(KINDS)
