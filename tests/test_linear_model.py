"""The shipped logistic models: loaded only when their features match the code's; fitting recovers a known rule."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storylens.stages.story.linear_model import fit_logistic, load_linear_model, probabilities


def test_a_model_with_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"features": ["a", "b"], "weights": [1.0, -1.0], "bias": 0.5, "threshold": 0.5}))
    model = load_linear_model(path, ("a", "b"))
    assert probabilities(model, np.array([[0.0, 0.0]]))[0] == pytest.approx(1 / (1 + np.exp(-0.5)))
    assert len(probabilities(model, np.zeros((0, 2)))) == 0
    with pytest.raises(ValueError, match="differ from the code"):
        load_linear_model(path, ("a", "c"))


def test_fitting_separates_a_rule_and_weights_count_as_copies() -> None:
    x = np.array([[0.0], [0.2], [0.4], [0.6], [0.8], [1.0]])
    y = np.array([0, 0, 1, 0, 1, 1], dtype=float)
    weights, bias = fit_logistic(x, y, l2=0.01)
    assert weights[0] > 0  # more of the feature, more likely positive
    doubled = np.vstack([x, x[2:3]]), np.append(y, 1.0)
    as_copies = fit_logistic(*doubled, l2=0.01)
    as_weight = fit_logistic(x, y, np.array([1, 1, 2, 1, 1, 1], dtype=float), l2=0.01)
    assert np.allclose(as_copies[0], as_weight[0]) and as_copies[1] == pytest.approx(as_weight[1])
