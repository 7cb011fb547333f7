"""The daily jobs, and the schedule that queues them once a day.

Run by the worker every day at ``COMPTOIR_DAILY_AT`` (local time, 06:00 by default), or at
once with ``comptoir daily``: sent offers past their validity expire, the dunning run's
proposal becomes a task for the managers, and each user gets the morning reminder of the
tasks due. Every step is idempotent, so running the day twice changes nothing more.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DailyRun

log = logging.getLogger(__name__)


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
    from comptoir.sales import collection, services

    from .reminders import users_with_tasks_due
    from .tasks import email_task_reminder

    day = day or timezone.localdate()
    expired = services.expire_offers(day)
    dunning = collection.propose_dunning_run(day)
    reminded = users_with_tasks_due(day)
    for user_id in reminded:
        email_task_reminder.enqueue(user_id, day.isoformat())
    return {
        "day": day.isoformat(),
        "offers_expired": expired,
        "dunning_letters_proposed": dunning,
        "reminders_queued": len(reminded),
    }


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
