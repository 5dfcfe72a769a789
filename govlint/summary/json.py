"""The summary as one JSON document for other programs (documented in the README);
findings are streamed from the spool, one at a time."""

from __future__ import annotations

import json
from pathlib import Path

from govlint.summary.collect import FINDING_FIELDS, Batch, family


def header(batch: Batch) -> dict:
    """Everything but the findings: run facts, totals, rules, reports, coverage, scoring."""
    data = {"govlint": batch.meta, "totals": batch.totals(),
            "families": [{"family": name, "count": n} for name, n in batch.family_counts()],
            "rules": [{"code": code, "name": name, "severity": severity, "family": family(code), "summary": batch.summaries.get(code, ""), "count": n}
                      for code, name, severity, n in batch.rule_counts()],
            "reports": [r.to_json() for r in batch.reports]}
    if batch.scoring is not None:
        pack = batch.scoring
        data["scoring"] = {**batch.meta["scoring"], "deductions": [
            {"wording": d.wording, "codes": list(d.codes), "coverage": d.coverage, "manual": d.manual, "points": d.points,
             "per": d.per, "cap": d.cap, "advisory": d.advisory} for d in pack.deductions]}
    data["coverage"] = coverage(batch)
    return data


def coverage(batch: Batch) -> dict:
    """Against the roster when there is one; else the agencies and years found."""
    if batch.coverage is not None:
        data = batch.coverage.to_json()
        pack = batch.scoring
        if pack is not None and any(d.coverage == "missing" for d in pack.deductions):
            missing = pack.score_missing()
            for agency in data["missing"]:
                agency["score"] = missing.points
        return data
    return {"agencies": agencies_found(batch)}


def agencies_found(batch: Batch) -> list[dict]:
    """Each agency named by a report, with its years and files (no roster given)."""
    found: dict[str, dict] = {}
    for r in batch.counted():
        if r.status != "ok":
            continue
        entry = found.setdefault(r.facts.agency_key if r.facts else r.agency, {"agency": r.agency, "years": set(), "files": []})
        if r.year:
            entry["years"].add(r.year)
        entry["files"].append(r.path)
    return [{"agency": e["agency"], "years": sorted(e["years"]), "files": e["files"]} for e in sorted(found.values(), key=lambda e: e["agency"])]


def write(batch: Batch, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        text = json.dumps(header(batch), ensure_ascii=False, indent=1)
        handle.write(text[:-2] + ',\n "findings": [')
        first = True
        for row, findings, _ in batch.details():
            for finding in findings:
                item = {"path": row.path, "agency": row.agency, "year": row.year, **dict(zip(FINDING_FIELDS, finding))}
                handle.write(("\n  " if first else ",\n  ") + json.dumps(item, ensure_ascii=False))
                first = False
        handle.write("\n ]\n}\n")
