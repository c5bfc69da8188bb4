"""Whom an outlet quotes: each quote's speaker as official, expert, media, anonymous or other.

Small rules a reader can check, first match wins:
1. anonymous: the quote stage marked the speaker anonymous, or the quote has no speaker;
2. official / expert / media: a cue word in the speaker's role ("Mayor"), in the words written as the
   speaker ("officials said"), in the speaker's own name ("Environment Agency"), or in the description
   next to the speaker's first mention in the article ("Celia Brandt, director of the agency");
3. other: everyone else (residents, companies, witnesses).
"""

from __future__ import annotations

import re
from typing import Any

from storylens.model import Article, Span

CATEGORIES = ("official", "expert", "media", "anonymous", "other")
# Checked in this order; the first category with a cue word wins.
CUES: dict[str, tuple[str, ...]] = {
    "media": ("newspaper", "reporter", "journalist", "correspondent", "editor", "columnist", "broadcaster",
              "news agency", "news", "times", "herald", "gazette", "courier", "ledger", "post", "press",
              "reuters", "associated press", "television", "radio"),
    "expert": ("expert", "analyst", "professor", "researcher", "scientist", "economist", "toxicologist",
               "doctor", "dr.", "dr", "lecturer", "academic", "university", "institute", "specialist",
               "consultant", "engineer", "epidemiologist", "historian"),
    "official": ("official", "officials", "mayor", "minister", "ministry", "governor", "senator", "president",
                 "director", "commissioner", "spokesperson", "spokesman", "spokeswoman", "secretary",
                 "police", "sheriff", "chief", "councillor", "councilor", "council", "agency", "department",
                 "government", "authority", "authorities", "regulator", "regulators", "prosecutor",
                 "judge", "manager", "chairman", "chairwoman", "ceo", "executive", "representative",
                 "lawmaker", "ambassador", "officer", "inspector", "administrator"),
}
# Words after the first mention that describe the speaker: ", a toxicologist at the University of X,".
DESCRIPTION_CHARS = 90
ANONYMOUS_WORDS = ("anonymous", "unnamed", "source", "sources", "person familiar", "people familiar",
                   "who asked not to be named", "insider")
_CUE_RES = {name: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)", re.IGNORECASE)
            for name, cues in CUES.items()}
_ANON_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, ANONYMOUS_WORDS)) + r")\b", re.IGNORECASE)


def classify_quote(article: Article, quote: Span) -> tuple[str, str]:
    """(category, the cue that decided it) for one quote span of an article."""
    attrs = quote.attrs
    written = attrs.get("speaker_text") or ""
    if attrs.get("anonymous") or not (attrs.get("speaker_name") or written) or _ANON_RE.search(written):
        return "anonymous", "no named speaker"
    for text in _speaker_texts(article, quote):
        for category in ("media", "expert", "official"):
            found = _CUE_RES[category].search(text)
            if found:
                return category, found.group(0).lower()
    return "other", ""


def _speaker_texts(article: Article, quote: Span) -> list[str]:
    """What describes the speaker, most direct first: role, as written, name, text around first mention."""
    attrs = quote.attrs
    name = attrs.get("speaker_name") or ""
    mention = _first_mention(article, name)
    role = (mention.attrs.get("role") if mention else None) or ""
    around = ""
    if mention is not None:
        around = article.text[mention.end : mention.end + DESCRIPTION_CHARS].split(".")[0]
        if not around.startswith(","):
            around = ""  # only an appositive describes the speaker; other text after the name does not
    return [t for t in (role, attrs.get("speaker_text") or "", name, around) if t]


def _first_mention(article: Article, name: str) -> Span | None:
    if not name:
        return None
    return next((e for e in article.layer("entities") if e.attrs.get("name") == name), None)


def quoted_sources(article: Article) -> list[dict[str, Any]]:
    """One record per quote: {"speaker", "category", "cue"} in the article's quote order."""
    records = []
    for quote in article.layer("quotes"):
        category, cue = classify_quote(article, quote)
        speaker = quote.attrs.get("speaker_name") or quote.attrs.get("speaker_text") or None
        records.append({"speaker": speaker, "category": category, "cue": cue})
    return records
