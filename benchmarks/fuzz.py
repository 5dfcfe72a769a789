#!/usr/bin/env python3
"""Fuzz govlint: ``--cases`` mutated reports (default 100,000; see tests/fuzzcases.py for the
mutations), linted many files per worker process with a per-file hang detector
(``--timeout`` seconds of CPU time, default 10), in ``--jobs`` workers at once; every ``--cli-every``-th
chunk also goes through the console script (exit 0/1, valid JSON, no traceback).

Prints ``N cases, T tracebacks, H hangs, W wrong exits`` and the first failing case of each
kind (reproduce one with ``fuzzcases.case(SEED, i, fuzzcases.base_reports())``).

    python benchmarks/fuzz.py [--cases 100000] [--seed 1] [--jobs 2] [--chunk 2000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import fuzzcases  # noqa: E402
from conftest import govlint_command  # noqa: E402


def cli_chunk(seed: int, start: int, stop: int, timeout: float) -> list[dict]:
    """The cases through ``govlint --format json`` in one run: one result for the whole chunk."""
    bases = fuzzcases.base_reports()
    with tempfile.TemporaryDirectory() as folder:
        for index in range(start, stop):
            name, data = fuzzcases.case(seed, index, bases)
            Path(folder, name).write_bytes(data)
        try:
            result = subprocess.run(govlint_command() + ["--format", "json", "--no-cache", "-j", "1", folder],
                                    capture_output=True, timeout=timeout * (stop - start))
        except subprocess.TimeoutExpired:
            return [{"i": start, "status": "hang", "name": f"CLI chunk {start}..{stop - 1}"}]
    stderr = result.stderr.decode("utf-8", "replace")
    try:
        json.loads(result.stdout.decode("utf-8"))
        valid = True
    except ValueError:
        valid = False
    if "Traceback" in stderr:
        return [{"i": start, "status": "traceback", "detail": stderr[-2000:], "name": f"CLI chunk {start}..{stop - 1}"}]
    exit_code = result.returncode if valid else f"{result.returncode} (invalid JSON)"
    return [{"i": start, "status": "ok", "exit": exit_code, "name": f"CLI chunk {start}..{stop - 1}", "detail": stderr[-2000:]}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=2000, help="cases per worker process")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per file before it counts as a hang")
    parser.add_argument("--cli-every", type=int, default=10, help="every N-th chunk also runs through the CLI (0: never)")
    args = parser.parse_args()

    started = time.perf_counter()
    chunks = [(start, min(start + args.chunk, args.cases)) for start in range(0, args.cases, args.chunk)]
    results: list[dict] = []
    cli: list[dict] = []
    with ThreadPoolExecutor(args.jobs) as pool:
        jobs = [pool.submit(fuzzcases.run_cases, args.seed, start, stop, args.timeout) for start, stop in chunks]
        cli_jobs = [pool.submit(cli_chunk, args.seed, start, min(stop, start + 200), args.timeout)
                    for number, (start, stop) in enumerate(chunks) if args.cli_every and number % args.cli_every == 0]
        for job in jobs:
            results.extend(job.result())
        for job in cli_jobs:
            cli.extend(job.result())
    cases, tracebacks, hangs, wrong = fuzzcases.summary(results)
    cli_tracebacks = sum(r["status"] == "traceback" for r in cli)
    cli_hangs = sum(r["status"] == "hang" for r in cli)
    cli_wrong = sum(r["status"] == "ok" and r["exit"] not in (0, 1) for r in cli)
    print(f"{cases} cases, {tracebacks + cli_tracebacks} tracebacks, {hangs + cli_hangs} hangs, {wrong + cli_wrong} wrong exits")
    print(f"  (in-process workers: {cases} cases; through the CLI: {len(cli)} runs of up to 200 of the same cases; "
          f"{time.perf_counter() - started:.0f} s, seed {args.seed})")
    for status in ("traceback", "hang"):
        failing = [r for r in results + cli if r["status"] == status]
        if failing:
            print(f"{status}s: cases {', '.join(str(r['i']) for r in failing[:20])}")
            print(f"first {status}: case {failing[0]['i']} {failing[0].get('name', '')}\n{failing[0].get('detail', '')}")
    first_wrong = next((r for r in results + cli if r["status"] == "ok" and r["exit"] not in (0, 1)), None)
    if first_wrong:
        print(f"first wrong exit: case {first_wrong['i']} {first_wrong.get('name', '')}: exit {first_wrong['exit']} "
              f"{first_wrong.get('errors') or first_wrong.get('detail', '')}")


if __name__ == "__main__":
    main()
