"""Reader for Word 97–2003 (.doc), WPS (.wps) and RTF: converted to .docx by LibreOffice
(``soffice --headless --convert-to docx``) when it is installed — found on ``PATH`` at run
time — in a subprocess with a fresh profile, under a time limit, then read as Word.
Without LibreOffice the file is GL001 with advice a clerk can follow."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from govlint.sources.base import MappedSource, UnreadableInput, checked_size

CONVERT_SECONDS = 60
"""The longest a conversion may take; LibreOffice's first start costs a few seconds."""
ADVICE = "请用 Word 或 WPS 另存为 .docx 后再检查"
_INSTALL = "（或安装 LibreOffice，例如 apt-get install libreoffice-writer-nogui，govlint 会自动使用它）"


def converter() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_TEXT_STREAMS = tuple(name.encode("utf-16-le") for name in ("WordDocument", "Wps", "WPS", "Kingsoft"))
"""Stream names (UTF-16 in the compound file's directory) of a Word or WPS text document."""


def read_legacy(data: bytes) -> MappedSource:
    checked_size(data, "Word/WPS 文件")
    if data.startswith(b"\xd0\xcf\x11\xe0") and not any(name in data for name in _TEXT_STREAMS):
        raise UnreadableInput(f"这是 Office 复合文档，但不是 Word 或 WPS 文字文档（可能是 Excel、PowerPoint 或损坏的文件）；{ADVICE}")
    program = converter()
    if program is None:
        raise UnreadableInput(f"这是 Word 97-2003（.doc）、WPS（.wps）或 RTF 格式的文件，读取它需要 LibreOffice，但本机没有安装；{ADVICE}{_INSTALL}")
    from govlint.sources.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="govlint-") as work:
        folder = Path(work)
        original = folder / ("report.rtf" if data.startswith(b"{\\rtf") else "report.doc")
        original.write_bytes(data)
        command = [program, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(folder / "out"), str(original)]
        _run(command)
        converted = folder / "out" / "report.docx"
        if not converted.is_file():
            raise UnreadableInput(f"LibreOffice 无法转换此文件（文件损坏，或是 LibreOffice 不支持的 WPS 格式）；{ADVICE}")
        source = read_docx(converted.read_bytes())
    return replace(source, encoding="doc")


def _run(command: list[str]) -> None:
    """Run the converter in its own process group; on the time limit, end the whole group."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError as exc:
        raise UnreadableInput(f"无法启动 LibreOffice（{exc.strerror or exc}）；{ADVICE}") from None
    try:
        process.wait(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL) if hasattr(os, "killpg") else process.kill()
        except OSError:
            pass
        process.wait()
        raise UnreadableInput(f"LibreOffice 转换超过 {CONVERT_SECONDS} 秒的时限，已中止；{ADVICE}") from None
