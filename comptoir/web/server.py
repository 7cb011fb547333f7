"""The production web server behind ``comptoir serve``: gunicorn, and the job worker beside it.

Gunicorn runs several worker processes with a few threads each: a slow page or a write
waiting for SQLite's lock holds one thread, never the others; WhiteNoise serves the static
files from the same processes. The job
worker (``comptoir worker``) is a child process that the server starts when it is ready,
restarts if it dies, and stops when the server stops.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from gunicorn.app.base import BaseApplication

log = logging.getLogger(__name__)


def default_web_workers() -> int:
    return max(2, min(8, 2 * (os.cpu_count() or 1) + 1))


def freeze_startup_objects() -> None:
    """Move every object alive after start-up (modules, URL patterns, translations, search
    indexes) out of the garbage collector's reach: the collector then scans only what
    requests create. Without it a full collection walks the whole application every few
    requests (about 200 ms on a tender comparison page, seen in benchmarks/purchasing.py);
    called in the master just before the workers fork, it also keeps those pages shared
    between workers (Python docs, gc.freeze)."""
    import gc

    if gc.get_freeze_count():  # frozen before the first worker: the next forks share it
        return
    gc.collect()
    gc.freeze()


def warm_up_pdf() -> None:
    """Render a tiny document: WeasyPrint loads Pango and the fonts on its first render
    (up to 10-15 s on a cold machine), which must not fall on a user's first invoice."""
    from comptoir.documents.pdf import warm_up

    started = time.monotonic()
    try:
        warm_up()
    except Exception:  # a missing font must not stop the server: the PDF page will say it
        log.exception("PDF warm-up failed")
    log.info("PDF engine warmed up in %.1f s", time.monotonic() - started)


class JobWorkers:
    """The ``comptoir worker`` children of the server: started, kept alive, stopped."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def _spawn(self, index: int) -> subprocess.Popen[bytes]:
        # Verbosity 1: one line per job in the server's output, and the traceback of a failure.
        command = [sys.executable, "-m", "comptoir", "worker", "--verbosity", "1"]
        if index > 0:  # one schedule is enough; the day's unique row guards the rest
            command.append("--no-schedule")
        return subprocess.Popen(command, env=os.environ.copy())

    def start(self) -> None:
        self.processes = [self._spawn(i) for i in range(self.count)]
        self.thread = threading.Thread(target=self._supervise, daemon=True, name="job-workers")
        self.thread.start()

    def _supervise(self) -> None:
        while not self.stopping.wait(2):
            for index, process in enumerate(self.processes):
                if process.poll() is not None and not self.stopping.is_set():
                    log.warning("job worker exited (%s): restarting it", process.returncode)
                    self.processes[index] = self._spawn(index)

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM lets a worker finish its current job; past ``timeout`` it is killed."""
        log.info("stopping the job workers")
        self.stopping.set()
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.info("job workers stopped")


class ComptoirServer(BaseApplication):  # type: ignore[misc]
    """Gunicorn embedded: no configuration file, the options come from ``comptoir serve``."""

    def __init__(self, options: dict[str, Any], job_workers: JobWorkers | None) -> None:
        self.options = options
        self.job_workers = job_workers
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn 24+ opens a control socket in the home folder: not needed, and two
            # servers on one machine would fight over it.
            self.cfg.set("control_socket_disable", True)
        self.cfg.set("when_ready", self._when_ready)
        self.cfg.set("on_exit", self._on_exit)
        self.cfg.set("worker_exit", self._worker_exit)
        self.cfg.set("pre_fork", self._pre_fork)

    def _when_ready(self, server: Any) -> None:
        if self.job_workers is not None:
            self.job_workers.start()

    def _on_exit(self, server: Any) -> None:
        if self.job_workers is not None:
            self.job_workers.stop()

    @staticmethod
    def _pre_fork(server: Any, worker: Any) -> None:
        freeze_startup_objects()

    @staticmethod
    def _worker_exit(server: Any, worker: Any) -> None:
        """Leave at once: the interpreter's clean-up would touch every object inherited from
        the preloaded master (copying its memory) and take seconds per process."""
        from django.db import connections

        connections.close_all()
        logging.shutdown()
        os._exit(0)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()


def serve(
    bind: str, web_workers: int, job_workers: int, threads: int = 8, timeout: int = 120
) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM), the job workers with it."""
    from django.db import connections

    warm_up_pdf()  # in the master, before forking: every web worker starts warm
    connections.close_all()  # no database connection may be shared with forked workers
    options = {
        "bind": bind,
        "workers": web_workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "graceful_timeout": 30,
        "preload_app": True,
        "accesslog": os.environ.get("COMPTOIR_ACCESS_LOG") or None,
        "errorlog": "-",
        "loglevel": os.environ.get("COMPTOIR_LOG_LEVEL", "warning").lower(),
        "proc_name": "comptoir",
        # Behind a proxy (nginx...) on another machine: COMPTOIR_FORWARDED_ALLOW_IPS=10.0.0.5
        "forwarded_allow_ips": os.environ.get("COMPTOIR_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    }
    workers = JobWorkers(job_workers) if job_workers > 0 else None
    ComptoirServer(options, workers).run()
