"""Check kinds for the report year, the statistical period, stale years and the report date."""

from __future__ import annotations

import re
from datetime import date

from govlint.checks import Finding, agency_matches, check_kind

_NARRATIVE_YEAR = re.compile(
    r"(?<![较比与同自从于至截\d〔\[(])(\d{4})\s*年度?(?=\s*[，,]|政府信息公开工作|\s*全(?:年|区|市|县|镇|乡|街道)|(?:\s*[,，])?\s*(?:我|本)(?:镇|乡|区|县|市|局|单位|机关|街道))"
)
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def _fmt(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（无法识别的日期）"


@check_kind("report-year")
def report_year(report, params):
    """The report year must be known: from the title, or from a stated statistical period."""
    if report.year is None and (report.sections or report.title):
        yield Finding(report.title.span if report.title else report.whole_file, {})


@check_kind("period-statement")
def period_statement(report, params):
    """Some sentence states the statistical period of the data."""
    if not report.periods and report.sections:
        yield Finding(report.title.span if report.title else report.whole_file, {"year": report.year or "20XX"})


@check_kind("period-mismatch")
def period_mismatch(report, params):
    """A stated statistical period must be 1 January – 31 December of the report year."""
    year = report.year
    if year is None:
        return
    for period in report.periods:
        if period.start != date(year, 1, 1) or period.end != date(year, 12, 31):
            yield Finding(period.span, {"found": f"{_fmt(period.start)}至{_fmt(period.end)}", "year": year})


@check_kind("stale-year", lookback=(int, False))
def stale_year(report, params):
    """An earlier year written where the report year belongs (``2023年，我镇…`` in a 2024
    report): the mark of last year's text copied forward. Comparisons (``较2023年``),
    ranges (``2023年以来``), document numbers (``〔2023〕``) and later years are not findings."""
    year = report.year
    if year is None:
        return
    lookback = params.get("lookback", 3)
    for paragraph in report.paragraphs():
        for match in _NARRATIVE_YEAR.finditer(paragraph.text):
            found = int(match.group(1))
            if year - lookback <= found < year:
                yield Finding(report.locate(paragraph, match.start(1), match.end()), {"found": found, "year": year})


@check_kind("report-date", deadline=(str, True), government_deadline=(str, False), government=(dict, False))
def report_date(report, params):
    """The date under the report (a line of its own near the end) lies after the period
    and by the deadline: ``deadline`` (MM-DD of the next year), or ``government_deadline``
    for a government's own report (agency matching ``government``)."""
    year = report.year
    if year is None or not report.sections:
        return
    tail = report.sections[-1].paragraphs[-3:]
    for paragraph in reversed(tail):
        match = _DATE_LINE.match(paragraph.text.replace(" ", ""))
        if not match:
            continue
        try:
            signed = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return
        deadline = params["deadline"]
        if params.get("government") and params.get("government_deadline") and agency_matches(report, params["government"]):
            deadline = params["government_deadline"]
        month, day = (int(x) for x in deadline.split("-"))
        last = date(year + 1, month, day)
        values = {"found": _fmt(signed), "year": year, "deadline": _fmt(last)}
        if signed <= date(year, 12, 31):
            yield Finding(paragraph.span, values, "early")
        elif signed > last:
            yield Finding(paragraph.span, values, "late")
        return
