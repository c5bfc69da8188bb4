"""Page furniture and machine-written filler in plain text / Markdown, removed by a table of named rules.

Each rule looks at the line where the scan stands and says how many lines it takes (0: no match). Line
rules match one line; block rules ("Read also" lists, chatbot preambles, FAQ runs) take the lines that
belong to them. Rules match against a *bare* form of each line (Markdown marks stripped, apostrophes
unified), and every pattern is bounded so no untrusted line can make a regex backtrack badly.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storylens.cleaning.normalise import ends_sentence, heading_level, strip_inline_markdown

_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+•·]\s+|\d{1,3}[.)]\s+)")
_MD_LIST = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+|^\[[^\]\n]{1,300}\]\(")
_QUOTE_MARKS = re.compile("[\"“”«»„]")
_REPORTING = re.compile(r"\b(?:said|says|told|according to|wrote)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Lines:
    """The lines being scanned: `raw` as given and `bare` (markup stripped) for matching."""

    raw: list[str]
    bare: list[str]
    # The writing system most letters of the text are in ("LATIN", "CYRILLIC", ...), found when first asked.
    found: dict[str, str] = field(default_factory=dict)

    @property
    def script(self) -> str:
        """The text's main writing system (computed once, only for a line that could be a switcher)."""
        if "script" not in self.found:
            self.found["script"] = dominant_script(self.raw)
        return self.found["script"]

    def is_blank(self, i: int) -> bool:
        """True if line `i` is empty."""
        return not self.raw[i].strip()


Matcher = Callable[[Lines, int], int]


@dataclass(frozen=True)
class Rule:
    """A named furniture rule: `match` returns how many lines it removes at a position (0 = none)."""

    name: str
    reason: str
    match: Matcher


def bare_line(line: str) -> str:
    """Return the line without Markdown prefixes and inline marks, with straight apostrophes."""
    text = line.strip()
    for _ in range(2):  # "> - item" carries two prefixes
        text = _MD_PREFIX.sub("", text)
    text = strip_inline_markdown(text).strip(" *_")
    return text.replace("’", "'")


def _line(pattern: re.Pattern[str], max_len: int = 300) -> Matcher:
    """A rule matching one line of at most `max_len` characters against `pattern`."""

    def match(doc: Lines, i: int) -> int:
        text = doc.bare[i]
        return int(len(text) <= max_len and pattern.search(text) is not None)

    return match


def _appeal(pattern: re.Pattern[str], max_len: int = 400) -> Matcher:
    """A one-line rule for appeals to the reader: never a quoted or reported sentence."""

    def match(doc: Lines, i: int) -> int:
        text = doc.bare[i]
        if len(text) > max_len or _QUOTE_MARKS.search(text) or _REPORTING.search(text):
            return 0
        return int(pattern.search(text) is not None)

    return match


def _word_list(words: frozenset[str], min_words: int = 2) -> Matcher:
    """A one-line rule for lines made only of words from `words` (share buttons, language menus)."""

    def match(doc: Lines, i: int) -> int:
        tokens = re.findall(r"[^\s|/·•,:]+", doc.bare[i].lower()[:200])
        return int(len(tokens) >= min_words and all(t in words for t in tokens))

    return match


# --- line patterns ------------------------------------------------------------------------------

_I = re.IGNORECASE
PHOTO = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|pictured|illustration|foto|фото|credit|photo credit)"
    r"\s?(?::|by\s)\s?\S", _I)
CAPTION_CREDIT = re.compile(
    r"\s\(?(?i:photo(?:graph)?|image|foto|фото)\s?:\s?[A-ZА-ЯЁ][^.!?:]{1,80}\)?\.?$")
GETTY = re.compile(r"\b(?:getty images|shutterstock|alamy(?: stock photo)?|via getty)\)?\.?$", _I)
NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|register|get)\s(?:now\s|today\s)?(?:for|to)\s(?:our|the)\s.{0,80}newsletter"
    r"|\bnewsletters?\b.{0,100}\b(?:sign up|subscribe|in your inbox)\b"
    r"|^(?:enter your e-?mail(?: address)?|sign up|sign me up|newsletters?)[.!:]?$", _I)
