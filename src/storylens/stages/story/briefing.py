"""Story stage `briefing`: a cited multi-source extractive summary, then what is disputed and single-sourced.

Every sentence of every article is a candidate, except questions and opinions (a briefing states what is
reported, not what writers think), boilerplate (captions, credits, calls to subscribe) and contested
claims (those go under "What is disputed"). A candidate's relevance adds up
four explainable signals, each scaled to 0..1 over the story:
- lead: news puts what matters first, so a sentence's rank in its article (1st, 2nd, ...) decays;
- centrality: cosine of its embedding to the story's mean claim embedding;
- corroboration: how closely the other independent sources say the same (their best-matching sentence);
- shared words: how many articles use its content words.
Selection is MMR (relevance against similarity to what is already chosen) until the word budget is
spent; the briefing keeps the chosen sentences in importance order, each citing its claim group's outlets.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from storylens.model import Story
from storylens.settings import BRIEFING_WORDS
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.compare.logodds import terms
from storylens.stages.story.coverage import FACT_KINDS, outlet_name

WORD_BUDGET = BRIEFING_WORDS
WEIGHTS = {"lead": 1.0, "centrality": 1.0, "corroboration": 1.0, "shared_words": 1.0}
LEAD_DECAY = 4.0  # sentence rank at which the lead signal has fallen to 1/e
MMR_LAMBDA = 0.7  # weight of relevance against redundancy with what is already chosen
MIN_WORDS, MAX_WORDS = 6, 70
MAX_CANDIDATES = 300
SINGLE_SOURCE_LIMIT = 8
QUOTE_OPENERS = "\"“‘«„'"
QUOTE_MARKS = "\"“”‘’«»„'"
PRONOUN_SPEAKER = re.compile(r"[,”\"]\s*(?:he|she|they|it|we) (?:said|added|told|says|warned)\b", re.IGNORECASE)
# Furniture the cleaner may leave in running text: captions, credits, calls to act, link residue.
BOILERPLATE = re.compile(
    r"\((?:AP|Associated Press|Reuters|AFP|Getty)[^)]*\)\s*$|\bAP Photo\b|\bGetty Images\b|\bPhoto(?:graph)?:"
    r"|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|him|her)\b|\bcopyright\b"
    r"|\ball rights reserved\b|https?://|www\.|@\w+|\bread more\b|\bwatch:|\bcaption\b|\bcomments?\b.*\bbelow\b"
    r"|^(?:you|your)\b",  # the page talking to its reader ("You can add location information to your Tweets")
    re.IGNORECASE)


def brief(story: Story) -> Story:
    """Assign `results["briefing"]`: the cited sentences, the disputed points and single-source claims."""
    words = int(story.options.get("words", WORD_BUDGET))
    index = ClaimIndex(story)
    groups = story.results.get("claim_groups", [])
    group_of = {c: g for g in groups for c in g["claims"]}
    candidates = [n for n, ref in enumerate(index.claims) if _candidate(ref, group_of)]
    relevance = relevance_scores(index, candidates, story.results)
    chosen = select(index, candidates, relevance, words, group_of)
    story.results["briefing"] = {
        "words": words,
        "sentences": [_sentence(index.claims[n], group_of) for n in chosen],
        "disputed": [{"conflict": c["id"], "text": c["explanation"]} for c in story.results.get("conflicts", [])],
        "single_source": _single_source(index, candidates, relevance, group_of),
    }
    return story


def _candidate(ref: ClaimRef, group_of: dict[str, dict[str, Any]]) -> bool:
    words = len(ref.text.split())
    group = group_of.get(ref.id, {})
    return (ref.span.label in FACT_KINDS and MIN_WORDS <= words <= MAX_WORDS
            and group.get("status") != "contested" and not BOILERPLATE.search(ref.text)
            and (_stands_alone(ref.text) or _speaker(ref) is not None))


def relevance_scores(index: ClaimIndex, candidates: list[int], results: dict[str, Any]) -> np.ndarray:
    """Weighted sum of the lead, centrality, corroboration and shared-words signals per candidate."""
    if not candidates:
        return np.zeros(0)
    signals = {
        "lead": np.array([np.exp(-index.claims[n].index / LEAD_DECAY) for n in candidates]),
        "centrality": _centrality(index, candidates),
        "corroboration": _corroboration(index, candidates, results.get("claim_pairs", []),
                                        results.get("sources", {})),
        "shared_words": _shared_words(index, candidates),
    }
    return sum(WEIGHTS[name] * _scaled(values) for name, values in signals.items())


def _scaled(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values, dtype=np.float64)


def _centrality(index: ClaimIndex, candidates: list[int]) -> np.ndarray:
    centroid = index.vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    return index.vectors[candidates] @ centroid


def _corroboration(index: ClaimIndex, candidates: list[int], pairs: list[tuple[str, str, float]],
                   sources: dict[str, str]) -> np.ndarray:
    """Mean over the other independent sources of their best cosine to the candidate.

    Uses the similar pairs the `claim_groups` stage proposed (each claim's nearest neighbours), so big
    stories never compare every pair; a source with no proposed pair counts 0.
    """
    source_of = {c.id: sources.get(c.article.id, c.article.id) for c in index.claims}
    others = max(1, len(set(source_of.values())) - 1)
    best: dict[tuple[str, str], float] = {}
    for a, b, similarity in pairs:
        for claim, other in ((a, b), (b, a)):
            key = (claim, source_of[other])
            if source_of[other] != source_of[claim] and similarity > best.get(key, 0.0):
                best[key] = similarity
    support: Counter = Counter()
    for (claim, _source), similarity in best.items():
        support[claim] += similarity
    return np.array([support[index.claims[n].id] / others for n in candidates])


def _shared_words(index: ClaimIndex, candidates: list[int]) -> np.ndarray:
    """Mean share of the story's articles that use each of the candidate's content words."""
    per_article: Counter = Counter()
    for article in index.story.articles:
        per_article.update(set(terms(article.text)))
    total = max(1, len(index.story.articles))
    scores = []
    for n in candidates:
        words = set(terms(index.claims[n].text))
        scores.append(sum(per_article[w] for w in words) / total / len(words) if words else 0.0)
    return np.array(scores)


def select(index: ClaimIndex, candidates: list[int], relevance: np.ndarray, budget: int,
           group_of: dict[str, dict[str, Any]]) -> list[int]:
    """MMR over the candidates until `budget` words; one sentence per claim group."""
    top = np.argsort(-relevance, kind="stable")[:MAX_CANDIDATES]
    pool = {int(k) for k in top}
    vectors = index.vectors[candidates]
    chosen: list[int] = []
    used_groups: set[str] = set()
    used = 0
    while pool and used < budget:
        redundancy = (vectors[sorted(pool)] @ vectors[chosen].T).max(axis=1) if chosen else np.zeros(len(pool))
        scores = MMR_LAMBDA * relevance[sorted(pool)] - (1 - MMR_LAMBDA) * redundancy
        best = sorted(pool)[int(np.argmax(scores))]
        pool.discard(best)
        ref = index.claims[candidates[best]]
        group = group_of.get(ref.id, {}).get("id", ref.id)
        length = len(ref.text.split())
        if group in used_groups or (used and used + length > budget):
            continue
        chosen.append(best)
        used_groups.add(group)
        used += length
    return [candidates[k] for k in chosen]


def _sentence(ref: ClaimRef, group_of: dict[str, dict[str, Any]]) -> dict[str, Any]:
    group = group_of.get(ref.id) or {"id": None, "claims": [ref.id], "articles": [ref.article.id],
                                     "outlets": [outlet_name(ref.article)]}
    return {"text": readable(ref), "claim": ref.id, "claims": list(group["claims"]),
            "articles": list(group["articles"]), "outlets": list(group.get("outlets", [])),
            "group": group["id"]}


def readable(claim: ClaimRef) -> str:
    """The claim as it reads alone: a quote sentence cut from its speaker is given the speaker's name."""
    speaker = _speaker(claim)
    if _stands_alone(claim.text) or not speaker:
        return claim.text
    inner = PRONOUN_SPEAKER.split(claim.text)[0].strip(QUOTE_MARKS + " ,")
    return f"{speaker}: “{inner}”"


def _speaker(claim: ClaimRef) -> str | None:
    quote_index = claim.span.attrs.get("quote")
    if quote_index is None:
        return None
    return claim.article.layer("quotes")[quote_index].attrs.get("speaker_name")


def _stands_alone(text: str) -> bool:
    """False for sentences a reader cannot place without their context: '"...," she said.', or one
    sentence out of a longer quotation (its quote marks do not pair up)."""
    opened = sum(text.count(c) for c in "“«„") != sum(text.count(c) for c in "”»")
    return not (text[:1] in QUOTE_OPENERS or PRONOUN_SPEAKER.search(text) or opened or text.count('"') % 2)


def _single_source(index: ClaimIndex, candidates: list[int], relevance: np.ndarray,
                   group_of: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The most relevant factual claims only one independent source makes, one per group."""
    found: dict[str, dict[str, Any]] = {}
    for k in np.argsort(-relevance, kind="stable"):
        ref = index.claims[candidates[int(k)]]
        group = group_of.get(ref.id)
        if group and group["independent_sources"] == 1 and ref.span.label in FACT_KINDS:
            found.setdefault(group["id"], {"group": group["id"], "text": ref.text,
                                           "outlet": outlet_name(ref.article)})
        if len(found) >= SINGLE_SOURCE_LIMIT:
            break
    return list(found.values())
