"""Stage 5, check: the check kinds. A YAML rule names a kind and gives it parameters;
each kind is implemented once here and registered through the ``govlint_check_kinds`` hook.

A kind is a function ``(report, params) -> Iterable[Finding]``; the engine turns
each finding into a Diagnostic with the rule's code, severity and message template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from govlint import patterns
from govlint.positions import Span

KINDS: dict[str, "CheckKind"] = {}


@dataclass
class Finding:
    span: Span
    values: dict = field(default_factory=dict)
    variant: str = "default"


@dataclass(frozen=True)
class CheckKind:
    name: str
    run: Callable[..., Iterable[Finding]]
    params: dict  # name -> (type, required)
    doc: str
    values: frozenset | None = None
    """The names a finding's values may hold (a message's placeholders), when the kind declares
    them: a rule whose message needs another is refused when its pack loads."""

    def validate(self, params: dict) -> tuple[str | None, str] | None:
        """``(key, reason)`` for the first problem in a rule's params, or None."""
        for key in params:
            if key not in self.params:
                return key, f"check kind '{self.name}' has no parameter '{key}' (known: {', '.join(sorted(self.params)) or 'none'})"
        for key, (kind, required) in self.params.items():
            if key not in params:
                if required:
                    return None, f"check kind '{self.name}' needs parameter '{key}'"
                continue
            if not isinstance(params[key], kind):
                return key, f"parameter '{key}' must be a {kind.__name__ if isinstance(kind, type) else ' or '.join(k.__name__ for k in kind)}"
        return None


def check_kind(name: str, **params):
    """Register a check kind; ``params`` maps each parameter to ``(type, required)``."""

    def register(function):
        KINDS[name] = CheckKind(name, function, params, (function.__doc__ or "").strip())
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
    from govlint.checks import balances, inputs, periods, statements, structure, tables, text  # noqa: F401

    return dict(KINDS)
