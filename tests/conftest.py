"""Shared fixtures: hand-built articles and the real pipeline (spaCy and the encoder load once)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.articles import make_text_article  # noqa: F401  (older tests import it from here)
from storylens.pipeline.build import Pipeline, build_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EVALS = Path(__file__).resolve().parent / "evals"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Eval gates (tests/evals/) carry the `eval` marker: `pytest -m "not eval"` leaves them out."""
    for item in items:
        if EVALS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.eval)

# Property tests: `make test` runs the "ci" profile, derandomised (examples drawn from a hash of each test,
# no example database), so a run is reproducible and CI never turns red at random. `make fuzz` runs the
# "fuzz" profile: random, FUZZ_FACTOR times the examples each test asks for (tests scale theirs with
# `property_examples`).
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full registered pipeline."""
    return build_pipeline()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server for this test session (fails, never skips, when it is not installed)."""
    from helpers.pg_server import running_postgres

    with running_postgres() as admin_url:
        yield admin_url


@pytest.fixture()
def pg_url(pg_server: str) -> str:
    """A fresh empty database on the session's PostgreSQL server."""
    from helpers.pg_server import new_database

    return new_database(pg_server)
