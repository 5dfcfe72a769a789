"""Check kinds that compare two reports (GL701–GL704). They find nothing in one report
alone: after a run, ``govlint.years.findings`` pairs the reports and applies the rules of
these kinds to the pairs, from each report's fingerprint."""

from __future__ import annotations

from govlint.checks import check_kind

BATCH_KINDS = ("carry-over", "stock", "copied-text", "copied-from-other-agency")


def _nothing_alone(report, params):
    """Needs another report: applied to the pairs of a run (``govlint.years``)."""
    return ()


check_kind("carry-over")(_nothing_alone)
check_kind("stock", reason_severity=(str, False))(_nothing_alone)
check_kind("copied-text", threshold=((float, int), True), scope=(str, False))(_nothing_alone)
check_kind("copied-from-other-agency", threshold=((float, int), True), template_agencies=(int, False))(_nothing_alone)
