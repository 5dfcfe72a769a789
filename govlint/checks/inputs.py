"""Check kinds for the input itself: what the read and normalize stages noticed."""

from __future__ import annotations

from govlint.checks import Finding, check_kind
from govlint.checks.documents import attachments


@check_kind("input-event", events=(list, True))
def input_event(report, params):
    """One finding per kind of input event (unreadable file, pinyin glosses, traditional
    script, conversion residue, …) that the read and normalize stages recorded."""
    wanted = params["events"]
    for event in report.events:
        if event.kind in wanted:
            yield Finding(event.span, {"count": event.count, "detail": event.detail}, event.kind)


@check_kind("not-a-report")
def not_a_report(report, params):
    """The file has no recognisable section and no table: a title alone, or a title with
    a paragraph, is not a report (a README, a page that only names its report) — it must
    never pass as a clean report. A page that only links to its report is GL007's."""
    if attachments(report):
        return
    if report.is_empty:
        yield Finding(report.whole_file, {}, "empty")
    elif not report.sections and not report.tables:
        yield Finding(report.whole_file, {"title": report.title.text} if report.title else {}, "title_only" if report.title else "default")
