"""Issue 12: a seeded fuzz run in the suite. 2,000 mutations of the bundled real reports
(byte flips, inserted/deleted lines, extreme cell values, mixed encodings, long lines, …;
see ``fuzzcases.py``) linted in-process in a worker, plus 300 through the command line in
batches: exit 0 or 1, valid JSON, no traceback. Each file gets 10 s as a hang detector,
not as a speed requirement. A failing case is reproduced by its number:
``fuzzcases.case(SEED, i, fuzzcases.base_reports())``."""

from __future__ import annotations

import json
import subprocess

from conftest import govlint_command
from fuzzcases import base_reports, case, run_cases, summary

SEED = 12
IN_PROCESS = 2000
THROUGH_CLI = 300
BATCH = 100
HANG = 10


def test_mutated_reports_in_process_never_crash_hang_or_exit_wrongly():
    results = run_cases(SEED, 0, IN_PROCESS, timeout=HANG)
    bad = [r for r in results if r["status"] != "ok" or r["exit"] not in (0, 1)]
    assert summary(results) == (IN_PROCESS, 0, 0, 0), bad[:3]


def test_mutated_reports_through_the_command_line_in_batches(tmp_path):
    bases = base_reports()
    for first in range(IN_PROCESS, IN_PROCESS + THROUGH_CLI, BATCH):
        folder = tmp_path / f"batch{first}"
        folder.mkdir()
        names = set()
        for index in range(first, first + BATCH):
            name, data = case(SEED, index, bases)
            (folder / name).write_bytes(data)
            names.add(name)
        result = subprocess.run(govlint_command() + ["--format", "json", "--no-cache", "-j", "1", str(folder)],
                                capture_output=True, timeout=HANG * BATCH)
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode in (0, 1) and "Traceback" not in stderr, stderr[-3000:]
        findings = json.loads(result.stdout.decode("utf-8"))
        assert findings and {d["path"].rsplit("/", 1)[-1] for d in findings} <= names
