"""A throw-away PostgreSQL server for tests: initdb in a temp dir, postgres on a free 127.0.0.1 port.

The binaries come from Debian's `postgresql` package (`make system-deps`). PostgreSQL refuses to run as
root, so as root the data directory is handed to the `postgres` user and every command runs through
`runuser -u postgres --`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

BIN_GLOB = "/usr/lib/postgresql/*/bin"
USER = "storylens"


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


def bin_dir() -> Path:
    """The newest installed PostgreSQL bin directory; raise PostgresMissing naming the fix."""
    found = sorted(Path("/").glob(BIN_GLOB.lstrip("/")), key=lambda p: int(p.parent.name)
                   if p.parent.name.isdigit() else 0)
    found = [p for p in found if (p / "initdb").exists() and (p / "pg_ctl").exists()]
    if not found:
        raise PostgresMissing(f"PostgreSQL server binaries not found under {BIN_GLOB}: run `make system-deps` "
                              "(apt-get install postgresql)")
    return found[-1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_postgres(cmd), capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr or done.stdout}")


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a private PostgreSQL server; yield its admin URL; stop it and delete its files at the end."""
    bins = bin_dir()
    root = Path(tempfile.mkdtemp(prefix="storylens-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    try:
        _run([str(bins / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale"])
        # fsync off: a test server's data may be lost on a crash, and tests run faster without syncs.
        options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=50"
        _run([str(bins / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"])
        try:
            yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
        finally:
            _run([str(bins / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def new_database(admin_url: str) -> str:
    """Create an empty database on the server behind `admin_url`; return its URL."""
    name = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name
