"""Distinctive words: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

For a word w, outlet counts y_i and the other outlets' counts y_j (totals n_i, n_j), and a prior alpha_w
proportional to w's frequency in the whole story (alpha_0 = sum of alpha_w):

    delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    z_w     = delta_w / sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))

The prior shrinks rare words toward the story's own usage, so a word one outlet says once does not top
the list; z measures how sure we are that the outlet uses the word more than the others.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

# Prior strength as a share of the story's token count: 1.0 is the paper's "story as background" prior.
PRIOR_SHARE = 1.0
# Reporting verbs every outlet uses; they say nothing about framing.
REPORTING = frozenset({"said", "says", "told", "added", "according"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def terms(text: str) -> list[str]:
    """Lower-cased content words (stop words, numbers and one- or two-letter words out)."""
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return [w.removesuffix("'s") for w in words if len(w) > 2 and w not in STOP_WORDS and w not in REPORTING]


def log_odds_z(counts: dict[str, Counter], prior_share: float = PRIOR_SHARE) -> dict[str, dict[str, float]]:
    """z-score of every word a group uses, for every group vs all other groups: {group: {word: z}}."""
    total_counts: Counter = Counter()
    for group_counts in counts.values():
        total_counts.update(group_counts)
    vocab = sorted(total_counts)
    position = {w: i for i, w in enumerate(vocab)}
    total = np.array([total_counts[w] for w in vocab], dtype=np.float64)
    alpha = prior_share * total  # the story's own counts as the prior (alpha_0 = prior_share * n)
    alpha0 = alpha.sum()
    result = {}
    for name, group_counts in counts.items():
        # One group's row at a time: a story with many outlets never holds an outlets x vocabulary matrix.
        ours = np.zeros(len(vocab))
        ours[[position[w] for w in group_counts]] = list(group_counts.values())
        theirs = total - ours
        n_ours, n_theirs = ours.sum(), theirs.sum()
        with np.errstate(divide="ignore", invalid="ignore"):  # a one-word vocabulary has no odds
            delta = (np.log((ours + alpha) / (n_ours + alpha0 - ours - alpha))
                     - np.log((theirs + alpha) / (n_theirs + alpha0 - theirs - alpha)))
            z = np.nan_to_num(delta / np.sqrt(1.0 / (ours + alpha) + 1.0 / (theirs + alpha)),
                              nan=0.0, posinf=0.0, neginf=0.0)
        result[name] = {w: float(z[position[w]]) for w in group_counts}
    return result


def top_terms(z: dict[str, float], counts: Counter, k: int, min_z: float, min_count: int = 2
              ) -> list[dict[str, float]]:
    """The k words with the highest z above `min_z` that the group uses at least `min_count` times."""
    ranked = sorted((w for w, s in z.items() if s >= min_z and counts[w] >= min_count), key=lambda w: (-z[w], w))
    return [{"term": w, "z": round(z[w], 3)} for w in ranked[:k]]
