"""Story stage `framing`: how each outlet tells the story, side by side.

Per outlet: its distinctive vocabulary (log-odds z against the other outlets, `logodds`), its tone
toward the story's main entities (VADER compound score averaged over its sentences naming each entity),
how often its claims are hedged, how many it states in its own voice rather than attributing them, whom
it quotes (`sourcing`), and which words its headline stresses compared with its body.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from storylens.ids import claim_id
from storylens.model import Article, Story
from storylens.stages.compare.logodds import log_odds_z, terms, top_terms
from storylens.stages.speech.sourcing import CATEGORIES, quoted_sources
from storylens.stages.story.coverage import outlet_name

TOP_TERMS = 8
MIN_Z = 1.0  # about one standard error: weaker differences are noise on a handful of articles
MAIN_ENTITIES = 5
BODY_TERMS = 5


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float:
    """VADER compound score of a sentence, -1 (negative) .. 1 (positive)."""
    return float(_vader().polarity_scores(text)["compound"])


def frame_outlets(story: Story) -> Story:
    """Assign `results["framing"]`: one record per outlet, in first-appearance order."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in story.articles:
        by_outlet[outlet_name(article)].append(article)
    counts = {o: Counter(t for a in arts for t in terms(_body(a))) for o, arts in by_outlet.items()}
    z = log_odds_z(counts) if len(counts) > 1 else {o: {} for o in counts}
    entities = main_entities(story)
    story.results["framing"] = [
        {"outlet": outlet, "articles": [a.id for a in arts],
         "distinctive_terms": top_terms(z[outlet], counts[outlet], TOP_TERMS, MIN_Z),
         "tone": tone(arts, entities), **claim_rates(arts), **quoted(arts),
         "headline": headline_stress(arts)}
        for outlet, arts in by_outlet.items()
    ]
    return story


def _body(article: Article) -> str:
    return " ".join(article.span_text(c) for c in article.layer("claims"))


def main_entities(story: Story, k: int = MAIN_ENTITIES) -> list[dict[str, Any]]:
    """The k most mentioned story entities that at least two articles name."""
    named = [e for e in story.results.get("entities", []) if len({m["article"] for m in e["mentions"]}) >= 2]
    return sorted(named, key=lambda e: -len(e["mentions"]))[:k]


def tone(articles: list[Article], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mean sentiment of the outlet's sentences naming each entity, with those sentences' claim ids."""
    position = {a.id: i for i, a in enumerate(articles)}
    rows = []
    for entity in entities:
        # (article position, claim index) of every claim of ours that mentions the entity, in text order.
        found = sorted({(position[m["article"]], n) for m in entity["mentions"] if m["article"] in position
                        for n in [_claim_at(articles[position[m["article"]]], m["start"])] if n is not None})
        if not found:
            continue
        claims = [(articles[a], articles[a].layer("claims")[n], n) for a, n in found]
        scores = [sentiment(article.span_text(span)) for article, span, _n in claims]
        rows.append({"entity": entity["id"], "name": entity["name"], "score": round(sum(scores) / len(scores), 3),
                     "sentences": [claim_id(article.id, n) for article, _span, n in claims]})
    return rows


def _claim_at(article: Article, offset: int) -> int | None:
    """Index of the claim covering a character offset, if any."""
    for n, claim in enumerate(article.layer("claims")):
        if claim.start <= offset < claim.end:
            return n
    return None


def claim_rates(articles: list[Article]) -> dict[str, float]:
    """Share of the outlet's claims that are hedged, and share stated in its own voice."""
    claims = [c for a in articles for c in a.layer("claims")]
    if not claims:
        return {"hedged_rate": 0.0, "own_voice_share": 0.0}
    hedged = sum(bool(c.attrs.get("hedged")) for c in claims)
    own = sum(c.attrs.get("voice") == "outlet" for c in claims)
    return {"hedged_rate": round(hedged / len(claims), 3), "own_voice_share": round(own / len(claims), 3)}


def quoted(articles: list[Article]) -> dict[str, Any]:
    """Quote counts per speaker category, and who was quoted with the cue that placed them."""
    records = [r for a in articles for r in quoted_sources(a)]
    counts = Counter(r["category"] for r in records)
    speakers: dict[tuple[str | None, str], dict[str, Any]] = {}
    for r in records:
        entry = speakers.setdefault((r["speaker"], r["category"]), {**r, "quotes": 0})
        entry["quotes"] += 1
    return {"quoted": {c: counts[c] for c in CATEGORIES}, "sources": list(speakers.values())}


def headline_stress(articles: list[Article]) -> dict[str, Any]:
    """Headline words ranked by how little the body uses them, with the body's own main words."""
    titled = [a for a in articles if a.title]
    if not titled:
        return {"text": None, "stressed": [], "body_terms": [], "explanation": "no headline"}
    article = titled[0]
    body = Counter(terms(_body(article)))
    head = list(dict.fromkeys(terms(article.title or "")))
    stressed = sorted(head, key=lambda t: (body[t], head.index(t)))
    body_top = [t for t, _n in body.most_common(BODY_TERMS)]
    return {"text": article.title, "stressed": stressed, "body_terms": body_top,
            "explanation": _explain(stressed, body, body_top)}


def _explain(stressed: list[str], body: Counter, body_top: list[str]) -> str:
    if not stressed:
        return "the headline has no content words"
    counts = ", ".join(f"'{t}' ({body[t]}x in body)" for t in stressed[:4])
    unsaid = [t for t in body_top if t not in stressed]
    tail = f"; the body's main words it leaves out: {', '.join(unsaid)}" if unsaid else ""
    return f"headline stresses {counts}{tail}"
