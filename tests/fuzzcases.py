"""Seeded fuzz cases for govlint, and a runner with a per-file hang detector.

A case is a mutation of one of the bundled real reports (``tests/fixtures/seeds`` and
``real``): byte flips, inserted/deleted/duplicated lines, extreme cell values, mixed
encodings, long lines and runs that stress patterns, truncation, HTML wrapping. Case ``i``
of seed ``s`` is always the same bytes, so a failure is reproduced by its number.

The cases are linted in a worker process (many files per process, as govlint runs), which
prints one JSON line per case; the parent gives each case ``timeout`` seconds of the
worker's CPU time (a shared, busy machine slows a worker without hanging it) and, on a hang,
kills the worker, counts the hang and starts a new worker after that case. Used by
``tests/test_fuzz.py`` (a few thousand cases) and ``benchmarks/fuzz.py`` (100,000).
"""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
STRESS = ["行政复议", "行政诉讼", "（", "(", "2020年", "统计", "处理费", "收到政府信息公开申请", "|", "\t", "一、", "[image:", "<p ", "&nbsp;"]
EXTREME = ["0", "-1", "99999999999999999999999999999999999999", "1e999", "NaN", "3.14159", "1,234,567", "９９９", "—", "/", "",
           "无", "12件", "0.0000001", "１２３", "-0", "∞", "١٢٣", "1" * 400]


def base_reports() -> list[bytes]:
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    return [p.read_bytes() for p in paths]


def case(seed: int, index: int, bases: list[bytes]) -> tuple[str, bytes]:
    """(file name, bytes) of case ``index``: 1-4 mutations of one base report."""
    rng = random.Random(seed * 1_000_003 + index)
    data = rng.choice(bases)
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(MUTATIONS)(rng, data)
    suffix = rng.choices([".txt", ".md", ".html", ".htm"], [80, 8, 8, 4])[0]
    if suffix in (".html", ".htm") and not data.lstrip().startswith(b"<"):
        data = _html(rng, data)
    return f"case{index:06d}{suffix}", data


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(rng, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def insert_lines(rng, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 30)):
        source = rng.choice([rng.choice(lines), b"", b"\t", b"| |", "一、总体情况".encode(), "六、其他需要报告的事项".encode(),
                             rng.choice(STRESS).encode() + rng.choice(EXTREME).encode()])
        lines.insert(rng.randrange(len(lines) + 1), source)
    return b"\n".join(lines)


