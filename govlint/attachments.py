"""Reports attached to web pages: a page that only links to its report (GL007) is checked
through the attached file when that file lies beside the page."""

from __future__ import annotations

import os
import re
from pathlib import Path

_LINKED_FILE = re.compile(rb"\.(?:pdf|docx?|wps|ofd|rtf)\b", re.IGNORECASE)
_PAGES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")


def beside(paths: list[str]) -> list[str]:
    """The attached report files, lying next to attachment-only pages among ``paths``,
    that are not already among ``paths`` (each once, in the order the pages name them)."""
    pages = [p for p in paths if p != "-" and os.path.splitext(p)[1].lower() in _PAGES]
    if not pages:
        return []
    from govlint.checks.documents import attachments
    from govlint.lint import model, read_file

    known = None
    found: list[str] = []
    for page in pages:
        data = read_file(page)
        if isinstance(data, str) or not _LINKED_FILE.search(data):
            continue
        if known is None:  # resolved only when a page links a file: an archive of text reports costs no lookup
            known = {Path(p).resolve() for p in paths if p != "-"}
        report, _ = model(page, data)
        for event in attachments(report):
            candidate = Path(page).parent / Path(event.detail).name
            if candidate.is_file() and candidate.resolve() not in known:
                known.add(candidate.resolve())
                found.append(str(candidate))
    return found
