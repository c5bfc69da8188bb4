"""Crash safety and concurrency of `storylens add` on SQLite, with real processes.

`add` is SIGKILLed at random moments (while importing, migrating, loading models, writing); after every
kill the store must be consistent, and a final run must leave every article stored exactly once. Two
`add` processes writing one store at once must also store every article once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from helpers.fiction import write_articles
from storylens.model import content_hash

REPO = Path(__file__).resolve().parents[1]
ARTICLE_COUNT = 30
KILLS = 15


def _add(inputs: list[Path], db: Path, story: str) -> subprocess.Popen:
    """Start `storylens add` as a real process (its own session, so the test can kill it alone)."""
    cmd = [sys.executable, "-m", "storylens.cli", "add", *map(str, inputs), "--db", f"sqlite:///{db}",
           "--story", story]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(db: Path) -> int:
    """Stored articles, read the way any other process would (0 while the schema does not exist)."""
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _wait_for(condition, limit: float) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end and not condition():
        time.sleep(0.05)


def _kill_at_random_point(proc: subprocess.Popen, db: Path, rng: random.Random, kind: int) -> str:
    """Kill `proc` during start-up (kind 0), right at migration (1) or while it writes (2)."""
    if kind == 1:
        _wait_for(db.exists, 30)
        when = "as the store file appeared"
    elif kind == 2:
        before = _count(db)
        _wait_for(lambda: _count(db) > before or proc.poll() is not None, 60)
        time.sleep(rng.uniform(0, 0.8))
        when = "while writing"
    else:
        time.sleep(rng.uniform(0.2, 6.0))
        when = "at a random time"
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    # A worker process must not outlive its killed parent (it would keep the batch's memory).
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"worker processes outlived the killed add: {alive}"
    return when


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def check_consistent(db: Path) -> list[tuple[str, str]]:
    """Assert the store is intact; return (content hash, status) of every stored article."""
    with sqlite3.connect(db, timeout=30) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return []
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, len(versions) + 1)), versions
        orphans = conn.execute("SELECT count(*) FROM story_articles s LEFT JOIN articles a "
                               "ON a.id = s.article_id WHERE a.id IS NULL").fetchone()[0]
        assert orphans == 0, "story link without an article"
        rows = conn.execute("SELECT id, content_hash, status, record FROM articles").fetchall()
    stored = []
    for article_id, digest, status, record in rows:
        data = json.loads(record)
        assert data["id"] == article_id and data["content_hash"] == digest == content_hash(data["raw"])
        assert status in ("ok", "failed")
        assert status == "failed" or data["text"]
        stored.append((digest, status))
    return stored


def expected_hashes(paths: list[Path]) -> set[str]:
    """Content hashes the inputs should end up stored under."""
    return {content_hash(p.read_text(encoding="utf-8")) for p in paths}


def check_complete(db: Path, paths: list[Path], story: str) -> None:
    """Every input stored exactly once, as ok, and filed under `story`."""
    stored = check_consistent(db)
    hashes = [digest for digest, _ in stored]
    assert sorted(hashes) == sorted(expected_hashes(paths)), "articles missing or stored twice"
    assert {status for _, status in stored} == {"ok"}
    with sqlite3.connect(db) as conn:
        linked = conn.execute("SELECT count(*) FROM story_articles WHERE story_id = ?", (story,)).fetchone()
    assert linked[0] == len(paths)


def test_sigkill_at_random_points_never_corrupts_the_store_and_a_rerun_completes(tmp_path):
    paths = write_articles(tmp_path / "articles", ARTICLE_COUNT)
    db = tmp_path / "store.db"
    seed = int(os.environ.get("STORYLENS_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    kills = []
    for n in range(KILLS):
        order = rng.sample(paths, len(paths))  # a different article is in flight at each kill
        proc = _add(order, db, "crash")
        kills.append(_kill_at_random_point(proc, db, rng, kind=1 if n == 0 else 2 if n % 2 else 0))
        check_consistent(db)
    final = _add(paths, db, "crash")
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, f"seed {seed}: {err}"
    check_complete(db, paths, "crash")
    assert "stored" in err and ", 0 skipped" in err, err
    assert any(k == "while writing" for k in kills)


def test_two_add_processes_on_one_store_store_every_article_once(tmp_path):
    paths = write_articles(tmp_path / "articles", 24)
    db = tmp_path / "store.db"
    # Overlapping inputs: both processes get articles 6..17, in opposite orders.
    first, second = _add(paths[:18], db, "both"), _add(list(reversed(paths[6:])), db, "both")
    results = [(p.communicate(timeout=300), p.returncode) for p in (first, second)]
    for (_out, err), code in results:
        assert code == 0, err
        assert "locked" not in err, err
    check_complete(db, paths, "both")
    new = [int(err.split("stored ", 1)[1].split(" new")[0]) for (_, err), _ in results]
    assert sum(new) == len(paths), new  # each article counted as new by exactly one process


def test_the_web_app_keeps_serving_while_a_batch_writes(tmp_path):
    import socket

    import httpx

    paths = write_articles(tmp_path / "articles", 20)
    db = tmp_path / "store.db"
    assert _add(paths[:1], db, "web").wait(timeout=300) == 0  # the store exists before the server starts
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "storylens.cli", "serve", "--db", f"sqlite:///{db}",
                               "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/api"
        _wait_for(lambda: _answers(url), 120)
        batch = _add(paths, db, "web")
        statuses, counts = [], []
        while batch.poll() is None:
            statuses.append(httpx.get(url, timeout=30).status_code)
            counts.append(_count(db))
            time.sleep(0.2)
        assert batch.returncode == 0
        assert statuses and set(statuses) == {200}, statuses
        assert len(set(counts)) > 1, "no request was answered while articles were being written"
    finally:
        server.terminate()
        server.wait(timeout=30)
    check_complete(db, paths, "web")


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_migration_that_fails_half_way_leaves_no_trace(tmp_path, monkeypatch):
    import sqlalchemy as sa

    from storylens import store

    def half_done(conn) -> None:
        conn.execute(sa.text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("killed half-way")

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store.connect(url)
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, (len(store.MIGRATIONS) + 1, "half", half_done)])
    with pytest.raises(RuntimeError, match="half-way"):
        store.connect(url)
    with sqlite3.connect(tmp_path / "store.db") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert "half_done" not in tables
    assert len(store.MIGRATIONS) not in versions