def delete_lines(rng, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, max(1, len(lines) // 4))):
        if lines:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_block(rng, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(1, 40)]
    return b"\n".join(lines[:start] + block * rng.randint(2, 30) + lines[start:])


def extreme_cells(rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    out = []
    for line in text.split("\n"):
        if ("|" in line or "\t" in line) and rng.random() < 0.5:
            separator = "|" if "|" in line else "\t"
            cells = line.split(separator)
            for i in range(len(cells)):
                if rng.random() < 0.3:
                    cells[i] = f" {rng.choice(EXTREME)} " if separator == "|" else rng.choice(EXTREME)
            line = separator.join(cells)
        out.append(line)
    return "\n".join(out).encode("utf-8", "surrogateescape")


def mixed_encodings(rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    cut = rng.randrange(len(text) + 1)
    encoding = rng.choice(["gb18030", "big5", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig"])
    tail = text[cut:].encode(encoding, "replace")
    if rng.random() < 0.3:
        return text.encode(encoding, "replace")
    return text[:cut].encode("utf-8") + tail


def long_line(rng, data: bytes) -> bytes:
    lines = _lines(data)
    piece = rng.choice(STRESS + ["ā", " ", "　", "1", "年", "件", "，"]).encode()
    filler = rng.choice([b" ", b"\xc4\x81", b"1", piece, b"\t", b"\xe3\x80\x80"])
    line = piece + filler * rng.randint(1_000, 30_000) + rng.choice([b"", b"x", "件".encode(), b"|"])
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


def blank_runs(rng, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + [rng.choice([b"", b"\t", b" "])] * rng.randint(100, 20_000) + lines[at:])


def truncate(rng, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def line_endings(rng, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\r\r\n", b"\x0b", b"\x85"]))


def special_characters(rng, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        junk = rng.choice([b"\x00", "\u200b".encode(), "\ufeff".encode(), b"\xff\xfe", "\ufffd".encode(), "锟斤拷".encode(),
                           b"\xed\xa0\x80", "\U0001F600".encode(), b"\x1b[31m", "開關".encode()])
        raw[rng.randrange(len(raw) + 1):0] = junk
    return bytes(raw)


def _html(rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    rows = []
    for line in text.split("\n"):
        if "|" in line or "\t" in line:
            cells = [c for c in line.replace("\t", "|").split("|")]
            span = f' colspan="{rng.choice(["2", "0", "-1", "999999999", "x"])}"' if rng.random() < 0.1 else ""
            rows.append("<tr>" + "".join(f"<td{span}>{c}</td>" for c in cells) + "</tr>")
        else:
            rows.append(f"<p>{line}</p>")
    charset = rng.choice(["utf-8", "gbk", "undefined", "base64", "x-no-such", "utf-16"])
    return f'<html><head><meta charset="{charset}"></head><body><table>{"".join(rows)}</table></body></html>'.encode("utf-8")


MUTATIONS = [flip_bytes, insert_lines, delete_lines, duplicate_block, extreme_cells, mixed_encodings, long_line, blank_runs,
             truncate, line_endings, special_characters]


# --------------------------------------------------------------------------- the worker (in its own process)

def _worker(seed: int, start: int, stop: int) -> None:
    """Lint cases start..stop-1 in this process; one JSON line per case on stdout."""
    import traceback

    from govlint.config import Config
    from govlint.diagnostics import fails
    from govlint.lint import Linter
    from govlint.output import OutputContext
    from govlint.output.json import render

    bases = base_reports()
    linter = Linter(Config())
    out = sys.stdout
    for index in range(start, stop):
        name, data = case(seed, index, bases)
        result = {"i": index, "name": name}
        try:
            linted = linter.lint_bytes(name, data)
            json.loads(render([linted], OutputContext()))
            result["exit"] = 2 if linted.errors else 1 if any(fails(d, False) for d in linted.diagnostics) else 0
            result["errors"] = linted.errors[:1]
            result["status"] = "ok"
        except BaseException as exc:  # noqa: BLE001 - every escape is the finding
            result["status"] = "traceback"
            result["detail"] = "".join(traceback.format_exception(exc))[-2000:]
        out.write(json.dumps(result) + "\n")
        out.flush()


def _cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used (Linux /proc), or None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _stuck(pid: int, since_cpu: float | None, since_wall: float, timeout: float) -> bool:
    """Whether the case a worker started at (since_cpu, since_wall) has hung: ``timeout``
    seconds of the worker's CPU time (a busy machine slows a worker without hanging it),
    or six times that of wall time (a worker blocked without using the CPU)."""
    import time

    cpu = _cpu_seconds(pid)
    if cpu is not None and since_cpu is not None and cpu - since_cpu > timeout:
        return True
    return time.monotonic() - since_wall > (6 * timeout if cpu is not None else timeout)


def run_cases(seed: int, start: int, stop: int, timeout: float = 10.0, env: dict | None = None) -> list[dict]:
    """Results of cases start..stop-1, each given ``timeout`` seconds of CPU time; a case
    that takes longer is a hang ({"status": "hang"}), and the cases after it run in a new worker."""
    import time

    results: list[dict] = []
    environment = dict(os.environ, **(env or {}))
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), environment.get("PYTHONPATH", "")]))
    next_case = start
    while next_case < stop:
        worker = subprocess.Popen([sys.executable, "-c", f"import fuzzcases; fuzzcases._worker({seed}, {next_case}, {stop})"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
        buffer = b""
        since_cpu, since_wall = _cpu_seconds(worker.pid), time.monotonic()
        try:
            while next_case < stop:
                ready, _, _ = select.select([worker.stdout], [], [], 0.5)
                if not ready:
                    if _stuck(worker.pid, since_cpu, since_wall, timeout):
                        results.append({"i": next_case, "status": "hang", "name": case(seed, next_case, base_reports())[0]})
                        next_case += 1
                        break
                    continue
                since_cpu, since_wall = _cpu_seconds(worker.pid), time.monotonic()
                chunk = os.read(worker.stdout.fileno(), 65536)
                if not chunk:  # the worker died: that case is a crash
                    results.append({"i": next_case, "status": "traceback", "detail": f"worker exited with {worker.wait()}"})
                    next_case += 1
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    results.append(json.loads(line))
                    next_case = results[-1]["i"] + 1
        finally:
            worker.kill()
            worker.wait()
    return results


def summary(results: list[dict]) -> tuple[int, int, int, int]:
    """(cases, tracebacks, hangs, wrong exits): an exit other than 0/1 is wrong."""
    tracebacks = sum(r["status"] == "traceback" for r in results)
    hangs = sum(r["status"] == "hang" for r in results)
    wrong = sum(r["status"] == "ok" and r["exit"] not in (0, 1) for r in results)
    return len(results), tracebacks, hangs, wrong
