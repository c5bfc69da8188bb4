"""Claim check: how an article stands toward a claim (agree, disagree, discuss, unrelated), with evidence.

No natural-language-inference model is installable offline, so the verdict comes from rules a person can
check: relatedness from sentence-vector similarity plus shared content words; then refuting cues ("hoax",
"denied", "debunked") in the article's lead or throughout it mean disagree, unless the claim itself is the
denial; reporting and hedging cues ("reportedly", "claims", "unconfirmed") mean discuss; otherwise agree.
The thresholds were tuned on the FNC-1 dev pairs (see `storylens.evals.stance`); nothing is trained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storylens.ids import claim_id
from storylens.model import Article
from storylens.stages.article.claims import HEDGES, cue_pattern
from storylens.stages.article.embed import encode
from storylens.text.parse import content_lemmas

STANCES = ("agree", "disagree", "discuss", "unrelated")

# Relatedness = SIMILARITY_WEIGHT * best sentence cosine + (1 - SIMILARITY_WEIGHT) * shared content words.
SIMILARITY_WEIGHT = 0.6
RELATED_AT = 0.36
# Refuting cues per 100 words of the article above which it disputes the claim.
REFUTE_DENSITY = 0.5
LEAD_SENTENCES = 3
# Discussion cues among the evidence sentences, or per 100 words of the article, that make it "discuss".
DISCUSS_IN_EVIDENCE = 2
DISCUSS_DENSITY = 1.0
EVIDENCE_SENTENCES = 4

REFUTING_CUES = (
    "hoax", "hoaxes", "fake", "faked", "false", "falsely", "untrue", "not true", "debunk", "debunked", "debunks",
    "denied", "denies", "deny", "denying", "myth", "satire", "satirical", "fabricated", "fabrication",
    "no evidence", "misleading", "bogus", "prank", "doctored", "photoshopped", "not real", "never happened",
    "did not happen", "didn't happen", "refuted", "refutes", "dismissed", "dismisses", "baseless", "made up",
    "spoof", "retracted", "not the case",
)
# Reporting words that keep a claim at arm's length, on top of the claim stage's hedges.
REPORTING_CUES = (
    "claim", "claims", "claimed", "claiming", "rumour", "rumours", "rumor", "rumors", "rumoured", "rumored",
    "unverified", "purported", "purportedly", "according to", "if true", "report", "reports", "reported",
    "speculation", "speculated", "believed", "said to", "not clear", "unclear", "seem", "seems", "appear",
    "appears",
)
NEGATIONS = ("not", "no", "never", "didn't", "doesn't", "isn't", "wasn't", "aren't", "won't", "n't")

REFUTING_RE = cue_pattern(REFUTING_CUES)
DISCUSSION_RE = cue_pattern(HEDGES + REPORTING_CUES)
DENIAL_RE = cue_pattern(REFUTING_CUES + NEGATIONS)


@dataclass(frozen=True)
class Claim:
    """A claim to check, prepared once: its text, content lemmas and sentence vector."""

    text: str
    lemmas: frozenset[str]
    vector: np.ndarray

    @property
    def is_denial(self) -> bool:
        """The claim itself denies or debunks something ("X did not ...", "the photo is a hoax")."""
        return bool(DENIAL_RE.search(self.text))

    @property
    def is_hedged(self) -> bool:
        """The claim is itself reported at arm's length ("X reportedly ...")."""
        return bool(DISCUSSION_RE.search(self.text))


@dataclass(frozen=True)
class ArticleView:
    """What the check needs from an analysed article: its claims' texts, vectors and content lemmas."""

    article: Article
    lemmas: frozenset[str]


@dataclass
class Verdict:
    """The stance of one article toward one claim, the scores behind it and the evidence sentences."""

    stance: str
    relatedness: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""


def prepare_claims(texts: Sequence[str]) -> list[Claim]:
    """Embed and lemmatise claims to check (batched)."""
    vectors = encode(list(texts))
    return [Claim(t, lem, v) for t, lem, v in zip(texts, content_lemmas(texts), vectors, strict=True)]


def prepare_articles(articles: Sequence[Article]) -> list[ArticleView]:
    """Content lemmas of each analysed article's text (batched)."""
    return [ArticleView(a, lem) for a, lem in zip(articles, content_lemmas(a.text for a in articles), strict=True)]


def check(claim: Claim, view: ArticleView) -> Verdict:
    """Decide the article's stance toward the claim and pick the sentences that show it."""
    article = view.article
    claims = article.layer("claims")
    texts = [article.span_text(c) for c in claims]
    similarities = article.vectors["claims"] @ claim.vector if claims else np.zeros(0, dtype=np.float32)
    overlap = len(claim.lemmas & view.lemmas) / max(1, len(claim.lemmas))
    best = float(similarities.max()) if len(similarities) else 0.0
    relatedness = SIMILARITY_WEIGHT * best + (1 - SIMILARITY_WEIGHT) * overlap
    if relatedness <= RELATED_AT:
        return Verdict("unrelated", relatedness, reason=f"relatedness {relatedness:.2f} <= {RELATED_AT}")
    order = [int(i) for i in np.argsort(-similarities)[:EVIDENCE_SENTENCES]]
    stance, reason, cue_sentences = _related_stance(claim, texts, order)
    picked = list(dict.fromkeys(cue_sentences + order))[:EVIDENCE_SENTENCES + 2]
    evidence = [_evidence(article, i, texts[i], float(similarities[i])) for i in picked]
    return Verdict(stance, relatedness, evidence, reason)


def _related_stance(claim: Claim, texts: list[str], order: list[int]) -> tuple[str, str, list[int]]:
    """Agree, disagree or discuss for a related article, with the reason and the sentences carrying cues."""
    words = max(1, sum(len(t.split()) for t in texts))
    refuting = [i for i, t in enumerate(texts) if REFUTING_RE.search(t)]
    refute_density = 100 * sum(len(REFUTING_RE.findall(texts[i])) for i in refuting) / words
    refuted_in_lead = any(i < LEAD_SENTENCES for i in refuting)
    if (refute_density > REFUTE_DENSITY or refuted_in_lead) and not claim.is_denial:
        return "disagree", f"refuting words ({refute_density:.1f} per 100 words)", refuting[:2]
    discussing = [i for i in order if DISCUSSION_RE.search(texts[i])]
    discuss_density = 100 * sum(len(DISCUSSION_RE.findall(t)) for t in texts) / words
    if claim.is_hedged or len(discussing) >= DISCUSS_IN_EVIDENCE or discuss_density > DISCUSS_DENSITY:
        return "discuss", f"reported at arm's length ({discuss_density:.1f} hedges per 100 words)", discussing[:2]
    return "agree", "related and stated without refuting or hedging words", []


def _evidence(article: Article, index: int, text: str, similarity: float) -> dict[str, Any]:
    claim = article.layer("claims")[index]
    cues = sorted({m.group(0).lower() for m in re.finditer(f"{REFUTING_RE.pattern}|{DISCUSSION_RE.pattern}",
                                                          text, re.IGNORECASE)})
    return {"claim": claim_id(article.id, index), "start": claim.start, "end": claim.end, "text": text,
            "similarity": round(similarity, 3), "cues": cues}