DONATION = re.compile(
    r"^(?:donate|donate now|donate today|subscribe|subscribe now|subscribe today|support us"
    r"|support our journalism|become a (?:member|supporter|subscriber|patron)(?: today| now)?"
    r"|make a (?:donation|contribution))[.!]?$"
    r"|\bsupport(?:ing)? (?:our|independent|quality|local|public[- ]interest) (?:journalism|reporting"
    r"|newsroom|work)|\bneeds your support\b|\bdonate (?:today|now)\b|\breader[- ](?:funded|supported)\b"
    r"|\bconsider (?:making a |a )?(?:donation|donating|contribution|contributing|supporting|subscribing)"
    r"|^become a (?:member|supporter|subscriber|patron)\b|^subscribe (?:now|today)\b"
    r"|\byour (?:donation|contribution|support) (?:helps|will|keeps|makes|means)\b"
    # "We at The Outlet remain committed to ...", "Support us with a monthly gift": the outlet speaking.
    r"|^we at [^.!?]{2,60}? (?:remain|are|have always been|stay) (?:committed|dedicated)\b"
    r"|\bsupport us (?:with|by|today|now)\b|\b(?:a|your) (?:monthly|one-off|one-time|recurring) "
    r"(?:gift|donation|contribution)\b", _I)
SHARE = re.compile(
    r"^(?:share (?:this|on|via|the story|the article)\b.{0,80}|share|leave a (?:comment|reply)"
    r"|join the (?:conversation|discussion|debate)|(?:\d{1,5} )?comments?|copy link|print(?: this (?:article|page))?"
    r"|e-?mail this(?: article| story)?|follow us on .{1,40}|click to share.{0,60}"
    r"|print article|order reprints?|text size)[.!:]?$", _I)
TAGS = re.compile(
    r"^(?:tags?|topics?|filed under|categories|category|keywords|related topics|теги|темы|schlagwörter"
    r"|themen|mots-clés)\s?:\s?[^.!?]{1,300}$", _I)
LANGUAGE_SWITCH = re.compile(
    r"^(?:read (?:this |the story |the article )?in (?:english|russian|ukrainian|german|french|spanish"
    r"|arabic|chinese|polish|italian|portuguese)|читать на (?:русском|английском|украинском)(?: языке)?"
    r"|читати (?:українською|англійською)|lire en (?:français|anglais)|auf (?:deutsch|englisch) lesen"
    r"|in (?:deutsch|englisch) lesen|leer en (?:español|inglés)|english version|русская версия"
    r"|версия на русском|українська версія|deutsche version|version française|versión en español)[.!]?$", _I)
SEARCH = re.compile(r"^(?:search|search\.\.\.|search…|search for|search the site|поиск|suche|rechercher"
                    r"|buscar)[:.]?$", _I)
# A wire credit on its own line, "(Crossline News Agency)": who wrote it, not something it claims.
AGENCY_CREDIT = re.compile(r"^\(\s?[A-Z][\w.&'’ -]{1,60}(?:Agency|Press|Wire|News|Service|Newswire|Agencies)\s?\)$")
BOILERPLATE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|skip (?:advertisement|ad)|story continues below"
    r"(?: advertisement)?|continue reading(?: (?:the )?(?:main story|below))?|scroll to continue"
    r"(?: with content)?|all rights reserved|back to top|skip to (?:main )?content|loading\.\.\."
    r"|accept(?: all)? cookies|we use cookies\b.{0,300}|(?:copyright )?(?:©|\(c\)) ?\d{4}.{0,120}"
    r"|copyright \d{4}.{0,120}|copyright (?:ⓒ|©|\(c\)).{0,120}"
    # "copyright Velm Ledger 2026 - ISSN ...", not "Copyright law changed in 2019 when ..."
    r"|copyright [^.!?]{1,60}\b(?:19|20)\d\d\b(?:\s?[-|–,]\s?.{0,60})?"
    # Photo-gallery controls flattened into text ("Image 1 of 8", "1 / 8", "Caption", "Close").
    r"|(?:image|photo|picture|slide|foto|bild)?\s?\d{1,3}\s?(?:of/?|/|von|из|de)\s?\d{1,3}"
    r"|caption|close|updated|expand|enlarge(?: this image)?|(?:hide|toggle) caption|view (?:gallery|slideshow))"
    r"[.!]?$", _I)
