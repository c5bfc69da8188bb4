"""The demo's report.json, compared field by field with a stored snapshot (issue 15: restructures keep output).

What differs run to run or machine to machine is normalised before comparing: each article's `source` is cut to
its path under the demo folder (the absolute checkout path differs), and floats compare to 1e-6 (BLAS builds
differ in the last digits). The demo records no timings.

A change that alters the output on purpose regenerates the snapshot, and says so in its commit:

    STORYLENS_UPDATE_SNAPSHOT=1 PYTHONPATH=src python -m pytest tests/test_demo_snapshot.py -q
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "demo-report.json"
REGENERATE = "STORYLENS_UPDATE_SNAPSHOT=1 PYTHONPATH=src python -m pytest tests/test_demo_snapshot.py -q"
DEMO_FOLDER = "demo/articles/"


def normalise(story: dict[str, Any]) -> dict[str, Any]:
    """The story with each article's `source` relative to the demo folder (the checkout path varies)."""
    for article in story["articles"]:
        source = article["source"].replace(os.sep, "/")
        article["source"] = source.split(DEMO_FOLDER, 1)[-1]
    return story


def first_difference(expected: Any, actual: Any, path: str = "$") -> str | None:
    """Where two JSON values first differ (floats within 1e-6), as 'path: expected != actual', or None."""
    if isinstance(expected, float) or isinstance(actual, float):
        if isinstance(expected, int | float) and isinstance(actual, int | float) \
                and math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9):
            return None
        return f"{path}: {expected!r} != {actual!r}"
    if type(expected) is not type(actual):
        return f"{path}: {type(expected).__name__} != {type(actual).__name__}"
    if isinstance(expected, dict):
        if expected.keys() != actual.keys():
            return f"{path}: keys {sorted(expected.keys() ^ actual.keys())} differ"
        return next((d for k in expected if (d := first_difference(expected[k], actual[k], f"{path}.{k}"))), None)
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items != {len(actual)}"
        return next((d for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                     if (d := first_difference(e, a, f"{path}[{i}]"))), None)
    return None if expected == actual else f"{path}: {expected!r} != {actual!r}"


@pytest.fixture(scope="module")
def demo_story(tmp_path_factory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("demo-snapshot")
    done = subprocess.run([sys.executable, "-m", "storylens.cli", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return normalise(json.loads((out / "report.json").read_text(encoding="utf-8")))


def test_demo_report_equals_snapshot(demo_story):
    """The demo's report.json equals tests/snapshots/demo-report.json (regenerate: see the module docstring)."""
    if os.environ.get("STORYLENS_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(demo_story, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.skip(f"snapshot regenerated: {SNAPSHOT}")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    difference = first_difference(expected, demo_story)
    assert difference is None, (f"demo report.json differs from the snapshot at {difference}. If the change is "
                                f"meant, regenerate it and say so in the commit: {REGENERATE}")


def test_first_difference_names_the_path():
    """The comparison tolerates float noise and names where a real difference is."""
    assert first_difference({"a": [1.0, "x"]}, {"a": [1.0 + 1e-12, "x"]}) is None
    assert first_difference({"a": [1.0, "x"]}, {"a": [1.0, "y"]}) == "$.a[1]: 'x' != 'y'"
    assert first_difference({"a": 1}, {"b": 1}) == "$: keys ['a', 'b'] differ"
    assert normalise({"articles": [{"source": "/x/y/demo/articles/b.jsonl:1"}]})["articles"][0]["source"] == "b.jsonl:1"
