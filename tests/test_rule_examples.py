"""Every rule's own ``examples`` (in its YAML file) hold: each ``fail`` snippet makes the
rule report, each ``pass`` snippet does not."""

from __future__ import annotations

import pytest

from conftest import lint_text
from govlint.lint import default_ruleset

RULES = default_ruleset().rules


def _cases():
    for rule in RULES:
        for kind in ("fail", "pass"):
            for index, text in enumerate(rule.examples.get(kind, [])):
                yield pytest.param(rule, kind, text, id=f"{rule.code}-{kind}-{index}")


@pytest.mark.parametrize("rule,kind,text", list(_cases()))
def test_rule_example(rule, kind, text):
    codes = [d.code for d in lint_text(text, select=[rule.code])]
    if kind == "fail":
        assert rule.code in codes, f"{rule.code} did not report on its failing example"
    else:
        assert rule.code not in codes, f"{rule.code} reported on its passing example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_failing_example(rule):
    assert rule.examples.get("fail"), f"{rule.code} has no failing example"