# What sign-up and share forms say back ("Thanks for signing up!", "There was an error processing your
# subscription"), left in the page as hidden text, and reprint notices.
FORM_MESSAGE = re.compile(
    r"^(?:thanks? (?:you )?for (?:signing up|subscribing|your (?:feedback|interest|submission))\b.{0,80}"
    r"|thank you|sorry|(?:an error (?:has )?occurred|there was an error|something went wrong|oops)\b.{0,80}"
    r"|keep an eye on your inbox\b.{0,80}|this (?:article|story) has been sent to.{0,40}"
    r"|this copy is for your personal,? non-commercial use only\b.{0,400})[.!]?$", _I)
# "Click here to get the app" / "... by clicking here": a link label standing in for a sentence.
CLICK_HERE = re.compile(r"(?:^|[.!?]\s)click here\b|\bclick(?:ing)? here[.!]?$", _I)
CHATBOT_CLOSER = re.compile(
    r"^(?:i hope (?:this|that) helps|let me know if you(?:'d| would)? (?:like|need|want)"
    r"|feel free to (?:ask|reach out|let me know)|is there anything else (?:i can|you))", _I)
CHATBOT_PREAMBLE = re.compile(
    # The opener's "!" is sometimes lost in copying ("Of course Here is a list of FAQs ...").
    r"^(?:(?:of course|sure(?: thing)?|certainly|absolutely|great question|happy to help)(?:[!,.]\s?|\s(?=here\b))"
    r"(?:here(?:'s| is| are)|below (?:is|are)|i(?:'ve| have| can)|let me)"
    # Without the "Of course!" opener only phrasings no newsroom uses ("here is a rewritten version").
    r"|here(?:'s| is| are) (?:a |an |the |some )?(?:rewritten|revised|reworded|paraphrased"
    r"|frequently asked|faqs?\b|seo)"
    r"|as an ai (?:language model|assistant|model)\b|as a (?:large )?language model\b)", _I)
# Only the bare header: "Frequently Asked Questions About <topic>" heads a guide's own FAQ (WCXB keeps those).
FAQ_HEADER = re.compile(r"^(?:faqs?|frequently asked questions)(?: \(faqs?\))?[:.]?$", _I)
QUESTION = re.compile(r"^(?:q\s?\d{0,2}[:.)]|question\s?\d{0,2}:)\s?\S|\?$", _I)
ANSWER = re.compile(r"^(?:a\s?\d{0,2}[:.)]|answer\s?\d{0,2}:)\s?\S", _I)
READ_ALSO = re.compile(
    r"^(?:read (?:also|more|next)|also read|related(?: (?:stories|articles|coverage|content|reading|news))?"
    r"|more on this(?: story)?|top reads|most read|see also|you (?:may|might) also like"
    r"|recommended(?: for you)?|see more|don't miss|читайте также|читайте далее|по теме|lesen sie auch|mehr zum thema"
    r"|à lire aussi|lire aussi|leer también|vea también)"
    # Alone on its line, or followed by a separator and one linked title ("Read also: ...").
    r"(?:\s?(?:[:.…]|\.{3})?|\s?[:|»>–—-]\s?(.{1,200}))$", _I)

SHARE_WORDS = frozenset(
    "share facebook twitter x email e-mail whatsapp linkedin telegram reddit pinterest print copy link "
    "messenger flipboard bluesky threads mastodon vk viber sms tweet comments comment".split())
LANGUAGE_NAMES = frozenset(
    "english русский русская українська deutsch français francais español espanol italiano polski "
    "português türkçe беларуская română magyar čeština nederlands suomi svenska norsk dansk ελληνικά "
    "עברית فارسی العربية 中文 日本語 한국어 қазақша ქართული".split())


