#!/usr/bin/env python3
"""How fast is govlint? Every figure beside a baseline measured in the same run.

The bundled reports (tests/fixtures/seeds and tests/fixtures/real, plain text) are repeated
to an archive, each copy under a distinct agency name (so that work keyed on the agency —
pairing, copy detection — runs as on a real archive). Each figure is measured ``--runs``
times (interleaved with its baseline, so that a change in machine load affects both alike);
min and median are printed, and the ratio of the medians is compared with its target.

| figure | baseline | target |
|---|---|---|
| in-process lint, ms/report | decode + ``re.findall(r"\\d+")`` per line, in-process | ≤ 8× |
| CLI ``--no-cache -j 1 --format json``, 1,000 files | the same baseline as a process | ≤ 10× |
| ``govlint --no-cache one.txt`` | ``python -c pass`` | ≤ 8× |
| peak memory (max RSS), 10,000 files, ``-j 1`` | the baseline process on the same files | ≤ 80 MiB |
| ``-j 2`` against ``-j 1``, 10,000 files (min of runs) | ``-j 1`` | speed-up ≥ 1.8× |
| cached re-run, 1,000 unchanged files | the baseline process | ≤ 2× |

    python benchmarks/bench.py [--runs 5] [--files 1000] [--large 10000] [--json]
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
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TARGETS = {"inprocess": 8.0, "cli": 10.0, "startup": 8.0, "memory_mib": 80.0, "parallel": 1.8, "cached": 2.0}

BASELINE_SCRIPT = r"""
import os, re, sys
digits = re.compile(r"\d+")
numbers = 0
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(root, name), "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        for line in text.splitlines():
            numbers += len(digits.findall(line))
print(numbers)
"""

MEMORY_SCRIPT = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def reports() -> list[tuple[str, bytes]]:
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    if not paths:
        sys.exit(f"bench: no bundled reports under {FIXTURES}")
    return [(p.name, p.read_bytes()) for p in paths]


_TITLE_YEAR = re.compile(r"(?:19|20)\d\d\s{0,3}年")


def distinct(data: bytes, number: int) -> bytes:
    """The report with a distinct agency: a county name put before the title's year."""
    text = data.decode("utf-8", errors="surrogateescape")
    match = _TITLE_YEAR.search(text, 0, 400)
    if match:
        text = f"{text[:match.start()]}第{number}县{text[match.start():]}"
    return text.encode("utf-8", errors="surrogateescape")


def archive(root: Path, count: int) -> Path:
    corpus = reports()
    for i in range(count):
        name, data = corpus[i % len(corpus)]
        folder = root / f"county{i // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:05d}_{name}").write_bytes(distinct(data, i))
    return root


