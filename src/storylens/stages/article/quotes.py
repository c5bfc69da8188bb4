"""The article stage `quotes`: direct quotations (any quotation-mark style) and reported speech per article, each
with its speaker (the story-level quote list in the contract's shape is `stages/story/quotes.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate
from typing import Any

from storylens.model import Article, Span
from storylens.stages.speech.attributions import (
    attributions_in,
    cue_content,
    reporters_conjunct,
    trim_tokens,
    without_aside,
)
from storylens.stages.speech.quotemarks import DOUBLE_QUOTES, BlockQuotes, Direct, directs_in
from storylens.stages.speech.speakers import (
    DIRECT_LEMMAS,
    DIRECTIVE_LEMMAS,
    INDIRECT_LEMMAS,
    PERSON_PRONOUNS,
    SUBJECT_DEPS,
    Resolver,
    Speaker,
    cue_text,
    is_cue,
    subject_of,
)
from storylens.text.parse import Block, article_blocks
from storylens.text.textspans import token_chars

SCARE_MAX_WORDS = 4  # a quoted phrase this short with nobody saying it is a scare quote, not a quotation
# A transcript line: "PENCE: Well, look, ..." (a capitalised speaker label, then what was said).
# Also "Sanders: Clinton needs to ..." (a headline) and a stray straight quote before the label ('"PENCE: ...').
_TRANSCRIPT = re.compile(r"\"?([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}):\s+(?=\S)")
AUTHOR_PRONOUNS = frozenset({"i", "me"})
REPORTING = INDIRECT_LEMMAS | DIRECTIVE_LEMMAS  # cues of reported speech, with or without a that-clause
MOSTLY_QUOTED = 0.6  # share of a reported clause's tokens in quotation marks that makes the quotes its core


def _clause_child(cue: Any, zone: list[Any]) -> bool:
    """True when the cue has its own complement clause in `zone`: then it reports something else."""
    ids = {t.i for t in zone}
    return any(c.dep_ in ("ccomp", "xcomp") and c.i in ids for c in cue.children)


def _speaker_token(cue: Any, zone: list[Any], inside: dict[int, int]) -> Any | None:
    """The subject of the cue; if the parse gives none usable, the nearest noun/pronoun in the zone."""
    subj = subject_of(cue)
    if subj is not None and subj.i not in inside:
        return subj
    # '"...," he told press' names the speaker before the cue; 'said Calloway' after it
    nearby = [t for t in reversed(zone) if t.i < cue.i] + [t for t in zone if t.i > cue.i]
    return next((t for t in nearby if t.pos_ in ("PROPN", "PRON")), None)


def _cue_speaker(bq: BlockQuotes, resolver: Resolver, cue: Any, zone: list[Any]) -> Speaker | None:
    head = _speaker_token(cue, zone, bq.inside)
    return None if head is None else resolver.resolve(head, bq.block.start, cue_text(cue))


def _own_attribution(bq: BlockQuotes, k: int, resolver: Resolver) -> Speaker | None:
    """Speaker from a cue next to quotation k: '"...," she said' / 'X said: "..."' / 'said she felt "shame"'."""
    before, after = bq.before(k), bq.after(k)
    words = [t for t in bq.tokens_of(k) if not t.is_punct]
    back = next((t for t in reversed(before) if is_cue(t, DIRECT_LEMMAS)), None)
    back_ok = back is not None and (
        (before and before[-1].text in (":", ",", "—")) or any(back.is_ancestor(w) for w in words)
    )
    if back_ok and before[-1].text == ":":
        return _cue_speaker(bq, resolver, back, before)
    ahead = next((t for t in after if is_cue(t, DIRECT_LEMMAS)), None)
    if ahead is not None and not _clause_child(ahead, after):
        return _cue_speaker(bq, resolver, ahead, after)
    return _cue_speaker(bq, resolver, back, before) if back_ok else None


def _colon_speaker(bq: BlockQuotes, k: int, resolver: Resolver) -> Speaker | None:
    """'Musk took to Twitter with this: "..."': a colon hands the quotation to the clause's subject."""
    before = bq.before(k)
    if not before or before[-1].text != ":" or bq.directs[k].words <= SCARE_MAX_WORDS:
        return None  # 'the theme: "Hope"' is a label, not a quotation
    # the subject nearest the colon: "... when Musk again took to Twitter with this:"
    subj = next((t for t in reversed(before) if t.dep_ in SUBJECT_DEPS and t.head.pos_ in ("VERB", "AUX")), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if subj.lower_ in AUTHOR_PRONOUNS or subj.lower_ in ("it", "this", "that", "there"):
        return None
    return resolver.resolve(subj, bq.block.start, subj.head.text)


def _previous_sentence_speaker(bq: BlockQuotes, k: int, resolver: Resolver) -> Speaker | None:
    """A quotation standing alone after a sentence with a speech verb: that verb's subject said it."""
    first = min(t.i for t in bq.tokens_of(k))
    if bq.before(k) or first == 0:
        return None  # only a quotation that opens its sentence
    sentence = bq.before(k, first - 1)
    cues = [t for t in sentence if is_cue(t, DIRECT_LEMMAS) and subject_of(t) is not None]
    if cues:
        return _cue_speaker(bq, resolver, cues[-1], sentence)
    # 'But early on, he lost patients to overdoses. "When somebody dies, you remember."': the person the
    # sentence before is about (its main subject, a he/she or a person's name) goes on speaking
    root = bq.doc[first - 1].sent.root
    subj = next((t for t in root.children if t.dep_ == "nsubj" and t.i not in bq.inside), None)
    if subj is None or not (subj.lower_ in PERSON_PRONOUNS or _person_at(resolver, bq.block.start + subj.idx)):
        return None
    return resolver.resolve(subj, bq.block.start, subj.head.text)


def _person_at(resolver: Resolver, pos: int) -> bool:
    mention = resolver.mention_at(pos)
    return mention is not None and resolver.people.maybe_person(mention)


def _attribute_block(bq: BlockQuotes, resolver: Resolver, previous: Speaker | None) -> None:
    """Set the speaker of every quotation in a block: own cue, split quote, continued paragraph, context."""
    for k, q in enumerate(bq.directs):
        q.speaker = _own_attribution(bq, k, resolver) or _colon_speaker(bq, k, resolver)
        prev = bq.directs[k - 1] if k else None
        alone = not bq.before(k)  # the quotation opens its sentence
        if q.speaker is None and alone and prev and prev.speaker and bq.sentence_ends_between(k - 1, k) <= 1:
            q.speaker = replace(prev.speaker)  # the second half of a split quotation
        at_start = not bq.block.text[: max(q.open, 0)].strip()
        if q.speaker is None and at_start and previous is not None and not q.single:
            q.speaker = replace(previous)  # a paragraph opening with a quote continues the last speaker
        if q.speaker is None and not q.single and q.words > SCARE_MAX_WORDS:
            q.speaker = _previous_sentence_speaker(bq, k, resolver)
        if q.speaker is not None:
            resolver.remember(q.speaker)


def _keep(q: Direct) -> bool:
    """Quotations need a speaker unless long and a clause; single marks and headline quotes always need one."""
    if q.speaker is not None:
        return True
    return not q.single and not q.block.heading and q.words > SCARE_MAX_WORDS and _has_verb(q)


def _has_verb(q: Direct) -> bool:
    """The quoted words hold a verb: without one, and with nobody saying them, they are a title or a term
    ("The Morning Show", "a massive eight-year fraudulent scheme"), not something a person said."""
    return any(q.open < tok.idx < q.close and tok.pos_ in ("VERB", "AUX") for tok in q.block.doc)


def _outside_clause(cue: Any) -> tuple[int, int] | None:
    """For "according to X" and parenthetical "X said": the clause they attach to, minus themselves."""
    own = {t.i for t in cue.subtree}
    rest = [t.i for t in cue.head.subtree if t.i not in own and not t.is_punct]
    if not rest:
        return None
    before, after = [i for i in rest if i < min(own)], [i for i in rest if i > max(own)]
    # at an edge ("..., according to X." / "According to X, ...") the rest is contiguous; a parenthetical
    # in the middle ("The plan, he said, was doomed") stays inside the span.
    if not after or not before:
        part = before or after
        return trim_tokens(cue.doc, part[0], part[-1] + 1)
    return trim_tokens(cue.doc, rest[0], rest[-1] + 1)


def _reported_clause(cue: Any) -> tuple[int, int] | None:
    """Token range of what the cue reports: its ccomp clause, or the clause "according to X" attaches to."""
    # a parenthetical "he said" reports the clause it interrupts, unless the parser gave it that clause as
    # its own complement ("It would take weeks, he said, and ...": the clause before it)
    own = cue.dep_ == "parataxis" and any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children)
    if cue.lower_ == "according" or (cue.dep_ == "parataxis" and not own):
        return _outside_clause(cue)
    lemma = cue.lemma_.lower()
    # the clause after the cue when there is one ("... on Friday: Republicans said they are convinced ...");
    # one before it only in inverted order ("They are convinced, Republicans said.")
    comps = [c for c in cue.children if _complement(c) and lemma in INDIRECT_LEMMAS]
    comp = next((c for c in comps if c.i > cue.i), comps[0] if comps else None)
    if comp is None and lemma in DIRECTIVE_LEMMAS:  # "urged residents to boil water"
        comp = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp")
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is None:
        return None
    start = comp.left_edge.i if comp.dep_ == "ccomp" else _addressee_start(cue, comp)
    return without_aside(cue.doc, *trim_tokens(cue.doc, start, _clause_end(comp)))


