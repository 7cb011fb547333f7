"""``comptoir serve``: migrate, load the demo on first run if asked, and serve.

By default a production server (gunicorn, several processes) with the job worker beside it;
``--dev`` keeps Django's development server, reloading on code changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from comptoir.web import server


class Command(BaseCommand):
    help = "Apply migrations, optionally load the demo data on first run, and serve Comptoir."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--demo", action="store_true", help="Load the demo company if the database is empty."
        )
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Django's development server, reloading when the code changes.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("COMPTOIR_WEB_WORKERS", 0)) or server.default_web_workers(),
            help="Web server processes (default: 2 per CPU + 1, at most 8; COMPTOIR_WEB_WORKERS).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("COMPTOIR_WEB_THREADS", 8)),
            help="Threads per web server process (default 8; COMPTOIR_WEB_THREADS).",
        )
        parser.add_argument(
            "--job-workers",
            type=int,
            default=int(os.environ.get("COMPTOIR_JOB_WORKERS", 2)),
            help="Job worker processes started beside the server (default 2; 0 when they run "
            "elsewhere; COMPTOIR_JOB_WORKERS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        addrport = options["addrport"]
        if ":" not in addrport:
            addrport = f"127.0.0.1:{addrport}"
        if options["workers"] < 1 or options["threads"] < 1 or options["job_workers"] < 0:
            raise CommandError(
                "--workers and --threads must be at least 1, --job-workers at least 0."
            )
        if os.environ.get("RUN_MAIN") != "true":  # not again in the reloader's child
            call_command("migrate", interactive=False, verbosity=0)
            if options["demo"]:
                call_command("demo", if_empty=True)
            self.stdout.write(self.style.SUCCESS(f"Comptoir is served on http://{addrport}/"))
        if options["dev"]:
            self._serve_dev(addrport, options["job_workers"])
        else:
            server.serve(
                addrport, options["workers"], options["job_workers"], threads=options["threads"]
            )

    def _serve_dev(self, addrport: str, job_workers: int) -> None:
        """runserver restarts its child on each code change; the job worker belongs to the
        parent, which lives as long as the command (restart it after changing a job)."""
        worker = None
        if job_workers and os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen([sys.executable, "-m", "comptoir", "worker"])
        try:
            # runserver serves static files through WhiteNoise, so this works with debug off.
            call_command("runserver", addrport, use_reloader=True, use_threading=True)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(30)
