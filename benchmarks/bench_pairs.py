#!/usr/bin/env python3
"""What do the across-reports rules (GL701–GL704) cost a run?

The bundled reports (tests/fixtures/seeds + real) are repeated to ``--n`` reports (default
1,000), each copy under its own agency name (a county name before the title), so every copy keeps
the real same-agency pairs of the corpus (004→005, 018→019, …) and every text recurs in
all copies (the worst case for the copied-from-other-agency index: every shingle in many
reports). In-process, with the default rules loaded once:

1. lint every report without fingerprints (the run as it would be without GL7xx);
2. lint every report as govlint does (each report's fingerprint computed with its facts);
3. the pair pass: pairing, GL701–GL703 on each pair, GL704 over the run.

Steps 1 and 2 alternate ``--rounds`` times and the best time of each counts (the machine's
load varies). Target: (2 − 1 + 3) / 1 ≤ 20 %, printed as the ratio.

    python benchmarks/bench_pairs.py [--n 1000] [--rounds 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TARGET_RATIO = 0.20


def corpus(n: int) -> list[tuple[str, bytes]]:
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    if not paths:
        sys.exit(f"bench: no bundled reports under {FIXTURES}")
    texts = [(p.name, p.read_text(encoding="utf-8-sig")) for p in paths]
    batch = []
    for i in range(n):
        name, text = texts[i % len(texts)]
        copy = i // len(texts)
        batch.append((f"copy{copy}/{name}", f"{chr(0x4E00 + copy)}县{text}".encode("utf-8")))
    return batch


def _lint_all(batch, rules, fingerprints: bool):
    """Lint the batch; without ``fingerprints`` the facts carry none (the run as it would be
    without GL7xx). Returns (results, seconds)."""
    import govlint.facts
    from govlint.lint import lint_bytes

    original = govlint.facts.fingerprint_of
    if not fingerprints:
        govlint.facts.fingerprint_of = lambda report: None
    try:
        started = time.perf_counter()
        results = [lint_bytes(name, data, rules) for name, data in batch]
        return results, time.perf_counter() - started
    finally:
        govlint.facts.fingerprint_of = original


def measure(n: int, rounds: int) -> dict:
    from govlint.lint import default_ruleset
    from govlint.years.findings import add_pair_findings

    rules = default_ruleset().select(None, None)
    batch = corpus(n)
    _lint_all(batch[:20], rules, True)  # warm-up: imports, dictionaries, grammar, regexes
    without, with_ = [], []
    for _ in range(rounds):  # interleaved, best of each: the machine's load varies
        without.append(_lint_all(batch, rules, False)[1])
        results, seconds = _lint_all(batch, rules, True)
        with_.append(seconds)
    pair_s = []
    for _ in range(rounds):
        for result in results:
            result.diagnostics = [d for d in result.diagnostics if not d.code.startswith("GL7")]
        started = time.perf_counter()
        pairs = add_pair_findings(results, lambda path, version: rules)
        pair_s.append(time.perf_counter() - started)
    codes = [d.code for r in results for d in r.diagnostics if d.code.startswith("GL7")]
    base, lint_s, pair = min(without), min(with_), min(pair_s)
    added = (lint_s - base + pair) / base
    return {
        "reports": n, "pairs": len(pairs.pairs), "gl7_findings": {c: codes.count(c) for c in sorted(set(codes))},
        "lint_without_fingerprints_s": round(base, 3), "lint_s": round(lint_s, 3), "pair_pass_s": round(pair, 3),
        "fingerprint_ms_per_report": round((lint_s - base) / n * 1000, 3),
        "added_ratio": round(added, 4), "target_ratio": TARGET_RATIO, "target_met": added <= TARGET_RATIO,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved runs with and without; the best of each counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    found = measure(args.n, args.rounds)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return 0
    print(f"{found['reports']} reports, {found['pairs']} pairs, GL7xx findings {found['gl7_findings']}")
    print(f"lint without fingerprints  {found['lint_without_fingerprints_s']:.3f} s")
    print(f"lint with fingerprints     {found['lint_s']:.3f} s  ({found['fingerprint_ms_per_report']:.2f} ms per report)")
    print(f"pair pass (GL701–GL704)    {found['pair_pass_s']:.3f} s")
    print(f"ratio: GL7xx add {found['added_ratio']:.1%} to the run "
          f"(target ≤ {TARGET_RATIO:.0%}: {'met' if found['target_met'] else 'NOT MET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
