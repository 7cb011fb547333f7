"""`comptoir serve` as a user starts it: gunicorn answers, the job worker runs beside it,
and both stop together."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import GROUP, REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@GROUP
def test_serve_runs_gunicorn_with_a_job_worker_and_stops_both(migrated_var_dir):  # type: ignore[no-untyped-def]
    # a copy of a database migrated from empty (conftest.py): serve's own migrate finds
    # nothing to do instead of migrating every area again
    tmp_path = migrated_var_dir
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="comptoir.settings.dev",
        COMPTOIR_VAR_DIR=str(tmp_path),
        COMPTOIR_DAILY_AT="00:00",  # the daily jobs are due at once: the worker queues them
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "comptoir", "serve", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                status, headers, _body = get(base + "/accounts/login/")
                break
            except OSError:
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not answer in time"
                time.sleep(1)
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        status, _headers, body = get(base + "/static/comptoir/comptoir.js")
        assert status == 200 and b"data-print" in body
        # The job worker beside it ran the daily jobs it queued.
        database = sqlite3.connect(tmp_path / "comptoir.sqlite3")
        deadline = time.monotonic() + 60
        while True:
            row = database.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                ["comptoir.jobs.tasks.daily_jobs"],
            ).fetchone()
            if row and row[0] == "SUCCESSFUL":
                break
            assert time.monotonic() < deadline, f"daily jobs not run: {row}"
            time.sleep(1)
        database.close()
        children = children_of(server.pid)
        assert len(children) >= 3  # 2 web workers and at least one job worker
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    time.sleep(0.5)
    assert [pid for pid in children if alive(pid)] == []
