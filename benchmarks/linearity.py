#!/usr/bin/env python3
"""Is every pattern-driven stage linear in its input? For each family of adversarial inputs
(the reproducers of issue 12: runs of spaces after the words GL601 and the period and
year patterns look for, glosses of many toned letters, a table row followed by blank lines,
many table rows, long lines, conversion residue, mojibake, HTML tables with spans) this
times (CPU time) every stage — read, normalize, classify, parse, model, and each rule's check — at
input size n and 8n, and prints the ratio t(8n)/t(n). Linear stages give about 8; the
target is below 10 for every stage and family. Times are the best of ``--repeat`` runs;
a stage under 1 ms at 8n is not compared (timer noise).

    python benchmarks/linearity.py [--n 4000] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from govlint.lint import check_kinds, default_ruleset
from govlint.model import build
from govlint.normalize import normalize
from govlint.parse import classify, parse
from govlint.schema import load_format
from govlint.sources import read_source

REPO = Path(__file__).resolve().parent.parent
SEED = (REPO / "tests" / "fixtures" / "seeds" / "000_19df153a773c7689.txt").read_text(encoding="utf-8")
FLOOR = 0.001
TARGET = 10.0


def families(n: int) -> dict[str, tuple[str, bytes]]:
    """(file name, bytes) of each family at size n."""
    text = {
        "GL601 行政复议 + spaces": SEED + "\n行政复议" + " " * n + "x\n",
        "GL601 收到…申请 + spaces": SEED + "\n收到政府信息公开申请" + " " * n + "x\n",
        "gloss （ + ā": SEED + "\n（" + "ā" * n + "x\n",
        "glosses （ā repeated": SEED + "\n" + "公开（ā" * (n // 2) + "\n",
        "year 2020年 + spaces": SEED + "\n2020年" + " " * n + "x\n",
        "years 2020年， repeated": SEED + "\n" + "2020年 ，" * (n // 4) + "\n",
        "period 统计…2020年 + spaces": SEED + "\n统计期限为2020年" + " " * n + "1月1日\n",
        "fee 处理费 + spaces": SEED + "\n六、其他需要报告的事项\n处理费" + " " * n + "x\n",
        "table row + blank lines": SEED + "\n| 规章 | 0 | 0 | 0 |" + "\n" * n + "x\n",
        "table rows": SEED + "规章\t0\t0\t0\n" * (n // 4),
        "one-cell-per-line rows": SEED + "\t规章\n\t0\n\n" * (n // 8),
        "paragraphs with figures": SEED + "收到政府信息公开申请5件，行政复议1件。\n" * (n // 20),
        "long line": SEED + "\n" + "收到申请 5 件，" * (n // 8) + "\n",
        "residue <a x…": SEED + "\n<a " + "x" * n + "\n",
        "mojibake Ã©": SEED + "\n" + "Ã©" * (n // 2) + "\n",
        "headings 一 + spaces": SEED + "\n一" + " " * n + "x\n",
        "long heading 一、…": SEED + "\n一、" + "总体情况" * (n // 4) + "\n",
        "long row label": SEED.replace("| 规章 |", "| " + "规章制度" * (n // 4) + " |", 1),
        "pipes | ---": SEED + "\n|" + " ---" * (n // 4) + "\n",
    }
    cases = {name: ("report.txt", value.encode("utf-8")) for name, value in text.items()}
    cells = "".join(f'<tr><td rowspan="3">{i}</td><td colspan="2">0</td></tr>' for i in range(n // 16))
    cases["HTML spanned cells"] = ("report.html", f"<html><body><p>{SEED[:200]}</p><table>{cells}</table></body></html>".encode("utf-8"))
    return cases


def timings(name: str, data: bytes, rules, schema, kinds) -> dict[str, float]:
    times: dict[str, float] = {}

    def timed(stage, function):
        start = time.process_time()  # CPU time: the machine may be shared
        result = function()
        times[stage] = time.process_time() - start
        return result

    source = timed("read", lambda: read_source(name, data))
    lines = source.lines
    normalized = timed("normalize", lambda: normalize(lines))
    timed("classify", lambda: classify(normalized.lines))
    tree = timed("parse (classify + Lark)", lambda: parse(normalized.lines))
    report = timed("model", lambda: build(name, tree, normalized, schema, normalized.events))
    for rule in rules:
        timed(f"check {rule.code} ({rule.kind})", lambda rule=rule: list(kinds[rule.kind].run(report, rule.params)))
    return times


def best(name, data, rules, schema, kinds, repeat) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        gc.collect()
        runs.append(timings(name, data, rules, schema, kinds))
    return {stage: min(run[stage] for run in runs) for stage in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rules, schema, kinds = default_ruleset().rules, load_format("2021"), check_kinds()
    small, large = families(args.n), families(8 * args.n)
    worst: dict[str, tuple[float, str, float, float]] = {}
    for family in small:
        t1 = best(*small[family], rules, schema, kinds, args.repeat)
        t8 = best(*large[family], rules, schema, kinds, args.repeat)
        for stage in t1:
            if t8[stage] < FLOOR:
                continue
            ratio = t8[stage] / max(t1[stage], FLOOR / 8)
            if stage not in worst or ratio > worst[stage][0]:
                worst[stage] = (ratio, family, t1[stage], t8[stage])
    if args.json:
        print(json.dumps({stage: {"ratio": round(r, 2), "family": f, "t_n_ms": round(a * 1000, 3), "t_8n_ms": round(b * 1000, 3)}
                          for stage, (r, f, a, b) in worst.items()}, ensure_ascii=False, indent=2))
        return
    print(f"n = {args.n}, 8n = {8 * args.n}; the worst family of each stage (stages under {FLOOR * 1000:g} ms at 8n omitted)")
    print(f"{'stage':<44} {'t(n) ms':>9} {'t(8n) ms':>9} {'ratio':>6}  worst family")
    for stage, (ratio, family, a, b) in sorted(worst.items(), key=lambda item: -item[1][0]):
        mark = "" if ratio < TARGET else "  NOT LINEAR"
        print(f"{stage:<44} {a * 1000:>9.2f} {b * 1000:>9.2f} {ratio:>6.1f}  {family}{mark}")
    over = [s for s, (r, *_) in worst.items() if r >= TARGET]
    print(f"\n{'all stages below' if not over else f'{len(over)} stage(s) at or above'} the target ratio {TARGET:g}")


if __name__ == "__main__":
    main()
