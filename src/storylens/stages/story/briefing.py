"""Story stage `briefing`: a cited multi-source extractive summary, then what is disputed and single-sourced.

Every sentence of every article is a candidate, except questions and opinions (a briefing states what is
reported, not what writers think), boilerplate (captions, credits, calls to subscribe) and contested
claims (those go under "What is disputed"). A candidate's relevance adds up
four explainable signals, each scaled to 0..1 over the story:
- lead: news puts what matters first, so a sentence's rank in its article (1st, 2nd, ...) decays;
- centrality: cosine of its embedding to the story's mean claim embedding;
- corroboration: how closely the other independent sources say the same (their best-matching sentence);
- shared words: how many articles use its content words.
Selection is MMR (relevance, scaled to 0..1, against cosine similarity to what is already chosen) until the word
budget is spent; the briefing shows the chosen sentences as it reads (`reading_order`: agreed ones first, each part
in the order the articles tell it), each citing its claim group's outlets. One sentence per claim group, and none
the claim-pair model finds the same fact as one already shown (`results["claim_pair_chances"]` at SAME_FACT or
above: the groups leave such pairs apart when average link or a cannot-link outvotes them, but a reader still sees
the fact twice).

The briefing reads top down (`lead.py`): the lead is the most corroborated event told in one complete
sentence (who, what, when, where); then what the outlets agree on (sentences of claim groups with two or
more independent sources), then the rest of the selection; `disputed` holds one line per conflict naming
both outlets, `single_source` the notable facts one source alone reports. Every line passes the sentence
guard (`lead.complete_sentence`: no fragment, heading, headline or page furniture) and cites its claims.
No line after the lead states the lead's event again as its own news in the outlet's voice (`lead.restating`),
and none whose own news has only a he / she / they for its agent (`lead.pronoun_led`: "She repeated that ...").
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
from storylens.stages.story.groups import anchors
from storylens.stages.story.lead import (
    BOILERPLATE,
    DOUBLE_MARKS,
    ENDS,
    FIRST_PERSON,
    choose_lead,
    complete_sentence,
    pronoun_led,
    restating,
    unpaired_quotes,
)

WORD_BUDGET = BRIEFING_WORDS
WEIGHTS = {"lead": 1.0, "centrality": 1.0, "corroboration": 1.0, "shared_words": 1.0}
LEAD_DECAY = 4.0  # sentence rank at which the lead signal has fallen to 1/e
MMR_LAMBDA = 0.7  # weight of relevance against redundancy with what is already chosen
# Pair-model chance at which two sentences state one fact: chosen on the Multi-News tuning half (0.4, 0.6 and 0.8
# tried); reading the 60 BASIL tuning briefings, 12 of the 14 pairs it removes at 0.8 say one fact twice.
SAME_FACT = 0.8
MIN_WORDS, MAX_WORDS = 6, 70
MAX_CANDIDATES = 300
SINGLE_SOURCE_LIMIT = 8
SENTENCE_FIELDS = ("text", "claim", "claims", "articles", "outlets", "group")
QUOTE_OPENERS = "\"“‘«„'"
QUOTE_MARKS = "\"“”‘’«»„'"
DOUBLE_OPENERS = "\"“«„"  # not the apostrophe-like marks, which open possessives as often as quotations
QUOTED_HEAD = re.compile(r"^\s*[\"“«„]([^\"”»]+?)[,\s]*[\"”»]")  # the quotation opening a sentence
# What may follow the closing mark of a quotation's last sentence: ', Varga said.' / ' she added.' (no new clause).
ATTRIBUTION_TAIL = re.compile(r"^[,\s]*[^.!?;]{0,60}\b(?:said|added|told|says|warned|wrote)\b[^.!?;]{0,60}[.!?]?\s*$")
PRONOUN_SPEAKER = re.compile(r"[,”\"]\s*(?P<who>he|she|they|it|we) (?:said|added|told|says|warned)\b", re.IGNORECASE)


def brief(story: Story) -> Story:
    """Assign `results["briefing"]`: the cited sentences, the disputed points and single-source claims."""
    words = int(story.options.get("words", WORD_BUDGET))
    index = ClaimIndex(story)
    groups = story.results.get("claim_groups", [])
    group_of = {c: g for g in groups for c in g["claims"]}
    candidates = [n for n, ref in enumerate(index.claims) if _candidate(ref, group_of)]
    relevance = relevance_scores(index, candidates, story.results)
    lead = choose_lead(story, index, group_of, {index.claims[n].id: float(r) for n, r in zip(candidates, relevance,
                                                                                              strict=True)})
    taken = {lead["group"] or lead["claim"]} if lead else set()
    # Sentences that state the lead's event as their own news say the lead again, however worded; a speaker's
    # words on it are kept (a voice the lead does not give).
    taken |= {(group_of.get(c) or {}).get("id") or c for c in (restating(lead, story, index) if lead else [])
              if _speaker(index.ref(c)) is None}
    spent = len(lead["text"].split()) if lead else 0
    seed = [index.position[lead["claim"]]] if lead else []
    repeats = {frozenset((a, b)) for a, b, chance in story.results.get("claim_pair_chances", []) if chance >= SAME_FACT}
    echoed = _echoed(index, repeats, story.results.get("sources", {}))
    chosen = select(index, candidates, relevance, words, group_of, taken, spent, seed, repeats)
    sentences = reading_order(index, [_sentence(index.claims[n], group_of) for n in chosen])
    if lead:
        sentences.insert(0, {key: lead[key] for key in SENTENCE_FIELDS} | {"section": "lead"})
    elif sentences:
        sentences[0]["section"] = "lead"
        lead = {**sentences[0], "event": None, "who": [], "what": None, "when": None, "where": None,
                "when_text": None}
    story.results["briefing"] = {
        "words": words,
        "lead": lead,
        "sentences": sentences,
        "disputed": _disputed(story),
        # A line the briefing already shows is not listed again.
        "single_source": _single_source(index, candidates, relevance, group_of,
                                        taken | {s["group"] or s["claim"] for s in sentences}, echoed),
    }
    return story


def _disputed(story: Story) -> list[dict[str, Any]]:
    """One line per conflict (its explanation names both outlets), citing both claims and their outlets."""
    outlet_of = {a.id: outlet_name(a) for a in story.articles}
    lines = []
    for conflict in story.results.get("conflicts", []):
        claims = list(conflict.get("claims", []))
        articles = list(dict.fromkeys(c.rsplit(":", 1)[0] for c in claims))
        lines.append({"conflict": conflict["id"], "text": conflict["explanation"], "claims": claims,
                      "articles": articles, "outlets": list(dict.fromkeys(outlet_of.get(a, a) for a in articles))})
    return lines


def _candidate(ref: ClaimRef, group_of: dict[str, dict[str, Any]]) -> bool:
    words = len(ref.text.split())
    group = group_of.get(ref.id, {})
    # Shown as written when it reads alone (then it must name who acts), else under its speaker's name.
    shown = not pronoun_led(ref) if _reads_alone(ref.text) else _speaker(ref) is not None
    return (ref.span.label in FACT_KINDS and MIN_WORDS <= words <= MAX_WORDS
            and group.get("status") != "contested" and not BOILERPLATE.search(ref.text)
            and shown and complete_sentence(readable(ref), ref.article.title))


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
           group_of: dict[str, dict[str, Any]], taken: set[str] | None = None, spent: int = 0,
           seed: list[int] | None = None, repeats: set[frozenset[str]] | None = None) -> list[int]:
    """MMR over the candidates until `budget` words (`spent` already used by the lead); one sentence per claim
    group, none from `taken`, none forming a `repeats` pair (claim ids) with one already chosen; `seed` (claim
    positions already in the briefing: the lead) counts as chosen, so no sentence repeats the lead in other words."""
    top = np.argsort(-relevance, kind="stable")[:MAX_CANDIDATES]
    pool = {int(k) for k in top}
    # MMR weighs relevance against a cosine, so both must lie on one 0..1 scale: the summed signals reach 4, and
    # unscaled they left redundancy a quarter of its weight (two outlets' wordings of one fact both got in).
    relevance = relevance / max(float(relevance.max()), 1e-9) if len(relevance) else relevance
    shown = [index.claims[n].id for n in seed or []]
    vectors = index.vectors[candidates]
    seeded = index.vectors[list(seed or [])]
    chosen: list[int] = []
    used_groups: set[str] = set(taken or ())
    used = spent
    while pool and used < budget:
        picked = np.vstack([seeded, vectors[chosen]])
        redundancy = (vectors[sorted(pool)] @ picked.T).max(axis=1) if len(picked) else np.zeros(len(pool))
        scores = MMR_LAMBDA * relevance[sorted(pool)] - (1 - MMR_LAMBDA) * redundancy
        best = sorted(pool)[int(np.argmax(scores))]
        pool.discard(best)
        ref = index.claims[candidates[best]]
        group = group_of.get(ref.id, {}).get("id", ref.id)
        length = len(ref.text.split())
        if group in used_groups or (used and used + length > budget):
            continue
        if repeats and any(frozenset((ref.id, other)) in repeats for other in shown):
            continue
        chosen.append(best)
        shown.append(ref.id)
        used_groups.add(group)
        used += length
    return [candidates[k] for k in chosen]


def reading_order(index: ClaimIndex, sentences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chosen sentences as the briefing reads after its lead: the agreed ones (two or more sources), then the
    rest, each part in story order (a claim's relative place in its article: news tells background after the news).

    MMR picks in order of importance, which jumps between aspects; the report shows the agreed part first, so the
    JSON keeps that order too (one order for every reader of the briefing)."""
    sizes = Counter(ref.article.id for ref in index.claims)

    def place(sentence: dict[str, Any]) -> tuple[bool, float]:
        ref = index.ref(sentence["claim"])
        return sentence["section"] != "agreed", ref.index / sizes[ref.article.id]

    return sorted(sentences, key=place)