def _addressee_start(cue: Any, comp: Any) -> int:
    """'urged residents to boil water', 'called on the council to resign': who is urged, right before the
    infinitive, is part of what was urged (the parser makes it the verb's object, not the clause's subject)."""
    for child in cue.children:
        obj = child if child.dep_ == "dobj" else None
        if child.dep_ == "prep" and child.i == cue.i + 1:  # "called on X"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.right_edge.i + 1 == comp.left_edge.i:
            return obj.left_edge.i
    return comp.left_edge.i


def _complement(child: Any) -> bool:
    """A complement clause of a speech verb; the parser sometimes labels a that-clause after material
    between it and the verb ("tweeted in the early hours that ...") an adverbial clause."""
    return child.dep_ == "ccomp" or (child.dep_ == "advcl" and child.left_edge.lower_ == "that")


MAX_CLAUSE_TOKENS = 150  # far longer than any real sentence's reported clause


def _clause_end(comp: Any) -> int:
    """End of a reported clause, before a speech verb inside it that reports something of its own
    ("Machado promised to keep campaigning and said she would ...", "..., saying that ...")."""
    # Parses are projective, so the subtree is the token range; capping it at MAX_CLAUSE_TOKENS keeps a
    # run-on text of nested "he said he said ..." clauses from going quadratic.
    end = min(comp.right_edge.i + 1, comp.left_edge.i + MAX_CLAUSE_TOKENS)
    for tok in comp.doc[comp.left_edge.i : end]:
        if tok.dep_ in ("conj", "advcl") and tok.i > comp.i and (
                (is_cue(tok, REPORTING) and _reported_clause(tok)) or (reporters_conjunct(tok) and cue_content(tok))):
            cut = tok.left_edge.i
            return min(end, cut - 1 if cut and tok.doc[cut - 1].dep_ == "cc" else cut)
    return end


