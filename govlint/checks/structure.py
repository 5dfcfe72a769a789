"""Check kinds for the report's structure: sections, their headings and contents, the title."""

from __future__ import annotations

import re

from govlint.checks import Finding, agency_matches, check_kind
from govlint.checks.documents import image_tables


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


@check_kind("required-topics", section=(str, True), topics=(list, True), applies_to=(dict, False))
def required_topics(report, params):
    """The section's text must cover each topic (any of its words). One finding lists
    every topic that is missing. ``applies_to: {agency: regex, not_agency: regex}``
    limits the rule to some agencies (matched on the title's agency name)."""
    section = report.section(params["section"])
    if section is None or not agency_matches(report, params.get("applies_to")):
        return
    text = re.sub(r"\s+", "", section.text)
    missing = [topic["name"] for topic in params["topics"] if not any(word in text for word in topic.get("words", [topic["name"]]))]
    if missing:
        yield Finding(section.span, {"section": _label(section.schema), "missing": "、".join(missing), "count": len(missing), "total": len(params["topics"])})


@check_kind("empty-section", sections=(list, True))
def empty_section(report, params):
    """A section heading followed by no text and no table (a table that is a picture is GL006's)."""
    pictured = {report.format.table(table_id).section for table_id in image_tables(report)}
    for section in report.sections:
        if section.schema.id in params["sections"] and not section.paragraphs and not section.table_cells and section.schema.id not in pictured:
            yield Finding(section.span, {"section": _label(section.schema)})


@check_kind("section-heading")
def section_heading(report, params):
    """A section recognised by a near match or by its numeral and position, whose heading
    is neither the standard text nor a known variant."""
    for section in report.sections:
        if section.match in ("near", "position"):
            yield Finding(section.span, {"found": f"{section.numeral}、{section.heading}", "expected": _label(section.schema)})
