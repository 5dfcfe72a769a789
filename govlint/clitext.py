"""The command line in Chinese: argparse's own texts (usage, headings, errors) translated,
and "did you mean" hints (difflib) for misspelt options, choices, packs and rule codes."""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import contextmanager

# argparse's message ids (Python 3.10-3.13) and their Chinese; an id not listed stays English.
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误：%(message)s\n",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maximum %(max)d argument(s)": "无效的选择 %(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r（应为 %(type)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了显式参数 %r",
    "%r is not callable": "%r 不可调用",
}


def _zh(message: str) -> str:
    return _ZH.get(message, message)


def _zh_n(singular: str, plural: str, count: int) -> str:
    return _zh(singular if count == 1 else plural)


@contextmanager
def _chinese():
    """argparse looks its texts up through the module's ``_``/``ngettext`` at call time:
    swapped only while govlint's own parser runs."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _zh, _zh_n
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def did_you_mean(word: str, candidates) -> str:
    """``（是不是“X”？）`` for the closest candidate, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, [str(c) for c in candidates], n=1, cutoff=0.6)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f"（是不是“{close[0]}”？）" if close else ""


class ArgumentParser(argparse.ArgumentParser):
    """argparse in Chinese, with a hint for a misspelt option or choice; errors exit 2."""

    def __init__(self, *args, **kwargs):
        with _chinese():  # the headings and -h's help are made here
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with _chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _chinese():
            return super().parse_known_args(args, namespace)

    def format_help(self):
        with _chinese():
            return super().format_help()

    def format_usage(self):
        with _chinese():
            return super().format_usage()

    def error(self, message):
        with _chinese():
            self.print_usage(sys.stderr)
            message = message.replace("（应为 int）", "（应为整数）") + self._hint(message)
            self.exit(2, _zh("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})

    def _hint(self, message: str) -> str:
        unknown = re.match(r"^无法识别的参数：(.*)$", message)
        if unknown:
            options = [word.split("=")[0] for word in unknown.group(1).split() if word.startswith("-")]
            if options:
                return did_you_mean(options[0], self._option_string_actions)
        choice = re.search(r"无效的选择 '([^']*)'（可选：(.*)）", message)
        if choice:
            listed = choice.group(2)
            return did_you_mean(choice.group(1), re.findall(r"'([^']*)'", listed) or listed.split(", "))
        return ""
