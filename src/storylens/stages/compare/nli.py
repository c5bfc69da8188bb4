"""An optional model-based contradiction scorer: a transformers sequence-classification cross-encoder (an
NLI model such as a DeBERTa or BERT fine-tuned on MNLI) loaded from a local directory the user gives.

Off by default; `analyze --contradiction-model DIR` turns it on. It needs the `nli` extra
(`pip install 'storylens[nli]'`, hash-pinned in requirements-nli.lock); without it the user gets one clear
error, never a silent fallback. Nothing is downloaded: the model loads from the directory only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

INSTALL_HINT = ("pip install 'storylens[nli]' (pinned: pip install --require-hashes -r requirements-nli.lock, "
                "or make install-nli)")
LABEL = "contradiction"
# Analysts forgive a miss sooner than a false alarm: only a confident contradiction becomes a conflict.
# A judgement, not a measurement: no NLI model is installable here to tune it on the dev sets.
DEFAULT_THRESHOLD = 0.9
# Pairs per forward pass: claims are one sentence each, so 32 pairs stay well under 100 MB on the CPU.
BATCH_SIZE = 32
# Claims are sentences; a pair longer than this is cut rather than failing the whole story.
MAX_TOKENS = 256


class ContradictionModelError(RuntimeError):
    """The contradiction model cannot be used: packages missing, no model directory, or no contradiction label."""


@dataclass(frozen=True, eq=False)
class ContradictionScorer:
    """A loaded cross-encoder and the index of its contradiction class."""

    name: str
    label_index: int
    model: Any  # transformers PreTrainedModel
    tokenizer: Any  # transformers PreTrainedTokenizer

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """The model's contradiction probability, in [0, 1], of each (premise, hypothesis) pair."""
        torch, _ = _require_packages()
        scores: list[float] = []
        with torch.inference_mode():
            for start in range(0, len(pairs), BATCH_SIZE):
                batch = pairs[start : start + BATCH_SIZE]
                encoded = self.tokenizer([p for p, _ in batch], [h for _, h in batch], padding=True,
                                         truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
                probabilities = self.model(**encoded).logits.softmax(dim=-1)
                scores += probabilities[:, self.label_index].tolist()
        return scores


def _require_packages() -> tuple[Any, Any]:
    """Import torch and transformers, or raise one error that says what to install."""
    # No machine here reaches a model hub: keep huggingface_hub from trying (it reads this at import).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ContradictionModelError(
            f"The contradiction model needs torch and transformers ({exc.name or exc} is not installed): "
            f"run {INSTALL_HINT}"
        ) from exc
    return torch, transformers


def contradiction_index(id2label: Mapping[Any, str], name: str) -> int:
    """The class index whose label is "contradiction" (any case); raise ContradictionModelError if none is."""
    for index, label in id2label.items():
        if str(label).strip().lower() == LABEL:
            return int(index)
    labels = ", ".join(str(label) for label in id2label.values()) or "none"
    raise ContradictionModelError(
        f"Model {name} has no '{LABEL}' label (its labels: {labels}); give an NLI cross-encoder whose "
        f"config.json id2label names a contradiction class"
    )


@lru_cache(maxsize=2)
def load_scorer(path: str) -> ContradictionScorer:
    """Load the cross-encoder in directory `path` (local files only, CPU, eval mode), once per process."""
    directory = Path(path).expanduser().resolve()
    if not (directory / "config.json").is_file():
        raise ContradictionModelError(
            f"No contradiction model at {directory}: expected a local transformers model directory "
            f"(config.json, weights, tokenizer files); storylens never downloads models"
        )
    _, transformers = _require_packages()
    try:
        config = transformers.AutoConfig.from_pretrained(directory, local_files_only=True)
        label_index = contradiction_index(config.id2label, directory.name)
        tokenizer = transformers.AutoTokenizer.from_pretrained(directory, local_files_only=True)
        model = transformers.AutoModelForSequenceClassification.from_pretrained(directory, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ContradictionModelError(f"Cannot load the contradiction model at {directory}: {exc}") from exc
    model.to("cpu").eval()
    return ContradictionScorer(name=directory.name, label_index=label_index, model=model, tokenizer=tokenizer)