def _sentence(ref: ClaimRef, group_of: dict[str, dict[str, Any]]) -> dict[str, Any]:
    group = group_of.get(ref.id) or {"id": None, "claims": [ref.id], "articles": [ref.article.id],
                                     "outlets": [outlet_name(ref.article)]}
    independent = group.get("independent_sources", 1)
    return {"text": readable(ref), "claim": ref.id, "claims": [ref.id] + [c for c in group["claims"] if c != ref.id],
            "articles": list(group["articles"]), "outlets": list(group.get("outlets", [])),
            "group": group["id"], "section": "agreed" if independent >= 2 else "single-source"}


def readable(claim: ClaimRef) -> str:
    """The claim as it reads alone: a quote sentence cut from its speaker, or one in the first person, is given the
    speaker's name (and its end stop: '"We are safe," she said.' -> 'Ines Cardo: “We are safe.”')."""
    speaker = _speaker(claim)
    if _reads_alone(claim.text) or not speaker:
        return claim.text
    said = PRONOUN_SPEAKER.search(claim.text)
    if said and not any(mark in claim.text[: said.start("who")] for mark in DOUBLE_MARKS):
        # Reported speech whose attribution closes no quotation ("..., he said that he was ready to ...", "Instead,
        # he said it was a system to “facilitate” ...") is the writer's wording: it gets the speaker's name in place
        # of the pronoun, never quotation marks.
        return claim.text[: said.start("who")] + speaker + claim.text[said.end("who") :]
    head = QUOTED_HEAD.match(claim.text)
    if head and speaker.split()[-1].casefold() in claim.text[head.end():].casefold():
        return claim.text  # '"...," Mayor Voss said.' names its speaker already
    opening = next((n for n, ch in enumerate(claim.text) if ch in DOUBLE_OPENERS), 0)
    if speaker.split()[-1].casefold() in claim.text[:opening].casefold():
        # 'Voss wrote on Friday: “We will ...' names its speaker before a quotation the next sentence goes on
        # with: as written, with that quotation closed.
        return claim.text.rstrip() + ("”" if unpaired_quotes(claim.text) else "")
    inner = head.group(1) if head else _before_attribution(claim.text)
    inner = inner.strip(QUOTE_MARKS + " ,")
    return f"{speaker}: “{inner}{'' if inner[-1:] in ENDS else '.'}”"


