"""The optional model-based contradiction scorer, with tiny BERT cross-encoders the tests build and save."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import pytest
import torch
import transformers
from typer.testing import CliRunner

from helpers.bridge_story import TEXTS, bridge_story
from storylens.cli import app
from storylens.outputs.schema import validate_story
from storylens.stages.compare import nli
from storylens.stages.story import conflicts
from storylens.stages.story.conflicts import find_conflicts

NLI_LABELS = {0: "entailment", 1: "neutral", 2: "contradiction"}
# Bias-only classifier: every pair gets softmax([0, 0, 5]) = this contradiction probability.
FIXED_SCORE = math.exp(5) / (math.exp(5) + 2)


def save_tiny_model(directory: Path, id2label: dict[int, str], bias: list[float] | None = None) -> Path:
    """A 2-layer, 32-wide BERT classifier and its word-level tokenizer over the bridge story's words."""
    directory.mkdir(parents=True)
    words = sorted({w for text in TEXTS.values() for w in re.findall(r"\w+|[^\w\s]", text.lower())})
    vocab_file = directory / "vocab.txt"
    vocab_file.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n")
    tokenizer = transformers.BertTokenizer(vocab=str(vocab_file))
    config = transformers.BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64, id2label=id2label,
                                     label2id={label: i for i, label in id2label.items()})
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    if bias is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.copy_(torch.tensor(bias))
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.fixture(autouse=True)
def fresh_loader():
    """Each test sees the loader's cache empty, so what it loads (or does not) is its own doing."""
    nli.load_scorer.cache_clear()
    yield
    nli.load_scorer.cache_clear()


@pytest.fixture(scope="module")
def sure_model(tmp_path_factory) -> Path:
    """A model that calls every pair a contradiction with probability FIXED_SCORE."""
    return save_tiny_model(tmp_path_factory.mktemp("models") / "tiny-nli", NLI_LABELS, bias=[0.0, 0.0, 5.0])


@pytest.fixture(scope="module")
def story(pipeline):
    return bridge_story(pipeline)


def test_loader_finds_the_label_in_any_case_and_scores_what_the_model_outputs(tmp_path, monkeypatch):
    directory = save_tiny_model(tmp_path / "upper", {0: "CONTRADICTION", 1: "Neutral", 2: "Entailment"})
    scorer = nli.load_scorer(str(directory))
    assert (scorer.name, scorer.label_index) == ("upper", 0)
    pairs = [(TEXTS["Orvale Sentinel"].splitlines()[-1], TEXTS["Valley Bugle"].splitlines()[-3]),
             ("the bridge collapsed", "the bridge did not collapse"), ("officials said", "the repair bill")]
    monkeypatch.setattr(nli, "BATCH_SIZE", 2)  # two batches, the first padded: batching must not move a score
    scores = scorer.score(pairs)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(directory, local_files_only=True)
    for (premise, hypothesis), score in zip(pairs, scores, strict=True):
        with torch.no_grad():
            logits = model(**scorer.tokenizer(premise, hypothesis, return_tensors="pt")).logits
        assert score == pytest.approx(logits.softmax(-1)[0, 0].item(), abs=1e-5)
        assert 0.0 <= score <= 1.0
    assert len(set(scores)) == 3  # a real model: different pairs, different scores


def test_story_gets_model_conflicts_beside_unchanged_rule_conflicts(story, sure_model):
    story.options = {}
    rule_conflicts = find_conflicts(story).results["conflicts"]
    assert any(c["kind"] == "number" for c in rule_conflicts)  # the planted 3 vs 5 million euros
    story.options = {"contradiction_model": {"path": str(sure_model), "threshold": 0.9}}
    found = find_conflicts(story).results["conflicts"]
    assert found[: len(rule_conflicts)] == rule_conflicts
    model_conflicts = found[len(rule_conflicts) :]
    assert model_conflicts and all(c["kind"] == "model" for c in model_conflicts)
    ruled = {tuple(c["claims"]) for c in rule_conflicts}
    outlets = {claim["id"]: story.article(claim["article"]).outlet for claim in _claims(story)}
    for conflict in model_conflicts:
        assert conflict["explanation"].startswith("model tiny-nli scores contradiction 0.99 (")
        assert conflict["score"] == pytest.approx(FIXED_SCORE, abs=1e-4)
        a, b = conflict["claims"]
        assert outlets[a] != outlets[b] and (a, b) not in ruled
    contested = {c for g in story.results["claim_groups"] if g["status"] == "contested" for c in g["claims"]}
    assert {c for x in model_conflicts for c in x["claims"]} <= contested


def test_threshold_above_the_score_adds_no_model_conflict(story, sure_model):
    story.options = {"contradiction_model": {"path": str(sure_model), "threshold": 0.995}}
    assert all(c["kind"] != "model" for c in find_conflicts(story).results["conflicts"])


def test_without_the_option_no_model_is_loaded(story, monkeypatch):
    def refuse(path: str) -> None:
        raise AssertionError(f"loaded {path}")

    monkeypatch.setattr(conflicts, "load_scorer", refuse)
    story.options = {}
    assert all(c["kind"] != "model" for c in find_conflicts(story).results["conflicts"])
    assert nli.load_scorer.cache_info().currsize == 0


def test_model_without_a_contradiction_label_is_one_clear_error(tmp_path):
    directory = save_tiny_model(tmp_path / "sentiment", {0: "negative", 1: "positive"})
    with pytest.raises(nli.ContradictionModelError, match=r"sentiment has no 'contradiction' label "
                                                          r"\(its labels: negative, positive\)"):
        nli.load_scorer(str(directory))


def test_missing_directory_is_one_clear_error(tmp_path):
    with pytest.raises(nli.ContradictionModelError, match="No contradiction model at .*nowhere.*never downloads"):
        nli.load_scorer(str(tmp_path / "nowhere"))


@pytest.mark.parametrize("package", ["torch", "transformers"])
def test_missing_packages_name_the_extra_to_install(sure_model, monkeypatch, package):
    monkeypatch.setitem(sys.modules, package, None)  # makes `import <package>` raise ImportError
    with pytest.raises(nli.ContradictionModelError) as caught:
        nli.load_scorer(str(sure_model))
    message = str(caught.value)
    assert f"({package} is not installed)" in message
    assert "pip install 'storylens[nli]'" in message and "requirements-nli.lock" in message


def test_cli_option_reaches_the_conflicts_and_a_bad_path_is_a_usage_error(tmp_path, sure_model):
    records = tmp_path / "bridge.jsonl"
    records.write_text("".join(json.dumps({"id": f"b{n}", "outlet": outlet, "text": text, "published": "2026-05-13"})
                               + "\n" for n, (outlet, text) in enumerate(TEXTS.items())))
    out = tmp_path / "story.json"
    result = CliRunner().invoke(app, ["analyze", str(records), "--json", str(out), "--contradiction-model",
                                      str(sure_model), "--contradiction-threshold", "0.9"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    validate_story(data)
    assert any(c["kind"] == "model" and c["explanation"].startswith("model tiny-nli scores contradiction 0.99")
               for c in data["conflicts"])
    missing = CliRunner().invoke(app, ["analyze", str(records), "--contradiction-model", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert "No contradiction model at" in " ".join(missing.output.replace("│", " ").split())  # unwrap rich's box


def _claims(story) -> list[dict]:
    """Every claim of the story as {"id", "article"}."""
    from storylens.stages.compare.claimindex import ClaimIndex

    return [{"id": ref.id, "article": ref.article.id} for ref in ClaimIndex(story).claims]
