"""Quality gate for the briefing (issue 7) on Multi-News dev, run where ../shared/data exists.

ROUGE-1/2/L F (rouge-score, stemming on) of the briefing cut to the reference's length; the issue's floors
43 / 14 / 20. Measured 45.57 / 14.58 / 20.57 (`python -m storylens.evals.multinews`). Processed articles
are cached under the system temp dir, so only the first run pays for the article stages (~5 min on 2 cores).
Tuning was light and on the first 50 clusters only: a grid over the lead decay (2/4/8), MMR lambda
(0.5/0.7/0.9), the lead weight (0.5/1/2) and the longest candidate (40/70/100 words) found no setting
clearly better (within ~0.4 ROUGE-1) than the defaults chosen beforehand (4, 0.7, 1, 70), which stayed. Per half:
first 50 45.2 / 15.2 / 20.9, last 50 45.9 / 14.0 / 20.3.
Issue 16 item 5 (the lead = the most corroborated event, the sentence guard): main before it 45.51 / 14.73 / 20.64,
after it 45.33 / 14.88 / 20.35 (first 50 44.72 / 15.19 / 20.17, last 50 45.94 / 14.57 / 20.53). Ordering the
agreed sentences before the single-source ones cost another 0.4 ROUGE-L (both halves) and was left out.
Why the lead costs (first 50 only): without the lead 44.82 / 15.36 / 20.55, without the guard's pronoun/connective
rule 45.12 / 15.26 / 20.59, without both 45.16 / 15.34 / 20.91; the lead itself cost little ROUGE-1 but its
sentence often told a minor event (most events tie on independent sources and the tie went to mention counts).
Now: equally corroborated events are ranked by how well their best sentence tells them, the body's MMR counts the
lead as already chosen (no restatement of it), a quote cut from its speaker is judged as it reads ("Name: “...”"),
a lead is never in the first person: 45.38 / 14.95 / 20.52 (tuning = first 50: 44.93 / 15.38 / 20.46; checking =
last 50: 45.83 / 14.52 / 20.58). ROUGE-1 and ROUGE-L stay below the pre-lead 45.51 / 20.64: the remaining cost is
the guard keeping out sentences that open on "He", "They", "But" (the lead is no longer the cause); see the
mnews branch report for what was tried and not kept.
With the claim-pair model as the default grouping (issue 16, more shared facts found on BASIL): 45.24 / 14.89 /
20.26 (tuning 45.10 / 15.67 / 20.36; checking 45.37 / 14.12 / 20.16), against 45.38 / 14.95 / 20.52 with `rules`.
On the tuning half 25 of 50 briefings changed, 10 up and 15 down in ROUGE-L, by reordering or swapping one
corroborated sentence for another: within noise per cluster, a small loss on the mean, kept for the grouping.
The quote fixes after it (mixed quote styles, a quotation's last sentence) leave all 100 at 45.24 / 14.89 / 20.26.
The pair model retrained on 60 tuning triplets, scoring pairs across sub-stories (cut 0.7, more claims grouped):
45.06 / 14.67 / 20.11 (tuning 44.96 / 15.53 / 20.29; checking 45.17 / 13.82 / 19.92), `rules` unchanged.
Re-measured on a fresh machine at the same commit: 44.99 / 14.68 / 20.10 (tuning 44.98 / 15.58 / 20.32; checking
45.00 / 13.77 / 19.88). With the event feature `patient_clash` and the models retrained: 45.05 / 14.74 / 20.13
(tuning 45.06 / 15.63 / 20.35; checking 45.05 / 13.84 / 19.91).
Stop 26 ended at 45.19 / 14.80 / 20.07 (tuning 45.23 / 15.72 / 20.30; checking 45.16 / 13.88 / 19.84). Stop 27: the
MMR relevance scaled to 0..1 before it meets the cosine (summed signals reached 4, so the 0.7 / 0.3 weights had
left redundancy a quarter of its weight: the grid above moved little for that reason) and no sentence shown that
the pair model scores as one fact with one already shown (SAME_FACT 0.8; 0.4 / 0.6 / 0.8 tried on tuning):
45.75 / 15.01 / 20.37 (tuning 45.86 / 16.15 / 20.62; checking 45.63 / 13.88 / 20.12). The one-fact rule alone:
tuning 45.34 / 15.78 / 20.41, checking 45.19 / 13.81 / 19.88 (kept for the reader: 14 pairs of lines saying one fact
twice on the 60 BASIL tuning briefings go, 12 of them true repeats). Re-tuning lambda once scaled (0.3-0.7 on
tuning) peaked at 0.4 (tuning 46.61 / 16.77 / 21.10) but lowered checking (45.06 / 14.06 / 19.56): not kept, 0.7
stays.
Stop 29: the briefing keeps the order it is read in (`briefing.reading_order`): after the lead, the agreed lines, then
the rest, each part in the articles' order (a line's relative place in its article) instead of MMR's pick order. The
report already showed the agreed part first, so the JSON and the report now agree. 45.98 / 15.54 / 20.67 (tuning
45.88 / 16.49 / 21.12; checking 46.08 / 14.58 / 20.22), from 45.76 / 15.10 / 20.38 (tuning 45.87 / 16.21 / 20.64;
checking 45.65 / 13.98 / 20.12): all three over issue 16's "not below" 45.51 / 14.73 / 20.64, ROUGE-L by 0.03.
Sections alone (MMR order within): tuning 45.76 / 16.11 / 20.41, checking 45.84 / 14.23 / 20.23. Orders compared on
tuning: the line's own place 21.14, its group's earliest place 21.11, the group's mean place 21.21 ROUGE-L (noise
apart; the simplest kept). Checking figures of these variants were printed alongside (disclosed, not chosen on).
The gate below stays at issue 7's floors: issue 16's "not below" sits 0.03 under the measure, nearer than the
spread seen between machines at one commit (up to 0.07), so gating on it would make a red run of noise.
"""

from __future__ import annotations

import pytest

from storylens.evals.multinews import DATA_DIR, DEV_FILE, cut_words, evaluate

needs_data = pytest.mark.skipif(not (DATA_DIR / DEV_FILE).exists(), reason=f"Multi-News data not found at {DATA_DIR}")


@needs_data
def test_multinews_rouge_floors() -> None:
    result = evaluate()
    assert result["clusters"] == 100
    assert result["rouge1"] >= 43.0, result  # issue floor 43 (measured 45.38; checking part 45.83)
    assert result["rouge2"] >= 14.0, result  # issue floor 14 (measured 14.95; checking part 14.52)
    assert result["rougeL"] >= 20.0, result  # issue floor 20 (measured 20.52; checking part 20.58)
    assert result["checking"]["clusters"] == 50 and result["tuning"]["clusters"] == 50, result


def test_cut_words_keeps_the_first_words() -> None:
    assert cut_words("one two  three\nfour", 3) == "one two three"
    assert cut_words("one", 5) == "one"