def _before_attribution(text: str) -> str:
    """The quoted words of a sentence that ends a longer quotation ('... his work," Goelman said.' -> '... his
    work'): the text before its last closing mark when what follows attributes it (by name, pronoun or title: "the
    president said", the tail the quotes stage read the speaker from); else before "he said"."""
    close = max(text.rfind(mark) for mark in "”»\"")
    if close > 0 and ATTRIBUTION_TAIL.match(text[close + 1 :]):
        return text[:close]
    return PRONOUN_SPEAKER.split(text)[0]


def _speaker(claim: ClaimRef) -> str | None:
    quote_index = claim.span.attrs.get("quote")
    if quote_index is None:
        return None
    return claim.article.layer("quotes")[quote_index].attrs.get("speaker_name")


def _stands_alone(text: str) -> bool:
    """False for sentences a reader cannot place without their context: '"...," she said.', or one
    sentence out of a longer quotation (its quote marks do not pair up)."""
    # Counted over every style together: outlets pair “ with a straight " often enough ("“will not cave"").
    return not (text[:1] in QUOTE_OPENERS or PRONOUN_SPEAKER.search(text) or unpaired_quotes(text))


def _reads_alone(text: str) -> bool:
    """A sentence that stands alone and does not speak in the first person: "I am trying to save lives." is a
    sentence from inside a longer quotation (its marks are on the sentences around it), so it needs its speaker."""
    return _stands_alone(text) and not FIRST_PERSON.match(text)


