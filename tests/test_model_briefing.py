"""The optional model-written briefing, against a tiny OpenAI-compatible server started on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers.bridge_story import LEAD, bridge_story
from storylens.stages.story.abstractive import LABEL, build_prompt, citations, model_briefing


class FakeChat(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions with the first numbered line of the prompt, cited [1] and [9]."""

    requests: list[dict] = []
    fail = False

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.requests.append({"path": self.path, "body": body})
        if FakeChat.fail:
            self.send_response(500)
            self.end_headers()
            return
        prompt = body["messages"][-1]["content"]
        first = next(line for line in prompt.splitlines() if line.startswith("[1] "))
        answer = {"choices": [{"message": {"role": "assistant", "content": first[4:] + " [1][9]"}}]}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def story(pipeline):
    return bridge_story(pipeline, words=40)


def test_off_by_default(story):
    assert "model_written" not in story.results["briefing"]


def test_model_written_briefing_is_labelled_and_cited(story, server):
    FakeChat.fail, FakeChat.requests[:] = False, []
    story.options["model_endpoint"] = {"url": server, "model": "tiny-local"}
    written = model_briefing(story).results["briefing"]["model_written"]
    request = FakeChat.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "tiny-local"
    assert LEAD in request["body"]["messages"][-1]["content"]
    assert written["label"] == LABEL and written["model"] == "tiny-local" and written["endpoint"] == server
    assert written["text"].startswith(LEAD)
    # [9] names no sentence, so only [1] resolves, to the lead sentence's claims and outlets.
    first = story.results["briefing"]["sentences"][0]
    assert written["citations"] == [{"marker": 1, "claims": first["claims"], "outlets": first["outlets"]}]
    assert story.results["briefing"]["sentences"][0]["text"] == LEAD  # the extractive briefing stays


def test_a_failing_endpoint_costs_only_this_section(story, server):
    FakeChat.fail = True
    story.options["model_endpoint"] = {"url": server, "model": "tiny-local"}
    written = model_briefing(story).results["briefing"]["model_written"]
    FakeChat.fail = False
    assert "text" not in written and "500" in written["error"] and "\n" not in written["error"]
    assert story.results["briefing"]["sentences"]


def test_prompt_numbers_sentences_and_lists_disputes(story):
    prompt = build_prompt(story.results["briefing"])
    assert prompt.splitlines()[1].startswith("[1] " + LEAD) and "Disputed:" in prompt
    assert citations("no markers", story.results["briefing"]["sentences"]) == []


def test_cli_options_switch_it_on_only_with_a_url():
    from storylens.cli.analyze import story_options

    assert story_options(50, None, "tiny") == {"words": 50}
    assert story_options(50, "http://127.0.0.1:1/v1", "tiny") == {
        "words": 50, "model_endpoint": {"url": "http://127.0.0.1:1/v1", "model": "tiny"}}
