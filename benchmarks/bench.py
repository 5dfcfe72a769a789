#!/usr/bin/env python3
"""How fast is govlint?

1. In-process throughput: the 8 bundled reports (tests/fixtures/seeds + real) repeated to
   ``--n`` reports (default 1,000), linted with the default rule set loaded once
   (``govlint.lint.lint_bytes``), beside a bare baseline measured in the same run: decoding
   the same bytes and ``re.findall`` of the digit runs.
2. Start-up: the wall time of ``govlint one.txt`` (the installed console script, in a
   subprocess) beside ``python -c pass``, median of ``--runs`` runs each.

Targets: <= 5 ms per report; ``govlint one.txt`` within 15x of ``python -c pass``.

    python benchmarks/bench.py [--n 1000] [--runs 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TARGET_MS_PER_REPORT = 5.0
TARGET_STARTUP_RATIO = 15.0


def reports() -> list[tuple[str, bytes]]:
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    if len(paths) != 8:
        sys.exit(f"bench: expected the 8 bundled reports under {FIXTURES}, found {len(paths)}")
    return [(p.name, p.read_bytes()) for p in paths]


def govlint_command() -> list[str]:
    script = Path(sys.executable).parent / ("govlint.exe" if os.name == "nt" else "govlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("govlint")
    if found:
        return [found]
    sys.exit("bench: no govlint console script found (pip install -e . first)")


def throughput(n: int) -> dict:
    from govlint.lint import default_ruleset, lint_bytes

    corpus = reports()
    started = time.perf_counter()
    rules = default_ruleset().select(None, None)
    load_s = time.perf_counter() - started
    batch = [corpus[i % len(corpus)] for i in range(n)]

    for name, data in corpus:  # warm-up: imports, OpenCC dictionaries, grammar, regexes
        lint_bytes(name, data, rules)

    findings = 0
    started = time.perf_counter()
    for name, data in batch:
        findings += len(lint_bytes(name, data, rules).diagnostics)
    lint_s = time.perf_counter() - started

    digits = re.compile(r"[0-9]+")
    numbers = 0
    started = time.perf_counter()
    for _, data in batch:
        numbers += len(digits.findall(data.decode("utf-8", errors="replace")))
    baseline_s = time.perf_counter() - started

    return {
        "reports": n,
        "distinct_reports": len(corpus),
        "bytes": sum(len(data) for _, data in batch),
        "ruleset_load_ms": load_s * 1000,
        "rules": len(rules),
        "findings": findings,
        "govlint_s": lint_s,
        "govlint_reports_per_s": n / lint_s,
        "govlint_ms_per_report": lint_s * 1000 / n,
        "baseline_numbers": numbers,
        "baseline_s": baseline_s,
        "baseline_reports_per_s": n / baseline_s,
        "baseline_ms_per_report": baseline_s * 1000 / n,
        "govlint_over_baseline": lint_s / baseline_s,
        "target_ms_per_report": TARGET_MS_PER_REPORT,
        "ms_per_report_target_met": lint_s * 1000 / n <= TARGET_MS_PER_REPORT,
    }


def _wall(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def startup(runs: int) -> dict:
    one = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    env = dict(os.environ, NO_COLOR="1")
    command = govlint_command() + [str(one)]
    check = subprocess.run(command, cwd=REPO, env=env, capture_output=True)  # also fills the caches
    if check.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(command)} exited {check.returncode}: {check.stderr.decode(errors='replace')}")
    # `govlint one.txt` repeated is a result-cache hit; time a full lint too
    commands = {"python": [sys.executable, "-c", "pass"], "govlint": command, "govlint_no_cache": govlint_command() + ["--no-cache", str(one)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that a change in machine load affects all alike
        for name, argv in commands.items():
            times[name].append(_wall(argv, REPO, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "file": one.relative_to(REPO).as_posix(),
        "runs": runs,
        "govlint_median_ms": median["govlint"] * 1000,
        "govlint_min_ms": min(times["govlint"]) * 1000,
        "govlint_no_cache_median_ms": median["govlint_no_cache"] * 1000 if "govlint_no_cache" in median else None,
        "python_pass_median_ms": median["python"] * 1000,
        "python_pass_min_ms": min(times["python"]) * 1000,
        "ratio": median["govlint"] / median["python"],
        "target_ratio": TARGET_STARTUP_RATIO,
        "ratio_target_met": median["govlint"] / median["python"] <= TARGET_STARTUP_RATIO,
    }


def archive(copies: int, runs: int) -> dict:
    """A directory of reports (the bundled ones, ``copies`` times each): ``-j 1`` against
    ``-j`` all cores without the cache, then a cold and a warm (cached) run."""
    import tempfile

    sources = [path for name, data in reports() for path in [name]]
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        for copy in range(copies):
            folder = root / f"county{copy:02d}"
            folder.mkdir(parents=True)
            for name, data in reports():
                (folder / Path(name).name).write_bytes(data)
        count = sum(1 for _ in root.rglob("*.txt"))
        base = govlint_command() + ["--format", "json", "--exit-zero"]
        cores = os.cpu_count() or 1
        timing = {"j1": [], "jall": [], "warm": []}
        cold = []
        for run in range(runs):
            timing["j1"].append(_wall(base + ["--no-cache", "-j", "1", str(root)], REPO, env))
            timing["jall"].append(_wall(base + ["--no-cache", "-j", str(cores), str(root)], REPO, env))
            cache = Path(tmp) / f"cache{run}"
            run_env = dict(env, GOVLINT_CACHE_DIR=str(cache))
            cold.append(_wall(base + [str(root)], REPO, run_env))
            timing["warm"].append(_wall(base + [str(root)], REPO, run_env))
    median = {name: statistics.median(values) * 1000 for name, values in timing.items()}
    return {
        "reports": count, "cores": cores, "runs": runs, "sources": len(sources),
        "j1_ms": median["j1"], "jall_ms": median["jall"], "speedup": median["j1"] / median["jall"],
        "cold_ms": statistics.median(cold) * 1000, "warm_ms": median["warm"],
    }


def documents(runs: int) -> dict:
    """Reports as published: the real PDFs (ms per page, whole pipeline and reading alone)
    and a web page made from a bundled report (ms per page), in-process, median of ``runs``."""
    sys.path.insert(0, str(REPO / "tests"))
    from docgen import to_html

    from govlint.lint import default_ruleset, lint_bytes
    from govlint.sources import read_source

    rules = default_ruleset().select(None, None)
    pdfs = [(p.name, p.read_bytes()) for p in sorted((FIXTURES / "real").glob("*.pdf"))]
    page = to_html((FIXTURES / "real" / "004_jiangsu_hongze_2023.txt").read_text(encoding="utf-8"), "utf-8")
    pages = sum(data.count(b"/Type /Page") - data.count(b"/Type /Pages") for _, data in pdfs)
    for name, data in pdfs + [("page.html", page)]:  # warm-up: pdfplumber and lxml imports
        lint_bytes(name, data, rules)

    def median_s(work) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    lint_pdf = median_s(lambda: [lint_bytes(n, d, rules) for n, d in pdfs])
    read_pdf = median_s(lambda: [read_source(n, d) for n, d in pdfs])
    lint_html = median_s(lambda: lint_bytes("page.html", page, rules))
    return {"pdf_files": len(pdfs), "pdf_pages": pages, "pdf_ms_per_page": lint_pdf * 1000 / max(pages, 1),
            "pdf_read_ms_per_page": read_pdf * 1000 / max(pages, 1), "html_ms_per_page": lint_html * 1000, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of reports to lint in-process (default 1000)")
    parser.add_argument("--runs", type=int, default=10, help="subprocess runs per median (default 10)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--copies", type=int, default=25, help="copies of the bundled reports in the archive run (default 25: 200 reports)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("--n and --runs must be at least 1")

    result = {"python": sys.version.split()[0], "throughput": throughput(args.n), "startup": startup(args.runs),
              "archive": archive(args.copies, max(1, args.runs // 3)), "documents": documents(max(1, args.runs // 3))}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0

    t, s = result["throughput"], result["startup"]
    met = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print(f"govlint benchmark (Python {result['python']})")
    print(f"\nin-process: {t['reports']} reports ({t['distinct_reports']} distinct, {t['bytes'] / 1e6:.1f} MB), "
          f"{t['rules']} rules loaded once in {t['ruleset_load_ms']:.0f} ms, {t['findings']} findings")
    print(f"  govlint        {t['govlint_reports_per_s']:10.0f} reports/s  {t['govlint_ms_per_report']:8.3f} ms/report"
          f"   target <= {TARGET_MS_PER_REPORT:g} ms/report: {met(t['ms_per_report_target_met'])}")
    print(f"  regex baseline {t['baseline_reports_per_s']:10.0f} reports/s  {t['baseline_ms_per_report']:8.3f} ms/report"
          f"   (decode + re.findall of digits)")
    print(f"  govlint / baseline: {t['govlint_over_baseline']:.0f}x")
    print(f"\nstart-up: median of {s['runs']} runs")
    rows = [(f"govlint {Path(s['file']).name}", f"{s['govlint_median_ms']:8.1f} ms  (min {s['govlint_min_ms']:.1f})")]
    if s["govlint_no_cache_median_ms"] is not None:
        rows.append((f"govlint --no-cache {Path(s['file']).name}", f"{s['govlint_no_cache_median_ms']:8.1f} ms  (result cache off)"))
    rows.append(("python -c pass", f"{s['python_pass_median_ms']:8.1f} ms  (min {s['python_pass_min_ms']:.1f})"))
    column = max(len(label) for label, _ in rows)
    for label, figure in rows:
        print(f"  {label:<{column}}  {figure}")
    print(f"  govlint one.txt / python -c pass: {s['ratio']:.1f}x   target <= {TARGET_STARTUP_RATIO:g}x: {met(s['ratio_target_met'])}")
    a = result["archive"]
    print(f"\narchive: a directory of {a['reports']} reports, median of {a['runs']} runs")
    print(f"  govlint --no-cache -j 1          {a['j1_ms']:8.0f} ms  ({a['j1_ms'] / a['reports']:.2f} ms/report)")
    print(f"  govlint --no-cache -j {a['cores']:<10} {a['jall_ms']:8.0f} ms  speed-up {a['speedup']:.2f}x on {a['cores']} cores")
    print(f"  govlint, cold cache              {a['cold_ms']:8.0f} ms")
    print(f"  govlint, cached re-run           {a['warm_ms']:8.0f} ms  ({a['cold_ms'] / a['warm_ms']:.1f}x faster)")
    d = result["documents"]
    print(f"\nreports as published (in-process, median of {d['runs']} runs), beside {t['govlint_ms_per_report']:.2f} ms per text report:")
    print(f"  PDF ({d['pdf_files']} files, {d['pdf_pages']} pages)  {d['pdf_ms_per_page']:8.1f} ms/page  (reading alone {d['pdf_read_ms_per_page']:.1f} ms/page)")
    print(f"  web page (HTML)               {d['html_ms_per_page']:8.1f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
