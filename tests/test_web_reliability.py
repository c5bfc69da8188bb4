"""The web app holds its promises under hostile requests (issue 19): bad records in uploads, gzip bombs,
foreign Host headers, overflowing numbers, wrong request bodies, long pastes. In-process (TestClient) over a
real SQLite store and the real pipeline."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from helpers.fiction import fictional_article
from storylens import store
from storylens.web.app import Settings, create_app
from storylens.web.stories import StoryCache

BASE = "http://127.0.0.1:8000"


@pytest.fixture()
def make_client(tmp_path, pipeline):
    """A TestClient factory over a fresh store (Settings keywords pass through)."""
    def build(**settings) -> TestClient:
        url = f"sqlite:///{tmp_path / 'web.db'}"
        app = create_app(Settings(db=url, **settings), StoryCache(store.connect(url), lambda: pipeline))
        return TestClient(app, base_url=BASE, raise_server_exceptions=False)
    return build


def test_an_upload_with_a_lone_surrogate_and_nul_stores_every_record(make_client):
    records = [{"id": "w1", "text": fictional_article(1)},
               {"id": "w2", "text": fictional_article(2) + " Odd \udc80 byte.", "outlet": "Bad\x00Outlet"},
               {"id": "w3", "text": fictional_article(3)}]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    response = make_client().post("/api/add", data={"story": "web"},
                                  files={"file": ("mixed.jsonl", data, "application/json")})
    assert response.status_code == 200, response.text
    assert sorted(a["id"] for a in response.json()["added"]) == ["w1", "w2", "w3"]
    form = make_client().post("/add", data={"story": "web", "text": fictional_article(4), "outlet": "Bad\x00Outlet"},
                              headers={"accept": "application/json"})
    assert form.status_code == 200 and form.json()["added"][0]["outlet"] == "Bad\ufffdOutlet"
