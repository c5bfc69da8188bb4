"""The JSON Schemas of storylens' machine-read outputs (docs/*.schema.json), and validation against them."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

# The schema files live in the repository's docs/ (documentation and code read the same files).
DOCS_DIR = Path(__file__).resolve().parents[3] / "docs"
# Output name -> schema file: `story` (analyze --json), `article` (one extract/export --jsonl line),
# `check` (check --json, both forms), `stories` (cluster --json).
SCHEMA_FILES = {"story": "story.schema.json", "article": "article-record.schema.json",
                "check": "check.schema.json", "stories": "stories.schema.json"}
SCHEMA_PATH = DOCS_DIR / SCHEMA_FILES["story"]


def load_schema(name: str = "story") -> dict[str, Any]:
    """Return the named output's JSON Schema as a dict (a fresh copy on every call)."""
    path = DOCS_DIR / SCHEMA_FILES[name]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{name} schema not found at {path}; it ships in the repository's docs/ folder"
        ) from exc


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every schema under its `$id`, so one schema can `$ref` another's definitions (e.g. the article)."""
    resources = [Resource.from_contents(load_schema(name)) for name in SCHEMA_FILES]
    return Registry().with_resources((r.id(), r) for r in resources)


@cache
def _validator(name: str) -> Draft202012Validator:
    """The checked validator of one schema, resolving `$ref`s to the other schemas (built once per name)."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


def validate(data: Any, name: str) -> None:
    """Raise ValueError naming the JSON path of the first violation of the named output's schema, if any."""
    error = best_match(_validator(name).iter_errors(data))
    if error is not None:
        raise ValueError(f"{error.json_path}: {error.message}")


def validate_story(data: dict[str, Any]) -> None:
    """Raise ValueError naming the JSON path of the first contract violation in `data`, if any."""
    validate(data, "story")
