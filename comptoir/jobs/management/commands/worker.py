"""``comptoir worker``: run the queued jobs, and queue the daily jobs once a day.

``comptoir serve`` starts one beside the web server; on a bigger install run as many as
needed, on this machine or others sharing the database (``--once`` empties the queue and
stops, for cron or tests).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection

from comptoir.jobs import daily

log = logging.getLogger(__name__)
SCHEDULE_EVERY_S = 60


def _schedule(stop: threading.Event) -> None:
    """Look each minute whether the day's jobs are due; a busy database waits a minute."""
    while not stop.is_set():
        try:
            if daily.queue_daily_if_due():
                log.info("daily jobs queued")
        except OperationalError:
            log.warning("daily schedule: database busy, next try in a minute")
        except Exception:  # the schedule must outlive a fault, the worker goes on
            log.exception("daily schedule failed")
        finally:
            connection.close()
        stop.wait(SCHEDULE_EVERY_S)


class Command(BaseCommand):
    help = "Run background jobs (load plans, e-mail, imports) and the daily schedule."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs waiting in the queue (and today's daily jobs if due), then stop.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between two looks at an empty queue (default 1).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not queue the daily jobs from this worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if options["once"]:
            if not options["no_schedule"]:
                daily.queue_daily_if_due()
        elif not options["no_schedule"]:
            threading.Thread(target=_schedule, args=(stop,), daemon=True, name="schedule").start()
        try:
            call_command(
                "db_worker",
                queue_name="*",
                interval=options["interval"],
                batch=options["once"],
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
            )
        finally:
            stop.set()
