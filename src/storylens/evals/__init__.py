"""Evaluation commands that score storylens against third-party data sets in ../shared/data."""

import hashlib
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def dataset_dir(name: str) -> Path:
    """Where the evaluation set `name` lives (../shared/data/NAME beside the repository)."""
    return SHARED_DATA / name


HALVES = ("tuning", "checking")
SPLIT_SALT = "storylens-split-1"  # fixed once (issue 17); changing it would let tuning see the checking pages


def split_halves(keys: list[str]) -> dict[str, str]:
    """Each key's half: keys ranked by sha-256 of salt + key; the first half (rounded down) tunes, the rest checks.

    Fixed once and independent of the order or content of the data, so a page never changes sides."""
    ranked = sorted(keys, key=lambda k: hashlib.sha256(f"{SPLIT_SALT}:{k}".encode()).hexdigest())
    return {k: HALVES[0] if i < len(ranked) // 2 else HALVES[1] for i, k in enumerate(ranked)}


def fresh_date_caches() -> None:
    """Empty htmldate's result caches, so a system measured after another reuses none of its answers."""
    from htmldate.meta import reset_caches

    reset_caches()