# Any spacing between the marks, and any number of them: cleaning collapses "* #  #" to "* # #" and joins the
# lines "**" and "*" into "** *", and the second pass must agree (both found by make fuzz).
_DIVIDER = re.compile(r"^[-*_=~•·#](?:[ \t]*[-*_=~•·#])*$")


def _match_divider(doc: Lines, i: int) -> int:
    """A line of typographic marks only ("* * *", "-----", "**"): layout, not text."""
    raw = doc.raw[i].strip()
    return int(len(raw) <= 80 and _DIVIDER.match(raw) is not None)


SCRIPT_SAMPLE = 20_000  # characters read to find the text's main writing system
SWITCHER_WORDS = 2
SWITCHER_CHARS = 30
SWITCHER_ZONE = 15  # lines from the top or the bottom: where a page's header and footer were copied
# A main script is told only from an article's worth of letters: in a few lines, removing one (a headline) can
# change which script leads, and cleaning the result again would remove another line (found by make fuzz).
MIN_SCRIPT_LETTERS = 50


def letter_script(ch: str) -> str:
    """The writing system of a letter, from its Unicode name ("LATIN", "CYRILLIC", "CJK", "ARABIC" ...)."""
    return "LATIN" if ch < "\x80" else unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def dominant_script(lines: list[str]) -> str:
    """The writing system of at least two thirds of the letters of `lines`, at least MIN_SCRIPT_LETTERS of
    them ("" otherwise: short text, or text split between scripts, where no line is "in another script")."""
    counts = Counter(letter_script(ch) for ch in "\n".join(lines)[:SCRIPT_SAMPLE] if ch.isalpha())
    if not counts:
        return ""
    script, letters = counts.most_common(1)[0]
    return script if letters >= MIN_SCRIPT_LETTERS and 3 * letters >= 2 * counts.total() else ""


def _match_other_script(doc: Lines, i: int) -> int:
    """A language switcher written in another script ("Русская версия", "English"): one or two words, letters only."""
    text = doc.bare[i]
    if SWITCHER_ZONE <= i < len(doc.bare) - SWITCHER_ZONE:
        return 0
    if not text or len(text) > SWITCHER_CHARS or len(text.split()) > SWITCHER_WORDS or ends_sentence(text):
        return 0
    if not all(word.replace("-", "").isalpha() for word in text.split()):
        return 0  # "player.setav", "iOS 18": code and product names, not a language's name
    scripts = {letter_script(ch) for ch in text if ch.isalpha()}
    return int(len(scripts) == 1 and bool(doc.script) and doc.script not in scripts)


_MENU_SEP = re.compile(r"\s[|·•]\s")
# "### Title #### Dek" on one line: a linked card holding its own headings (a teaser for another page)
# flattened into one line; an article's own headings stand on lines of their own.
_CARD = re.compile(r"^(?:[-*+•]\s+|\d{1,3}[.)]\s+)?#{1,6}\s[^\n]{1,200}?\s#{1,6}\s\S")
CARD_CHARS = 250  # a teaser is a title and a one-line dek; a longer line is a product box with real text


def _match_teaser_card(doc: Lines, i: int) -> int:
    """A teaser card for another page: one short line holding two Markdown headings."""
    raw = doc.raw[i].strip()
    return int(len(raw) <= CARD_CHARS and _CARD.match(raw) is not None)


def _match_nav_menu(doc: Lines, i: int) -> int:
    """A site menu flattened to one line ("Home | News | Sport | Weather")."""
    text = doc.bare[i]
    items = _MENU_SEP.split(text) if len(text) <= 200 else []
    if len(items) < 3:
        return 0
    return int(all(0 < len(it) <= 25 and len(it.split()) <= 3 and not ends_sentence(it) for it in items))


# --- block rules --------------------------------------------------------------------------------

