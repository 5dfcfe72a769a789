"""Check kinds that compare two reports (GL701–GL704). They find nothing in one report
alone: after a run, ``govlint.years.findings`` pairs the reports and applies the rules of
these kinds to the pairs, from each report's fingerprint."""

from __future__ import annotations

from dataclasses import dataclass

from govlint.checks import KINDS, CheckKind
from govlint.diagnostics import SEVERITIES


def _nothing_alone(report, params):
    """Needs another report: applied to the pairs of a run (``govlint.years``)."""
    return ()


@dataclass(frozen=True)
class _BatchKind(CheckKind):
    """A kind whose parameters are also checked for their values, not only their types."""

    def validate(self, params: dict) -> tuple[str | None, str] | None:
        problem = super().validate(params)
        if problem:
            return problem
        if "threshold" in params and not 0 < params["threshold"] <= 1:
            return "threshold", "threshold 应是大于 0、不超过 1 的比例（如 0.8）"
        if params.get("scope", "section") not in ("section", "report"):
            return "scope", "scope 应是 section（逐部分）或 report（全文）"
        if params.get("reason_severity", "info") not in SEVERITIES:
            return "reason_severity", f"reason_severity 应是 {'、'.join(SEVERITIES)} 之一"
        if params.get("template_agencies", 3) < 1:
            return "template_agencies", "template_agencies 应是不小于 1 的整数"
        return None


def _register(name: str, **params) -> None:
    KINDS[name] = _BatchKind(name, _nothing_alone, params, _nothing_alone.__doc__)


_register("carry-over")
_register("stock", reason_severity=(str, False))
_register("copied-text", threshold=((float, int), True), scope=(str, False))
_register("copied-from-other-agency", threshold=((float, int), True), template_agencies=(int, False))
