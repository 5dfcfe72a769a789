"""Subcommands of ``govlint`` other than linting, one module each (``govlint show``, …)."""
