"""A small fictional story (the Orvale footbridge collapse) told by four invented outlets, for the
coverage, framing and briefing tests. What is planted:

- Harbor Post praises Mayor Ilse Varga; Orvale Sentinel blames her (tone of opposite sign).
- Ridge Daily says "barge" again and again; nobody else does (distinctive vocabulary).
- The road closure is reported by three outlets and left out by Ridge Daily (its blind spot).
- Only Valley Bugle reports the bakery handing out bread (an exclusive).
- The Sentinel and the Bugle disagree on the repair bill (3 vs 5 million euros: a conflict).
"""

from __future__ import annotations

from storylens.model import Article, Story
from storylens.pipeline.build import Pipeline

LEAD = "The Tollan footbridge in Orvale collapsed on Tuesday evening, injuring four people."
ROAD = "Engineers closed the riverside road while divers searched the water below the bridge."
PRAISE = ("Mayor Ilse Varga led a calm, effective and admirable rescue, and grateful residents thanked "
          "Ilse Varga for her wonderful leadership.")
INQUIRY = "The city council will hold a public inquiry into the collapse next month."

TEXTS = {
    "Harbor Post": f"""Bridge collapse: mayor praised for calm response

{LEAD}

{PRAISE}

{ROAD}

"We acted quickly and everyone is safe," Mayor Ilse Varga said.

Professor Dario Fenn, a structural engineer at Orvale University, said rust may have weakened the cables.
""",
    "Orvale Sentinel": f"""Anger grows in Orvale after footbridge failure

{LEAD}

Angry residents blamed Ilse Varga for a chaotic, failed and dangerous response to the disaster.

Critics accused Ilse Varga of ignoring repeated warnings about the crumbling bridge.

{ROAD}

{INQUIRY}

Officials said the repair bill could reach 3 million euros.
""",
    "Valley Bugle": f"""Orvale footbridge falls into the river

{LEAD}

{ROAD}

{INQUIRY}

The repair bill could reach 5 million euros, officials said.

A family bakery on Mill Lane handed out free bread and hot soup to the rescue crews all night.
""",
    "Ridge Daily": f"""Barge struck Orvale footbridge before it fell, witnesses say

{LEAD}

A barge hit the footbridge minutes before it fell, according to witnesses on the quay.

The barge captain was questioned by police on Wednesday, and the barge was towed away to the barge yard.

{INQUIRY}
""",
}


def bridge_story(pipeline: Pipeline, words: int | None = None) -> Story:
    """The four articles through the real article stages, then every registered story stage."""
    from storylens.ingest.readers import make_article

    articles: list[Article] = []
    for n, (outlet, text) in enumerate(TEXTS.items()):
        raw = make_article(f"bridge-{n}.txt", text, "text", record_id=f"b{n}")
        raw.outlet, raw.published = outlet, "2026-05-13"
        articles.append(pipeline.process_article(raw))
    story = Story(id="bridge", articles=articles, options={"words": words} if words else {})
    return pipeline.process_story(story)
