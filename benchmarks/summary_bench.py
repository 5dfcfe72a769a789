"""Time and peak memory of ``govlint summary`` (HTML, XLSX, JSON) and ``govlint extract``
(CSV) on an archive of N distinct reports made from the bundled ones, each command in its
own process (peak resident memory from ``wait4``). Run twice as many reports to see that
memory does not grow with the findings and cells: they are spooled to disk, not kept.

    python benchmarks/summary_bench.py              # 250 and 1,000 reports, -j 1
    python benchmarks/summary_bench.py --n 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "real").glob("*.txt"))


def archive(folder: Path, n: int) -> None:
    """N distinct reports: each bundled one under a title naming its own agency."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in SOURCES]
    for index in range(n):
        text = texts[index % len(texts)]
        (folder / f"{index:05d}.txt").write_text(f"第{index}号测试局2024年政府信息公开工作年度报告\n{text}", encoding="utf-8")


def govlint() -> list[str]:
    script = Path(sys.executable).parent / "govlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "govlint"]


def measure(args: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one govlint run (and its worker processes)."""
    start = time.perf_counter()
    process = subprocess.Popen(govlint() + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"govlint {' '.join(args)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="reports in the archive (repeatable; default 250 and 1000)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    sizes = options.n or [250, 1000]
    results = []
    with tempfile.TemporaryDirectory() as temp:
        env = dict(os.environ, GOVLINT_CACHE_DIR=str(Path(temp) / "cache"))
        for n in sizes:
            folder = Path(temp) / f"archive-{n}"
            folder.mkdir()
            archive(folder, n)
            out = Path(temp) / "out"
            out.mkdir(exist_ok=True)
            for name, command in (("summary html", ["summary", "-o", str(out / "s.html")]),
                                  ("summary xlsx", ["summary", "-o", str(out / "s.xlsx")]),
                                  ("summary json", ["summary", "-o", str(out / "s.json")]),
                                  ("extract csv", ["extract", "-o", str(out / "cells.csv")])):
                seconds, mib = measure([*command, str(folder), "--no-cache", "-j", str(options.jobs)], env)
                size = max(out.iterdir(), key=lambda p: p.stat().st_mtime).stat().st_size / 1024 / 1024
                results.append({"reports": n, "command": name, "seconds": round(seconds, 2), "ms_per_report": round(seconds * 1000 / n, 2),
                                "peak_mib": round(mib, 1), "output_mib": round(size, 1)})
            shutil.rmtree(folder)
    if options.json:
        print(json.dumps(results, indent=1))
        return
    print(f"{'reports':>8} {'command':<14} {'seconds':>8} {'ms/report':>10} {'peak MiB':>9} {'output MiB':>11}")
    for r in results:
        print(f"{r['reports']:>8} {r['command']:<14} {r['seconds']:>8} {r['ms_per_report']:>10} {r['peak_mib']:>9} {r['output_mib']:>11}")


if __name__ == "__main__":
    main()
