"""Check kinds for statements a section must make (the 信息处理费 statement in 六)."""

from __future__ import annotations

import re

from govlint import patterns as pack_patterns
from govlint.checks import Finding, check_kind

_ONLY_NONE = re.compile(r"^[无無没有。.\s]*$")


def _says(text: str, patterns) -> bool:
    compact = re.sub(r"\s+", "", text)
    return any(pack_patterns.search(p, compact) for p in patterns)


def _applies(report, params) -> bool:
    since = params.get("since_year")
    return not (since and report.year is not None and report.year < since)


PREAMBLE = "preamble"
"""``section: preamble`` means the text before section 一 (title excluded)."""


def _place(report, section_id: str):
    """(text, anchor span, paragraphs, label) of a section or of the preamble; None if absent."""
    if section_id == PREAMBLE:
        if not report.sections:
            return None
        anchor = report.title.span if report.title else report.sections[0].span
        return "\n".join(p.text for p in report.preamble), anchor, report.preamble, "报告开头"
    section = report.section(section_id)
    if section is None:
        return None
    return section.text, section.span, section.paragraphs, f"{section.schema.numeral}、{section.schema.heading}"


@check_kind("required-statement", section=(str, True), patterns=(list, True), since_year=(int, False), subject=(str, True), unless_elsewhere=(bool, False))
def required_statement(report, params):
    """The section (or ``preamble``) states the subject: one of ``patterns`` matches its
    text. With ``unless_elsewhere``, a statement made in another part is left to the
    misplaced-statement rule."""
    place = _place(report, params["section"])
    if place is None or not _applies(report, params):
        return
    text, anchor, paragraphs, label = place
    if _says(text, params["patterns"]):
        return
    if params.get("unless_elsewhere") and any(_says(p.text, params["patterns"]) for p in report.paragraphs()):
        return
    values = {"subject": params["subject"], "section": label}
    if paragraphs and _ONLY_NONE.match(text):
        yield Finding(paragraphs[0].span, {**values, "found": report.quote(paragraphs[0].span, paragraphs[0].text)}, "only_none")
    else:
        yield Finding(anchor, values)


@check_kind("misplaced-statement", section=(str, True), patterns=(list, True), since_year=(int, False), subject=(str, True), unless_elsewhere=(bool, False))
def misplaced_statement(report, params):
    """The statement is missing from its section but made in another part of the report."""
    place = _place(report, params["section"])
    if place is None or not _applies(report, params) or _says(place[0], params["patterns"]):
        return
    for paragraph in report.paragraphs():
        if _says(paragraph.text, params["patterns"]):
            yield Finding(paragraph.span, {"subject": params["subject"], "section": place[3]})
            return
