"""Across reports: what a batch run compares between files (GL701–GL704).

Each linted file keeps a small fingerprint in its facts (``fingerprint.py``); after a run
the reports are paired, last year's with this year's, same agency (``pairing.py``), and the
pair findings are made from the fingerprints alone (``findings.py``), so cached results and
last year's archive cost a JSON read, never a re-parse.
"""
