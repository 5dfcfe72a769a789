"""govlint: a linter for Chinese government information-disclosure annual reports."""

__version__ = "0.1.0"
