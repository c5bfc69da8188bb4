"""Text helpers shared by stages: token spans to characters, independent clauses, quantities."""
