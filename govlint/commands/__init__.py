"""Subcommands that have grown beyond a few lines of ``cli.py``: one module each, with a
``main(argv) -> exit status`` that ``cli.main`` dispatches to."""


def batch_options(parser, verb: str = "检查") -> None:
    """``-j``, ``--no-cache`` and ``--cache-dir`` of a command that reads many files, worded as
    the lint command words them (``verb``: what each process does with a file)."""
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help=f"用 N 个进程{verb}（默认：全部 CPU 核）")
    parser.add_argument("--no-cache", action="store_true", help="不读写结果缓存")
    parser.add_argument("--cache-dir", metavar="DIR", help="结果缓存的位置（默认 ~/.cache/govlint 或 $GOVLINT_CACHE_DIR）")
