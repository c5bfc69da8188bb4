"""The JSON Schema of the `storylens.story/1` output contract, and validation against it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

# The one schema file lives in the repository's docs/ (documentation and code read the same file).
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "story.schema.json"


def load_schema() -> dict[str, Any]:
    """Return the `storylens.story/1` JSON Schema as a dict (a fresh copy on every call)."""
    try:
        return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"story schema not found at {SCHEMA_PATH}; it ships in the repository's docs/ folder"
        ) from exc


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_story(data: dict[str, Any]) -> None:
    """Raise ValueError naming the JSON path of the first contract violation in `data`, if any."""
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ValueError(f"{error.json_path}: {error.message}")
