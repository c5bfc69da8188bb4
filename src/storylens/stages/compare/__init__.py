"""Comparison helpers: claim neighbours, opposed words, an optional NLI scorer, log-odds."""