def _direct_business(bq: BlockQuotes, span: range, cue: int) -> bool:
    """A clause that is all quoted words, a split quotation around its cue ('"First," she said, "we ..."'),
    or cuts through a quotation: the direct quotations own it."""
    quoted = {bq.inside[i] for i in span if i in bq.inside}
    if quoted and all(i in bq.inside for i in span if not bq.doc[i].is_punct):
        return True
    if cue in span and sum(1 for i in span if i in bq.inside) > MOSTLY_QUOTED * len(span):
        return True
    return any(not all(t.i in span for t in bq.tokens_of(k) if not t.is_punct) for k in quoted)


def _swallowed(bq: BlockQuotes, span: range) -> set[int]:
    """Quotations making up most of a reported clause ('said the plan was "dead" and "a waste"'): the
    clause is the quote, and they are part of it rather than quotes of their own."""
    inside = [i for i in span if i in bq.inside]
    return {bq.inside[i] for i in inside} if len(inside) > MOSTLY_QUOTED * len(span) else set()


def _indirect(bq: BlockQuotes, resolver: Resolver, swallowed: set[int]) -> list[tuple[int, int, Speaker]]:
    """Reported speech: 'X said (that) ...', '..., X said', 'According to X, ...'; adds to `swallowed` the
    quotations that are most of such a clause."""
    doc, found = bq.doc, []
    for tok in doc:
        if tok.i in bq.inside or not is_cue(tok, REPORTING):
            continue
        clause = _reported_clause(tok)
        if clause is None or clause[1] - clause[0] < 3:
            continue
        span = range(*clause)
        if _direct_business(bq, span, tok.i) or not any(doc[i].pos_ in ("VERB", "AUX") for i in span):
            continue  # quoted words are the direct quotation's business
        subj = subject_of(tok) or _stranded_subject(tok)
        if subj is None or subj.i in bq.inside or (subj.i in span and tok.i not in span):
            continue
        if subj.lower_ in AUTHOR_PRONOUNS:
            continue  # "I admit that ..." outside quotation marks is the author's own voice
        speaker = resolver.resolve(subj, bq.block.start, cue_text(tok))
        resolver.remember(speaker)
        found.append((*token_chars(doc, *clause, bq.block.start), speaker))
        swallowed |= {bq.directs[k].start for k in _swallowed(bq, span)}
    return found


def _stranded_subject(cue: Any) -> Any | None:
    """The name just before a subjectless main verb, which the parser took into a preceding phrase ("In a
    meeting with the board of the Ledger Ostrander said ..."): in English word order, the subject."""
    if cue.dep_ != "ROOT" or cue.i == 0:
        return None
    before = cue.doc[cue.i - 1]
    return before if before.pos_ == "PROPN" and before.dep_ in ("pobj", "dobj", "appos") else None


