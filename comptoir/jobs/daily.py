"""The daily jobs, and the schedule that queues them once a day.

Run by the worker every day at ``COMPTOIR_DAILY_AT`` (local time, 06:00 by default), or at
once with ``comptoir daily``. The steps belong to the business areas, which register them
when Django starts (``AppConfig.ready``), so the queue knows no area: sales expires the
offers past their validity and proposes the dunning run, parties queues each user's
morning reminder of the tasks due (after the dunning proposal, which opens tasks). Every
step is idempotent, so running the day twice changes nothing more.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DailyRun

log = logging.getLogger(__name__)

#: A daily step: takes the day, returns how many things it did (printed by ``comptoir daily``).
DailyStep = Callable[[dt.date], int]

_STEPS: dict[str, tuple[int, DailyStep]] = {}


def register_daily(name: str, step: DailyStep, *, order: int) -> None:
    """Add a step to the day (``order``: lower runs first); registering again replaces it."""
    _STEPS[name] = (order, step)


def daily_steps() -> list[tuple[str, DailyStep]]:
    """The registered steps in the order they run."""
    return [(name, step) for name, (_, step) in sorted(_STEPS.items(), key=lambda i: i[1][0])]


def daily_at() -> dt.time:
    """When the day's jobs are queued (``COMPTOIR_DAILY_AT``, HH:MM local time)."""
    raw = os.environ.get("COMPTOIR_DAILY_AT", "06:00")
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        log.warning("COMPTOIR_DAILY_AT=%r is not a time (HH:MM): 06:00 used", raw)
        return dt.time(6, 0)


def run_daily(day: dt.date | None = None) -> dict[str, Any]:
    """Everything the day needs; returns what was done (printed by ``comptoir daily``)."""
    day = day or timezone.localdate()
    done: dict[str, Any] = {"day": day.isoformat()}
    for name, step in daily_steps():
        done[name] = step(day)
    return done


def refresh_statistics(day: dt.date) -> int:
    """SQLite's query planner statistics (ANALYZE), refreshed once a day: without them it
    may not pick the covering indexes the dashboards rely on (PostgreSQL's autovacuum keeps
    its own). Returns 1 when refreshed."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return 1


def queue_daily_if_due(now: dt.datetime | None = None) -> bool:
    """Queue today's daily jobs once, from the first worker that looks after ``daily_at``.

    The day's row is unique: two workers looking at the same moment queue the jobs once."""
    from .tasks import daily_jobs

    local = timezone.localtime(now)
    if local.time() < daily_at():
        return False
    day = local.date()
    if DailyRun.objects.filter(day=day).exists():
        return False
    try:
        with transaction.atomic():
            DailyRun.objects.create(day=day)
            daily_jobs.enqueue(day.isoformat())
    except IntegrityError:  # another worker was first
        return False
    return True
