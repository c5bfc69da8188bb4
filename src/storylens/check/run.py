"""Run claim checks: one claim against many articles, or a fact-checker's list of claim/article pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from storylens.check.stance import ArticleView, Verdict, check, prepare_articles, prepare_claims
from storylens.ingest.readers import InputError, article_from_record, sanitize_text
from storylens.model import Article
from storylens.pipeline.build import Pipeline, build_profile
from storylens.pipeline.runner import Problem, process_batch
from storylens.settings import MAX_CLAIM_CHARS


def check_pipeline() -> Pipeline:
    """The article stages a claim check needs (profile `check`)."""
    return build_profile("check")


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """The JSON shape of one verdict (without the article or pair id)."""
    return {"stance": verdict.stance, "relatedness": round(verdict.relatedness, 3), "reason": verdict.reason,
            "evidence": verdict.evidence}


def claim_text(claim: str) -> str:
    """The claim as checked: invalid code points replaced, outer space stripped; ValueError when it is empty
    or longer than MAX_CLAIM_CHARS (a claim is a sentence or two; spaCy and the encoder choke on megabytes)."""
    text = sanitize_text(claim).strip()
    if not text:
        raise ValueError("the claim is empty")
    if len(text) > MAX_CLAIM_CHARS:
        raise ValueError(f"the claim is {len(text):,} characters long; at most {MAX_CLAIM_CHARS:,} are checked")
    return text


def check_claim(claim: str, articles: list[Article]) -> list[dict[str, Any]]:
    """Per article: {"article", "stance", "evidence", ...} for one claim, in article order (see `claim_text`)."""
    prepared = prepare_claims([claim_text(claim)])[0]
    return [{"article": view.article.id, **verdict_record(check(prepared, view))}
            for view in prepare_articles(articles)]


@dataclass
class PairsResult:
    """Verdicts for claim/article pairs in input order, plus the pairs that could not be checked."""

    results: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_pairs(pairs: Iterable[dict[str, Any]], pipeline: Pipeline, engine: Engine | None = None,
                on_done: Callable[[Any], None] | None = None) -> PairsResult:
    """Check each {"id", "claim", "article": <input record>}; each distinct article is analysed once."""
    out = PairsResult()
    valid: list[tuple[str, str, str]] = []  # (pair id, claim, article content hash)
    raw: dict[str, Article] = {}
    for n, pair in enumerate(pairs):
        parsed = _parse_pair(pair, n)
        if isinstance(parsed, InputError):
            out.problems.append(parsed)
            continue
        pair_id, claim, article = parsed
        raw.setdefault(article.content_hash, article)
        valid.append((pair_id, claim, article.content_hash))
    batch = process_batch(list(raw.values()), pipeline, engine, on_done=on_done)
    out.problems.extend(batch.problems)
    views = {a.content_hash: v for a, v in zip(batch.articles, prepare_articles(batch.articles), strict=True)}
    claims = dict(zip(*_unique_claims(valid), strict=True))
    for pair_id, claim, content_hash in valid:
        view: ArticleView | None = views.get(content_hash)
        if view is not None:
            out.results.append({"id": pair_id, **verdict_record(check(claims[claim], view))})
    return out


def _unique_claims(valid: list[tuple[str, str, str]]) -> tuple[list[str], list[Any]]:
    texts = list(dict.fromkeys(claim for _, claim, _ in valid))
    return texts, prepare_claims(texts)


def _parse_pair(pair: Any, n: int) -> tuple[str, str, Article] | InputError:
    where = f"pair {n + 1}"
    if not isinstance(pair, dict):
        return InputError(where, "not a JSON object")
    pair_id = sanitize_text(str(pair.get("id", n)))
    claim = pair.get("claim")
    if not isinstance(claim, str) or not claim.strip():
        return InputError(f"pair {pair_id}", "missing 'claim' text")
    try:
        claim = claim_text(claim)
    except ValueError as exc:
        return InputError(f"pair {pair_id}", str(exc))
    article = article_from_record(pair.get("article"), f"pair {pair_id}")
    if isinstance(article, InputError):
        return article
    return pair_id, claim, article