def _transcript_line(block: Block, resolver: Resolver) -> Span | None:
    """A paragraph of an interview transcript, "NAME: words", as a direct quotation of NAME."""
    text = block.text
    match = _TRANSCRIPT.match(text)
    if match is None or block.heading or len(match.group(1)) < 2 or text[match.end()] in DOUBLE_QUOTES:
        return None
    speaker = resolver.resolve_name(match.group(1), block.start + match.start(1), ":")
    if speaker.entity_start is None:
        return None  # "READ MORE:", "BONDS:" -- only a label naming a person in the article is a speaker
    resolver.remember(speaker)
    return _quote_span("direct", block.start + match.end(), block.start + len(text), speaker)


def _quote_span(label: str, start: int, end: int, speaker: Speaker | None) -> Span:
    return Span(start, end, label, (speaker or Speaker()).attrs())


def subject_offsets(blocks: list[Block]) -> set[int]:
    """Article offsets of grammatical subjects (and the names compounded or in apposition with them)."""
    subjects = set()
    for block in blocks:
        for tok in block.doc:
            if tok.dep_ in SUBJECT_DEPS or (tok.dep_ in ("compound", "flat", "appos")
                                             and tok.head.dep_ in SUBJECT_DEPS):
                subjects.add(block.start + tok.idx)
    return subjects


def _back_fill(directs: list[Direct]) -> None:
    """A quotation running over paragraphs, attributed only at its end ('..." said Nicholson'), has that
    speaker in every paragraph."""
    for first, then in reversed(list(zip(directs, directs[1:], strict=False))):
        unclosed = first.close == len(first.block.text)
        if first.speaker is None and unclosed and then.open == -1 and then.speaker is not None:
            first.speaker = replace(then.speaker)


def _within(directs: list[Direct], clauses: list[tuple[int, int]]) -> set[int]:
    """Starts of short quoted phrases inside a reported clause ('said police were "very committed" to
    it'): words the reported speech borrows, part of that quote rather than quotes of their own."""
    clauses.sort()
    starts = [s for s, _e in clauses]
    reach = list(accumulate((e for _s, e in clauses), max))  # furthest end of the clauses so far
    found = set()
    for q in directs:
        k = bisect_right(starts, q.start) - 1
        if q.words <= SCARE_MAX_WORDS and k >= 0 and reach[k] >= q.end:
            found.add(q.start)
    return found


def find_quotes(article: Article) -> Article:
    """Article stage `quotes`: assign `quotes` (direct and indirect speech, with speakers) and `attributions`."""
    blocks = article_blocks(article)
    per_block: list[list[Direct]] = []
    for block in blocks:
        last = per_block[-1][-1] if per_block and per_block[-1] else None
        per_block.append(directs_in(block, last is not None and last.close == len(last.block.text)))
    quoted = [(q.block.start + q.open, q.block.start + q.close) for qs in per_block for q in qs]
    resolver = Resolver(article, blocks, quoted, subject_offsets(blocks))
    spans: list[Span] = []
    directs: list[Direct] = []
    parsed: list[BlockQuotes] = []
    swallowed: set[int] = set()
    recent: list[Speaker | None] = [None, None]  # last speaker of each of the two previous paragraphs
    for block, found in zip(blocks, per_block, strict=True):
        line = None if block.heading else _transcript_line(block, resolver)
        if line is not None:  # a stray mark before "NAME:" opens no quotation
            found = [q for q in found if block.start + q.open >= line.start]
        bq = BlockQuotes(block, found)
        _attribute_block(bq, resolver, recent[-1] or recent[-2])
        directs += bq.directs
        if block.heading:
            continue
        parsed.append(bq)
        indirect = _indirect(bq, resolver, swallowed)
        spans += [_quote_span("indirect", s, e, sp) for s, e, sp in indirect]
        spans += [line] if line else []
        said = [(q.start, q.speaker) for q in bq.directs if q.speaker] + [(s, sp) for s, _e, sp in indirect]
        recent = [recent[-1], max(said, key=lambda pair: pair[0])[1] if said else None]
    _back_fill(directs)
    inside = _within(directs, [(s.start, s.end) for s in spans if s.label == "indirect"])
    kept = [q for q in directs if _keep(q) and q.start not in swallowed and q.start not in inside]
    spans += [_quote_span("direct", q.start, q.end, q.speaker) for q in kept]
    article.layers["quotes"] = sorted(spans, key=lambda s: (s.start, s.end))
    # After every quote has its speaker, so resolving these sources cannot change a quote's speaker.
    article.layers["attributions"] = [a for bq in parsed for a in attributions_in(
        bq.doc, bq.block.start, resolver, article.layers["quotes"], bq.inside)]
    return article
