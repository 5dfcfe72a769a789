"""Check kinds for what a document reader saw beside the text: a table that is only a
picture (GL006), a page that holds its report only as an attachment (GL007)."""

from __future__ import annotations

from govlint.checks import Finding, check_kind


def image_tables(report) -> dict:
    """``table id -> image event`` for each table that is missing from its section while
    a picture stands in that section (a table pasted or scanned as an image)."""
    images = [event for event in report.events if event.kind == "image"]
    if not images:
        return {}
    found = {}
    starts = [section.span.line for section in report.sections]
    for table in report.format.tables:
        if table.id in report.tables:
            continue
        for index, section in enumerate(report.sections):
            if section.schema.id != table.section:
                continue
            end = starts[index + 1] if index + 1 < len(starts) else float("inf")
            inside = [event for event in images if section.span.line < event.span.line <= end]
            if inside:
                found[table.id] = inside[0]
                break
    return found


def attachments(report) -> list:
    """The attachment events of a page that is not a report by itself (no section, no table)."""
    if report.sections or report.tables:
        return []
    return [event for event in report.events if event.kind == "attachment"]


@check_kind("image-table", tables=(list, True))
def image_table(report, params):
    """A table that is a picture: its numbers cannot be checked. One finding per table, at
    its section's heading like GL201 (which does not report it as missing)."""
    covered = image_tables(report)
    for table_id in params["tables"]:
        event = covered.get(table_id)
        if event is not None:
            schema = report.format.table(table_id)
            section = report.section(schema.section)
            yield Finding(section.span, {"table": schema.name, "title": schema.title, "detail": event.detail,
                                       "section": f"{section.schema.numeral}、{section.schema.heading}"})


@check_kind("report-in-attachment")
def report_in_attachment(report, params):
    """A page whose report is only an attached file: the page itself says nothing to check."""
    found = attachments(report)
    if found:
        names = "、".join(f"“{event.detail}”" for event in found[:3])
        yield Finding(found[0].span, {"attachment": names, "count": len(found)})
