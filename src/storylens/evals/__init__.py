"""Evaluation commands that score storylens against third-party data sets in ../shared/data."""

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def dataset_dir(name: str) -> Path:
    """Where the evaluation set `name` lives (../shared/data/NAME beside the repository)."""
    return SHARED_DATA / name
