"""Which words name events, and when two of them name the same kind of event.

No derivational lexicon installs offline here (NLTK's WordNet data is not on PyPI), so:
- an event noun is a noun formed from a verb by a productive suffix ("indictment", "explosion",
  "shooting", "arrival") or one of the zero-derived news nouns in `ZERO_DERIVED` ("arrest", "capture",
  "quake"), minus the suffix-shaped nouns that name no event (`NOT_EVENTS`);
- `predicate_key` reduces verbs and event nouns to a shared stem (capture / capturing / captured,
  indict / indictment, explode / explosion) by cutting the suffix and keeping the first letters;
- `SYNONYMS` groups predicates news writers swap for one another (quake / earthquake / temblor).
"""

from __future__ import annotations

import re

KEY_LETTERS = 5
# Nominalising suffixes, longest first; what they leave must keep at least 3 letters.
SUFFIXES = ("ation", "ition", "ution", "ment", "sion", "tion", "ance", "ence", "ing", "ure", "al")
EVENT_SUFFIX = re.compile(r"(?:ation|ition|ution|ment|sion|tion|ance|ence|ing|ure|al)$")
# Nouns that are events without a suffix (the same form as the verb, or a news event word).
ZERO_DERIVED = frozenset("""
arrest attack assault raid strike capture release escape rescue murder kill death crash collision quake
earthquake tremor temblor aftershock fire blaze flood storm explosion blast bombing shooting stabbing
riot protest rally strike vote win defeat victory loss deal merger takeover acquisition purchase sale
launch visit trip meeting summit talk talks war battle fight clash invasion coup siege ambush ouster
resignation dismissal appointment nomination firing hire sack trial verdict sentence conviction charge
indictment lawsuit suit appeal ruling ban fine recall outbreak injury wound overdose rehab hijack hijacking
kidnapping abduction theft robbery burglary heist spill leak hack breach outage shutdown closure layoff
layoffs bankruptcy bailout rise fall drop increase cut surge slump jump announcement debut premiere
concert tour award wedding divorce funeral birth return departure arrival landing crash eruption tsunami
hurricane cyclone typhoon tornado landslide avalanche sinking mutiny piracy hostage
""".split())
# Suffix-shaped nouns that name a thing, place, person or state, not an event.
NOT_EVENTS = frozenset("""
nation station position condition population situation information organization organisation foundation
administration government department apartment equipment environment parliament management document
monument instrument sentiment agreement moment comment evidence audience difference conference experience
science influence distance balance finance insurance substance ambulance appliance building morning
evening thing ceiling meaning clothing feeling nothing something anything everything king ring spring
wing string hospital official capital animal signal material criminal individual original journal rival
total general interval nature picture culture future structure temperature figure feature measure pressure
procedure mixture furniture literature creature legislature legislation region religion version television
mission commission question relation solution institution constitution tradition edition addition section
direction election portion fraction nation location attention intention emotion motion caution
""".split()) - {"election", "addition"}
# Predicates (verb lemmas and event nouns) writers swap for one another, one set per meaning.
SYNONYM_SETS = (
    "quake earthquake tremor temblor shake jolt strike",
    "die death kill dead slay fatality",
    "arrest detain apprehend capture nab custody seize",
    "fire sack dismiss oust axe ouster dismissal firing",
    "buy acquire purchase acquisition takeover",
    "shoot gun shooting gunfire",
    "injure wound hurt injury",
    "hire appoint name nominate appointment nomination tap",
    "resign quit step resignation",
    "announce unveil reveal announcement launch introduce debut",
    "attack assault raid strike",
    "sentence jail imprison convict conviction sentencing",
    "charge indict accuse indictment",
    "win victory triumph beat defeat",
    "explode blast explosion detonate bombing bomb",
    "crash collide collision",
    "enter check admit rehab",
    "release free freeing",
    "rescue save",
    "elect election win",
    "leak spill",
    "burn fire blaze",
    "hijack hijacking seize",
)
SYNONYMS: dict[str, frozenset[int]] = {}
for _n, _words in enumerate(SYNONYM_SETS):
    for _word in _words.split():
        SYNONYMS[_word] = SYNONYMS.get(_word, frozenset()) | {_n}


def is_event_noun(lemma: str) -> bool:
    """Whether a noun lemma names an event (an occurrence), by suffix or the zero-derived table."""
    lemma = lemma.lower()
    if lemma in ZERO_DERIVED:
        return True
    if lemma in NOT_EVENTS or len(lemma) < 6:
        return False
    match = EVENT_SUFFIX.search(lemma)
    return match is not None and match.start() >= 3


def predicate_key(lemma: str) -> str:
    """A stem shared by a verb and its nominalisations: "indictment" and "indict" both give "indic"."""
    lemma = lemma.lower()
    for suffix in SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            lemma = lemma[: -len(suffix)]
            break
    return lemma[:KEY_LETTERS]


def related(a: str, b: str) -> int:
    """How related two predicate lemmas are: 2 same stem, 1 synonyms, 0 unrelated."""
    if predicate_key(a) == predicate_key(b):
        return 2
    return int(bool(SYNONYMS.get(a.lower(), frozenset()) & SYNONYMS.get(b.lower(), frozenset())))
