"""The findings that need two reports, made after a run from the reports' fingerprints:
carry-over (GL701), stock (GL702), text copied from last year (GL703) and text copied from
another agency of the same year (GL704). Each is a Diagnostic of the later report, added
to its result before output, so every output format shows it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from govlint.diagnostics import Diagnostic
from govlint.positions import Span
from govlint.years.fingerprint import Anchor, Fingerprint
from govlint.years.pairing import Pairs, pair_reports, same_agency

TEMPLATE_AGENCIES = 3
"""Text shared by more agencies than this in one run is a common template, not a copy."""


def _schema(version: str):
    from govlint.schema import load_format

    return load_format(version)


def _diagnostic(path: str, anchor: Anchor | None, rule, values: dict, variant: str = "default", severity: str | None = None) -> Diagnostic:
    span = anchor.span if anchor else Span.whole_file()
    return Diagnostic(path, span, rule.code, rule.name, severity or rule.severity, rule.message(variant, values),
                      anchor.location if anchor else None)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def carry_over(path: str, now: Fingerprint, previous_path: str, before: Fingerprint, rule, version: str) -> list[Diagnostic]:
    """GL701: one finding for the row, naming every column that differs."""
    columns = _schema(version).table("t3").columns
    differing = [c for c in columns if c in now.carried_in and c in before.carried_out and Decimal(now.carried_in[c]) != Decimal(before.carried_out[c])]
    if not differing:
        return []
    described = "；".join(f"“{columns[c]}”列本年为 {now.carried_in[c]}、上年为 {before.carried_out[c]}" for c in differing)
    return [_diagnostic(path, now.carried_in_at[differing[0]], rule, {
        "previous": previous_path, "columns": described, "column": columns[differing[0]],
        "found": now.carried_in[differing[0]], "expected": before.carried_out[differing[0]]})]


def stock(path: str, now: Fingerprint, previous_path: str, before: Fingerprint, rule, version: str) -> list[Diagnostic]:
    """GL702: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数, per stock row; a reason
    the report gives lowers the finding to ``reason_severity`` (info) and is quoted."""
    rows = _schema(version).table("t2").row_by_id
    found = []
    for row_id, row in now.stock.items():
        last = before.stock.get(row_id)
        values = row.values
        if last is None or "in_force" not in last.values or not {"issued", "repealed", "in_force"} <= set(values):
            continue
        expected = Decimal(last.values["in_force"]) + Decimal(values["issued"]) - Decimal(values["repealed"])
        actual = Decimal(values["in_force"])
        if actual == expected:
            continue
        variant = "reason" if row.reason else "default"
        found.append(_diagnostic(path, row.anchor, rule, {
            "row": rows[row_id].label, "found": values["in_force"], "expected": format(expected, "f"),
            "last": last.values["in_force"], "issued": values["issued"], "repealed": values["repealed"],
            "difference": format(actual - expected, "f"), "previous": previous_path, "reason": row.reason or ""},
            variant, rule.params.get("reason_severity", "info") if row.reason else None))
    return found


def _section_label(version: str, section_id: str) -> str:
    section = _schema(version).section(section_id)
    return f"{section.numeral}、{section.heading}"


def copied_text(path: str, now: Fingerprint, previous_path: str, before: Fingerprint, rule, version: str) -> list[Diagnostic]:
    """GL703: per section (``scope: section``) or over the whole report (``scope: report``),
    the share of this year's text found in last year's, against ``threshold``."""
    threshold = float(rule.params["threshold"])
    shared = {k: sig.shared(before.sections[k][1]) for k, (_, sig) in now.sections.items() if k in before.sections}
    values = {"previous": previous_path, "threshold": _percent(threshold)}
    if rule.params.get("scope", "section") == "report":
        total = sum(n for _, n in shared.values())
        share = sum(s for s, _ in shared.values()) / total if total else 0.0
        if total and share > threshold:
            return [_diagnostic(path, None, rule, {**values, "similarity": _percent(share)}, "report")]
        return []
    found = []
    for key, (same, total) in sorted(shared.items()):
        if total and same / total > threshold:
            found.append(_diagnostic(path, now.sections[key][0], rule, {
                **values, "section": _section_label(version, key), "similarity": _percent(same / total)}))
    return found


def copied_from_other_agency(reports: list[tuple[str, object]], rule_for: Callable[[str], object]) -> list[Diagnostic]:
    """GL704: a section nearly identical to the same section of another agency's report of
    the same year in the run; at most one finding per report and section, naming the most
    similar report. Shingles found in more than ``template_agencies`` agencies' reports are a
    common template and count for nobody. An inverted index of sampled shingles finds the
    candidates, so a run of n reports costs about n·(shingles), not n² comparisons; a shingle
    that is a template for every rule keeps no postings, and each report's fingerprint is
    decoded when it is looked at, so the index, not the reports, is what the run holds."""
    rules = [rule_for(path) for path, _ in reports]
    limits = [int(rule.params.get("template_agencies", TEMPLATE_AGENCIES)) for rule in rules if rule is not None]
    if not limits:
        return []
    widest = max(limits)
    keys = [facts.agency_key for _, facts in reports]
    index: dict[tuple[int, str], dict[int, list[int]]] = {}
    everywhere: dict[tuple[int, str], set[int]] = {}
    """Shingles of a year and section held by more than ``widest`` agencies: a template for every rule."""
    for number, (_, facts) in enumerate(reports):
        for key, (_, sig) in Fingerprint.unpack_sections(facts.packed_fingerprint).items():
            postings = index.setdefault((facts.year, key), {})
            templates = everywhere.setdefault((facts.year, key), set())
            for h in sig.sketch:
                if h in templates:
                    continue
                holders = postings.setdefault(h, [])
                holders.append(number)
                if len(holders) > widest and len({keys[i] for i in holders}) > widest:
                    templates.add(h)
                    del postings[h]
    common_of: dict[tuple, frozenset[int]] = {}

    def template(where: tuple[int, str], limit: int) -> frozenset[int]:
        """The shingles of this year and section that more than ``limit`` agencies share."""
        if (where, limit) not in common_of:
            common_of[(where, limit)] = frozenset(everywhere[where]).union(
                h for h, holders in index[where].items() if len(holders) > limit and len({keys[i] for i in holders}) > limit)
        return common_of[(where, limit)]

    found = []
    for number, (path, facts) in enumerate(reports):
        rule = rules[number]
        if rule is None:
            continue
        threshold = float(rule.params["threshold"])
        limit = int(rule.params.get("template_agencies", TEMPLATE_AGENCIES))
        for key, (anchor, sig) in sorted(Fingerprint.unpack_sections(facts.packed_fingerprint).items()):
            postings = index[(facts.year, key)]
            common = template((facts.year, key), limit)
            counts: dict[int, int] = {}
            mine = 0
            for h in sig.sketch:
                if h in common:
                    continue
                mine += 1
                for other in postings[h]:
                    if other != number:
                        counts[other] = counts.get(other, 0) + 1
            best = None
            for other, count in counts.items():
                if count < threshold * mine * 0.5 or same_agency(keys[number], keys[other]):
                    continue
                other_path, other_facts = reports[other]
                same, total = sig.shared(Fingerprint.unpack_sections(other_facts.packed_fingerprint)[key][1], common)
                share = same / total if total else 0.0
                if share > threshold and (best is None or share > best[0]):
                    best = (share, other_path, other_facts.agency)
            if best:
                found.append(_diagnostic(path, anchor, rule, {
                    "section": _section_label(facts.format_version, key), "similarity": _percent(best[0]),
                    "other": best[1], "other_agency": best[2] or "单位不明"}))
    return found


PAIR_CHECKS = {"carry-over": carry_over, "stock": stock, "copied-text": copied_text}


def add_pair_findings(results: list, rules_for: Callable[[str, str], list], earlier: list = (),
                      explicit: list[tuple[str, str]] = ()) -> Pairs:
    """Pair the run's reports (``results``: Linted) and append the GL7xx findings to the later
    report of each pair; ``earlier`` are last years' reports from an archive, ``explicit``
    pairs (last year's path, this year's path) named by ``--previous``. ``rules_for(path,
    version)`` gives the rules in effect for a file."""
    usable = [(r.path, r.facts) for r in results if r.facts is not None and r.facts.packed_fingerprint is not None]
    archive = [(r.path, r.facts) for r in earlier if r.facts is not None and r.facts.packed_fingerprint is not None]
    pairs = pair_reports(usable, archive)
    facts = pairs.facts
    named = {later for _, later in explicit}
    pairs.pairs = [p for p in pairs.pairs if p[1] not in named] + [p for p in explicit if p[0] in facts and p[1] in facts]
    by_path = {r.path: r for r in results}
    for previous_path, path in pairs.pairs:
        now, before = facts[path], facts[previous_path]
        fingerprints = now.fingerprint, before.fingerprint
        for rule in rules_for(path, now.format_version):
            check = PAIR_CHECKS.get(rule.kind)
            if check is None or (rule.kind == "stock" and before.format_version == "2019"):
                continue
            by_path[path].diagnostics.extend(check(path, fingerprints[0], previous_path, fingerprints[1], rule, now.format_version))
    kept = {path for group in pairs.duplicates for path in group[1:]}
    same_year = [(path, f) for path, f in usable if path not in kept and f.year and f.agency_key]

    def rule_for(path: str):
        return next((r for r in rules_for(path, facts[path].format_version) if r.kind == "copied-from-other-agency"), None)

    for diagnostic in copied_from_other_agency(same_year, rule_for):
        by_path[diagnostic.path].diagnostics.append(diagnostic)
    for result in results:
        result.diagnostics.sort(key=lambda d: d.sort_key)
    return pairs