def _next_text(doc: Lines, j: int) -> int | None:
    """Index of the next non-blank line at or after `j`."""
    return next((k for k in range(j, len(doc.bare)) if not doc.is_blank(k)), None)


def _is_link_item(doc: Lines, k: int) -> bool:
    """True for a short headline-like line, as in a list of links to other articles."""
    raw, text = doc.raw[k].strip(), doc.bare[k]
    if heading_level(raw) or not 0 < len(text) <= 150 or len(text.split()) > 20:
        return False
    if any(rule.match(doc, k) for rule in LINE_RULES):
        return False  # other furniture ("Tags: ...") below the list gets its own reason
    return bool(_MD_LIST.match(raw)) or not ends_sentence(text)


def _match_read_also(doc: Lines, i: int) -> int:
    """A "Read also" / "Related" header and the list of article links after it (with their deks, if any)."""
    m = READ_ALSO.match(doc.bare[i]) if len(doc.bare[i]) <= 220 else None
    if m is None:
        return 0
    if m.group(1) is None:
        paired = _headline_dek_pairs(doc, i + 1)
        if paired:
            return paired - i
    inline, end, j, items = m.group(1) is not None, i + 1, i + 1, 0
    while j < len(doc.bare) and items < 15:
        k = _next_text(doc, j)
        crosses_blank = k is not None and k > j
        if k is None or not _is_link_item(doc, k):
            break
        # Across a blank line only an obvious list item continues the block: a short plain line there
        # may just as well be the next section heading.
        if crosses_blank and (inline or (items and not _MD_LIST.match(doc.raw[k].strip()))):
            break
        end, j, items = k + 1, k + 1, items + 1
    return end - i


DEK_CHARS = 260  # a teaser's dek is one sentence


def _headline_dek_pairs(doc: Lines, j: int) -> int:
    """End of a run of at least two (headline, dek) pairs without blank lines between them, else 0.

    A list of other stories often gives each headline its one-sentence dek; a headline-like line followed
    by a sentence could also be a heading and its paragraph, so one pair alone is not taken."""
    pairs, k = 0, j
    while k + 1 < len(doc.bare) and not doc.is_blank(k) and not doc.is_blank(k + 1):
        if not _is_link_item(doc, k) or not _is_teaser_dek(doc, k + 1):
            break
        pairs, k = pairs + 1, k + 2
    return k if pairs >= 2 else 0


def _is_teaser_dek(doc: Lines, k: int) -> bool:
    """One short sentence: what a related-story teaser says under its headline."""
    text = doc.bare[k]
    return 0 < len(text) <= DEK_CHARS and ends_sentence(text) and not heading_level(doc.raw[k].strip())


def _is_structured(doc: Lines, k: int) -> bool:
    """True for list items, Q:/A: lines and questions: the shape machine-written filler takes."""
    raw, text = doc.raw[k].strip(), doc.bare[k]
    return bool(_MD_LIST.match(raw) or QUESTION.search(text) or ANSWER.match(text))


def _run_end(doc: Lines, j: int) -> int:
    """End of a run of Q&A pairs and list items starting at `j` (answers may be unmarked prose)."""
    end, last = j, ""
    k = _next_text(doc, j)
    while k is not None:
        same_block = k == end
        if _is_structured(doc, k):
            # Anything but a question may run on over further lines of its block.
            last = "question" if QUESTION.search(doc.bare[k]) and not ANSWER.match(doc.bare[k]) else "answer"
        elif last == "question" or (last == "answer" and same_block):
            last = "answer"
        else:
            break
        end = k + 1
        k = _next_text(doc, end)
    return end


def _match_chatbot(doc: Lines, i: int) -> int:
    """A chatbot preamble ("Of course! Here is...") with the rest of its block and the list/Q&A after it."""
    if len(doc.bare[i]) > 400 or not CHATBOT_PREAMBLE.match(doc.bare[i]):
        return 0
    end = i + 1
    while end < len(doc.bare) and not doc.is_blank(end):
        end += 1
    return _run_end(doc, end) - i


