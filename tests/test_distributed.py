"""Article stages on a real Dask cluster (a `dask scheduler` and two `dask worker` processes on
127.0.0.1): every article stored exactly once, also when a worker is killed mid-batch."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from distributed import Client
from typer.testing import CliRunner

from helpers.fiction import write_articles
from helpers.pg_server import free_port
from storylens import store
from storylens.cli import app
from storylens.pipeline import executors
from storylens.pipeline.build import StageFailed
from storylens.pipeline.executors import DaskExecutor, executor_for
from storylens.pipeline.runner import collect_inputs, process_batch

DASK = Path(sys.executable).parent / "dask"


def _wait_for_workers(address: str, count: int, timeout: float = 60) -> None:
    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.fixture()
def dask_cluster(tmp_path) -> Iterator[tuple[str, list[tuple[str, subprocess.Popen]]]]:
    """A scheduler and two single-thread workers (no nanny, so a killed worker stays dead)."""
    address = f"tcp://127.0.0.1:{free_port()}"
    log = open(tmp_path / "dask.log", "w")  # noqa: SIM115 (closed below, after the processes end)
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                               "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT)]
    workers = []
    for _ in range(2):
        worker_address = f"tcp://127.0.0.1:{free_port()}"
        proc = subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--no-nanny",
                                 "--listen-address", worker_address, "--no-dashboard"],
                                stdout=log, stderr=subprocess.STDOUT)
        procs.append(proc)
        workers.append((worker_address, proc))
    try:
        _wait_for_workers(address, 2)
        yield address, workers
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


def _stored(db: str) -> list[str]:
    engine = store.connect(db)
    with engine.connect() as conn:
        return list(conn.scalars(sa.select(store.articles.c.id)))


def test_add_on_dask_workers_stores_every_article_once(dask_cluster, tmp_path):
    address, _workers = dask_cluster
    paths = write_articles(tmp_path / "in", 6)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(app, ["add", str(tmp_path / "in"), "--db", db, "--story", "harbour",
                                      "--dask", address], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "stored 6 new, 0 already stored, 0 skipped" in result.stderr
    ids = _stored(db)
    assert len(ids) == len(set(ids)) == len(paths)
    stored = list(store.load_articles(store.connect(db), story_id="harbour"))
    # Processed on the workers: every layer and the claim vectors came back.
    assert all(a.layers["claims"] and a.vectors["claims"].shape[0] == len(a.layers["claims"]) for a in stored)


def test_a_worker_killed_mid_batch_loses_nothing(dask_cluster, tmp_path, pipeline):
    address, workers = dask_cluster
    write_articles(tmp_path / "in", 12)
    raw, problems = collect_inputs([str(tmp_path / "in")])
    engine = store.connect(f"sqlite:///{tmp_path / 'store.db'}")
    victim_address, victim = workers[0]
    seen: list[int] = []
    with Client(address) as client:
        busy_at_kill: list[int] = []

        def kill_after_first(_result: object) -> None:
            seen.append(1)
            if len(seen) == 1:
                busy_at_kill.append(len(client.processing().get(victim_address, ())))
                os.kill(victim.pid, signal.SIGKILL)

        batch = process_batch(raw, pipeline, engine, "ferries", on_done=kill_after_first,
                              executor=DaskExecutor(client, batch_size=1))
    assert victim.wait(10) == -signal.SIGKILL
    assert busy_at_kill and busy_at_kill[0] >= 1, "the killed worker held no work: nothing was tested"
    assert not problems and not batch.problems
    assert batch.stored == len(raw) == len(seen) == 12
    ids = [a.id for a in store.load_articles(engine, story_id="ferries")]
    assert sorted(ids) == sorted(a.id for a in raw)  # every article exactly once
    assert [a.id for a in batch.articles] == [a.id for a in raw]  # listed in input order


def test_stage_failures_travel_back_from_workers_intact():
    failure = pickle.loads(pickle.dumps(StageFailed("nlp", "a.txt", "ValueError: bad")))
    assert (failure.stage, failure.source, failure.reason) == ("nlp", "a.txt", "ValueError: bad")


def test_dask_options_are_checked():
    with pytest.raises(ValueError, match="not both"), executor_for("tcp://127.0.0.1:1", 2):
        pass
    for options in (["--workers", "0"], ["--workers", "2", "--dask", "tcp://127.0.0.1:1"]):
        result = CliRunner().invoke(app, ["add", "x.txt", *options])
        assert result.exit_code == 2, options


def test_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 3)
    (tmp_path / "a.txt").write_text("A ferry left Portvale late on Tuesday.", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["add", str(tmp_path / "a.txt"), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                      "--dask", f"tcp://127.0.0.1:{free_port()}"])
    assert result.exit_code == 1
    assert "cannot reach Dask scheduler" in result.stderr
    assert time.monotonic() - started < 30


def test_local_workers_give_the_same_story_as_in_process(tmp_path):
    write_articles(tmp_path / "in", 5)
    outputs = {}
    for name, options in (("here", []), ("dask", ["--workers", "2"])):
        outputs[name] = tmp_path / f"{name}.json"
        result = CliRunner().invoke(app, ["analyze", str(tmp_path / "in"), "--json", str(outputs[name]), *options],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
    here, dask = (json.loads(outputs[n].read_text(encoding="utf-8")) for n in ("here", "dask"))
    assert len(here["articles"]) == 5 and here["claim_groups"]
    assert dask == here


def test_local_cluster_keeps_dask_debug_logs_short():
    """Dask's per-stream debug logs hold whole messages (our batches of articles); at its default length of
    1,000 they would grow memory for hours of streaming, so every process of our cluster keeps a short one."""
    from dask import config

    key = "distributed.admin.low-level-log-length"
    with executor_for(workers=1) as executor:
        client = executor.client
        on_workers = client.run(lambda: config.get(key))
        on_scheduler = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_log.maxlen)
    assert set(on_workers.values()) == {executors.DASK_CONFIG[key]}
    assert on_scheduler == executors.DASK_CONFIG[key] < config.get(key)
