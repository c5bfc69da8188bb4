"""Conflict false alarms: articles from different ECB+ dev stories, analysed as one story, must yield no
conflict between claims about different events.

ECB+ pairs look-alike stories (two earthquakes, two rehab check-ins), which is exactly where a careless
conflict finder reports "6.1 vs 5.4" between two different quakes. We take up to `per_story` articles
from each of the 16 dev stories (default 4: 64 articles), run the full pipeline as one story, and count
conflicts whose two claims come from different gold stories. Conflicts inside one gold story are listed
for reading, not counted: those can be real disagreements between outlets.
Run: `python -m storylens.evals.false_alarms [--per-story 4]`.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from typing import Any

from storylens.evals import dataset_dir
from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.runner import build_story, process_batch

DATA_DIR = dataset_dir("ecbplus")
URL_LINE = re.compile(r"^https?\s*:")


def detokenize(tokens: str) -> str:
    """Undo ECB+'s space-separated tokens well enough for a sentence splitter and a tagger."""
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", tokens)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|’s)\b", r"\1", text)
    return text.replace("`` ", "“").replace(" ''", "”")


def read_documents(split: str = "dev") -> list[dict[str, Any]]:
    """ECB+ documents of a split as input records with their gold story (subtopic)."""
    records = []
    for line in (DATA_DIR / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["split"] != split:
            continue
        sentences = [detokenize(s) for s in doc["sentences"] if not URL_LINE.match(s)]
        records.append({"id": doc["doc_id"], "text": "\n\n".join(sentences), "story": doc["subtopic"]})
    return records


def sample(records: list[dict[str, Any]], per_story: int) -> list[dict[str, Any]]:
    """The first `per_story` documents of each story, in a fixed order."""
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in sorted(records, key=lambda r: r["id"]):
        if len(by_story[record["story"]]) < per_story:
            by_story[record["story"]].append(record)
    return [r for story in sorted(by_story) for r in by_story[story]]


def evaluate(per_story: int = 4) -> dict[str, Any]:
    """Analyse the sample as one story; return its conflicts split into across- and within-story."""
    records = sample(read_documents("dev"), per_story)
    story_of = {r["id"]: r["story"] for r in records}
    raw = [a for a in (article_from_record(r, r["id"]) for r in records) if isinstance(a, Article)]
    pipeline = build_pipeline()
    story = build_story(process_batch(raw, pipeline).articles, pipeline, "ecbplus-mix")
    across, within = [], []
    for conflict in story.results["conflicts"]:
        stories = {story_of[c.rsplit(":", 1)[0]] for c in conflict["claims"]}
        (across if len(stories) > 1 else within).append(conflict)
    return {"articles": len(raw), "stories": len(set(story_of.values())), "across": across, "within": within}


def main() -> None:
    """Print the false-alarm count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-story", type=int, default=4)
    args = parser.parse_args()
    result = evaluate(args.per_story)
    print(f"{result['articles']} articles from {result['stories']} ECB+ dev stories analysed as one story")
    print(f"conflicts between different stories (false alarms): {len(result['across'])}")
    print(f"conflicts within one story (not counted): {len(result['within'])}")
    for conflict in result["across"] + result["within"]:
        print(f"  {conflict['kind']}: {conflict['explanation']} {conflict['claims']}")


if __name__ == "__main__":
    main()
