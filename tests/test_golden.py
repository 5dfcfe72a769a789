"""Golden outputs: ``govlint --format json`` (and the default ``full`` format, which prints the
source lines) on the seeds, the real corpus, the format fixtures and a fuzz corpus derived
from them, compared byte for byte with the files stored in ``tests/golden/``.

Speed work must change no output; a deliberate change of behaviour (a new rule, a better
message, another position) changes these files, and is recorded by regenerating them:

    GOVLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

then reviewing ``git diff tests/golden`` before committing it.

Each input is linted in-process through the CLI's ``main`` three ways — without the cache,
filling a fresh cache, and served from it — and all three must print the stored bytes. The
fuzz corpus is generated here, deterministically (a fixed seed per input): line deletions,
duplications and swaps, changed and blanked figures, full-width digits, traditional
characters, CRLF, GB18030, UTF-16, invalid bytes, truncation, tabs for pipes, and the same
reports as HTML and Word files.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REAL, SEEDS
from docgen import to_docx, to_html
from govlint.cli import main

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GOVLINT_UPDATE_GOLDEN") == "1"
BASES = sorted(SEEDS.glob("*.txt")) + sorted(REAL.glob("*.txt")) + sorted((FIXTURES / "formats").glob("*.txt"))
MUTANTS_PER_BASE = 5
FORMATS = ("json", "full")

_FIGURE = re.compile(r"\d+")
_TRADITIONAL = str.maketrans("个开报门务数项处复说请议况关机发条时间为与们区县镇乡级办", "個開報門務數項處復說請議況關機發條時間為與們區縣鎮鄉級辦")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delete_line(text, rng):
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def _duplicate_line(text, rng):
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "\n".join(lines)


def _swap_lines(text, rng):
    lines = _lines(text)
    if len(lines) > 1:
        i = rng.randrange(len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines)


def _change_figure(text, rng):
    figures = list(_FIGURE.finditer(text))
    if not figures:
        return text
    m = rng.choice(figures)
    return text[: m.start()] + str(rng.choice((0, 1, 7, 13, 250, 2019, 2023, int(m.group()) + 1))) + text[m.end():]


def _blank_figure(text, rng):
    figures = list(_FIGURE.finditer(text))
    if not figures:
        return text
    m = rng.choice(figures)
    return text[: m.start()] + rng.choice(("-", "无", "", "/", "1O")) + text[m.end():]


def _full_width_region(text, rng):
    start = rng.randrange(len(text) or 1)
    end = start + rng.randrange(1, 400)
    return text[:start] + text[start:end].translate(_FULL_WIDTH_DIGITS) + text[end:]


def _traditional(text, rng):
    return text.translate(_TRADITIONAL)


def _truncate(text, rng):
    return text[: rng.randrange(len(text) + 1)]


def _pipes_to_tabs(text, rng):
    return "\n".join(line.strip().strip("|").replace("|", "\t") if line.lstrip().startswith("|") else line for line in _lines(text))


def _noise_line(text, rng):
    lines = _lines(text)
    noise = rng.choice(("｜｜｜", "|---|---|", "\t\t", "三、", "（一）", "合计 12 件", "2020年1月1日至2020年12月31日", "　", "@@@###"))
    lines.insert(rng.randrange(len(lines) + 1), noise)
    return "\n".join(lines)


TEXT_MUTATIONS = (_delete_line, _duplicate_line, _swap_lines, _change_figure, _change_figure, _blank_figure,
                  _full_width_region, _traditional, _truncate, _pipes_to_tabs, _noise_line)


def _encode(text: str, rng) -> bytes:
    """The text in one of the encodings and line endings reports arrive in, now and then
    with a few invalid bytes."""
    choice = rng.randrange(8)
    if choice == 0:
        return text.replace("\n", "\r\n").encode("utf-8")
    if choice == 1:
        return text.encode("gb18030", errors="replace")
    if choice == 2:
        return text.encode("utf-16")
    if choice == 3:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if choice == 4:
        data = bytearray(text.encode("utf-8"))
        for _ in range(3):
            data[rng.randrange(len(data) or 1):0] = bytes([rng.randrange(128, 256)])
        return bytes(data)
    return text.encode("utf-8")


def _mutants(base: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the fuzz inputs derived from one base report."""
    text = base.read_text(encoding="utf-8")
    rng = random.Random(f"govlint-golden:{base.name}")
    found = []
    for n in range(MUTANTS_PER_BASE):
        mutated = text
        for _ in range(rng.randrange(1, 4)):
            mutated = rng.choice(TEXT_MUTATIONS)(mutated, rng)
        found.append((f"{base.stem}.fuzz{n}.txt", _encode(mutated, rng)))
    found.append((f"{base.stem}.fuzz.html", to_html(_change_figure(text, rng), rng.choice(("gbk", "utf-8")))))
    return found


