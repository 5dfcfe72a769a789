"""Subcommands that have grown beyond a few lines of ``cli.py``: one module each, with a
``main(argv) -> exit status`` that ``cli.main`` dispatches to."""
