"""Run settings shared by the shells: per-article limits and run options, set from CLI options (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_STAGE_TIMEOUT = 60.0
# Longest value of each length-limited field, in characters. The store's columns are declared from these
# and ingestion refuses a longer value with one line for that record, so SQLite (which would keep it) and
# PostgreSQL (which would raise) behave the same.
FIELD_LIMITS = {"id": 200, "language": 16, "published": 10, "story": 200}
MAX_CLAIM_CHARS = 2000  # a claim to check is a sentence or two; a longer one is refused with its reason
# Briefing length in words (`analyze --words`); here, not in the briefing stage, so the CLI can show the
# default without importing the NLP stack (`extract --text-only` starts fast).
BRIEFING_WORDS = 120
# How claims are grouped into facts (`analyze --claim-grouping`, `Story.options["claim_grouping"]`); the
# default is chosen and explained in `stages/story/groups.py`, kept here for the same reason as above.
CLAIM_GROUPINGS = ("pairs", "rules", "events")
DEFAULT_GROUPING = "pairs"


@dataclass(frozen=True)
class Limits:
    """What one article may cost: input bytes read, and seconds per article stage (0 = no time limit)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    stage_timeout: float = DEFAULT_STAGE_TIMEOUT

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"--max-bytes must be at least 1, got {self.max_bytes}")
        if self.stage_timeout < 0:
            raise ValueError(f"--stage-timeout must be 0 (no limit) or more, got {self.stage_timeout:g}")


@dataclass(frozen=True)
class RunOptions:
    """How a batch of articles runs: the store, the story to file them under, where the article stages run
    (a Dask scheduler, N local Dask workers, else one guarded worker process) and the per-article limits."""

    db: str | None = None
    story_id: str | None = None
    dask: str | None = None
    workers: int | None = None
    limits: Limits = field(default_factory=Limits)
    keep: bool = True  # False: stream into the store, keeping only counts and problems (flat memory)


def describe_bytes(count: int) -> str:
    """A byte count for messages: "20 MB", "512 KB" or "300 bytes"."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"
