"""Check kinds for the report's structure: sections, their headings and contents, the title."""

from __future__ import annotations

import re

from govlint import patterns
from govlint.checks import Finding, agency_matches, check_kind
from govlint.checks.statements import sentences


def _label(section_schema) -> str:
    return f"{section_schema.numeral}、{section_schema.heading}"


@check_kind("required-sections", sections=(list, True))
def required_sections(report, params):
    """Each listed section must be present. A missing one is reported where it belongs:
    at the heading of the next section present (or the last one before it)."""
    order = [s.id for s in report.format.sections]
    present = {s.schema.id: s for s in report.sections}
    if not present:
        return  # not a report at all: GL005's business
    for section_id in params["sections"]:
        if section_id in present:
            continue
        index = order.index(section_id)
        later = [present[i] for i in order[index + 1:] if i in present]
        earlier = [present[i] for i in order[:index] if i in present]
        anchor = later[0].span if later else earlier[-1].span
        yield Finding(anchor, {"section": _label(report.format.section(section_id))})


@check_kind("section-order")
def section_order(report, params):
    """Sections must follow the order 一 … 六."""
    order = [s.id for s in report.format.sections]
    highest = None
    for section in report.sections:
        index = order.index(section.schema.id)
        if highest is not None and index < order.index(highest.schema.id):
            yield Finding(section.span, {"section": _label(section.schema), "after": _label(highest.schema)})
        elif highest is None or index > order.index(highest.schema.id):
            highest = section


@check_kind("duplicate-section")
def duplicate_section(report, params):
    """A section heading may appear only once."""
    seen = {}
    for section in report.sections:
        first = seen.setdefault(section.schema.id, section)
        if first is not section:
            yield Finding(section.span, {"section": _label(section.schema), "first_line": first.span.line})


@check_kind("title")
def title(report, params):
    """The title names the agency and the report year: ``<机关>20XX年政府信息公开工作年度报告``."""
    if report.title is None:
        if report.sections:
            yield Finding(report.whole_file, {"title": "", "year": report.year or "20XX"}, "missing")
        return
    values = {"title": report.title.text, "year": report.title.year or (report.year or "20XX")}
    if not report.title.agency:
        yield Finding(report.title.span, values, "agency")
    if report.title.year is None:
        yield Finding(report.title.span, values, "year")


_SUB_ITEM = re.compile(r"[(（]\s{0,2}[一二三四五六七八九十]{1,2}\s{0,2}[)）]([^。：:\n]{0,40})")
_LEAD = re.compile(r"^(?:[(（][一二三四五六七八九十0-9]{1,2}[)）]|[0-9]{1,2}[.、]|[一二三四五六七八九十]是)?")


def _led_by(text: str, words: list[str]) -> bool:
    """Whether one of ``words`` leads a sentence (after its numbering: ``（一）``, ``1.``,
    ``一是``) or stands in a sub-item's heading (``（四）严格审查，强化公开监督``)."""
    if any(word in match.group(1) for match in _SUB_ITEM.finditer(text) for word in words):
        return True
    for start, end in sentences(text):
        sentence = text[start:end]
        rest = sentence[_LEAD.match(sentence).end():]
        if rest.startswith(tuple(words)):
            return True
    return False


@check_kind("required-topics", section=(str, True), topics=(list, True), applies_to=(dict, False))
def required_topics(report, params):
    """The section's text must cover each topic (FORMAT.md decision 1: the topic, not the
    exact words): one of its ``words`` (regular expressions, matched with spaces removed)
    anywhere, or one of its ``leads`` leading a sentence or standing in a sub-item's
    heading. One finding lists every topic that is missing. ``applies_to: {agency:
    regex, not_agency: regex}`` limits the rule to some agencies (matched on the title's
    agency name)."""
    section = report.section(params["section"])
    if section is None or not agency_matches(report, params.get("applies_to")):
        return
    lines = re.sub(r"[ \t\u3000]+", "", section.text)
    text = lines.replace("\n", "")
    missing = [topic["name"] for topic in params["topics"]
               if not patterns.any_search(topic.get("words", [topic["name"]]), text)
               and not (topic.get("leads") and _led_by(lines, topic["leads"]))]
    if missing:
        yield Finding(section.span, {"section": _label(section.schema), "missing": "、".join(missing), "count": len(missing), "total": len(params["topics"])})


@check_kind("empty-section", sections=(list, True), statements=(dict, False))
def empty_section(report, params):
    """A section heading followed by no text and no table. A section that must hold a
    table is reported by missing-table instead (a table that is a picture by GL006), and
    one that must make a statement (``statements: {section: since_year}``) by that
    statement's rule, from that year on: one defect, one finding."""
    table_sections = {t.section for t in report.format.tables}
    statements = params.get("statements", {})
    for section in report.sections:
        sid = section.schema.id
        if sid not in params["sections"] or section.paragraphs or section.table_cells or sid in table_sections:
            continue
        if sid in statements and (report.year is None or report.year >= statements[sid]):
            continue
        yield Finding(section.span, {"section": _label(section.schema)})


@check_kind("section-heading")
def section_heading(report, params):
    """A section recognised by a near match or by its numeral and position, whose heading
    is neither the standard text nor a known variant."""
    for section in report.sections:
        if section.match in ("near", "position"):
            yield Finding(section.span, {"found": f"{section.numeral}、{section.heading}", "expected": _label(section.schema)})
