"""The production path for real: `kring serve --production` starts gunicorn and the worker, serves the
login page and a hashed static file with a long cache lifetime, and SIGTERM stops both.

The server runs under the production settings (so their static storage and headers are what is
tested) against the suite's test database: on PostgreSQL the test database itself; on SQLite a file
copy of the suite's in-memory database (which another process cannot open)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url_for_another_process(directory: Path) -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        return f"postgres://{credentials}@{host}/{quote(db['NAME'], safe='')}"
    assert connection.vendor == "sqlite"
    connection.ensure_connection()
    copy = directory / "kring.sqlite3"
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{copy}"


def processes_in_group(group: int) -> dict[int, str]:
    """The live processes of a process group, with their command lines (Linux's /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            found[int(entry.name)] = cmdline
    return found


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture
def production_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kring.settings.production",
        "PYTHONPATH": str(PROJECT_DIR),
        "SECRET_KEY": "kring-test-production-secret",
        "KRING_FIELD_KEY": "kring-test-field-key",
        "DATABASE_URL": database_url_for_another_process(tmp_path),
        "KRING_STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1: no TLS proxy in front here
        "ALLOWED_HOSTS": "127.0.0.1",
        "KRING_WEB_WORKERS": "2",
        "KRING_LOG_LEVEL": "WARNING",
    }
    kring = [sys.executable, "-m", "kring.cli"]
    collected = subprocess.run(
        [*kring, "collectstatic", "--noinput", "-v0"], env=env, capture_output=True, timeout=300, check=False
    )
    assert collected.returncode == 0, collected.stderr.decode()[-3000:]
    address = f"127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        # A session of its own: the server, gunicorn's workers and the task worker share one process
        # group, which the test inspects and, whatever happens, empties at the end.
        server = subprocess.Popen(
            [*kring, "serve", "--production", address],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield f"http://{address}", server, log
    finally:
        if server.poll() is None:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=45)
        if processes_in_group(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def wait_until_serving(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, f"kring serve stopped:\n{log.read_text()[-4000:]}"
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer on {url} within 90 s:\n{log.read_text()[-4000:]}")


@pytest.mark.django_db(transaction=True)
def test_kring_serve_production_runs_gunicorn_and_the_worker_and_stops_both_on_sigterm(production_server):
    base, server, log = production_server
    login = f"{base}/account/inloggen/"
    wait_until_serving(login, server, log)

    status, _headers, body = get(login)
    assert status == 200, body[-2000:]
    # Both beside each other in the server's process group: the gunicorn master and its two
    # workers, and the task worker.
    running = processes_in_group(server.pid).values()
    assert sum("gunicorn kring.wsgi:application" in line for line in running) == 3, running
    assert sum("kring.cli db_worker" in line for line in running) == 1, running

    # The page links the hashed copy of each style sheet; whitenoise serves it compressed and
    # cacheable for a year or more (it never changes: a new version has a new name).
    stylesheet = re.search(rb'href="(/static/kring/[^"]+\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, body[:3000]
    status, headers, _css = get(base + stylesheet.group(1).decode(), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    cache = headers["cache-control"]
    max_age = int(re.search(r"max-age=(\d+)", cache).group(1))  # type: ignore[union-attr]
    assert max_age >= 365 * 24 * 3600 and "immutable" in cache, cache

    # SIGHUP is a graceful reload: the same gunicorn master, new workers, the page still served.
    def gunicorns() -> set[int]:
        return {pid for pid, line in processes_in_group(server.pid).items() if "gunicorn kring" in line}

    def reloaded(now: set[int]) -> bool:
        return len(now) == 3 and len(now & before) == 1  # the master stayed, both workers are new

    before = gunicorns()
    server.send_signal(signal.SIGHUP)
    # The old workers exit while the new ones boot, so on the way there are sets of three with one
    # old and one new worker: wait for the end state itself, reading the processes once per look.
    deadline = time.monotonic() + 120
    after = gunicorns()
    while time.monotonic() < deadline and not reloaded(after):
        time.sleep(0.3)
        after = gunicorns()
    assert reloaded(after), (before, after)
    assert server.poll() is None
    assert get(login)[0] == 200

    # The access log is on standard output, with the path but not its query string.
    get(f"{login}?zoek=geheim")
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=45) == 0, log.read_text()[-4000:]
    assert processes_in_group(server.pid) == {}  # gunicorn, its workers and the task worker are gone
    output = log.read_text()
    assert '"GET /account/inloggen/ HTTP/1.1" 200' in output, output[-4000:]
    assert "geheim" not in output