def govlint_command() -> list[str]:
    script = Path(sys.executable).parent / ("govlint.exe" if os.name == "nt" else "govlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("govlint")
    if found:
        return [found]
    sys.exit("bench: no govlint console script found (pip install -e . first)")


def compile_govlint() -> None:
    """Byte-compile govlint's modules, as pip does when it installs a wheel: an editable
    checkout run with PYTHONDONTWRITEBYTECODE set (containers, some CI) would otherwise
    compile its sources again at every start, and the start-up figure would measure that."""
    import compileall

    import govlint

    compileall.compile_dir(str(Path(govlint.__file__).parent), quiet=1)


def _wall(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def _figure(measured: list[float], baseline: list[float], target: float, scale: float = 1.0, per: int = 1) -> dict:
    ratio = statistics.median(measured) / statistics.median(baseline)
    return {
        "min_ms": min(measured) * scale / per, "median_ms": statistics.median(measured) * scale / per,
        "baseline_min_ms": min(baseline) * scale / per, "baseline_median_ms": statistics.median(baseline) * scale / per,
        "ratio_min": min(measured) / min(baseline), "ratio_median": ratio, "target": target, "met": ratio <= target,
    }


def inprocess(files: int, runs: int) -> dict:
    from govlint.lint import default_ruleset, lint_bytes

    rules = default_ruleset().select(None, None)
    batch = [(name, distinct(data, i)) for i, (name, data) in enumerate(reports() * (files // len(reports()) + 1))][:files]
    for name, data in batch[:20]:  # warm-up: imports, OpenCC dictionaries, grammar, regexes
        lint_bytes(name, data, rules)
    digits = re.compile(r"\d+")
    measured, baseline = [], []
    for _ in range(runs):
        started = time.perf_counter()
        for name, data in batch:
            lint_bytes(name, data, rules)
        measured.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _, data in batch:
            for line in data.decode("utf-8", errors="replace").splitlines():
                digits.findall(line)
        baseline.append(time.perf_counter() - started)
    return {"reports": files, **_figure(measured, baseline, TARGETS["inprocess"], 1000, files)}


def _against_baseline_process(command: list[str], root: Path, files: int, runs: int, env: dict, target: float) -> dict:
    """``command`` on the archive at ``root`` and the baseline process on it, interleaved."""
    base = [sys.executable, "-c", BASELINE_SCRIPT, str(root)]
    measured, baseline = [], []
    for _ in range(runs):
        measured.append(_wall(command, env))
        baseline.append(_wall(base, env))
    return {"reports": files, **_figure(measured, baseline, target, 1000, files)}


def cli(root: Path, files: int, runs: int, env: dict) -> dict:
    command = govlint_command() + ["--no-cache", "-j", "1", "--format", "json", "--exit-zero", str(root)]
    return _against_baseline_process(command, root, files, runs, env, TARGETS["cli"])


def startup(runs: int, env: dict) -> dict:
    one = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    command = govlint_command() + ["--no-cache", str(one)]
    subprocess.run(command, cwd=REPO, env=env, capture_output=True)  # fills the rule cache
    measured, baseline = [], []
    for _ in range(max(runs, 10)):
        measured.append(_wall(command, env))
        baseline.append(_wall([sys.executable, "-c", "pass"], env))
    return {"file": one.name, **_figure(measured, baseline, TARGETS["startup"], 1000)}


def _max_rss_mib(command: list[str], env: dict) -> float:
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, *command], cwd=REPO, env=env, capture_output=True, text=True)
    return int(done.stdout.strip() or 0) / 1024


def memory(root: Path, files: int, env: dict) -> dict:
    govlint = _max_rss_mib(govlint_command() + ["--no-cache", "-j", "1", "--format", "json", "--exit-zero", str(root)], env)
    base = _max_rss_mib([sys.executable, "-c", BASELINE_SCRIPT, str(root)], env)
    return {"reports": files, "govlint_mib": govlint, "baseline_mib": base, "target_mib": TARGETS["memory_mib"],
            "met": govlint <= TARGETS["memory_mib"]}


def _cores_used(command: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree): CPU / wall is how many cores the run
    got, which on a shared machine can be fewer than it asked for."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _wall(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def parallel(root: Path, files: int, runs: int, env: dict) -> dict:
    base = govlint_command() + ["--no-cache", "--format", "json", "--exit-zero"]
    one, two, cpu_one, cpu_two = [], [], [], []
    for _ in range(runs):
        for walls, cpus, jobs in ((one, cpu_one, "1"), (two, cpu_two, "2")):
            wall, cpu = _cores_used(base + ["-j", jobs, str(root)], env)
            walls.append(wall)
            cpus.append(cpu)
    speedup = min(one) / min(two)
    return {"reports": files, "j1_min_ms": min(one) * 1000, "j2_min_ms": min(two) * 1000,
            "j1_cpu_median_ms": statistics.median(cpu_one) * 1000, "j2_cpu_median_ms": statistics.median(cpu_two) * 1000,
            "j2_cores_used_median": statistics.median(c / w for c, w in zip(cpu_two, two)),
            "j1_median_ms": statistics.median(one) * 1000, "j2_median_ms": statistics.median(two) * 1000,
            "speedup_min": speedup, "speedup_median": statistics.median(one) / statistics.median(two),
            "target": TARGETS["parallel"], "met": speedup >= TARGETS["parallel"]}


def cached(root: Path, files: int, runs: int, env: dict, cache: Path) -> dict:
    run_env = dict(env, GOVLINT_CACHE_DIR=str(cache))
    command = govlint_command() + ["-j", "1", "--format", "json", "--exit-zero", str(root)]
    _wall(command, run_env)  # fills the cache
    return _against_baseline_process(command, root, files, runs, run_env, TARGETS["cached"])


def documents(runs: int, text_ms: float) -> dict:
    """Reports as published: the real PDFs (ms per page, whole pipeline and reading alone)
    and a web page made from a bundled report (ms per page), in-process, median of ``runs``,
    beside the text path's ms per report."""
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
            "pdf_read_ms_per_page": read_pdf * 1000 / max(pages, 1), "html_ms_per_page": lint_html * 1000,
            "text_ms_per_report": text_ms, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each figure (default 5)")
    parser.add_argument("--files", type=int, default=1000, help="reports in the archive (default 1,000)")
    parser.add_argument("--large", type=int, default=10000, help="reports in the large archive for memory and -j (default 10,000)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if min(args.runs, args.files, args.large) < 1:
        parser.error("--runs, --files and --large must be at least 1")

    compile_govlint()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, NO_COLOR="1", GOVLINT_CACHE_DIR=str(Path(tmp) / "cache"))
        small = archive(Path(tmp) / "small", args.files)
        large = archive(Path(tmp) / "large", args.large)
        result = {
            "python": sys.version.split()[0], "cores": os.cpu_count(),
            "inprocess": inprocess(args.files, args.runs),
            "cli": cli(small, args.files, args.runs, env),
            "startup": startup(args.runs, env),
            "memory": memory(large, args.large, env),
            "parallel": parallel(large, args.large, args.runs, env),
            "cached": cached(small, args.files, args.runs, env, Path(tmp) / "results"),
        }
        result["documents"] = documents(args.runs, result["inprocess"]["median_ms"])
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    met = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print(f"govlint benchmark (Python {result['python']}, {result['cores']} cores, {args.runs} runs; min / median)")
    for key, label, unit in (("inprocess", "in-process lint", "ms/report"), ("cli", "CLI --no-cache -j 1 --format json", "ms/report"),
                             ("startup", "govlint --no-cache one.txt", "ms"), ("cached", "cached re-run", "ms/report")):
        f = result[key]
        print(f"  {label:<36} {f['min_ms']:8.3f} / {f['median_ms']:8.3f} {unit:<10} baseline {f['baseline_min_ms']:8.3f} / "
              f"{f['baseline_median_ms']:8.3f}   ratio {f['ratio_min']:5.1f}x / {f['ratio_median']:5.1f}x  target <= {f['target']:g}x: {met(f['met'])}")
    m = result["memory"]
    print(f"  {'peak memory, ' + str(m['reports']) + ' files, -j 1':<36} {m['govlint_mib']:8.1f} MiB              baseline "
          f"{m['baseline_mib']:8.1f} MiB   target <= {m['target_mib']:g} MiB: {met(m['met'])}")
    p = result["parallel"]
    print(f"  {'-j 2 against -j 1, ' + str(p['reports']) + ' files':<36} {p['j2_min_ms']:8.0f} / {p['j2_median_ms']:8.0f} ms  "
          f"-j 1 {p['j1_min_ms']:8.0f} / {p['j1_median_ms']:8.0f} ms   speed-up {p['speedup_min']:.2f}x / {p['speedup_median']:.2f}x  "
          f"target >= {p['target']:g}x: {met(p['met'])}")
    print(f"  {'':<36} CPU of the process tree: -j 1 {p['j1_cpu_median_ms']:8.0f} ms, -j 2 {p['j2_cpu_median_ms']:8.0f} ms; "
          f"cores -j 2 got: {p['j2_cores_used_median']:.2f} (below 2: the machine was busy)")
    d = result["documents"]
    print(f"  reports as published (in-process, median), beside {d['text_ms_per_report']:.2f} ms per text report:")
    print(f"    PDF ({d['pdf_files']} files, {d['pdf_pages']} pages)  {d['pdf_ms_per_page']:8.1f} ms/page  (reading alone {d['pdf_read_ms_per_page']:.1f} ms/page)")
    print(f"    web page (HTML)               {d['html_ms_per_page']:8.1f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
