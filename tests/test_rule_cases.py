"""sqlfluff-style rule cases: ``tests/rules/<CODE>.yaml`` holds, for one rule, report
texts and the exact findings of that rule on each (code, line, column), in order.

Case file format::

    rule: GL301
    cases:
      - name: short description
        text: |              # or bytes_hex: "ef bb bf ..." for binary/encoding inputs
          ...report text...
        encoding: gb18030    # optional: encode text with this codec instead of UTF-8
        expect: [[GL301, 5, 3]]   # [] for a passing case
        messages: ["为 6", ["表三", "总计"]]   # optional, one per finding: text (or
                             # texts) its message must contain; for message variants
        xfail: "bug: ..."    # optional: a known govlint bug (strict xfail)

Every case is linted with only its rule selected. Every rule of the national pack must
have a case file with at least one passing and one failing case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import lint_text, triples

CASES_DIR = Path(__file__).parent / "rules"
NATIONAL_PACK = Path(__file__).resolve().parent.parent / "rules" / "national"
CASE_KEYS = {"name", "text", "bytes_hex", "encoding", "expect", "messages", "xfail"}


def _load(path: Path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def national_codes() -> tuple[str, ...]:
    """The codes of the rules defined in the national pack (one YAML file per rule)."""
    codes = []
    for path in sorted(NATIONAL_PACK.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        data = _load(path)
        if isinstance(data, dict) and "code" in data:
            codes.append(data["code"])
    return tuple(codes)


@lru_cache(maxsize=1)
def case_files() -> dict[str, dict]:
    return {path.stem: _load(path) for path in sorted(CASES_DIR.glob("*.yaml"))}


def _data(case: dict) -> str | bytes:
    if "bytes_hex" in case:
        return bytes.fromhex(re.sub(r"\s+", "", case["bytes_hex"]))
    if case.get("encoding"):
        return case["text"].encode(case["encoding"])
    return case["text"]


def _params():
    for stem, data in case_files().items():
        for index, case in enumerate(data.get("cases") or []):
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            yield pytest.param(data.get("rule"), case, id=f"{stem}-{index}-{case.get('name', '')}", marks=marks)


@pytest.mark.parametrize("rule,case", list(_params()))
def test_rule_case(rule, case):
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    assert ("text" in case) != ("bytes_hex" in case), "a case gives text or bytes_hex"
    expected = [tuple(item) for item in case["expect"]]
    assert all(code == rule for code, _, _ in expected), "a case expects only findings of its rule"
    diagnostics = lint_text(_data(case), select=[rule])
    assert triples(diagnostics) == expected
    if "messages" in case:
        assert len(case["messages"]) == len(expected), "one messages entry per expected finding"
        for diagnostic, wanted in zip(diagnostics, case["messages"]):
            for part in [wanted] if isinstance(wanted, str) else wanted:
                assert part in diagnostic.message, f"{part!r} not in {diagnostic.message!r}"


def test_case_files_are_well_formed():
    files = case_files()
    assert files, "no case files under tests/rules"
    for stem, data in files.items():
        assert isinstance(data, dict) and set(data) == {"rule", "cases"}, stem
        assert data["rule"] == stem, f"{stem}.yaml is for rule {data['rule']}"
        names = [case["name"] for case in data["cases"]]
        assert len(names) == len(set(names)), f"{stem}: duplicate case names"


@pytest.mark.parametrize("code", national_codes())
def test_every_national_rule_has_passing_and_failing_cases(code):
    data = case_files().get(code)
    assert data is not None, f"no tests/rules/{code}.yaml for rule {code}"
    cases = [case for case in data["cases"] if not case.get("xfail")]
    assert any(case["expect"] == [] for case in cases), f"{code} has no passing case"
    assert any(case["expect"] for case in cases), f"{code} has no failing case"


def test_national_pack_is_what_the_cases_cover():
    codes = national_codes()
    assert {"GL001", "GL108", "GL208", "GL301", "GL304", "GL402", "GL502", "GL601"} <= set(codes)
    assert set(case_files()) <= set(codes), "a case file for a rule that is not in the national pack"
