"""Logistic models shipped as JSON beside the stages that use them: loading (checked against the features the
code computes), scoring, and fitting (by the training commands in `storylens.evals`).

Fitted by hand with numpy (Newton's method, a few lines): scikit-learn would add a large dependency for one
regression, and the weights it gives are the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

L2 = 1.0


def load_linear_model(path: Path, features: tuple[str, ...]) -> dict[str, Any]:
    """A shipped model {"features", "weights", "bias", "threshold", ...}; refused if its features differ."""
    model = json.loads(path.read_text(encoding="utf-8"))
    if tuple(model["features"]) != features:
        raise ValueError(f"{path}: model features {model['features']} differ from the code's {features}")
    return model


def probabilities(model: dict[str, Any], rows: np.ndarray) -> np.ndarray:
    """P(positive) for each feature row."""
    if not len(rows):
        return np.zeros(0)
    return 1.0 / (1.0 + np.exp(-(rows @ np.asarray(model["weights"]) + model["bias"])))


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, l2: float = L2,
                 steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2 logistic regression (bias not penalised; `w`: sample weights), by Newton's method."""
    w = np.ones(len(x)) if w is None else w
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (w * (p - y)) + penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])
