"""Subcommands of ``govlint`` other than linting, one module each (``govlint pairs`` …)."""
