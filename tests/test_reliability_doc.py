"""docs/reliability.md must not drift: every test it names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "reliability.md"


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_test_named_in_the_reliability_table_exists():
    named = re.findall(r"`(test_\w+\.py)::(test_\w+)`", DOC.read_text(encoding="utf-8"))
    assert len(named) >= 20
    missing = [f"{file}::{name}" for file, name in named
               if not (REPO / "tests" / file).exists() or name not in _test_names(REPO / "tests" / file)]
    assert not missing, f"docs/reliability.md names tests that do not exist: {missing}"
