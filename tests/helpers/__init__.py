"""Helpers shared by the tests: hand-written fictional stories, a PostgreSQL server, misbehaving stages."""