def _echoed(index: ClaimIndex, repeats: set[frozenset[str]], sources: dict[str, str]) -> set[str]:
    """Claim ids the claim-pair model finds another independent source stating too (a `repeats` pair across two
    sources; wire copies of one report are one source), grouped with it or not, unless the claim gives a figure the
    other lacks ("set aside $5 million ... after the tank ruptured" retells the rupture in a clause, but its news
    is the $5 million).

    Such a fact is not one "only this source reports": on the 60 BASIL tuning triplets' keys leaving them out
    takes 17 facts two outlets report off the single-source lists (165 -> 148 lines) while the key's single-source
    facts listed rise 47 -> 52."""
    def source(claim: str) -> str:
        article = index.ref(claim).article.id
        return sources.get(article, article)

    def figures(claim: str) -> set[tuple[str, ...]]:
        return {a for a in anchors(index.ref(claim)) if a[0] == "number"}

    found = set()
    for pair in repeats:
        one, other = sorted(pair)
        if source(one) != source(other):
            found |= {c for c, o in ((one, other), (other, one)) if figures(c) <= figures(o)}
    return found


def _single_source(index: ClaimIndex, candidates: list[int], relevance: np.ndarray,
                   group_of: dict[str, dict[str, Any]], taken: set[str],
                   echoed: set[str] | None = None) -> list[dict[str, Any]]:
    """The most relevant factual claims only one independent source makes, one per group (not the lead's), and
    none `echoed` (claim ids the claim-pair model finds another independent source stating too): grouped apart or
    not, a fact two sources state is not one "only this source reports"."""
    echoed = echoed or set()
    found: dict[str, dict[str, Any]] = {}
    for k in np.argsort(-relevance, kind="stable"):
        ref = index.claims[candidates[int(k)]]
        group = group_of.get(ref.id)
        if (group and group["independent_sources"] == 1 and ref.span.label in FACT_KINDS and group["id"] not in taken
                and ref.id not in echoed):
            found.setdefault(group["id"], {"group": group["id"], "text": readable(ref),
                                           "outlet": outlet_name(ref.article), "claim": ref.id,
                                           "claims": [ref.id] + [c for c in group["claims"] if c != ref.id],
                                           "articles": list(group["articles"])})
        if len(found) >= SINGLE_SOURCE_LIMIT:
            break
    return list(found.values())
