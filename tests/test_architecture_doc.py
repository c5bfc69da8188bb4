"""docs/architecture.md's tree names every package of src/storylens and every top-level module, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "storylens"


def documented_tree(doc: str) -> tuple[set[str], set[str]]:
    """(packages like 'stages/article', top-level modules) from the first code block under '## The tree'."""
    block = doc.split("## The tree", 1)[1].split("```", 2)[1]
    lines = block.strip("\n").splitlines()
    modules = set(re.findall(r"\b\w+\.py\b", lines[0]))
    packages = {m.group(1) for line in lines[1:] if (m := re.match(r"\s{2}(\S+)/\s", line))}
    return packages, modules


def test_the_tree_in_the_doc_matches_the_packages_on_disk():
    packages, modules = documented_tree((REPO / "docs" / "architecture.md").read_text(encoding="utf-8"))
    on_disk = {str(p.parent.relative_to(PACKAGE)) for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    top = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert packages == on_disk, (f"in the doc only: {sorted(packages - on_disk)}; "
                                 f"on disk only: {sorted(on_disk - packages)}")
    assert modules == top, f"top-level modules: doc {sorted(modules)}, disk {sorted(top)}"
    assert len(top) + 1 <= 12, "issue 15: at most 12 modules at the top of src/storylens"
