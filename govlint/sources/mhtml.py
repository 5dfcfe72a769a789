"""Reader for web pages saved as one file (.mht, .mhtml: MIME multipart): the page's HTML
part, read as a web page. ``line`` counts the lines of that decoded HTML part."""

from __future__ import annotations

import email
import email.policy

from govlint.sources.base import MappedSource, UnreadableInput, checked_size


def read_mhtml(data: bytes) -> MappedSource:
    checked_size(data, "网页文件")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    from govlint.sources.html import read_html

    if not message.is_multipart() and message.get_content_type() != "text/html":
        return read_html(data)  # named .mht, but a plain saved page
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            text = payload.decode({"gb2312": "gb18030", "gbk": "gb18030"}.get(charset.lower(), charset))
        except (LookupError, UnicodeDecodeError):
            text = None
        return read_html(b"\xef\xbb\xbf" + text.encode("utf-8") if text is not None else payload)
    raise UnreadableInput("这个 .mht 网页文件中没有 HTML 正文；请在浏览器中打开原网页，另存为“网页，仅 HTML”后再检查")