def _inputs(root: Path) -> list[Path]:
    """Every input under ``root``: the bases copied, their mutants written, a Word version of two."""
    paths = []
    for base in BASES:
        (root / base.name).write_bytes(base.read_bytes())
        paths.append(root / base.name)
        for name, data in _mutants(base):
            (root / name).write_bytes(data)
            paths.append(root / name)
    for base in BASES[:2]:
        to_docx(base.read_text(encoding="utf-8"), root / f"{base.stem}.fuzz.docx")
        paths.append(root / f"{base.stem}.fuzz.docx")
    for name, data in (("empty.fuzz.txt", b""), ("binary.fuzz.txt", bytes(range(256)) * 4), ("bom-only.fuzz.txt", b"\xef\xbb\xbf")):
        (root / name).write_bytes(data)
        paths.append(root / name)
    return sorted(paths)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    _inputs(root)
    return root


def _names() -> list[str]:
    """Input names, known without writing the corpus (for test ids)."""
    names = [b.name for b in BASES]
    for base in BASES:
        names += [f"{base.stem}.fuzz{n}.txt" for n in range(MUTANTS_PER_BASE)] + [f"{base.stem}.fuzz.html"]
    names += [f"{b.stem}.fuzz.docx" for b in BASES[:2]] + ["empty.fuzz.txt", "binary.fuzz.txt", "bom-only.fuzz.txt"]
    return sorted(names)


def _run(capsys, name: str, *options: str) -> bytes:
    """stdout of ``govlint`` run in-process on one file of the current directory."""
    capsys.readouterr()
    status = main(["--isolated", "-j", "1", "--exit-zero", "--color", "never", *options, name])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out.encode("utf-8", errors="surrogatepass")


@pytest.mark.parametrize("name", _names())
def test_output_is_byte_identical_to_golden(corpus, name, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for format_name in FORMATS:
        golden = GOLDEN / f"{name}.{format_name}"
        uncached = _run(capsys, name, "--format", format_name, "--no-cache")
        if UPDATE:
            GOLDEN.mkdir(exist_ok=True)
            golden.write_bytes(uncached)
        expected = golden.read_bytes()
        assert uncached == expected, f"{name} --format {format_name} differs from {golden} (see the module docstring to regenerate)"
        filling = _run(capsys, name, "--format", format_name, *cache)
        assert filling == expected, f"{name} --format {format_name}, filling the cache, differs from {golden}"
        served = _run(capsys, name, "--format", format_name, *cache)
        assert served == expected, f"{name} --format {format_name}, served from the cache, differs from {golden}"


def test_golden_files_match_the_inputs():
    """No stale golden file is left behind by an input that no longer exists."""
    expected = {f"{name}.{format_name}" for name in _names() for format_name in FORMATS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


def test_fuzz_corpus_is_deterministic(tmp_path):
    """The same bytes on every run and machine (random.Random seeded with a string hashes it with SHA-512)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = {p.name: p.read_bytes() for p in _inputs(tmp_path / "a") if p.suffix != ".docx"}
    second = {p.name: p.read_bytes() for p in _inputs(tmp_path / "b") if p.suffix != ".docx"}
    assert first == second and sorted(first) == [n for n in _names() if not n.endswith(".docx")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_whole_corpus_in_one_run_matches_the_golden_files(corpus, jobs, capsys, monkeypatch):
    """One run over the directory, serial and in two processes: the per-file golden findings,
    merged in the JSON output's order (path, line, column, code), byte for byte (without the
    findings across reports: the fuzz copies of one report pair with each other)."""
    monkeypatch.chdir(corpus)
    findings = []
    for name in _names():
        findings.extend(json.loads((GOLDEN / f"{name}.json").read_bytes()))
    findings.sort(key=lambda d: (d["path"], d["line"], d["column"], d["code"]))
    expected = (json.dumps(findings, ensure_ascii=False, indent=2) + "\n").encode("utf-8", errors="surrogatepass")
    capsys.readouterr()
    status = main(["--isolated", "--no-cache", "--no-pairs", "-j", jobs, "--exit-zero", "--format", "json", "."])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.encode("utf-8", errors="surrogatepass") == expected


def test_json_output_is_the_standard_librarys_indented_json():
    """The JSON format's own indenting (``govlint.output.json._indented``) against
    ``json.dumps(indent=2)``: escapes, non-BMP and lone surrogates, big and negative
    integers, and the shapes it hands back to ``json.dumps`` (other types, empty objects)."""
    from govlint.output.json import _indented

    rng = random.Random("govlint-json")
    alphabet = [chr(c) for c in (0, 9, 10, 13, 31, 34, 39, 47, 92, 127, 0x2028, 0x3000, 0x4E2D, 0xD800, 0xFFFF, 0x1F600)] + list("aZ1 :,{}[]")
    cases = [[], [{}], [{"a": True}], [{"a": None}], [{"a": 1.5}], [{"a": [1, "b"]}], [{"a": {"b": 1}}], [{1: "x"}], [{"a": 1}, {}]]
    for _ in range(500):
        cases.append([{"".join(rng.choices(alphabet, k=rng.randrange(4))): rng.choice((rng.randrange(-10**20, 10**20), "".join(rng.choices(alphabet, k=rng.randrange(12)))))
                       for _ in range(rng.randrange(1, 6))} for _ in range(rng.randrange(4))])
    for case in cases:
        assert _indented(case) == json.dumps(case, ensure_ascii=False, indent=2), case
