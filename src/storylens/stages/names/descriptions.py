"""How an article describes a person or organisation it names, for the `nlp` stage: the apposition or
non-restrictive relative clause set off by commas right after the name ("Anna Ivanova, a foreign policy
expert who advises the ministry, said ..."; "Kestrine, which makes solvents, ...").

spaCy's parser marks these as `appos` / `relcl` dependents of the name; a number in apposition ("Voss,
54,") is an age, not a description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storylens.model import Span
from storylens.text.textspans import token_chars

if TYPE_CHECKING:
    from storylens.text.parse import Block

DESCRIBED_LABELS = frozenset({"PERSON", "ORG", "NORP"})
MAX_TOKENS = 30  # a longer "description" is a parser attachment error swallowing the rest of the sentence


def _description_range(doc: Any, tok: Any) -> tuple[int, int] | None:
    """Token range of the description headed by `tok`, or None when it is not one set off after a name."""
    if tok.dep_ == "appos" and tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "relcl" and not any(w.lower_ in ("who", "which") for w in tok.lefts):
        return None  # "the man she met": restrictive, part of the reference rather than a description
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if start == 0 or doc[start - 1].text != "," or end - start > MAX_TOKENS or start <= tok.head.i:
        return None
    return start, end


def _mention_at(mentions: list[Span], position: int) -> Span | None:
    return next((m for m in mentions if m.start <= position < m.end), None)


def describe(blocks: list[Block], mentions: list[Span]) -> None:
    """Set `description` (text) and `description_start`/`description_end` on mentions that have one."""
    candidates = [m for m in mentions if m.label in DESCRIBED_LABELS]
    for block in blocks:
        doc = block.doc
        for tok in doc:
            if tok.dep_ not in ("appos", "relcl"):
                continue
            mention = _mention_at(candidates, block.start + tok.head.idx)
            found = _description_range(doc, tok) if mention is not None else None
            if mention is None or found is None or "description" in mention.attrs:
                continue
            start, end = token_chars(doc, *found, block.start)
            if start < mention.end:
                continue
            mention.attrs.update(description=doc[found[0]:found[1]].text, description_start=start,
                                 description_end=end)
