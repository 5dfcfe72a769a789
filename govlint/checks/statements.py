"""Check kinds for statements a section must make (the 信息处理费 statement in 六)."""

from __future__ import annotations

import re
from functools import lru_cache

from govlint.checks import Finding, check_kind

_ONLY_NONE = re.compile(r"^[无無没有。.\s]*$")


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]):
    return [re.compile(p) for p in patterns]


def _says(text: str, patterns) -> bool:
    compact = re.sub(r"\s+", "", text)
    return any(p.search(compact) for p in _compiled(tuple(patterns)))


def _applies(report, params) -> bool:
    since = params.get("since_year")
    return not (since and report.year is not None and report.year < since)


@check_kind("required-statement", section=(str, True), patterns=(list, True), since_year=(int, False), subject=(str, True))
def required_statement(report, params):
    """The section states the subject (one of ``patterns`` matches its text). When another
    section states it instead, the misplaced-statement rule reports that instead."""
    section = report.section(params["section"])
    if section is None or not _applies(report, params):
        return
    if _says(section.text, params["patterns"]):
        return
    others = [s for s in report.sections if s is not section] + [None]
    if any(_says(s.text if s else "\n".join(p.text for p in report.preamble), params["patterns"]) for s in others):
        return
    values = {"subject": params["subject"], "section": f"{section.schema.numeral}、{section.schema.heading}"}
    if section.paragraphs and _ONLY_NONE.match(section.text):
        yield Finding(section.paragraphs[0].span, {**values, "found": section.paragraphs[0].text}, "only_none")
    else:
        yield Finding(section.span, values)


@check_kind("misplaced-statement", section=(str, True), patterns=(list, True), since_year=(int, False), subject=(str, True))
def misplaced_statement(report, params):
    """The statement is missing from its section but made in another one."""
    section = report.section(params["section"])
    if section is None or not _applies(report, params) or _says(section.text, params["patterns"]):
        return
    for paragraph in report.paragraphs():
        if _says(paragraph.text, params["patterns"]):
            yield Finding(paragraph.span, {"subject": params["subject"], "section": f"{section.schema.numeral}、{section.schema.heading}"})
            return
