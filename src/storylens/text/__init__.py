"""Text helpers shared by stages: spaCy parsing (cached) and blocks, token spans, independent clauses, quantities."""
