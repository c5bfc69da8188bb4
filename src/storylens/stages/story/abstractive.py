"""Story stage `model_briefing`: an optional model-written briefing from an OpenAI-compatible endpoint.

Off unless the user gives an endpoint (`analyze --model-url URL --model NAME`, i.e. `Story.options
["model_endpoint"] = {"url", "model"}`; a key, if the server needs one, is read from the environment
variable STORYLENS_MODEL_KEY). The model sees only the extractive briefing's numbered, cited sentences and
the disputed points, and is asked to cite them as [n]; its text is stored apart, labelled model-written,
next to the extractive briefing, which is always there. A failing endpoint costs only this section: the
error is recorded in one line and the rest of the analysis stands.
"""

from __future__ import annotations

import os
import re
from typing import Any

import httpx

from storylens.model import Story

LABEL = "model-written: check every sentence against the cited extractive sentences"
KEY_VARIABLE = "STORYLENS_MODEL_KEY"
TIMEOUT = 120.0
SYSTEM = ("You write short, neutral news briefings for analysts. Use only the numbered sentences you are "
          "given; do not add facts. After each sentence cite the numbers it rests on, like [1] or [2][3]. "
          "Mention disputed points as disputed.")
_MARKER = re.compile(r"\[(\d+)\]")


def model_briefing(story: Story) -> Story:
    """Add `results["briefing"]["model_written"]` when an endpoint is configured; otherwise do nothing."""
    endpoint = story.options.get("model_endpoint")
    briefing = story.results.get("briefing")
    if not endpoint or not briefing or not briefing["sentences"]:
        return story
    prompt = build_prompt(briefing)
    record: dict[str, Any] = {"label": LABEL, "model": endpoint["model"], "endpoint": endpoint["url"]}
    try:
        text = complete(endpoint["url"], endpoint["model"], prompt, briefing["words"])
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        record["error"] = f"{endpoint['url']}: {type(exc).__name__}: {exc}".splitlines()[0]
    else:
        record["text"] = text
        record["citations"] = citations(text, briefing["sentences"])
    briefing["model_written"] = record
    return story


def build_prompt(briefing: dict[str, Any]) -> str:
    """The numbered sentences with their outlets, the disputed points, and the length asked for."""
    lines = [f"Write a briefing of at most {briefing['words']} words from these sentences:"]
    lines += [f"[{n}] {s['text']} ({', '.join(s['outlets'])})" for n, s in enumerate(briefing["sentences"], 1)]
    if briefing.get("disputed"):
        lines.append("Disputed:")
        lines += [f"- {d['text']}" for d in briefing["disputed"]]
    return "\n".join(lines)


def complete(url: str, model: str, prompt: str, words: int) -> str:
    """One chat completion from an OpenAI-compatible server (`{url}/chat/completions`)."""
    headers = {"Authorization": f"Bearer {os.environ[KEY_VARIABLE]}"} if os.environ.get(KEY_VARIABLE) else {}
    payload = {"model": model, "temperature": 0, "max_tokens": 2 * words + 50,
               "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]}
    response = httpx.post(url.rstrip("/") + "/chat/completions", json=payload, headers=headers, timeout=TIMEOUT)
    response.raise_for_status()
    return str(response.json()["choices"][0]["message"]["content"]).strip()


def citations(text: str, sentences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each [n] the model wrote, resolved to that extractive sentence's claims and outlets (unknown n dropped)."""
    found = []
    for number in dict.fromkeys(int(m) for m in _MARKER.findall(text)):
        if 1 <= number <= len(sentences):
            sentence = sentences[number - 1]
            found.append({"marker": number, "claims": sentence["claims"], "outlets": sentence["outlets"]})
    return found