def _match_faq(doc: Lines, i: int) -> int:
    """An "FAQ" / "Frequently Asked Questions" header, its intro line if any, and the Q&A run that follows."""
    if not FAQ_HEADER.match(doc.bare[i]):
        return 0
    start = i + 1
    intro = _next_text(doc, start)
    # "Of course Here is a list of FAQs about ...:" / "Below are answers to common questions:" introduces the run.
    if intro is not None and not _is_structured(doc, intro) and len(doc.bare[intro]) <= 400 and (
            CHATBOT_PREAMBLE.match(doc.bare[intro]) or doc.bare[intro].endswith(":")):
        start = intro + 1
    end = _run_end(doc, start)
    return (end if end > start else i + 1) - i  # with no run after it, only the header goes


# Single-line rules. Order matters: newsletter before donation ("Subscribe to our newsletter" is a
# newsletter box).
LINE_RULES: tuple[Rule, ...] = (
    Rule("chatbot-closer", "machine-filler", _line(CHATBOT_CLOSER, 300)),
    Rule("photo-credit", "photo-credit", _line(PHOTO, 300)),
    Rule("caption-credit", "photo-credit", _line(CAPTION_CREDIT, 300)),
    Rule("photo-agency", "photo-credit", _line(GETTY, 120)),
    Rule("newsletter", "newsletter", _appeal(NEWSLETTER)),
    Rule("donation-appeal", "donation-appeal", _appeal(DONATION)),
    Rule("click-here", "boilerplate", _appeal(CLICK_HERE, 200)),
    Rule("form-message", "boilerplate", _line(FORM_MESSAGE, 500)),
    Rule("share-prompt", "share-prompt", _line(SHARE, 160)),
    Rule("share-buttons", "share-prompt", _word_list(SHARE_WORDS)),
    Rule("section-tags", "section-tags", _line(TAGS, 320)),
    Rule("language-switcher", "language-switcher", _line(LANGUAGE_SWITCH, 80)),
    Rule("language-menu", "language-switcher", _word_list(LANGUAGE_NAMES)),
    Rule("language-other-script", "language-switcher", _match_other_script),
    Rule("search-box", "search-box", _line(SEARCH, 40)),
    Rule("agency-credit", "agency-credit", _line(AGENCY_CREDIT, 80)),
    Rule("boilerplate", "boilerplate", _line(BOILERPLATE, 320)),
    Rule("divider", "boilerplate", _match_divider),
    Rule("nav-menu", "boilerplate", _match_nav_menu),
    Rule("teaser-card", "read-also", _match_teaser_card),
)

# Block rules go first: they take lines (an FAQ's "Q: ...?") that line rules would otherwise split up.
RULES: tuple[Rule, ...] = (
    Rule("chatbot-preamble", "machine-filler", _match_chatbot),
    Rule("faq-block", "machine-filler", _match_faq),
    Rule("read-also", "read-also", _match_read_also),
    *LINE_RULES,
)


def _first_hit(doc: Lines, i: int, rules: tuple[Rule, ...]) -> tuple[Rule, int] | None:
    """The first rule that matches at line `i`, with the number of lines it takes."""
    for rule in rules:
        taken = rule.match(doc, i)
        if taken:
            return rule, taken
    return None


def remove_furniture(
    lines: list[str], rules: tuple[Rule, ...] = RULES
) -> tuple[list[str], list[dict[str, Any]]]:
    """Blank out furniture lines; return the lines (same count) and `{"text", "reason"}` records."""
    doc = Lines(list(lines), [bare_line(line) for line in lines])
    out = list(lines)
    removed: list[dict[str, Any]] = []
    i = 0
    while i < len(out):
        hit = None if doc.is_blank(i) else _first_hit(doc, i, rules)
        if hit is None:
            i += 1
            continue
        rule, taken = hit
        text = "\n".join(b for b in doc.bare[i : i + taken] if b)
        removed.append({"text": text, "reason": rule.reason})
        # A blank keeps the text on either side in separate paragraphs, as the furniture kept it.
        out[i : i + taken] = [""] * taken
        i += taken
    return out, removed
